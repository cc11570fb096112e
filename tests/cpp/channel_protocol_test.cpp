// Protocol rules around disputes: no off-chain update once a state is registered, automatic
// unilateral close after a silent counterparty (never in honest-but-unreliable runs), no honest
// party penalised, incremental log scanning, and the party's save/load image.
#include <gtest/gtest.h>

#include "channel_support.hpp"

using namespace chtest;

TEST(ChannelProtocol, NoUpdateIsCountersignedWhileDisputed) {
    Fixture f(2, DisputePolicy::LatestStateWins, 8);
    f.make_parties<StaleRegistrar>(0);
    f.fund();
    f.parties[1]->pay(f.world, 0, 10);
    f.world.run(2);
    ASSERT_EQ(f.parties[1]->engine().latest().state.version, 1u);
    static_cast<StaleRegistrar&>(*f.parties[0]).cheat(f.world, 0);
    f.world.run(1);
    ASSERT_EQ(f.parties[1]->status_seen(), ChannelStatus::Disputed);
    // The cheater's engine proposes directly (its Party would not): the victim refuses.
    auto r = f.parties[0]->engine().pay(1, 1);
    ASSERT_TRUE(r.ok());
    for (const auto& o : r.value().out) f.world.send(f.parties[0]->id(), f.accounts[1].address, o.payload);
    f.world.run(1);
    EXPECT_EQ(f.parties[1]->engine().highest_signed(), 1u);
    EXPECT_GE(f.parties[0]->stats().rejects_received, 1u);
    for (int i = 0; i < 30 && f.parties[1]->record(f.world).status != ChannelStatus::Closed; ++i) f.world.run(1);
    EXPECT_EQ(check_honest_safety(f.world, *f.parties[1]), std::nullopt);
    EXPECT_EQ(check_conservation(f.world, f.adjudicator, f.parties), std::nullopt);
    // Logs were scanned incrementally up to the head.
    EXPECT_EQ(f.parties[1]->scanned_to(), f.world.block_number() + 1);
}

TEST(ChannelProtocol, SilentCounterpartyTriggersAutomaticUnilateralClose) {
    for (auto policy : {DisputePolicy::Penalty, DisputePolicy::LatestStateWins}) {
        Fixture f(2, policy, 6);
        f.make_parties<SilentParty>(1);
        static_cast<SilentParty&>(*f.parties[1]).set_silent(false);
        f.parties[0]->set_force_close_after(5);
        f.fund();
        f.parties[0]->pay(f.world, 1, 100);
        f.world.run(3);
        ASSERT_EQ(f.parties[0]->engine().latest().state.version, 1u);
        static_cast<SilentParty&>(*f.parties[1]).set_silent(true);
        f.parties[0]->pay(f.world, 1, 100);
        f.world.run(4);
        EXPECT_EQ(f.parties[0]->stats().auto_force_closes, 0u);
        f.world.run(3);
        EXPECT_EQ(f.parties[0]->stats().auto_force_closes, 1u);
        for (int i = 0; i < 20 && f.parties[0]->record(f.world).status != ChannelStatus::Closed; ++i) f.world.run(1);
        EXPECT_EQ(f.parties[0]->record(f.world).status, ChannelStatus::Closed);
        EXPECT_EQ(check_honest_safety(f.world, *f.parties[0]), std::nullopt);
        EXPECT_EQ(check_no_honest_penalised(f.world, *f.parties[0]), std::nullopt);
    }
}

