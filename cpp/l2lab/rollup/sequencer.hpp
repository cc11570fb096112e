#pragma once
/// \file sequencer.hpp
/// The sequencer actor: an L2 mempool, an ordering policy, batch sizing, posting batches to the
/// inbox as calldata or EIP-4844 blobs, optionally proposing roots; with per-batch and per-tx
/// metrics. It runs its own derivation node (the "safe" state) and predicts the root each batch
/// will produce once derived, so an independent verifier can check it.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>
#include "l2lab/sim/actor.hpp"
#include "l2lab/sim/world.hpp"
#include "l2lab/rollup/derivation.hpp"

namespace l2lab::rollup {

/// Order in which mempool txs enter a batch.
enum class OrderingPolicy : std::uint8_t {
    Fifo,         ///< arrival order
    Fee,          ///< highest fee first (ties: arrival order)
    Adversarial,  ///< last-in first-out: the latest arrivals jump the queue
};
/// Stable names: "fifo", "fee", "adversarial".
std::string_view ordering_name(OrderingPolicy p);
/// Throws InvalidArgument for an unknown name.
OrderingPolicy ordering_from_name(std::string_view name);

/// Where batch data goes.
enum class DataAvailability : std::uint8_t { Calldata, Blob };

/// Sequencer behaviour.
struct SequencerConfig {
    DerivationConfig derivation;
    Codec codec = Codec::Zstd;
    int level = 3;
    DataAvailability da = DataAvailability::Calldata;
    OrderingPolicy ordering = OrderingPolicy::Fifo;
    std::size_t max_batch_txs = 1000;        ///< txs per batch
    std::size_t max_batch_bytes = 120'000;   ///< uncompressed tx bytes per batch
    std::uint64_t post_every_blocks = 1;     ///< at most one batch per this many L1 blocks
    std::uint64_t propose_every_blocks = 0;  ///< propose a root this often (0 = never)
    std::set<Address> censored_senders;      ///< L2 senders whose txs are never batched
    bool ignore_queue = false;               ///< never consume deposits/forced txs voluntarily
    u256 max_fee_per_blob_gas = 1'000'000'000;  ///< wei per blob gas offered
    /// Mempool eviction: a tx still not includable (future nonce, unfunded) this many L1 blocks
    /// after submission is dropped with the reason of its last attempt (0 = never evict).
    std::uint64_t max_wait_blocks = 64;
    /// Batch sizing by blocks (L1 blocks). 0 = off: every post_every_blocks, post whatever is
    /// ready. When > 0, a batch is posted as soon as it is full (max_batch_txs txs, or the next
    /// includable tx would exceed max_batch_bytes) or its oldest tx (or voluntarily consumed
    /// queue item) has waited max_delay_blocks blocks since submission (enqueueing), whichever
    /// comes first; otherwise the sequencer waits for more txs. post_every_blocks still bounds
    /// how often batches are posted.
    std::uint64_t max_delay_blocks = 0;
};

/// Metrics of one posted batch.
struct BatchMetrics {
    Hash32 l1_tx_hash;
    std::uint64_t submitted_block = 0;          ///< head when submitted
    std::optional<std::uint64_t> included_block;
    bool blob = false;
    std::size_t tx_count = 0;
    std::size_t queue_items = 0;                ///< queue items consumed voluntarily
    std::size_t raw_bytes = 0;                  ///< uncompressed payload
    std::size_t compressed_bytes = 0;           ///< frame
    std::uint64_t l1_gas_used = 0;              ///< execution gas of the L1 tx
    std::uint64_t blob_gas_used = 0;
    std::uint64_t calldata_gas = 0;  ///< intrinsic gas of the frame as calldata (EIP-2028/7623)
    std::uint64_t blob_gas = 0;      ///< blob gas the frame needs (EIP-4844 2^17 per blob)
    u256 l1_fee_wei = 0;             ///< what the sequencer paid (burned + tip)
    u256 base_fee = 0;               ///< wei/gas: inclusion block's (next block's until included)
    u256 blob_base_fee = 0;          ///< wei/blob gas: as base_fee (EIP-4844/7691)
    u256 effective_gas_price = 0;    ///< wei/gas the receipt charged (0 until included)
    std::vector<std::size_t> records;  ///< indices into tx_records() of the batch's txs, in order
    Hash32 predicted_root;
    std::optional<bool> root_matches;  ///< derived root after included_block == predicted
};

/// What the sequencer posted for one diff batch (zk mode): the frame and what produced it, so
/// a prover can prove it. The txs are never on L1; only their state diff is.
struct PostedDiffBatch {
    Hash32 commitment;              ///< the inbox's data commitment of the frame
    std::uint64_t queue_start = 0;  ///< consumed queue items [queue_start, queue_end)
    std::uint64_t queue_end = 0;
    std::vector<L2Tx> txs;          ///< the sequencer's txs, in order (all applied)
    Bytes frame;                    ///< the diff-batch frame (state_diff.hpp)
    bool operator==(const PostedDiffBatch&) const = default;
};

/// Inclusion record of one L2 tx submitted to the sequencer.
struct TxRecord {
    Hash32 tx_hash;
    std::size_t raw_bytes = 0;                     ///< size of the tx's encoding
    std::uint64_t submitted_block = 0;
    std::optional<std::size_t> batch_index;        ///< batch_metrics() index of its batch
    std::optional<std::uint64_t> included_block;   ///< L1 block of the batch that carried it
    std::optional<SkipReason> dropped;             ///< dropped from the mempool (invalid)
};

/// The actor. With config.derivation.format == BatchFormat::StateDiff (zk mode) it posts diff
/// batches (state_diff.hpp) instead of tx batches: a batch consumes the queue items overdue at
/// the block it targets (all available ones unless ignore_queue; at most max_batch_bytes / 128
/// items beyond the overdue ones), then its txs, and posts the state diff of the whole
/// transition; a diff frame too large for a blob goes out as calldata. Its node derives in the
/// same format, and every posted diff batch is kept (posted_diff_batch) for the prover.
class Sequencer : public sim::Actor {
public:
    /// `account` pays for and signs L1 txs (it must be the inbox's sequencer, and its proposer
    /// if propose_every_blocks > 0). Throws InvalidArgument for a bad config (zero limits,
    /// blob batches larger than a blob, a codec level out of range: zstd 1..22, brotli 0..11).
    Sequencer(sim::Account account, SequencerConfig config);
    /// Queue an L2 tx; returns false (and records nothing) for a duplicate hash.
    bool submit(const L2Tx& tx, std::uint64_t block_number);
    /// submit() each; returns how many were queued.
    std::size_t submit_many(const std::vector<L2Tx>& txs, std::uint64_t block_number);
    void on_block(sim::World& world, const l1::Block& block) override;

