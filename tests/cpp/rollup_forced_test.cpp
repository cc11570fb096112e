// Forced inclusion with a silent sequencer (offline: no batches at all) and data withholding
// (R3): derivation includes every queue item exactly W blocks after it was enqueued even when no
// batch ever comes; a withheld blob stalls derivation, nothing derived from it is ever proposed
// or final, and no withdrawal in it proves against any root, final or not.
#include <gtest/gtest.h>

#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"

using namespace l2lab;
using namespace l2lab::rollup;

namespace {

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;

struct Env {
    sim::World world{31};
    sim::Account seq_acct = world.new_account(u256(100) * kEth);
    sim::Account alice = world.new_account(u256(100) * kEth);
    Address inbox;
    SequencerConfig cfg;
    std::shared_ptr<Sequencer> seq;
    sim::ActorId seq_id = 0;
    crypto::PrivateKey user = crypto::PrivateKey::from_int(u256(4242));

    Env(DataAvailability da, std::uint64_t window, std::uint64_t finality) {
        InboxConfig ic{seq_acct.address, seq_acct.address, std::make_shared<TrustedFinality>(finality)};
        inbox = world.chain().deploy(std::make_shared<InboxContract>(ic), seq_acct.address);
        cfg.derivation.inbox = inbox;
        cfg.derivation.forced_window = window;
        cfg.derivation.stf.fee_recipient = seq_acct.address;
        cfg.da = da;
        cfg.propose_every_blocks = 1;
        cfg.max_batch_bytes = 60'000;
        seq = std::make_shared<Sequencer>(seq_acct, cfg);
        seq_id = world.add_actor(seq);
    }
    L2Tx tx(std::uint64_t nonce, TxKind kind, u256 value) {
        L2Tx t;
        t.kind = kind;
        t.chain_id = cfg.derivation.stf.chain_id;
        t.nonce = nonce;
        t.fee = 1;
        t.to = alice.address;
        t.value = value;
        t.sign(user);
        return t;
    }
    std::uint64_t included(const Hash32& h) { return world.chain().receipt(h)->block_number; }
    Derivation verifier() {
        Derivation d(cfg.derivation);
        d.advance(world.chain());
        return d;
    }
};

}  // namespace

TEST(RollupForced, SilentSequencerCannotDelayQueueItemsBeyondW) {
    for (std::uint64_t window : {1u, 3u, 7u}) {
        Env e(DataAvailability::Calldata, window, 3);
        e.world.set_online(e.seq_id, false);  // posts nothing, proposes nothing
        const auto dep = e.world.call(e.alice, e.inbox, inbox_deposit(e.user.address()), kEth);
        e.world.run(1);
        const auto forced = e.world.call(e.alice, e.inbox,
                                         inbox_force_tx(e.tx(0, TxKind::Transfer, 1000).encode()));
        e.world.run(1);
        const std::uint64_t dep_block = e.included(dep.tx_hash);
        const std::uint64_t forced_block = e.included(forced.tx_hash);
        // One block before the deadline nothing is derived from the queue.
        e.world.run(window - 1);
        {
            auto v = e.verifier();
            ASSERT_EQ(v.queue().size(), 2u);
            EXPECT_FALSE(v.queue()[1].included_block.has_value());
            EXPECT_EQ(v.state().account(e.user.address()).nonce, 0u);
        }
        e.world.run(2);
        auto v = e.verifier();
        EXPECT_EQ(inbox_batch_count(e.world.chain(), e.inbox), 0u);
        ASSERT_TRUE(v.queue()[0].included_block && v.queue()[1].included_block);
        EXPECT_EQ(*v.queue()[0].included_block, dep_block + window);  // exactly at the deadline
        EXPECT_EQ(*v.queue()[1].included_block, forced_block + window);
        EXPECT_TRUE(v.queue()[0].forced && v.queue()[1].forced);
        EXPECT_EQ(v.state().account(e.user.address()).nonce, 1u);
        EXPECT_EQ(v.state().account(e.alice.address).balance, 1000u);
        // Back online, the sequencer's own node agrees with the verifier and keeps serving.
        e.world.set_online(e.seq_id, true);
        e.seq->submit(e.tx(1, TxKind::Transfer, 5), e.world.block_number());
        e.world.run(3);
        auto v2 = e.verifier();
        EXPECT_EQ(v2.state().state_root(), e.seq->node().state().state_root());
        EXPECT_EQ(v2.state().account(e.user.address()).nonce, 2u);
    }
}

