// End to end on a World: inbox contract, sequencer actor, independent derivation node;
// deposits, transfers, withdrawals against final roots, forced inclusion past a censoring
// sequencer, blob DA and withheld blobs.
#include <gtest/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"

using namespace l2lab;
using namespace l2lab::rollup;

namespace {

Bytes as_bytes(const Hash32& h) { return Bytes(h.bytes.begin(), h.bytes.end()); }

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;

struct Fixture {
    sim::World world{7};
    sim::Account seq_acct = world.new_account(u256(100) * kEth);
    Address inbox;
    std::shared_ptr<Sequencer> seq;
    std::vector<crypto::PrivateKey> users;
    Fixture(SequencerConfig cfg, std::uint64_t finality = 5) {
        InboxConfig ic{seq_acct.address, seq_acct.address,
                       std::make_shared<TrustedFinality>(finality)};
        inbox = world.chain().deploy(std::make_shared<InboxContract>(ic), seq_acct.address);
        cfg.derivation.inbox = inbox;
        cfg.derivation.stf.fee_recipient = seq_acct.address;
        seq = std::make_shared<Sequencer>(seq_acct, cfg);
        world.add_actor(seq);
        for (int i = 0; i < 4; ++i) users.push_back(crypto::PrivateKey::from_int(u256(100 + i)));
    }
    sim::Account l1_user(int i, const u256& balance) {
        auto a = world.new_account(balance);
        (void)i;
        return a;
    }
    L2Tx tx(int from, const Address& to, u256 value, std::uint64_t nonce,
            TxKind kind = TxKind::Transfer) {
        L2Tx t;
        t.kind = kind;
        t.chain_id = seq->config().derivation.stf.chain_id;
        t.nonce = nonce;
        t.fee = 10;
        t.to = to;
        t.value = value;
        t.sign(users[static_cast<std::size_t>(from)]);
        return t;
    }
    Derivation verifier() {
        Derivation d(seq->config().derivation);
        d.advance(world.chain());
        return d;
    }
};

}  // namespace

TEST(RollupE2E, DepositsTransfersAndAnIndependentVerifierAgree) {
    for (auto da : {DataAvailability::Calldata, DataAvailability::Blob}) {
        SequencerConfig cfg;
        cfg.da = da;
        cfg.propose_every_blocks = 2;
        Fixture f(cfg);
        auto alice = f.world.new_account(u256(10) * kEth);
        ASSERT_TRUE(f.world.call(alice, f.inbox, inbox_deposit(f.users[0].address()), 5 * kEth).accepted);
        f.world.run(2);
        for (std::uint64_t n = 0; n < 20; ++n) {
            f.seq->submit(f.tx(0, f.users[1 + n % 3].address(), 1000 + n, n), f.world.block_number());
        }
        f.world.run(6);
        auto v = f.verifier();
        EXPECT_EQ(v.derived_block(), f.world.block_number());
        EXPECT_EQ(v.state().state_root(), f.seq->node().state().state_root());
        EXPECT_EQ(v.state().account(f.users[0].address()).nonce, 20u);
        ASSERT_FALSE(f.seq->batch_metrics().empty());
        for (const auto& m : f.seq->batch_metrics()) {
            ASSERT_TRUE(m.included_block.has_value());
            ASSERT_TRUE(m.root_matches.has_value());
            EXPECT_TRUE(*m.root_matches);
            EXPECT_EQ(m.predicted_root, v.root_after(*m.included_block));
            EXPECT_EQ(m.blob, da == DataAvailability::Blob);
            if (m.blob) {
                EXPECT_EQ(m.blob_gas_used, 131072u);
            }
        }
        EXPECT_GT(inbox_root_count(f.world.chain(), f.inbox), 0u);
        EXPECT_EQ(v.state().total_supply(), u256(5) * kEth);
    }
}

