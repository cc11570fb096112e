// The message network on its own: send-time and delivery-time decisions, statistics, offline
// policies and config validation. The World's use of it is covered in sim_world_test.cpp.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/sim/network.hpp"

using namespace l2lab;
using namespace l2lab::sim;

namespace {

struct Arrival {
    TimeMs time_ms;
    MessageEvent msg;
};

// A miniature World loop: pops due copies in (time, seq) order and records what is delivered.
struct Bench {
    EventQueue queue;
    TimeMs now = 0;
    Network net;
    std::vector<Arrival> arrivals;
    std::vector<MessageEvent> lost;

    explicit Bench(std::uint64_t seed, NetworkConfig cfg = {}, int actors = 2)
        : net(queue, now, Rng(seed).fork("network"), cfg) {
        for (int i = 0; i < actors; ++i) net.add_endpoint();
    }

    void run_until(TimeMs t) {
        while (auto ev = queue.pop_due(t)) {
            now = std::max(now, ev->time_ms);
            auto& msg = std::get<MessageEvent>(ev->body);
            switch (net.on_due(msg)) {
                case DueOutcome::Deliver: arrivals.push_back({now, msg}); break;
                case DueOutcome::Lost: lost.push_back(msg); break;
                case DueOutcome::Queued: break;
            }
        }
        now = std::max(now, t);
    }
};

Bytes payload_of(std::uint64_t i) {
    Bytes b(8);
    for (int k = 0; k < 8; ++k) b[k] = static_cast<std::uint8_t>(i >> (8 * k));
    return b;
}

}  // namespace

TEST(SimNetwork, PerfectLinksDeliverEverythingOnceInLatencyOrder) {
    NetworkConfig cfg;
    cfg.default_link.latency_ms = 250;
    Bench b(1, cfg, 3);
    b.net.set_link(0, 2, LinkConfig{40, 0, 0.0, 0.0, true});
    b.net.set_link(1, 2, LinkConfig{900, 0, 0.0, 0.0, true});
    // Expected arrival time per message id, computed from the configured latencies.
    std::map<std::uint64_t, TimeMs> expected;
    for (std::uint64_t i = 0; i < 300; ++i) {
        b.run_until(i * 7);
        const ActorId from = static_cast<ActorId>(i % 3);
        const ActorId to = static_cast<ActorId>((i / 3) % 3);
        const SendResult r = b.net.send(from, to, payload_of(i));
        ASSERT_EQ(r.copies, 1u);
        expected[r.message_id] = b.now + b.net.link(from, to).latency_ms;
    }
    b.run_until(1'000'000);
    ASSERT_EQ(b.arrivals.size(), 300u);
    std::set<std::uint64_t> seen;
    for (std::size_t k = 0; k < b.arrivals.size(); ++k) {
        const auto& a = b.arrivals[k];
        EXPECT_TRUE(seen.insert(a.msg.message_id).second) << "delivered twice";
        EXPECT_EQ(a.time_ms, expected.at(a.msg.message_id));
        EXPECT_EQ(a.msg.payload, payload_of(a.msg.message_id));
        if (k > 0) {
            const auto& p = b.arrivals[k - 1];
            // Arrival order is (time, send order).
            EXPECT_TRUE(p.time_ms < a.time_ms ||
                        (p.time_ms == a.time_ms && p.msg.message_id < a.msg.message_id));
        }
    }
    EXPECT_EQ(b.net.stats().delivered, 300u);
    EXPECT_EQ(b.net.stats().dropped + b.net.stats().duplicated, 0u);
}

TEST(SimNetwork, DropRateMatchesConfiguredProbability) {
    for (const double p : {0.05, 0.3, 0.8}) {
        NetworkConfig cfg;
        cfg.default_link.drop_probability = p;
        Bench b(42, cfg);
        const int n = 20000;
        for (int i = 0; i < n; ++i) (void)b.net.send(0, 1, payload_of(i));
        b.run_until(1'000'000);
        const double sd = std::sqrt(n * p * (1 - p));
        EXPECT_NEAR(static_cast<double>(b.net.stats().dropped), n * p, 5 * sd) << "p=" << p;
        EXPECT_EQ(b.arrivals.size() + b.net.stats().dropped, static_cast<std::size_t>(n));
    }
}

