#pragma once
/// \file machine.hpp
/// The derivation machine: the rollup's derivation rule (rollup/derivation.hpp) written as a
/// sequence of small steps over a MachineState = (L2 state root, derivation cursor), so that a
/// dispute can bisect over it and one step can be re-executed on L1 from the inbox's records.
///
/// One machine step is exactly one of:
///   QueueOp   apply the next L1 queue item (a deposit or forced tx), either because the forced
///             window made it overdue at the start of the cursor's L1 block, or because the open
///             batch consumes it before its txs;
///   BatchTx   apply the next tx of the open batch;
///   OpenBatch open the next batch appended in the cursor's block: decode its frame (an
///             undecodable frame is an empty batch), fix the queue items it consumes
///             (max(consumed, min(batch.queue_index, queue length when it was appended))) and
///             commit to its txs by their Merkle root (RFC 6962, keccak, leaves = tx encodings), so
///             later BatchTx steps need one tx and a Merkle path instead of the whole frame.
///   Settle    the cursor passes the target block B: the last step of every trace, landing on
///             the canonical end-of-block state (cursor at the start of block B + 1).
/// Moves that need no step (end of the forced phase, moving to the next L1 block that has work,
/// closing a finished batch) are folded into the step that follows them. From the end-of-block
/// state of B a step changes nothing (Done, a no-op), so traces can be padded to any length.
///
/// The machine applied from genesis reaches, at the end of every L1 block b, the L2 state root of
/// Derivation::root_after(b) (tested differentially); its per-op steps are exactly Derivation's
/// ops, with OpenBatch steps in between.
///
/// Canonical states: a MachineState's encoding is unique (fields of a closed batch are zero), so
/// equal commitments mean equal states.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/tx.hpp"

