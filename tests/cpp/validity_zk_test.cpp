// The zk mode end to end on a World: the sequencer posts diff batches, the prover proves them
// with `witness` (and `modelled`), the verifier makes each root final, withdrawals are claimable
// right after; a node rebuilt from the diffs alone reaches the proven roots; forged or
// misbound proofs revert and the rollup does not advance; forced inclusion is enforced.
#include <gtest/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/validity/batch_builder.hpp"
#include "l2lab/validity/modelled.hpp"
#include "l2lab/validity/witness.hpp"
#include "l2lab/validity/zk_rollup.hpp"
#include "validity_support.hpp"

using namespace l2lab;
using namespace l2lab::validity;
using namespace l2lab::validity::test;

namespace {

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;

ZkRollupConfig short_window(ZkRollupConfig c) {
    c.forced_window = 4;
    return c;
}

struct Deployment {
    sim::World world{7};
    ZkRollup zk;
    sim::Account user;
    explicit Deployment(ZkRollupConfig cfg = {})
        : zk(deploy_zk_rollup(world, short_window(cfg))), user(world.new_account(u256(100) * kEth)) {}
    l1::SubmitOutcome deposit(const Address& to, u256 amount) {
        return world.call(user, zk.inbox, inbox_deposit(to), amount);
    }
    bool receipt_ok(const l1::SubmitOutcome& o) {
        const auto r = world.chain().receipt(o.tx_hash);
        return r && r->success();
    }
    std::string revert(const l1::SubmitOutcome& o) {
        const auto r = world.chain().receipt(o.tx_hash);
        return r ? r->revert_reason : "not included";
    }
};

TEST(ValidityZk, WitnessProofsFinaliseEveryBatchAndWithdrawalsWorkRightAfter) {
    Deployment s;
    for (int i = 0; i < 4; ++i) s.deposit(keys()[i].address(), u256(kEth));
    s.world.run(2);
    std::uint64_t nonce = 0;
    for (int round = 0; round < 3; ++round) {
        for (int i = 1; i < 4; ++i) s.zk.sequencer->submit(tx(0, keys()[i].address(), 1000 + round, nonce++), s.world.block_number());
        s.zk.sequencer->submit(tx(1, keys()[2].address(), 5, static_cast<std::uint64_t>(round)), s.world.block_number());
        s.world.run(1);
    }
    s.zk.sequencer->submit(tx(3, s.user.address, kEth / 4, 0, 1, TxKind::Withdrawal), s.world.block_number());
    const std::uint64_t requested = s.world.block_number();
    s.world.run(3);
    const auto& node = s.zk.sequencer->node();
    const VerifierStatus st = verifier_status(s.world.chain(), s.zk.verifier);
    ASSERT_GE(node.batches().size(), 4u);
    EXPECT_EQ(st.proven, node.batches().size()) << s.zk.prover->stall_reason();
    EXPECT_EQ(st.root, node.state().state_root());
    for (const auto& r : s.zk.prover->records()) EXPECT_TRUE(r.accepted) << r.failure;
    // An independent node rebuilds the state from the posted diffs alone.
    Derivation fresh(s.zk.derivation);
    fresh.advance(s.world.chain());
    ASSERT_EQ(fresh.batches().size(), st.proven);
    for (std::uint64_t i = 0; i < st.proven; ++i) {
        EXPECT_TRUE(fresh.batches()[i].decoded) << fresh.batches()[i].decode_error;
        EXPECT_EQ(fresh.batches()[i].post_root, *verifier_batch_root(s.world.chain(), s.zk.verifier, i));
    }
    // The node's rebuild check: the frames carry no root, the verifier's proven roots are the truth.
    const RebuildCheck rc = check_rebuilt_roots(fresh, s.world.chain(), s.zk.verifier, *s.zk.proof_system);
    EXPECT_TRUE(rc.ok()) << rc.detail;
    EXPECT_EQ(rc.proven, st.proven);
    EXPECT_EQ(rc.checked, st.proven);
    // The withdrawal: claim against the latest registered root, at once.
    const std::uint64_t ri = inbox_root_count(s.world.chain(), s.zk.inbox) - 1;
    const auto batch = *verifier_root_batch(s.world.chain(), s.zk.verifier, ri);
    const L2State at = fresh.state_after_batch(batch);
    const auto w = at.withdrawal(keys()[3].address(), 0);
    ASSERT_TRUE(w.has_value());
    const u256 before = s.world.chain().balance(s.user.address);
    const auto claim = s.world.call(s.world.accounts().front(), s.zk.inbox,
                                    inbox_finalize_withdrawal(ri, *w, at.prove_withdrawal(keys()[3].address(), 0)));
    s.world.mine(1);
    EXPECT_TRUE(s.receipt_ok(claim)) << s.revert(claim);
    EXPECT_EQ(s.world.chain().balance(s.user.address), before + kEth / 4);
    EXPECT_LE(s.world.block_number() - requested, 5u);
}

TEST(ValidityZk, BlobDataAndTheModelledProverWithItsProvingDelay) {
    ZkRollupConfig cfg;
    cfg.da = DataAvailability::Blob;
    cfg.proof_system = std::make_shared<ModelledProofSystem>();  // 240 s = 20 blocks per proof
    Deployment s(cfg);
    s.deposit(keys()[0].address(), u256(kEth));
    s.world.run(2);
    s.zk.sequencer->submit(tx(0, keys()[1].address(), 77, 0), s.world.block_number());
    s.world.run(10);
    EXPECT_EQ(verifier_status(s.world.chain(), s.zk.verifier).proven, 0u);
    s.world.run(40);
    const VerifierStatus st = verifier_status(s.world.chain(), s.zk.verifier);
    EXPECT_GE(st.proven, 2u);
    EXPECT_EQ(st.root, s.zk.sequencer->node().state().state_root());
    const auto& r = s.zk.prover->records().front();
    EXPECT_EQ(r.proof_bytes, 256u);
    EXPECT_EQ(r.ready_block - r.started_block, 20u);
    EXPECT_TRUE(s.zk.sequencer->node().batches().front().blob);
    // Proving is pipelined: five batches in five blocks all settle ~20 blocks after posting.
    for (int i = 0; i < 5; ++i) {
        s.zk.sequencer->submit(tx(0, keys()[2].address(), 1, 1 + static_cast<std::uint64_t>(i)), s.world.block_number());
        s.world.run(1);
    }
    EXPECT_GE(s.zk.prover->in_flight(), 4u);
    s.world.run(22);
    EXPECT_EQ(verifier_status(s.world.chain(), s.zk.verifier).proven, s.zk.sequencer->node().batches().size());
    for (const auto& rec : s.zk.prover->records()) {
        EXPECT_TRUE(rec.accepted) << rec.failure;
        EXPECT_LE(*rec.included_block - rec.started_block, 21u);
    }
}

// A prover that is not the honest actor: builds and submits calldata by hand.
struct ByHand {
    Deployment s;
    ByHand() : s([] {
        ZkRollupConfig c;
        c.with_prover = false;
        return c;
    }()) {}
    SubmitProof honest(std::uint64_t index, const L2State& pre, const Derivation* from = nullptr) {
        const auto& node = from ? *from : s.zk.sequencer->node();
        const auto& b = node.batches().at(index);
        const auto* posted = s.zk.sequencer->posted_diff_batch(b.commitment, b.l1_block);
        SubmitProof a;
        a.batch_index = index;
        a.record = {b.blob ? BatchDa::Blob : BatchDa::Calldata, b.commitment, b.l1_block, b.queue_count};
        std::vector<Op> qops;
        for (auto i = posted->queue_start; i < posted->queue_end; ++i) {
            qops.push_back(node.queue()[i].op);
            a.queue_records.push_back({op_hash(qops.back()), node.queue()[i].enqueue_block});
        }
        if (posted->queue_end < b.queue_count) {
            const auto& q = node.queue()[posted->queue_end];
            a.next_queue_record = QueueRecord{op_hash(q.op), q.enqueue_block};
        }
        auto prep = prepare_batch(std::make_shared<L2State>(pre.clone()), s.zk.stf, index, posted->queue_start,
                                  qops, posted->txs, a.record.da);
        prep.statement.data_commitment = b.commitment;
        prep.witness.frame = posted->frame;
        a.post_root = prep.statement.post_root;
        a.queue_end = posted->queue_end;
        a.proof = s.zk.proof_system->prove(prep.statement, prep.witness);
        return a;
    }
    l1::SubmitOutcome submit(const SubmitProof& a) {
        sim::TxOptions o;
        o.gas_limit = 20'000'000;
        return s.world.call(s.zk.prover_account, s.zk.verifier, verifier_submit_proof(a), 0, o);
    }
};

// An unsound verifier: accepts every proof (a stand-in for a broken proof system, so that a
// proven root can disagree with the posted data; never a built-in system).
class AcceptsEverything final : public ProofSystem {
public:
    std::string name() const override { return "accepts_everything"; }
    ProofProperties properties() const override { return {false, false, "none (test stand-in)", false}; }
    Bytes prove(const Statement&, const BatchWitness&) const override { return {0x01}; }
    bool verify(const Statement&, BytesView) const override { return true; }
    std::uint64_t verify_gas(const Statement&, BytesView) const override { return 0; }
};

TEST(ValidityZk, ANodeDetectsDiffsThatDoNotRebuildTheProvenRoot) {
    ZkRollupConfig cfg;
    cfg.with_prover = false;
    cfg.proof_system = std::make_shared<AcceptsEverything>();
    Deployment s(cfg);
    s.deposit(keys()[0].address(), u256(kEth));
    s.world.run(2);
    s.zk.sequencer->submit(tx(0, keys()[1].address(), 5, 0), s.world.block_number());
    s.world.run(2);
    const auto& node = s.zk.sequencer->node();
    ASSERT_GE(node.batches().size(), 2u);
    // Batch 0 proven at its true root, batch 1 at a root its posted diff does not reach.
    auto submit = [&](std::uint64_t index, const Hash32& root) {
        const auto& b = node.batches().at(index);
        SubmitProof a;
        a.batch_index = index;
        a.record = {b.blob ? BatchDa::Blob : BatchDa::Calldata, b.commitment, b.l1_block, b.queue_count};
        for (auto i = b.queue_start; i < b.queue_end; ++i) {
            a.queue_records.push_back({op_hash(node.queue()[i].op), node.queue()[i].enqueue_block});
        }
        if (b.queue_end < b.queue_count) {
            const auto& q = node.queue()[b.queue_end];
            a.next_queue_record = QueueRecord{op_hash(q.op), q.enqueue_block};
        }
        a.post_root = root;
        a.queue_end = b.queue_end;
        a.proof = {0x01};
        sim::TxOptions o;
        o.gas_limit = 5'000'000;
        const auto out = s.world.call(s.zk.prover_account, s.zk.verifier, verifier_submit_proof(a), 0, o);
        s.world.mine(1);
        EXPECT_TRUE(s.receipt_ok(out)) << s.revert(out);
    };
    submit(0, node.state_after_batch(0).state_root());
    Derivation fresh(s.zk.derivation);
    fresh.advance(s.world.chain());
    RebuildCheck rc = check_rebuilt_roots(fresh, s.world.chain(), s.zk.verifier, *s.zk.proof_system);
    EXPECT_TRUE(rc.ok()) << rc.detail;
    EXPECT_EQ(rc.checked, 1u);
    L2State other = node.state_after_batch(1);
    other.set_account(keys()[4].address(), {0, u256(kEth)});  // money the diff never posted
    submit(1, other.state_root());
    fresh.advance(s.world.chain());
    rc = check_rebuilt_roots(fresh, s.world.chain(), s.zk.verifier, *s.zk.proof_system);
    EXPECT_FALSE(rc.ok());
    EXPECT_EQ(rc.proven, 2u);
    EXPECT_EQ(rc.checked, 1u);
    EXPECT_EQ(rc.mismatch, std::optional<std::uint64_t>(1));
    EXPECT_NE(rc.detail.find("batch 1: the posted diffs rebuild"), std::string::npos) << rc.detail;
    // A node of the other format is misuse.
    DerivationConfig txs = s.zk.derivation;
    txs.format = BatchFormat::Txs;
    EXPECT_THROW((void)check_rebuilt_roots(Derivation(txs), s.world.chain(), s.zk.verifier, *s.zk.proof_system),
                 InvalidArgument);
}

TEST(ValidityZk, ForgedAndMisboundProofsRevertAndTheRollupDoesNotAdvance) {
    ByHand h;
    auto& s = h.s;
    s.deposit(keys()[0].address(), u256(kEth));
    s.world.run(2);
    s.zk.sequencer->submit(tx(0, keys()[1].address(), 5, 0), s.world.block_number());
    s.world.run(2);
    ASSERT_GE(s.zk.sequencer->node().batches().size(), 2u);
    const L2State genesis;
    const SubmitProof good = h.honest(0, genesis);
    std::vector<std::pair<std::string, SubmitProof>> bad;
    auto add = [&](std::string reason, auto change) {
        SubmitProof a = good;
        change(a);
        bad.emplace_back(std::move(reason), a);
    };
    add("invalid proof: statement_mismatch", [](SubmitProof& a) { a.post_root.bytes[0] ^= 1; });
    add("not the next batch", [](SubmitProof& a) { a.batch_index = 1; });
    add("batch record does not match the inbox", [](SubmitProof& a) { a.record.l1_block += 1; });
    add("batch record does not match the inbox", [](SubmitProof& a) { a.record.commitment.bytes[5] ^= 1; });
    add("queue_end out of range", [](SubmitProof& a) { a.queue_end += 1; });
    add("queue record does not match the inbox", [](SubmitProof& a) { a.queue_records[0].enqueue_block += 1; });
    add("invalid proof: malformed_proof", [](SubmitProof& a) { a.proof.back() ^= 0x40; });
    // Proofs made for another chain or another pre-root (built without the prover's checks).
    {
        const auto& node = s.zk.sequencer->node();
        const auto* posted = s.zk.sequencer->posted_diff_batch(node.batches().at(0).commitment, node.batches().at(0).l1_block);
        auto prep = prepare_batch(std::make_shared<L2State>(), s.zk.stf, 0, 0, {node.queue()[0].op}, posted->txs);
        prep.witness.frame = posted->frame;
        prep.statement.data_commitment = good.record.commitment;
        const WitnessProofSystem ws;
        Statement other_chain = prep.statement;
        other_chain.chain_id += 1;
        Statement other_pre = prep.statement;
        other_pre.pre_root.bytes[0] ^= 1;
        for (const Statement* st : {&other_chain, &other_pre}) {
            WitnessProof p = ws.build(prep.statement, prep.witness);
            p.statement_hash = st->hash();  // the proof names the other statement
            SubmitProof a = good;
            a.proof = p.encode();
            bad.emplace_back("invalid proof: statement_mismatch", a);
        }
    }
    std::vector<l1::SubmitOutcome> outs;
    for (const auto& [why, a] : bad) outs.push_back(h.submit(a));
    s.world.mine(1);
    for (std::size_t i = 0; i < bad.size(); ++i) EXPECT_EQ(s.revert(outs[i]), bad[i].first);
    EXPECT_EQ(verifier_status(s.world.chain(), s.zk.verifier).proven, 0u);
    EXPECT_EQ(inbox_root_count(s.world.chain(), s.zk.inbox), 0u);
    // A proof for batch 1 (valid for its own statement) submitted as batch 0.
    const SubmitProof first = good;
    const auto ok0 = h.submit(first);
    s.world.mine(1);
    ASSERT_TRUE(s.receipt_ok(ok0)) << s.revert(ok0);
    const auto replay = h.submit(first);
    s.world.mine(1);
    EXPECT_EQ(s.revert(replay), "not the next batch");
    const L2State after0 = s.zk.sequencer->node().state_after_batch(0);
    SubmitProof second = h.honest(1, after0);
    SubmitProof misbound = second;
    misbound.proof = good.proof;  // the proof of batch 0 for batch 1's statement
    const auto m = h.submit(misbound);
    s.world.mine(1);
    EXPECT_EQ(s.revert(m), "invalid proof: statement_mismatch");
    EXPECT_EQ(verifier_status(s.world.chain(), s.zk.verifier).proven, 1u);
    const auto ok1 = h.submit(second);
    s.world.mine(1);
    EXPECT_TRUE(s.receipt_ok(ok1)) << s.revert(ok1);
}

TEST(ValidityZk, ABatchSkippingAnOverdueQueueItemCannotBeProven) {
    ByHand h;
    auto& s = h.s;
    s.deposit(keys()[0].address(), u256(kEth));
    s.world.run(2);  // batch 0 consumes the deposit
    s.zk.sequencer->mutable_config().ignore_queue = true;
    s.deposit(keys()[1].address(), u256(kEth));  // enqueued now; W = 4
    s.world.run(1);
    // The sequencer posts batches that leave the deposit until it is overdue, then must take it.
    for (int i = 0; i < 6; ++i) {
        s.zk.sequencer->submit(tx(0, keys()[2].address(), 1, static_cast<std::uint64_t>(i)), s.world.block_number());
        s.world.run(1);
    }
    const auto& node = s.zk.sequencer->node();
    const auto& q = node.queue().at(1);
    ASSERT_TRUE(q.included_block.has_value());
    EXPECT_LE(*q.included_block, q.enqueue_block + 4);
    // A hand-made diff batch appended late that skips an overdue deposit is not provable.
    s.deposit(keys()[3].address(), u256(kEth));
    s.world.mine(6);
    Derivation cur(s.zk.derivation);
    cur.advance(s.world.chain());
    const std::uint64_t consumed = cur.queue_consumed();
    auto pre = std::make_shared<L2State>(cur.state().clone());
    auto prep = prepare_batch(pre, s.zk.stf, cur.batches().size(), consumed, {},
                              {tx(0, keys()[2].address(), 1, 6)});
    s.world.call(s.zk.sequencer_account, s.zk.inbox, inbox_append_batch(prep.witness.frame));
    s.world.mine(1);
    Derivation fresh(s.zk.derivation);
    fresh.advance(s.world.chain());
    EXPECT_NE(fresh.batches().back().decode_error.find("overdue"), std::string::npos);
    // Prove every earlier batch by hand, then try the late one.
    for (std::uint64_t i = 0; i + 1 < fresh.batches().size(); ++i) {
        const auto o = h.submit(h.honest(i, i == 0 ? L2State() : fresh.state_after_batch(i - 1), &fresh));
        s.world.mine(1);
        ASSERT_TRUE(s.receipt_ok(o)) << i << ": " << s.revert(o);
    }
    const auto& b = fresh.batches().back();
    SubmitProof a;
    a.batch_index = fresh.batches().size() - 1;
    a.record = {BatchDa::Calldata, b.commitment, b.l1_block, b.queue_count};
    a.queue_end = consumed;
    const auto& qi = fresh.queue().at(consumed);
    a.next_queue_record = QueueRecord{op_hash(qi.op), qi.enqueue_block};
    a.post_root = prep.statement.post_root;
    prep.statement.batch_index = a.batch_index;
    a.proof = s.zk.proof_system->prove(prep.statement, prep.witness);  // the transition itself is valid
    const auto o = h.submit(a);
    s.world.mine(1);
    EXPECT_EQ(s.revert(o), "overdue queue item not consumed");
}

TEST(ValidityZk, RunsAreDeterministicAndSnapshotsRestoreTheProver) {
    auto run = [](bool snapshot_midway) {
        Deployment s;
        s.deposit(keys()[0].address(), u256(kEth));
        s.world.run(2);
        std::optional<sim::WorldSnapshot> snap;
        for (int i = 0; i < 4; ++i) {
            s.zk.sequencer->submit(tx(0, keys()[1 + i].address(), 10, static_cast<std::uint64_t>(i)), s.world.block_number());
            if (i == 2 && snapshot_midway) snap = s.world.snapshot();
            s.world.run(1);
        }
        if (snap) {
            s.world.run(3);
            s.world.restore(*snap);
            s.world.run(1);
            s.zk.sequencer->submit(tx(0, keys()[4].address(), 10, 3), s.world.block_number());
            s.world.run(1);
        }
        s.world.run(3);
        EXPECT_EQ(verifier_status(s.world.chain(), s.zk.verifier).proven, s.zk.sequencer->node().batches().size());
        return s.world.trace_digest();
    };
    const Hash32 a = run(false);
    EXPECT_EQ(a, run(false));
    EXPECT_EQ(a, run(true));
}

}  // namespace

