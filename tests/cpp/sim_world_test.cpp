// The World: clock and blocks, accounts and the trace digest, actors driven through run(), the
// network as seen by actors, event subscriptions, timers, invariants and re-entrancy rules.
#include <gtest/gtest.h>

#include <memory>

#include "l2lab/core/error.hpp"
#include "l2lab/sim/world.hpp"
#include "sim_test_support.hpp"

using namespace l2lab;
using namespace l2lab::sim;
using l2lab::sim::testing::Emitter;
using l2lab::sim::testing::Recorder;

namespace {
constexpr std::uint64_t kEther = 1'000'000'000'000'000'000ULL;
}

TEST(SimWorld, ClockFollowsBlocksEveryBlockTimeSeconds) {
    World w(7);
    const auto genesis = w.chain().config().genesis_timestamp;
    EXPECT_EQ(w.block_number(), 0u);
    EXPECT_EQ(w.timestamp(), genesis);
    w.mine(10);
    EXPECT_EQ(w.block_number(), 10u);
    // Ethereum post-merge slot: 12 s (the chain's default block_time).
    EXPECT_EQ(w.timestamp(), genesis + 10 * 12);
    EXPECT_EQ(w.now_ms(), (genesis + 120) * 1000);
    w.run(5);
    EXPECT_EQ(w.block_number(), 15u);
    EXPECT_EQ(w.timestamp(), genesis + 15 * 12);
    EXPECT_EQ(w.chain().head().header.timestamp, w.timestamp());

    WorldConfig cfg;
    cfg.chain.block_time = 2;
    World fast(7, cfg);
    fast.run(3);
    EXPECT_EQ(fast.timestamp(), genesis + 6);
}

TEST(SimWorld, AccountsAreFundedDeterministicAndSeedDependent) {
    World a(7), b(7), c(8);
    const Account a0 = a.new_account(10 * kEther);
    const Account a1 = a.new_account(0);
    const Account b0 = b.new_account(10 * kEther);
    const Account c0 = c.new_account(10 * kEther);
    EXPECT_EQ(a0.address, b0.address);
    EXPECT_NE(a0.address, a1.address);
    EXPECT_NE(a0.address, c0.address);
    EXPECT_EQ(a0.key.address(), a0.address);
    EXPECT_EQ(a.chain().balance(a0.address), u256(10 * kEther));
    EXPECT_EQ(a.chain().balance(a1.address), u256(0));
    EXPECT_EQ(a.accounts().size(), 2u);
    EXPECT_EQ(a.trace_counts().allocations, 2u);
    EXPECT_NE(a.trace_digest(), b.trace_digest());  // a has one more allocation than b
    b.new_account(0);
    EXPECT_EQ(a.trace_digest(), b.trace_digest());
    EXPECT_NE(b.trace_digest(), c.trace_digest());
}

TEST(SimWorld, TransferAndCallHelpersSignInCppAndLand) {
    World w(3);
    const Account alice = w.new_account(10 * kEther);
    const Account bob = w.new_account(0);
    const auto out = w.transfer(alice, bob.address, u256(kEther));
    ASSERT_TRUE(out.accepted) << out.detail;
    const auto second = w.transfer(alice, bob.address, u256(kEther));  // nonce 1 from the mempool
    ASSERT_TRUE(second.accepted) << second.detail;
    w.mine(1);
    EXPECT_EQ(w.chain().balance(bob.address), u256(2 * kEther));
    const auto r = w.chain().receipt(out.tx_hash);
    ASSERT_TRUE(r.has_value());
    EXPECT_TRUE(r->success());
    EXPECT_EQ(r->sender, alice.address);
    EXPECT_EQ(r->gas_used, 21000u);  // plain transfer: the intrinsic 21000 of the Yellow Paper
    EXPECT_EQ(w.chain().nonce(alice.address), 2u);

    // Protocol outcomes are values: an unaffordable transfer is dropped with a reason.
    const auto broke = w.transfer(bob, alice.address, u256(100 * kEther));
    EXPECT_FALSE(broke.accepted);
    ASSERT_TRUE(broke.reason.has_value());
    EXPECT_EQ(*broke.reason, l1::DropReason::InsufficientFunds);

    const Address emitter = w.chain().deploy(std::make_shared<Emitter>(), alice.address);
    const Bytes data = {7, 1, 2};
    const auto called = w.call(alice, emitter, data);
    ASSERT_TRUE(called.accepted) << called.detail;
    w.mine(1);
    const auto rc = w.chain().receipt(called.tx_hash);
    ASSERT_TRUE(rc.has_value());
    ASSERT_TRUE(rc->success()) << rc->revert_reason;
    ASSERT_EQ(rc->logs.size(), 1u);
    EXPECT_EQ(rc->logs[0].data, data);
}