namespace l2lab::fault {

/// Where derivation stands.
struct Cursor {
    std::uint64_t block = 1;            ///< L1 block being derived
    bool forced_done = false;           ///< the forced phase of `block` is over
    std::uint64_t queue_consumed = 0;   ///< queue items applied so far (a prefix of the queue)
    std::uint64_t next_batch = 0;       ///< inbox index of the next batch to open (or the open one)
    bool in_batch = false;              ///< batch `next_batch` is open
    std::uint64_t batch_queue_end = 0;  ///< open batch: queue index its queue items stop at
    std::uint64_t batch_tx_count = 0;   ///< open batch: number of txs
    std::uint64_t tx_index = 0;         ///< open batch: txs applied so far
    Hash32 batch_txs_root;              ///< open batch: Merkle root of its tx encodings
    bool operator==(const Cursor&) const = default;
};

/// The machine's state: what every claim of a dispute commits to.
struct MachineState {
    Hash32 state_root;  ///< L2 state root
    Cursor cursor;
    /// rlp([state_root, block, forced_done, queue_consumed, next_batch, in_batch,
    ///      batch_queue_end, batch_tx_count, tx_index, batch_txs_root]).
    Bytes encode() const;
    /// Strict inverse of encode(); also rejects non-canonical states (an open batch with nothing
    /// left to apply, or a closed batch with non-zero batch fields, or block 0). Throws
    /// DecodeError.
    static MachineState decode(BytesView encoding);
    /// keccak256(encode()): the value a claim carries.
    Hash32 commitment() const;
    bool operator==(const MachineState&) const = default;
};

/// The machine state at genesis (empty L2 state, L1 block 1, nothing consumed).
MachineState genesis_state();
/// The state after deriving L1 blocks 0..b: `root`, cursor at the start of block b + 1.
MachineState end_of_block_state(const Hash32& root,
                                std::uint64_t block,
                                std::uint64_t queue_consumed,
                                std::uint64_t next_batch);
/// Whether `s` is an end-of-block state (cursor at the start of its block, no open batch).
bool is_end_of_block(const MachineState& s);

/// Parameters of derivation that the machine needs (must equal the rollup's).
struct MachineConfig {
    std::uint64_t forced_window = 10;          ///< W, L1 blocks (DerivationConfig::forced_window)
    std::size_t max_decompressed = 16u << 20;  ///< decompression cap (DerivationConfig)
    bool operator==(const MachineConfig&) const = default;
};

/// Thrown by an L1Source that cannot supply data a step needs: off-chain, a withheld blob
/// (derivation would stall); on-chain, a proof that lacks or mislabels a preimage.
class MissingData : public Error {
public:
    using Error::Error;
};

/// Gas accounting hook: the on-chain verifier charges what the machine's own work would cost
/// (hashing the txs root of an opened batch, modelled decompression). Off-chain: a no-op.
class Meter {
public:
    virtual ~Meter() = default;
    /// Charge keccak256 of `bytes` bytes (30 + 6 per word).
    virtual void keccak(std::size_t bytes) = 0;
    /// Charge `gas` for other computation.
    virtual void charge(std::uint64_t gas) = 0;
    /// A batch frame of `frame_bytes` was decompressed and parsed into `payload_bytes` of RLP
    /// (0 when it did not decode); the on-chain meter prices this with its modelled rate.
    virtual void decoded(std::size_t frame_bytes, std::size_t payload_bytes) = 0;
};
/// A Meter that charges nothing.
class NoMeter final : public Meter {
public:
    void keccak(std::size_t) override {}
    void charge(std::uint64_t) override {}
    void decoded(std::size_t, std::size_t) override {}
};

/// What the machine reads from L1. Every method is deterministic for a given chain; an
/// implementation that cannot serve a request throws MissingData.
class L1Source {
public:
    virtual ~L1Source() = default;
    /// Record of queue item `index`, nullopt when the inbox's queue is shorter.
    virtual std::optional<rollup::QueueRecord> queue_record(std::uint64_t index) = 0;
    /// Record of batch `index`, nullopt when the inbox holds fewer batches.
    virtual std::optional<rollup::BatchRecord> batch_record(std::uint64_t index) = 0;
    /// The op of queue item `index` (its encode_op hashes to `record.op_hash`).
    virtual rollup::Op queue_op(std::uint64_t index, const rollup::QueueRecord& record) = 0;
    /// The frame of batch `index` as derivation reads it (calldata frame, or the frame inside
    /// the blob; a blob whose length prefix is out of range gives an empty frame).
    virtual Bytes batch_frame(std::uint64_t index, const rollup::BatchRecord& record) = 0;
    /// Tx `cursor.tx_index` of the open batch `cursor.next_batch`, bound to
    /// `cursor.batch_txs_root`.
    virtual rollup::L2Tx batch_tx(const Cursor& cursor) = 0;
};

/// Kind of a machine step.
enum class StepKind : std::uint8_t {
    Done,       ///< at the end of the target block: nothing happens
    Settle,     ///< the cursor moves to the end of the target block (no op)
    QueueOp,    ///< a queue item is applied (forced or consumed by a batch)
    BatchTx,    ///< a batch tx is applied
    OpenBatch,  ///< a batch is opened (no state change)
};
/// Stable name, e.g. "open_batch".
std::string_view step_kind_name(StepKind k);

/// The cursor part of one step: what happens and where the cursor ends.
struct StepAction {
    StepKind kind = StepKind::Done;
    Cursor next;                    ///< cursor after the step
    std::optional<rollup::Op> op;   ///< QueueOp / BatchTx: the op to apply to the L2 state
    std::uint64_t queue_index = 0;  ///< QueueOp: which queue item
    bool forced = false;            ///< QueueOp: applied by the forced-inclusion rule
    bool decoded = false;           ///< OpenBatch: the frame decoded
};

/// Compute the next step from `cursor` for a machine that stops after L1 block `target_block`.
/// Pure function of its inputs and the source's answers. Throws MissingData (from the source)
/// and InvalidArgument for records that contradict each other (a batch recorded in a block the
/// cursor already passed: impossible for inbox records).
StepAction next_action(const Cursor& cursor,
                       std::uint64_t target_block,
                       const MachineConfig& config,
                       L1Source& source,
                       Meter& meter);

/// The frame derivation reads from a blob's bytes (4-byte length prefix), empty when the prefix
/// is out of range. `blob_bytes` may be shorter than a blob: missing bytes are zeros.
Bytes frame_from_blob_bytes(BytesView blob_bytes);

/// Merkle root (RFC 6962, keccak) of a batch's tx encodings.
Hash32 batch_txs_root(const std::vector<rollup::L2Tx>& txs);

}  // namespace l2lab::fault