TEST(RollupE2E, WithdrawalFinalisesOnceAgainstAFinalRootOnly) {
    SequencerConfig cfg;
    cfg.propose_every_blocks = 1;
    Fixture f(cfg, 5);
    auto alice = f.world.new_account(u256(10) * kEth);
    auto bob = f.world.new_account(0);
    (void)f.world.call(alice, f.inbox, inbox_deposit(f.users[0].address()), 3 * kEth);
    f.world.run(2);
    f.seq->submit(f.tx(0, bob.address, kEth, 0, TxKind::Withdrawal), f.world.block_number());
    f.world.run(4);
    auto v = f.verifier();
    const auto w = v.state().withdrawal(f.users[0].address(), 0);
    ASSERT_TRUE(w.has_value());
    const std::uint64_t ri = inbox_root_count(f.world.chain(), f.inbox) - 1;
    const auto pr = inbox_root(f.world.chain(), f.inbox, ri);
    const L2State at = v.state_at(pr.l1_block);
    ASSERT_EQ(at.state_root(), pr.root);
    const Bytes claim = inbox_finalize_withdrawal(ri, *w, at.prove_withdrawal(w->sender, w->nonce));
    // Not final yet.
    auto r1 = f.world.call(alice, f.inbox, claim);
    f.world.mine(1);
    EXPECT_EQ(f.world.chain().receipt(r1.tx_hash)->revert_reason, "root is not final");
    f.world.mine(5);
    // A forged amount fails the proof.
    WithdrawalRecord forged = *w;
    forged.amount += 1;
    auto r2 = f.world.call(alice, f.inbox,
                           inbox_finalize_withdrawal(ri, forged, at.prove_withdrawal(w->sender, w->nonce)));
    auto r3 = f.world.call(alice, f.inbox, claim);
    auto r4 = f.world.call(alice, f.inbox, claim);
    f.world.mine(1);
    EXPECT_EQ(f.world.chain().receipt(r2.tx_hash)->revert_reason, "invalid withdrawal proof");
    EXPECT_TRUE(f.world.chain().receipt(r3.tx_hash)->success());
    EXPECT_EQ(f.world.chain().receipt(r4.tx_hash)->revert_reason, "withdrawal already finalized");
    EXPECT_EQ(f.world.chain().balance(bob.address), u256(kEth));
    EXPECT_EQ(f.world.chain().balance(f.inbox), u256(2) * kEth);
    EXPECT_TRUE(inbox_withdrawal_finalized(f.world.chain(), f.inbox, w->sender, w->nonce));
}

TEST(RollupE2E, CensoringSequencerCannotStopForcedInclusion) {
    SequencerConfig cfg;
    cfg.derivation.forced_window = 4;
    cfg.ignore_queue = true;
    Fixture f(cfg);
    f.seq->mutable_config().censored_senders.insert(f.users[0].address());
    auto alice = f.world.new_account(u256(10) * kEth);
    (void)f.world.call(alice, f.inbox, inbox_deposit(f.users[0].address()), kEth);
    f.world.run(1);
    const std::uint64_t deposit_block = f.world.block_number();
    const L2Tx censored = f.tx(0, f.users[1].address(), 777, 0);
    f.seq->submit(censored, f.world.block_number());
    auto forced = f.world.call(alice, f.inbox, inbox_force_tx(censored.encode()));
    f.world.run(1);
    const std::uint64_t forced_block = f.world.chain().receipt(forced.tx_hash)->block_number;
    // Other users keep being served.
    f.seq->submit(f.tx(1, f.users[2].address(), 0, 0), f.world.block_number());
    f.world.run(8);
    auto v = f.verifier();
    ASSERT_EQ(v.queue().size(), 2u);
    for (const auto& q : v.queue()) {
        ASSERT_TRUE(q.included_block.has_value());
        EXPECT_TRUE(q.forced);
        EXPECT_LE(*q.included_block, q.enqueue_block + 4);
    }
    EXPECT_LE(*v.queue()[0].included_block, deposit_block + 4);
    EXPECT_LE(*v.queue()[1].included_block, forced_block + 4);
    // 777 forced in, minus the fee of users[1]'s own (served) transfer.
    EXPECT_EQ(v.state().account(f.users[1].address()).balance, 777 - 10);
    EXPECT_EQ(v.state().account(f.users[1].address()).nonce, 1u);
    EXPECT_EQ(v.state().state_root(), f.seq->node().state().state_root());
    for (const auto& m : f.seq->batch_metrics()) EXPECT_TRUE(m.root_matches.value_or(false));
}

TEST(RollupE2E, WithheldBlobStallsDerivationAndNothingIsProposedPastIt) {
    SequencerConfig cfg;
    cfg.da = DataAvailability::Blob;
    cfg.propose_every_blocks = 1;
    Fixture f(cfg);
    auto alice = f.world.new_account(u256(10) * kEth);
    (void)f.world.call(alice, f.inbox, inbox_deposit(f.users[0].address()), kEth);
    f.world.run(3);
    f.seq->submit(f.tx(0, f.users[1].address(), 5, 0), f.world.block_number());
    f.world.run(1);  // the sequencer submits its blob tx now
    const auto& pending = f.world.chain().pending();
    for (const auto& p : pending) {
        for (const auto& h : p.tx->blob_versioned_hashes) f.world.chain().withhold_blob(h);
    }
    const std::uint64_t before = f.world.block_number();
    f.world.run(5);
    auto v = f.verifier();
    ASSERT_TRUE(v.stalled_at().has_value());
    EXPECT_EQ(*v.stalled_at(), before + 1);
    const std::uint64_t n = inbox_root_count(f.world.chain(), f.inbox);
    for (std::uint64_t i = 0; i < n; ++i) {
        EXPECT_LT(inbox_root(f.world.chain(), f.inbox, i).l1_block, before + 1);
    }
}

