#include "l2lab/validity/batch_builder.hpp"

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/blob.hpp"

namespace l2lab::validity {

using namespace l2lab::rollup;

Hash32 data_commitment(BatchDa da, BytesView frame) {
    if (da == BatchDa::Calldata) return crypto::keccak256(frame);
    return l1::Blob::from_data(blob_payload(frame)).versioned_hash();
}

Statement make_statement(const StfConfig& stf, std::uint64_t batch_index, const Hash32& pre_root,
                         const Hash32& post_root, const DiffBatch& data, BatchDa da, BytesView frame,
                         const std::vector<Op>& queue_ops) {
    Statement s;
    s.chain_id = stf.chain_id;
    s.fee_recipient = stf.fee_recipient;
    s.batch_index = batch_index;
    s.pre_root = pre_root;
    s.post_root = post_root;
    s.da = da;
    s.data_commitment = data_commitment(da, frame);
    s.queue_start = data.queue_start;
    s.queue_end = data.queue_end;
    std::vector<Hash32> hashes;
    hashes.reserve(queue_ops.size());
    for (const auto& op : queue_ops) hashes.push_back(op_hash(op));
    s.queue_digest = queue_digest(hashes);
    return s;
}

PreparedBatch prepare_batch(std::shared_ptr<const L2State> pre, const StfConfig& stf,
                            std::uint64_t batch_index, std::uint64_t queue_start,
                            std::vector<Op> queue_ops, std::vector<L2Tx> txs, BatchDa da,
                            Codec codec, int level) {
    if (!pre) throw InvalidArgument("prepare_batch: pre state must not be null");
    PreparedBatch b;
    b.post = std::make_shared<L2State>(pre->clone());
    for (const auto& op : queue_ops) b.outcomes.push_back(apply_op(*b.post, stf, op));
    for (const auto& tx : txs) b.outcomes.push_back(apply_op(*b.post, stf, Op{tx}));
    b.data.queue_start = queue_start;
    b.data.queue_end = queue_start + queue_ops.size();
    (void)register_accounts(*pre, *b.post);
    b.data.diff = make_state_diff(*pre, *b.post);
    b.witness.pre_state = pre;
    b.witness.frame = encode_diff_batch(b.data, codec, level);
    b.statement = make_statement(stf, batch_index, pre->state_root(), b.post->state_root(), b.data, da,
                                 b.witness.frame, queue_ops);
    b.witness.queue_ops = std::move(queue_ops);
    b.witness.txs = std::move(txs);
    return b;
}

}  // namespace l2lab::validity
