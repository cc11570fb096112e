#include "l2lab/channel/party.hpp"

#include "l2lab/core/error.hpp"

namespace l2lab::channel {

Address deploy_adjudicator(sim::World& world) {
    Address deployer;
    deployer.bytes[19] = 0xad;
    return world.chain().deploy(std::make_shared<const Adjudicator>(), deployer);
}

Party::Party(std::string name, sim::Account account, std::shared_ptr<Store> store)
    : sim::Actor(std::move(name)), m_account(std::move(account)),
      m_store(store ? std::move(store) : std::make_shared<MemoryStore>()) {}

void Party::attach(const sim::World& world, const ChannelParams& params, std::size_t index,
                   const Address& adjudicator) {
    if (index >= params.size() || params.participants[index] != m_account.address) {
        throw InvalidArgument("party " + name() + " is not participant " + std::to_string(index));
    }
    m_engine = std::make_unique<Engine>(params, index, m_account.key, world.chain().config().chain_id,
                                        adjudicator, m_store);
    m_adjudicator = adjudicator;
    m_baseline = world.chain().balance(m_account.address);
    m_last_known_balance = params.deposits[index];
}

Engine& Party::engine() {
    if (!m_engine) throw StateError("party " + name() + " is not attached to a channel");
    return *m_engine;
}
const Engine& Party::engine() const {
    if (!m_engine) throw StateError("party " + name() + " is not attached to a channel");
    return *m_engine;
}

void Party::set_watchtower(sim::ActorId tower, const u256& fee_per_update) {
    m_tower = tower;
    m_tower_fee = fee_per_update;
}

Hash32 Party::submit_call(sim::World& world, const Bytes& calldata, const u256& value,
                          const std::string& kind) {
    sim::TxOptions opts;
    opts.gas_limit = 3'000'000;
    const auto out = world.call(m_account, m_adjudicator, calldata, value, opts);
    if (out.accepted) {
        m_txs.push_back(out.tx_hash);
        m_last_tx[kind] = out.tx_hash;
        ++m_stats.txs_submitted;
    }
    return out.tx_hash;
}

Hash32 Party::submit_open(sim::World& world) {
    return submit_call(world, open_calldata(engine().params()), 0, "open");
}

Hash32 Party::submit_deposit(sim::World& world, std::optional<u256> amount) {
    const auto& p = engine().params();
    const u256 v = amount ? *amount : p.deposits[engine().index()];
    const Hash32 h = submit_call(world, deposit_calldata(p, engine().index()), v, "deposit");
    m_deposits[h] = v;
    return h;
}

Hash32 Party::submit_refund(sim::World& world) {
    return submit_call(world, refund_calldata(engine().params()), 0, "refund");
}

Hash32 Party::force_close(sim::World& world) {
    if (crashed()) throw StateError("party " + name() + " is crashed");
    if (!m_synced) throw StateError("party " + name() + " restarted and has not synced with a peer");
    ++m_stats.registrations_submitted;
    return submit_call(world, register_calldata(engine().params(), state_to_register(world)), 0,
                       "register");
}

void Party::pay(sim::World& world, std::size_t to, const u256& amount) {
    const auto& p = engine().params();
    if (to >= p.size() || to == engine().index()) {
        throw InvalidArgument("payment recipient must be another participant index");
    }
    m_queue.push_back(Command{false, to, amount});
    drive_queue(world);
}

void Party::close(sim::World& world) {
    m_queue.push_back(Command{true, 0, 0});
    drive_queue(world);
}

void Party::crash() {
    engine().crash();
    ++m_stats.crashes;
}

bool Party::restart(sim::World& world) {
    if (!engine().recover()) return false;
    m_synced = false;
    const auto& e = engine();
    const Bytes sync = encode_message(SyncMsg{e.channel_id(), e.latest().state.version});
    std::vector<Outgoing> out;
    for (std::size_t i = 0; i < e.params().size(); ++i) {
        if (i != e.index()) out.push_back({i, sync});
    }
    auto again = e.resend();
    out.insert(out.end(), again.begin(), again.end());
    send_all(world, out);
    return true;
}

ChannelRecord Party::record(const sim::World& world) const {
    const auto& e = engine();
    return read_channel(world.chain(), m_adjudicator, e.channel_id(), e.params().size());
}

std::uint64_t Party::gas_used(const sim::World& world) const {
    std::uint64_t g = 0;
    for (const auto& h : m_txs) {
        if (auto r = world.chain().receipt(h)) g += r->gas_used;
    }
    return g;
}

u256 Party::fees_paid(const sim::World& world) const {
    u256 f = 0;
    for (const auto& h : m_txs) {
        if (auto r = world.chain().receipt(h)) f += r->effective_gas_price * r->gas_used;
    }
    return f;
}

u256 Party::received(const sim::World& world) const {
    u256 deposited = 0;
    for (const auto& [h, v] : m_deposits) {
        if (auto r = world.chain().receipt(h); r && r->success()) deposited += v;
    }
    // balance = baseline - deposited - fees + received
    return world.chain().balance(m_account.address) + fees_paid(world) + deposited - m_baseline;
}

u256 Party::latest_balance() const {
    if (crashed()) return 0;
    return engine().latest().state.balances[engine().index()];
}

bool Party::respond_to(std::size_t, const Bytes&) { return true; }

SignedState Party::state_to_register(sim::World&) { return engine().latest(); }

bool Party::should_challenge(const ChannelRecord&) { return true; }

std::optional<std::size_t> Party::index_of_actor(const sim::World& world, sim::ActorId id) const {
    const auto& ps = engine().params().participants;
    for (std::size_t i = 0; i < ps.size(); ++i) {
        if (world.actor_of(ps[i]) == id) return i;
    }
    return std::nullopt;
}

void Party::send_all(sim::World& world, const std::vector<Outgoing>& out) {
    const auto& ps = engine().params().participants;
    for (const auto& o : out) {
        if (!world.actor_of(ps[o.to])) continue;
        world.send(id(), ps[o.to], o.payload);
        ++m_stats.messages_sent;
    }
}

void Party::on_start(sim::World& world) {
    world.register_address(id(), m_account.address);
    if (!m_engine) return;
    l1::LogFilter f;
    f.addresses = {m_adjudicator};
    f.topics[1] = {engine().channel_id()};
    world.subscribe(id(), f);
}

void Party::after_update(sim::World& world) {
    const auto& e = engine();
    const auto& latest = e.latest();
    m_last_known_balance = latest.state.balances[e.index()];
    m_last_progress_block = world.block_number();
    if (m_tower) {
        world.send(id(), *m_tower, encode_message(TowerUpdateMsg{e.params(), latest}));
        ++m_stats.messages_sent;
        m_stats.tower_fees_owed += m_tower_fee;
    }
    if (latest.state.is_final && m_close_requested && !m_close_submitted) {
        m_close_submitted = true;
        submit_call(world, cooperative_close_calldata(e.params(), latest), 0, "close");
    }
}

void Party::on_message(sim::World& world, sim::ActorId from, const Bytes& payload) {
    if (!m_engine || crashed()) return;
    ++m_stats.messages_received;
    const auto idx = index_of_actor(world, from);
    if (!idx || !respond_to(*idx, payload)) return;
    if (!m_funded_seen) {
        m_funded_seen = record(world).status == ChannelStatus::Open;
        if (!m_funded_seen) {
            // No usable balance before every deposit is confirmed: refuse proposals.
            try {
                const auto m = decode_message(payload);
                if (const auto* p = std::get_if<ProposeMsg>(&m)) {
                    send_all(world, {Outgoing{*idx, encode_message(RejectMsg{
                                                   engine().channel_id(), p->state.version,
                                                   ChannelError::NotOpen})}});
                    return;
                }
            } catch (const DecodeError&) {
                return;
            }
        }
    }
    auto h = engine().handle(*idx, payload);
    if (h.crashed) {
        ++m_stats.crashes;
        return;
    }
    send_all(world, h.out);
    if (engine().after_send()) {
        ++m_stats.crashes;
        return;
    }
    if (h.peer_state_seen) m_synced = true;
    if (h.peer_rejected) {
        ++m_stats.rejects_received;
        m_backoff_until = world.block_number() + 1 + engine().index();
        if (m_current) m_queue.push_front(*m_current);
        m_current.reset();
    }
    if (h.updated) {
        if (m_current && !engine().has_pending_proposal()) {
            ++m_stats.payments_completed;
            m_current.reset();
        }
        after_update(world);
    }
}

void Party::on_event(sim::World& world, const l1::Log&) {
    if (m_engine && !crashed()) watch_chain(world);
}

void Party::on_block(sim::World& world, const l1::Block&) {
    if (!m_engine || crashed()) return;
    watch_chain(world);
    drive_queue(world);
}

void Party::watch_chain(sim::World& world) {
    const auto rec = record(world);
    const auto block = world.block_number();
    if (rec.status == ChannelStatus::Open) m_funded_seen = true;
    if (rec.status != ChannelStatus::Disputed) return;
    const auto& e = engine();
    const auto mine = e.latest().state.version;
    if (mine > rec.registered_version && block + 1 <= rec.deadline && m_synced &&
        should_challenge(rec)) {
        const std::string key = "challenge:" + std::to_string(rec.registered_version);
        bool inflight = false;
        if (auto it = m_last_tx.find(key); it != m_last_tx.end()) {
            const auto look = world.chain().lookup(it->second);
            inflight = look.status == l1::TxLookup::Status::Pending ||
                       (look.status == l1::TxLookup::Status::Included && look.receipt->success());
        }
        if (!inflight) {
            ++m_stats.challenges_submitted;
            submit_call(world, challenge_calldata(e.params(), e.latest()), 0, key);
        }
    }
    if (block + 1 > rec.deadline) {
        const auto reg = registered_state(world.chain(), m_adjudicator, e.channel_id());
        if (reg && reg->balances[e.index()] > 0) {
            const std::string key = "finalize:" + std::to_string(rec.registered_version);
            bool inflight = false;
            if (auto it = m_last_tx.find(key); it != m_last_tx.end()) {
                const auto look = world.chain().lookup(it->second);
                inflight = look.status == l1::TxLookup::Status::Pending ||
                           look.status == l1::TxLookup::Status::Included;
            }
            if (!inflight) submit_call(world, finalize_calldata(e.params(), *reg), 0, key);
        }
    }
}

void Party::drive_queue(sim::World& world) {
    if (!m_engine || crashed() || !engine().ready()) return;
    if (!m_funded_seen) {
        m_funded_seen = record(world).status == ChannelStatus::Open;
        if (!m_funded_seen) return;
    }
    auto& e = engine();
    const auto block = world.block_number();
    if (e.has_pending_proposal() || e.awaiting_completion()) {
        if (block >= m_last_progress_block + m_resend_interval) {
            m_last_progress_block = block;
            send_all(world, e.resend());
        }
        return;
    }
    if (m_current && !e.has_pending_proposal()) m_current.reset();  // completed or lost in a crash
    if (m_queue.empty() || block < m_backoff_until || e.latest().state.is_final) return;
    const Command cmd = m_queue.front();
    m_queue.pop_front();
    auto r = cmd.close ? e.propose_close() : e.pay(cmd.to, cmd.amount);
    if (!r) {
        if (r.error() == ChannelError::UpdatePending) m_queue.push_front(cmd);
        return;
    }
    if (cmd.close) m_close_requested = true;
    m_current = cmd;
    m_last_progress_block = block;
    if (r.value().crashed) {
        ++m_stats.crashes;
        return;
    }
    send_all(world, r.value().out);
    if (e.after_send()) ++m_stats.crashes;
}

Hash32 StaleRegistrar::cheat(sim::World& world, std::optional<std::uint64_t> version) {
    const std::uint64_t v = version ? *version : choose_stale_version(world);
    bool held = false;
    for (const auto& s : engine().history()) held = held || s.state.version == v;
    if (!held) throw InvalidArgument("adversary never held a fully signed state with version " + std::to_string(v));
    m_cheat_version = v;
    ++m_stats.registrations_submitted;
    return submit_call(world, register_calldata(engine().params(), state_to_register(world)), 0,
                       "register");
}

std::uint64_t StaleRegistrar::choose_stale_version(sim::World& world) {
    std::vector<std::uint64_t> older;
    const auto latest = engine().latest().state.version;
    for (const auto& s : engine().history()) {
        if (s.state.version < latest) older.push_back(s.state.version);
    }
    if (older.empty()) return latest;
    auto& rng = world.stream("channel/adversary/" + name());
    return older[rng.uniform(older.size())];
}

SignedState StaleRegistrar::state_to_register(sim::World& world) {
    if (!m_cheat_version) return Party::state_to_register(world);
    for (const auto& s : engine().history()) {
        if (s.state.version == *m_cheat_version) return s;
    }
    return Party::state_to_register(world);
}

void setup_channel(const sim::World& world, const std::vector<std::shared_ptr<Party>>& parties,
                   const ChannelParams& params, const Address& adjudicator) {
    if (parties.size() != params.size()) throw InvalidArgument("one party per participant");
    for (std::size_t i = 0; i < parties.size(); ++i) parties[i]->attach(world, params, i, adjudicator);
    SignedState s0{initial_state(params, parties[0]->engine().channel_id()), {}};
    for (const auto& p : parties) s0.signatures.push_back(p->engine().sign_initial());
    for (const auto& p : parties) {
        if (auto r = p->engine().install_initial(s0); !r) {
            throw StateError(std::string("funding state refused: ") + std::string(channel_error_name(r.error())));
        }
    }
}

}  // namespace l2lab::channel
