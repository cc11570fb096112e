// Bindings for cpp/l2lab/l1: Chain, ChainConfig, Transaction, Receipt, Log, Block, blobs,
// inclusion policies (subclassable), native contracts (subclassable), the gas schedule.
//
// GIL: block production, bulk calls, snapshots and view calls release the GIL; Python contracts
// and policies re-acquire it in their trampolines. Python contracts signal revert and
// out-of-gas with l2lab.l1.Revert / l2lab.l1.OutOfGas, translated to and from the C++ signals.
#include <pybind11/stl.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/crypto/address.hpp"
#include "l2lab/l1/chain.hpp"

namespace py = pybind11;

namespace l2lab::bindings {
namespace {

using namespace l2lab::l1;
using Release = py::call_guard<py::gil_scoped_release>;

PyObject* g_revert = nullptr;      // l2lab.l1.Revert
PyObject* g_out_of_gas = nullptr;  // l2lab.l1.OutOfGas

py::bytes to_pybytes(BytesView b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

// Address, str ("0x..."), 20 bytes, or anything with an `.address` (Account, PrivateKey).
// Malformed text raises InvalidArgumentError through Address's own constructor.
Address to_address(const py::handle& h) {
    if (py::isinstance<Address>(h)) return h.cast<Address>();
    if (!py::isinstance<py::str>(h) && !py::isinstance<py::bytes>(h) && py::hasattr(h, "address")) {
        return to_address(h.attr("address"));
    }
    return py::type::of<Address>()(h).cast<Address>();
}

// A storage key: 32 bytes, or an int in [0, 2**256) taken as its 32-byte big-endian form.
Hash32 to_key(const py::handle& h) {
    if (py::isinstance<py::int_>(h) && !py::isinstance<py::bool_>(h)) {
        const auto b = to_be32(h.cast<u256>());
        return Hash32::from_view(b);
    }
    return h.cast<Hash32>();
}

std::vector<Hash32> to_topics(const py::handle& seq) {
    std::vector<Hash32> out;
    for (auto t : seq) out.push_back(t.cast<Hash32>());
    return out;
}

std::string short_hex(const Hash32& h) { return h.hex().substr(0, 10) + "…"; }

// Python exceptions raised inside a Python contract become the C++ signals; any other Python
// exception is re-raised as a C++ runtime_error (the chain turns it into a "panic" revert), so
// no Python object outlives the GIL.
[[noreturn]] void rethrow_from_python(py::error_already_set& e) {
    if (e.matches(g_revert)) {
        py::object v = e.value();
        const py::tuple args = v.attr("args");
        std::string reason = args.empty() ? std::string() : std::string(py::str(args[0]));
        throw Revert{std::move(reason)};
    }
    if (e.matches(g_out_of_gas)) throw gas::OutOfGas{0, 0};
    throw std::runtime_error(e.what());
}

class PyNativeContract : public NativeContract, public py::trampoline_self_life_support {
public:
    std::string name() const override {
        py::gil_scoped_acquire gil;
        if (auto f = py::get_override(static_cast<const NativeContract*>(this), "name")) {
            return f().cast<std::string>();
        }
        return py::type::of(py::cast(this)).attr("__name__").cast<std::string>();
    }
    void construct(CallContext& ctx, BytesView args) const override {
        py::gil_scoped_acquire gil;
        auto f = py::get_override(static_cast<const NativeContract*>(this), "construct");
        if (!f) {
            py::gil_scoped_release release;
            NativeContract::construct(ctx, args);
            return;
        }
        try {
            f(py::cast(&ctx, py::return_value_policy::reference), to_pybytes(args));
        } catch (py::error_already_set& e) {
            rethrow_from_python(e);
        }
    }
    Bytes call(CallContext& ctx, BytesView data) const override {
        py::gil_scoped_acquire gil;
        auto f = py::get_override(static_cast<const NativeContract*>(this), "call");
        if (!f) throw std::runtime_error("NativeContract subclass does not define call(ctx, data)");
        try {
            py::object r = f(py::cast(&ctx, py::return_value_policy::reference), to_pybytes(data));
            if (r.is_none()) return {};
            return r.cast<Bytes>();
        } catch (py::error_already_set& e) {
            rethrow_from_python(e);
        } catch (const py::cast_error&) {
            throw std::runtime_error("call() must return bytes or None");
        }
    }
};

class PyInclusionPolicy : public InclusionPolicy, public py::trampoline_self_life_support {
public:
    std::vector<std::size_t> order(const BlockContext& block, std::span<const PendingTx> pending,
                                   Rng& rng) const override {
        py::gil_scoped_acquire gil;
        auto f = py::get_override(static_cast<const InclusionPolicy*>(this), "order");
        if (!f) throw StateError("InclusionPolicy subclass does not define order()");
        try {
            std::vector<PendingTx> list(pending.begin(), pending.end());
            return f(block, list, py::cast(&rng, py::return_value_policy::reference))
                .cast<std::vector<std::size_t>>();
        } catch (py::error_already_set& e) {
            throw StateError(std::string("inclusion policy raised: ") + e.what());
        } catch (const py::cast_error&) {
            throw StateError("inclusion policy order() must return a list of ints");
        }
    }
    std::string describe() const override {
        py::gil_scoped_acquire gil;
        if (auto f = py::get_override(static_cast<const InclusionPolicy*>(this), "describe")) {
            return f().cast<std::string>();
        }
        return py::type::of(py::cast(this)).attr("__name__").cast<std::string>();
    }
};

std::string receipt_repr(const Receipt& r) {
    std::string s = "Receipt(tx=" + short_hex(r.tx_hash) + ", status=" +
                    std::string(tx_status_name(r.status));
    if (r.status == TxStatus::Reverted) s += ", reason=" + std::string(py::repr(py::str(r.revert_reason)));
    return s + ", gas_used=" + std::to_string(r.gas_used) + ", block=" +
           std::to_string(r.block_number) + ", index=" + std::to_string(r.tx_index) +
           ", logs=" + std::to_string(r.logs.size()) + ")";
}

void bind_values(py::module_& m) {
    py::enum_<TxStatus> status(m, "TxStatus", "How an included transaction ended.");
    for (auto s : {TxStatus::Success, TxStatus::Reverted, TxStatus::OutOfGas}) {
        status.value(std::string(tx_status_name(s)).c_str(), s);
    }
    py::enum_<DropReason> reason(m, "DropReason", "Why a transaction was dropped, never included.");
    for (auto r : {DropReason::InvalidSignature, DropReason::WrongChainId, DropReason::NonceTooLow,
                   DropReason::InsufficientFunds, DropReason::IntrinsicGasTooLow,
                   DropReason::GasLimitAboveBlock, DropReason::TipAboveFeeCap,
                   DropReason::FeeCapBelowBaseFee, DropReason::BlobsDisabled,
                   DropReason::BlobCountInvalid, DropReason::BlobSidecarMismatch,
                   DropReason::BlobVersionInvalid, DropReason::BlobFeeCapTooLow,
                   DropReason::DuplicateTransaction, DropReason::ReplacedByPolicy}) {
        reason.value(std::string(drop_reason_name(r)).c_str(), r);
    }

    py::class_<Log>(m, "Log", "An event emitted by a contract.")
        .def_readonly("address", &Log::address)
        .def_readonly("topics", &Log::topics, "list of 32-byte topics (0..4)")
        .def_property_readonly("data", [](const Log& l) { return to_pybytes(l.data); })
        .def_readonly("block_number", &Log::block_number)
        .def_readonly("tx_hash", &Log::tx_hash)
        .def_readonly("tx_index", &Log::tx_index)
        .def_readonly("log_index", &Log::log_index, "index of the log within its block")
        .def("__eq__", [](const Log& a, const Log& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const Log& l) {
            return "Log(address=" + crypto::to_checksum_hex(l.address) + ", topics=" +
                   std::to_string(l.topics.size()) + ", data=" + std::to_string(l.data.size()) +
                   " bytes, block=" + std::to_string(l.block_number) + ")";
        });

    py::class_<Receipt>(m, "Receipt", "Result of an included transaction. Gas in gas units, fees in wei.")
        .def_readonly("tx_hash", &Receipt::tx_hash)
        .def_readonly("sender", &Receipt::sender)
        .def_readonly("to", &Receipt::to)
        .def_readonly("status", &Receipt::status)
        .def_property_readonly("success", &Receipt::success)
        .def_readonly("revert_reason", &Receipt::revert_reason)
        .def_readonly("gas_used", &Receipt::gas_used, "after refund and EIP-7623 floor")
        .def_readonly("gas_refunded", &Receipt::gas_refunded, "EIP-3529 refund (already subtracted)")
        .def_readonly("effective_gas_price", &Receipt::effective_gas_price, "wei per gas")
        .def_readonly("blob_gas_used", &Receipt::blob_gas_used)
        .def_readonly("blob_gas_price", &Receipt::blob_gas_price, "wei per blob gas")
        .def_readonly("fee_burned", &Receipt::fee_burned, "wei")
        .def_readonly("priority_fee_paid", &Receipt::priority_fee_paid, "wei, to the coinbase")
        .def_readonly("logs", &Receipt::logs)
        .def_property_readonly("return_data", [](const Receipt& r) { return to_pybytes(r.return_data); })
        .def_readonly("block_number", &Receipt::block_number)
        .def_readonly("tx_index", &Receipt::tx_index)
        .def("__repr__", &receipt_repr);

    py::class_<DroppedTx>(m, "DroppedTx", "A transaction refused without inclusion (a `dropped` event).")
        .def_readonly("tx_hash", &DroppedTx::tx_hash)
        .def_readonly("sender", &DroppedTx::sender, "None when the signature did not recover")
        .def_readonly("reason", &DroppedTx::reason)
        .def_readonly("detail", &DroppedTx::detail)
        .def_readonly("block_number", &DroppedTx::block_number)
        .def("__repr__", [](const DroppedTx& d) {
            return "DroppedTx(tx=" + short_hex(d.tx_hash) + ", reason=" +
                   std::string(drop_reason_name(d.reason)) + ", detail=" +
                   std::string(py::repr(py::str(d.detail))) + ")";
        });

    py::class_<SubmitOutcome>(m, "SubmitOutcome", "Answer of Chain.submit: accepted, or dropped with a reason.")
        .def_readonly("tx_hash", &SubmitOutcome::tx_hash)
        .def_readonly("accepted", &SubmitOutcome::accepted)
        .def_readonly("reason", &SubmitOutcome::reason, "DropReason or None")
        .def_readonly("detail", &SubmitOutcome::detail)
        .def("__bool__", [](const SubmitOutcome& o) { return o.accepted; })
        .def("__repr__", [](const SubmitOutcome& o) {
            if (o.accepted) return "SubmitOutcome(accepted, tx=" + short_hex(o.tx_hash) + ")";
            return "SubmitOutcome(dropped: " + std::string(drop_reason_name(*o.reason)) + ", " +
                   std::string(py::repr(py::str(o.detail))) + ")";
        });

    py::class_<TxLookup>(m, "TxLookup", "Where a transaction is: status 'unknown', 'pending', 'included' or 'dropped'.")
        .def_property_readonly("status", [](const TxLookup& l) {
            switch (l.status) {
                case TxLookup::Status::Pending: return "pending";
                case TxLookup::Status::Included: return "included";
                case TxLookup::Status::Dropped: return "dropped";
                default: return "unknown";
            }
        })
        .def_readonly("receipt", &TxLookup::receipt)
        .def_readonly("dropped", &TxLookup::dropped)
        .def("__repr__", [](const TxLookup& l) {
            return "TxLookup(" + std::string(py::str(py::cast(l).attr("status"))) + ")";
        });

    py::class_<CallResult>(m, "CallResult", "Outcome of a view call or nested call.")
        .def_readonly("status", &CallResult::status)
        .def_property_readonly("success", &CallResult::success)
        .def_readonly("revert_reason", &CallResult::revert_reason)
        .def_property_readonly("return_data", [](const CallResult& r) { return to_pybytes(r.return_data); })
        .def("__repr__", [](const CallResult& r) {
            return "CallResult(" + std::string(tx_status_name(r.status)) + ", " +
                   std::to_string(r.return_data.size()) + " bytes)";
        });

    py::class_<BlockHeader>(m, "BlockHeader", "Block header; hash() = keccak256(encode()).")
        .def_readonly("number", &BlockHeader::number)
        .def_readonly("timestamp", &BlockHeader::timestamp, "seconds")
        .def_readonly("parent_hash", &BlockHeader::parent_hash)
        .def_readonly("coinbase", &BlockHeader::coinbase)
        .def_readonly("base_fee_per_gas", &BlockHeader::base_fee_per_gas)
        .def_readonly("gas_limit", &BlockHeader::gas_limit)
        .def_readonly("gas_used", &BlockHeader::gas_used)
        .def_readonly("blob_gas_used", &BlockHeader::blob_gas_used)
        .def_readonly("excess_blob_gas", &BlockHeader::excess_blob_gas)
        .def_readonly("state_digest", &BlockHeader::state_digest)
        .def_readonly("receipts_root", &BlockHeader::receipts_root)
        .def_readonly("tx_hashes", &BlockHeader::tx_hashes)
        .def("encode", [](const BlockHeader& h) { return to_pybytes(h.encode()); })
        .def("hash", &BlockHeader::hash);

    py::class_<Block, py::smart_holder>(m, "Block", "A produced block (immutable).")
        .def_property_readonly("header", [](const Block& b) { return b.header; })
        .def_readonly("hash", &Block::hash)
        .def_property_readonly("number", [](const Block& b) { return b.header.number; })
        .def_property_readonly("timestamp", [](const Block& b) { return b.header.timestamp; })
        .def_property_readonly("transactions", [](const Block& b) {
            std::vector<Transaction> out;
            for (const auto& t : b.transactions) out.push_back(*t);
            return out;
        })
        .def_readonly("receipts", &Block::receipts)
        .def_readonly("dropped", &Block::dropped, "DroppedTx events reported in this block")
        .def_readonly("blob_base_fee", &Block::blob_base_fee, "wei per blob gas")
        .def("__repr__", [](const Block& b) {
            return "Block(number=" + std::to_string(b.header.number) + ", timestamp=" +
                   std::to_string(b.header.timestamp) + ", txs=" + std::to_string(b.receipts.size()) +
                   ", gas_used=" + std::to_string(b.header.gas_used) + ", hash=" + short_hex(b.hash) + ")";
        });
}

void bind_tx(py::module_& m) {
    py::class_<Blob>(m, "Blob",
                     "An EIP-4844 blob of exactly 131,072 bytes. The commitment is MODELLED as "
                     "sha256(data) (no KZG); versioned_hash = 0x01 || sha256(commitment)[1:].")
        .def(py::init([](const Bytes& data) { return Blob::from_data(data); }), py::arg("data"),
             "Blob holding data zero-padded to 131,072 bytes; InvalidArgumentError if longer.")
        .def_property_readonly("data", [](const Blob& b) { return to_pybytes(b.data()); })
        .def_property_readonly("versioned_hash", &Blob::versioned_hash)
        .def_property_readonly("modelled_commitment", &Blob::modelled_commitment)
        .def("__eq__", [](const Blob& a, const Blob& b) { return a == b; }, py::is_operator())
        .def("__repr__", [](const Blob& b) { return "Blob(" + short_hex(b.versioned_hash()) + ")"; });
    m.def("versioned_hash_from_commitment", &versioned_hash_from_commitment, py::arg("commitment"),
          "EIP-4844 kzg_to_versioned_hash: 0x01 || sha256(commitment)[1:].");

    py::class_<Transaction>(m, "Transaction",
                            "An L1 transaction. Fees in wei per gas; value in wei. Sign with "
                            "tx.sign(private_key); the chain recovers the sender. Fields left 0 "
                            "are filled by World.submit.")
        .def(py::init([](const py::object& to, const u256& value, const Bytes& data,
                         std::uint64_t nonce, std::uint64_t gas_limit, const u256& max_fee_per_gas,
                         const u256& max_priority_fee_per_gas, std::uint64_t chain_id,
                         const u256& max_fee_per_blob_gas, const std::vector<Hash32>& hashes,
                         const std::vector<Blob>& blobs) {
                 Transaction tx;
                 if (!to.is_none()) tx.to = to_address(to);
                 tx.value = value;
                 tx.data = data;
                 tx.nonce = nonce;
                 tx.gas_limit = gas_limit;
                 tx.max_fee_per_gas = max_fee_per_gas;
                 tx.max_priority_fee_per_gas = max_priority_fee_per_gas;
                 tx.chain_id = chain_id;
                 tx.max_fee_per_blob_gas = max_fee_per_blob_gas;
                 tx.blob_versioned_hashes = hashes;
                 tx.blobs = blobs;
                 if (tx.blob_versioned_hashes.empty()) {
                     for (const Blob& b : tx.blobs) tx.blob_versioned_hashes.push_back(b.versioned_hash());
                 }
                 return tx;
             }),
             py::arg("to") = py::none(), py::arg("value") = 0, py::arg("data") = Bytes{}, py::kw_only(),
             py::arg("nonce") = 0, py::arg("gas_limit") = 0, py::arg("max_fee_per_gas") = 0,
             py::arg("max_priority_fee_per_gas") = 0, py::arg("chain_id") = 0,
             py::arg("max_fee_per_blob_gas") = 0,
             py::arg("blob_versioned_hashes") = std::vector<Hash32>{},
             py::arg("blobs") = std::vector<Blob>{},
             "Transaction(to, value=0, data=b'', *, nonce, gas_limit, max_fee_per_gas, "
             "max_priority_fee_per_gas, chain_id, max_fee_per_blob_gas, blob_versioned_hashes, "
             "blobs). With blobs and no hashes, the hashes are taken from the blobs.")
        .def_property("to", [](const Transaction& t) { return t.to; },
                      [](Transaction& t, const py::object& a) { t.to = to_address(a); })
        .def_readwrite("value", &Transaction::value)
        .def_property("data", [](const Transaction& t) { return to_pybytes(t.data); },
                      [](Transaction& t, const Bytes& d) { t.data = d; })
        .def_readwrite("nonce", &Transaction::nonce)
        .def_readwrite("gas_limit", &Transaction::gas_limit)
        .def_readwrite("max_fee_per_gas", &Transaction::max_fee_per_gas)
        .def_readwrite("max_priority_fee_per_gas", &Transaction::max_priority_fee_per_gas)
        .def_readwrite("chain_id", &Transaction::chain_id)
        .def_readwrite("max_fee_per_blob_gas", &Transaction::max_fee_per_blob_gas)
        .def_readwrite("blob_versioned_hashes", &Transaction::blob_versioned_hashes)
        .def_readwrite("blobs", &Transaction::blobs, "sidecar (not signed, not encoded)")
        .def_readwrite("signature", &Transaction::signature)
        .def_property_readonly("is_blob_tx", &Transaction::is_blob_tx)
        .def_property_readonly("blob_gas", &Transaction::blob_gas)
        .def("sign", &Transaction::sign, py::arg("key"), "Sign with a PrivateKey (overwrites signature).")
        .def("signing_hash", &Transaction::signing_hash)
        .def("recover_sender", &Transaction::recover_sender, "Sender Address, or None.")
        .def("encode", [](const Transaction& t) { return to_pybytes(t.encode()); },
             "Canonical RLP of the signed transaction (no sidecar).")
        .def("hash", &Transaction::hash, "keccak256(encode()).")
        .def_static("decode", [](const Bytes& b) { return Transaction::decode(b); }, py::arg("data"),
                    "Strict inverse of encode(); DecodeError on anything else.")
        .def("__repr__", [](const Transaction& t) {
            return "Transaction(to=" + crypto::to_checksum_hex(t.to) + ", value=" + to_dec(t.value) +
                   ", data=" + std::to_string(t.data.size()) + " bytes, nonce=" +
                   std::to_string(t.nonce) + ", gas_limit=" + std::to_string(t.gas_limit) +
                   (t.is_blob_tx() ? ", blobs=" + std::to_string(t.blob_versioned_hashes.size()) : "") + ")";
        });

    py::class_<PendingTx>(m, "PendingTx", "A transaction waiting in the mempool.")
        .def_property_readonly("tx", [](const PendingTx& p) { return *p.tx; })
        .def_readonly("tx_hash", &PendingTx::tx_hash)
        .def_readonly("sender", &PendingTx::sender)
        .def_readonly("arrival_seq", &PendingTx::arrival_seq)
        .def_readonly("arrival_block", &PendingTx::arrival_block,
                      "first block that could include it")
        .def("__repr__", [](const PendingTx& p) {
            return "PendingTx(tx=" + short_hex(p.tx_hash) + ", sender=" +
                   crypto::to_checksum_hex(p.sender) + ", nonce=" + std::to_string(p.tx->nonce) + ")";
        });
}

void bind_policies(py::module_& m) {
    py::class_<BlockContext>(m, "BlockContext", "The block an inclusion policy orders for.")
        .def_readonly("block_number", &BlockContext::block_number)
        .def_readonly("timestamp", &BlockContext::timestamp)
        .def_readonly("base_fee", &BlockContext::base_fee)
        .def_readonly("blob_base_fee", &BlockContext::blob_base_fee);
    m.def("effective_tip", &effective_tip, py::arg("tx"), py::arg("base_fee"),
          "min(max_priority_fee, max_fee - base_fee), 0 when underpriced (EIP-1559).");

    py::class_<InclusionPolicy, PyInclusionPolicy, py::smart_holder>(
        m, "InclusionPolicy",
        "Decides which pending transactions the next block tries, in which order. Subclass it in "
        "Python and define order(block, pending, rng) -> list of indices into pending (left-out "
        "ones stay pending) and optionally describe(). Must be deterministic: draw randomness only "
        "from rng.")
        .def(py::init<>())
        .def("order",
             [](const InclusionPolicy& p, const BlockContext& b, const std::vector<PendingTx>& pending, Rng& rng) {
                 return p.order(b, pending, rng);
             },
             py::arg("block"), py::arg("pending"), py::arg("rng"))
        .def("describe", &InclusionPolicy::describe)
        .def("__repr__", [](const InclusionPolicy& p) { return "<InclusionPolicy " + p.describe() + ">"; });
    py::class_<HonestPolicy, InclusionPolicy, py::smart_holder>(
        m, "HonestPolicy", "By effective tip (highest first), then arrival.")
        .def(py::init<>());
    py::class_<CensorPolicy, InclusionPolicy, py::smart_holder>(
        m, "CensorPolicy",
        "Leaves out the listed senders' transactions for at most max_blocks blocks after arrival, "
        "then orders them with `inner` (default honest).")
        .def(py::init([](const py::iterable& senders, std::uint64_t max_blocks,
                         std::shared_ptr<InclusionPolicy> inner) {
                 std::set<Address> s;
                 for (auto a : senders) s.insert(to_address(a));
                 return std::make_shared<CensorPolicy>(std::move(s), max_blocks, std::move(inner));
             }),
             py::arg("senders"), py::arg("max_blocks"), py::arg("inner") = nullptr)
        .def_property_readonly("senders", [](const CensorPolicy& p) {
            return std::vector<Address>(p.senders().begin(), p.senders().end());
        })
        .def_property_readonly("max_blocks", &CensorPolicy::max_blocks);
    py::class_<DelayPolicy, InclusionPolicy, py::smart_holder>(
        m, "DelayPolicy", "Every transaction waits delay_blocks blocks after arrival.")
        .def(py::init([](std::uint64_t d, std::shared_ptr<InclusionPolicy> inner) {
                 return std::make_shared<DelayPolicy>(d, std::move(inner));
             }),
             py::arg("delay_blocks"), py::arg("inner") = nullptr)
        .def_property_readonly("delay_blocks", &DelayPolicy::delay_blocks);
    py::class_<ReorderPolicy, InclusionPolicy, py::smart_holder>(
        m, "ReorderPolicy", "mode='random' (seeded permutation) or 'reverse' (honest order reversed).")
        .def(py::init([](const std::string& mode) {
                 if (mode == "random") return std::make_shared<ReorderPolicy>(ReorderPolicy::Mode::Random);
                 if (mode == "reverse") return std::make_shared<ReorderPolicy>(ReorderPolicy::Mode::Reverse);
                 throw InvalidArgument("ReorderPolicy mode must be 'random' or 'reverse', got '" + mode + "'");
             }),
             py::arg("mode") = "random");
}

void bind_contracts(py::module_& m) {
    g_revert = PyErr_NewExceptionWithDoc(
        "l2lab.l1.Revert",
        "Raised by CallContext.revert(reason) inside a Python contract; let it propagate. The "
        "receipt says reverted with the reason.",
        nullptr, nullptr);
    m.add_object("Revert", py::reinterpret_borrow<py::object>(g_revert));
    g_out_of_gas = PyErr_NewExceptionWithDoc(
        "l2lab.l1.OutOfGas",
        "Raised inside a Python contract when a charge exceeds the gas left; let it propagate.",
        nullptr, nullptr);
    m.add_object("OutOfGas", py::reinterpret_borrow<py::object>(g_out_of_gas));
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const Revert& r) {
            PyErr_SetString(g_revert, r.reason.c_str());
        } catch (const gas::OutOfGas& o) {
            PyErr_SetString(g_out_of_gas, ("out of gas: needed " + std::to_string(o.needed) +
                                           ", left " + std::to_string(o.left)).c_str());
        }
    });