TEST(SimWorld, ActorsGetStartBlocksAndMessagesInDocumentedOrder) {
    World w(1);
    auto a = std::make_shared<Recorder>("a");
    auto b = std::make_shared<Recorder>("b", /*echo=*/true);
    EXPECT_EQ(a->id(), kNoActor);
    EXPECT_EQ(w.add_actor(a), 0u);
    EXPECT_EQ(w.add_actor(b), 1u);
    EXPECT_EQ(a->world(), &w);
    EXPECT_THROW(w.add_actor(a), InvalidArgument);
    EXPECT_THROW(w.add_actor(nullptr), InvalidArgument);
    const TimeMs t0 = w.now_ms();
    (void)w.send(0, 1, {'h', 'i'});  // default latency 100 ms, no jitter
    w.run(1);
    // b answers at t0+100, the reply reaches a at t0+200; both before the block at t0+12000.
    const std::vector<std::string> a_expected = {"start@" + std::to_string(t0),
                                                 "msg from 1 @" + std::to_string(t0 + 200),
                                                 "block 1"};
    const std::vector<std::string> b_expected = {"start@" + std::to_string(t0),
                                                 "msg from 0 @" + std::to_string(t0 + 100),
                                                 "block 1"};
    EXPECT_EQ(a->calls, a_expected);
    EXPECT_EQ(b->calls, b_expected);
    ASSERT_EQ(a->messages.size(), 1u);
    EXPECT_EQ(a->messages[0].second, (Bytes{'r', 'e', ':', 'h', 'i'}));
    EXPECT_EQ(w.trace_counts().deliveries, 2u);
    EXPECT_EQ(w.stats().messages_delivered, 2u);
}

TEST(SimWorld, MineDoesNotCallHooksAndLateMessagesArriveAtTheNextStep) {
    World w(1);
    auto a = std::make_shared<Recorder>("a");
    auto b = std::make_shared<Recorder>("b");
    w.add_actor(a);
    w.add_actor(b);
    (void)w.send(0, 1, {1});
    w.mine(3);
    EXPECT_TRUE(a->calls.empty());
    EXPECT_TRUE(b->calls.empty());
    EXPECT_EQ(w.events().size(), 1u);
    w.run(1);
    ASSERT_EQ(b->messages.size(), 1u);
    EXPECT_EQ(b->messages[0].first, (w.chain().config().genesis_timestamp + 36) * 1000);
}

TEST(SimWorld, OfflineActorGetsNoHooksAndMissesMessages) {
    World w(2);
    auto a = std::make_shared<Recorder>("a");
    auto b = std::make_shared<Recorder>("b");
    w.add_actor(a);
    w.add_actor(b);
    w.run(1);
    w.set_online(1, false);
    for (int i = 0; i < 10; ++i) (void)w.send(0, 1, {static_cast<std::uint8_t>(i)});
    w.schedule_timer(1, 10, 99);
    w.run(3);
    EXPECT_TRUE(b->messages.empty());
    EXPECT_EQ(b->calls.size(), 2u);  // start, block 1
    EXPECT_EQ(w.network().stats().lost_recipient_offline, 10u);
    EXPECT_EQ(w.stats().timers_lost, 1u);
    w.set_online(1, true);
    w.run(1);
    EXPECT_TRUE(b->messages.empty());
    EXPECT_EQ(b->calls.back(), "block 5");
}

