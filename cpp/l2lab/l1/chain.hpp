#pragma once
/// \file chain.hpp
/// The simulated base chain: state, mempool, block production, receipts, logs, blobs, snapshots.
///
/// Life of a transaction: submit() checks what can be checked without a block (signature, chain
/// id, intrinsic gas, blob sidecar, ...) and either queues it or drops it with a typed reason.
/// produce_block() asks the inclusion policy for an order, re-validates each candidate against the
/// current state (nonce, funds, fee vs base fee), executes it and writes a receipt; candidates that
/// became invalid are dropped (DroppedTx in the block), ones that merely do not fit or wait for an
/// earlier nonce stay pending. Invalid transactions are never included; a dropped transaction
/// changes nothing.
///
/// Fees (EIP-1559/4844): the sender pays gas_used * effective_gas_price + blob_gas *
/// blob_base_fee; gas_used * base_fee and all blob fees are burned; the rest goes to the coinbase.
/// Reverted and out-of-gas transactions still pay and still increment the sender's nonce.
///
/// Everything is deterministic in (config, rng seed, calls). The chain does no I/O.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/rng.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/crypto/secp256k1.hpp"
#include "l2lab/l1/block.hpp"
#include "l2lab/l1/blob.hpp"
#include "l2lab/l1/config.hpp"
#include "l2lab/l1/contract.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/l1/mempool.hpp"
#include "l2lab/l1/receipt.hpp"
#include "l2lab/l1/state.hpp"
#include "l2lab/l1/tx.hpp"

namespace l2lab::l1 {

/// Answer of submit(): queued (accepted) or dropped with a reason.
struct SubmitOutcome {
    Hash32 tx_hash;
    bool accepted = false;
    std::optional<DropReason> reason;  ///< set when !accepted
    std::string detail;                ///< human-readable specifics when !accepted
};

/// Where a transaction is.
struct TxLookup {
    enum class Status : std::uint8_t { Unknown, Pending, Included, Dropped };
    Status status = Status::Unknown;
    std::optional<Receipt> receipt;    ///< when Included
    std::optional<DroppedTx> dropped;  ///< when Dropped
};

/// Options for one block.
struct BlockOptions {
    /// Defaults to parent timestamp + block_time. Must be > parent timestamp (InvalidArgument).
    std::optional<std::uint64_t> timestamp;
    /// Defaults to ChainConfig::coinbase.
    std::optional<Address> coinbase;
};

/// Fee fields for bulk-built transactions.
struct FeeParams {
    u256 max_fee_per_gas = 2'000'000'000;         ///< 2 gwei
    u256 max_priority_fee_per_gas = 1'000'000'000; ///< 1 gwei
    std::uint64_t gas_limit = gas::kTxBase;
};

/// One transfer in a bulk request: keys[sender_index] sends `value` wei to `to`.
struct TransferRequest {
    std::size_t sender_index = 0;
    Address to;
    u256 value = 0;
};

/// What Chain::execute_transfers did.
struct TransferBatchResult {
    std::size_t submitted = 0;
    std::size_t accepted = 0;      ///< queued by submit
    std::size_t included = 0;      ///< accepted ones that made it into a block
    std::uint64_t blocks = 0;      ///< blocks produced
    u256 gas_used = 0;             ///< total over the included transfers
};

/// Opaque copy of a whole chain (state, blocks, mempool, fee market, blobs, rng, policy).
/// Blocks, transactions and blobs are shared immutable objects, so a snapshot costs a copy of
/// the state maps plus pointer copies. Only restorable into the chain that made it.
class ChainSnapshot {
public:
    std::uint64_t block_number() const;
    /// The state digest at the time of the snapshot.
    Hash32 state_digest() const;

private:
    friend class Chain;
    struct Data;
    std::shared_ptr<const Data> m_data;
};

class Chain {
public:
    /// A chain at genesis (block 0, empty state). `rng` drives randomised inclusion policies; the
    /// owner (e.g. the World) passes a forked stream. Throws InvalidArgument for a bad config.
    explicit Chain(ChainConfig config = {}, Rng rng = Rng(0));
    ~Chain();
    Chain(const Chain&) = delete;
    Chain& operator=(const Chain&) = delete;

    const ChainConfig& config() const noexcept;

    // ---- accounts and state ----
    u256 balance(const Address& a) const;
    /// Account nonce (transactions included so far).
    std::uint64_t nonce(const Address& a) const;
    /// Nonce for the sender's next new transaction: account nonce, or one past its highest
    /// pending nonce (like eth_getTransactionCount(a, "pending")).
    std::uint64_t next_nonce(const Address& a) const;
    /// A contract's storage slot (0 when unset).
    u256 storage(const Address& contract, const Hash32& key) const;
    const State& state() const noexcept;
    /// keccak256 over the canonical RLP of the whole state (State::digest()).
    Hash32 state_digest() const;
    /// Create `amount` wei out of thin air for `a` (test/scenario set-up, not a transaction).
    /// Tracked in total_minted() so conservation can be checked.
    void mint(const Address& a, const u256& amount);
    u256 total_minted() const noexcept;
    /// Wei burned by EIP-1559 base fees and blob fees so far.
    u256 total_burned() const noexcept;

