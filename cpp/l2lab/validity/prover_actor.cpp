#include "l2lab/validity/prover_actor.hpp"

#include <algorithm>
#include <cmath>

#include "l2lab/core/error.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/stf.hpp"

namespace l2lab::validity {

using namespace l2lab::rollup;

ProverActor::ProverActor(sim::Account account, ProverConfig config,
                         std::shared_ptr<const Sequencer> sequencer)
    : sim::Actor("prover"),
      m_account(std::move(account)),
      m_config(std::move(config)),
      m_sequencer(std::move(sequencer)),
      m_node(m_config.derivation),
      m_state(std::make_shared<L2State>()) {
    if (!m_config.proof_system) throw InvalidArgument("ProverConfig::proof_system must not be null");
    if (!m_sequencer) throw InvalidArgument("ProverActor needs the sequencer whose batches it proves");
    if (m_config.derivation.format != BatchFormat::StateDiff) {
        throw InvalidArgument("ProverActor: the node must derive the state_diff format");
    }
}

void ProverActor::on_block(sim::World& world, const l1::Block& block) {
    (void)block;
    m_node.advance(world.chain());
    settle(world);
    follow_verifier(world);
    if (!m_pending && m_stall.empty()) start_next(world);
    if (m_pending && !m_pending->submitted &&
        world.block_number() >= m_records[m_pending->record].ready_block) {
        submit(world);
    }
}

void ProverActor::settle(sim::World& world) {
    if (!m_pending || !m_pending->submitted) return;
    ProofRecord& r = m_records[m_pending->record];
    const auto look = world.chain().lookup(*r.l1_tx_hash);
    using S = l1::TxLookup::Status;
    if (look.status == S::Pending) return;
    if (look.status == S::Included) {
        r.included_block = look.receipt->block_number;
        r.l1_gas_used = look.receipt->gas_used;
        if (look.receipt->success()) {
            r.accepted = true;
            m_state = m_pending->post;
            m_next = r.batch_index + 1;
        } else {
            r.failure = look.receipt->revert_reason;
        }
    } else {
        r.failure = "dropped";
    }
    m_pending.reset();
}

void ProverActor::follow_verifier(const sim::World& world) {
    const VerifierStatus st = verifier_status(world.chain(), m_config.verifier);
    if (st.proven <= m_next || st.proven > m_node.batches().size()) return;
    // Someone else proved batches: adopt them from their posted diffs.
    m_state = std::make_shared<L2State>(m_node.state_after_batch(st.proven - 1));
    m_next = st.proven;
    m_stall.clear();
    if (m_pending && !m_pending->submitted) m_pending.reset();
}

void ProverActor::start_next(sim::World& world) {
    const auto& batches = m_node.batches();
    if (m_next >= batches.size()) return;
    const DerivedBatch& b = batches[m_next];
    const VerifierStatus vs = verifier_status(world.chain(), m_config.verifier);
    const PostedDiffBatch* posted = m_sequencer->posted_diff_batch(b.commitment);
    if (!posted) {
        m_stall = "no witness for batch " + std::to_string(m_next) + " (not posted by the sequencer)";
        return;
    }
    if (posted->queue_start != vs.queue_cursor || posted->queue_end > b.queue_count) {
        m_stall = "batch " + std::to_string(m_next) + " does not follow the consumed queue";
        return;
    }
    const auto& queue = m_node.queue();
    const StfConfig& stf = m_config.derivation.stf;
    BatchWitness w;
    w.pre_state = m_state;
    w.txs = posted->txs;
    w.frame = posted->frame;
    SubmitProof args;
    args.batch_index = m_next;
    args.record = BatchRecord{b.blob ? BatchDa::Blob : BatchDa::Calldata, b.commitment, b.l1_block, b.queue_count};
    std::vector<Hash32> op_hashes;
    for (std::uint64_t i = posted->queue_start; i < posted->queue_end; ++i) {
        w.queue_ops.push_back(queue[i].op);
        op_hashes.push_back(op_hash(queue[i].op));
        args.queue_records.push_back({op_hashes.back(), queue[i].enqueue_block});
    }
    if (posted->queue_end < b.queue_count) {
        const auto& q = queue[posted->queue_end];
        args.next_queue_record = QueueRecord{op_hash(q.op), q.enqueue_block};
    }
    auto post = std::make_shared<L2State>(m_state->clone());
    for (const auto& op : w.queue_ops) (void)apply_op(*post, stf, op);
    for (const auto& tx : w.txs) (void)apply_op(*post, stf, Op{tx});
    Statement st;
    st.chain_id = stf.chain_id;
    st.fee_recipient = stf.fee_recipient;
    st.batch_index = m_next;
    st.pre_root = vs.root;
    st.post_root = post->state_root();
    st.da = args.record.da;
    st.data_commitment = b.commitment;
    st.queue_start = posted->queue_start;
    st.queue_end = posted->queue_end;
    st.queue_digest = queue_digest(op_hashes);
    args.post_root = st.post_root;
    args.queue_end = st.queue_end;

    ProofRecord r;
    r.batch_index = m_next;
    r.started_block = world.block_number();
    try {
        args.proof = m_config.proof_system->prove(st, w);
    } catch (const ProofRefused& e) {
        r.failure = e.what();
        m_records.push_back(r);
        m_stall = "batch " + std::to_string(m_next) + ": " + e.what();
        return;
    }
    r.prove_seconds = m_config.proof_system->prove_seconds(st, w);
    const double block_time = static_cast<double>(world.chain().config().block_time);
    r.ready_block = r.started_block + static_cast<std::uint64_t>(std::ceil(r.prove_seconds / block_time));
    r.proof_bytes = args.proof.size();
    r.verify_gas = m_config.proof_system->verify_gas(st, args.proof);
    Pending p;
    p.calldata = verifier_submit_proof(args);
    const auto& cc = world.chain().config();
    std::uint64_t need = l1::gas::intrinsic_gas(p.calldata);
    if (cc.eip7623) need = std::max(need, l1::gas::calldata_floor_gas(p.calldata, cc.calldata_floor_per_token));
    p.gas_limit = std::min<std::uint64_t>(cc.block_gas_limit,
                                          need + r.verify_gas + 400'000 + 12'000 * args.queue_records.size());
    p.post = std::move(post);
    m_records.push_back(r);
    p.record = m_records.size() - 1;
    m_pending = std::move(p);
}

void ProverActor::submit(sim::World& world) {
    sim::TxOptions opt;
    opt.gas_limit = m_pending->gas_limit;
    const auto out = world.call(m_account, m_config.verifier, m_pending->calldata, 0, opt);
    ProofRecord& r = m_records[m_pending->record];
    if (!out.accepted) {
        r.failure = "not accepted by the L1 mempool";
        m_pending.reset();
        return;
    }
    r.l1_tx_hash = out.tx_hash;
    m_pending->submitted = true;
}

namespace {
struct Saved {
    Bytes node;
    std::shared_ptr<const L2State> state;
    std::uint64_t next = 0;
    std::vector<ProofRecord> records;
    bool has_pending = false;
    std::size_t record = 0;
    Bytes calldata;
    std::uint64_t gas_limit = 0;
    std::shared_ptr<const L2State> post;
    bool submitted = false;
    std::string stall;
};
}  // namespace

std::any ProverActor::save_state() const {
    Saved s;
    s.node = m_node.save_state();
    s.state = std::make_shared<const L2State>(m_state->clone());
    s.next = m_next;
    s.records = m_records;
    if (m_pending) {
        s.has_pending = true;
        s.record = m_pending->record;
        s.calldata = m_pending->calldata;
        s.gas_limit = m_pending->gas_limit;
        s.post = std::make_shared<const L2State>(m_pending->post->clone());
        s.submitted = m_pending->submitted;
    }
    s.stall = m_stall;
    return std::make_shared<const Saved>(std::move(s));
}

void ProverActor::load_state(const std::any& state) {
    const auto* p = std::any_cast<std::shared_ptr<const Saved>>(&state);
    if (p == nullptr || !*p) throw InvalidArgument("ProverActor::load_state expects what save_state returned");
    const Saved& s = **p;
    m_node.load_state(s.node);
    m_state = std::make_shared<L2State>(s.state->clone());
    m_next = s.next;
    m_records = s.records;
    m_pending.reset();
    if (s.has_pending) {
        m_pending = Pending{s.record, s.calldata, s.gas_limit, std::make_shared<L2State>(s.post->clone()),
                            s.submitted};
    }
    m_stall = s.stall;
}

}  // namespace l2lab::validity
