// RapidCheck rc::state model test of a 2-party channel in a World: party 0 is a StaleRegistrar
// (honest until RegisterStale fires), party 1 honest with a durable store. Commands: Pay, Drop
// (network loss), CrashRestart, Offline (shorter than the challenge period), RegisterStale,
// MineBlocks (time passing) and Challenge. After every command the World's invariants hold and
// no party holds a usable state before funding; at the end the channel is settled and the
// honest party has its latest balance, was not penalised, and value is conserved.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include "channel_support.hpp"

using namespace chtest;

namespace {

constexpr std::uint64_t kPeriod = 8;

struct WModel {
    bool cheated = false;
};

struct WSut {
    Fixture f{2, DisputePolicy::Penalty, kPeriod, 3};
    explicit WSut(DisputePolicy policy) {
        f.params.policy = policy;
        f.id = f.params.channel_id(f.world.chain().config().chain_id, f.adjudicator);
        f.make_parties<StaleRegistrar>(0, true);
        f.fund();
    }
    Party& victim() { return *f.parties[1]; }
    StaleRegistrar& cheater() { return static_cast<StaleRegistrar&>(*f.parties[0]); }
    bool open() { return victim().record(f.world).status == ChannelStatus::Open; }
    void check_invariants() {
        RC_ASSERT(f.world.violation_count() == 0u);
        for (auto& p : f.parties) RC_ASSERT(!check_no_usable_before_funded(f.world, *p));
    }
};

using Cmd = rc::state::Command<WModel, WSut>;

struct Pay : Cmd {
    std::size_t sender = *rc::gen::inRange<std::size_t>(0, 2);
    std::uint64_t amount = *rc::gen::inRange<std::uint64_t>(0, 4) * (kEther / 4);
    void run(const WModel&, WSut& s) const override {
        auto& p = *s.f.parties[sender];
        if (!p.crashed()) p.pay(s.f.world, 1 - sender, u256(amount));
        s.f.world.run(1);
        s.check_invariants();
    }
    void show(std::ostream& os) const override { os << "Pay(" << sender << ", " << amount << ")"; }
};

struct MineBlocks : Cmd {
    std::uint64_t blocks = *rc::gen::inRange<std::uint64_t>(1, 4);
    void run(const WModel&, WSut& s) const override {
        s.f.world.run(blocks);
        s.check_invariants();
    }
    void show(std::ostream& os) const override { os << "MineBlocks(" << blocks << ")"; }
};

struct Drop : Cmd {
    int tenths = *rc::gen::inRange(0, 6);
    void run(const WModel&, WSut& s) const override {
        sim::LinkConfig l;
        l.drop_probability = tenths / 10.0;
        const auto a = s.f.parties[0]->id(), b = s.f.parties[1]->id();
        s.f.world.network().set_link(a, b, l);
        s.f.world.network().set_link(b, a, l);
    }
    void show(std::ostream& os) const override { os << "Drop(0." << tenths << ")"; }
};

struct CrashRestart : Cmd {
    std::size_t who = *rc::gen::inRange<std::size_t>(0, 2);
    std::uint64_t blocks = *rc::gen::inRange<std::uint64_t>(0, 3);
    void run(const WModel&, WSut& s) const override {
        auto& p = *s.f.parties[who];
        if (p.crashed()) return;
        p.crash();
        s.f.world.run(blocks);
        RC_ASSERT(p.restart(s.f.world));
        s.f.world.run(1);  // back for at least a block before anything else happens
        s.check_invariants();
    }
    void show(std::ostream& os) const override { os << "CrashRestart(" << who << ", " << blocks << ")"; }
};

struct Offline : Cmd {
    std::uint64_t blocks = *rc::gen::inRange<std::uint64_t>(1, kPeriod - 2);
    void run(const WModel&, WSut& s) const override {
        s.f.world.set_online(s.victim().id(), false);
        s.f.world.run(blocks);
        s.f.world.set_online(s.victim().id(), true);
        s.f.world.run(1);  // within the assumption: online at least once per challenge period
        s.check_invariants();
    }
    void show(std::ostream& os) const override { os << "Offline(" << blocks << ")"; }
};

struct RegisterStale : Cmd {
    void checkPreconditions(const WModel& m) const override { RC_PRE(!m.cheated); }
    void apply(WModel& m) const override { m.cheated = true; }
    void run(const WModel&, WSut& s) const override {
        if (!s.open() || s.cheater().crashed()) return;
        s.cheater().cheat(s.f.world);
        s.check_invariants();
    }
    void show(std::ostream& os) const override { os << "RegisterStale"; }
};

struct Challenge : Cmd {
    void run(const WModel&, WSut& s) const override {
        auto& v = s.victim();
        if (v.crashed()) return;
        const auto rec = v.record(s.f.world);
        if (rec.status == ChannelStatus::Disputed && v.engine().latest().state.version > rec.registered_version) {
            v.challenge(s.f.world);
        }
        s.f.world.run(1);
        s.check_invariants();
    }
    void show(std::ostream& os) const override { os << "Challenge"; }
};

void settle_and_check(WSut& s, bool cheated) {
    auto& w = s.f.world;
    w.network().clear_link(s.f.parties[0]->id(), s.f.parties[1]->id());
    w.network().clear_link(s.f.parties[1]->id(), s.f.parties[0]->id());
    for (auto& p : s.f.parties) {
        if (p->crashed()) {
            RC_ASSERT(p->restart(w));
        }
    }
    if (!cheated) return;
    for (int i = 0; i < 4 * static_cast<int>(kPeriod) && s.victim().record(w).status != ChannelStatus::Closed; ++i) w.run(1);
    RC_ASSERT(s.victim().record(w).status == ChannelStatus::Closed);
    const auto safety = check_honest_safety(w, s.victim());
    RC_ASSERT(!safety);
    RC_ASSERT(!check_no_honest_penalised(w, s.victim()));
    RC_ASSERT(!check_conservation(w, s.f.adjudicator, s.f.parties));
}

void run_model(DisputePolicy policy) {
    WModel m;
    WSut s(policy);
    const auto cmds = *rc::gen::resize(
        24, rc::state::gen::commands(m, rc::state::gen::execOneOfWithArgs<Pay, MineBlocks, Drop, CrashRestart,
                                                                          Offline, RegisterStale, Challenge>()));
    rc::state::runAll(cmds, m, s);
    bool cheated = false;
    for (const auto& c : cmds) cheated = cheated || dynamic_cast<const RegisterStale*>(c.get()) != nullptr;
    settle_and_check(s, cheated && s.victim().record(s.f.world).status != ChannelStatus::Open);
}

}  // namespace

RC_GTEST_PROP(ChannelWorldModel, LatestStateWinsKeepsTheHonestPartySafe, ()) {
    run_model(DisputePolicy::LatestStateWins);
}

RC_GTEST_PROP(ChannelWorldModel, PenaltyKeepsTheHonestPartySafe, ()) { run_model(DisputePolicy::Penalty); }