TEST(RollupE2E, MalformedBatchIsAnEmptyBatch) {
    SequencerConfig cfg;
    Fixture f(cfg);
    auto r = f.world.call(f.seq_acct, f.inbox, inbox_append_batch(Bytes{1, 1, 0xde, 0xad}));
    f.world.mine(1);
    ASSERT_TRUE(f.world.chain().receipt(r.tx_hash)->success());
    auto v = f.verifier();
    ASSERT_EQ(v.batches().size(), 1u);
    EXPECT_FALSE(v.batches()[0].decoded);
    EXPECT_EQ(v.batches()[0].step_count, 0u);
    EXPECT_EQ(v.state().state_root(), L2State().state_root());
    // Only the sequencer may append; deposits of 0 revert.
    auto alice = f.world.new_account(kEth);
    auto r2 = f.world.call(alice, f.inbox, inbox_append_batch(Bytes{1}));
    auto r3 = f.world.call(alice, f.inbox, inbox_deposit(alice.address), 0);
    f.world.mine(1);
    EXPECT_EQ(f.world.chain().receipt(r2.tx_hash)->revert_reason, "only the sequencer appends batches");
    EXPECT_EQ(f.world.chain().receipt(r3.tx_hash)->revert_reason, "zero deposit");
}

TEST(RollupE2E, InboxRecordsOneHashPerBatchAndQueueItem) {
    // Each batch and queue item occupies one slot: the hash of its record, which the views
    // return and which derivation's view of the same batch (from the logs) reproduces.
    for (auto da : {DataAvailability::Calldata, DataAvailability::Blob}) {
        SequencerConfig cfg;
        cfg.da = da;
        Fixture f(cfg);
        auto alice = f.world.new_account(u256(10) * kEth);
        ASSERT_TRUE(f.world.call(alice, f.inbox, inbox_deposit(f.users[0].address()), kEth).accepted);
        ASSERT_TRUE(f.world.call(alice, f.inbox, inbox_force_tx(Bytes{0xde, 0xad}), 0).accepted);
        f.world.run(2);
        f.seq->submit(f.tx(0, f.users[1].address(), 5, 0), f.world.block_number());
        f.world.run(4);
        auto& chain = f.world.chain();
        auto v = f.verifier();
        ASSERT_EQ(inbox_queue_count(chain, f.inbox), 2u);
        ASSERT_GE(inbox_batch_count(chain, f.inbox), 1u);
        for (std::uint64_t i = 0; i < 2; ++i) {
            const QueueItem& q = v.queue()[i];
            const QueueRecord r{op_hash(q.op), q.enqueue_block};
            EXPECT_EQ(inbox_queue_record_hash(chain, f.inbox, i), r.hash());
            const auto res = chain.view_call(alice.address, f.inbox, inbox_queue_record(i));
            ASSERT_TRUE(res.success());
            EXPECT_EQ(res.return_data, as_bytes(r.hash()));
            EXPECT_EQ(QueueRecord::decode(r.encode()), r);
        }
        for (const DerivedBatch& b : v.batches()) {
            const BatchRecord r{b.blob ? BatchDa::Blob : BatchDa::Calldata, b.commitment,
                                b.l1_block, b.queue_count};
            EXPECT_EQ(b.blob, da == DataAvailability::Blob);
            EXPECT_EQ(inbox_batch_record_hash(chain, f.inbox, b.batch_index), r.hash());
            const auto res =
                chain.view_call(alice.address, f.inbox, inbox_batch_record(b.batch_index));
            ASSERT_TRUE(res.success());
            EXPECT_EQ(res.return_data, as_bytes(r.hash()));
            EXPECT_EQ(BatchRecord::decode(r.encode()), r);
        }
        EXPECT_EQ(v.batches().front().queue_count, 2u);
        const auto counts = chain.view_call(alice.address, f.inbox, inbox_counts());
        ASSERT_TRUE(counts.success());
        const auto item = rlp::decode(counts.return_data);
        EXPECT_EQ(item.fields(2)[0].u64_value(), inbox_batch_count(chain, f.inbox));
        EXPECT_EQ(item.fields(2)[1].u64_value(), 2u);
        EXPECT_FALSE(chain.view_call(alice.address, f.inbox, inbox_queue_record(2)).success());
        EXPECT_FALSE(chain.view_call(alice.address, f.inbox, inbox_batch_record(99)).success());
        EXPECT_THROW(inbox_queue_record_hash(chain, f.inbox, 2), InvalidArgument);
        EXPECT_THROW(BatchRecord::decode(Bytes{0xc0}), DecodeError);
    }
}
