// RapidCheck rc::state model test of the off-chain engine: payments, with crashes injected at
// every persistence boundary on either side (each side's first and second boundary of a given
// kind: the proposer's proposal and completed state, the countersigner's countersignature and
// adopted Ack), against a model of the two balances. A payment whose proposer crashes before
// persisting its proposal is lost; every other one completes exactly once after restart and
// re-sends, the armed crash always fires, and both parties end with the same fully signed state.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <deque>

#include "channel_support.hpp"

using namespace chtest;

namespace {

struct Model {
    u256 bal[2] = {u256(3000), u256(3000)};
};

struct Sut {
    std::vector<std::shared_ptr<DurableStore>> stores;
    std::vector<std::unique_ptr<Engine>> e;
    Sut() {
        const auto k0 = crypto::PrivateKey::from_int(11), k1 = crypto::PrivateKey::from_int(12);
        ChannelParams p{{k0.address(), k1.address()}, {u256(3000), u256(3000)}, 10, 10,
                        DisputePolicy::Penalty, 0};
        Address adj{};
        const crypto::PrivateKey keys[] = {k0, k1};
        for (int i = 0; i < 2; ++i) {
            stores.push_back(std::make_shared<DurableStore>());
            e.push_back(std::make_unique<Engine>(p, i, keys[i], 1337, adj, stores.back()));
        }
        SignedState s0{initial_state(p, e[0]->channel_id()), {e[0]->sign_initial(), e[1]->sign_initial()}};
        for (auto& x : e) RC_ASSERT(x->install_initial(s0).ok());
    }
    bool crashed_once = false;  // an armed crash fired during the last command
    void pump(std::deque<std::pair<std::size_t, Outgoing>> q) {
        while (!q.empty()) {
            auto [src, o] = q.front();
            q.pop_front();
            auto h = e[o.to]->handle(src, o.payload);
            crashed_once = crashed_once || h.crashed;
            for (auto& x : h.out) q.push_back({o.to, x});
            crashed_once = e[o.to]->after_send() || crashed_once;
        }
    }
    void settle() {
        for (auto& x : e) {
            if (x->crashed()) RC_ASSERT(x->recover());
        }
        for (int round = 0; round < 4; ++round) {
            for (std::size_t i = 0; i < 2; ++i) {
                std::deque<std::pair<std::size_t, Outgoing>> q;
                for (auto& o : e[i]->resend()) q.push_back({i, o});
                pump(q);
            }
        }
    }
};

struct Pay : rc::state::Command<Model, Sut> {
    std::size_t sender = *rc::gen::inRange<std::size_t>(0, 2);
    std::uint64_t amount = *rc::gen::inRange<std::uint64_t>(0, 4000);
    bool has_crash = *rc::gen::arbitrary<bool>();
    std::size_t crash_side = *rc::gen::inRange<std::size_t>(0, 2);
    CrashPoint point = *rc::gen::element(CrashPoint::BeforePersist, CrashPoint::AfterPersist,
                                         CrashPoint::AfterSend);
    unsigned occurrence = *rc::gen::inRange(0u, 2u);  // first or second such boundary of the side
    std::optional<std::pair<std::size_t, CrashPoint>> crash =
        has_crash ? std::optional(std::pair(crash_side, point)) : std::nullopt;

    bool lost() const {
        return crash && crash->first == sender && crash->second == CrashPoint::BeforePersist &&
               occurrence == 0;
    }

    void apply(Model& m) const override {
        if (u256(amount) > m.bal[sender] || lost()) return;
        m.bal[sender] -= amount;
        m.bal[1 - sender] += amount;
    }
    void run(const Model& m, Sut& s) const override {
        const bool valid = u256(amount) <= m.bal[sender];
        if (crash && valid)
            s.e[crash->first]->arm_crash(crash->second, occurrence);
        s.crashed_once = false;
        auto r = s.e[sender]->pay(1 - sender, amount);
        RC_ASSERT(r.ok() == valid);
        if (r.ok()) {
            std::deque<std::pair<std::size_t, Outgoing>> q;
            for (auto& o : r.value().out) q.push_back({sender, o});
            s.crashed_once = r.value().crashed || s.e[sender]->after_send();
            s.pump(q);
            RC_ASSERT(s.crashed_once == (crash && valid));  // every boundary is reached
            s.settle();
        }
        Model next = m;
        apply(next);
        for (auto& x : s.e) {
            RC_ASSERT(!x->crashed());
            RC_ASSERT(x->latest().state.balances[0] == next.bal[0]);
            RC_ASSERT(x->latest().state.balances[1] == next.bal[1]);
            RC_ASSERT(!x->has_pending_proposal());
            RC_ASSERT(!x->awaiting_completion());
        }
        RC_ASSERT(s.e[0]->latest() == s.e[1]->latest());
    }
    void show(std::ostream& os) const override {
        os << "Pay(" << sender << " -> " << amount;
        if (crash) {
            os << ", crash side " << crash->first << " at " << crash_point_name(crash->second)
               << " #" << occurrence;
        }
        os << ")";
    }
};

}  // namespace

RC_GTEST_PROP(ChannelModel, PaymentsWithCrashesMatchTheModel, ()) {
    Model m;
    Sut s;
    rc::state::check(m, s, rc::state::gen::execOneOfWithArgs<Pay>());
}
