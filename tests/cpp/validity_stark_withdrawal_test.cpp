// Withdrawals in the `stark` proof system: a batch with L2 and forced withdrawals proves, its
// records sit in the stark root's Keccak tree where ordinary SMT proofs open them; a posted diff
// that omits, alters or adds a withdrawal is rejected, and so is a post-root holding a record
// the batch did not derive; on a World, withdrawals are claimed on L1 from the block after the
// proof (not before it, not twice, not with an altered record or a proof of another tree).
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/validity/batch_builder.hpp"
#include "l2lab/validity/partial_tree.hpp"
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

Address l1_address(std::uint8_t tag) {
    Address a;
    a.bytes[0] = 0x11;
    a.bytes[19] = tag;
    return a;
}

// A batch with a forced withdrawal (key 4), a forced zero withdrawal (skipped whatever the
// state), a transfer and an L2 withdrawal of key 0, under stark roots.
PreparedBatch withdrawal_batch() {
    auto pre = funded_state();
    std::vector<Op> queue{Op{tx(4, l1_address(2), 300, 0, 2, TxKind::Withdrawal)},
                          Op{tx(5, l1_address(3), 0, 0, 1, TxKind::Withdrawal)}};
    std::vector<L2Tx> txs{tx(0, keys()[1].address(), 1000, 0), tx(0, l1_address(1), 5000, 1, 1, TxKind::Withdrawal)};
    PreparedBatch b = prepare_batch(pre, stf(), 3, 5, std::move(queue), std::move(txs));
    b.statement.pre_root = system().state_root(*pre);
    b.statement.post_root = system().state_root(*b.post);
    return b;
}

bool claimable(const Hash32& root, const WithdrawalRecord& w, const crypto::SmtProof& proof) {
    return crypto::smt_verify(crypto::HashKind::Keccak256, root, withdrawal_key(w.sender, w.nonce),
                              withdrawal_leaf(w.l1_recipient, w.amount), proof);
}

// The proof `p` re-labelled for a posted diff batch `data` (the statement's data commitment
// follows the new frame), and its verdict.
Verdict with_data(const PreparedBatch& b, StarkBatchProof p, const DiffBatch& data, Statement* out = nullptr) {
    p.frame = encode_diff_batch(data, Codec::Zstd, 3);
    Statement st = b.statement;
    st.data_commitment = data_commitment(BatchDa::Calldata, p.frame);
    p.statement_hash = st.hash();
    if (out) *out = st;
    return system().check(st, p.encode());
}

}  // namespace

TEST(ValidityStarkWithdrawal, WithdrawalsProveAndTheirRecordsAreOpenedUnderThePostRoot) {
    const PreparedBatch b = withdrawal_batch();
    ASSERT_EQ(b.post->withdrawals().size(), 2u);  // the zero withdrawal is skipped
    EXPECT_FALSE(b.outcomes[1].applied);
    const Bytes proof = system().prove(b.statement, b.witness);
    const Verdict v = system().check(b.statement, proof);
    ASSERT_TRUE(v.ok) << v.failure;
    const StarkProofSummary sum = system().summary(proof);
    // forced: debit + fee; transfer: debit, credit, fee; withdrawal: debit, fee.
    EXPECT_EQ(sum.moves, 7u);
    for (const auto& w : b.post->withdrawals()) {
        const crypto::SmtProof open = system().withdrawal_proof(*b.post, w.sender, w.nonce);
        EXPECT_TRUE(claimable(b.statement.post_root, w, open));
        EXPECT_FALSE(claimable(b.statement.pre_root, w, open));
        WithdrawalRecord more = w;
        more.amount += 1;
        EXPECT_FALSE(claimable(b.statement.post_root, more, open));
        // The Keccak state tree's proof is for another root.
        EXPECT_FALSE(claimable(b.statement.post_root, w, b.post->prove_withdrawal(w.sender, w.nonce)));
    }
    const auto w0 = b.post->withdrawal(keys()[0].address(), 1);
    ASSERT_TRUE(w0.has_value());
    EXPECT_EQ(*w0, (WithdrawalRecord{keys()[0].address(), 1, l1_address(1), u256(5000)}));
    EXPECT_THROW((void)system().withdrawal_proof(*b.post, keys()[0].address(), 0), StateError);
    EXPECT_THROW((void)system().withdrawal_proof(*b.post, keys()[5].address(), 0), StateError);
}