    const Derivation& node() const noexcept { return m_node; }
    const std::vector<BatchMetrics>& batch_metrics() const noexcept { return m_batches; }
    const std::vector<TxRecord>& tx_records() const noexcept { return m_records; }
    std::size_t mempool_size() const noexcept { return m_mempool.size(); }
    const SequencerConfig& config() const noexcept { return m_config; }
    /// Change behaviour mid-run (e.g. start censoring).
    SequencerConfig& mutable_config() noexcept { return m_config; }
    std::vector<Hash32> proposed_l1_tx_hashes() const { return m_proposals; }
    /// Zk mode: the latest diff batch posted with data commitment `commitment`, or nullptr.
    const PostedDiffBatch* posted_diff_batch(const Hash32& commitment) const;
    /// Zk mode: the diff batch posted with data commitment `commitment` whose L1 tx was included
    /// in block `l1_block` (the sequencer posts at most one batch per block; a post whose
    /// inclusion it has not settled yet matches when submitted before `l1_block`), or nullptr.
    /// Frames carry no root, so two batches that move the same accounts by the same amounts post
    /// the same frame: the commitment alone does not say which txs produced it.
    const PostedDiffBatch* posted_diff_batch(const Hash32& commitment,
                                             std::uint64_t l1_block) const;
    /// Zk mode: every diff batch posted, in posting order (including ones whose L1 tx failed).
    const std::vector<PostedDiffBatch>& posted_diff_batches() const noexcept { return m_posted_diffs; }

    /// Crash-recovery snapshot (persist.cpp): strict canonical RLP of the dynamic state (its
    /// derivation node, mempool, tx records, batch metrics, the batch in flight, counters). The
    /// config and the L1 account are not part of it: reload into a Sequencer built with the same
    /// ones, and it then produces exactly the batches the saved one would have.
    Bytes save_state_bytes() const;
    /// Inverse of save_state_bytes(). Throws DecodeError for malformed, non-canonical or
    /// inconsistent bytes, or a node saved under another DerivationConfig; unchanged on error.
    void load_state_bytes(BytesView encoding);
    /// World snapshot hooks: the state as std::any holding save_state_bytes().
    std::any save_state() const override;
    /// Throws InvalidArgument for a std::any not produced by save_state().
    void load_state(const std::any& state) override;

private:
    struct Entry {
        L2Tx tx;
        std::size_t record;
        std::uint64_t seq;
    };
    void settle_inflight(sim::World& world);
    void maybe_post(sim::World& world);
    void maybe_propose(sim::World& world);

    sim::Account m_account;
    SequencerConfig m_config;
    Derivation m_node;
    std::vector<Entry> m_mempool;
    std::set<Hash32> m_known;
    std::vector<TxRecord> m_records;
    std::vector<BatchMetrics> m_batches;
    std::optional<std::size_t> m_inflight;  // index into m_batches
    std::vector<std::size_t> m_inflight_records;
    std::vector<Entry> m_inflight_entries;
    std::uint64_t m_last_post = 0;
    std::uint64_t m_last_propose = 0;
    std::uint64_t m_last_proposed_l1 = 0;
    bool m_proposed_any = false;
    std::uint64_t m_seq = 0;
    std::vector<Hash32> m_proposals;
    std::vector<PostedDiffBatch> m_posted_diffs;
};

}  // namespace l2lab::rollup
