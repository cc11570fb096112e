#pragma once
/// \file derivation.hpp
/// Derivation / verifier node: rebuilds the L2 state from L1 data alone (the inbox's logs, the
/// batch calldata and blobs), block by block.
///
/// Rule for L1 block B (in order B = 1, 2, ...):
///   1. forced inclusion: every queue item enqueued in block b with b + forced_window <= B that
///      is not yet consumed is applied now, in queue order;
///   2. the inbox's logs of B in log order: a Queued log appends its op to the queue; a
///      BatchAppended log fetches the frame (calldata of its tx, or its blob). If a blob is
///      unavailable (withheld or expired) derivation STALLS at B: nothing of B or later is
///      derived until the data appears. A frame that fails to decode is an empty batch. Else the
///      queue items up to min(batch.queue_index, queue length) not yet consumed are applied,
///      then the batch's txs.
/// Each applied op is one STF step (receipts numbered globally). The root after block B is
/// recorded: root_after(B).
///
/// With BatchFormat::StateDiff (the zk mode) batches are diff batches (state_diff.hpp) and the
/// rule for block B is: there is no forced application (step 1 is skipped; the zk verifier makes
/// every proven batch consume the items overdue for it instead); a Queued log appends to the
/// queue; a BatchAppended log fetches the frame (stalling as above) and applies its diff when
/// the frame decodes, its queue_start is the number of items consumed so far, its queue_end is at
/// most the batch's queue_count, the first unconsumed item it leaves (if any existed at append)
/// is not overdue (enqueue block + W > B), and the diff applies to the current state (registry
/// size, arithmetic, registrations, withdrawals); the items [queue_start, queue_end) are then
/// consumed. Otherwise the batch changes nothing and decode_error says why. No ops or receipts
/// exist in this format (the txs are not posted): a node holds the state, the queue and each
/// applied diff. The frame carries no root: the root a batch must reach is the one the verifier
/// contract stores when it accepts the batch's proof, so a node checks its rebuilt states against
/// those L1-held roots (validity/zk_rollup.hpp check_rebuilt_roots; DerivedBatch::post_root is the
/// rebuilt Keccak root). A batch the verifier never proves is still applied here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/l1/chain.hpp"
#include "l2lab/rollup/compression.hpp"
#include "l2lab/rollup/state.hpp"
#include "l2lab/rollup/state_diff.hpp"
#include "l2lab/rollup/stf.hpp"