TEST(SimNetwork, DuplicateRateMatchesConfiguredProbabilityAndCopiesShareTheMessageId) {
    NetworkConfig cfg;
    cfg.default_link.duplicate_probability = 0.25;
    cfg.default_link.jitter_ms = 50;
    Bench b(7, cfg);
    const int n = 20000;
    for (int i = 0; i < n; ++i) (void)b.net.send(0, 1, payload_of(i));
    b.run_until(1'000'000);
    const double sd = std::sqrt(n * 0.25 * 0.75);
    EXPECT_NEAR(static_cast<double>(b.net.stats().duplicated), n * 0.25, 5 * sd);
    std::map<std::uint64_t, int> per_id;
    for (const auto& a : b.arrivals) {
        ++per_id[a.msg.message_id];
        EXPECT_EQ(a.msg.payload, payload_of(a.msg.message_id));
    }
    ASSERT_EQ(per_id.size(), static_cast<std::size_t>(n));
    std::uint64_t twice = 0;
    for (const auto& [id, count] : per_id) {
        ASSERT_TRUE(count == 1 || count == 2);
        twice += count == 2;
    }
    EXPECT_EQ(twice, b.net.stats().duplicated);
}

TEST(SimNetwork, JitterReordersButStaysWithinBounds) {
    NetworkConfig cfg;
    cfg.default_link = LinkConfig{100, 400, 0.0, 0.0, true};
    Bench b(3, cfg);
    for (std::uint64_t i = 0; i < 500; ++i) {
        b.run_until(i * 10);
        (void)b.net.send(0, 1, payload_of(i));
    }
    b.run_until(1'000'000);
    ASSERT_EQ(b.arrivals.size(), 500u);
    int inversions = 0;
    for (std::size_t k = 0; k < b.arrivals.size(); ++k) {
        const auto& a = b.arrivals[k];
        const TimeMs delay = a.time_ms - a.msg.sent_ms;
        EXPECT_GE(delay, 100u);
        EXPECT_LE(delay, 500u);
        if (k > 0 && b.arrivals[k - 1].msg.message_id > a.msg.message_id) ++inversions;
    }
    EXPECT_GT(inversions, 50) << "jitter 4x the send spacing must reorder often";
}

