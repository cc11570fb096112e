#include "l2lab/l1/chain.hpp"

#include <atomic>
#include <map>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/chain_impl.hpp"
#include "l2lab/l1/execution.hpp"

namespace l2lab::l1 {
namespace {

// Only identifies Chain objects so a snapshot cannot be restored into a different chain; it
// never reaches results or digests, so it does not affect determinism.
std::atomic<std::uint64_t> g_next_instance{1};

using Rejection = std::optional<std::pair<DropReason, std::string>>;

Rejection rejection(DropReason r, std::string detail) { return std::make_pair(r, std::move(detail)); }

Address create_address(const Address& deployer, std::uint64_t nonce) {
    rlp::ListBuilder b;
    b.add_address(deployer).add_u64(nonce);
    const Hash32 h = crypto::keccak256(b.finish());
    Address a;
    std::copy(h.bytes.begin() + 12, h.bytes.end(), a.bytes.begin());
    return a;
}

}  // namespace

// ---- snapshot ------------------------------------------------------------------------------------

std::uint64_t ChainSnapshot::block_number() const {
    if (!m_data) throw StateError("empty ChainSnapshot");
    return m_data->data.blocks.back()->header.number;
}

Hash32 ChainSnapshot::state_digest() const {
    if (!m_data) throw StateError("empty ChainSnapshot");
    return m_data->state_digest;
}

// ---- construction ------------------------------------------------------------------------------

Chain::Chain(ChainConfig config, Rng rng) : m_impl(std::make_unique<Impl>()) {
    config.validate();
    m_impl->config = std::move(config);
    m_impl->instance = g_next_instance.fetch_add(1);
    ChainData& d = m_impl->d;
    d.rng = rng;
    d.policy = std::make_shared<HonestPolicy>();
    auto genesis = std::make_shared<Block>();
    BlockHeader& h = genesis->header;
    const ChainConfig& c = m_impl->config;
    h.number = 0;
    h.timestamp = c.genesis_timestamp;
    h.coinbase = c.coinbase;
    h.base_fee_per_gas = c.eip1559 ? c.initial_base_fee : u256(0);
    h.gas_limit = c.block_gas_limit;
    h.state_digest = d.state.digest();
    h.receipts_root = crypto::keccak256(rlp::ListBuilder().finish());
    genesis->hash = h.hash();
    genesis->blob_base_fee = gas::blob_base_fee(0, c.blob_base_fee_update_fraction,
                                                c.min_base_fee_per_blob_gas.convert_to<std::uint64_t>());
    d.blocks.push_back(std::move(genesis));
}

Chain::~Chain() = default;

const ChainConfig& Chain::config() const noexcept { return m_impl->config; }

// ---- accounts ----------------------------------------------------------------------------------

u256 Chain::balance(const Address& a) const { return m_impl->d.state.balance(a); }
std::uint64_t Chain::nonce(const Address& a) const { return m_impl->d.state.nonce(a); }

std::uint64_t Chain::next_nonce(const Address& a) const {
    const std::uint64_t n = m_impl->d.state.nonce(a);
    const auto pending = m_impl->d.mempool.next_pending_nonce(a);
    return pending && *pending > n ? *pending : n;
}

u256 Chain::storage(const Address& c, const Hash32& key) const {
    return m_impl->d.state.storage(c, key);
}

const State& Chain::state() const noexcept { return m_impl->d.state; }
Hash32 Chain::state_digest() const { return m_impl->d.state.digest(); }

void Chain::mint(const Address& a, const u256& amount) {
    ChainData& d = m_impl->d;
    const u256 minted = d.minted + amount;  // throws on overflow before any change
    d.state.add_balance(a, amount);
    d.state.commit();
    d.minted = minted;
}

u256 Chain::total_minted() const noexcept { return m_impl->d.minted; }
u256 Chain::total_burned() const noexcept { return m_impl->d.burned; }

// ---- contracts ---------------------------------------------------------------------------------

// Runs a constructor at `at`, committing on success and undoing everything (including the
// caller's own pre-changes after `cp`) on failure.
void Chain::Impl::construct_or_throw(State::Checkpoint cp, const NativeContract& code,
                                     const Address& deployer, const Address& at, BytesView args) {
    State& st = d.state;
    gas::GasMeter meter(config.block_gas_limit);
    ExecutionEnv env{deployer, config.chain_id, next_number(),
                     head().header.timestamp + config.block_time, {}};
    Execution exec(st, meter, env);
    try {
        exec.run_construct(code, deployer, at, args);
    } catch (const Revert& r) {
        st.rollback(cp);
        throw StateError("deploy of " + code.name() + " at " + at.hex() +
                         ": constructor reverted: " + r.reason);
    } catch (const gas::OutOfGas&) {
        st.rollback(cp);
        throw StateError("deploy of " + code.name() + " at " + at.hex() +
                         ": constructor ran out of gas");
    }
    if (!exec.logs().empty()) {
        // Deployments are not transactions, so there is no receipt to carry logs.
        st.rollback(cp);
        throw StateError("deploy of " + code.name() + ": constructors must not emit logs");
    }
    st.commit();
}

Address Chain::deploy(std::shared_ptr<const NativeContract> code, const Address& deployer,
                      BytesView args) {
    if (!code) throw InvalidArgument("deploy: code must not be null");
    State& st = m_impl->d.state;
    const std::uint64_t n = st.nonce(deployer);
    const Address at = create_address(deployer, n);
    if (st.contract(at) != nullptr) throw StateError("deploy: address collision at " + at.hex());
    const State::Checkpoint cp = st.checkpoint();
    st.set_nonce(deployer, n + 1);
    st.set_contract(at, code);
    m_impl->construct_or_throw(cp, *code, deployer, at, args);
    return at;
}

void Chain::deploy_at(const Address& at, std::shared_ptr<const NativeContract> code, BytesView args,
                      const Address& deployer) {
    if (!code) throw InvalidArgument("deploy_at: code must not be null");
    State& st = m_impl->d.state;
    if (st.contract(at) != nullptr) {
        throw StateError("deploy_at: a contract is already deployed at " + at.hex());
    }
    const State::Checkpoint cp = st.checkpoint();
    st.set_contract(at, code);
    m_impl->construct_or_throw(cp, *code, deployer, at, args);
}

const NativeContract* Chain::contract_at(const Address& a) const {
    return m_impl->d.state.contract(a);
}

CallResult Chain::view_call(const Address& from, const Address& to, BytesView calldata,
                            std::uint64_t gas_limit, const u256& value) {
    State& st = m_impl->d.state;
    const State::Checkpoint cp = st.checkpoint();
    CallResult result;
    if (st.balance(from) < value) {
        result.status = TxStatus::Reverted;
        result.revert_reason = "insufficient balance for call value";
        return result;
    }
    gas::GasMeter meter(gas_limit);
    ExecutionEnv env{from, m_impl->config.chain_id, m_impl->next_number(),
                     m_impl->head().header.timestamp + m_impl->config.block_time, {}};
    Execution exec(st, meter, env);
    try {
        result.return_data = exec.run_top(from, to, value, calldata);
    } catch (Revert& r) {
        result.status = TxStatus::Reverted;
        result.revert_reason = std::move(r.reason);
    } catch (const gas::OutOfGas&) {
        result.status = TxStatus::OutOfGas;
    }
    st.rollback(cp);
    return result;
}

// ---- submission ----------------------------------------------------------------------------------

Rejection Chain::Impl::check_static(const Transaction& tx) const {
    const ChainConfig& c = config;
    if (tx.chain_id != c.chain_id) {
        return rejection(DropReason::WrongChainId, "chain id " + std::to_string(tx.chain_id) +
                                                       ", this chain is " +
                                                       std::to_string(c.chain_id));
    }
    if (tx.max_priority_fee_per_gas > tx.max_fee_per_gas) {
        return rejection(DropReason::TipAboveFeeCap,
                         "max_priority_fee_per_gas " + to_dec(tx.max_priority_fee_per_gas) +
                             " > max_fee_per_gas " + to_dec(tx.max_fee_per_gas));
    }
    if (tx.gas_limit > c.block_gas_limit) {
        return rejection(DropReason::GasLimitAboveBlock,
                         "gas_limit " + std::to_string(tx.gas_limit) + " > block gas limit " +
                             std::to_string(c.block_gas_limit));
    }
    std::uint64_t needed = gas::intrinsic_gas(tx.data);
    if (c.eip7623) needed = std::max(needed, gas::calldata_floor_gas(tx.data, c.calldata_floor_per_token));
    if (tx.gas_limit < needed) {
        return rejection(DropReason::IntrinsicGasTooLow, "gas_limit " + std::to_string(tx.gas_limit) +
                                                             " < intrinsic " +
                                                             std::to_string(needed));
    }
    if (tx.is_blob_tx()) {
        if (!c.blobs) return rejection(DropReason::BlobsDisabled, "blob transactions are disabled");
        if (tx.blob_versioned_hashes.size() > c.max_blobs_per_block) {
            return rejection(DropReason::BlobCountInvalid,
                             std::to_string(tx.blob_versioned_hashes.size()) + " blobs > max " +
                                 std::to_string(c.max_blobs_per_block));
        }
        for (const Hash32& h : tx.blob_versioned_hashes) {
            if (h.bytes[0] != gas::kVersionedHashVersionKzg) {
                return rejection(DropReason::BlobVersionInvalid,
                                 "versioned hash " + h.hex() + " does not start with 0x01");
            }
        }
        if (tx.blobs.size() != tx.blob_versioned_hashes.size()) {
            return rejection(DropReason::BlobSidecarMismatch,
                             std::to_string(tx.blobs.size()) + " blobs in the sidecar for " +
                                 std::to_string(tx.blob_versioned_hashes.size()) + " hashes");
        }
        for (std::size_t i = 0; i < tx.blobs.size(); ++i) {
            if (tx.blobs[i].versioned_hash() != tx.blob_versioned_hashes[i]) {
                return rejection(DropReason::BlobSidecarMismatch,
                                 "blob " + std::to_string(i) + " does not match its versioned hash");
            }
        }
    } else if (!tx.blobs.empty()) {
        return rejection(DropReason::BlobSidecarMismatch, "sidecar blobs without versioned hashes");
    }
    return std::nullopt;
}

Rejection Chain::Impl::check_funds(const Transaction& tx, const Address& sender) const {
    // Exact (unbounded) arithmetic: a fee cap near 2^256 must read as "unaffordable", not throw.
    using boost::multiprecision::cpp_int;
    cpp_int cost = cpp_int(tx.gas_limit) * cpp_int(tx.max_fee_per_gas) + cpp_int(tx.value);
    if (tx.is_blob_tx()) cost += cpp_int(tx.blob_gas()) * cpp_int(tx.max_fee_per_blob_gas);
    const u256 have = d.state.balance(sender);
    if (cpp_int(have) < cost) {
        return rejection(DropReason::InsufficientFunds,
                         "balance " + to_dec(have) + " wei < gas_limit*max_fee + value" +
                             std::string(tx.is_blob_tx() ? " + blob_gas*max_fee_per_blob_gas" : "") +
                             " = " + cost.str());
    }
    return std::nullopt;
}

SubmitOutcome Chain::submit(Transaction tx) {
    ChainData& d = m_impl->d;
    SubmitOutcome out;
    out.tx_hash = tx.hash();
    auto drop = [&](std::optional<Address> sender, DropReason r, std::string detail) {
        DroppedTx dt{out.tx_hash, sender, r, detail, m_impl->next_number()};
        d.dropped[out.tx_hash] = dt;
        d.drops_since_head.push_back(std::move(dt));
        out.accepted = false;
        out.reason = r;
        out.detail = std::move(detail);
        return out;
    };
    if (d.mempool.contains(out.tx_hash) || d.included.count(out.tx_hash) != 0) {
        // Not recorded as a drop: the original stays where it is.
        out.reason = DropReason::DuplicateTransaction;
        out.detail = "transaction " + out.tx_hash.hex() + " is already pending or included";
        return out;
    }
    const std::optional<Address> sender = tx.recover_sender();
    if (!sender) return drop(std::nullopt, DropReason::InvalidSignature, "sender does not recover");
    if (auto r = m_impl->check_static(tx)) return drop(sender, r->first, r->second);
    const std::uint64_t account_nonce = d.state.nonce(*sender);
    if (tx.nonce < account_nonce) {
        return drop(sender, DropReason::NonceTooLow,
                    "nonce " + std::to_string(tx.nonce) + " < account nonce " +
                        std::to_string(account_nonce));
    }
    if (auto r = m_impl->check_funds(tx, *sender)) return drop(sender, r->first, r->second);
    if (m_impl->config.drop_underpriced) {
        const u256 base = m_impl->next_base_fee();
        if (tx.max_fee_per_gas < base) {
            return drop(sender, DropReason::FeeCapBelowBaseFee,
                        "max_fee_per_gas " + to_dec(tx.max_fee_per_gas) + " < base fee " +
                            to_dec(base));
        }
        const u256 blob_fee = blob_base_fee();
        if (tx.is_blob_tx() && tx.max_fee_per_blob_gas < blob_fee) {
            return drop(sender, DropReason::BlobFeeCapTooLow,
                        "max_fee_per_blob_gas " + to_dec(tx.max_fee_per_blob_gas) +
                            " < blob base fee " + to_dec(blob_fee));
        }
    }
    d.dropped.erase(out.tx_hash);  // a resubmission after an earlier drop
    PendingTx p;
    p.tx = std::make_shared<const Transaction>(std::move(tx));
    p.tx_hash = out.tx_hash;
    p.sender = *sender;
    p.arrival_seq = d.next_arrival_seq++;
    p.arrival_block = m_impl->next_number();
    d.mempool.add(std::move(p));
    out.accepted = true;
    return out;
}

std::vector<SubmitOutcome> Chain::submit_many(std::vector<Transaction> txs) {
    std::vector<SubmitOutcome> out;
    out.reserve(txs.size());
    for (Transaction& tx : txs) out.push_back(submit(std::move(tx)));
    return out;
}

TxLookup Chain::lookup(const Hash32& tx_hash) const {
    const ChainData& d = m_impl->d;
    TxLookup out;
    if (d.mempool.contains(tx_hash)) {
        out.status = TxLookup::Status::Pending;
    } else if (const auto it = d.included.find(tx_hash); it != d.included.end()) {
        out.status = TxLookup::Status::Included;
        out.receipt = d.blocks[it->second.first]->receipts[it->second.second];
    } else if (const auto dr = d.dropped.find(tx_hash); dr != d.dropped.end()) {
        out.status = TxLookup::Status::Dropped;
        out.dropped = dr->second;
    }
    return out;
}

std::optional<Receipt> Chain::receipt(const Hash32& tx_hash) const {
    const ChainData& d = m_impl->d;
    const auto it = d.included.find(tx_hash);
    if (it == d.included.end()) return std::nullopt;
    return d.blocks[it->second.first]->receipts[it->second.second];
}

std::vector<PendingTx> Chain::pending() const { return m_impl->d.mempool.list(); }
std::size_t Chain::pending_count() const noexcept { return m_impl->d.mempool.size(); }

void Chain::set_inclusion_policy(std::shared_ptr<const InclusionPolicy> policy) {
    if (!policy) throw InvalidArgument("set_inclusion_policy: policy must not be null");
    m_impl->d.policy = std::move(policy);
}

const InclusionPolicy& Chain::inclusion_policy() const noexcept { return *m_impl->d.policy; }

// ---- blocks ------------------------------------------------------------------------------------

const Block& Chain::produce_block(const BlockOptions& options) { return m_impl->produce(options); }

void Chain::mine(std::uint64_t n) {
    for (std::uint64_t i = 0; i < n; ++i) m_impl->produce({});
}

std::uint64_t Chain::mine_until_empty(std::uint64_t max_blocks) {
    std::uint64_t n = 0;
    while (n < max_blocks && !m_impl->d.mempool.empty()) {
        m_impl->produce({});
        ++n;
    }
    return n;
}

const Block& Chain::head() const noexcept { return m_impl->head(); }

const Block& Chain::block(std::uint64_t number) const { return *block_ptr(number); }

std::shared_ptr<const Block> Chain::block_ptr(std::uint64_t number) const {
    const auto& blocks = m_impl->d.blocks;
    if (number >= blocks.size()) {
        throw InvalidArgument("block " + std::to_string(number) + " does not exist; head is " +
                              std::to_string(blocks.size() - 1));
    }
    return blocks[number];
}

std::uint64_t Chain::block_number() const noexcept { return m_impl->head().header.number; }
std::uint64_t Chain::timestamp() const noexcept { return m_impl->head().header.timestamp; }
u256 Chain::base_fee() const { return m_impl->next_base_fee(); }
std::uint64_t Chain::excess_blob_gas() const { return m_impl->next_excess_blob_gas(); }

u256 Chain::blob_base_fee() const {
    const ChainConfig& c = m_impl->config;
    return gas::fake_exponential(c.min_base_fee_per_blob_gas, m_impl->next_excess_blob_gas(),
                                 c.blob_base_fee_update_fraction);
}

u256 Chain::Impl::next_base_fee() const {
    if (!config.eip1559) return 0;
    const BlockHeader& parent = head().header;
    // Block 1 plays the EIP-1559 fork block: it starts at INITIAL_BASE_FEE.
    if (parent.number == 0) return config.initial_base_fee;
    return gas::next_base_fee(parent.base_fee_per_gas, parent.gas_used, config.gas_target(),
                              config.base_fee_max_change_denominator);
}

std::uint64_t Chain::Impl::next_excess_blob_gas() const {
    const BlockHeader& parent = head().header;
    return gas::next_excess_blob_gas(parent.excess_blob_gas, parent.blob_gas_used,
                                     config.target_blob_gas_per_block());
}

// ---- logs --------------------------------------------------------------------------------------

std::vector<Log> Chain::logs(const LogFilter& filter) const {
    const std::uint64_t head_number = block_number();
    const std::uint64_t to = std::min(filter.to_block.value_or(head_number), head_number);
    if (filter.to_block && filter.from_block > *filter.to_block) {
        throw InvalidArgument("logs: from_block " + std::to_string(filter.from_block) +
                              " > to_block " + std::to_string(*filter.to_block));
    }
    std::vector<Log> out;
    for (std::uint64_t n = filter.from_block; n <= to; ++n) {
        for (const Receipt& r : m_impl->d.blocks[n]->receipts) {
            for (const Log& log : r.logs) {
                if (filter.matches(log)) out.push_back(log);
            }
        }
    }
    return out;
}

// ---- blobs -------------------------------------------------------------------------------------

std::optional<Blob> Chain::blob(const Hash32& versioned_hash) const {
    const ChainData& d = m_impl->d;
    if (d.withheld.count(versioned_hash) != 0) return std::nullopt;
    const auto it = d.blobs.find(versioned_hash);
    if (it == d.blobs.end()) return std::nullopt;
    if (block_number() >= it->second.block_number + m_impl->config.blob_retention_blocks) {
        return std::nullopt;
    }
    return it->second.blob;
}

void Chain::withhold_blob(const Hash32& versioned_hash) {
    m_impl->d.withheld.insert(versioned_hash);
    m_impl->d.blobs.erase(versioned_hash);
}

bool Chain::blob_withheld(const Hash32& versioned_hash) const {
    return m_impl->d.withheld.count(versioned_hash) != 0;
}

// ---- snapshots ---------------------------------------------------------------------------------

ChainSnapshot Chain::snapshot() const {
    auto data = std::make_shared<ChainSnapshot::Data>();
    data->chain_instance = m_impl->instance;
    data->state_digest = m_impl->head().header.state_digest;
    data->data = m_impl->d;
    ChainSnapshot s;
    s.m_data = std::move(data);
    return s;
}

void Chain::restore(const ChainSnapshot& snap) {
    if (!snap.m_data) throw StateError("restore: empty ChainSnapshot");
    if (snap.m_data->chain_instance != m_impl->instance) {
        throw StateError("restore: the snapshot was taken from a different Chain");
    }
    m_impl->d = snap.m_data->data;
}

// ---- bulk --------------------------------------------------------------------------------------

std::vector<Transaction> Chain::sign_transfers(std::span<const crypto::PrivateKey> keys,
                                               std::span<const TransferRequest> requests,
                                               const FeeParams& fees) const {
    std::map<std::size_t, std::uint64_t> nonces;
    for (const TransferRequest& r : requests) {
        if (r.sender_index >= keys.size()) {
            throw InvalidArgument("sign_transfers: sender_index " + std::to_string(r.sender_index) +
                                  " out of range (" + std::to_string(keys.size()) + " keys)");
        }
    }
    std::vector<Transaction> out;
    out.reserve(requests.size());
    for (const TransferRequest& r : requests) {
        const crypto::PrivateKey& key = keys[r.sender_index];
        auto it = nonces.find(r.sender_index);
        if (it == nonces.end()) it = nonces.emplace(r.sender_index, next_nonce(key.address())).first;
        Transaction tx;
        tx.chain_id = m_impl->config.chain_id;
        tx.nonce = it->second++;
        tx.max_fee_per_gas = fees.max_fee_per_gas;
        tx.max_priority_fee_per_gas = fees.max_priority_fee_per_gas;
        tx.gas_limit = fees.gas_limit;
        tx.to = r.to;
        tx.value = r.value;
        tx.sign(key);
        out.push_back(std::move(tx));
    }
    return out;
}

TransferBatchResult Chain::execute_transfers(std::span<const crypto::PrivateKey> keys,
                                             std::span<const TransferRequest> requests,
                                             const FeeParams& fees, std::uint64_t max_blocks) {
    TransferBatchResult out;
    std::vector<Transaction> txs = sign_transfers(keys, requests, fees);
    out.submitted = txs.size();
    std::vector<Hash32> accepted;
    for (const SubmitOutcome& o : submit_many(std::move(txs))) {
        if (o.accepted) accepted.push_back(o.tx_hash);
    }
    out.accepted = accepted.size();
    out.blocks = mine_until_empty(max_blocks);
    const ChainData& d = m_impl->d;
    for (const Hash32& h : accepted) {
        const auto it = d.included.find(h);
        if (it == d.included.end()) continue;
        ++out.included;
        out.gas_used += d.blocks[it->second.first]->receipts[it->second.second].gas_used;
    }
    return out;
}

}  // namespace l2lab::l1