namespace l2lab::rollup {

/// What the inbox's batches carry.
enum class BatchFormat : std::uint8_t {
    Txs = 0,        ///< tx batches (batch.hpp): the optimistic mode
    StateDiff = 1,  ///< diff batches (state_diff.hpp): the zk mode
};
/// Stable names: "txs", "state_diff".
std::string_view batch_format_name(BatchFormat f);
/// Throws InvalidArgument for an unknown name.
BatchFormat batch_format_from_name(std::string_view name);

/// How a node derives.
struct DerivationConfig {
    Address inbox;                    ///< inbox contract address
    StfConfig stf;
    std::uint64_t forced_window = 10;  ///< W, L1 blocks
    std::size_t max_decompressed = kDefaultMaxDecompressed;
    BatchFormat format = BatchFormat::Txs;
};

/// One L1 queue item as seen by derivation.
struct QueueItem {
    Op op;
    std::uint64_t enqueue_block = 0;
    std::optional<std::uint64_t> included_block;  ///< L1 block whose derivation applied it
    bool forced = false;  ///< applied by the forced-inclusion rule, not by a batch
    std::optional<std::uint32_t> step;  ///< index of its receipt once applied
};

/// One batch as seen by derivation.
struct DerivedBatch {
    std::uint64_t batch_index = 0;
    std::uint64_t l1_block = 0;
    bool blob = false;
    Hash32 commitment;
    std::uint64_t queue_count = 0;  ///< inbox queue length when the batch was appended
    bool decoded = false;
    std::string decode_error;     ///< why the frame was treated as empty
    std::size_t frame_bytes = 0;  ///< compressed frame size
    std::size_t tx_count = 0;
    std::uint32_t first_step = 0;
    std::uint32_t step_count = 0;  ///< queue items + txs applied for this batch
    Hash32 post_root;
    std::uint64_t queue_start = 0;  ///< StateDiff format: the frame's queue range (0 otherwise)
    std::uint64_t queue_end = 0;
};

/// The node.
class Derivation {
public:
    explicit Derivation(DerivationConfig config);
    Derivation(Derivation&&) noexcept = default;
    Derivation& operator=(Derivation&&) noexcept = default;
    /// Derive every L1 block up to the chain's head (or until stalled). Returns blocks derived.
    std::uint64_t advance(const l1::Chain& chain);
    /// Last fully derived L1 block (0 = genesis only).
    std::uint64_t derived_block() const noexcept { return m_derived; }
    /// The L1 block at which derivation waits for unavailable data, if any.
    std::optional<std::uint64_t> stalled_at() const noexcept { return m_stalled; }
    /// Root after deriving L1 blocks 0..block. Throws InvalidArgument when block > derived_block().
    Hash32 root_after(std::uint64_t block) const;
    const L2State& state() const noexcept { return m_state; }
    const std::vector<StepReceipt>& receipts() const noexcept { return m_receipts; }
    const std::vector<QueueItem>& queue() const noexcept { return m_queue; }
    const std::vector<DerivedBatch>& batches() const noexcept { return m_batches; }
    /// Number of queue items consumed so far (a prefix of the queue).
    std::size_t queue_consumed() const noexcept { return m_consumed; }
    /// Queue items that the forced rule will apply at the start of block `block`
    /// (indices in the queue), given what is derived now.
    std::vector<std::size_t> overdue_at(std::uint64_t block) const;
    /// Ops applied for each L1 block are also kept per step: the op of receipt i.
    const std::vector<Op>& ops() const noexcept { return m_ops; }
    /// Sum of applied deposits (wei).
    const u256& deposited() const noexcept { return m_deposited; }
    const DerivationConfig& config() const noexcept { return m_config; }
    /// The L2 state as it was after deriving L1 blocks 0..block, rebuilt by replaying the
    /// recorded ops (for proofs against an older proposed root). Throws InvalidArgument when
    /// block > derived_block().
    L2State state_at(std::uint64_t block) const;
    /// Number of steps applied after deriving L1 blocks 0..block. InvalidArgument as above.
    std::size_t steps_after(std::uint64_t block) const;
    /// The L2 state right after batch `batch_index` (rebuilt by replaying ops or diffs). Throws
    /// InvalidArgument when batch_index >= batches().size().
    L2State state_after_batch(std::size_t batch_index) const;
    /// StateDiff format: the diff batch applied for each batch (nullopt: not applied).
    const std::vector<std::optional<StateDiff>>& diffs() const noexcept { return m_diffs; }

    /// Crash-recovery snapshot: a strict canonical RLP encoding of everything the node derived
    /// (ops, per-block step counts, queue, batches, stall point) plus its config. The L2 state,
    /// receipts and roots are not stored; load_state() rebuilds them by replaying the ops (the
    /// state_diff format stores each applied diff and, as a check, the root after each batch).
    Bytes save_state() const;
    /// Replace this node's progress with a save_state() result (persist.cpp). Throws DecodeError
    /// for anything else: malformed, truncated or non-canonical bytes (the decoded state must
    /// re-encode to the input exactly), structurally inconsistent data, or a state saved under a
    /// different DerivationConfig (InvalidValue). On error the node is unchanged.
    void load_state(BytesView encoding);

private:
    bool derive_block(const l1::Chain& chain, std::uint64_t number);
    void consume_to(std::size_t end, std::uint64_t block, bool forced);
    void step(const Op& op);
    void derive_diff_batch(DerivedBatch& b, const Bytes& frame, std::uint64_t number);
    void replay_diffs(L2State& st, std::size_t batches, std::uint64_t max_block) const;
    void rebuild_from_diffs(const rlp::Item& list, std::uint64_t derived,
                            std::vector<DerivedBatch>& batches, std::vector<QueueItem>& queue);

    DerivationConfig m_config;
    L2State m_state;
    std::uint64_t m_derived = 0;
    std::optional<std::uint64_t> m_stalled;
    std::vector<Hash32> m_roots;  // index = L1 block
    std::vector<std::size_t> m_steps;  // index = L1 block
    std::vector<StepReceipt> m_receipts;
    std::vector<Op> m_ops;
    std::vector<QueueItem> m_queue;
    std::size_t m_consumed = 0;
    std::vector<DerivedBatch> m_batches;
    std::vector<std::optional<StateDiff>> m_diffs;  // StateDiff format: one per batch
    u256 m_deposited = 0;
};

}  // namespace l2lab::rollup
