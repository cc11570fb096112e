#include "l2lab/rollup/derivation.hpp"

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/inbox.hpp"

namespace l2lab::rollup {

std::string_view batch_format_name(BatchFormat f) {
    return f == BatchFormat::StateDiff ? "state_diff" : "txs";
}

BatchFormat batch_format_from_name(std::string_view name) {
    if (name == "txs") return BatchFormat::Txs;
    if (name == "state_diff") return BatchFormat::StateDiff;
    throw InvalidArgument("unknown batch format '" + std::string(name) + "' (txs, state_diff)");
}

Derivation::Derivation(DerivationConfig config) : m_config(std::move(config)) {
    m_roots.push_back(m_state.state_root());
    m_steps.push_back(0);
}

std::size_t Derivation::steps_after(std::uint64_t block) const {
    (void)root_after(block);
    return m_steps[block];
}

L2State Derivation::state_at(std::uint64_t block) const {
    const std::size_t n = steps_after(block);
    L2State st;
    if (m_config.format == BatchFormat::StateDiff) {
        replay_diffs(st, m_batches.size(), block);
        return st;
    }
    for (std::size_t i = 0; i < n; ++i) (void)apply_op(st, m_config.stf, m_ops[i]);
    return st;
}

void Derivation::replay_diffs(L2State& st, std::size_t batches, std::uint64_t max_block) const {
    for (std::size_t i = 0; i < batches && m_batches[i].l1_block <= max_block; ++i) {
        if (m_diffs[i]) apply_state_diff(st, *m_diffs[i]);
    }
}

L2State Derivation::state_after_batch(std::size_t batch_index) const {
    if (batch_index >= m_batches.size()) {
        throw InvalidArgument("batch " + std::to_string(batch_index) + " is not derived (" +
                              std::to_string(m_batches.size()) + " batches)");
    }
    L2State st;
    if (m_config.format == BatchFormat::StateDiff) {
        replay_diffs(st, batch_index + 1, m_derived);
        return st;
    }
    const DerivedBatch& b = m_batches[batch_index];
    const std::size_t n = static_cast<std::size_t>(b.first_step) + b.step_count;
    for (std::size_t i = 0; i < n; ++i) (void)apply_op(st, m_config.stf, m_ops[i]);
    return st;
}

Hash32 Derivation::root_after(std::uint64_t block) const {
    if (block > m_derived) {
        throw InvalidArgument("L1 block " + std::to_string(block) + " is not derived yet (derived " +
                              std::to_string(m_derived) + ")");
    }
    return m_roots[block];
}

std::vector<std::size_t> Derivation::overdue_at(std::uint64_t block) const {
    std::vector<std::size_t> out;
    for (std::size_t i = m_consumed; i < m_queue.size(); ++i) {
        if (m_queue[i].enqueue_block + m_config.forced_window <= block) out.push_back(i);
    }
    return out;
}

std::uint64_t Derivation::advance(const l1::Chain& chain) {
    std::uint64_t n = 0;
    while (m_derived < chain.block_number()) {
        if (!derive_block(chain, m_derived + 1)) break;
        ++n;
    }
    return n;
}

void Derivation::step(const Op& op) {
    StepReceipt r;
    r.index = static_cast<std::uint32_t>(m_receipts.size());
    r.op_hash = op_hash(op);
    r.outcome = apply_op(m_state, m_config.stf, op);
    if (r.outcome.applied) {
        if (const auto* d = std::get_if<Deposit>(&op)) m_deposited += d->amount;
    }
    r.post_root = m_state.state_root();
    m_receipts.push_back(r);
    m_ops.push_back(op);
}

void Derivation::consume_to(std::size_t end, std::uint64_t block, bool forced) {
    while (m_consumed < end) {
        QueueItem& q = m_queue[m_consumed++];
        q.included_block = block;
        q.forced = forced;
        q.step = static_cast<std::uint32_t>(m_receipts.size());
        step(q.op);
    }
}

bool Derivation::derive_block(const l1::Chain& chain, std::uint64_t number) {
    const l1::Block& block = chain.block(number);
    // Check data availability first so that a stall leaves the state untouched.
    struct Pending {
        const l1::Log* log;
        std::optional<Bytes> frame;
    };
    std::vector<Pending> logs;
    for (const auto& receipt : block.receipts) {
        for (const auto& log : receipt.logs) {
            if (log.address != m_config.inbox || log.topics.empty()) continue;
            Pending p{&log, std::nullopt};
            if (log.topics[0] == topic_batch_appended()) {
                const auto item = rlp::decode(log.data);
                const auto& f = item.fields(3);
                if (f[0].u64_value() == 1) {
                    const auto blob = chain.blob(f[1].hash());
                    if (!blob) {
                        m_stalled = number;
                        return false;
                    }
                    p.frame = frame_from_blob(blob->data());
                    if (!p.frame) p.frame = Bytes{};  // bad length prefix: undecodable frame
                } else {
                    const auto& tx = *block.transactions.at(log.tx_index);
                    const auto call = rlp::decode(tx.data);
                    const BytesView fb = call.items().at(1).bytes();
                    p.frame = Bytes(fb.begin(), fb.end());
                }
            }
            logs.push_back(std::move(p));
        }
    }
    m_stalled.reset();
    if (m_config.format == BatchFormat::Txs) {
        for (std::size_t i : overdue_at(number)) consume_to(i + 1, number, true);
    }
    for (auto& p : logs) {
        const l1::Log& log = *p.log;
        if (log.topics[0] == topic_queued()) {
            m_queue.push_back({decode_op(log.data), number, std::nullopt, false, std::nullopt});
        } else if (log.topics[0] == topic_batch_appended()) {
            const auto item = rlp::decode(log.data);
            const auto& f = item.fields(3);
            DerivedBatch b;
            b.batch_index = m_batches.size();
            b.l1_block = number;
            b.blob = f[0].u64_value() == 1;
            b.commitment = f[1].hash();
            b.queue_count = f[2].u64_value();
            b.frame_bytes = p.frame->size();
            b.first_step = static_cast<std::uint32_t>(m_receipts.size());
            if (m_config.format == BatchFormat::StateDiff) {
                derive_diff_batch(b, *p.frame, number);
                m_batches.push_back(std::move(b));
                continue;
            }
            try {
                Batch batch = decode_batch(*p.frame, m_config.max_decompressed);
                b.decoded = true;
                b.tx_count = batch.txs.size();
                const std::size_t end =
                    std::min<std::size_t>(batch.queue_index, m_queue.size());
                if (end > m_consumed) consume_to(end, number, false);
                for (auto& tx : batch.txs) step(Op{std::move(tx)});
            } catch (const DecodeError& e) {
                b.decode_error = e.what();
            }
            b.step_count = static_cast<std::uint32_t>(m_receipts.size()) - b.first_step;
            b.post_root = m_state.state_root();
            m_batches.push_back(std::move(b));
        }
    }
    m_derived = number;
    m_roots.push_back(m_state.state_root());
    m_steps.push_back(m_receipts.size());
    return true;
}

void Derivation::derive_diff_batch(DerivedBatch& b, const Bytes& frame, std::uint64_t number) {
    b.post_root = m_state.state_root();
    m_diffs.emplace_back();
    DiffBatch d;
    try {
        d = decode_diff_batch(frame, m_config.max_decompressed);
    } catch (const DecodeError& e) {
        b.decode_error = e.what();
        return;
    }
    b.queue_start = d.queue_start;
    b.queue_end = d.queue_end;
    if (d.queue_start != m_consumed || d.queue_end > b.queue_count) {
        b.decode_error = "queue range [" + std::to_string(d.queue_start) + ", " +
                         std::to_string(d.queue_end) + ") does not follow the consumed queue (" +
                         std::to_string(m_consumed) + " of " + std::to_string(b.queue_count) + ")";
        return;
    }
    if (d.queue_end < b.queue_count &&
        m_queue[d.queue_end].enqueue_block + m_config.forced_window <= number) {
        b.decode_error = "overdue queue item " + std::to_string(d.queue_end) + " not consumed";
        return;
    }
    try {
        apply_state_diff(m_state, d.diff);
    } catch (const StateError& e) {
        b.decode_error = e.what();
        return;
    }
    for (std::size_t i = d.queue_start; i < d.queue_end; ++i) {
        QueueItem& q = m_queue[i];
        q.included_block = number;
        if (const auto* dep = std::get_if<Deposit>(&q.op)) m_deposited += dep->amount;
    }
    m_consumed = d.queue_end;
    b.decoded = true;
    b.post_root = m_state.state_root();
    m_diffs.back() = std::move(d.diff);
}

}  // namespace l2lab::rollup
