#include "l2lab/rollup/inbox.hpp"

#include <string_view>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/tx.hpp"

namespace l2lab::rollup {

namespace {

enum Selector : std::uint64_t {
    kAppendBatch = 0,
    kAppendBlobBatch = 1,
    kDeposit = 2,
    kForceTx = 3,
    kProposeRoot = 4,
    kFinalizeWithdrawal = 5,
    kBatchRecord = 6,
    kQueueRecord = 7,
    kCounts = 8,
};

Hash32 tag_hash(std::string_view s) { return crypto::keccak256(as_bytes(s)); }

Hash32 slot(std::string_view name, const Hash32& index = Hash32{}) {
    Bytes buf(name.begin(), name.end());
    buf.insert(buf.end(), index.bytes.begin(), index.bytes.end());
    return crypto::keccak256(buf);
}
Hash32 slot(std::string_view name, std::uint64_t index) {
    Hash32 h;
    for (int i = 0; i < 8; ++i) h.bytes[31 - i] = static_cast<std::uint8_t>(index >> (8 * i));
    return slot(name, h);
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

std::uint64_t bump(l1::CallContext& ctx, std::string_view counter) {
    const std::uint64_t n = as_u64(ctx.sload(slot(counter)));
    ctx.sstore(slot(counter), n + 1);
    return n;
}

void emit(l1::CallContext& ctx, const Hash32& topic, std::uint64_t index, BytesView data) {
    const Hash32 topics[2] = {topic, word(index)};
    ctx.emit_log(topics, data);
}

// One slot per batch: the hash of its record, so a verifier handed the record can check it with
// one SLOAD (the log carries the record's fields for nodes).
void record_batch(l1::CallContext& ctx, BatchDa da, const Hash32& commitment) {
    BatchRecord r{da, commitment, ctx.block_number(), as_u64(ctx.sload(slot("queue")))};
    const std::uint64_t i = bump(ctx, "batches");
    ctx.sstore(slot("batch", i), as_u256(ctx.keccak256(r.encode())));
    rlp::ListBuilder d;
    d.add_u64(static_cast<std::uint64_t>(da)).add_hash(commitment).add_u64(r.queue_count);
    emit(ctx, topic_batch_appended(), i, d.finish());
}

// One slot per queue item: the hash of (op hash, enqueue block).
void enqueue(l1::CallContext& ctx, const Op& op) {
    const std::uint64_t i = bump(ctx, "queue");
    const Bytes encoded = encode_op(op);
    const QueueRecord r{ctx.keccak256(encoded), ctx.block_number()};
    ctx.sstore(slot("queue_item", i), as_u256(ctx.keccak256(r.encode())));
    emit(ctx, topic_queued(), i, encoded);
}

}  // namespace

Hash32 topic_batch_appended() { return tag_hash("BatchAppended"); }
Hash32 topic_queued() { return tag_hash("Queued"); }
Hash32 topic_root_proposed() { return tag_hash("RootProposed"); }
Hash32 topic_withdrawal_final() { return tag_hash("WithdrawalFinalized"); }

Bytes BatchRecord::encode() const {
    rlp::ListBuilder b;
    b.add_u64(static_cast<std::uint64_t>(da)).add_hash(commitment).add_u64(l1_block);
    b.add_u64(queue_count);
    return b.finish();
}
Hash32 BatchRecord::hash() const { return crypto::keccak256(encode()); }
BatchRecord BatchRecord::decode(BytesView encoding) {
    const rlp::Item item = rlp::decode(encoding);
    const auto& f = item.fields(4);
    const std::uint64_t da = f[0].u64_value();
    if (da > 1) throw DecodeError(DecodeErrorKind::InvalidValue, 0, "batch record DA must be 0 or 1");
    return {static_cast<BatchDa>(da), f[1].hash(), f[2].u64_value(), f[3].u64_value()};
}

Bytes QueueRecord::encode() const {
    rlp::ListBuilder b;
    b.add_hash(op_hash).add_u64(enqueue_block);
    return b.finish();
}
Hash32 QueueRecord::hash() const { return crypto::keccak256(encode()); }
QueueRecord QueueRecord::decode(BytesView encoding) {
    const rlp::Item item = rlp::decode(encoding);
    const auto& f = item.fields(2);
    return {f[0].hash(), f[1].u64_value()};
}

InboxContract::InboxContract(InboxConfig config) : m_config(std::move(config)) {
    if (!m_config.finality) throw InvalidArgument("InboxConfig::finality must not be null");
}

Bytes InboxContract::call(l1::CallContext& ctx, BytesView calldata) const {
    rlp::Limits lim;
    lim.max_depth = 1;
    std::optional<rlp::Item> parsed;
    try {
        parsed = rlp::decode(calldata, lim);
    } catch (const DecodeError& e) {
        ctx.revert(std::string("malformed calldata: ") + e.what());
    }
    const auto& f = parsed->items();
    if (f.empty()) ctx.revert("malformed calldata: empty list");
    const std::uint64_t sel = f[0].u64_value();
    auto nargs = [&](std::size_t n) {
        if (f.size() != n + 1) ctx.revert("malformed calldata: wrong argument count");
    };
    switch (sel) {
        case kAppendBatch: {
            nargs(1);
            if (ctx.caller() != m_config.sequencer) ctx.revert("only the sequencer appends batches");
            const Hash32 commitment = ctx.keccak256(f[1].bytes());
            record_batch(ctx, BatchDa::Calldata, commitment);
            return {};
        }
        case kAppendBlobBatch: {
            nargs(0);
            if (ctx.caller() != m_config.sequencer) ctx.revert("only the sequencer appends batches");
            if (ctx.blob_count() == 0) ctx.revert("append_blob_batch needs at least one blob");
            for (std::size_t b = 0; b < ctx.blob_count(); ++b) {
                record_batch(ctx, BatchDa::Blob, ctx.blob_hash(b));
            }
            return {};
        }
        case kDeposit: {
            nargs(1);
            if (ctx.value() == 0) ctx.revert("zero deposit");
            const Address to = f[1].address();
            const std::uint64_t i = as_u64(ctx.sload(slot("queue")));
            enqueue(ctx, Deposit{i, ctx.caller(), to, ctx.value()});
            return {};
        }
        case kForceTx: {
            nargs(1);
            const BytesView raw = f[1].bytes();
            if (raw.size() > kMaxForcedTxBytes) ctx.revert("forced tx larger than 1024 bytes");
            Op op = UndecodableOp{Bytes(raw.begin(), raw.end())};
            try {
                op = L2Tx::decode(raw);
            } catch (const DecodeError&) {
            }
            enqueue(ctx, op);
            return {};
        }
        case kProposeRoot: {
            nargs(2);
            if (ctx.caller() != m_config.proposer) ctx.revert("only the proposer proposes roots");
            const std::uint64_t l1_block = f[1].u64_value();
            const Hash32 root = f[2].hash();
            if (l1_block >= ctx.block_number()) ctx.revert("l1_block must be a past block");
            const std::uint64_t last_plus_one = as_u64(ctx.sload(slot("last_l1_block")));
            if (last_plus_one != 0 && l1_block < last_plus_one) {
                ctx.revert("l1_block must increase");
            }
            ctx.sstore(slot("last_l1_block"), u256(l1_block) + 1);
            const std::uint64_t i = bump(ctx, "roots");
            ctx.sstore(slot("root", i), as_u256(root));
            ctx.sstore(slot("root_l1_block", i), l1_block);
            ctx.sstore(slot("root_proposed", i), ctx.block_number());
            rlp::ListBuilder d;
            d.add_u64(l1_block).add_hash(root);
            emit(ctx, topic_root_proposed(), i, d.finish());
            return {};
        }
        case kFinalizeWithdrawal: {
            nargs(6);
            const std::uint64_t ri = f[1].u64_value();
            const WithdrawalRecord w{f[2].address(), f[3].u64_value(), f[4].address(),
                                     f[5].u256_value()};
            crypto::SmtProof proof;
            try {
                proof = crypto::SmtProof::decode(f[6].bytes());
            } catch (const DecodeError& e) {
                ctx.revert(std::string("malformed proof: ") + e.what());
            }
            if (ri >= as_u64(ctx.sload(slot("roots")))) ctx.revert("unknown root index");
            const std::uint64_t proposed = as_u64(ctx.sload(slot("root_proposed", ri)));
            if (!m_config.finality->is_final(ctx, ri, proposed, ctx.block_number())) {
                ctx.revert("root is not final");
            }
            const Hash32 root = as_hash(ctx.sload(slot("root", ri)));
            const Hash32 key = withdrawal_key(w.sender, w.nonce);
            if (ctx.sload(slot("withdrawn", key)) != 0) ctx.revert("withdrawal already finalized");
            // One keccak per proof level plus the leaf and key hashes, as a Solidity verifier.
            ctx.charge((proof.depth() + 3) * l1::gas::keccak_cost(65));
            if (!crypto::smt_verify(crypto::HashKind::Keccak256, root, key,
                                    withdrawal_leaf(w.l1_recipient, w.amount), proof)) {
                ctx.revert("invalid withdrawal proof");
            }
            ctx.sstore(slot("withdrawn", key), 1);
            ctx.transfer(w.l1_recipient, w.amount);
            rlp::ListBuilder d;
            d.add_address(w.sender).add_u64(w.nonce).add_address(w.l1_recipient).add_u256(w.amount);
            emit(ctx, topic_withdrawal_final(), ri, d.finish());
            return {};
        }
        case kBatchRecord: {
            nargs(1);
            const std::uint64_t i = f[1].u64_value();
            if (i >= as_u64(ctx.sload(slot("batches")))) ctx.revert("unknown batch index");
            const Hash32 h = as_hash(ctx.sload(slot("batch", i)));
            return Bytes(h.bytes.begin(), h.bytes.end());
        }
        case kQueueRecord: {
            nargs(1);
            const std::uint64_t i = f[1].u64_value();
            if (i >= as_u64(ctx.sload(slot("queue")))) ctx.revert("unknown queue index");
            const Hash32 h = as_hash(ctx.sload(slot("queue_item", i)));
            return Bytes(h.bytes.begin(), h.bytes.end());
        }
        case kCounts: {
            nargs(0);
            rlp::ListBuilder b;
            b.add_u64(as_u64(ctx.sload(slot("batches")))).add_u64(as_u64(ctx.sload(slot("queue"))));
            return b.finish();
        }
        default: ctx.revert("unknown selector " + std::to_string(sel));
    }
}

namespace {
Bytes call1(std::uint64_t sel) {
    rlp::ListBuilder b;
    b.add_u64(sel);
    return b.finish();
}
}  // namespace

Bytes inbox_append_batch(BytesView frame) {
    rlp::ListBuilder b;
    b.add_u64(kAppendBatch).add_bytes(frame);
    return b.finish();
}
Bytes inbox_append_blob_batch() { return call1(kAppendBlobBatch); }
Bytes inbox_batch_record(std::uint64_t index) {
    rlp::ListBuilder b;
    b.add_u64(kBatchRecord).add_u64(index);
    return b.finish();
}
Bytes inbox_queue_record(std::uint64_t index) {
    rlp::ListBuilder b;
    b.add_u64(kQueueRecord).add_u64(index);
    return b.finish();
}
Bytes inbox_counts() { return call1(kCounts); }
Bytes inbox_deposit(const Address& l2_recipient) {
    rlp::ListBuilder b;
    b.add_u64(kDeposit).add_address(l2_recipient);
    return b.finish();
}
Bytes inbox_force_tx(BytesView l2_tx) {
    rlp::ListBuilder b;
    b.add_u64(kForceTx).add_bytes(l2_tx);
    return b.finish();
}
Bytes inbox_propose_root(std::uint64_t l1_block, const Hash32& root) {
    rlp::ListBuilder b;
    b.add_u64(kProposeRoot).add_u64(l1_block).add_hash(root);
    return b.finish();
}
Bytes inbox_finalize_withdrawal(std::uint64_t root_index, const WithdrawalRecord& w,
                                const crypto::SmtProof& proof) {
    rlp::ListBuilder b;
    b.add_u64(kFinalizeWithdrawal).add_u64(root_index).add_address(w.sender).add_u64(w.nonce);
    b.add_address(w.l1_recipient).add_u256(w.amount).add_bytes(proof.encode());
    return b.finish();
}

Bytes blob_payload(BytesView frame) {
    if (frame.size() + 4 > l1::gas::kBytesPerBlob) {
        throw InvalidArgument("batch frame of " + std::to_string(frame.size()) +
                              " bytes does not fit a blob (131,068 bytes max)");
    }
    Bytes out(frame.size() + 4);
    const auto n = static_cast<std::uint32_t>(frame.size());
    for (int i = 0; i < 4; ++i) out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(n >> (24 - 8 * i));
    std::copy(frame.begin(), frame.end(), out.begin() + 4);
    return out;
}

std::optional<Bytes> frame_from_blob(BytesView blob) {
    if (blob.size() < 4) return std::nullopt;
    std::size_t n = 0;
    for (int i = 0; i < 4; ++i) n = (n << 8) | blob[static_cast<std::size_t>(i)];
    if (n + 4 > blob.size()) return std::nullopt;
    return Bytes(blob.begin() + 4, blob.begin() + 4 + static_cast<std::ptrdiff_t>(n));
}

std::uint64_t inbox_batch_count(const l1::Chain& chain, const Address& inbox) {
    return as_u64(chain.storage(inbox, slot("batches")));
}
std::uint64_t inbox_queue_count(const l1::Chain& chain, const Address& inbox) {
    return as_u64(chain.storage(inbox, slot("queue")));
}
std::uint64_t inbox_root_count(const l1::Chain& chain, const Address& inbox) {
    return as_u64(chain.storage(inbox, slot("roots")));
}
ProposedRoot inbox_root(const l1::Chain& chain, const Address& inbox, std::uint64_t index) {
    if (index >= inbox_root_count(chain, inbox)) {
        throw InvalidArgument("root index " + std::to_string(index) + " out of range");
    }
    return {as_u64(chain.storage(inbox, slot("root_l1_block", index))),
            as_hash(chain.storage(inbox, slot("root", index))),
            as_u64(chain.storage(inbox, slot("root_proposed", index)))};
}
Hash32 inbox_batch_record_hash(const l1::Chain& chain, const Address& inbox,
                               std::uint64_t index) {
    if (index >= inbox_batch_count(chain, inbox)) {
        throw InvalidArgument("batch index " + std::to_string(index) + " out of range");
    }
    return as_hash(chain.storage(inbox, slot("batch", index)));
}
Hash32 inbox_queue_record_hash(const l1::Chain& chain, const Address& inbox,
                               std::uint64_t index) {
    if (index >= inbox_queue_count(chain, inbox)) {
        throw InvalidArgument("queue index " + std::to_string(index) + " out of range");
    }
    return as_hash(chain.storage(inbox, slot("queue_item", index)));
}

bool inbox_withdrawal_finalized(const l1::Chain& chain, const Address& inbox,
                                const Address& sender, std::uint64_t nonce) {
    return chain.storage(inbox, slot("withdrawn", withdrawal_key(sender, nonce))) != 0;
}

}  // namespace l2lab::rollup
