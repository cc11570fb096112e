// The `stark` proof system: a batch of deposits and transfers (fees, a fresh account) proves and
// verifies against the stark state commitment; invalid batches are refused with a typed reason
// (an overspending or badly signed sequencer tx, a wrong post-root, a zero withdrawal); every altered
// public input and a sample of byte flips across the whole proof are rejected; a zk rollup using
// it settles batches end to end on a World and rejects a forged proof. Forced txs the STF skips
// for a reason only the state shows (unfunded, wrong nonce, unknown sender) are proven skipped;
// every altered skip claim is rejected; forcing them through the L1 queue does not stall it.
#include <gtest/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/validity/batch_builder.hpp"
#include "l2lab/validity/stark_proof_system.hpp"
#include "l2lab/validity/zk_rollup.hpp"
#include "validity_support.hpp"

using namespace l2lab;
using namespace l2lab::validity;
using namespace l2lab::validity::test;

namespace {

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;

const StarkProofSystem& system() {
    static const StarkProofSystem s;
    return s;
}

// prepare_batch with the statement's roots replaced by the stark commitments.
PreparedBatch stark_batch(std::vector<Op> queue, std::vector<L2Tx> txs) {
    auto pre = funded_state();
    PreparedBatch b = prepare_batch(pre, stf(), 3, 5, std::move(queue), std::move(txs));
    b.statement.pre_root = system().state_root(*pre);
    b.statement.post_root = system().state_root(*b.post);
    return b;
}

PreparedBatch transfers() {
    Address fresh;
    fresh.bytes[0] = 0x77;
    return stark_batch({Deposit{5, keys()[9].address(), keys()[1].address(), u256(12345)}},
                       {tx(0, keys()[1].address(), 1000, 0), tx(1, keys()[2].address(), 7, 0, 2),
                        tx(0, fresh, 1, 1), tx(3, keys()[3].address(), 0, 0, 0)});
}

Failure refusal(const PreparedBatch& b) {
    try {
        (void)system().prove(b.statement, b.witness);
    } catch (const ProofRefused& e) {
        return e.failure();
    }
    ADD_FAILURE() << "the prover did not refuse";
    return Failure::MalformedProof;
}

}  // namespace