TEST(ValidityStarkWithdrawal, ADiffThatOmitsAltersOrAddsAWithdrawalIsRejected) {
    const PreparedBatch b = withdrawal_batch();
    const Bytes proof = system().prove(b.statement, b.witness);
    const StarkBatchProof p = StarkBatchProof::decode(proof);
    ASSERT_EQ(b.data.diff.withdrawals.size(), 2u);
    // The honest data re-labelled the same way verifies (the tampering below is all that fails).
    EXPECT_TRUE(with_data(b, p, b.data).ok);
    std::vector<std::pair<const char*, DiffBatch>> lies;
    auto lie = [&](const char* what, auto change) {
        DiffBatch d = b.data;
        change(d.diff.withdrawals);
        std::sort(d.diff.withdrawals.begin(), d.diff.withdrawals.end(), [](const auto& x, const auto& y) {
            return std::tie(x.sender_index, x.nonce) < std::tie(y.sender_index, y.nonce);
        });
        lies.emplace_back(what, d);
    };
    lie("omitted", [](auto& ws) { ws.pop_back(); });
    lie("none", [](auto& ws) { ws.clear(); });
    lie("amount", [](auto& ws) { ws[0].amount += 1; });
    lie("recipient", [](auto& ws) { ws[1].l1_recipient.bytes[7] ^= 1; });
    lie("nonce", [](auto& ws) { ws[1].nonce += 1; });
    lie("sender", [](auto& ws) { ws[0].sender_index = 7; });
    lie("added", [](auto& ws) { ws.push_back({40, 9, l1_address(9), u256(1)}); });
    for (const auto& [what, d] : lies) {
        Statement st;
        const Verdict v = with_data(b, p, d, &st);
        EXPECT_FALSE(v.ok) << what;
        EXPECT_EQ(v.failure, "diff_mismatch") << what;
        // The honest prover refuses such a frame too.
        BatchWitness w = b.witness;
        w.frame = encode_diff_batch(d, Codec::Zstd, 3);
        try {
            (void)system().prove(st, w);
            ADD_FAILURE() << what << ": the prover did not refuse";
        } catch (const ProofRefused& e) {
            EXPECT_EQ(e.failure(), Failure::DiffMismatch) << what;
        }
    }
}

TEST(ValidityStarkWithdrawal, APostRootWithARecordTheBatchDidNotDeriveIsRejected) {
    const PreparedBatch b = withdrawal_batch();
    const StarkBatchProof honest = StarkBatchProof::decode(system().prove(b.statement, b.witness));
    auto verdict_for = [&](const L2State& claimed) {
        StarkBatchProof p = honest;
        Statement st = b.statement;
        st.post_root = system().state_root(claimed);
        p.statement_hash = st.hash();
        p.post = stark_state_commitment(claimed, 15);
        return system().check(st, p.encode());
    };
    // An extra record (a withdrawal nobody signed) and an inflated one.
    L2State extra = b.post->clone();
    extra.add_withdrawal({keys()[6].address(), 0, l1_address(6), u256(kEth)});
    EXPECT_EQ(verdict_for(extra).failure, "witness_inconsistent");
    L2State inflated;
    for (std::uint64_t i = 0; i < b.post->registered_count(); ++i) {
        const Address a = *b.post->registered_address(i);
        inflated.set_account(a, b.post->account(a));
        (void)inflated.register_account(a);
    }
    for (auto w : b.post->withdrawals()) {
        if (w.sender == keys()[0].address()) w.amount *= 1000;
        inflated.add_withdrawal(w);
    }
    ASSERT_EQ(stark_state_commitment(inflated, 15).account_root, honest.post.account_root);
    EXPECT_EQ(verdict_for(inflated).failure, "witness_inconsistent");
    // A multiproof that hides the withdrawal keys cannot show them absent.
    {
        StarkBatchProof p = honest;
        const auto tree = stark_keccak_tree(*b.witness.pre_state, honest.pre.account_root);
        const std::vector<std::pair<Hash32, crypto::SmtProof>> header_only{
            {stark_header_key(), tree.prove(stark_header_key())}};
        p.tree = PartialTree::from_proofs(honest.pre.tree_root, header_only).encode();
        const Verdict v = system().check(b.statement, p.encode());
        EXPECT_EQ(v.failure, "witness_incomplete");
    }
    // A pre commitment whose header is not the one under the pre_root.
    {
        StarkBatchProof p = honest;
        p.pre.account_root = honest.post.account_root;  // the AIR would start from it
        EXPECT_EQ(system().check(b.statement, p.encode()).failure, "witness_inconsistent");
    }
}

