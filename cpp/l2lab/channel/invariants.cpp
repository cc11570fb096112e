#include "l2lab/channel/invariants.hpp"

namespace l2lab::channel {

std::optional<std::string> AdjudicatorSolvency::check(const sim::World& world) {
    // Channels are learnt from ChannelOpened logs of the blocks not scanned yet.
    const std::uint64_t head = world.block_number();
    if (head + 1 < m_scan_from) {  // the world was restored to an earlier snapshot: rescan
        m_channels.clear();
        m_scan_from = 0;
    }
    if (m_scan_from <= head) {
        l1::LogFilter f;
        f.addresses = {m_adjudicator};
        f.topics[0] = {event_topic(kEventOpened)};
        f.from_block = m_scan_from;
        f.to_block = head;
        for (const auto& log : world.chain().logs(f)) {
            m_channels[log.topics[1]] = ChannelParams::decode(log.data).size();
        }
        m_scan_from = head + 1;
    }
    u256 locked = 0;
    for (const auto& [id, n] : m_channels) {
        const auto rec = read_channel(world.chain(), m_adjudicator, id, n);
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

std::optional<std::string> check_no_usable_before_funded(const sim::World& world, const Party& p) {
    if (!p.attached() || p.crashed()) return std::nullopt;
    const auto v = p.engine().latest().state.version;
    const auto st = p.record(world).status;
    if (v > 0 && (st == ChannelStatus::None || st == ChannelStatus::Funding ||
                  st == ChannelStatus::Refunded)) {
        return p.name() + " holds version " + std::to_string(v) + " while the channel is " +
               std::string(channel_status_name(st));
    }
    return std::nullopt;
}

std::optional<std::string> NoUsableBeforeFunded::check(const sim::World& world) {
    for (const auto& p : m_parties) {
        if (auto err = check_no_usable_before_funded(world, *p)) return err;
    }
    return std::nullopt;
}

std::optional<std::string> check_no_honest_penalised(const sim::World& world, const Party& party) {
    const auto& e = party.engine();
    if (e.params().policy != DisputePolicy::Penalty) return std::nullopt;
    l1::LogFilter f;
    f.addresses = {e.adjudicator()};
    f.topics[0] = {event_topic(kEventRegistered), event_topic(kEventChallenged)};
    f.topics[1] = {e.channel_id()};
    const Hash32 registered = event_topic(kEventRegistered);
    bool ours = false;
    std::uint64_t our_version = 0;
    for (const auto& log : world.chain().logs(f)) {
        const auto r = world.chain().receipt(log.tx_hash);
        const bool by_party = r && r->sender == party.account().address;
        const std::uint64_t version = State::decode(log.data).version;
        if (log.topics[0] == registered) {
            ours = by_party;
            our_version = version;
        } else if (ours) {
            return party.name() + " was penalised: its registered version " +
                   std::to_string(our_version) + " was challenged with version " +
                   std::to_string(version);
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
