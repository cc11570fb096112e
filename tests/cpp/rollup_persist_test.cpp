// Crash recovery of the rollup's nodes: Derivation and Sequencer save_state/load_state. A
// sequencer that crashes at any block and reloads its saved state produces exactly the batches
// (same L1 trace digest, same metrics) as one that never crashed; the encodings are strict
// (truncated, trailing, non-canonical, foreign-config bytes are DecodeErrors, node unchanged);
// World snapshot/restore captures the sequencer.
#include <gtest/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"

using namespace l2lab;
using namespace l2lab::rollup;

namespace {

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;

// Forwards blocks to a Sequencer that can be destroyed and rebuilt from its saved state.
class CrashableSequencer : public sim::Actor {
public:
    CrashableSequencer(sim::Account acct, SequencerConfig cfg)
        : sim::Actor("crashable"), m_acct(acct), m_cfg(cfg),
          m_seq(std::make_unique<Sequencer>(acct, cfg)) {}
    void on_block(sim::World& w, const l1::Block& b) override {
        m_seq->on_block(w, b);
        m_saved = m_seq->save_state_bytes();  // persisted after every block
    }
    /// Lose everything in memory; come back from the last persisted state.
    void crash_and_recover(bool forget = false) {
        m_seq = std::make_unique<Sequencer>(m_acct, m_cfg);
        if (!m_saved.empty() && !forget) m_seq->load_state_bytes(m_saved);
    }
    Sequencer& seq() { return *m_seq; }

private:
    sim::Account m_acct;
    SequencerConfig m_cfg;
    std::unique_ptr<Sequencer> m_seq;
    Bytes m_saved;
};

struct PersistRun {
    sim::World world{21};
    sim::Account seq_acct = world.new_account(u256(100) * kEth);
    sim::Account alice = world.new_account(u256(100) * kEth);
    Address inbox;
    SequencerConfig cfg;
    std::shared_ptr<CrashableSequencer> actor;
    std::vector<crypto::PrivateKey> users;
    bool forget_on_crash = false;

    explicit PersistRun(DataAvailability da) {
        InboxConfig ic{seq_acct.address, seq_acct.address, std::make_shared<TrustedFinality>(3)};
        inbox = world.chain().deploy(std::make_shared<InboxContract>(ic), seq_acct.address);
        cfg.derivation.inbox = inbox;
        cfg.derivation.forced_window = 3;
        cfg.derivation.stf.fee_recipient = seq_acct.address;
        cfg.da = da;
        cfg.max_batch_txs = 2;  // a backlog builds up: a crash has a mempool to lose
        cfg.propose_every_blocks = 2;
        cfg.max_batch_bytes = 60'000;
        actor = std::make_shared<CrashableSequencer>(seq_acct, cfg);
        world.add_actor(actor);
        for (int i = 0; i < 3; ++i) users.push_back(crypto::PrivateKey::from_int(u256(500 + i)));
    }
    L2Tx tx(int from, int to, std::uint64_t nonce, TxKind kind = TxKind::Transfer) {
        L2Tx t;
        t.kind = kind;
        t.chain_id = cfg.derivation.stf.chain_id;
        t.nonce = nonce;
        t.fee = 3;
        t.to = kind == TxKind::Withdrawal ? alice.address : users[static_cast<std::size_t>(to)].address();
        t.value = 100 + nonce;
        t.sign(users[static_cast<std::size_t>(from)]);
        return t;
    }
    /// A fixed script of 16 blocks; crash_at = block after which the sequencer crashes.
    void script(std::optional<std::uint64_t> crash_at) {
        for (std::uint64_t b = 0; b < 16; ++b) {
            if (b == 0) (void)world.call(alice, inbox, inbox_deposit(users[0].address()), kEth);
            if (b == 1) (void)world.call(alice, inbox, inbox_deposit(users[1].address()), kEth);
            if (b >= 2 && b < 9) {
                for (std::uint64_t k = 0; k < 3; ++k) {
                    const std::uint64_t n = (b - 2) * 3 + k;
                    actor->seq().submit(tx(static_cast<int>(n % 2), 2, n / 2,
                                           n % 5 == 4 ? TxKind::Withdrawal : TxKind::Transfer),
                                        world.block_number());
                }
            }
            if (b == 5) (void)world.call(alice, inbox, inbox_force_tx(tx(1, 0, 40).encode()));
            if (b == 6) actor->seq().mutable_config().censored_senders.insert(users[0].address());
            world.run(1);
            if (crash_at && *crash_at == b) {
                actor->crash_and_recover(forget_on_crash);
                // The config is not part of the saved state: the operator restarts it as before.
                if (b >= 6) actor->seq().mutable_config().censored_senders.insert(users[0].address());
            }
        }
    }
};

}  // namespace

TEST(RollupPersist, CrashedAndReloadedSequencerProducesTheSameBatches) {
    for (auto da : {DataAvailability::Calldata, DataAvailability::Blob}) {
        PersistRun ref(da);
        ref.script(std::nullopt);
        const Hash32 digest = ref.world.trace_digest();
        ASSERT_GE(ref.actor->seq().batch_metrics().size(), 4u);
        for (std::uint64_t crash = 0; crash < 16; crash += (da == DataAvailability::Blob ? 3 : 1)) {
            PersistRun r(da);
            r.script(crash);
            EXPECT_EQ(r.world.trace_digest(), digest) << "crash after block " << crash;
            EXPECT_EQ(r.actor->seq().save_state_bytes(), ref.actor->seq().save_state_bytes());
            EXPECT_EQ(r.actor->seq().node().state().state_root(), ref.actor->seq().node().state().state_root());
        }
    }
}