TEST(ChannelProtocol, WithheldAckCannotTrapTheHonestPartyIntoAPenalty) {
    // p0 proposes, collects p1's countersignature and never sends the Ack: it holds version 2
    // fully signed. p1 force-closes; it must register version 2 (completed from the proposer's
    // and its own signature), so p0 has nothing newer to punish it with.
    Fixture f(2, DisputePolicy::Penalty, 6);
    f.make_parties<SilentParty>(0);
    auto& cheat = static_cast<SilentParty&>(*f.parties[0]);
    cheat.set_silent(false);
    f.parties[1]->set_force_close_after(4);
    f.fund();
    f.parties[0]->pay(f.world, 1, 100);
    f.world.run(3);
    cheat.set_silent(true);
    State next = f.parties[0]->engine().latest().state;
    next.version = 2;
    next.balances[0] -= 50;
    next.balances[1] += 50;
    ProposeMsg prop{next, f.parties[0]->engine().sign(next)};
    f.world.send(f.parties[0]->id(), f.accounts[1].address, encode_message(prop));
    f.world.run(1);
    ASSERT_TRUE(f.parties[1]->engine().awaiting_completion());
    const auto full = f.sign_all(next);  // what p0 could assemble from p1's countersignature
    for (int i = 0; i < 8 && f.parties[1]->stats().auto_force_closes == 0; ++i) f.world.run(1);
    ASSERT_EQ(f.parties[1]->stats().auto_force_closes, 1u);
    f.world.run(1);
    EXPECT_EQ(f.parties[1]->record(f.world).registered_version, 2u);
    sim::TxOptions opts;
    opts.gas_limit = 3'000'000;
    f.world.call(f.accounts[0], f.adjudicator, challenge_calldata(f.params, full), 0, opts);
    for (int i = 0; i < 20 && f.parties[1]->record(f.world).status != ChannelStatus::Closed; ++i) f.world.run(1);
    EXPECT_EQ(check_no_honest_penalised(f.world, *f.parties[1]), std::nullopt);
    EXPECT_EQ(f.parties[1]->received(f.world), u256(2) * kEther + 150);
}

TEST(ChannelProtocol, PenaltyCheckerNamesThePunishedRegistrant) {
    Fixture f(2, DisputePolicy::Penalty, 6);
    f.make_parties<StaleRegistrar>(0);
    f.fund();
    f.parties[0]->pay(f.world, 1, 100);
    f.world.run(3);
    static_cast<StaleRegistrar&>(*f.parties[0]).cheat(f.world, 0);
    f.world.run(4);
    ASSERT_EQ(f.parties[1]->record(f.world).status, ChannelStatus::Closed);
    EXPECT_EQ(check_no_honest_penalised(f.world, *f.parties[1]), std::nullopt);
    const auto err = check_no_honest_penalised(f.world, *f.parties[0]);
    ASSERT_TRUE(err);
    EXPECT_NE(err->find("p0 was penalised"), std::string::npos) << *err;
}

TEST(ChannelProtocol, UnreliableHonestRunsNeverForceClose) {
    Fixture f(2, DisputePolicy::Penalty, 8, 7);
    f.make_parties(0, true);
    for (auto& p : f.parties) p->set_force_close_after(40);
    f.fund();
    sim::LinkConfig l;
    l.drop_probability = 0.3;
    l.duplicate_probability = 0.2;
    l.jitter_ms = 8000;
    f.world.network().set_link(f.parties[0]->id(), f.parties[1]->id(), l);
    f.world.network().set_link(f.parties[1]->id(), f.parties[0]->id(), l);
    for (int i = 0; i < 20; ++i) {
        f.parties[i % 2]->pay(f.world, 1 - i % 2, 7);
        if (i % 5 == 3) {
            f.parties[1]->crash();
            f.world.run(2);
            ASSERT_TRUE(f.parties[1]->restart(f.world));
        }
        f.world.run(2);
    }
    f.world.run(80);
    for (auto& p : f.parties) EXPECT_EQ(p->stats().auto_force_closes, 0u);
    EXPECT_EQ(f.parties[0]->record(f.world).status, ChannelStatus::Open);
    EXPECT_EQ(f.parties[0]->engine().latest(), f.parties[1]->engine().latest());
}

