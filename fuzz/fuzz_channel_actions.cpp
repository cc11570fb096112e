// libFuzzer action-script target (LDK chanmon_consistency style): the input bytes are a program
// of actions on a 2-party channel in a World whose parties are honest but unreliable (payments,
// message drops/duplicates/jitter, disconnects, crashes with durable stores, short offline
// windows). Both parties run with automatic unilateral close after kForceCloseAfter blocks of a
// stalled update; outages are bounded (each window a few blocks, at most kMaxOutages windows per
// script, a crashed party is restarted after each step), so a force close can only come from a
// protocol fault. At the end the network is repaired and at most 100 rounds are run: any
// unilateral close or registration, any disagreement of the latest states, a channel no longer
// open, an invariant violation (adjudicator solvency, every block) or balances not summing to the
// deposits is a crash. Not checked here: whether each requested payment was applied (a payment
// whose payer crashes before persisting its proposal, or that exceeds the payer's balance, is
// dropped by design; tests/cpp/channel_model_test.cpp checks every payment against a model).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "l2lab/channel/invariants.hpp"
#include "l2lab/channel/party.hpp"
#include "l2lab/core/error.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::channel;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

// Outages (link down, crash, offline windows) take effect for the first kMaxOutages of a
// script only, so their total (at most kMaxOutages * 6 blocks) stays well below the force-close
// threshold: a longer silence would be indistinguishable from a griefing counterparty.
constexpr int kMaxOutages = 8;
constexpr std::uint64_t kForceCloseAfter = 96;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 256) return 0;
    sim::World world(1);
    const Address adj = deploy_adjudicator(world);
    std::vector<sim::Account> accts = {world.new_account(u256(1) << 80), world.new_account(u256(1) << 80)};
    ChannelParams params{{accts[0].address, accts[1].address}, {u256(1000), u256(1000)}, 8, 5,
                         DisputePolicy::Penalty, 0};
    std::vector<std::shared_ptr<Party>> parties;
    for (int i = 0; i < 2; ++i) {
        parties.push_back(std::make_shared<Party>("p", accts[i], std::make_shared<DurableStore>()));
    }
    setup_channel(world, parties, params, adj);
    for (auto& p : parties) {
        p->set_force_close_after(kForceCloseAfter);
        world.add_actor(p);
    }
    world.add_invariant(std::make_shared<AdjudicatorSolvency>(adj));
    parties[0]->submit_open(world);
    world.run(1);
    for (auto& p : parties) p->submit_deposit(world);
    world.run(2);
    const auto a = parties[0]->id(), b = parties[1]->id();
    // Time passes; a party that crashed (armed crash) comes back right after.
    auto advance = [&](std::uint64_t blocks) {
        world.run(blocks);
        for (auto& p : parties) {
            if (p->crashed()) check(p->restart(world));
        }
    };
    int outages = 0;
    for (std::size_t i = 0; i + 1 < size; i += 2) {
        std::uint8_t op = data[i] % 8;
        const std::uint8_t arg = data[i + 1];
        if ((op == 3 || op == 4 || op == 7) && ++outages > kMaxOutages) op = 1;  // just time
        auto& p = *parties[arg & 1];
        switch (op) {
            case 0: if (!p.crashed()) p.pay(world, 1 - (arg & 1), u256(arg >> 1)); break;
            case 1: advance(1 + arg % 3); break;
            case 2: {
                sim::LinkConfig l;
                l.drop_probability = (arg % 3) / 10.0;
                l.duplicate_probability = (arg % 3) / 4.0;
                l.jitter_ms = (arg % 4) * 5000;
                world.network().set_link(a, b, l);
                world.network().set_link(b, a, l);
                break;
            }
            case 3:
                world.network().set_link_up(a, b, false);
                advance(1 + arg % 6);
                world.network().set_link_up(a, b, true);
                break;
            case 4:
                if (!p.crashed()) p.crash();
                advance(arg % 3);
                break;
            case 5: if (p.crashed()) check(p.restart(world)); break;
            case 6: if (!p.crashed()) p.arm_crash(static_cast<CrashPoint>((arg >> 1) % 3)); break;
            default: {
                world.set_online(p.id(), false);
                advance(1 + arg % 4);
                world.set_online(p.id(), true);
            }
        }
    }
    // Repair and settle.
    world.network().clear_link(a, b);
    world.network().clear_link(b, a);
    world.network().set_link_up(a, b, true);
    for (auto& p : parties) {
        if (p->crashed()) check(p->restart(world));
    }
    for (int round = 0; round < 100; ++round) {
        bool quiet = true;
        for (auto& p : parties) {
            if (p->crashed()) {
                check(p->restart(world));
            }
            const auto& e = p->engine();
            quiet = quiet && p->queued() == 0 && !e.has_pending_proposal() && !e.awaiting_completion();
        }
        if (quiet && parties[0]->engine().latest() == parties[1]->engine().latest()) break;
        world.run(1);
    }
    check(parties[0]->engine().latest() == parties[1]->engine().latest());
    for (auto& p : parties) check(p->stats().auto_force_closes == 0 && p->stats().registrations_submitted == 0);
    check(parties[0]->record(world).status == ChannelStatus::Open);
    check(world.violation_count() == 0);
    const auto& bal = parties[0]->engine().latest().state.balances;
    check(bal[0] + bal[1] == u256(2000));
    return 0;
}
