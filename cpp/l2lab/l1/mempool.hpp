#pragma once
/// \file mempool.hpp
/// Pending transactions and the pluggable inclusion policy that decides which of them the next
/// block tries to include, and in which order.
///
/// The block builder walks the policy's order and includes each transaction that is valid and
/// fits (gas, blob gas); nonce gaps are respected (a sender's later nonce waits for the earlier
/// one, even within the block). Transactions the policy leaves out stay pending. Policies are
/// immutable and deterministic: randomness comes only from the Rng they are handed (the chain's,
/// seeded by its owner), never from a global source.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/rng.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/l1/tx.hpp"

namespace l2lab::l1 {

/// A transaction waiting in the mempool, with what the chain learnt at submission.
struct PendingTx {
    std::shared_ptr<const Transaction> tx;
    Hash32 tx_hash;
    Address sender;                  ///< recovered at submission
    std::uint64_t arrival_seq = 0;   ///< global submission order, strictly increasing
    std::uint64_t arrival_block = 0; ///< first block that could include it (head + 1 at submit)
};

/// What the builder is building.
struct BlockContext {
    std::uint64_t block_number = 0;
    std::uint64_t timestamp = 0;   ///< seconds
    u256 base_fee = 0;             ///< wei per gas
    u256 blob_base_fee = 0;        ///< wei per blob gas
};

/// Effective tip per gas a transaction pays in a block with `base_fee`:
/// min(max_priority_fee, max_fee - base_fee), 0 when max_fee < base_fee (EIP-1559).
u256 effective_tip(const Transaction& tx, const u256& base_fee);

/// Chooses and orders the candidates for one block.
class InclusionPolicy {
public:
    virtual ~InclusionPolicy() = default;
    /// Indices into `pending` (arrival order) in the order the builder should try them. Indices
    /// left out stay pending; duplicates or out-of-range indices make the chain throw StateError.
    /// `rng` is the chain's stream: draw from it only as needed (it is part of the determinism).
    virtual std::vector<std::size_t> order(const BlockContext& block,
                                           std::span<const PendingTx> pending, Rng& rng) const = 0;
    /// Short description, e.g. "censor(2 senders, 5 blocks)".
    virtual std::string describe() const = 0;
};

/// Honest: by effective tip (descending), then arrival (ascending). Geth-like.
class HonestPolicy final : public InclusionPolicy {
public:
    std::vector<std::size_t> order(const BlockContext& block, std::span<const PendingTx> pending,
                                   Rng& rng) const override;
    std::string describe() const override { return "honest"; }
};

/// Censors `senders`: their transactions are left out of every block whose number is below
/// arrival_block + max_blocks, i.e. excluded for at most `max_blocks` blocks after arrival; after
/// that they are ordered by `inner` with everyone else. max_blocks = 0 censors nothing.
class CensorPolicy final : public InclusionPolicy {
public:
    /// `inner` orders the eligible transactions (default: honest).
    CensorPolicy(std::set<Address> senders, std::uint64_t max_blocks,
                 std::shared_ptr<const InclusionPolicy> inner = nullptr);
    std::vector<std::size_t> order(const BlockContext& block, std::span<const PendingTx> pending,
                                   Rng& rng) const override;
    std::string describe() const override;
    const std::set<Address>& senders() const noexcept { return m_senders; }
    std::uint64_t max_blocks() const noexcept { return m_max_blocks; }

private:
    std::set<Address> m_senders;
    std::uint64_t m_max_blocks;
    std::shared_ptr<const InclusionPolicy> m_inner;
};

/// Delays every transaction by `delay_blocks`: eligible from block arrival_block + delay_blocks,
/// then ordered by `inner` (default: honest).
class DelayPolicy final : public InclusionPolicy {
public:
    explicit DelayPolicy(std::uint64_t delay_blocks,
                         std::shared_ptr<const InclusionPolicy> inner = nullptr);
    std::vector<std::size_t> order(const BlockContext& block, std::span<const PendingTx> pending,
                                   Rng& rng) const override;
    std::string describe() const override;
    std::uint64_t delay_blocks() const noexcept { return m_delay; }

private:
    std::uint64_t m_delay;
    std::shared_ptr<const InclusionPolicy> m_inner;
};

/// Reorders everything: a seeded uniformly random permutation (drawn from the chain's Rng), or
/// the exact reverse of the honest order.
class ReorderPolicy final : public InclusionPolicy {
public:
    enum class Mode : std::uint8_t { Random, Reverse };
    explicit ReorderPolicy(Mode mode) : m_mode(mode) {}
    std::vector<std::size_t> order(const BlockContext& block, std::span<const PendingTx> pending,
                                   Rng& rng) const override;
    std::string describe() const override;
    Mode mode() const noexcept { return m_mode; }

private:
    Mode m_mode;
};

/// The pending set, in arrival order. Copyable (snapshots copy it; transactions are shared).
class Mempool {
public:
    /// Add a transaction. Precondition: its hash is not already present.
    void add(PendingTx p);
    /// Remove by hash; no-op when absent.
    void remove(const Hash32& tx_hash);
    bool contains(const Hash32& tx_hash) const { return m_index.count(tx_hash) != 0; }
    /// The pending transaction with this hash, or nullptr.
    const PendingTx* find(const Hash32& tx_hash) const;
    /// Everything pending, in arrival order.
    std::vector<PendingTx> list() const;
    std::size_t size() const noexcept { return m_by_seq.size(); }
    bool empty() const noexcept { return m_by_seq.empty(); }
    /// Highest pending nonce + 1 for `sender`, or nullopt when it has nothing pending.
    std::optional<std::uint64_t> next_pending_nonce(const Address& sender) const;

private:
    std::map<std::uint64_t, PendingTx> m_by_seq;              // arrival_seq -> tx
    std::map<Hash32, std::uint64_t> m_index;                  // tx hash -> arrival_seq
    std::map<Address, std::multimap<std::uint64_t, std::uint64_t>> m_by_sender;  // nonce -> seq
};

}  // namespace l2lab::l1