TEST(ChannelProtocol, PartyImageRoundTripsAndRestartStillWorks) {
    Fixture f(2, DisputePolicy::LatestStateWins, 8);
    f.make_parties(0, true);
    f.fund();
    f.parties[0]->pay(f.world, 1, 10);
    f.parties[0]->pay(f.world, 1, 20);
    f.world.run(1);
    const Bytes image = f.parties[0]->save_bytes();
    // A fresh party for the same participant takes the image over exactly.
    auto twin = std::make_shared<Party>("twin", f.accounts[0], f.parties[0]->engine().store());
    twin->attach(f.world, f.params, 0, f.adjudicator);
    twin->load_bytes(image);
    EXPECT_EQ(twin->save_bytes(), image);
    // Truncated, extended or foreign images are refused and change nothing.
    for (std::size_t cut : {std::size_t{0}, image.size() / 3, image.size() - 1}) {
        EXPECT_THROW(twin->load_bytes(BytesView(image).subspan(0, cut)), DecodeError) << cut;
    }
    EXPECT_THROW(f.parties[1]->load_bytes(image), DecodeError);  // index 0's image for index 1
    // The countersigning side (it keeps its own signature after adopting) round-trips too.
    const Bytes image1 = f.parties[1]->save_bytes();
    auto twin1 = std::make_shared<Party>("twin1", f.accounts[1]);
    twin1->attach(f.world, f.params, 1, f.adjudicator);
    twin1->load_bytes(image1);
    EXPECT_EQ(twin1->save_bytes(), image1);
    EXPECT_EQ(twin->save_bytes(), image);
    // Crash at a persistence boundary after loading the image, restart from the store.
    f.parties[0]->load_bytes(image);
    f.parties[0]->arm_crash(CrashPoint::AfterPersist);
    f.world.run(6);
    if (f.parties[0]->crashed()) {
        ASSERT_TRUE(f.parties[0]->restart(f.world));
    }
    f.world.run(10);
    EXPECT_EQ(f.parties[0]->engine().latest(), f.parties[1]->engine().latest());
    EXPECT_EQ(f.parties[1]->engine().latest().state.balances[1], u256(2) * kEther + 30);
}

TEST(ChannelProtocol, NPartyWithheldAckCannotTrapCountersignersIntoAPenalty) {
    // 3 parties, penalty: p0 proposes version 2, p1 and p2 countersign, p0 withholds the Ack and
    // holds version 2 fully signed. A countersigner that registered version 1 would be punished by
    // p0's challenge with version 2; the honest parties must not register (penalty trap rule), and
    // whatever p0 does next no honest party is penalised.
    Fixture f(3, DisputePolicy::Penalty, 6);
    f.make_parties<SilentParty>(0);
    auto& cheat = static_cast<SilentParty&>(*f.parties[0]);
    cheat.set_silent(false);
    for (std::size_t i = 1; i < 3; ++i) f.parties[i]->set_force_close_after(4);
    f.fund();
    f.parties[0]->pay(f.world, 1, 100);
    f.world.run(3);
    ASSERT_EQ(f.parties[1]->engine().latest().state.version, 1u);
    cheat.set_silent(true);
    State next = f.parties[0]->engine().latest().state;
    next.version = 2;
    next.balances[0] -= 50;
    next.balances[1] += 50;
    ProposeMsg prop{next, f.parties[0]->engine().sign(next)};
    for (std::size_t i = 1; i < 3; ++i) {
        f.world.send(f.parties[0]->id(), f.accounts[i].address, encode_message(prop));
    }
    f.world.run(1);
    for (std::size_t i = 1; i < 3; ++i) {
        ASSERT_TRUE(f.parties[i]->engine().awaiting_completion());
        EXPECT_TRUE(f.parties[i]->engine().countersigned_unprovable());
        EXPECT_TRUE(f.parties[i]->penalty_trap());
    }
    EXPECT_THROW(f.parties[1]->force_close(f.world), StateError);
    const auto full = f.sign_all(next);  // what p0 assembled from the countersignatures
    f.world.run(12);
    for (std::size_t i = 1; i < 3; ++i) EXPECT_EQ(f.parties[i]->stats().auto_force_closes, 0u);
    sim::TxOptions opts;
    opts.gas_limit = 3'000'000;
    // p0 punishes a registration if there is one, else it has to register version 2 itself.
    const bool disputed = f.parties[1]->record(f.world).status == ChannelStatus::Disputed;
    const Bytes call = disputed ? challenge_calldata(f.params, full) : register_calldata(f.params, full);
    f.world.call(f.accounts[0], f.adjudicator, call, 0, opts);
    for (int i = 0; i < 30 && f.parties[1]->record(f.world).status != ChannelStatus::Closed; ++i) f.world.run(1);
    ASSERT_EQ(f.parties[1]->record(f.world).status, ChannelStatus::Closed);
    for (std::size_t i = 1; i < 3; ++i) {
        EXPECT_EQ(check_no_honest_penalised(f.world, *f.parties[i]), std::nullopt);
        EXPECT_EQ(check_honest_safety(f.world, *f.parties[i]), std::nullopt);
    }
    // (No conservation check here: p0's transaction above bypassed its Party, whose fee
    // accounting therefore misses that fee.)
}

