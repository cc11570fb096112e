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
    f.topics[0] = {event_topic(kEventRegistered), event_topic(kEventChallenged)};
    world.subscribe(id(), f);
}

std::optional<std::uint64_t> Watchtower::justice_version(const Hash32& channel_id) const {
    const auto it = m_breaches.find(channel_id);
    if (it == m_breaches.end()) return std::nullopt;
    return it->second.justice.newer.state.version;
}

std::size_t Watchtower::blobs_held() const noexcept {
    std::size_t n = 0;
    for (const auto& [hint, by_client] : m_blobs) n += by_client.size();
    return n;
}

std::size_t Watchtower::blobs_from(sim::ActorId client) const noexcept {
    std::size_t n = 0;
    for (const auto& [hint, by_client] : m_blobs) n += by_client.count(client);
    return n;
}

void Watchtower::on_message(sim::World&, sim::ActorId from, const Bytes& payload) {
    TowerBlob blob;
    try {
        blob = TowerBlob::decode(payload);
    } catch (const DecodeError&) {
        ++m_refused;
        return;
    }
    // Every participant can compute a client's hint, so the first blob for a hint must not win:
    // each client has its own slot under the hint, and only that client fills it (once).
    if (!m_blobs[blob.hint].emplace(from, std::move(blob.ciphertext)).second) {
        ++m_refused;
        return;
    }
    ++m_updates;
    m_fees += m_fee;
}

void Watchtower::on_event(sim::World& world, const l1::Log&) {
    scan(world);
    act(world);
}
void Watchtower::on_block(sim::World& world, const l1::Block&) {
    scan(world);
    act(world);
}

void Watchtower::scan(sim::World& world) {
    const std::uint64_t head = world.block_number();
    if (head + 1 < m_scan_from) m_scan_from = 0;  // restored to an earlier snapshot: rescan
    if (m_scan_from > head) return;
    l1::LogFilter f;
    f.addresses = {m_adjudicator};
    f.topics[0] = {event_topic(kEventRegistered), event_topic(kEventChallenged)};
    f.from_block = m_scan_from;
    f.to_block = head;
    for (const auto& log : world.chain().logs(f)) examine(world, log);
    m_scan_from = head + 1;
}

void Watchtower::examine(const sim::World& world, const l1::Log& log) {
    if (log.topics.size() < 2) return;
    const Hash32& channel_id = log.topics[1];
    // The registered state's signatures are in the transaction's calldata: rlp([op, params, state]).
    SignedState registered;
    try {
        const auto& block = world.chain().block(log.block_number);
        if (log.tx_index >= block.transactions.size()) return;
        const auto root = rlp::decode(block.transactions[log.tx_index]->data);
        const auto& items = root.fields(3);
        registered = SignedState::decode(items[2]);
    } catch (const DecodeError&) {
        return;
    }
    const auto chain_id = world.chain().config().chain_id;
    std::optional<JusticeData> best;
    auto lookup = [&](const SignedState& s) -> std::optional<JusticeData> {
        std::optional<JusticeData> found;
        for (const auto& sig : s.signatures) {
            const auto it = m_blobs.find(tower_hint(sig));
            if (it == m_blobs.end()) continue;
            for (const auto& [client, ciphertext] : it->second) {  // junk candidates fail here
                auto j = open_tower_blob(sig, ciphertext);
                if (!j || j->params.channel_id(chain_id, m_adjudicator) != channel_id ||
                    j->newer.state.version <= s.state.version ||
                    !check_state_shape(j->params, channel_id, j->newer.state) ||
                    !check_signatures(j->params,
                                      state_digest(chain_id, m_adjudicator, j->newer.state),
                                      j->newer.signatures)) {
                    continue;
                }
                if (!found || j->newer.state.version > found->newer.state.version) {
                    found = std::move(j);
                }
            }
        }
        return found;
    };
    // Follow the chain of blobs: each decrypted state may itself have been superseded.
    for (auto next = lookup(registered); next; next = lookup(best->newer)) best = std::move(next);
    if (!best) return;
    auto it = m_breaches.find(channel_id);
    if (it == m_breaches.end()) {
        ++m_breaches_detected;
        m_breaches.emplace(channel_id, Breach{std::move(*best), std::nullopt, 0});
    } else if (best->newer.state.version > it->second.justice.newer.state.version) {
        it->second.justice = std::move(*best);
    }
}

void Watchtower::act(sim::World& world) {
    const auto block = world.block_number();
    for (auto& [id, b] : m_breaches) {
        const auto& params = b.justice.params;
        const auto rec = read_channel(world.chain(), m_adjudicator, id, params.size());
        if (rec.status != ChannelStatus::Disputed) continue;
        if (b.justice.newer.state.version <= rec.registered_version || block + 1 > rec.deadline) continue;
        if (b.challenge_tx && b.challenged_version == rec.registered_version) {
            const auto look = world.chain().lookup(*b.challenge_tx);
            if (look.status == l1::TxLookup::Status::Pending ||
                (look.status == l1::TxLookup::Status::Included && look.receipt->success())) {
                continue;
            }
        }
        sim::TxOptions opts;
        opts.gas_limit = 3'000'000;
        const auto out = world.call(m_account, m_adjudicator, challenge_calldata(params, b.justice.newer), 0, opts);
        if (out.accepted) {
            b.challenge_tx = out.tx_hash;
            b.challenged_version = rec.registered_version;
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