    py::class_<CallContext>(m, "CallContext",
                            "What a contract sees while it runs; valid only during that call. "
                            "Every method charges Ethereum's gas for the equivalent operation. "
                            "Storage keys: 32 bytes or an int.")
        .def_property_readonly("caller", &CallContext::caller)
        .def_property_readonly("origin", &CallContext::origin)
        .def_property_readonly("self_address", &CallContext::self)
        .def_property_readonly("value", &CallContext::value, "wei sent with the call")
        .def_property_readonly("block_number", &CallContext::block_number)
        .def_property_readonly("timestamp", &CallContext::timestamp)
        .def_property_readonly("chain_id", &CallContext::chain_id)
        .def_property_readonly("depth", &CallContext::depth)
        .def_property_readonly("gas_left", &CallContext::gas_left)
        .def_property_readonly("blob_count", &CallContext::blob_count)
        .def("sload", [](CallContext& c, const py::object& k) { return c.sload(to_key(k)); }, py::arg("key"),
             "Read a slot: 2100 cold / 100 warm (EIP-2929).")
        .def("sstore", [](CallContext& c, const py::object& k, const u256& v) { c.sstore(to_key(k), v); },
             py::arg("key"), py::arg("value"), "Write a slot (EIP-2200/2929/3529 metering).")
        .def("self_balance", &CallContext::self_balance)
        .def("balance_of", [](CallContext& c, const py::object& a) { return c.balance_of(to_address(a)); },
             py::arg("address"))
        .def("transfer", [](CallContext& c, const py::object& to, const u256& v) { c.transfer(to_address(to), v); },
             py::arg("to"), py::arg("amount"), "Send wei from this contract (9000 + access, +25000 to an empty account).")
        .def("emit_log", [](CallContext& c, const py::object& topics, const Bytes& data) {
                 c.emit_log(to_topics(topics), data);
             },
             py::arg("topics"), py::arg("data") = Bytes{}, "375 + 375/topic + 8/byte; at most 4 topics.")
        .def("keccak256", [](CallContext& c, const Bytes& d) { return c.keccak256(d); }, py::arg("data"))
        .def("sha256", [](CallContext& c, const Bytes& d) { return c.sha256(d); }, py::arg("data"))
        .def("ecrecover", [](CallContext& c, const Hash32& digest, const Bytes& sig) { return c.ecrecover(digest, sig); },
             py::arg("digest"), py::arg("signature"), "3000 gas; the signer Address or None.")
        .def("blob_hash", &CallContext::blob_hash, py::arg("index"), "BLOBHASH (3 gas); zero hash when out of range.")
        .def("revert", &CallContext::revert, py::arg("reason") = "", "Raise Revert(reason).")
        .def("call", [](CallContext& c, const py::object& to, const Bytes& data, const u256& value) {
                 return c.call(to_address(to), value, data);
             },
             py::arg("to"), py::arg("data") = Bytes{}, py::arg("value") = 0,
             "Nested call; a callee revert is reported in the CallResult.")
        .def("charge", &CallContext::charge, py::arg("gas"), "Charge contract-specific gas.");

