#include "l2lab/fault/trace.hpp"

#include <algorithm>
#include <map>

#include "l2lab/core/error.hpp"

namespace l2lab::fault {

namespace {

// The chain's records up to the caps.
class CappedSource : public L1Source {
public:
    CappedSource(ChainSource& inner, RecordCaps caps) : m_inner(inner), m_caps(caps) {}
    std::optional<rollup::QueueRecord> queue_record(std::uint64_t index) override {
        if (index >= m_caps.queue_count)
            return std::nullopt;
        return m_inner.queue_record(index);
    }
    std::optional<rollup::BatchRecord> batch_record(std::uint64_t index) override {
        if (index >= m_caps.batch_count)
            return std::nullopt;
        return m_inner.batch_record(index);
    }
    rollup::Op queue_op(std::uint64_t index, const rollup::QueueRecord& record) override {
        return m_inner.queue_op(index, record);
    }
    Bytes batch_frame(std::uint64_t index, const rollup::BatchRecord& record) override {
        return m_inner.batch_frame(index, record);
    }
    rollup::L2Tx batch_tx(const Cursor& cursor) override { return m_inner.batch_tx(cursor); }

protected:
    ChainSource& m_inner;
    RecordCaps m_caps;
};

// Serves the machine like CappedSource and records what it read, for a one-step proof.
class RecordingSource final : public CappedSource {
public:
    using CappedSource::CappedSource;
    std::optional<rollup::QueueRecord> queue_record(std::uint64_t index) override {
        auto r = CappedSource::queue_record(index);
        if (r)
            m_queue[index] = *r;
        return r;
    }
    std::optional<rollup::BatchRecord> batch_record(std::uint64_t index) override {
        auto r = CappedSource::batch_record(index);
        if (r)
            m_batches[index] = *r;
        return r;
    }
    rollup::Op queue_op(std::uint64_t index, const rollup::QueueRecord& record) override {
        rollup::Op op = m_inner.queue_op(index, record);
        m_op = rollup::encode_op(op);
        return op;
    }
    Bytes batch_frame(std::uint64_t index, const rollup::BatchRecord& record) override {
        Bytes frame = m_inner.batch_frame(index, record);
        m_data = m_inner.batch_data(index);
        return frame;
    }
    rollup::L2Tx batch_tx(const Cursor& cursor) override {
        const auto& txs = m_inner.batch_txs(cursor.next_batch);
        std::vector<Bytes> leaves;
        leaves.reserve(txs.size());
        for (const auto& t : txs)
            leaves.push_back(t.encode());
        const crypto::MerkleTree tree(crypto::HashKind::Keccak256, leaves);
        rollup::L2Tx tx = m_inner.batch_tx(cursor);
        m_tx = tx;
        m_path = tree.prove(cursor.tx_index);
        return tx;
    }
    void fill(OneStepProof& p) const {
        for (const auto& [i, r] : m_queue)
            p.queue_records.emplace_back(i, r);
        for (const auto& [i, r] : m_batches)
            p.batch_records.emplace_back(i, r);
        p.queue_op = m_op;
        p.batch_data = m_data;
        p.tx = m_tx;
        p.tx_proof = m_path;
    }

private:
    std::map<std::uint64_t, rollup::QueueRecord> m_queue;
    std::map<std::uint64_t, rollup::BatchRecord> m_batches;
    std::optional<Bytes> m_op;
    std::optional<Bytes> m_data;
    std::optional<rollup::L2Tx> m_tx;
    std::optional<crypto::MerkleProof> m_path;
};

void apply_step(rollup::L2State& st,
                const rollup::StfConfig& stf,
                const StepAction& a,
                std::uint64_t step,
                const StfVariant* variant) {
    if (a.op) {
        const rollup::StepOutcome out = rollup::apply_op(st, stf, *a.op);
        if (variant)
            variant->after_step(st, stf, step, &*a.op, &out);
    } else if (variant) {
        variant->after_step(st, stf, step, nullptr, nullptr);
    }
}

}  // namespace

Trace::Trace(MachineConfig machine,
             rollup::StfConfig stf,
             ChainSource& source,
             RecordCaps caps,
             const MachineState& start,
             rollup::L2State state,
             std::uint64_t target_block,
             const StfVariant* variant)
    : m_machine(machine),
      m_stf(std::move(stf)),
      m_source(&source),
      m_caps(caps),
      m_target(target_block),
      m_variant(variant) {
    if (!is_end_of_block(start))
        throw InvalidArgument("a trace starts at the end of a block");
    if (state.state_root() != start.state_root) {
        throw InvalidArgument("the L2 state does not have the start state's root");
    }
    if (start.cursor.block > target_block + 1) {
        throw InvalidArgument("target block lies before the start state");
    }
    m_start = state.clone();
    m_final = std::move(state);
    m_states.push_back(start);
    NoMeter meter;
    CappedSource src(*m_source, m_caps);
    for (;;) {
        const MachineState& cur = m_states.back();
        const StepAction a = next_action(cur.cursor, m_target, m_machine, src, meter);
        if (a.kind == StepKind::Done)
            break;
        MachineState next;
        next.cursor = a.next;
        apply_step(m_final, m_stf, a, m_states.size() - 1, m_variant);
        next.state_root = m_final.state_root();
        m_kinds.push_back(a.kind);
        m_states.push_back(next);
    }
}

const MachineState& Trace::state(std::uint64_t position) const {
    return m_states[static_cast<std::size_t>(std::min<std::uint64_t>(position, length()))];
}

Hash32 Trace::commitment(std::uint64_t position) const {
    return state(position).commitment();
}

StepKind Trace::step_kind(std::uint64_t step) const {
    return step < m_kinds.size() ? m_kinds[static_cast<std::size_t>(step)] : StepKind::Done;
}

OneStepProof Trace::prove(std::uint64_t position) const {
    OneStepProof proof;
    const MachineState& pre = state(position);
    proof.pre_state = pre.encode();
    if (position >= length())
        return proof;  // a no-op step needs only the pre-state
    // Rebuild the L2 state at `position` by replaying the steps before it.
    rollup::L2State st = m_start.clone();
    NoMeter meter;
    CappedSource src(*m_source, m_caps);
    for (std::uint64_t i = 0; i < position; ++i) {
        const StepAction a = next_action(m_states[static_cast<std::size_t>(i)].cursor, m_target,
                                         m_machine, src, meter);
        apply_step(st, m_stf, a, i, m_variant);
    }
    RecordingSource rec(*m_source, m_caps);
    const StepAction a = next_action(pre.cursor, m_target, m_machine, rec, meter);
    rec.fill(proof);
    if (a.op) {
        rollup::StepWitness w;
        (void)rollup::apply_op(st, m_stf, *a.op, nullptr, &w);
        proof.witness = std::move(w);
    }
    return proof;
}

}  // namespace l2lab::fault