TEST(SimWorld, QueuePolicyHoldsMessagesUntilTheActorIsBack) {
    WorldConfig cfg;
    cfg.network.offline_policy = OfflinePolicy::Queue;
    World w(2, cfg);
    auto a = std::make_shared<Recorder>("a");
    auto b = std::make_shared<Recorder>("b");
    w.add_actor(a);
    w.add_actor(b);
    w.set_online(1, false);
    for (std::uint8_t i = 0; i < 5; ++i) (void)w.send(0, 1, {i});
    w.run(2);
    EXPECT_TRUE(b->messages.empty());
    w.set_online(1, true);
    w.run(1);
    ASSERT_EQ(b->messages.size(), 5u);
    for (std::uint8_t i = 0; i < 5; ++i) EXPECT_EQ(b->messages[i].second, Bytes{i});
}

TEST(SimWorld, TimersFireInTimeOrderInterleavedWithMessages) {
    World w(4);
    auto a = std::make_shared<Recorder>("a");
    w.add_actor(a);
    w.add_actor(std::make_shared<Recorder>("b"));
    const TimeMs t0 = w.now_ms();
    w.schedule_timer(0, 150, 2);
    w.schedule_timer(0, 50, 1);
    (void)w.send(1, 0, {9});  // arrives at +100
    w.run(1);
    const std::vector<std::string> expected = {
        "start@" + std::to_string(t0), "timer 1 @" + std::to_string(t0 + 50),
        "msg from 1 @" + std::to_string(t0 + 100), "timer 2 @" + std::to_string(t0 + 150),
        "block 1"};
    EXPECT_EQ(a->calls, expected);
    EXPECT_THROW(w.schedule_timer(5, 1, 1), InvalidArgument);
}

TEST(SimWorld, SubscribersReceiveMatchingLogsOfNewBlocks) {
    World w(5);
    const Account alice = w.new_account(10 * kEther);
    const Address emitter = w.chain().deploy(std::make_shared<Emitter>(), alice.address);
    auto all = std::make_shared<Recorder>("all");
    auto kind7 = std::make_shared<Recorder>("kind7");
    auto other = std::make_shared<Recorder>("other");
    auto offline = std::make_shared<Recorder>("offline");
    w.add_actor(all);
    w.add_actor(kind7);
    w.add_actor(other);
    w.add_actor(offline);
    l1::LogFilter f_all;
    f_all.addresses = {emitter};
    w.subscribe(0, f_all);
    w.subscribe(0, f_all);  // overlapping subscriptions still deliver each log once
    l1::LogFilter f7 = f_all;
    Hash32 seven;
    seven.bytes[31] = 7;
    f7.topics[1] = {seven};
    w.subscribe(1, f7);
    l1::LogFilter f_other;
    f_other.addresses = {alice.address};
    w.subscribe(2, f_other);
    w.subscribe(3, f_all);
    w.set_online(3, false);

    ASSERT_TRUE(w.call(alice, emitter, Bytes{7, 1}).accepted);
    ASSERT_TRUE(w.call(alice, emitter, Bytes{8, 2}).accepted);
    w.run(1);
    ASSERT_EQ(all->logs.size(), 2u);
    EXPECT_EQ(all->logs[0].data, (Bytes{7, 1}));
    EXPECT_EQ(all->logs[1].data, (Bytes{8, 2}));
    EXPECT_EQ(all->logs[0].topics.at(0), Emitter::topic0());
    EXPECT_EQ(all->logs[0].address, emitter);
    // Events come before the block hook within the step.
    EXPECT_EQ(all->calls, (std::vector<std::string>{all->calls[0], "event 1", "event 1", "block 1"}));
    ASSERT_EQ(kind7->logs.size(), 1u);
    EXPECT_EQ(kind7->logs[0].data, (Bytes{7, 1}));
    EXPECT_TRUE(other->logs.empty());
    EXPECT_TRUE(offline->logs.empty());
    // The delivered logs are exactly the chain's logs for the same filter.
    EXPECT_EQ(all->logs, w.chain().logs(f_all));

    // mine() produces blocks without hooks: their logs are not delivered.
    ASSERT_TRUE(w.call(alice, emitter, Bytes{7, 3}).accepted);
    w.mine(1);
    EXPECT_EQ(all->logs.size(), 2u);

    l1::LogFilter bad;
    bad.from_block = 5;
    bad.to_block = 4;
    EXPECT_THROW(w.subscribe(0, bad), InvalidArgument);
    EXPECT_THROW(w.subscribe(9, f_all), InvalidArgument);
}

