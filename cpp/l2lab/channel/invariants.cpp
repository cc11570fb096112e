#include "l2lab/channel/invariants.hpp"

namespace l2lab::channel {

std::optional<std::string> AdjudicatorSolvency::check(const sim::World& world) {
    l1::LogFilter f;
    f.addresses = {m_adjudicator};
    f.topics[0] = {event_topic(kEventOpened)};
    u256 locked = 0;
    for (const auto& log : world.chain().logs(f)) {
        const auto params = ChannelParams::decode(log.data);
        const auto rec = read_channel(world.chain(), m_adjudicator, log.topics[1], params.size());
        if (rec.status == ChannelStatus::Funding || rec.status == ChannelStatus::Open ||
            rec.status == ChannelStatus::Disputed) {
            for (const auto& d : rec.deposited) locked += d;
        }
    }
    const u256 held = world.chain().balance(m_adjudicator);
    if (held == locked) return std::nullopt;
    return "adjudicator holds " + to_dec(held) + " wei but open channels' deposits sum to " +
           to_dec(locked);
}

std::optional<std::string> NoUsableBeforeFunded::check(const sim::World& world) {
    for (const auto& p : m_parties) {
        if (!p->attached() || p->crashed()) continue;
        const auto v = p->engine().latest().state.version;
        const auto st = p->record(world).status;
        if (v > 0 && (st == ChannelStatus::None || st == ChannelStatus::Funding ||
                      st == ChannelStatus::Refunded)) {
            return p->name() + " holds version " + std::to_string(v) + " while the channel is " +
                   std::string(channel_status_name(st));
        }
    }
    return std::nullopt;
}

std::optional<std::string> check_conservation(const sim::World& world, const Address& adjudicator,
                                              const std::vector<std::shared_ptr<Party>>& parties) {
    const u256 held = world.chain().balance(adjudicator);
    if (held != 0) return "adjudicator still holds " + to_dec(held) + " wei";
    u256 received = 0;
    u256 deposits = 0;
    for (const auto& p : parties) {
        received += p->received(world);
        deposits += p->engine().params().deposits[p->engine().index()];
    }
    if (received != deposits) {
        return "payouts " + to_dec(received) + " wei != deposits " + to_dec(deposits) + " wei";
    }
    return std::nullopt;
}

std::optional<std::string> check_honest_safety(const sim::World& world, const Party& party) {
    const u256 got = party.received(world);
    if (got >= party.last_known_balance()) return std::nullopt;
    return party.name() + " received " + to_dec(got) + " wei < its latest balance " +
           to_dec(party.last_known_balance());
}

}  // namespace l2lab::channel