TEST(RollupPersist, ForgettingTheStateWouldBeDetected) {
    // The oracle can fail: a sequencer restarted without its saved state (mempool and in-flight
    // batch lost; its node re-derives from L1) posts different batches.
    PersistRun ref(DataAvailability::Calldata);
    ref.script(std::nullopt);
    PersistRun r(DataAvailability::Calldata);
    r.forget_on_crash = true;
    r.script(4);
    EXPECT_NE(r.world.trace_digest(), ref.world.trace_digest());
}

TEST(RollupPersist, DerivationRoundTripsAndContinues) {
    PersistRun r(DataAvailability::Calldata);
    r.script(std::nullopt);
    const Derivation& node = r.actor->seq().node();
    const Bytes saved = node.save_state();
    Derivation copy(r.cfg.derivation);
    copy.load_state(saved);
    EXPECT_EQ(copy.save_state(), saved);
    ASSERT_EQ(copy.derived_block(), node.derived_block());
    for (std::uint64_t b = 0; b <= node.derived_block(); ++b) EXPECT_EQ(copy.root_after(b), node.root_after(b));
    EXPECT_EQ(copy.receipts().size(), node.receipts().size());
    EXPECT_EQ(copy.queue_consumed(), node.queue_consumed());
    EXPECT_EQ(copy.deposited(), node.deposited());
    ASSERT_EQ(copy.batches().size(), node.batches().size());
    for (std::size_t i = 0; i < node.batches().size(); ++i) {
        EXPECT_EQ(copy.batches()[i].post_root, node.batches()[i].post_root);
    }
    // Both continue identically.
    (void)r.world.call(r.alice, r.inbox, inbox_deposit(r.users[2].address()), kEth);
    r.world.run(5);
    copy.advance(r.world.chain());
    EXPECT_EQ(copy.save_state(), r.actor->seq().node().save_state());
}

TEST(RollupPersist, StrictEncodingRejectsEverythingElse) {
    PersistRun r(DataAvailability::Calldata);
    r.script(std::nullopt);
    const Bytes saved = r.actor->seq().node().save_state();
    Derivation d(r.cfg.derivation);
    const Bytes empty = d.save_state();
    auto expect_reject = [&](const Bytes& b) {
        EXPECT_THROW(d.load_state(b), DecodeError);
        EXPECT_EQ(d.save_state(), empty);
    };
    expect_reject({});
    expect_reject(Bytes(saved.begin(), saved.end() - 1));
    Bytes trailing = saved;
    trailing.push_back(0);
    expect_reject(trailing);
    for (std::size_t i = 0; i < saved.size(); i += 13) {  // single-byte corruptions
        Bytes c = saved;
        c[i] ^= 0x01;
        try {
            d.load_state(c);
            // A flip that still decodes must be a different, canonical, consistent state.
            EXPECT_EQ(d.save_state(), c);
            d.load_state(empty);
        } catch (const DecodeError&) {
            EXPECT_EQ(d.save_state(), empty);
        }
    }
    // Another config (forced window) is refused.
    DerivationConfig other = r.cfg.derivation;
    other.forced_window = 99;
    Derivation d2(other);
    EXPECT_THROW(d2.load_state(saved), DecodeError);
    // A sequencer refuses a derivation state and garbage; its own state round-trips.
    Sequencer s(r.seq_acct, r.cfg);
    const Bytes fresh = s.save_state_bytes();
    EXPECT_THROW(s.load_state_bytes(saved), DecodeError);
    EXPECT_THROW(s.load_state_bytes(Bytes{0xc0}), DecodeError);
    EXPECT_EQ(s.save_state_bytes(), fresh);
    const Bytes full = r.actor->seq().save_state_bytes();
    s.load_state_bytes(full);
    EXPECT_EQ(s.save_state_bytes(), full);
}

TEST(RollupPersist, WorldSnapshotRestoresTheSequencer) {
    SequencerConfig cfg;
    sim::World world{5};
    auto acct = world.new_account(u256(100) * kEth);
    auto alice = world.new_account(u256(100) * kEth);
    InboxConfig ic{acct.address, acct.address, std::make_shared<TrustedFinality>(3)};
    const Address inbox = world.chain().deploy(std::make_shared<InboxContract>(ic), acct.address);
    cfg.derivation.inbox = inbox;
    cfg.derivation.stf.fee_recipient = acct.address;
    auto seq = std::make_shared<Sequencer>(acct, cfg);
    world.add_actor(seq);
    (void)world.call(alice, inbox, inbox_deposit(alice.address), kEth);
    world.run(2);
    const auto snap = world.snapshot();
    const Bytes at_snap = seq->save_state_bytes();
    (void)world.call(alice, inbox, inbox_deposit(alice.address), 2 * kEth);
    world.run(3);
    const Hash32 digest = world.trace_digest();
    const Bytes after = seq->save_state_bytes();
    world.restore(snap);
    EXPECT_EQ(seq->save_state_bytes(), at_snap);
    (void)world.call(alice, inbox, inbox_deposit(alice.address), 2 * kEth);
    world.run(3);
    EXPECT_EQ(world.trace_digest(), digest);
    EXPECT_EQ(seq->save_state_bytes(), after);
}