    // ---- contracts ----
    /// Deploy `code` as if `deployer` sent a creation transaction (no gas is charged):
    /// address = keccak256(rlp([deployer, nonce(deployer)]))[12:] (CREATE), the deployer's nonce
    /// increments, then code.construct(ctx, args) runs with the block gas limit.
    /// Throws InvalidArgument for null code; StateError when the constructor reverts or runs out
    /// of gas (then nothing changed).
    Address deploy(std::shared_ptr<const NativeContract> code, const Address& deployer,
                   BytesView args = {});
    /// Deploy at a fixed address (predeploys). No nonce changes. Throws StateError when code is
    /// already there or the constructor fails (nothing changed).
    void deploy_at(const Address& at, std::shared_ptr<const NativeContract> code,
                   BytesView args = {}, const Address& deployer = Address{});
    /// The contract at `a`, or nullptr.
    const NativeContract* contract_at(const Address& a) const;
    /// Read-only call (like eth_call) at the head state in the context of the next block: runs
    /// the call with `gas_limit` gas and rolls everything back. Never changes the chain.
    CallResult view_call(const Address& from, const Address& to, BytesView calldata,
                         std::uint64_t gas_limit = 30'000'000, const u256& value = 0);

    // ---- transactions ----
    /// Queue a signed transaction or drop it (typed reason; also recorded in the next block's
    /// `dropped`). Never throws for protocol-invalid transactions.
    SubmitOutcome submit(Transaction tx);
    /// submit() for each, in order.
    std::vector<SubmitOutcome> submit_many(std::vector<Transaction> txs);
    TxLookup lookup(const Hash32& tx_hash) const;
    /// Receipt of an included transaction, nullopt otherwise.
    std::optional<Receipt> receipt(const Hash32& tx_hash) const;
    /// Pending transactions in arrival order.
    std::vector<PendingTx> pending() const;
    std::size_t pending_count() const noexcept;
    /// Use `policy` from the next block on. Throws InvalidArgument for nullptr.
    void set_inclusion_policy(std::shared_ptr<const InclusionPolicy> policy);
    const InclusionPolicy& inclusion_policy() const noexcept;

    // ---- blocks ----
    /// Build, execute and append the next block. Throws InvalidArgument for a bad timestamp.
    const Block& produce_block(const BlockOptions& options = {});
    /// produce_block() n times.
    void mine(std::uint64_t n);
    /// Produce blocks until the mempool is empty or `max_blocks` were produced; returns how many.
    std::uint64_t mine_until_empty(std::uint64_t max_blocks);
    const Block& head() const noexcept;
    /// Block by number. Throws InvalidArgument when number > head number.
    const Block& block(std::uint64_t number) const;
    std::shared_ptr<const Block> block_ptr(std::uint64_t number) const;
    std::uint64_t block_number() const noexcept;  ///< head's number
    std::uint64_t timestamp() const noexcept;     ///< head's timestamp (seconds)
    /// Base fee (wei per gas) of the next block.
    u256 base_fee() const;
    /// Excess blob gas and blob base fee (wei per blob gas) of the next block.
    std::uint64_t excess_blob_gas() const;
    u256 blob_base_fee() const;

    // ---- logs ----
    /// Logs of included transactions matching `filter`, in chain order. Throws InvalidArgument
    /// when from_block > to_block.
    std::vector<Log> logs(const LogFilter& filter) const;

    // ---- blobs ----
    /// Blob data by versioned hash, while retained and not withheld; nullopt otherwise.
    std::optional<Blob> blob(const Hash32& versioned_hash) const;
    /// Make the blob with this hash unavailable from now on (data-availability scenarios),
    /// whether it is already on chain or only pending. The transaction stays valid and its
    /// versioned hash stays visible to contracts.
    void withhold_blob(const Hash32& versioned_hash);
    bool blob_withheld(const Hash32& versioned_hash) const;

    // ---- snapshots ----
    ChainSnapshot snapshot() const;
    /// Return to `snap` exactly. Throws StateError when it was taken from another chain.
    void restore(const ChainSnapshot& snap);

    // ---- bulk (benchmarks, Python speed) ----
    /// Build and sign one plain transfer per request, from keys[sender_index], with consecutive
    /// nonces from each sender's next_nonce(). Throws InvalidArgument for an index out of range.
    std::vector<Transaction> sign_transfers(std::span<const crypto::PrivateKey> keys,
                                            std::span<const TransferRequest> requests,
                                            const FeeParams& fees = {}) const;

    /// Sign, submit and execute in one call: sign_transfers + submit_many + produce blocks until
    /// the mempool is empty or `max_blocks` were produced. Transfers that were not included stay
    /// pending (see the result's counts).
    TransferBatchResult execute_transfers(std::span<const crypto::PrivateKey> keys,
                                          std::span<const TransferRequest> requests,
                                          const FeeParams& fees = {},
                                          std::uint64_t max_blocks = 1'000);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace l2lab::l1