TEST(ValidityStarkWithdrawal, WithdrawalsAreClaimedOnL1FromTheBlockAfterTheProofAndOnlyOnce) {
    sim::World world(13);
    ZkRollupConfig cfg;
    cfg.forced_window = 4;
    cfg.with_prover = false;
    cfg.proof_system = std::make_shared<StarkProofSystem>();
    const ZkRollup zk = deploy_zk_rollup(world, cfg);
    const sim::Account user = world.new_account(u256(100) * kEth);
    auto included = [&](const l1::SubmitOutcome& out) {
        const auto r = world.chain().receipt(out.tx_hash);
        return r ? (r->success() ? std::string("ok") : r->revert_reason) : std::string("not included");
    };
    auto send = [&](const Address& to, const Bytes& calldata) {
        sim::TxOptions opt;
        opt.gas_limit = 20'000'000;
        const auto out = world.call(user, to, calldata, 0, opt);
        world.mine(1);
        return included(out);
    };
    // Deposit, transfer, withdraw on L2; a forced withdrawal through the L1 queue.
    world.call(user, zk.inbox, inbox_deposit(keys()[0].address()), u256(kEth));
    world.call(user, zk.inbox, inbox_deposit(keys()[1].address()), u256(kEth));
    world.run(2);
    zk.sequencer->submit(tx(0, keys()[2].address(), 1000, 0), world.block_number());
    zk.sequencer->submit(tx(0, l1_address(1), u256(kEth / 4), 1, 3, TxKind::Withdrawal), world.block_number());
    const L2Tx forced = tx(1, l1_address(2), u256(kEth / 10), 0, 0, TxKind::Withdrawal);
    ASSERT_EQ(send(zk.inbox, inbox_force_tx(forced.encode())), "ok");
    const auto& node = zk.sequencer->node();
    for (int i = 0; i < 12 && node.state().withdrawals().size() < 2; ++i) world.run(1);
    ASSERT_EQ(node.state().withdrawals().size(), 2u);
    const WithdrawalRecord w1{keys()[0].address(), 1, l1_address(1), u256(kEth / 4)};
    const WithdrawalRecord w2{keys()[1].address(), 0, l1_address(2), u256(kEth / 10)};
    EXPECT_EQ(node.state().withdrawal(w1.sender, w1.nonce), w1);
    EXPECT_EQ(node.state().withdrawal(w2.sender, w2.nonce), w2);
    // Nothing is proven: no root to claim against.
    const crypto::SmtProof early = zk.proof_system->withdrawal_proof(node.state(), w1.sender, w1.nonce);
    EXPECT_EQ(send(zk.inbox, inbox_finalize_withdrawal(0, w1, early)), "unknown root index");
    // Prove every batch by hand, in order.
    const std::size_t batches = node.batches().size();
    std::shared_ptr<const L2State> pre = std::make_shared<L2State>();
    std::uint64_t queue_start = 0;
    for (std::size_t i = 0; i < batches; ++i) {
        std::string why;
        auto job = make_proof_job(node, *zk.sequencer, pre, queue_start, i, &why, zk.proof_system.get());
        ASSERT_TRUE(job.has_value()) << why;
        job->args.proof = zk.proof_system->prove(job->statement, job->witness);
        ASSERT_EQ(send(zk.verifier, verifier_submit_proof(job->args)), "ok") << "batch " << i;
        pre = job->post;
        queue_start = job->args.queue_end;
    }
    const VerifierStatus st = verifier_status(world.chain(), zk.verifier);
    ASSERT_EQ(st.proven, batches);
    EXPECT_EQ(st.root, zk.proof_system->state_root(node.state()));
    // Claims against the latest registered root, in the block after the last proof.
    const std::uint64_t ri = inbox_root_count(world.chain(), zk.inbox) - 1;
    const L2State at = node.state_after_batch(*verifier_root_batch(world.chain(), zk.verifier, ri));
    const crypto::SmtProof open1 = zk.proof_system->withdrawal_proof(at, w1.sender, w1.nonce);
    WithdrawalRecord inflated = w1;
    inflated.amount += 1;
    EXPECT_EQ(send(zk.inbox, inbox_finalize_withdrawal(ri, inflated, open1)), "invalid withdrawal proof");
    EXPECT_EQ(send(zk.inbox, inbox_finalize_withdrawal(ri, w1, at.prove_withdrawal(w1.sender, w1.nonce))),
              "invalid withdrawal proof");
    crypto::SmtProof bent = open1;
    ASSERT_FALSE(bent.siblings.empty());
    bent.siblings.back().bytes[0] ^= 1;
    EXPECT_NE(send(zk.inbox, inbox_finalize_withdrawal(ri, w1, bent)), "ok");
    EXPECT_EQ(world.chain().balance(w1.l1_recipient), 0u);
    EXPECT_EQ(send(zk.inbox, inbox_finalize_withdrawal(ri, w1, open1)), "ok");
    EXPECT_EQ(world.chain().balance(w1.l1_recipient), u256(kEth / 4));
    EXPECT_TRUE(inbox_withdrawal_finalized(world.chain(), zk.inbox, w1.sender, w1.nonce));
    EXPECT_EQ(send(zk.inbox, inbox_finalize_withdrawal(ri, w1, open1)), "withdrawal already finalized");
    EXPECT_EQ(world.chain().balance(w1.l1_recipient), u256(kEth / 4));
    const crypto::SmtProof open2 = zk.proof_system->withdrawal_proof(at, w2.sender, w2.nonce);
    EXPECT_EQ(send(zk.inbox, inbox_finalize_withdrawal(ri, w2, open2)), "ok");
    EXPECT_EQ(world.chain().balance(w2.l1_recipient), u256(kEth / 10));
    // The L2 side: the senders paid value + fee.
    EXPECT_EQ(at.account(keys()[0].address()).balance, u256(kEth) - 1000 - 1 - u256(kEth / 4) - 3);
    EXPECT_EQ(at.account(keys()[1].address()).balance, u256(kEth) - u256(kEth / 10));
}
