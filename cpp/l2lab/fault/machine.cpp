#include "l2lab/fault/machine.hpp"

#include <algorithm>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/merkle.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/state.hpp"

namespace l2lab::fault {

namespace {

void check_bool(const rlp::Item& item, bool& out) {
    const std::uint64_t v = item.u64_value();
    if (v > 1)
        throw DecodeError(DecodeErrorKind::InvalidValue, item.offset(), "flag must be 0 or 1");
    out = v == 1;
}

bool batch_fields_zero(const Cursor& c) {
    return c.batch_queue_end == 0 && c.batch_tx_count == 0 && c.tx_index == 0 &&
           c.batch_txs_root == Hash32{};
}

bool batch_has_work(const Cursor& c) {
    return c.queue_consumed < c.batch_queue_end || c.tx_index < c.batch_tx_count;
}

// Close the open batch once it has nothing left to apply (the canonical form).
void close_if_done(Cursor& c) {
    if (!c.in_batch || batch_has_work(c))
        return;
    c.in_batch = false;
    c.next_batch += 1;
    c.batch_queue_end = 0;
    c.batch_tx_count = 0;
    c.tx_index = 0;
    c.batch_txs_root = Hash32{};
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

}  // namespace

std::string_view step_kind_name(StepKind k) {
    switch (k) {
        case StepKind::Done:
            return "done";
        case StepKind::QueueOp:
            return "queue_op";
        case StepKind::BatchTx:
            return "batch_tx";
        case StepKind::OpenBatch:
            return "open_batch";
        case StepKind::Settle:
            return "settle";
    }
    return "unknown";
}

Bytes MachineState::encode() const {
    rlp::ListBuilder b;
    b.add_hash(state_root).add_u64(cursor.block).add_u64(cursor.forced_done ? 1 : 0);
    b.add_u64(cursor.queue_consumed).add_u64(cursor.next_batch).add_u64(cursor.in_batch ? 1 : 0);
    b.add_u64(cursor.batch_queue_end).add_u64(cursor.batch_tx_count).add_u64(cursor.tx_index);
    b.add_hash(cursor.batch_txs_root);
    return b.finish();
}

MachineState MachineState::decode(BytesView encoding) {
    const rlp::Item item = rlp::decode(encoding);
    const auto& f = item.fields(10);
    MachineState s;
    s.state_root = f[0].hash();
    s.cursor.block = f[1].u64_value();
    check_bool(f[2], s.cursor.forced_done);
    s.cursor.queue_consumed = f[3].u64_value();
    s.cursor.next_batch = f[4].u64_value();
    check_bool(f[5], s.cursor.in_batch);
    s.cursor.batch_queue_end = f[6].u64_value();
    s.cursor.batch_tx_count = f[7].u64_value();
    s.cursor.tx_index = f[8].u64_value();
    s.cursor.batch_txs_root = f[9].hash();
    const Cursor& c = s.cursor;
    if (c.block == 0) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[1].offset(), "L1 block 0 is genesis");
    }
    if (c.in_batch) {
        if (!batch_has_work(c) || c.tx_index > c.batch_tx_count) {
            throw DecodeError(DecodeErrorKind::InvalidValue, item.offset(),
                              "an open batch must have work left (non-canonical state)");
        }
        if (!c.forced_done) {
            throw DecodeError(DecodeErrorKind::InvalidValue, f[2].offset(),
                              "a batch is open only after the forced phase");
        }
    } else if (!batch_fields_zero(c)) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[6].offset(),
                          "batch fields of a closed batch must be zero");
    }
    return s;
}

Hash32 MachineState::commitment() const {
    return crypto::keccak256(encode());
}

MachineState genesis_state() {
    MachineState s;
    s.state_root = rollup::L2State().state_root();
    return s;
}

MachineState end_of_block_state(const Hash32& root,
                                std::uint64_t block,
                                std::uint64_t queue_consumed,
                                std::uint64_t next_batch) {
    if (block == UINT64_MAX)
        throw InvalidArgument("L1 block out of range");
    MachineState s;
    s.state_root = root;
    s.cursor.block = block + 1;
    s.cursor.queue_consumed = queue_consumed;
    s.cursor.next_batch = next_batch;
    return s;
}

bool is_end_of_block(const MachineState& s) {
    return !s.cursor.forced_done && !s.cursor.in_batch && batch_fields_zero(s.cursor);
}