TEST(ValidityStark, ABatchProvesAndVerifiesAndEveryPublicInputIsBound) {
    const PreparedBatch b = transfers();
    const Bytes proof = system().prove(b.statement, b.witness);
    const Verdict v = system().check(b.statement, proof);
    EXPECT_TRUE(v.ok) << v.failure;
    EXPECT_GT(v.gas, 100'000u);
    const StarkProofSummary sum = system().summary(proof);
    EXPECT_EQ(sum.moves, 11u);   // deposit 1, three transfers with fees 3 x 3 - (zero fee), zero transfer 1
    EXPECT_EQ(sum.created, 2u);  // the fee recipient and the fresh account
    EXPECT_EQ(sum.trace_rows, 16u * 128u);
    EXPECT_TRUE(system().properties().succinct);
    EXPECT_FALSE(system().properties().zero_knowledge);
    // Every statement field.
    std::vector<std::pair<const char*, Statement>> altered;
    auto alter = [&](const char* what, auto change) {
        Statement s = b.statement;
        change(s);
        altered.emplace_back(what, s);
    };
    alter("chain", [](Statement& s) { s.chain_id += 1; });
    alter("fee recipient", [](Statement& s) { s.fee_recipient.bytes[3] ^= 1; });
    alter("batch index", [](Statement& s) { s.batch_index += 1; });
    alter("pre root", [](Statement& s) { s.pre_root.bytes[0] ^= 1; });
    alter("post root", [](Statement& s) { s.post_root.bytes[31] ^= 1; });
    alter("da", [](Statement& s) { s.da = BatchDa::Blob; });
    alter("data", [](Statement& s) { s.data_commitment.bytes[9] ^= 1; });
    alter("queue start", [](Statement& s) { s.queue_start += 1; });
    alter("queue end", [](Statement& s) { s.queue_end += 1; });
    alter("queue digest", [](Statement& s) { s.queue_digest.bytes[1] ^= 1; });
    for (const auto& [what, s] : altered) EXPECT_FALSE(system().verify(s, proof)) << what;
    // Byte flips spread over the whole proof (every field of the encoding is hit).
    std::size_t rejected = 0, tried = 0;
    for (std::size_t i = 0; i < proof.size(); i += 1 + proof.size() / 150) {
        Bytes bad = proof;
        bad[i] ^= static_cast<std::uint8_t>(1u << (i % 8));
        ++tried;
        if (!system().verify(b.statement, bad)) ++rejected;
    }
    EXPECT_EQ(rejected, tried);
    EXPECT_FALSE(system().verify(b.statement, Bytes{}));
    EXPECT_FALSE(system().verify(b.statement, BytesView(proof).first(proof.size() / 2)));
}

TEST(ValidityStark, InvalidBatchesAreRefusedWithATypedReason) {
    // Keys 0..7 hold 1 ETH: a 2 ETH transfer is skipped by the STF, so the batch is not provable.
    EXPECT_EQ(refusal(stark_batch({}, {tx(0, keys()[1].address(), u256(2) * kEth, 0)})), Failure::SkippedTx);
    L2Tx forged = tx(0, keys()[1].address(), 5, 0);
    forged.signature[5] ^= 1;
    EXPECT_EQ(refusal(stark_batch({}, {forged})), Failure::SkippedTx);
    // A zero withdrawal is skipped by the STF whatever the state: a sequencer tx may not be.
    EXPECT_EQ(refusal(stark_batch({}, {tx(0, keys()[1].address(), 0, 0, 1, TxKind::Withdrawal)})), Failure::SkippedTx);
    PreparedBatch wrong_root = transfers();
    wrong_root.statement.post_root.bytes[4] ^= 1;
    EXPECT_EQ(refusal(wrong_root), Failure::PostRootMismatch);
    PreparedBatch keccak_roots = transfers();
    keccak_roots.statement.pre_root = keccak_roots.witness.pre_state->state_root();
    EXPECT_EQ(refusal(keccak_roots), Failure::StatementMismatch);
    // A forced tx skipped for a reason the verifier sees (bad chain id) is fine: no updates.
    const PreparedBatch skipped = stark_batch({Op{tx(0, keys()[1].address(), 5, 0, 1, TxKind::Transfer, 902)}},
                                              {tx(0, keys()[1].address(), 5, 0)});
    EXPECT_TRUE(system().verify(skipped.statement, system().prove(skipped.statement, skipped.witness)));
    // A forced withdrawal that applies is proven like any other withdrawal.
    const PreparedBatch forced_withdrawal = stark_batch({Op{tx(0, keys()[1].address(), 5, 0, 1, TxKind::Withdrawal)}}, {});
    EXPECT_TRUE(system().verify(forced_withdrawal.statement,
                                system().prove(forced_withdrawal.statement, forced_withdrawal.witness)));
}

namespace {

// Forced txs: key 1 unfunded (3 ETH, holds 1), key 2 at a wrong nonce, key 10 with no account
// (a withdrawal too: skipped before it needs proving), key 11 funded by a deposit in the queue
// then at a wrong nonce and unfunded, key 8 with no account and a free tx at nonce 0 (applies:
// it creates the account), key 1 again at nonce 0 with enough (applies), a zero-value withdrawal
// (skipped whatever the state: no claim needed); then sequencer txs.
PreparedBatch forced_skips() {
    const Address to = keys()[3].address();
    return stark_batch({Op{tx(1, to, u256(3) * kEth, 0)}, Op{tx(2, to, 5, 5)}, Op{tx(10, to, 1, 0)},
                        Op{tx(10, to, 9, 0, 1, TxKind::Withdrawal)},
                        Deposit{5, keys()[9].address(), keys()[11].address(), u256(100)}, Op{tx(11, to, 1, 1)},
                        Op{tx(11, to, 200, 0)}, Op{tx(8, to, 0, 0, 0)}, Op{tx(1, keys()[4].address(), 10, 0)},
                        Op{tx(2, to, 0, 0, 1, TxKind::Withdrawal)}},
                       {tx(1, keys()[5].address(), 7, 1), tx(8, to, 0, 1, 0)});
}

}  // namespace

TEST(ValidityStark, ForcedTxsTheStateSkipsAreProvenSkipped) {
    const PreparedBatch b = forced_skips();
    const Bytes proof = system().prove(b.statement, b.witness);
    const Verdict v = system().check(b.statement, proof);
    ASSERT_TRUE(v.ok) << v.failure;
    const StarkBatchProof p = StarkBatchProof::decode(proof);
    const std::vector<ClaimedSkip> expected = {{0, false}, {1, false}, {2, true}, {3, true}, {5, false}, {6, false}};
    EXPECT_EQ(p.skips, expected);
    // 4 skip steps, the deposit, key 8's creation (debit of 0), key 1's transfer (3), the
    // sequencer's transfer (3) and key 8's second free tx (1).
    EXPECT_EQ(system().summary(proof).moves, 13u);
    // The plain STF's post-state is what the proof reaches.
    EXPECT_EQ(b.statement.post_root, system().state_root(*b.post));
    EXPECT_EQ(b.post->account(keys()[2].address()).nonce, 0u);
    EXPECT_EQ(b.post->account(keys()[11].address()).balance, u256(100));

    // Every altered claim is rejected.
    auto rejected = [&](const char* what, auto change) {
        StarkBatchProof q = p;
        change(q);
        const Verdict bad = system().check(b.statement, q.encode());
        EXPECT_FALSE(bad.ok) << what;
        return bad.failure;
    };
    rejected("an unfunded tx's claim dropped (it becomes an overspending debit)",
             [](StarkBatchProof& q) { q.skips.erase(q.skips.begin()); });
    rejected("a wrong-nonce claim dropped", [](StarkBatchProof& q) { q.skips.erase(q.skips.begin() + 1); });
    rejected("an absent sender claimed present", [](StarkBatchProof& q) { q.skips[2].absent = false; });
    rejected("a registered sender claimed absent", [](StarkBatchProof& q) { q.skips[0].absent = true; });
    EXPECT_EQ(rejected("a free tx at nonce 0 from an absent sender claimed skipped",
                       [](StarkBatchProof& q) { q.skips.push_back({7, true}); }),
              "witness_inconsistent");
    EXPECT_EQ(rejected("a deposit claimed skipped",
                       [](StarkBatchProof& q) { q.skips.insert(q.skips.begin() + 4, {4, false}); }),
              "witness_inconsistent");
    EXPECT_EQ(rejected("a sequencer tx claimed skipped", [](StarkBatchProof& q) { q.skips.push_back({10, false}); }),
              "witness_inconsistent");
    // A funded forced tx at the right nonce (key 1's last) claimed skipped, with the placements
    // made to fit (its three updates become one skip step at key 1's index): rejected.
    EXPECT_EQ(rejected("a zero withdrawal claimed skipped", [](StarkBatchProof& q) { q.skips.push_back({9, false}); }),
              "witness_inconsistent");
    rejected("a funded tx claimed skipped", [&](StarkBatchProof& q) {
        q.skips.push_back({8, false});
        const std::size_t at = 6;  // 4 skip steps, the deposit, key 8's creation before it
        q.placements.erase(q.placements.begin() + at + 1, q.placements.begin() + at + 3);
    });
    // The claim list is canonical: strictly ascending positions.
    StarkBatchProof unordered = p;
    std::swap(unordered.skips[0], unordered.skips[1]);
    EXPECT_THROW(StarkBatchProof::decode(unordered.encode()), DecodeError);
    StarkBatchProof twice = p;
    twice.skips.insert(twice.skips.begin(), twice.skips[0]);
    EXPECT_THROW(StarkBatchProof::decode(twice.encode()), DecodeError);
}

TEST(ValidityStark, ForcedUnfundedTxsDoNotStallSettlement) {
    sim::World world(13);
    ZkRollupConfig cfg;
    cfg.forced_window = 4;
    cfg.max_batch_txs = 8;
    cfg.proof_system = std::make_shared<StarkProofSystem>();
    const ZkRollup zk = deploy_zk_rollup(world, cfg);
    const sim::Account user = world.new_account(u256(100) * kEth);
    const sim::Account attacker = world.new_account(u256(kEth));
    for (int i = 0; i < 3; ++i) world.call(user, zk.inbox, inbox_deposit(keys()[i].address()), u256(kEth));
    world.run(2);
    // The attacker forces an unfunded tx, one at a wrong nonce and one from an unknown sender.
    for (const L2Tx& t : {tx(1, keys()[3].address(), u256(5) * kEth, 0), tx(2, keys()[3].address(), 5, 9),
                          tx(10, keys()[3].address(), 1, 0)})
        ASSERT_TRUE(world.call(attacker, zk.inbox, rollup::inbox_force_tx(t.encode())).accepted);
    for (std::uint64_t n = 0; n < 3; ++n) {
        zk.sequencer->submit(tx(0, keys()[1].address(), 1000 + n, n), world.block_number());
        world.run(1);
    }
    world.run(8);
    const auto& node = zk.sequencer->node();
    const VerifierStatus st = verifier_status(world.chain(), zk.verifier);
    ASSERT_GE(node.batches().size(), 3u);
    EXPECT_EQ(st.proven, node.batches().size()) << zk.prover->stall_reason();
    EXPECT_EQ(st.root, zk.proof_system->state_root(node.state()));
    EXPECT_EQ(st.queue_cursor, 6u);  // the 3 deposits and the 3 forced txs are consumed
    EXPECT_EQ(node.state().account(keys()[2].address()).nonce, 0u);  // the forced txs changed nothing
    EXPECT_FALSE(node.state().account_index(keys()[10].address()).has_value());
    for (const auto& r : zk.prover->records()) EXPECT_TRUE(r.accepted) << r.failure;
}

TEST(ValidityStark, AProofForOneStatementDoesNotProveAnother) {
    const PreparedBatch b = transfers();
    const Bytes proof = system().prove(b.statement, b.witness);
    // The cheater keeps the proof and the data but claims key 0 kept 1000 more wei (another
    // post-root) and re-labels the proof with that statement's hash and commitment.
    StarkBatchProof p = StarkBatchProof::decode(proof);
    Statement lie = b.statement;
    L2State cheat = b.post->clone();
    cheat.set_account(keys()[0].address(), {2, cheat.account(keys()[0].address()).balance + 1000});
    lie.post_root = system().state_root(cheat);
    p.statement_hash = lie.hash();
    p.post = stark_state_commitment(cheat, 15);
    const Verdict v = system().check(lie, p.encode());
    EXPECT_FALSE(v.ok);
    // The diff binds net changes, which the lie keeps; the STARK is what refuses the new root.
    EXPECT_EQ(v.failure, "stark_ood_constraint_mismatch");
}

TEST(ValidityStark, AZkRollupSettlesStarkProvenBatchesEndToEnd) {
    sim::World world(11);
    ZkRollupConfig cfg;
    cfg.forced_window = 4;
    cfg.max_batch_txs = 8;
    cfg.proof_system = std::make_shared<StarkProofSystem>();
    const ZkRollup zk = deploy_zk_rollup(world, cfg);
    const sim::Account user = world.new_account(u256(100) * kEth);
    for (int i = 0; i < 3; ++i) world.call(user, zk.inbox, inbox_deposit(keys()[i].address()), u256(kEth));
    world.run(2);
    for (std::uint64_t n = 0; n < 3; ++n) {
        zk.sequencer->submit(tx(0, keys()[1].address(), 1000 + n, n), world.block_number());
        zk.sequencer->submit(tx(1, keys()[4].address(), 5, n, 0), world.block_number());
        world.run(1);
    }
    world.run(3);
    const auto& node = zk.sequencer->node();
    const VerifierStatus st = verifier_status(world.chain(), zk.verifier);
    ASSERT_GE(node.batches().size(), 3u);
    EXPECT_EQ(st.proven, node.batches().size()) << zk.prover->stall_reason();
    EXPECT_EQ(st.root, zk.proof_system->state_root(node.state()));
    for (const auto& r : zk.prover->records()) {
        EXPECT_TRUE(r.accepted) << r.failure;
        EXPECT_GT(r.verify_gas, 0u);
    }
}

TEST(ValidityStark, ForgedStarkProofsRevertOnL1AndTheHonestOneSettles) {
    sim::World world(12);
    ZkRollupConfig cfg;
    cfg.forced_window = 4;
    cfg.with_prover = false;
    cfg.proof_system = std::make_shared<StarkProofSystem>();
    const ZkRollup zk = deploy_zk_rollup(world, cfg);
    const sim::Account user = world.new_account(u256(100) * kEth);
    world.call(user, zk.inbox, inbox_deposit(keys()[0].address()), u256(kEth));
    world.run(2);
    zk.sequencer->submit(tx(0, keys()[1].address(), 77, 0), world.block_number());
    world.run(2);
    const auto& node = zk.sequencer->node();
    ASSERT_GE(node.batches().size(), 1u);
    std::string why;
    auto job = make_proof_job(node, *zk.sequencer, std::make_shared<L2State>(), 0, 0, &why, zk.proof_system.get());
    ASSERT_TRUE(job.has_value()) << why;
    job->args.proof = zk.proof_system->prove(job->statement, job->witness);
    auto submit = [&](const SubmitProof& a) {
        sim::TxOptions opt;
        opt.gas_limit = 20'000'000;
        const auto out = world.call(user, zk.verifier, verifier_submit_proof(a), 0, opt);
        world.mine(1);
        const auto r = world.chain().receipt(out.tx_hash);
        return r ? (r->success() ? std::string("ok") : r->revert_reason) : std::string("not included");
    };
    SubmitProof flipped = job->args;
    flipped.proof[flipped.proof.size() - 700] ^= 0x10;  // inside the STARK's openings
    EXPECT_EQ(submit(flipped).rfind("invalid proof: ", 0), 0u);
    SubmitProof other_root = job->args;
    other_root.post_root.bytes[2] ^= 1;
    EXPECT_EQ(submit(other_root), "invalid proof: statement_mismatch");
    EXPECT_EQ(verifier_status(world.chain(), zk.verifier).proven, 0u);
    EXPECT_EQ(submit(job->args), "ok");
    const VerifierStatus st = verifier_status(world.chain(), zk.verifier);
    EXPECT_EQ(st.proven, 1u);
    EXPECT_EQ(st.root, zk.proof_system->state_root(node.state_after_batch(0)));
}