    py::class_<NativeContract, PyNativeContract, py::smart_holder>(
        m, "NativeContract",
        "Base class of contracts. Subclass it and define call(ctx, data) -> bytes | None "
        "(optionally construct(ctx, args) and name()). RULE: keep ALL persistent state in "
        "storage (ctx.sload/ctx.sstore) and balance, never in Python attributes: revert, "
        "snapshot/restore and the state digest only see storage.")
        .def(py::init<>())
        .def("name", &NativeContract::name);
}

void bind_config(py::module_& m) {
    py::class_<ChainConfig>(m, "ChainConfig",
                            "Chain parameters; defaults are Ethereum mainnet (Prague) values.")
        .def(py::init([](const py::kwargs& kw) {
                 ChainConfig c;
                 py::object self = py::cast(c);
                 for (auto item : kw) {
                     const std::string key = py::str(item.first);
                     if (!py::hasattr(self, key.c_str()) || key.rfind('_', 0) == 0) {
                         throw InvalidArgument("ChainConfig has no field '" + key + "'");
                     }
                     self.attr(key.c_str()) = item.second;
                 }
                 return self.cast<ChainConfig>();
             }),
             "ChainConfig(**fields): any field below by keyword.")
        .def_readwrite("chain_id", &ChainConfig::chain_id)
        .def_readwrite("block_time", &ChainConfig::block_time, "seconds (12)")
        .def_readwrite("genesis_timestamp", &ChainConfig::genesis_timestamp, "seconds")
        .def_readwrite("block_gas_limit", &ChainConfig::block_gas_limit, "30,000,000")
        .def_property("coinbase", [](const ChainConfig& c) { return c.coinbase; },
                      [](ChainConfig& c, const py::object& a) { c.coinbase = to_address(a); })
        .def_readwrite("eip1559", &ChainConfig::eip1559)
        .def_readwrite("initial_base_fee", &ChainConfig::initial_base_fee, "wei per gas (EIP-1559: 1 gwei)")
        .def_readwrite("elasticity_multiplier", &ChainConfig::elasticity_multiplier)
        .def_readwrite("base_fee_max_change_denominator", &ChainConfig::base_fee_max_change_denominator)
        .def_readwrite("eip7623", &ChainConfig::eip7623)
        .def_readwrite("calldata_floor_per_token", &ChainConfig::calldata_floor_per_token)
        .def_readwrite("blobs", &ChainConfig::blobs)
        .def_readwrite("target_blobs_per_block", &ChainConfig::target_blobs_per_block)
        .def_readwrite("max_blobs_per_block", &ChainConfig::max_blobs_per_block)
        .def_readwrite("blob_base_fee_update_fraction", &ChainConfig::blob_base_fee_update_fraction)
        .def_readwrite("min_base_fee_per_blob_gas", &ChainConfig::min_base_fee_per_blob_gas)
        .def_readwrite("blob_retention_blocks", &ChainConfig::blob_retention_blocks)
        .def_readwrite("drop_underpriced", &ChainConfig::drop_underpriced)
        .def_property_readonly("gas_target", &ChainConfig::gas_target)
        .def("validate", &ChainConfig::validate, "InvalidArgumentError naming a bad field.")
        .def("__repr__", [](const ChainConfig& c) {
            return "ChainConfig(chain_id=" + std::to_string(c.chain_id) + ", block_time=" +
                   std::to_string(c.block_time) + ", block_gas_limit=" + std::to_string(c.block_gas_limit) +
                   ", eip1559=" + (c.eip1559 ? "True" : "False") + ", eip7623=" +
                   (c.eip7623 ? "True" : "False") + ", blobs=" + (c.blobs ? "True" : "False") + ")";
        });
}

