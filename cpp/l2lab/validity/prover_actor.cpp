#include "l2lab/validity/prover_actor.hpp"

#include <algorithm>
#include <cmath>

#include "l2lab/core/error.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/state_diff.hpp"
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
    if (m_config.max_in_flight == 0) throw InvalidArgument("ProverConfig::max_in_flight must be >= 1");
}

void ProverActor::on_block(sim::World& world, const l1::Block& block) {
    (void)block;
    m_node.advance(world.chain());
    settle(world);
    follow_verifier(world);
    while (m_stall.empty() && m_pending.size() < m_config.max_in_flight && start_next(world)) {
    }
    submit_ready(world);
}

void ProverActor::drop_pending(const std::string& why) {
    for (const auto& p : m_pending) {
        ProofRecord& r = m_records[p.record];
        if (!r.accepted && r.failure.empty()) r.failure = why;
    }
    m_pending.clear();
}

void ProverActor::settle(sim::World& world) {
    while (!m_pending.empty() && m_pending.front().submitted) {
        Pending& p = m_pending.front();
        ProofRecord& r = m_records[p.record];
        const auto look = world.chain().lookup(*r.l1_tx_hash);
        using S = l1::TxLookup::Status;
        if (look.status == S::Pending) return;
        if (look.status == S::Included) {
            r.included_block = look.receipt->block_number;
            r.l1_gas_used = look.receipt->gas_used;
            if (look.receipt->success()) {
                r.accepted = true;
                m_state = p.post;
                m_queue_cursor = p.queue_end;
                m_proven = r.batch_index + 1;
                m_failures = 0;
                m_pending.pop_front();
                continue;
            }
            r.failure = look.receipt->revert_reason;
        } else {
            r.failure = "dropped";
        }
        if (++m_failures >= kMaxFailures) {
            m_stall = "the proof of batch " + std::to_string(r.batch_index) + " failed " +
                      std::to_string(m_failures) + " times, last: " + r.failure;
        }
        m_pending.pop_front();
        drop_pending("an earlier proof failed");  // built on a state that was not established
        return;
    }
}

void ProverActor::follow_verifier(const sim::World& world) {
    const VerifierStatus st = verifier_status(world.chain(), m_config.verifier);
    if (st.proven <= m_proven || st.proven > m_node.batches().size()) return;
    // Someone else proved batches: adopt them from their posted diffs.
    m_state = std::make_shared<L2State>(m_node.state_after_batch(st.proven - 1));
    m_proven = st.proven;
    m_queue_cursor = st.queue_cursor;
    m_stall.clear();
    m_failures = 0;
    drop_pending("the batch was proven by someone else");
}

std::optional<ProofJob> make_proof_job(const Derivation& node, const Sequencer& sequencer,
                                       std::shared_ptr<const L2State> pre, std::uint64_t queue_start,
                                       std::uint64_t batch_index, std::string* why,
                                       const ProofSystem* roots_of) {
    if (!pre) throw InvalidArgument("make_proof_job: pre state must not be null");
    const auto& batches = node.batches();
    if (batch_index >= batches.size()) {
        throw InvalidArgument("make_proof_job: batch " + std::to_string(batch_index) + " is not derived");
    }
    const DerivedBatch& b = batches[batch_index];
    const PostedDiffBatch* posted = sequencer.posted_diff_batch(b.commitment, b.l1_block);
    auto fail = [&](std::string reason) -> std::optional<ProofJob> {
        if (why) *why = std::move(reason);
        return std::nullopt;
    };
    if (!posted) return fail("no witness for batch " + std::to_string(batch_index) + " (not posted by the sequencer)");
    if (posted->queue_start != queue_start || posted->queue_end > b.queue_count) {
        return fail("batch " + std::to_string(batch_index) + " does not follow the consumed queue");
    }
    const StfConfig& stf = node.config().stf;
    const auto& queue = node.queue();
    ProofJob job;
    job.witness.pre_state = pre;
    job.witness.txs = posted->txs;
    job.witness.frame = posted->frame;
    SubmitProof& args = job.args;
    args.batch_index = batch_index;
    args.record = BatchRecord{b.blob ? BatchDa::Blob : BatchDa::Calldata, b.commitment, b.l1_block, b.queue_count};
    std::vector<Hash32> op_hashes;
    for (std::uint64_t i = posted->queue_start; i < posted->queue_end; ++i) {
        job.witness.queue_ops.push_back(queue[i].op);
        op_hashes.push_back(op_hash(queue[i].op));
        args.queue_records.push_back({op_hashes.back(), queue[i].enqueue_block});
    }
    if (posted->queue_end < b.queue_count) {
        const auto& q = queue[posted->queue_end];
        args.next_queue_record = QueueRecord{op_hash(q.op), q.enqueue_block};
    }
    job.post = std::make_shared<L2State>(pre->clone());
    for (const auto& op : job.witness.queue_ops) (void)apply_op(*job.post, stf, op);
    for (const auto& tx : job.witness.txs) (void)apply_op(*job.post, stf, Op{tx});
    (void)register_accounts(*pre, *job.post);
    Statement& st = job.statement;
    st.chain_id = stf.chain_id;
    st.fee_recipient = stf.fee_recipient;
    st.batch_index = batch_index;
    if (roots_of) {
        try {
            st.pre_root = roots_of->state_root(*pre);
            st.post_root = roots_of->state_root(*job.post);
        } catch (const InvalidArgument& e) {
            return fail("batch " + std::to_string(batch_index) + ": " + roots_of->name() +
                        " cannot commit to the state: " + e.what());
        }
    } else {
        st.pre_root = pre->state_root();
        st.post_root = job.post->state_root();
    }
    st.da = args.record.da;
    st.data_commitment = b.commitment;
    st.queue_start = posted->queue_start;
    st.queue_end = posted->queue_end;
    st.queue_digest = queue_digest(op_hashes);
    args.post_root = st.post_root;
    args.queue_end = st.queue_end;
    return job;
}

