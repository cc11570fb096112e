#pragma once
/// \file batch_builder.hpp
/// What a zk-mode sequencer and prover compute for one batch, as a library: apply the consumed
/// queue ops and the sequencer's txs to the pre-state, build the posted diff-batch frame, its
/// data commitment, the statement and the prover's witness. Used by the prover actor, tests,
/// benchmarks and scenarios that build (or deliberately falsify) batches by hand.
#include <cstdint>
#include <memory>
#include <vector>
#include "l2lab/rollup/compression.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/state_diff.hpp"
#include "l2lab/rollup/stf.hpp"
#include "l2lab/validity/proof_system.hpp"

namespace l2lab::validity {

/// The data commitment the inbox records for `frame` posted with `da`: keccak256(frame) for
/// calldata, the versioned hash of the blob holding blob_payload(frame) for a blob. Throws
/// InvalidArgument when the frame does not fit a blob.
Hash32 data_commitment(rollup::BatchDa da, BytesView frame);

/// One batch, ready to post and prove.
struct PreparedBatch {
    Statement statement;
    BatchWitness witness;
    rollup::DiffBatch data;                 ///< what the frame holds
    std::shared_ptr<rollup::L2State> post;  ///< the state after the batch
    std::vector<rollup::StepOutcome> outcomes;  ///< one per op (queue ops first)
};

/// Apply `queue_ops` (queue items queue_start.. in order) then `txs` to a copy of `pre` under
/// `stf`, close the batch (rollup::register_accounts: the accounts it names for the first time
/// receive their indices), and build the frame (codec, level), commitment, statement and witness. Skipped txs stay
/// in the witness (a proof then refuses with skipped_tx): filter them before if the batch must be
/// provable. Throws InvalidArgument for a null `pre` or a bad level.
PreparedBatch prepare_batch(std::shared_ptr<const rollup::L2State> pre, const rollup::StfConfig& stf,
                            std::uint64_t batch_index, std::uint64_t queue_start,
                            std::vector<rollup::Op> queue_ops, std::vector<rollup::L2Tx> txs,
                            rollup::BatchDa da = rollup::BatchDa::Calldata,
                            rollup::Codec codec = rollup::Codec::Zstd, int level = 3);

/// The statement for a frame whose data claims `data` (e.g. after tampering with it), applied to
/// the state with root `pre_root` and claiming `post_root` (the frame carries no root): every
/// field from the arguments, the queue range from `data`, data_commitment from the frame,
/// queue_digest from the ops.
Statement make_statement(const rollup::StfConfig& stf, std::uint64_t batch_index,
                         const Hash32& pre_root, const Hash32& post_root,
                         const rollup::DiffBatch& data, rollup::BatchDa da, BytesView frame,
                         const std::vector<rollup::Op>& queue_ops);

}  // namespace l2lab::validity