TEST(SimWorld, InvariantsRecordViolationsAsValues) {
    World w(6);
    const Account alice = w.new_account(5 * kEther);
    // Conservation of funds: total balance = minted - burned.
    w.add_invariant(std::make_shared<FunctionInvariant>("conservation", [](const World& x) {
        const auto& c = x.chain();
        if (c.state().total_balance() + c.total_burned() == c.total_minted()) {
            return std::optional<std::string>{};
        }
        return std::optional<std::string>{"total balance + burned != minted"};
    }));
    // A deliberately false property: "block number stays below 3".
    w.add_invariant(std::make_shared<FunctionInvariant>("below_3", [](const World& x) {
        return x.block_number() < 3 ? std::nullopt
                                    : std::optional<std::string>{"block " +
                                                                 std::to_string(x.block_number())};
    }));
    ASSERT_TRUE(w.transfer(alice, Address{}, u256(1000)).accepted);
    w.run(2);
    w.mine(2);
    ASSERT_EQ(w.violations().size(), 2u);
    EXPECT_EQ(w.violations()[0].invariant, "below_3");
    EXPECT_EQ(w.violations()[0].block_number, 3u);
    EXPECT_EQ(w.violations()[0].detail, "block 3");
    EXPECT_EQ(w.violations()[1].block_number, 4u);
    EXPECT_EQ(w.violation_count(), 2u);
    EXPECT_THROW(w.add_invariant(nullptr), InvalidArgument);
    EXPECT_THROW(FunctionInvariant("", [](const World&) { return std::optional<std::string>{}; }),
                 InvalidArgument);
}

namespace {
// Tries to drive the World from inside its hooks; every attempt must be refused.
class Reentrant : public Actor {
public:
    int refused = 0;
    void on_block(World& w, const l1::Block&) override {
        try {
            w.run(1);
        } catch (const StateError&) {
            ++refused;
        }
        try {
            w.mine(1);
        } catch (const StateError&) {
            ++refused;
        }
        try {
            (void)w.snapshot();
        } catch (const StateError&) {
            ++refused;
        }
    }
};

class Thrower : public Actor {
public:
    void on_block(World&, const l1::Block&) override { throw std::runtime_error("boom"); }
};
}  // namespace

TEST(SimWorld, DrivingFromInsideAHookIsRefused) {
    World w(9);
    auto r = std::make_shared<Reentrant>();
    w.add_actor(r);
    w.run(2);
    EXPECT_EQ(r->refused, 6);
    EXPECT_EQ(w.block_number(), 2u);
}

TEST(SimWorld, HookExceptionsPropagateAndLeaveTheWorldUsable) {
    World w(9);
    w.add_actor(std::make_shared<Thrower>());
    EXPECT_THROW(w.run(3), std::runtime_error);
    EXPECT_EQ(w.block_number(), 1u);
    EXPECT_FALSE(w.in_hook());
    w.set_online(0, false);
    w.run(2);
    EXPECT_EQ(w.block_number(), 3u);
}