Bytes frame_from_blob_bytes(BytesView blob_bytes) {
    auto byte = [&](std::size_t i) -> std::uint8_t {
        return i < blob_bytes.size() ? blob_bytes[i] : 0;
    };
    std::size_t n = 0;
    for (std::size_t i = 0; i < 4; ++i)
        n = (n << 8) | byte(i);
    if (n + 4 > l1::gas::kBytesPerBlob)
        return {};
    Bytes frame(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        frame[i] = byte(4 + i);
    return frame;
}

Hash32 batch_txs_root(const std::vector<rollup::L2Tx>& txs) {
    std::vector<Bytes> leaves;
    leaves.reserve(txs.size());
    for (const auto& tx : txs)
        leaves.push_back(tx.encode());
    return crypto::merkle_root(crypto::HashKind::Keccak256, leaves);
}

namespace {

// Move the cursor through everything that needs no step (end of the forced phase, blocks
// without work) until work is pending or the target block is passed.
Cursor settle(Cursor c, std::uint64_t target_block, const MachineConfig& config, L1Source& source) {
    for (;;) {
        if (c.block > target_block || c.in_batch)
            return c;
        if (!c.forced_done) {
            const auto rec = source.queue_record(c.queue_consumed);
            if (rec && rec->enqueue_block < c.block &&
                saturating_add(rec->enqueue_block, config.forced_window) <= c.block) {
                return c;  // a forced item is due
            }
            c.forced_done = true;
        }
        const auto batch = source.batch_record(c.next_batch);
        if (batch && batch->l1_block < c.block) {
            throw InvalidArgument("batch " + std::to_string(c.next_batch) + " of L1 block " +
                                  std::to_string(batch->l1_block) +
                                  " lies before the cursor's block " + std::to_string(c.block));
        }
        if (batch && batch->l1_block == c.block)
            return c;  // a batch to open
        // Jump to the next block with work (a batch, a queue item falling due) or past the
        // target.
        std::uint64_t next = saturating_add(target_block, 1);
        if (batch)
            next = std::min(next, batch->l1_block);
        const auto rec = source.queue_record(c.queue_consumed);
        if (rec) {
            next =
                std::min(next, std::max(saturating_add(rec->enqueue_block, 1),
                                        saturating_add(rec->enqueue_block, config.forced_window)));
        }
        if (next <= c.block)
            throw InvalidArgument("derivation machine cannot advance");
        c.block = next;
        c.forced_done = false;
    }
}

}  // namespace

StepAction next_action(const Cursor& cursor,
                       std::uint64_t target_block,
                       const MachineConfig& config,
                       L1Source& source,
                       Meter& meter) {
    StepAction a;
    Cursor c = settle(cursor, target_block, config, source);
    if (c.block > target_block) {
        a.kind = c == cursor ? StepKind::Done : StepKind::Settle;
        a.next = c;
        return a;
    }
    if (c.in_batch) {
        if (c.queue_consumed < c.batch_queue_end) {
            const auto rec = source.queue_record(c.queue_consumed);
            if (!rec)
                throw InvalidArgument("open batch consumes a queue item that does not exist");
            a.kind = StepKind::QueueOp;
            a.queue_index = c.queue_consumed;
            a.op = source.queue_op(c.queue_consumed, *rec);
            c.queue_consumed += 1;
        } else {
            a.kind = StepKind::BatchTx;
            a.op = rollup::Op{source.batch_tx(c)};
            c.tx_index += 1;
        }
        close_if_done(c);
        a.next = c;
        return a;
    }
    if (!c.forced_done) {  // settle() stopped at a due forced item
        const auto rec = source.queue_record(c.queue_consumed);
        a.kind = StepKind::QueueOp;
        a.forced = true;
        a.queue_index = c.queue_consumed;
        a.op = source.queue_op(c.queue_consumed, *rec);
        c.queue_consumed += 1;
        a.next = c;
        return a;
    }
    // settle() stopped at a batch appended in this block: open it.
    const auto batch = source.batch_record(c.next_batch);
    a.kind = StepKind::OpenBatch;
    const Bytes frame = source.batch_frame(c.next_batch, *batch);
    try {
        rollup::Batch decoded = rollup::decode_batch(frame, config.max_decompressed);
        const std::uint64_t claimed = std::min(decoded.queue_index, batch->queue_count);
        c.in_batch = true;
        c.batch_queue_end = std::max(c.queue_consumed, claimed);
        c.batch_tx_count = decoded.txs.size();
        c.tx_index = 0;
        for (const auto& tx : decoded.txs)
            meter.keccak(tx.encode().size() + 1);
        if (decoded.txs.size() > 1) {
            meter.charge((decoded.txs.size() - 1) * l1::gas::keccak_cost(65));
        }
        c.batch_txs_root = batch_txs_root(decoded.txs);
        a.decoded = true;
        meter.decoded(frame.size(), rollup::encode_batch_payload(decoded).size());
        close_if_done(c);
    } catch (const DecodeError&) {
        meter.decoded(frame.size(), 0);
        c.next_batch += 1;  // undecodable: an empty batch
    }
    a.next = c;
    return a;
}

}  // namespace l2lab::fault
