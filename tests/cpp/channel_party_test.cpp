// Parties and watchtowers as World actors: payments over the network, cooperative close, stale
// registration caught by the victim or its tower, censorship, and end-of-run conservation.
#include <gtest/gtest.h>

#include "channel_support.hpp"

using namespace chtest;

TEST(ChannelParty, PaymentsThenCooperativeClose) {
    Fixture f;
    f.make_parties();
    f.fund();
    for (int i = 0; i < 5; ++i) f.parties[i % 2]->pay(f.world, 1 - i % 2, u256(kEther) / 10);
    f.world.run(20);
    // Concurrent proposals conflict and skip versions; every payment still completes once.
    EXPECT_GE(f.parties[0]->engine().latest().state.version, 5u);
    EXPECT_EQ(f.parties[0]->stats().payments_completed + f.parties[1]->stats().payments_completed, 5u);
    EXPECT_EQ(f.parties[0]->engine().latest().state.balances[0], u256(kEther) - u256(kEther) / 10);
    EXPECT_EQ(f.parties[0]->engine().latest(), f.parties[1]->engine().latest());
    f.parties[0]->close(f.world);
    f.world.run(5);
    EXPECT_EQ(f.parties[0]->record(f.world).status, ChannelStatus::Closed);
    EXPECT_EQ(check_conservation(f.world, f.adjudicator, f.parties), std::nullopt);
    EXPECT_EQ(f.world.violation_count(), 0u);
    EXPECT_EQ(f.parties[0]->received(f.world), u256(kEther) - u256(kEther) / 10);
}

TEST(ChannelParty, NoUpdatesBeforeFunding) {
    Fixture f;
    f.make_parties();
    f.parties[0]->submit_open(f.world);
    f.world.run(1);
    f.parties[0]->pay(f.world, 1, 1);
    f.world.run(3);
    EXPECT_EQ(f.parties[0]->engine().latest().state.version, 0u);
    f.parties[0]->submit_deposit(f.world);
    f.parties[1]->submit_deposit(f.world);
    f.world.run(6);
    EXPECT_EQ(f.parties[0]->engine().latest().state.version, 1u);
    EXPECT_EQ(f.world.violation_count(), 0u);
}

class StaleClose : public ::testing::TestWithParam<DisputePolicy> {};

TEST_P(StaleClose, VictimChallengesAndIsMadeWhole) {
    Fixture f(2, GetParam(), 8);
    f.make_parties<StaleRegistrar>(0);
    f.fund();
    for (int i = 0; i < 4; ++i) f.parties[0]->pay(f.world, 1, u256(kEther) / 8);
    f.world.run(12);
    ASSERT_EQ(f.parties[1]->engine().latest().state.version, 4u);
    auto& cheater = static_cast<StaleRegistrar&>(*f.parties[0]);
    cheater.cheat(f.world, 0);
    f.world.run(15);
    EXPECT_EQ(f.parties[1]->record(f.world).status, ChannelStatus::Closed);
    EXPECT_EQ(check_conservation(f.world, f.adjudicator, f.parties), std::nullopt);
    EXPECT_EQ(check_honest_safety(f.world, *f.parties[1]), std::nullopt);
    if (GetParam() == DisputePolicy::Penalty) {
        EXPECT_EQ(f.parties[0]->received(f.world), 0);
        EXPECT_EQ(f.parties[1]->received(f.world), f.params.total_deposit());
    } else {
        EXPECT_EQ(f.parties[1]->received(f.world), u256(2) * kEther + u256(kEther) / 2);
    }
    EXPECT_EQ(f.world.violation_count(), 0u);
}

INSTANTIATE_TEST_SUITE_P(ChannelParty, StaleClose,
                         ::testing::Values(DisputePolicy::Penalty, DisputePolicy::LatestStateWins));

TEST(ChannelParty, OfflineVictimSavedByTowerButNotWithout) {
    for (bool tower_on : {true, false}) {
        Fixture f(2, DisputePolicy::LatestStateWins, 6);
        f.make_parties<StaleRegistrar>(0);
        auto tower = std::make_shared<Watchtower>("tower", f.world.new_account(u256(10) * kEther), f.adjudicator, 1000);
        const auto tid = f.world.add_actor(tower);
        if (tower_on) f.parties[1]->set_watchtower(tid, 1000);
        f.fund();
        for (int i = 0; i < 3; ++i) f.parties[0]->pay(f.world, 1, u256(kEther) / 4);
        f.world.run(10);
        f.world.set_online(f.parties[1]->id(), false);
        static_cast<StaleRegistrar&>(*f.parties[0]).cheat(f.world, 0);
        f.world.run(12);
        f.world.set_online(f.parties[1]->id(), true);
        f.world.run(4);
        EXPECT_EQ(f.parties[1]->record(f.world).status, ChannelStatus::Closed);
        EXPECT_EQ(check_conservation(f.world, f.adjudicator, f.parties), std::nullopt);
        if (tower_on) {
            EXPECT_EQ(tower->challenges_submitted(), 1u);
            EXPECT_EQ(tower->fees_earned(), u256(3000));
            EXPECT_EQ(check_honest_safety(f.world, *f.parties[1]), std::nullopt);
        } else {
            EXPECT_NE(check_honest_safety(f.world, *f.parties[1]), std::nullopt);
        }
    }
}

TEST(ChannelParty, CensoredChallengeMissesThePeriod) {
    for (std::uint64_t censor : {2u, 20u}) {
        Fixture f(2, DisputePolicy::LatestStateWins, 6);
        f.make_parties<StaleRegistrar>(0);
        f.fund();
        f.parties[0]->pay(f.world, 1, u256(kEther) / 2);
        f.world.run(4);
        f.world.chain().set_inclusion_policy(std::make_shared<l1::CensorPolicy>(
            std::set<Address>{f.accounts[1].address}, censor));
        static_cast<StaleRegistrar&>(*f.parties[0]).cheat(f.world, 0);
        f.world.run(30);
        EXPECT_EQ(check_honest_safety(f.world, *f.parties[1]).has_value(), censor >= 6) << censor;
    }
}
