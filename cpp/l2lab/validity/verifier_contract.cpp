#include "l2lab/validity/verifier_contract.hpp"

#include <string_view>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::validity {

namespace {

using namespace l2lab::rollup;

enum Selector : std::uint64_t { kSubmitProof = 0, kRootProven = 1, kStatus = 2, kBatchRoot = 3 };

Hash32 slot(std::string_view name, std::uint64_t index = 0) {
    Bytes buf(name.begin(), name.end());
    for (int i = 0; i < 8; ++i) buf.push_back(static_cast<std::uint8_t>(index >> (56 - 8 * i)));
    return crypto::keccak256(buf);
}
Hash32 word(std::uint64_t v) {
    Hash32 h;
    for (int i = 0; i < 8; ++i) h.bytes[31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return h;
}
u256 as_u256(const Hash32& h) { return from_be(h.view()); }
Hash32 as_hash(const u256& v) {
    Hash32 h;
    const auto b = to_be32(v);
    std::copy(b.begin(), b.end(), h.bytes.begin());
    return h;
}
std::uint64_t as_u64(const u256& v) { return v.convert_to<std::uint64_t>(); }

// Calls a view of the inbox and returns its 32-byte answer, reverting with `reason` otherwise.
Hash32 inbox_word(l1::CallContext& ctx, const Address& inbox, const Bytes& calldata,
                  const char* reason) {
    const auto r = ctx.call(inbox, 0, calldata);
    if (!r.success() || r.return_data.size() != 32) ctx.revert(reason);
    return Hash32::from_view(r.return_data);
}

template <typename T, typename F>
T decode_or_revert(l1::CallContext& ctx, const char* what, F f) {
    try {
        return f();
    } catch (const DecodeError& e) {
        ctx.revert(std::string("malformed calldata: ") + what + ": " + e.what());
    }
}

Bytes submit_proof(l1::CallContext& ctx, const VerifierConfig& cfg, const std::vector<rlp::Item>& f) {
    if (f.size() != 8) ctx.revert("malformed calldata: wrong argument count");
    const std::uint64_t index = f[1].u64_value();
    const std::uint64_t proven = as_u64(ctx.sload(slot("proven")));
    if (index != proven) ctx.revert("not the next batch");
    // The batch record: the inbox's, not the prover's.
    const BytesView record_bytes = f[2].bytes();
    const auto record = decode_or_revert<BatchRecord>(ctx, "batch record", [&] { return BatchRecord::decode(record_bytes); });
    const Hash32 record_hash = ctx.keccak256(record_bytes);
    if (inbox_word(ctx, cfg.inbox, inbox_batch_record(index), "batch record does not match the inbox") != record_hash) {
        ctx.revert("batch record does not match the inbox");
    }
    if (record.l1_block >= ctx.block_number()) ctx.revert("batch not in a past block");
    // The consumed queue items, checked one by one against the inbox.
    const std::uint64_t queue_start = as_u64(ctx.sload(slot("queue")));
    const std::uint64_t queue_end = f[6].u64_value();
    if (queue_end < queue_start || queue_end > record.queue_count) ctx.revert("queue_end out of range");
    const auto& qitems = f[3].items();
    if (qitems.size() != queue_end - queue_start) ctx.revert("queue_end out of range");
    Hash32 digest{};
    for (std::size_t k = 0; k < qitems.size(); ++k) {
        const BytesView qb = qitems[k].bytes();
        const auto q = decode_or_revert<QueueRecord>(ctx, "queue record", [&] { return QueueRecord::decode(qb); });
        const Hash32 h = ctx.keccak256(qb);
        if (inbox_word(ctx, cfg.inbox, inbox_queue_record(queue_start + k), "queue record does not match the inbox") != h) {
            ctx.revert("queue record does not match the inbox");
        }
        Bytes pair(digest.bytes.begin(), digest.bytes.end());
        pair.insert(pair.end(), q.op_hash.bytes.begin(), q.op_hash.bytes.end());
        digest = ctx.keccak256(pair);
    }
    // Forced inclusion: the first unconsumed item that existed at append time is not overdue.
    const auto& next = f[4].items();
    if (queue_end < record.queue_count) {
        if (next.size() != 1) ctx.revert("overdue queue item not consumed");
        const BytesView nb = next[0].bytes();
        const auto q = decode_or_revert<QueueRecord>(ctx, "next queue record", [&] { return QueueRecord::decode(nb); });
        const Hash32 h = ctx.keccak256(nb);
        if (inbox_word(ctx, cfg.inbox, inbox_queue_record(queue_end), "queue record does not match the inbox") != h) {
            ctx.revert("queue record does not match the inbox");
        }
        if (q.enqueue_block + cfg.forced_window <= record.l1_block) ctx.revert("overdue queue item not consumed");
    } else if (!next.empty()) {
        ctx.revert("malformed calldata: no next queue record expected");
    }
    // The statement, built here; the proof is checked against it.
    Statement st;
    st.chain_id = cfg.stf.chain_id;
    st.fee_recipient = cfg.stf.fee_recipient;
    st.batch_index = index;
    st.pre_root = index == 0 ? cfg.genesis_root : as_hash(ctx.sload(slot("root")));
    st.post_root = f[5].hash();
    st.da = record.da;
    st.data_commitment = record.commitment;
    st.queue_start = queue_start;
    st.queue_end = queue_end;
    st.queue_digest = digest;
    const Verdict v = cfg.proof_system->check(st, f[7].bytes());
    ctx.charge(v.gas);
    if (!v.ok) ctx.revert("invalid proof: " + v.failure);
    // Accepted: advance and register the root.
    ctx.sstore(slot("proven"), u256(index) + 1);
    ctx.sstore(slot("root"), as_u256(st.post_root));
    ctx.sstore(slot("queue"), queue_end);
    ctx.sstore(slot("batch_root", index), as_u256(st.post_root));
    rlp::ListBuilder reg;
    const std::uint64_t last_plus_one = as_u64(ctx.sload(slot("last_l1")));
    if (last_plus_one == 0 || record.l1_block + 1 > last_plus_one) {
        const auto r = ctx.call(cfg.inbox, 0, inbox_propose_root(record.l1_block, st.post_root));
        if (!r.success()) ctx.revert("inbox refused the root: " + r.revert_reason);
        const std::uint64_t ri = as_u64(ctx.sload(slot("roots")));
        ctx.sstore(slot("roots"), u256(ri) + 1);
        ctx.sstore(slot("root_batch", ri), u256(index) + 1);
        ctx.sstore(slot("last_l1"), u256(record.l1_block) + 1);
        reg.add_u64(ri);
    }
    rlp::ListBuilder d;
    d.add_hash(st.post_root).add_u64(queue_end).add_encoded(reg.finish());
    const Hash32 topics[2] = {topic_batch_proven(), word(index)};
    ctx.emit_log(topics, d.finish());
    return {};
}

}  // namespace

Hash32 topic_batch_proven() { return crypto::keccak256(as_bytes("BatchProven")); }

ZkVerifier::ZkVerifier(VerifierConfig config) : m_config(std::move(config)) {
    if (!m_config.proof_system) throw InvalidArgument("VerifierConfig::proof_system must not be null");
}

Bytes ZkVerifier::call(l1::CallContext& ctx, BytesView calldata) const {
    rlp::Limits lim;
    lim.max_depth = 2;
    lim.max_input_bytes = 64u << 20;
    lim.max_items = 1u << 22;
    std::optional<rlp::Item> parsed;
    try {
        parsed = rlp::decode(calldata, lim);
    } catch (const DecodeError& e) {
        ctx.revert(std::string("malformed calldata: ") + e.what());
    }
    try {
        const auto& f = parsed->items();
        if (f.empty()) ctx.revert("malformed calldata: empty list");
        if (ctx.value() != 0) ctx.revert("not payable");
        const std::uint64_t sel = f[0].u64_value();
        auto one_arg = [&] {
            if (f.size() != 2) ctx.revert("malformed calldata: wrong argument count");
            return f[1].u64_value();
        };
        switch (sel) {
            case kSubmitProof: return submit_proof(ctx, m_config, f);
            case kRootProven: {
                const std::uint64_t ri = one_arg();
                const Hash32 answer = word(ctx.sload(slot("root_batch", ri)) != 0 ? 1 : 0);
                return Bytes(answer.bytes.begin(), answer.bytes.end());
            }
            case kStatus: {
                if (f.size() != 1) ctx.revert("malformed calldata: wrong argument count");
                rlp::ListBuilder b;
                b.add_u64(as_u64(ctx.sload(slot("proven")))).add_hash(as_hash(ctx.sload(slot("root"))));
                b.add_u64(as_u64(ctx.sload(slot("queue")))).add_u64(as_u64(ctx.sload(slot("roots"))));
                return b.finish();
            }
            case kBatchRoot: {
                const std::uint64_t i = one_arg();
                if (i >= as_u64(ctx.sload(slot("proven")))) ctx.revert("unknown batch index");
                const Hash32 h = as_hash(ctx.sload(slot("batch_root", i)));
                return Bytes(h.bytes.begin(), h.bytes.end());
            }
            default: ctx.revert("unknown selector " + std::to_string(sel));
        }
    } catch (const DecodeError& e) {
        ctx.revert(std::string("malformed calldata: ") + e.what());
    }
}

bool ProvenFinality::is_final(l1::CallContext& ctx, std::uint64_t root_index, std::uint64_t,
                              std::uint64_t) const {
    const auto r = ctx.call(m_verifier, 0, verifier_root_proven(root_index));
    return r.success() && r.return_data.size() == 32 && r.return_data[31] == 1;
}

// ---- calldata builders ------------------------------------------------------------------------

Bytes verifier_submit_proof(const SubmitProof& a) {
    rlp::ListBuilder qs;
    for (const auto& q : a.queue_records) qs.add_bytes(q.encode());
    rlp::ListBuilder next;
    if (a.next_queue_record) next.add_bytes(a.next_queue_record->encode());
    rlp::ListBuilder b;
    b.add_u64(kSubmitProof).add_u64(a.batch_index).add_bytes(a.record.encode());
    b.add_encoded(qs.finish()).add_encoded(next.finish()).add_hash(a.post_root);
    b.add_u64(a.queue_end).add_bytes(a.proof);
    return b.finish();
}
Bytes verifier_root_proven(std::uint64_t root_index) {
    rlp::ListBuilder b;
    b.add_u64(kRootProven).add_u64(root_index);
    return b.finish();
}
Bytes verifier_status() {
    rlp::ListBuilder b;
    b.add_u64(kStatus);
    return b.finish();
}
Bytes verifier_batch_root(std::uint64_t batch_index) {
    rlp::ListBuilder b;
    b.add_u64(kBatchRoot).add_u64(batch_index);
    return b.finish();
}

// ---- readers --------------------------------------------------------------------------------

VerifierStatus verifier_status(const l1::Chain& chain, const Address& v) {
    return {as_u64(chain.storage(v, slot("proven"))), as_hash(chain.storage(v, slot("root"))),
            as_u64(chain.storage(v, slot("queue"))), as_u64(chain.storage(v, slot("roots")))};
}

std::optional<Hash32> verifier_batch_root(const l1::Chain& chain, const Address& v, std::uint64_t i) {
    if (i >= as_u64(chain.storage(v, slot("proven")))) return std::nullopt;
    return as_hash(chain.storage(v, slot("batch_root", i)));
}

std::optional<std::uint64_t> verifier_root_batch(const l1::Chain& chain, const Address& v,
                                                 std::uint64_t root_index) {
    const u256 b = chain.storage(v, slot("root_batch", root_index));
    if (b == 0) return std::nullopt;
    return as_u64(b) - 1;
}

}  // namespace l2lab::validity
