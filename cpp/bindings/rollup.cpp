// Bindings for cpp/l2lab/rollup: conversion and GIL release only.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/crypto/address.hpp"
#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/compression.hpp"
#include "l2lab/rollup/derivation.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/metrics.hpp"
#include "l2lab/rollup/sequencer.hpp"
#include "l2lab/rollup/state.hpp"
#include "l2lab/rollup/stf.hpp"
#include "l2lab/rollup/traffic.hpp"
#include "l2lab/rollup/tx.hpp"

namespace py = pybind11;

namespace l2lab::bindings {

namespace {

using namespace l2lab::rollup;
using release = py::call_guard<py::gil_scoped_release>;

py::object reason_obj(const std::optional<SkipReason>& r) {
    if (!r) return py::none();
    return py::str(std::string(skip_reason_name(*r)));
}
std::string addr(const Address& a) { return crypto::to_checksum_hex(a); }
py::bytes sig_bytes(const L2Tx& t) {
    return py::bytes(reinterpret_cast<const char*>(t.signature.data()), t.signature.size());
}

void bind_state(py::module_& m) {
    py::class_<L2Account>(m, "L2Account", "An L2 account: nonce and balance (wei).")
        .def(py::init([](std::uint64_t nonce, const u256& balance) { return L2Account{nonce, balance}; }),
             py::arg("nonce") = 0, py::arg("balance") = 0)
        .def_readwrite("nonce", &L2Account::nonce)
        .def_readwrite("balance", &L2Account::balance)
        .def("__eq__", [](const L2Account& a, const L2Account& b) { return a == b; })
        .def("__repr__", [](const L2Account& a) {
            return "L2Account(nonce=" + std::to_string(a.nonce) + ", balance=" + to_dec(a.balance) + ")";
        });
    py::class_<WithdrawalRecord>(m, "WithdrawalRecord",
                                 "A withdrawal recorded on L2: (sender, nonce) -> l1_recipient, amount (wei).")
        .def(py::init([](const Address& s, std::uint64_t n, const Address& r, const u256& a) {
                 return WithdrawalRecord{s, n, r, a};
             }),
             py::arg("sender"), py::arg("nonce"), py::arg("l1_recipient"), py::arg("amount"))
        .def_readonly("sender", &WithdrawalRecord::sender)
        .def_readonly("nonce", &WithdrawalRecord::nonce)
        .def_readonly("l1_recipient", &WithdrawalRecord::l1_recipient)
        .def_readonly("amount", &WithdrawalRecord::amount)
        .def("__eq__", [](const WithdrawalRecord& a, const WithdrawalRecord& b) { return a == b; })
        .def("__repr__", [](const WithdrawalRecord& w) {
            return "WithdrawalRecord(sender=" + addr(w.sender) + ", nonce=" + std::to_string(w.nonce) +
                   ", l1_recipient=" + addr(w.l1_recipient) + ", amount=" + to_dec(w.amount) + ")";
        });
    m.def("account_key", &account_key, py::arg("address"), "SMT key of an L2 account.");
    m.def("account_leaf", &account_leaf, py::arg("account"),
          "SMT value of an account: keccak256(rlp([nonce, balance])), None when empty.");
    m.def("withdrawal_key", &withdrawal_key, py::arg("sender"), py::arg("nonce"),
          "SMT key of a withdrawal (sender, nonce).");
    m.def("withdrawal_leaf", &withdrawal_leaf, py::arg("l1_recipient"), py::arg("amount"),
          "SMT value of a withdrawal: keccak256(rlp([l1_recipient, amount])).");
    py::class_<L2Checkpoint>(m, "L2Checkpoint", "Opaque journal position from L2State.checkpoint().");
    py::class_<L2State>(m, "L2State",
                        "L2 state: accounts and withdrawals committed by a Keccak sparse Merkle tree.")
        .def(py::init<>())
        .def("clone", &L2State::clone, "Deep copy (empty journal).")
        .def("account", &L2State::account, py::arg("address"), "The account (empty if untouched).")
        .def("balance", [](const L2State& s, const Address& a) { return s.account(a).balance; },
             py::arg("address"), "Balance in wei.")
        .def("nonce", [](const L2State& s, const Address& a) { return s.account(a).nonce; },
             py::arg("address"))
        .def("set_account", &L2State::set_account, py::arg("address"), py::arg("account"),
             "Overwrite an account (empty = removed).")
        .def("add_withdrawal", &L2State::add_withdrawal, py::arg("withdrawal"),
             "Record a withdrawal; StateError when (sender, nonce) is already recorded.")
        .def("withdrawal", &L2State::withdrawal, py::arg("sender"), py::arg("nonce"))
        .def("withdrawals", &L2State::withdrawals, "All withdrawals ordered by (sender, nonce).")
        .def("accounts", [](const L2State& s) {
                 py::dict d;
                 for (const auto& [a, acct] : s.accounts()) d[py::cast(a)] = py::cast(acct);
                 return d;
             }, "Dict Address -> L2Account of all non-empty accounts.")
        .def_property_readonly("total_supply", &L2State::total_supply, "Sum of balances (wei).")
        .def_property_readonly("total_withdrawn", &L2State::total_withdrawn,
                               "Sum of recorded withdrawals (wei).")
        .def_property_readonly("state_root", &L2State::state_root, "Sparse Merkle root (32 bytes).")
        .def("prove_account", &L2State::prove_account, py::arg("address"),
             "Inclusion (or non-inclusion, when empty) SmtProof of the account.")
        .def("prove_withdrawal", &L2State::prove_withdrawal, py::arg("sender"), py::arg("nonce"))
        .def("checkpoint", &L2State::checkpoint,
             "Open a (nestable) checkpoint; close it with commit(), also after rollback().")
        .def("rollback", &L2State::rollback, py::arg("checkpoint"),
             "Undo everything since checkpoint; StateError for a foreign one.")
        .def("commit", &L2State::commit, py::arg("checkpoint"),
             "Close checkpoint keeping the contents (the outermost one ends journalling); "
             "StateError for a foreign one.")
        .def_property_readonly("journaling", &L2State::journaling,
                               "Whether a checkpoint is open (writes are journalled).")
        .def_property_readonly("journal_depth", &L2State::journal_depth,
                               "Number of journalled writes.")
        .def("account_index", &L2State::account_index, py::arg("address"),
             "Registry index of the account (zk mode), None when it is not registered.")
        .def("registered_address", &L2State::registered_address, py::arg("index"),
             "The address registered under index, None when index >= registered_count.")
        .def_property_readonly("registered_count", &L2State::registered_count,
                               "Number of registered accounts (the next index).")
        .def("register_account", &L2State::register_account, py::arg("address"),
             "Register under the next index and return it; StateError when already registered.")
        .def("__repr__", [](const L2State& s) {
            return "L2State(accounts=" + std::to_string(s.accounts().size()) +
                   ", root=" + s.state_root().hex() + ")";
        });
}

void bind_tx(py::module_& m) {
    py::enum_<TxKind>(m, "TxKind", "What a signed L2 tx does.")
        .value("TRANSFER", TxKind::Transfer)
        .value("WITHDRAWAL", TxKind::Withdrawal);
    py::class_<L2Tx>(m, "L2Tx", "A signed L2 transaction (transfer or withdrawal); amounts in wei.")
        .def(py::init([](TxKind kind, std::uint64_t chain_id, std::uint64_t nonce, const u256& fee,
                         const Address& to, const u256& value) {
                 L2Tx t;
                 t.kind = kind;
                 t.chain_id = chain_id;
                 t.nonce = nonce;
                 t.fee = fee;
                 t.to = to;
                 t.value = value;
                 return t;
             }),
             py::arg("kind") = TxKind::Transfer, py::arg("chain_id") = 901, py::arg("nonce") = 0,
             py::arg("fee") = 0, py::arg("to") = Address{}, py::arg("value") = 0)
        .def_readwrite("kind", &L2Tx::kind)
        .def_readwrite("chain_id", &L2Tx::chain_id)
        .def_readwrite("nonce", &L2Tx::nonce)
        .def_readwrite("fee", &L2Tx::fee)
        .def_readwrite("to", &L2Tx::to)
        .def_readwrite("value", &L2Tx::value)
        .def_property("signature", &sig_bytes,
                      [](L2Tx& t, const Bytes& b) {
                          if (b.size() != 65) throw InvalidArgument("signature must be 65 bytes");
                          std::copy(b.begin(), b.end(), t.signature.begin());
                      }, "65 raw bytes r||s||v (not validated; the STF skips bad ones).")
        .def("signing_hash", &L2Tx::signing_hash)
        .def("sign", &L2Tx::sign, py::arg("key"), "Sign with a PrivateKey (returns None).")
        .def("recover_sender", &L2Tx::recover_sender, "Signer Address or None.")
        .def("encode", &L2Tx::encode)
        .def("hash", &L2Tx::hash)
        .def_static("decode", [](const Bytes& d) { return L2Tx::decode(d); }, py::arg("data"), "Strict decode; DecodeError otherwise.")
        .def("__eq__", [](const L2Tx& a, const L2Tx& b) { return a == b; })
        .def("__repr__", [](const L2Tx& t) {
            return std::string("L2Tx(") + (t.kind == TxKind::Transfer ? "transfer" : "withdrawal") +
                   ", nonce=" + std::to_string(t.nonce) + ", to=" + addr(t.to) +
                   ", value=" + to_dec(t.value) + ", fee=" + to_dec(t.fee) + ")";
        });
    py::class_<Deposit>(m, "Deposit", "An L2 credit from an L1 deposit (amount in wei).")
        .def(py::init([](std::uint64_t q, const Address& from, const Address& to, const u256& amount) {
                 return Deposit{q, from, to, amount};
             }),
             py::arg("queue_index") = 0, py::arg("l1_sender") = Address{}, py::arg("to") = Address{},
             py::arg("amount") = 0)
        .def_readwrite("queue_index", &Deposit::queue_index)
        .def_readwrite("l1_sender", &Deposit::l1_sender)
        .def_readwrite("to", &Deposit::to)
        .def_readwrite("amount", &Deposit::amount)
        .def("encode", &Deposit::encode)
        .def_static("decode", [](const Bytes& d) { return Deposit::decode(d); }, py::arg("data"))
        .def("__eq__", [](const Deposit& a, const Deposit& b) { return a == b; })
        .def("__repr__", [](const Deposit& d) {
            return "Deposit(to=" + addr(d.to) + ", amount=" + to_dec(d.amount) + ")";
        });
    py::class_<UndecodableOp>(m, "UndecodableOp", "A forced payload that is not an L2 tx (always skipped).")
        .def(py::init([](const Bytes& d) { return UndecodableOp{d}; }), py::arg("data"))
        .def_readonly("data", &UndecodableOp::data)
        .def("__eq__", [](const UndecodableOp& a, const UndecodableOp& b) { return a == b; })
        .def("__repr__", [](const UndecodableOp& u) {
            return "UndecodableOp(" + std::to_string(u.data.size()) + " bytes)";
        });
    m.def("encode_op", &encode_op, py::arg("op"), "Canonical encoding of an L2Tx/Deposit/UndecodableOp.");
    m.def("decode_op", [](const Bytes& d) { return decode_op(d); }, py::arg("data"), "Strict inverse of encode_op.");
    m.def("op_hash", &op_hash, py::arg("op"));
}

void bind_stf(py::module_& m) {
    py::class_<StfConfig>(m, "StfConfig", "STF parameters: L2 chain id and fee recipient.")
        .def(py::init([](std::uint64_t chain_id, const Address& fee_recipient) {
                 return StfConfig{chain_id, fee_recipient};
             }),
             py::arg("chain_id") = 901, py::arg("fee_recipient") = Address{})
        .def_readwrite("chain_id", &StfConfig::chain_id)
        .def_readwrite("fee_recipient", &StfConfig::fee_recipient)
        .def("__repr__", [](const StfConfig& c) {
            return "StfConfig(chain_id=" + std::to_string(c.chain_id) + ", fee_recipient=" +
                   addr(c.fee_recipient) + ")";
        });
    py::class_<StepOutcome>(m, "StepOutcome", "Applied, or skipped with a reason name.")
        .def_readonly("applied", &StepOutcome::applied)
        .def_property_readonly("reason", [](const StepOutcome& o) { return reason_obj(o.reason); },
                               "Stable skip reason name (e.g. 'wrong_nonce') or None.")
        .def_readonly("sender", &StepOutcome::sender)
        .def("__repr__", [](const StepOutcome& o) {
            return o.applied ? std::string("StepOutcome(applied)")
                             : "StepOutcome(skipped: " + std::string(skip_reason_name(*o.reason)) + ")";
        });
    py::class_<StepReceipt>(m, "StepReceipt", "Receipt of one step.")
        .def_readonly("index", &StepReceipt::index)
        .def_readonly("op_hash", &StepReceipt::op_hash)
        .def_readonly("outcome", &StepReceipt::outcome)
        .def_property_readonly("applied", [](const StepReceipt& r) { return r.outcome.applied; })
        .def_property_readonly("reason", [](const StepReceipt& r) { return reason_obj(r.outcome.reason); })
        .def_readonly("post_root", &StepReceipt::post_root, "Root after the step (zero unless traced).")
        .def("__repr__", [](const StepReceipt& r) {
            return "StepReceipt(index=" + std::to_string(r.index) + ", " +
                   (r.outcome.applied ? std::string("applied")
                                      : std::string(skip_reason_name(*r.outcome.reason))) + ")";
        });
    py::class_<WitnessAccount>(m, "WitnessAccount", "A touched account, its pre-value and SmtProof.")
        .def_readonly("address", &WitnessAccount::address)
        .def_readonly("pre", &WitnessAccount::pre)
        .def_readonly("proof", &WitnessAccount::proof);
    py::class_<StepWitness>(m, "StepWitness", "Witness of one step for stateless re-execution.")
        .def_readonly("accounts", &StepWitness::accounts)
        .def_readonly("withdrawal_proof", &StepWitness::withdrawal_proof)
        .def("encode", &StepWitness::encode)
        .def_static("decode", [](const Bytes& d) { return StepWitness::decode(d); }, py::arg("data"))
        .def("__eq__", [](const StepWitness& a, const StepWitness& b) { return a == b; })
        .def("__repr__", [](const StepWitness& w) {
            return "StepWitness(accounts=" + std::to_string(w.accounts.size()) + ")";
        });
    m.def("apply_op",
          [](L2State& st, const StfConfig& c, const Op& op, bool witness) -> py::object {
              if (!witness) return py::cast(apply_op(st, c, op));
              StepWitness w;
              auto out = apply_op(st, c, op, nullptr, &w);
              return py::make_tuple(out, w);
          },
          py::arg("state"), py::arg("config"), py::arg("op"), py::arg("witness") = false,
          "Apply one op; returns StepOutcome, or (StepOutcome, StepWitness) with witness=True.");
    py::class_<VerifiedStep>(m, "VerifiedStep", "Post-root and outcome recomputed statelessly.")
        .def_readonly("post_root", &VerifiedStep::post_root)
        .def_readonly("outcome", &VerifiedStep::outcome);
    m.def("verify_step", &verify_step, py::arg("config"), py::arg("pre_root"), py::arg("op"),
          py::arg("witness"),
          "Stateless re-execution: VerifiedStep, or None when the witness is inconsistent.");
    py::class_<BatchResult>(m, "BatchResult", "Receipts and post-root of apply_batch.")
        .def_readonly("receipts", &BatchResult::receipts)
        .def_readonly("post_root", &BatchResult::post_root)
        .def_readonly("applied", &BatchResult::applied)
        .def_readonly("skipped", &BatchResult::skipped)
        .def("__repr__", [](const BatchResult& r) {
            return "BatchResult(applied=" + std::to_string(r.applied) +
                   ", skipped=" + std::to_string(r.skipped) + ")";
        });
    m.def("apply_batch",
          [](L2State& st, const StfConfig& c, const std::vector<Op>& ops, bool trace, unsigned threads) {
              py::gil_scoped_release nogil;
              return apply_batch(st, c, ops, ApplyOptions{trace, threads});
          },
          py::arg("state"), py::arg("config"), py::arg("ops"), py::arg("trace") = false,
          py::arg("threads") = 1,
          "Apply ops in order (GIL released). trace=True records each step's post-root; threads "
          "(1..64) parallelise signature recovery.");
}

void bind_codec(py::module_& m) {
    py::class_<Batch>(m, "Batch", "A sequencer batch: queue_index and txs.")
        .def(py::init([](std::uint64_t q, std::vector<L2Tx> txs) { return Batch{q, std::move(txs)}; }),
             py::arg("queue_index") = 0, py::arg("txs") = std::vector<L2Tx>{})
        .def_readwrite("queue_index", &Batch::queue_index)
        .def_readwrite("txs", &Batch::txs)
        .def("__eq__", [](const Batch& a, const Batch& b) { return a == b; })
        .def("__repr__", [](const Batch& b) {
            return "Batch(queue_index=" + std::to_string(b.queue_index) +
                   ", txs=" + std::to_string(b.txs.size()) + ")";
        });
    auto codec = [](const std::string& s) { return codec_from_name(s); };
    m.def("compress", [codec](const std::string& c, const Bytes& d, int level) {
              py::gil_scoped_release nogil;
              return compress(codec(c), d, level);
          },
          py::arg("codec"), py::arg("data"), py::arg("level") = 3,
          "Compress with 'none', 'zstd' (1..22) or 'brotli' (0..11).");
    m.def("decompress", [codec](const std::string& c, const Bytes& d, std::size_t max_output) {
              py::gil_scoped_release nogil;
              return decompress(codec(c), d, max_output);
          },
          py::arg("codec"), py::arg("data"), py::arg("max_output") = kDefaultMaxDecompressed,
          "Decompress one frame; DecodeError for corrupt, trailing or oversized (bomb) data.");
    m.def("encode_batch", [codec](const Batch& b, const std::string& c, int level) {
              py::gil_scoped_release nogil;
              return encode_batch(b, codec(c), level);
          },
          py::arg("batch"), py::arg("codec") = "zstd", py::arg("level") = 3, "Batch frame bytes.");
    m.def("encode_batch_payload", &encode_batch_payload, py::arg("batch"),
          "Uncompressed payload rlp([queue_index, [tx...]]).");
    m.def("decode_batch", [](const Bytes& f, std::size_t max_decompressed) {
              py::gil_scoped_release nogil;
              return decode_batch(f, max_decompressed);
          },
          py::arg("frame"), py::arg("max_decompressed") = kDefaultMaxDecompressed,
          "Strict frame decoder; DecodeError (kind, offset) otherwise.");
    m.attr("DEFAULT_MAX_DECOMPRESSED") = kDefaultMaxDecompressed;
}

}  // namespace

void bind_rollup_nodes(py::module_& m);
void bind_rollup_ext_types(py::module_& m);  // rollup_ext.cpp
void bind_rollup_ext(py::module_& m);        // rollup_ext.cpp
void bind_rollup_diff(py::module_& m);       // rollup_diff.cpp

void init_rollup(py::module_& m) {
    bind_state(m);
    bind_tx(m);
    bind_stf(m);
    bind_codec(m);
    bind_rollup_diff(m);
    bind_rollup_ext_types(m);
    bind_rollup_nodes(m);
    bind_rollup_ext(m);
}

}  // namespace l2lab::bindings