namespace {

TEST(ValidityZk, DiffFormatNodeAndSequencerStatesRoundTrip) {
    Deployment s;
    s.deposit(keys()[0].address(), u256(kEth));
    s.deposit(keys()[1].address(), u256(kEth));
    s.world.run(2);
    for (int i = 0; i < 3; ++i) {
        s.zk.sequencer->submit(tx(0, keys()[2 + i].address(), 10, static_cast<std::uint64_t>(i)), s.world.block_number());
        s.world.run(1);
    }
    s.world.run(2);
    const Derivation& node = s.zk.sequencer->node();
    const Bytes saved = node.save_state();
    Derivation loaded(s.zk.derivation);
    loaded.load_state(saved);
    EXPECT_EQ(loaded.save_state(), saved);
    EXPECT_EQ(loaded.state().state_root(), node.state().state_root());
    ASSERT_EQ(loaded.batches().size(), node.batches().size());
    for (std::size_t i = 0; i < node.batches().size(); ++i) {
        EXPECT_EQ(loaded.batches()[i].post_root, node.batches()[i].post_root);
        EXPECT_EQ(loaded.batches()[i].queue_end, node.batches()[i].queue_end);
    }
    EXPECT_EQ(loaded.deposited(), node.deposited());
    EXPECT_EQ(loaded.state_at(3).state_root(), node.state_at(3).state_root());
    // A tx-format node refuses it; truncation and a flipped byte are typed errors.
    DerivationConfig txs = s.zk.derivation;
    txs.format = BatchFormat::Txs;
    EXPECT_THROW(Derivation(txs).load_state(saved), DecodeError);
    EXPECT_THROW(loaded.load_state(Bytes(saved.begin(), saved.end() - 1)), DecodeError);
    std::size_t rejected = 0;
    for (std::size_t i = 0; i < saved.size(); i += 7) {
        Bytes m = saved;
        m[i] ^= 0x01;
        try {
            Derivation d(s.zk.derivation);
            d.load_state(m);
        } catch (const Error&) {
            ++rejected;
        }
    }
    EXPECT_GT(rejected, saved.size() / 7 / 2);
    const Bytes seq = s.zk.sequencer->save_state_bytes();
    Sequencer copy(s.zk.sequencer_account, s.zk.sequencer->config());
    copy.load_state_bytes(seq);
    EXPECT_EQ(copy.save_state_bytes(), seq);
    EXPECT_EQ(copy.posted_diff_batches(), s.zk.sequencer->posted_diff_batches());
    EXPECT_FALSE(copy.posted_diff_batches().empty());
}

}  // namespace