TEST(ChannelProtocol, TrapRuleDoesNotApplyUnderLatestStateWins) {
    Fixture f(3, DisputePolicy::LatestStateWins, 6);
    f.make_parties<SilentParty>(0);
    static_cast<SilentParty&>(*f.parties[0]).set_silent(true);
    f.fund();
    State next = f.parties[0]->engine().latest().state;
    next.version = 1;
    next.balances[0] -= 50;
    next.balances[1] += 50;
    ProposeMsg prop{next, f.parties[0]->engine().sign(next)};
    f.world.send(f.parties[0]->id(), f.accounts[1].address, encode_message(prop));
    f.world.run(1);
    ASSERT_TRUE(f.parties[1]->engine().countersigned_unprovable());
    EXPECT_FALSE(f.parties[1]->penalty_trap());
    EXPECT_NO_THROW(f.parties[1]->force_close(f.world));
}

TEST(ChannelProtocol, StaleRegistrarImageKeepsItsCheatVersion) {
    Fixture f(2, DisputePolicy::LatestStateWins, 8);
    f.make_parties<StaleRegistrar>(0);
    f.fund();
    for (int i = 0; i < 3; ++i) f.parties[1]->pay(f.world, 0, 10);
    f.world.run(8);
    auto& cheat = static_cast<StaleRegistrar&>(*f.parties[0]);
    ASSERT_EQ(cheat.engine().latest().state.version, 3u);
    cheat.cheat(f.world, 1);
    const Bytes img = cheat.save_bytes();
    StaleRegistrar copy("p0", f.accounts[0]);
    copy.attach(f.world, f.params, 0, f.adjudicator);
    EXPECT_THROW(copy.load_bytes(f.parties[1]->save_bytes()), DecodeError);  // plain Party image
    copy.load_bytes(img);
    EXPECT_EQ(copy.save_bytes(), img);
    EXPECT_EQ(copy.cheat_version(), std::optional<std::uint64_t>(1));
    EXPECT_EQ(copy.state_to_register(f.world).state.version, 1u);
    // A plain Party refuses the registrar's image.
    Party plain("p0", f.accounts[0]);
    plain.attach(f.world, f.params, 0, f.adjudicator);
    EXPECT_THROW(plain.load_bytes(img), DecodeError);
}

TEST(ChannelProtocol, MaliciousAckCannotLeaveTheVictimWithAnUnenforceableState) {
    // p0 proposes version 2 (paying p1 50), p1 countersigns, and p0 answers with an Ack whose
    // signatures are [sig_p0, sig_p0]. p0 then registers version 1. p1 must not have adopted the
    // forged state (its challenge with it would revert with invalid_signature and version 1
    // would win); it challenges with version 2 completed from p0's and its own signature.
    for (auto policy : {DisputePolicy::LatestStateWins, DisputePolicy::Penalty}) {
        Fixture f(2, policy, 6);
        f.make_parties<SilentParty>(0);
        auto& cheat = static_cast<SilentParty&>(*f.parties[0]);
        cheat.set_silent(false);
        f.fund();
        f.parties[0]->pay(f.world, 1, 100);
        f.world.run(3);
        auto& victim = *f.parties[1];
        ASSERT_EQ(victim.engine().latest().state.version, 1u);
        cheat.set_silent(true);
        State next = f.parties[0]->engine().latest().state;
        next.version = 2;
        next.balances[0] -= 50;
        next.balances[1] += 50;
        const auto sig0 = f.parties[0]->engine().sign(next);
        f.world.send(f.parties[0]->id(), f.accounts[1].address,
                     encode_message(ProposeMsg{next, sig0}));
        f.world.run(1);
        ASSERT_TRUE(victim.engine().awaiting_completion());
        f.world.send(f.parties[0]->id(), f.accounts[1].address,
                     encode_message(AckMsg{SignedState{next, {sig0, sig0}}}));
        f.world.run(1);
        EXPECT_EQ(victim.engine().latest().state.version, 1u);
        ASSERT_TRUE(victim.engine().completed_countersigned());
        EXPECT_EQ(victim.state_to_challenge_with().state.version, 2u);
        sim::TxOptions opts;
        opts.gas_limit = 3'000'000;
        f.world.call(f.accounts[0], f.adjudicator,
                     register_calldata(f.params, f.parties[0]->engine().latest()), 0, opts);
        for (int i = 0; i < 30 && victim.record(f.world).status != ChannelStatus::Closed; ++i) {
            f.world.run(1);
        }
        ASSERT_EQ(victim.record(f.world).status, ChannelStatus::Closed);
        EXPECT_EQ(check_honest_safety(f.world, victim), std::nullopt);
        EXPECT_EQ(check_no_honest_penalised(f.world, victim), std::nullopt);
        const u256 expected = policy == DisputePolicy::Penalty ? f.params.total_deposit()
                                                               : u256(2) * kEther + 150;
        EXPECT_EQ(victim.received(f.world), expected) << dispute_policy_name(policy);
    }
}