bool ProverActor::start_next(sim::World& world) {
    const std::uint64_t index = m_proven + m_pending.size();
    if (index >= m_node.batches().size()) return false;
    const auto pre = m_pending.empty() ? m_state : m_pending.back().post;
    const std::uint64_t queue_start = m_pending.empty() ? m_queue_cursor : m_pending.back().queue_end;
    std::string why;
    auto job = make_proof_job(m_node, *m_sequencer, pre, queue_start, index, &why, m_config.proof_system.get());
    if (!job) {
        m_stall = why;
        return false;
    }
    ProofRecord r;
    r.batch_index = index;
    r.started_block = world.block_number();
    try {
        job->args.proof = m_config.proof_system->prove(job->statement, job->witness);
    } catch (const ProofRefused& e) {
        r.failure = e.what();
        m_records.push_back(r);
        m_stall = "batch " + std::to_string(index) + ": " + e.what();
        return false;
    }
    r.prove_seconds = m_config.proof_system->prove_seconds(job->statement, job->witness);
    const double block_time = static_cast<double>(world.chain().config().block_time);
    r.ready_block = r.started_block + static_cast<std::uint64_t>(std::ceil(r.prove_seconds / block_time));
    r.proof_bytes = job->args.proof.size();
    r.verify_gas = m_config.proof_system->verify_gas(job->statement, job->args.proof);
    Pending p;
    p.calldata = verifier_submit_proof(job->args);
    const auto& cc = world.chain().config();
    std::uint64_t need = l1::gas::intrinsic_gas(p.calldata);
    if (cc.eip7623) need = std::max(need, l1::gas::calldata_floor_gas(p.calldata, cc.calldata_floor_per_token));
    p.gas_limit = std::min<std::uint64_t>(
        cc.block_gas_limit, need + r.verify_gas + 400'000 + 12'000 * job->args.queue_records.size());
    p.post = std::move(job->post);
    p.queue_end = job->statement.queue_end;
    m_records.push_back(r);
    p.record = m_records.size() - 1;
    m_pending.push_back(std::move(p));
    return true;
}

void ProverActor::submit_ready(sim::World& world) {
    for (auto& p : m_pending) {
        if (p.submitted) continue;
        ProofRecord& r = m_records[p.record];
        if (world.block_number() < r.ready_block) return;  // later proofs wait: order matters
        sim::TxOptions opt;
        opt.gas_limit = p.gas_limit;
        const auto out = world.call(m_account, m_config.verifier, p.calldata, 0, opt);
        if (!out.accepted) {
            r.failure = "not accepted by the L1 mempool: " + out.detail;
            return;  // retried next block
        }
        r.failure.clear();
        r.l1_tx_hash = out.tx_hash;
        p.submitted = true;
    }
}

namespace {
struct SavedPending {
    std::size_t record = 0;
    Bytes calldata;
    std::uint64_t gas_limit = 0;
    std::shared_ptr<const L2State> post;
    std::uint64_t queue_end = 0;
    bool submitted = false;
};
struct Saved {
    Bytes node;
    std::shared_ptr<const L2State> state;
    std::uint64_t proven = 0;
    std::uint64_t queue_cursor = 0;
    std::vector<ProofRecord> records;
    std::vector<SavedPending> pending;
    std::string stall;
    std::uint32_t failures = 0;
};
}  // namespace

std::any ProverActor::save_state() const {
    Saved s;
    s.node = m_node.save_state();
    s.state = std::make_shared<const L2State>(m_state->clone());
    s.proven = m_proven;
    s.queue_cursor = m_queue_cursor;
    s.records = m_records;
    for (const auto& p : m_pending) {
        s.pending.push_back({p.record, p.calldata, p.gas_limit, std::make_shared<const L2State>(p.post->clone()),
                             p.queue_end, p.submitted});
    }
    s.stall = m_stall;
    s.failures = m_failures;
    return std::make_shared<const Saved>(std::move(s));
}

void ProverActor::load_state(const std::any& state) {
    const auto* p = std::any_cast<std::shared_ptr<const Saved>>(&state);
    if (p == nullptr || !*p) throw InvalidArgument("ProverActor::load_state expects what save_state returned");
    const Saved& s = **p;
    m_node.load_state(s.node);
    m_state = std::make_shared<L2State>(s.state->clone());
    m_proven = s.proven;
    m_queue_cursor = s.queue_cursor;
    m_records = s.records;
    m_pending.clear();
    for (const auto& sp : s.pending) {
        m_pending.push_back({sp.record, sp.calldata, sp.gas_limit, std::make_shared<L2State>(sp.post->clone()),
                             sp.queue_end, sp.submitted});
    }
    m_stall = s.stall;
    m_failures = s.failures;
}

}  // namespace l2lab::validity