namespace l2lab::bindings {

using namespace l2lab::rollup;

namespace {

template <typename T>
void column(py::dict& d, const char* name, const std::vector<T>& values) {
    d[name] = py::cast(values);
}

void bind_rollup_metrics(py::module_& m) {
    m.def("apportion", [](const u256& total, const std::vector<std::uint64_t>& w) { return apportion(total, w); },
          py::arg("total"), py::arg("weights"),
          "Split total into integer shares proportional to weights, summing exactly to total.");
    m.def("batch_metrics_table",
          [](const Sequencer& s, const l1::Chain& chain) {
              BatchMetricsColumns c;
              {
                  py::gil_scoped_release nogil;
                  c = batch_metrics_columns(s, chain);
              }
              py::dict d;
              column(d, "batch_index", c.batch_index);
              column(d, "blob", c.blob);
              column(d, "submitted_block", c.submitted_block);
              column(d, "included_block", c.included_block);
              column(d, "latency_blocks", c.latency_blocks);
              column(d, "latency_seconds", c.latency_seconds);
              column(d, "tx_count", c.tx_count);
              column(d, "queue_items", c.queue_items);
              column(d, "raw_bytes", c.raw_bytes);
              column(d, "compressed_bytes", c.compressed_bytes);
              column(d, "compression_ratio", c.compression_ratio);
              column(d, "calldata_gas", c.calldata_gas);
              column(d, "blob_gas", c.blob_gas);
              column(d, "base_fee", c.base_fee);
              column(d, "blob_base_fee", c.blob_base_fee);
              column(d, "calldata_fee_wei", c.calldata_fee_wei);
              column(d, "blob_fee_wei", c.blob_fee_wei);
              column(d, "l1_gas_used", c.l1_gas_used);
              column(d, "blob_gas_used", c.blob_gas_used);
              column(d, "l1_fee_wei", c.l1_fee_wei);
              column(d, "root_matches", c.root_matches);
              return d;
          },
          py::arg("sequencer"), py::arg("chain"),
          "Columns (dict of equal-length lists, DataFrame-ready) with one row per posted batch: "
          "bytes, compression ratio, calldata and blob pricing, actual L1 cost, latency (see "
          "metrics.hpp).");
    m.def("tx_metrics_table",
          [](const Sequencer& s, const l1::Chain& chain) {
              TxMetricsColumns c;
              {
                  py::gil_scoped_release nogil;
                  c = tx_metrics_columns(s, chain);
              }
              py::dict d;
              column(d, "tx_hash", c.tx_hash);
              column(d, "raw_bytes", c.raw_bytes);
              column(d, "submitted_block", c.submitted_block);
              column(d, "batch_index", c.batch_index);
              column(d, "included_block", c.included_block);
              column(d, "latency_blocks", c.latency_blocks);
              column(d, "latency_seconds", c.latency_seconds);
              column(d, "dropped", c.dropped);
              column(d, "compressed_bytes", c.compressed_bytes);
              column(d, "calldata_gas", c.calldata_gas);
              column(d, "blob_gas", c.blob_gas);
              column(d, "calldata_fee_wei", c.calldata_fee_wei);
              column(d, "blob_fee_wei", c.blob_fee_wei);
              column(d, "l1_gas_used", c.l1_gas_used);
              column(d, "l1_fee_wei", c.l1_fee_wei);
              return d;
          },
          py::arg("sequencer"), py::arg("chain"),
          "Columns with one row per L2 tx submitted to the sequencer: its attributed share of its "
          "batch's bytes and costs (share of compressed bytes + equal share of the fixed L1 tx "
          "overhead; see metrics.hpp), inclusion latency, drop reason.");
    m.def("receipts_table",
          [](const Derivation& node) {
              ReceiptColumns c;
              {
                  py::gil_scoped_release nogil;
                  c = receipt_columns(node);
              }
              py::dict d;
              column(d, "index", c.index);
              column(d, "kind", c.kind);
              column(d, "op_hash", c.op_hash);
              column(d, "applied", c.applied);
              column(d, "reason", c.reason);
              column(d, "sender", c.sender);
              column(d, "post_root", c.post_root);
              return d;
          },
          py::arg("node"),
          "Columns with one row per STF step the node applied: kind, op_hash, applied, skip "
          "reason, recovered sender, post-root.");
    m.def("queue_metrics_table",
          [](const Derivation& node, const l1::Chain& chain) {
              QueueMetricsColumns c;
              {
                  py::gil_scoped_release nogil;
                  c = queue_metrics_columns(node, chain);
              }
              py::dict d;
              column(d, "queue_index", c.queue_index);
              column(d, "kind", c.kind);
              column(d, "enqueue_block", c.enqueue_block);
              column(d, "included_block", c.included_block);
              column(d, "forced", c.forced);
              column(d, "latency_blocks", c.latency_blocks);
              column(d, "latency_seconds", c.latency_seconds);
              column(d, "applied", c.applied);
              column(d, "reason", c.reason);
              column(d, "amount", c.amount);
              return d;
          },
          py::arg("node"), py::arg("chain"),
          "Columns with one row per L1 queue item (deposit / forced tx): L1-to-L2 inclusion "
          "latency, whether the forced rule applied it, outcome.");
}

}  // namespace

void bind_rollup_nodes(py::module_& m) {
    py::class_<InboxContract, l1::NativeContract, py::smart_holder>(
        m, "InboxContract",
        "The rollup's L1 inbox/bridge contract with `trusted` finality (a root is final "
        "finality_blocks L1 blocks after its proposal). Deploy with Chain.deploy.")
        .def(py::init([](const Address& sequencer, const Address& proposer, std::uint64_t finality_blocks) {
                 return std::make_shared<InboxContract>(InboxConfig{
                     sequencer, proposer, std::make_shared<TrustedFinality>(finality_blocks)});
             }),
             py::arg("sequencer"), py::arg("proposer"), py::arg("finality_blocks") = 10)
        .def_property_readonly("finality", [](const InboxContract& c) { return c.config().finality->name(); })
        .def("__repr__", [](const InboxContract& c) {
            return "InboxContract(sequencer=" + addr(c.config().sequencer) + ", finality=" +
                   c.config().finality->name() + ")";
        });
    m.def("inbox_append_batch", [](const Bytes& f) { return inbox_append_batch(f); }, py::arg("frame"), "Calldata: append a calldata batch.");
    m.def("inbox_append_blob_batch", &inbox_append_blob_batch, "Calldata: append one batch per attached blob.");
    m.def("inbox_deposit", &inbox_deposit, py::arg("l2_recipient"), "Calldata: deposit msg.value to an L2 address.");
    m.def("inbox_force_tx", [](const Bytes& t) { return inbox_force_tx(t); }, py::arg("l2_tx"), "Calldata: force-include encoded L2 tx bytes.");
    m.def("inbox_propose_root", &inbox_propose_root, py::arg("l1_block"), py::arg("root"));
    m.def("inbox_finalize_withdrawal", &inbox_finalize_withdrawal, py::arg("root_index"),
          py::arg("withdrawal"), py::arg("proof"), "Calldata: claim a withdrawal with its SmtProof.");
    m.def("blob_payload", [](const Bytes& f) { return blob_payload(f); }, py::arg("frame"), "4-byte length prefix || frame.");
    py::class_<ProposedRoot>(m, "ProposedRoot", "A root in the inbox's registry.")
        .def_readonly("l1_block", &ProposedRoot::l1_block)
        .def_readonly("root", &ProposedRoot::root)
        .def_readonly("proposed_block", &ProposedRoot::proposed_block)
        .def("__repr__", [](const ProposedRoot& r) {
            return "ProposedRoot(l1_block=" + std::to_string(r.l1_block) + ", proposed_block=" +
                   std::to_string(r.proposed_block) + ")";
        });
    m.def("inbox_batch_count", &inbox_batch_count, py::arg("chain"), py::arg("inbox"));
    m.def("inbox_queue_count", &inbox_queue_count, py::arg("chain"), py::arg("inbox"));
    m.def("inbox_root_count", &inbox_root_count, py::arg("chain"), py::arg("inbox"));
    m.def("inbox_batch_record_hash", &inbox_batch_record_hash, py::arg("chain"), py::arg("inbox"),
          py::arg("index"),
          "keccak256 of batch `index`'s record rlp([da, commitment, l1_block, queue_count]) as "
          "stored by the inbox. InvalidArgumentError when out of range.");
    m.def("inbox_queue_record_hash", &inbox_queue_record_hash, py::arg("chain"),
          py::arg("inbox"), py::arg("index"),
          "keccak256 of queue item `index`'s record rlp([keccak256(encode_op(op)), "
          "enqueue_block]) as stored by the inbox. InvalidArgumentError when out of range.");
    m.def("inbox_root", &inbox_root, py::arg("chain"), py::arg("inbox"), py::arg("index"));
    m.def("inbox_withdrawal_finalized", &inbox_withdrawal_finalized, py::arg("chain"),
          py::arg("inbox"), py::arg("sender"), py::arg("nonce"));

    py::class_<DerivationConfig>(m, "DerivationConfig", "Inbox address, STF config, forced window W (L1 blocks), decompression cap.")
        .def(py::init([](const Address& inbox, const StfConfig& stf, std::uint64_t w, std::size_t cap) {
                 return DerivationConfig{inbox, stf, w, cap};
             }),
             py::arg("inbox"), py::arg("stf") = StfConfig{}, py::arg("forced_window") = 10,
             py::arg("max_decompressed") = kDefaultMaxDecompressed)
        .def_readwrite("inbox", &DerivationConfig::inbox)
        .def_readwrite("stf", &DerivationConfig::stf)
        .def_readwrite("forced_window", &DerivationConfig::forced_window)
        .def_readwrite("max_decompressed", &DerivationConfig::max_decompressed);
    py::class_<QueueItem>(m, "QueueItem", "An L1 queue item (deposit or forced tx) as derived.")
        .def_readonly("op", &QueueItem::op)
        .def_readonly("enqueue_block", &QueueItem::enqueue_block)
        .def_readonly("included_block", &QueueItem::included_block)
        .def_readonly("forced", &QueueItem::forced)
        .def_readonly("step", &QueueItem::step, "Index of its receipt once applied, else None.");
    py::class_<DerivedBatch>(m, "DerivedBatch", "A batch as derived from L1.")
        .def_readonly("batch_index", &DerivedBatch::batch_index)
        .def_readonly("l1_block", &DerivedBatch::l1_block)
        .def_readonly("blob", &DerivedBatch::blob)
        .def_readonly("commitment", &DerivedBatch::commitment)
        .def_readonly("queue_count", &DerivedBatch::queue_count,
                      "inbox queue length when the batch was appended")
        .def_readonly("decoded", &DerivedBatch::decoded)
        .def_readonly("decode_error", &DerivedBatch::decode_error)
        .def_readonly("frame_bytes", &DerivedBatch::frame_bytes)
        .def_readonly("tx_count", &DerivedBatch::tx_count)
        .def_readonly("first_step", &DerivedBatch::first_step)
        .def_readonly("step_count", &DerivedBatch::step_count)
        .def_readonly("post_root", &DerivedBatch::post_root);
    py::class_<Derivation>(m, "Derivation",
                           "Verifier node: rebuilds the L2 state from L1 data alone (see derivation.hpp).")
        .def(py::init<DerivationConfig>(), py::arg("config"))
        .def("advance", &Derivation::advance, py::arg("chain"), release(),
             "Derive up to the chain head or until stalled; returns blocks derived.")
        .def_property_readonly("derived_block", &Derivation::derived_block)
        .def_property_readonly("stalled_at", &Derivation::stalled_at)
        .def("root_after", &Derivation::root_after, py::arg("block"))
        .def("state_at", &Derivation::state_at, py::arg("block"), release(),
             "L2State after L1 blocks 0..block (replayed).")
        .def("steps_after", &Derivation::steps_after, py::arg("block"),
             "Number of STF steps (ops) applied after deriving L1 blocks 0..block; "
             "InvalidArgumentError past derived_block.")
        .def("ops_slice",
             [](const Derivation& d, std::size_t start, std::size_t stop) {
                 const auto& ops = d.ops();
                 if (start > stop || stop > ops.size()) {
                     throw InvalidArgument("ops_slice(" + std::to_string(start) + ", " +
                                           std::to_string(stop) + ") is outside the " +
                                           std::to_string(ops.size()) + " derived ops");
                 }
                 return std::vector<Op>(ops.begin() + static_cast<std::ptrdiff_t>(start),
                                        ops.begin() + static_cast<std::ptrdiff_t>(stop));
             },
             py::arg("start"), py::arg("stop"),
             "ops[start:stop] without copying the rest (ops converts every op); "
             "InvalidArgumentError unless start <= stop <= len(ops).")
        .def_property_readonly("state", &Derivation::state, py::return_value_policy::reference_internal)
        .def_property_readonly("receipts", &Derivation::receipts)
        .def_property_readonly("queue", &Derivation::queue)
        .def_property_readonly("batches", &Derivation::batches)
        .def_property_readonly("ops", &Derivation::ops)
        .def_property_readonly("queue_consumed", &Derivation::queue_consumed)
        .def_property_readonly("deposited", &Derivation::deposited, "Sum of applied deposits (wei).")
        .def("__repr__", [](const Derivation& d) {
            return "Derivation(derived_block=" + std::to_string(d.derived_block()) +
                   ", steps=" + std::to_string(d.receipts().size()) + ")";
        });

    py::class_<SequencerConfig>(m, "SequencerConfig", "Sequencer behaviour (see sequencer.hpp).")
        .def(py::init([](const DerivationConfig& d, const std::string& codec, int level,
                         const std::string& da, const std::string& ordering, std::size_t max_txs,
                         std::size_t max_bytes, std::uint64_t post_every, std::uint64_t propose_every,
                         bool ignore_queue, std::uint64_t max_wait, std::uint64_t max_delay,
                         const u256& max_fee_per_blob_gas) {
                 SequencerConfig c;
                 c.derivation = d;
                 c.codec = codec_from_name(codec);
                 c.level = level;
                 if (da != "calldata" && da != "blob") throw InvalidArgument("da must be 'calldata' or 'blob'");
                 c.da = da == "blob" ? DataAvailability::Blob : DataAvailability::Calldata;
                 c.ordering = ordering_from_name(ordering);
                 c.max_batch_txs = max_txs;
                 c.max_batch_bytes = max_bytes;
                 c.post_every_blocks = post_every;
                 c.propose_every_blocks = propose_every;
                 c.ignore_queue = ignore_queue;
                 c.max_wait_blocks = max_wait;
                 c.max_delay_blocks = max_delay;
                 c.max_fee_per_blob_gas = max_fee_per_blob_gas;
                 return c;
             }),
             py::arg("derivation"), py::arg("codec") = "zstd", py::arg("level") = 3,
             py::arg("da") = "calldata", py::arg("ordering") = "fifo", py::arg("max_batch_txs") = 1000,
             py::arg("max_batch_bytes") = 120'000, py::arg("post_every_blocks") = 1,
             py::arg("propose_every_blocks") = 0, py::arg("ignore_queue") = false,
             py::arg("max_wait_blocks") = 64, py::arg("max_delay_blocks") = 0,
             py::arg("max_fee_per_blob_gas") = SequencerConfig{}.max_fee_per_blob_gas)
        .def_readwrite("derivation", &SequencerConfig::derivation)
        .def_readwrite("max_batch_txs", &SequencerConfig::max_batch_txs)
        .def_readwrite("max_batch_bytes", &SequencerConfig::max_batch_bytes)
        .def_readwrite("post_every_blocks", &SequencerConfig::post_every_blocks)
        .def_readwrite("propose_every_blocks", &SequencerConfig::propose_every_blocks)
        .def_readwrite("ignore_queue", &SequencerConfig::ignore_queue)
        .def_readwrite("censored_senders", &SequencerConfig::censored_senders)
        .def_readwrite("max_wait_blocks", &SequencerConfig::max_wait_blocks,
                       "Evict a tx still not includable this many L1 blocks after submission (0 = never).")
        .def_readwrite("max_delay_blocks", &SequencerConfig::max_delay_blocks,
                       "Hold a batch that is not full until its oldest tx has waited this many L1 "
                       "blocks (0 = post whatever is ready).")
        .def_readwrite("max_fee_per_blob_gas", &SequencerConfig::max_fee_per_blob_gas,
                       "Wei per blob gas offered for blob batches (EIP-4844); a batch below the "
                       "blob base fee waits in the L1 mempool (or is dropped with "
                       "drop_underpriced), and no other batch is posted meanwhile.")
        .def_readwrite("level", &SequencerConfig::level)
        .def_property_readonly("codec", [](const SequencerConfig& c) { return std::string(codec_name(c.codec)); })
        .def_property_readonly("da", [](const SequencerConfig& c) {
            return c.da == DataAvailability::Blob ? "blob" : "calldata";
        })
        .def_property_readonly("ordering", [](const SequencerConfig& c) {
            return std::string(ordering_name(c.ordering));
        });
    py::class_<BatchMetrics>(m, "BatchMetrics", "Metrics of one posted batch (bytes, gas, fees in wei).")
        .def_readonly("l1_tx_hash", &BatchMetrics::l1_tx_hash)
        .def_readonly("submitted_block", &BatchMetrics::submitted_block)
        .def_readonly("included_block", &BatchMetrics::included_block)
        .def_readonly("blob", &BatchMetrics::blob)
        .def_readonly("tx_count", &BatchMetrics::tx_count)
        .def_readonly("queue_items", &BatchMetrics::queue_items)
        .def_readonly("raw_bytes", &BatchMetrics::raw_bytes)
        .def_readonly("compressed_bytes", &BatchMetrics::compressed_bytes)
        .def_readonly("l1_gas_used", &BatchMetrics::l1_gas_used)
        .def_readonly("blob_gas_used", &BatchMetrics::blob_gas_used)
        .def_readonly("calldata_gas", &BatchMetrics::calldata_gas)
        .def_readonly("blob_gas", &BatchMetrics::blob_gas)
        .def_readonly("l1_fee_wei", &BatchMetrics::l1_fee_wei)
        .def_readonly("base_fee", &BatchMetrics::base_fee)
        .def_readonly("blob_base_fee", &BatchMetrics::blob_base_fee)
        .def_readonly("effective_gas_price", &BatchMetrics::effective_gas_price)
        .def_readonly("records", &BatchMetrics::records, "Indices into tx_records of its txs.")
        .def_readonly("predicted_root", &BatchMetrics::predicted_root)
        .def_readonly("root_matches", &BatchMetrics::root_matches);
    py::class_<TxRecord>(m, "TxRecord", "Inclusion record of one L2 tx submitted to the sequencer.")
        .def_readonly("tx_hash", &TxRecord::tx_hash)
        .def_readonly("raw_bytes", &TxRecord::raw_bytes)
        .def_readonly("submitted_block", &TxRecord::submitted_block)
        .def_readonly("batch_index", &TxRecord::batch_index)
        .def_readonly("included_block", &TxRecord::included_block)
        .def_property_readonly("dropped", [](const TxRecord& r) { return reason_obj(r.dropped); });
    py::class_<Sequencer, sim::Actor, py::smart_holder>(
        m, "Sequencer", "Sequencer actor: mempool, ordering, batches on calldata or blobs, root proposals.")
        .def(py::init<sim::Account, SequencerConfig>(), py::arg("account"), py::arg("config"))
        .def("submit", &Sequencer::submit, py::arg("tx"), py::arg("block_number"),
             "Queue an L2 tx; False for a duplicate.")
        .def("submit_many", &Sequencer::submit_many, py::arg("txs"), py::arg("block_number"), release())
        .def_property_readonly("node", &Sequencer::node, py::return_value_policy::reference_internal)
        .def_property_readonly("batch_metrics", &Sequencer::batch_metrics)
        .def_property_readonly("tx_records", &Sequencer::tx_records)
        .def_property_readonly("mempool_size", &Sequencer::mempool_size)
        .def_property_readonly("config", &Sequencer::config)
        .def("set_censored", [](Sequencer& s, std::set<Address> a) { s.mutable_config().censored_senders = std::move(a); },
             py::arg("senders"), "Set the L2 senders this sequencer refuses to batch.")
        .def("set_ignore_queue", [](Sequencer& s, bool v) { s.mutable_config().ignore_queue = v; },
             py::arg("ignore"), "Stop (or resume) voluntarily including deposits and forced txs.");

    py::class_<TrafficConfig>(m, "TrafficConfig", "Traffic generator parameters (see traffic.hpp).")
        .def(py::init([](std::size_t accounts, double s, double wf, const u256& lo, const u256& hi,
                         const u256& fee, std::uint64_t chain_id, std::uint64_t seed, double df,
                         double ff, double inv, const u256& dlo, const u256& dhi) {
                 return TrafficConfig{accounts, s, wf, lo, hi, fee, chain_id, seed, df, ff, inv, dlo, dhi};
             }),
             py::arg("accounts") = 1000, py::arg("zipf_s") = 1.0, py::arg("withdrawal_fraction") = 0.0,
             py::arg("min_value") = 1, py::arg("max_value") = 1'000'000, py::arg("fee") = 1,
             py::arg("chain_id") = 901, py::arg("seed") = 0, py::arg("deposit_fraction") = 0.0,
             py::arg("forced_fraction") = 0.0, py::arg("invalid_fraction") = 0.0,
             py::arg("min_deposit") = u256(1'000'000'000),
             py::arg("max_deposit") = u256(1'000'000'000'000'000ull))
        .def_readonly("accounts", &TrafficConfig::accounts)
        .def_readonly("zipf_s", &TrafficConfig::zipf_s)
        .def_readonly("withdrawal_fraction", &TrafficConfig::withdrawal_fraction)
        .def_readonly("deposit_fraction", &TrafficConfig::deposit_fraction)
        .def_readonly("forced_fraction", &TrafficConfig::forced_fraction)
        .def_readonly("invalid_fraction", &TrafficConfig::invalid_fraction)
        .def_readonly("seed", &TrafficConfig::seed);
    py::class_<TrafficItem>(m, "TrafficItem", "One generated traffic item (see TrafficGenerator.next_mix).")
        .def_property_readonly("kind", [](const TrafficItem& t) { return std::string(traffic_kind_name(t.kind)); },
                               "'transfer', 'withdrawal', 'deposit', 'forced_tx' or 'invalid'.")
        .def_readonly("tx", &TrafficItem::tx, "The L2 tx (meaningless for a deposit).")
        .def_readonly("deposit_to", &TrafficItem::deposit_to)
        .def_readonly("deposit_amount", &TrafficItem::deposit_amount, "Deposit amount (wei).")
        .def_property_readonly("invalid_reason", [](const TrafficItem& t) { return reason_obj(t.invalid_reason); },
                               "The defect of an invalid tx (a skip reason name), else None.")
        .def("__repr__", [](const TrafficItem& t) {
            return "TrafficItem(" + std::string(traffic_kind_name(t.kind)) + ")";
        });
    py::class_<TrafficSubmitted>(m, "TrafficSubmitted", "Counts of what submit_traffic did.")
        .def_readonly("l2_submitted", &TrafficSubmitted::l2_submitted)
        .def_readonly("deposits", &TrafficSubmitted::deposits)
        .def_readonly("forced", &TrafficSubmitted::forced)
        .def_readonly("l1_rejected", &TrafficSubmitted::l1_rejected)
        .def("__repr__", [](const TrafficSubmitted& t) {
            return "TrafficSubmitted(l2=" + std::to_string(t.l2_submitted) + ", deposits=" +
                   std::to_string(t.deposits) + ", forced=" + std::to_string(t.forced) +
                   ", l1_rejected=" + std::to_string(t.l1_rejected) + ")";
        });
    m.def("submit_traffic",
          [](sim::World& w, Sequencer& s, const Address& inbox, const sim::Account& payer,
             const std::vector<TrafficItem>& items) { return submit_traffic(w, s, inbox, payer, items); },
          py::arg("world"), py::arg("sequencer"), py::arg("inbox"), py::arg("payer"), py::arg("items"),
          "Route items in one call: L2 txs to the sequencer, deposits and forced txs as L1 txs "
          "from payer to the inbox.");
    py::class_<TrafficGenerator>(m, "TrafficGenerator", "Zipf-distributed signed L2 traffic, generated in C++.")
        .def(py::init<TrafficConfig>(), py::arg("config"))
        .def_property_readonly("keys", &TrafficGenerator::keys)
        .def("addresses", &TrafficGenerator::addresses)
        .def("next", &TrafficGenerator::next, py::arg("n"), release(), "The next n signed txs.")
        .def("next_mix", &TrafficGenerator::next_mix, py::arg("n"), release(),
             "The next n items of the configured mix (transfers, withdrawals, deposits, forced "
             "and invalid txs), signed in C++.");
    bind_rollup_metrics(m);
}

}  // namespace l2lab::bindings