TEST(ChannelProtocol, RestoredBackupSignsNothingBeforeItHasSynced) {
    // p1 proposed versions 1..4, then restores a backup from before version 4 (SCENARIOS C5): it
    // signed version 4 but no longer knows it. Until its peer answers its Sync it must neither
    // propose (that would sign a second version 4) nor countersign; afterwards it catches up and
    // its queued payment goes out as version 5.
    Fixture f(2, DisputePolicy::Penalty, 8);
    f.make_parties(0, true);
    f.fund();
    auto& p0 = *f.parties[0];
    auto& p1 = *f.parties[1];
    for (int i = 0; i < 4; ++i) {
        p1.pay(f.world, 0, 10);
        f.world.run(2);
    }
    ASSERT_EQ(p1.engine().latest().state.version, 4u);
    p1.crash();
    auto& disk = static_cast<DurableStore&>(*p1.engine().store());
    disk.restore_backup(2);  // the record written when version 3 was adopted
    f.world.set_online(p0.id(), false);  // the peer cannot answer yet
    ASSERT_TRUE(p1.restart(f.world));
    ASSERT_EQ(p1.engine().latest().state.version, 3u);
    ASSERT_EQ(p1.engine().highest_signed(), 3u);
    p1.pay(f.world, 0, 5);
    f.world.run(3);
    EXPECT_FALSE(p1.synced());
    EXPECT_EQ(p1.engine().highest_signed(), 3u);
    EXPECT_FALSE(p1.engine().has_pending_proposal());
    // A Propose for version 4 (other balances) is refused while unsynced, not countersigned.
    State other = p1.engine().latest().state;
    other.version = 4;
    other.balances[0] -= 1;
    other.balances[1] += 1;
    const auto before = p1.stats().messages_sent;
    p1.on_message(f.world, p0.id(), encode_message(ProposeMsg{other, p0.engine().sign(other)}));
    EXPECT_EQ(p1.engine().highest_signed(), 3u);
    EXPECT_EQ(p1.stats().messages_sent, before + 1);  // the Reject
    f.world.set_online(p0.id(), true);
    f.world.run(6);
    EXPECT_TRUE(p1.synced());
    EXPECT_EQ(p1.engine().latest(), p0.engine().latest());
    EXPECT_EQ(p1.engine().latest().state.version, 5u);
    EXPECT_EQ(p0.engine().latest().state.balances[0], u256(kEther) + 45);
}

