#include "l2lab/rollup/derivation.hpp"

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/inbox.hpp"

namespace l2lab::rollup {

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
    for (std::size_t i : overdue_at(number)) consume_to(i + 1, number, true);
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

}  // namespace l2lab::rollup
