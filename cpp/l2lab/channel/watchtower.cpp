#include "l2lab/channel/watchtower.hpp"

#include "l2lab/core/error.hpp"

namespace l2lab::channel {

Watchtower::Watchtower(std::string name, sim::Account account, Address adjudicator,
                       u256 fee_per_update)
    : sim::Actor(std::move(name)), m_account(std::move(account)), m_adjudicator(adjudicator),
      m_fee(std::move(fee_per_update)) {}

void Watchtower::on_start(sim::World& world) {
    world.register_address(id(), m_account.address);
    l1::LogFilter f;
    f.addresses = {m_adjudicator};
    world.subscribe(id(), f);
}

std::optional<std::uint64_t> Watchtower::version_held(const Hash32& channel_id) const {
    const auto it = m_channels.find(channel_id);
    if (it == m_channels.end()) return std::nullopt;
    return it->second.latest.state.version;
}

void Watchtower::on_message(sim::World& world, sim::ActorId, const Bytes& payload) {
    TowerUpdateMsg upd;
    try {
        auto m = decode_message(payload);
        auto* p = std::get_if<TowerUpdateMsg>(&m);
        if (!p) {
            ++m_refused;
            return;
        }
        upd = std::move(*p);
    } catch (const DecodeError&) {
        ++m_refused;
        return;
    }
    const Hash32 id = upd.params.channel_id(world.chain().config().chain_id, m_adjudicator);
    const Hash32 d = state_digest(world.chain().config().chain_id, m_adjudicator, upd.state.state);
    if (!check_state_shape(upd.params, id, upd.state.state) ||
        !check_signatures(upd.params, d, upd.state.signatures)) {
        ++m_refused;
        return;
    }
    auto it = m_channels.find(id);
    if (it != m_channels.end() && it->second.latest.state.version >= upd.state.state.version) return;
    ++m_updates;
    m_fees += m_fee;
    if (it == m_channels.end()) {
        m_channels.emplace(id, Watched{std::move(upd.params), std::move(upd.state), {}, 0});
    } else {
        it->second.latest = std::move(upd.state);
    }
}

void Watchtower::on_event(sim::World& world, const l1::Log&) { check(world); }
void Watchtower::on_block(sim::World& world, const l1::Block&) { check(world); }

void Watchtower::check(sim::World& world) {
    const auto block = world.block_number();
    for (auto& [id, w] : m_channels) {
        const auto rec = read_channel(world.chain(), m_adjudicator, id, w.params.size());
        if (rec.status != ChannelStatus::Disputed) continue;
        if (w.latest.state.version <= rec.registered_version || block + 1 > rec.deadline) continue;
        if (w.challenge_tx && w.challenged_version == rec.registered_version) {
            const auto look = world.chain().lookup(*w.challenge_tx);
            if (look.status == l1::TxLookup::Status::Pending ||
                (look.status == l1::TxLookup::Status::Included && look.receipt->success())) {
                continue;
            }
        }
        sim::TxOptions opts;
        opts.gas_limit = 3'000'000;
        const auto out = world.call(m_account, m_adjudicator, challenge_calldata(w.params, w.latest),
                                    0, opts);
        if (out.accepted) {
            w.challenge_tx = out.tx_hash;
            w.challenged_version = rec.registered_version;
            m_txs.push_back(out.tx_hash);
            ++m_challenges;
        }
    }
}

std::uint64_t Watchtower::gas_used(const sim::World& world) const {
    std::uint64_t g = 0;
    for (const auto& h : m_txs) {
        if (auto r = world.chain().receipt(h)) g += r->gas_used;
    }
    return g;
}

}  // namespace l2lab::channel