TEST(ChannelProtocol, UnsyncedPartyStillAnswersTheProposalItCountersigned) {
    // Found by fuzz_channel_actions: p1 countersigned version 1 and crashed before sending; while
    // restarted and not yet synced it refused p0's re-sent Propose of that very state, so p0 gave
    // its proposal up and p1 waited for a completion that never came (a force close 96 blocks
    // later). Answering the state it already countersigned signs nothing new: it must.
    Fixture f(2, DisputePolicy::Penalty, 8);
    f.make_parties(0, true);
    f.fund();
    auto& p0 = *f.parties[0];
    auto& p1 = *f.parties[1];
    p1.arm_crash(CrashPoint::AfterPersist);
    p0.pay(f.world, 1, 10);
    f.world.run(1);
    ASSERT_TRUE(p1.crashed());
    f.world.set_online(p0.id(), false);  // p1's Sync after the restart is lost
    ASSERT_TRUE(p1.restart(f.world));
    ASSERT_FALSE(p1.synced());
    ASSERT_TRUE(p1.engine().awaiting_completion());
    f.world.set_online(p0.id(), true);
    const auto again = p0.engine().resend();
    ASSERT_EQ(again.size(), 1u);
    p1.on_message(f.world, p0.id(), again[0].payload);
    f.world.run(2);
    EXPECT_EQ(p0.stats().rejects_received, 0u);
    EXPECT_EQ(p0.engine().latest().state.version, 1u);
    EXPECT_EQ(p1.engine().latest(), p0.engine().latest());
    EXPECT_FALSE(p1.engine().awaiting_completion());
}

TEST(ChannelProtocol, ProposalAnsweredWhileUnsyncedStaysPendingAndCompletesLater) {
    // Found by fuzz_channel_actions (fuzz/corpus/fuzz_channel_actions/unsynced_refusal_late_dup):
    // a restarted p0 answered p1's Propose of version 1 while not yet synced; p1 used to take that
    // Reject as final and drop the proposal (and lose the payment in a crash right after), while
    // p0, once synced, countersigned a late duplicate of the same Propose (a duplicating, jittery
    // link) and then waited for a completion p1 no longer pursued, until it force-closed. The
    // answer of an unsynced party is now peer_not_synced, "not yet": p1 keeps its proposal, the
    // duplicate's countersignature completes it, and both end on version 1.
    Fixture f(2, DisputePolicy::Penalty, 8);
    f.make_parties(0, true);
    f.fund();
    auto& p0 = *f.parties[0];
    auto& p1 = *f.parties[1];
    for (auto* p : {&p0, &p1}) p->set_force_close_after(20);
    // p0 restarts: its Sync to p1 is in flight, and until p1's SyncReply arrives it is unsynced.
    p0.crash();
    ASSERT_TRUE(p0.restart(f.world));
    ASSERT_FALSE(p0.synced());
    // p1 proposes version 1 (paying p0 10 wei); it crashes at its next save after the proposal's
    // (with the old rule that was the save dropping the refused proposal).
    p1.arm_crash(CrashPoint::AfterPersist, 1);
    p1.pay(f.world, 0, 10);
    ASSERT_TRUE(p1.engine().has_pending_proposal());
    const Bytes propose = p1.engine().resend().at(0).payload;
    // The Propose reaches p0 before the SyncReply does: p0 refuses it; then p0 syncs.
    f.world.run(1);
    ASSERT_TRUE(p0.synced());
    ASSERT_EQ(p0.engine().highest_signed(), 0u) << "p0 signed nothing while unsynced";
    // A late duplicate of the same Propose reaches the now synced p0, which countersigns it.
    p0.on_message(f.world, p1.id(), propose);
    // p1 comes back if it crashed; then the parties run with a repaired network.
    for (int i = 0; i < 60; ++i) {
        if (p1.crashed()) {
            ASSERT_TRUE(p1.restart(f.world));
        }
        f.world.run(1);
    }
    EXPECT_EQ(p0.stats().auto_force_closes, 0u);
    EXPECT_EQ(p0.stats().registrations_submitted, 0u);
    EXPECT_EQ(p0.record(f.world).status, ChannelStatus::Open);
    EXPECT_FALSE(p0.engine().awaiting_completion()) << "p0 still waits for version 1";
    EXPECT_FALSE(p1.engine().has_pending_proposal());
    EXPECT_EQ(p0.engine().latest(), p1.engine().latest());
    EXPECT_EQ(p0.engine().latest().state.version, 1u);
    EXPECT_EQ(p0.engine().latest().state.balances[0], u256(kEther) + 10);
}