TEST(SimNetwork, OfflineRecipientUnderDropPolicyReceivesNothing) {
    Bench b(5);
    b.net.set_online(1, false);
    for (int i = 0; i < 50; ++i) (void)b.net.send(0, 1, payload_of(i));
    b.run_until(10'000);
    b.net.set_online(1, true);
    b.run_until(20'000);
    EXPECT_TRUE(b.arrivals.empty());
    EXPECT_EQ(b.net.stats().lost_recipient_offline, 50u);
}

TEST(SimNetwork, OfflineRecipientUnderQueuePolicyGetsBacklogInOrderWhenBackOnline) {
    NetworkConfig cfg;
    cfg.offline_policy = OfflinePolicy::Queue;
    cfg.max_offline_queue = 30;
    Bench b(5, cfg);
    b.net.set_online(1, false);
    for (int i = 0; i < 50; ++i) {
        b.now = static_cast<TimeMs>(i);
        (void)b.net.send(0, 1, payload_of(i));
    }
    b.run_until(10'000);
    EXPECT_TRUE(b.arrivals.empty());
    EXPECT_EQ(b.net.queued_for(1), 30u);
    EXPECT_EQ(b.net.stats().lost_queue_full, 20u);
    b.now = 50'000;
    b.net.set_online(1, true);
    b.run_until(50'000);
    ASSERT_EQ(b.arrivals.size(), 30u);
    for (std::size_t k = 0; k < 30; ++k) {
        EXPECT_EQ(b.arrivals[k].msg.message_id, k);
        EXPECT_EQ(b.arrivals[k].time_ms, 50'000u);
    }
}

TEST(SimNetwork, OfflineSenderAndDownLinksLoseMessages) {
    Bench b(9, {}, 3);
    b.net.set_online(0, false);
    EXPECT_EQ(b.net.send(0, 1, {1}).lost, LossReason::SenderOffline);
    b.net.set_online(0, true);
    b.net.set_link_up(0, 1, false);
    EXPECT_EQ(b.net.send(0, 1, {2}).lost, LossReason::LinkDown);
    EXPECT_EQ(b.net.send(1, 0, {3}).lost, LossReason::LinkDown);
    // Other links are unaffected.
    EXPECT_EQ(b.net.send(0, 2, {4}).copies, 1u);
    b.net.set_link_up(0, 1, true);
    // In flight when the link goes down: lost at delivery time.
    EXPECT_EQ(b.net.send(0, 1, {5}).copies, 1u);
    b.net.set_link_up(0, 1, false);
    b.run_until(10'000);
    ASSERT_EQ(b.arrivals.size(), 1u);
    EXPECT_EQ(b.arrivals[0].msg.to, 2u);
    EXPECT_EQ(b.net.stats().lost_link_down, 2u);
    EXPECT_EQ(b.net.stats().lost_disconnected, 1u);
    EXPECT_EQ(b.net.stats().lost_sender_offline, 1u);
}

TEST(SimNetwork, BadInputIsRejectedWithoutSideEffects) {
    Bench b(11);
    LinkConfig bad;
    bad.drop_probability = 1.5;
    EXPECT_THROW(b.net.set_link(0, 1, bad), InvalidArgument);
    bad = LinkConfig{};
    bad.duplicate_probability = std::nan("");
    EXPECT_THROW(b.net.set_link(0, 1, bad), InvalidArgument);
    bad = LinkConfig{};
    bad.latency_ms = kMaxLinkDelayMs + 1;
    EXPECT_THROW(b.net.set_link(0, 1, bad), InvalidArgument);
    EXPECT_TRUE(b.net.links().empty());
    EXPECT_THROW((void)b.net.send(0, 2, {1}), InvalidArgument);
    EXPECT_THROW(b.net.set_online(2, false), InvalidArgument);
    NetworkConfig small;
    small.max_message_bytes = 4;
    b.net.set_config(small);
    EXPECT_THROW((void)b.net.send(0, 1, Bytes(5)), InvalidArgument);
    EXPECT_EQ(b.net.stats().sent, 0u);
    EXPECT_TRUE(b.queue.empty());
    NetworkConfig zero;
    zero.max_message_bytes = 0;
    EXPECT_THROW(b.net.set_config(zero), InvalidArgument);
}

// Every copy is accounted for: scheduled copies end up delivered, lost at delivery, or queued.
RC_GTEST_PROP(SimNetwork, EveryCopyIsAccountedFor, (std::uint64_t seed)) {
    RC_LOG() << "seed " << seed;
    NetworkConfig cfg;
    cfg.offline_policy = *rc::gen::element(OfflinePolicy::Drop, OfflinePolicy::Queue);
    cfg.max_offline_queue = *rc::gen::inRange<std::size_t>(0, 20);
    Bench b(seed, cfg, 4);
    const auto prob = rc::gen::map(rc::gen::inRange(0, 101), [](int x) { return x / 100.0; });
    for (ActorId f = 0; f < 4; ++f) {
        for (ActorId t = 0; t < 4; ++t) {
            b.net.set_link(f, t,
                           LinkConfig{*rc::gen::inRange<TimeMs>(0, 300),
                                      *rc::gen::inRange<TimeMs>(0, 300), *prob, *prob,
                                      *rc::gen::inRange(0, 10) != 0});
        }
    }
    const int steps = *rc::gen::inRange(1, 200);
    std::uint64_t attempts = 0;
    for (int i = 0; i < steps; ++i) {
        b.now += *rc::gen::inRange<TimeMs>(0, 100);
        b.run_until(b.now);
        const auto a = static_cast<ActorId>(*rc::gen::inRange(0, 4));
        const auto c = static_cast<ActorId>(*rc::gen::inRange(0, 4));
        if (*rc::gen::inRange(0, 8) == 0) {
            b.net.set_online(a, !b.net.is_online(a));
        } else {
            (void)b.net.send(a, c, payload_of(i));
            ++attempts;
        }
    }
    for (ActorId a = 0; a < 4; ++a) b.net.set_online(a, true);
    b.run_until(b.now + 10'000);
    const auto& s = b.net.stats();
    RC_ASSERT(s.sent == attempts);
    RC_ASSERT(b.queue.empty());
    // Per message: refused at send, or one/two copies scheduled.
    const std::uint64_t refused = s.dropped + s.lost_sender_offline + s.lost_link_down;
    RC_ASSERT(s.copies_scheduled == s.sent - refused + s.duplicated);
    // Per copy: delivered or lost at delivery time (inboxes were flushed back into the queue).
    RC_ASSERT(s.copies_scheduled ==
              s.delivered + s.lost_disconnected + s.lost_recipient_offline + s.lost_queue_full);
    RC_ASSERT(b.arrivals.size() == s.delivered);
}
