// libFuzzer target: the adjudicator's calldata decoding and checks. The input is sent as one
// transaction to an adjudicator that already holds a funded 3-party channel (so well-formed calls
// reach every operation's checks); its first byte picks the sender (one of the participants or an
// outsider) and whether 1 wei goes along, the rest is the calldata. The chain must include it as a
// success or a revert whose reason is one of the typed reasons (channel_error_names), never fail
// otherwise; the adjudicator's balance must equal its live channels' deposits afterwards
// (AdjudicatorSolvency). The World is restored to the same snapshot before every input.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "l2lab/channel/invariants.hpp"
#include "l2lab/channel/party.hpp"
#include "l2lab/core/error.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::channel;

void check(bool ok) {
    if (!ok)
        __builtin_trap();
}

struct Env {
    sim::World world{5};
    Address adj;
    std::vector<sim::Account> accts;
    std::optional<sim::WorldSnapshot> snap;
    Env() {
        adj = deploy_adjudicator(world);
        for (int i = 0; i < 4; ++i)
            accts.push_back(world.new_account(u256(1) << 80));
        // The channel the seeds address: participants 0..2, deposits 1000, 2000, 3000 wei.
        ChannelParams p{{accts[0].address, accts[1].address, accts[2].address},
                        {u256(1000), u256(2000), u256(3000)},
                        4,
                        6,
                        DisputePolicy::Penalty,
                        0};
        sim::TxOptions o;
        o.gas_limit = 3'000'000;
        world.call(accts[0], adj, open_calldata(p), 0, o);
        world.mine(1);
        for (std::size_t i = 0; i < 3; ++i) {
            world.call(accts[i], adj, deposit_calldata(p, i), p.deposits[i], o);
        }
        world.mine(1);
        check(
            read_channel(world.chain(), adj, p.channel_id(world.chain().config().chain_id, adj), 3)
                .status == ChannelStatus::Open);
        snap = world.snapshot();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Env env;
    if (size == 0 || size > 8 * 1024)
        return 0;
    env.world.restore(*env.snap);
    const auto& from = env.accts[data[0] % 4];
    const u256 value = (data[0] & 4) ? u256(1) : u256(0);
    sim::TxOptions o;
    o.gas_limit = 3'000'000;
    const auto out = env.world.call(from, env.adj, BytesView(data + 1, size - 1), value, o);
    if (!out.accepted)
        return 0;  // refused before execution (e.g. intrinsic gas): no contract call
    env.world.mine(1);
    const auto r = env.world.chain().receipt(out.tx_hash);
    check(r.has_value());
    check(r->success() || channel_error_from_name(r->revert_reason).has_value());
    AdjudicatorSolvency solvency(env.adj);
    check(!solvency.check(env.world).has_value());
    return 0;
}