TEST(SimWorld, ChainMinedDirectlyIsStillTracedButRewindingIsDetected) {
    World a(1), b(1);
    a.chain().mine(3);
    b.mine(3);
    EXPECT_EQ(a.trace_digest(), b.trace_digest());
    EXPECT_EQ(a.trace_counts().blocks, 4u);  // genesis + 3
    const auto snap = a.chain().snapshot();
    a.mine(2);
    a.chain().restore(snap);
    EXPECT_THROW((void)a.trace_digest(), StateError);
}

TEST(SimWorld, StreamsArePersistentSeededAndReservedLabelsRefused) {
    World a(1), b(1), c(2);
    const auto x1 = a.stream("adversary").next_u64();
    const auto x2 = a.stream("adversary").next_u64();
    EXPECT_NE(x1, x2);  // persistent: the second call continues the stream
    EXPECT_EQ(b.stream("adversary").next_u64(), x1);
    EXPECT_NE(c.stream("adversary").next_u64(), x1);
    EXPECT_NE(a.stream("other").next_u64(), b.stream("adversary").next_u64());
    EXPECT_THROW(a.stream("sim/network"), InvalidArgument);
    EXPECT_THROW(a.stream("l1/chain"), InvalidArgument);
}

TEST(SimWorld, DetachingActorsKeepsIdsDenseAndTheWorldUsable) {
    World w(12);
    auto a = std::make_shared<Recorder>("a");
    auto b = std::make_shared<Recorder>("b");
    w.add_actor(a);
    w.add_actor(b);
    w.add_invariant(std::make_shared<FunctionInvariant>(
        "never", [](const World&) { return std::optional<std::string>{"x"}; }));
    (void)w.send(0, 1, {1});
    w.schedule_timer(0, 5, 1);
    const auto snap = w.snapshot();
    w.detach_actors_and_invariants();
    EXPECT_EQ(a->id(), kNoActor);
    EXPECT_EQ(a->world(), nullptr);
    EXPECT_EQ(w.actor_count(), 2u);  // placeholders keep ids 0 and 1 taken
    EXPECT_EQ(w.invariant_count(), 0u);
    auto c = std::make_shared<Recorder>("c");
    EXPECT_EQ(w.add_actor(c), 2u);
    w.run(1);
    EXPECT_TRUE(a->calls.empty());
    EXPECT_TRUE(b->messages.empty());
    EXPECT_EQ(c->calls.size(), 2u);  // start, block 1
    EXPECT_EQ(w.network().stats().lost_recipient_offline, 1u);
    EXPECT_EQ(w.stats().timers_lost, 1u);
    EXPECT_TRUE(w.violations().empty());
    w.restore(snap);  // the snapshot still holds the detached actors
    EXPECT_EQ(a->id(), 0u);
    EXPECT_EQ(c->id(), kNoActor);
    w.run(1);
    ASSERT_EQ(b->messages.size(), 1u);
}

TEST(SimWorld, ActorsCanBeReachedByRegisteredAddresses) {
    World w(13);
    auto a = std::make_shared<Recorder>("a");
    auto b = std::make_shared<Recorder>("b");
    w.add_actor(a);
    w.add_actor(b);
    const Account bob = w.new_account(0);
    w.register_address(1, bob.address);
    w.register_address(1, bob.address);  // idempotent
    EXPECT_EQ(w.actor_of(bob.address), std::optional<ActorId>(1));
    EXPECT_EQ(w.actor_of(Address{}), std::nullopt);
    EXPECT_THROW(w.register_address(0, bob.address), InvalidArgument);
    EXPECT_THROW(w.register_address(7, Address{}), InvalidArgument);
    EXPECT_THROW((void)w.send(0, Address{}, {1}), InvalidArgument);
    const auto snap = w.snapshot();
    (void)w.send(0, bob.address, {42});
    w.run(1);
    ASSERT_EQ(b->messages.size(), 1u);
    EXPECT_EQ(b->messages[0].second, Bytes{42});
    w.restore(snap);
    EXPECT_EQ(w.actor_of(bob.address), std::optional<ActorId>(1));
}