LogFilter make_filter(const py::object& address, const py::object& topics, std::uint64_t from_block,
                      std::optional<std::uint64_t> to_block) {
    LogFilter f;
    f.from_block = from_block;
    f.to_block = to_block;
    if (!address.is_none()) {
        if (py::isinstance<py::list>(address) || py::isinstance<py::tuple>(address)) {
            for (auto a : address) f.addresses.push_back(to_address(a));
        } else {
            f.addresses.push_back(to_address(address));
        }
    }
    if (topics.is_none()) return f;
    const auto seq = py::reinterpret_borrow<py::sequence>(topics);
    if (py::len(seq) > 4) throw InvalidArgument("logs: at most 4 topic positions, got " + std::to_string(py::len(seq)));
    for (std::size_t i = 0; i < py::len(seq); ++i) {
        py::object t = seq[i];
        if (t.is_none()) continue;
        if (py::isinstance<py::list>(t) || py::isinstance<py::tuple>(t)) {
            f.topics[i] = to_topics(t);
        } else {
            f.topics[i] = {t.cast<Hash32>()};
        }
    }
    return f;
}

void bind_chain(py::module_& m) {
    py::class_<ChainSnapshot>(m, "ChainSnapshot", "Opaque copy of a whole Chain; restorable only into it.")
        .def_property_readonly("block_number", &ChainSnapshot::block_number)
        .def_property_readonly("state_digest", &ChainSnapshot::state_digest)
        .def("__repr__", [](const ChainSnapshot& s) {
            return "ChainSnapshot(block_number=" + std::to_string(s.block_number()) + ")";
        });

    py::class_<TransferBatchResult>(m, "TransferBatchResult", "Counts from Chain.execute_transfers.")
        .def_readonly("submitted", &TransferBatchResult::submitted)
        .def_readonly("accepted", &TransferBatchResult::accepted)
        .def_readonly("included", &TransferBatchResult::included)
        .def_readonly("blocks", &TransferBatchResult::blocks)
        .def_readonly("gas_used", &TransferBatchResult::gas_used)
        .def("__repr__", [](const TransferBatchResult& r) {
            return "TransferBatchResult(submitted=" + std::to_string(r.submitted) + ", accepted=" +
                   std::to_string(r.accepted) + ", included=" + std::to_string(r.included) +
                   ", blocks=" + std::to_string(r.blocks) + ")";
        });

    py::class_<Chain>(m, "Chain",
                      "The simulated L1. Deterministic in (config, seed, calls). Addresses may be "
                      "given as Address, '0x' text, 20 bytes, or anything with .address.")
        .def(py::init([](std::optional<ChainConfig> config, std::uint64_t seed) {
                 return std::make_unique<Chain>(config ? *config : ChainConfig{}, Rng(seed));
             }),
             py::arg("config") = py::none(), py::arg("seed") = 0)
        .def_property_readonly("config", &Chain::config, "The ChainConfig (a copy).")
        .def("balance", [](const Chain& c, const py::object& a) { return c.balance(to_address(a)); }, py::arg("address"), "wei")
        .def("nonce", [](const Chain& c, const py::object& a) { return c.nonce(to_address(a)); }, py::arg("address"))
        .def("next_nonce", [](const Chain& c, const py::object& a) { return c.next_nonce(to_address(a)); },
             py::arg("address"), "account nonce, or one past the highest pending nonce")
        .def("storage", [](const Chain& c, const py::object& a, const py::object& k) { return c.storage(to_address(a), to_key(k)); },
             py::arg("address"), py::arg("key"))
        .def("state_digest", &Chain::state_digest, Release(), "keccak256 of the canonical RLP of the whole state")
        .def("mint", [](Chain& c, const py::object& a, const u256& v) { c.mint(to_address(a), v); },
             py::arg("address"), py::arg("amount"), "Create wei for an account (set-up, not a tx).")
        .def_property_readonly("total_minted", &Chain::total_minted, "wei created by mint()")
        .def_property_readonly("total_burned", &Chain::total_burned, "wei burned (EIP-1559 base fees + blob fees)")
        .def_property_readonly("total_balance", [](const Chain& c) { return c.state().total_balance(); }, "sum of all balances, wei")
        .def("deploy", [](Chain& c, std::shared_ptr<NativeContract> code, const py::object& deployer, const Bytes& args) {
                 const Address d = to_address(deployer);
                 py::gil_scoped_release release;
                 return c.deploy(std::move(code), d, args);
             },
             py::arg("contract"), py::arg("deployer"), py::arg("args") = Bytes{},
             "Deploy at the CREATE address of (deployer, nonce); runs construct(ctx, args). "
             "StateError when the constructor reverts (nothing changes).")
        .def("deploy_at", [](Chain& c, const py::object& at, std::shared_ptr<NativeContract> code, const Bytes& args) {
                 const Address a = to_address(at);
                 py::gil_scoped_release release;
                 c.deploy_at(a, std::move(code), args);
             },
             py::arg("address"), py::arg("contract"), py::arg("args") = Bytes{},
             "Deploy at a fixed address (predeploy); StateError if code is there or the constructor fails.")
        .def("has_contract", [](const Chain& c, const py::object& a) { return c.contract_at(to_address(a)) != nullptr; },
             py::arg("address"), "True when a contract is deployed at address.")
        .def("view_call", [](Chain& c, const py::object& from, const py::object& to, const Bytes& data,
                             std::uint64_t gas_limit, const u256& value) {
                 const Address f = to_address(from), t = to_address(to);
                 py::gil_scoped_release release;
                 return c.view_call(f, t, data, gas_limit, value);
             },
             py::arg("sender"), py::arg("to"), py::arg("data") = Bytes{}, py::arg("gas_limit") = 30'000'000,
             py::arg("value") = 0, "eth_call-like: run and roll back; changes nothing.")
        .def("submit", &Chain::submit, py::arg("tx"), Release(),
             "Queue a signed Transaction or drop it with a typed reason (a value, not an exception).")
        .def("submit_many", &Chain::submit_many, py::arg("txs"), Release(), "submit() each, in order; list of SubmitOutcome.")
        .def("lookup", &Chain::lookup, py::arg("tx_hash"), "TxLookup: pending / included (with receipt) / dropped (with reason) / unknown.")
        .def("receipt", &Chain::receipt, py::arg("tx_hash"), "Receipt or None.")
        .def_property_readonly("pending", &Chain::pending, "PendingTx list in arrival order.")
        .def_property_readonly("pending_count", &Chain::pending_count, "number of pending transactions")
        .def_property("inclusion_policy",
                      [](const Chain& c) { return c.inclusion_policy().describe(); },
                      [](Chain& c, std::shared_ptr<InclusionPolicy> p) { c.set_inclusion_policy(std::move(p)); },
                      "Set an InclusionPolicy; reads back its description.")
        .def("produce_block", [](Chain& c, std::optional<std::uint64_t> ts, const py::object& coinbase) {
                 BlockOptions o;
                 o.timestamp = ts;
                 if (!coinbase.is_none()) o.coinbase = to_address(coinbase);
                 py::gil_scoped_release release;
                 const Block& b = c.produce_block(o);
                 return std::const_pointer_cast<Block>(c.block_ptr(b.header.number));
             },
             py::arg("timestamp") = py::none(), py::arg("coinbase") = py::none(),
             "Build, execute and append the next block; returns it.")
        .def("mine", &Chain::mine, py::arg("n") = 1, Release(), "produce_block() n times")
        .def("mine_until_empty", &Chain::mine_until_empty, py::arg("max_blocks"), Release(),
             "Produce blocks until the mempool is empty or max_blocks; returns how many.")
        .def_property_readonly("head", [](const Chain& c) { return std::const_pointer_cast<Block>(c.block_ptr(c.block_number())); },
                               "The latest Block.")
        .def("block", [](const Chain& c, std::uint64_t n) { return std::const_pointer_cast<Block>(c.block_ptr(n)); },
             py::arg("number"), "Block by number; InvalidArgumentError beyond the head.")
        .def_property_readonly("block_number", &Chain::block_number, "head block number")
        .def_property_readonly("timestamp", &Chain::timestamp, "head timestamp, seconds")
        .def_property_readonly("base_fee", &Chain::base_fee, "next block's base fee, wei per gas")
        .def_property_readonly("excess_blob_gas", &Chain::excess_blob_gas, "next block's excess blob gas (EIP-4844)")
        .def_property_readonly("blob_base_fee", &Chain::blob_base_fee, "next block's, wei per blob gas")
        .def("logs", [](const Chain& c, const py::object& address, const py::object& topics,
                        std::uint64_t from_block, std::optional<std::uint64_t> to_block) {
                 const LogFilter f = make_filter(address, topics, from_block, to_block);
                 py::gil_scoped_release release;
                 return c.logs(f);
             },
             py::arg("address") = py::none(), py::arg("topics") = py::none(), py::kw_only(),
             py::arg("from_block") = 0, py::arg("to_block") = py::none(),
             "Logs by address (one or a list), topics (up to 4 positions: None, 32 bytes, or a "
             "list of alternatives) and inclusive block range.")
        .def("blob", &Chain::blob, py::arg("versioned_hash"), "Blob while retained and not withheld, else None.")
        .def("withhold_blob", &Chain::withhold_blob, py::arg("versioned_hash"),
             "Make that blob's data unavailable from now on (data-availability scenarios); the tx stays valid.")
        .def("blob_withheld", &Chain::blob_withheld, py::arg("versioned_hash"), "True after withhold_blob(versioned_hash).")
        .def("snapshot", &Chain::snapshot, Release(), "ChainSnapshot of everything (state, blocks, mempool, fees, blobs, rng, policy).")
        .def("restore", &Chain::restore, py::arg("snapshot"), Release(),
             "Back to the snapshot exactly; StateError for another chain's snapshot.")
        .def("sign_transfers",
             [](const Chain& c, const std::vector<crypto::PrivateKey>& keys, const py::iterable& requests,
                const u256& max_fee, const u256& tip, std::uint64_t gas_limit) {
                 std::vector<TransferRequest> reqs;
                 for (auto r : requests) {
                     const auto t = py::reinterpret_borrow<py::tuple>(r);
                     if (py::len(t) != 3) throw InvalidArgument("each request is (sender_index, to, value)");
                     reqs.push_back({t[0].cast<std::size_t>(), to_address(t[1]), t[2].cast<u256>()});
                 }
                 py::gil_scoped_release release;
                 return c.sign_transfers(keys, reqs, FeeParams{max_fee, tip, gas_limit});
             },
             py::arg("keys"), py::arg("requests"), py::kw_only(), py::arg("max_fee_per_gas") = u256(2'000'000'000),
             py::arg("max_priority_fee_per_gas") = u256(1'000'000'000), py::arg("gas_limit") = 21'000,
             "Sign plain transfers in C++: requests are (sender_index, to, value) tuples; nonces "
             "continue from each sender's next_nonce().")
        .def("execute_transfers",
             [](Chain& c, const std::vector<crypto::PrivateKey>& keys, const py::iterable& requests,
                const u256& max_fee, const u256& tip, std::uint64_t gas_limit, std::uint64_t max_blocks) {
                 std::vector<TransferRequest> reqs;
                 for (auto r : requests) {
                     const auto t = py::reinterpret_borrow<py::tuple>(r);
                     if (py::len(t) != 3) throw InvalidArgument("each request is (sender_index, to, value)");
                     reqs.push_back({t[0].cast<std::size_t>(), to_address(t[1]), t[2].cast<u256>()});
                 }
                 py::gil_scoped_release release;
                 return c.execute_transfers(keys, reqs, FeeParams{max_fee, tip, gas_limit}, max_blocks);
             },
             py::arg("keys"), py::arg("requests"), py::kw_only(), py::arg("max_fee_per_gas") = u256(2'000'000'000),
             py::arg("max_priority_fee_per_gas") = u256(1'000'000'000), py::arg("gas_limit") = 21'000,
             py::arg("max_blocks") = 1'000,
             "Sign, submit and execute (sender_index, to, value) transfers in one call, producing "
             "blocks until the mempool is empty; returns a TransferBatchResult.")
        .def("__repr__", [](const Chain& c) {
            return "Chain(chain_id=" + std::to_string(c.config().chain_id) + ", block_number=" +
                   std::to_string(c.block_number()) + ", pending=" + std::to_string(c.pending_count()) + ")";
        });
}

void bind_gas(py::module_& m) {
    auto g = m.def_submodule("gas", "Ethereum's gas schedule (each constant names its EIP) and fee formulas.");
    const std::pair<const char*, std::uint64_t> constants[] = {
        {"TX_BASE", gas::kTxBase}, {"TX_DATA_ZERO", gas::kTxDataZero},
        {"TX_DATA_NONZERO", gas::kTxDataNonZero}, {"STANDARD_TOKEN_COST", gas::kStandardTokenCost},
        {"TOTAL_COST_FLOOR_PER_TOKEN", gas::kTotalCostFloorPerToken}, {"COLD_SLOAD", gas::kColdSload},
        {"WARM_STORAGE_READ", gas::kWarmStorageRead}, {"COLD_ACCOUNT_ACCESS", gas::kColdAccountAccess},
        {"SSTORE_SET", gas::kSstoreSet}, {"SSTORE_RESET", gas::kSstoreReset},
        {"SSTORE_CLEARS_REFUND", gas::kSstoreClearsRefund}, {"SSTORE_SENTRY", gas::kSstoreSentry},
        {"MAX_REFUND_QUOTIENT", gas::kMaxRefundQuotient}, {"ECRECOVER", gas::kEcrecover},
        {"KECCAK_BASE", gas::kKeccakBase}, {"KECCAK_WORD", gas::kKeccakWord},
        {"SHA256_BASE", gas::kSha256Base}, {"SHA256_WORD", gas::kSha256Word},
        {"LOG_BASE", gas::kLogBase}, {"LOG_TOPIC", gas::kLogTopic}, {"LOG_DATA_BYTE", gas::kLogDataByte},
        {"CALL_VALUE_TRANSFER", gas::kCallValueTransfer}, {"CALL_NEW_ACCOUNT", gas::kCallNewAccount},
        {"SELF_BALANCE", gas::kSelfBalance}, {"BLOB_HASH", gas::kBlobHash},
        {"NATIVE_CALL_OVERHEAD", gas::kNativeCallOverhead}, {"NATIVE_CALLDATA_WORD", gas::kNativeCalldataWord},
        {"INITIAL_BASE_FEE", gas::kInitialBaseFee}, {"ELASTICITY_MULTIPLIER", gas::kElasticityMultiplier},
        {"BASE_FEE_MAX_CHANGE_DENOMINATOR", gas::kBaseFeeMaxChangeDenominator},
        {"DEFAULT_BLOCK_GAS_LIMIT", gas::kDefaultBlockGasLimit}, {"BYTES_PER_BLOB", gas::kBytesPerBlob},
        {"GAS_PER_BLOB", gas::kGasPerBlob}, {"TARGET_BLOBS_PER_BLOCK", gas::kTargetBlobsPerBlock},
        {"MAX_BLOBS_PER_BLOCK", gas::kMaxBlobsPerBlock},
        {"BLOB_BASE_FEE_UPDATE_FRACTION", gas::kBlobBaseFeeUpdateFraction},
        {"MIN_BASE_FEE_PER_BLOB_GAS", gas::kMinBaseFeePerBlobGas},
        {"DEFAULT_BLOB_RETENTION_BLOCKS", gas::kDefaultBlobRetentionBlocks},
    };
    for (const auto& [name, value] : constants) g.attr(name) = value;
    g.attr("VERSIONED_HASH_VERSION_KZG") = gas::kVersionedHashVersionKzg;
    g.def("calldata_tokens", [](const Bytes& d) { return gas::calldata_tokens(d); }, py::arg("data"),
          "EIP-7623 tokens: zero_bytes + 4 * nonzero_bytes.");
    g.def("intrinsic_gas", [](const Bytes& d) { return gas::intrinsic_gas(d); }, py::arg("data"),
          "21000 + 4/zero byte + 16/non-zero byte (EIP-2028).");
    g.def("calldata_floor_gas", [](const Bytes& d, std::uint64_t per_token) { return gas::calldata_floor_gas(d, per_token); },
          py::arg("data"), py::arg("floor_per_token") = gas::kTotalCostFloorPerToken,
          "EIP-7623 floor: 21000 + floor_per_token * tokens.");
    g.def("keccak_cost", &gas::keccak_cost, py::arg("nbytes"));
    g.def("sha256_cost", &gas::sha256_cost, py::arg("nbytes"));
    g.def("log_cost", &gas::log_cost, py::arg("topics"), py::arg("data_bytes"));
    g.def("next_base_fee", &gas::next_base_fee, py::arg("parent_base_fee"), py::arg("parent_gas_used"),
          py::arg("parent_gas_target"), py::arg("denominator") = gas::kBaseFeeMaxChangeDenominator,
          "EIP-1559 base fee of the next block.");
    g.def("fake_exponential", &gas::fake_exponential, py::arg("factor"), py::arg("numerator"),
          py::arg("denominator"), "EIP-4844 fake_exponential, exactly as in the EIP.");
    g.def("blob_base_fee", &gas::blob_base_fee, py::arg("excess_blob_gas"),
          py::arg("update_fraction") = gas::kBlobBaseFeeUpdateFraction,
          py::arg("min_base_fee") = gas::kMinBaseFeePerBlobGas, "EIP-4844 blob base fee (EIP-7691 fraction).");
    g.def("next_excess_blob_gas", &gas::next_excess_blob_gas, py::arg("parent_excess_blob_gas"),
          py::arg("parent_blob_gas_used"), py::arg("target_blob_gas_per_block"));
    m.def("gas_table", [] {
              std::vector<py::tuple> rows;
              for (const auto& r : gas::gas_table()) rows.push_back(py::make_tuple(r.name, r.gas, r.source));
              return rows;
          },
          "The gas schedule as a list of (name, gas, source) tuples.");
}

}  // namespace

void init_l1(py::module_& m) {
    bind_values(m);
    bind_tx(m);
    bind_policies(m);
    bind_contracts(m);
    bind_config(m);
    bind_chain(m);
    bind_gas(m);
}

}  // namespace l2lab::bindings