TEST(RollupForced, WithheldDataNeverBecomesFinalNorProvesAWithdrawal) {
    constexpr std::uint64_t kFinality = 2;
    Env e(DataAvailability::Blob, 3, kFinality);
    (void)e.world.call(e.alice, e.inbox, inbox_deposit(e.user.address()), kEth);
    e.world.run(3);
    const L2Tx w = e.tx(0, TxKind::Withdrawal, u256(kEth / 2));
    e.seq->submit(w, e.world.block_number());
    e.world.run(1);  // the sequencer submits its blob batch now
    std::vector<Hash32> withheld;
    for (const auto& p : e.world.chain().pending()) {
        for (const auto& h : p.tx->blob_versioned_hashes) withheld.push_back(h);
    }
    ASSERT_FALSE(withheld.empty());
    for (const auto& h : withheld) e.world.chain().withhold_blob(h);
    const std::uint64_t stall = e.world.block_number() + 1;
    // Queue items after the stall are not derived either (derivation waits for the data).
    (void)e.world.call(e.alice, e.inbox, inbox_deposit(e.user.address()), kEth);
    e.world.run(kFinality + 8);

    auto v = e.verifier();
    ASSERT_EQ(v.stalled_at(), std::optional<std::uint64_t>(stall));
    EXPECT_EQ(v.derived_block(), stall - 1);
    EXPECT_EQ(e.seq->node().stalled_at(), std::optional<std::uint64_t>(stall));
    EXPECT_FALSE(v.state().withdrawal(e.user.address(), 0).has_value());
    // The withheld batch's predicted root is never confirmed.
    ASSERT_FALSE(e.seq->batch_metrics().empty());
    EXPECT_FALSE(e.seq->batch_metrics().back().root_matches.has_value());

    // The post-state the withheld data would produce: what a withdrawal proof would need.
    L2State would_be = v.state().clone();
    ASSERT_TRUE(apply_op(would_be, e.cfg.derivation.stf, Op{w}).applied);
    const auto rec = would_be.withdrawal(e.user.address(), 0);
    ASSERT_TRUE(rec.has_value());
    const auto proof = would_be.prove_withdrawal(e.user.address(), 0);

    const std::uint64_t roots = inbox_root_count(e.world.chain(), e.inbox);
    ASSERT_GT(roots, 0u);
    std::vector<Hash32> claims;
    for (std::uint64_t i = 0; i < roots; ++i) {
        const auto pr = inbox_root(e.world.chain(), e.inbox, i);
        EXPECT_LT(pr.l1_block, stall) << "a root covers withheld data";
        EXPECT_NE(pr.root, would_be.state_root());
        claims.push_back(e.world.call(e.alice, e.inbox, inbox_finalize_withdrawal(i, *rec, proof)).tx_hash);
    }
    const u256 bridge = e.world.chain().balance(e.inbox);
    e.world.mine(1);
    for (std::uint64_t i = 0; i < roots; ++i) {
        const auto r = e.world.chain().receipt(claims[i]);
        ASSERT_TRUE(r.has_value());
        EXPECT_FALSE(r->success());
        const auto pr = inbox_root(e.world.chain(), e.inbox, i);
        if (e.world.block_number() >= pr.proposed_block + kFinality) {
            EXPECT_EQ(r->revert_reason, "invalid withdrawal proof");
        }
    }
    EXPECT_EQ(e.world.chain().balance(e.inbox), bridge);
    EXPECT_FALSE(inbox_withdrawal_finalized(e.world.chain(), e.inbox, e.user.address(), 0));
}

TEST(RollupForced, DepositsNearTheEthSupplyCapNeverOverflowL2) {
    // L1 caps all ETH ever minted at 2^256 - 1, so the bridge can never lock enough for an L2
    // credit to overflow (the STF would skip such a deposit with `overflow`; see the STF tests).
    Env e(DataAvailability::Calldata, 3, 2);
    const u256 rest = u256_max() - e.world.chain().total_minted();
    auto whale = e.world.new_account(0);
    e.world.chain().mint(whale.address, rest);
    EXPECT_THROW(e.world.chain().mint(whale.address, 1), std::overflow_error);
    const u256 half = (rest - u256(kEth)) / 2;
    const auto d1 = e.world.call(whale, e.inbox, inbox_deposit(e.user.address()), half);
    const auto d2 = e.world.call(whale, e.inbox, inbox_deposit(e.user.address()), half);
    ASSERT_TRUE(d1.accepted && d2.accepted);
    e.world.run(3);
    ASSERT_TRUE(e.world.chain().receipt(d1.tx_hash)->success());
    ASSERT_TRUE(e.world.chain().receipt(d2.tx_hash)->success());
    auto v = e.verifier();
    EXPECT_EQ(v.state().account(e.user.address()).balance, half * 2);
    EXPECT_EQ(v.deposited(), half * 2);
    for (const auto& r : v.receipts()) EXPECT_TRUE(r.outcome.applied);
    EXPECT_EQ(e.world.chain().balance(e.inbox), half * 2);
    // Whatever the whale still holds cannot be deposited on top beyond its balance.
    const auto d3 = e.world.call(whale, e.inbox, inbox_deposit(e.user.address()), rest);
    EXPECT_FALSE(d3.accepted);
}
