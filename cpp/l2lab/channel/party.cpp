#include "l2lab/channel/party.hpp"

#include "l2lab/core/error.hpp"

namespace l2lab::channel {

Address deploy_adjudicator(sim::World& world) {
    Address deployer;
    deployer.bytes[19] = 0xad;
    return world.chain().deploy(std::make_shared<const Adjudicator>(), deployer);
}

Party::Party(std::string name, sim::Account account, std::shared_ptr<Store> store)
    : sim::Actor(std::move(name)),
      m_account(std::move(account)),
      m_store(store ? std::move(store) : std::make_shared<MemoryStore>()) {}

void Party::attach(const sim::World& world,
                   const ChannelParams& params,
                   std::size_t index,
                   const Address& adjudicator) {
    if (index >= params.size() || params.participants[index] != m_account.address) {
        throw InvalidArgument("party " + name() + " is not participant " + std::to_string(index));
    }
    m_engine = std::make_unique<Engine>(params, index, m_account.key,
                                        world.chain().config().chain_id, adjudicator, m_store);
    m_adjudicator = adjudicator;
    m_baseline = world.chain().balance(m_account.address);
    m_last_known_balance = params.deposits[index];
    m_last_known_version = 0;
}

Engine& Party::engine() {
    if (!m_engine)
        throw StateError("party " + name() + " is not attached to a channel");
    return *m_engine;
}
const Engine& Party::engine() const {
    if (!m_engine)
        throw StateError("party " + name() + " is not attached to a channel");
    return *m_engine;
}

void Party::set_watchtower(sim::ActorId tower, const u256& fee_per_update) {
    m_tower = tower;
    m_tower_fee = fee_per_update;
    if (m_engine && m_engine->ready())
        m_tower_prev = m_engine->latest();
}

Hash32 Party::submit_call(sim::World& world,
                          const Bytes& calldata,
                          const u256& value,
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
    if (crashed())
        throw StateError("party " + name() + " is crashed");
    if (!m_synced)
        throw StateError("party " + name() + " restarted and has not synced with a peer");
    if (penalty_trap()) {
        throw StateError(
            "party " + name() + " countersigned version " +
            std::to_string(engine().highest_signed()) +
            " without its signatures: registering its latest state could be penalised");
    }
    ++m_stats.registrations_submitted;
    return submit_call(world, register_calldata(engine().params(), state_to_register(world)), 0,
                       "register");
}

Hash32 Party::challenge(sim::World& world) {
    if (crashed())
        throw StateError("party " + name() + " is crashed");
    const auto rec = refresh_chain_view(world);
    if (rec.status != ChannelStatus::Disputed) {
        throw StateError("channel is " + std::string(channel_status_name(rec.status)) +
                         ", not disputed");
    }
    const auto& e = engine();
    const SignedState best = state_to_challenge_with();
    if (best.state.version <= rec.registered_version) {
        throw StateError("latest version " + std::to_string(best.state.version) +
                         " is not above the registered " + std::to_string(rec.registered_version));
    }
    ++m_stats.challenges_submitted;
    return submit_call(world, challenge_calldata(e.params(), best), 0,
                       "challenge:" + std::to_string(rec.registered_version));
}

SignedState Party::state_to_challenge_with() const {
    const auto& e = engine();
    if (auto done = e.completed_countersigned();
        done && done->state.version > e.latest().state.version) {
        return *done;
    }
    return e.latest();
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
    if (!engine().recover())
        return false;
    m_synced = false;
    m_last_progress_block = world.block_number();
    // A crash between adopting (and persisting) a state and noticing it leaves the record newer
    // than what this party last counted as its latest.
    if (const auto& s = engine().latest().state; s.version > m_last_known_version) {
        m_last_known_balance = s.balances[engine().index()];
        m_last_known_version = s.version;
    }
    send_sync(world);
    return true;
}

void Party::send_sync(sim::World& world) {
    const auto& e = engine();
    const Bytes sync = encode_message(SyncMsg{e.channel_id(), e.latest().state.version});
    std::vector<Outgoing> out;
    for (std::size_t i = 0; i < e.params().size(); ++i) {
        if (i != e.index())
            out.push_back({i, sync});
    }
    auto again = e.resend();
    out.insert(out.end(), again.begin(), again.end());
    send_all(world, out);
}

ChannelRecord Party::record(const sim::World& world) const {
    const auto& e = engine();
    return read_channel(world.chain(), m_adjudicator, e.channel_id(), e.params().size());
}

std::uint64_t Party::gas_used(const sim::World& world) const {
    std::uint64_t g = 0;
    for (const auto& h : m_txs) {
        if (auto r = world.chain().receipt(h))
            g += r->gas_used;
    }
    return g;
}

u256 Party::fees_paid(const sim::World& world) const {
    u256 f = 0;
    for (const auto& h : m_txs) {
        if (auto r = world.chain().receipt(h))
            f += r->effective_gas_price * r->gas_used;
    }
    return f;
}

u256 Party::received(const sim::World& world) const {
    u256 deposited = 0;
    for (const auto& [h, v] : m_deposits) {
        if (auto r = world.chain().receipt(h); r && r->success())
            deposited += v;
    }
    // balance = baseline - deposited - fees + received
    return world.chain().balance(m_account.address) + fees_paid(world) + deposited - m_baseline;
}

u256 Party::latest_balance() const {
    if (crashed())
        return 0;
    return engine().latest().state.balances[engine().index()];
}

bool Party::penalty_trap() const {
    return m_engine && !crashed() && engine().params().policy == DisputePolicy::Penalty &&
           engine().countersigned_unprovable();
}

bool Party::respond_to(std::size_t, const Bytes&) {
    return true;
}

SignedState Party::state_to_register(sim::World&) {
    // A countersigned update whose completion was withheld: in a 2-party channel the proposer's
    // and our signature complete it, and registering it leaves nothing newer to challenge with.
    if (auto s = engine().completed_countersigned())
        return *s;
    return engine().latest();
}

bool Party::should_challenge(const ChannelRecord&) {
    return true;
}

std::optional<std::size_t> Party::index_of_actor(const sim::World& world, sim::ActorId id) const {
    const auto& ps = engine().params().participants;
    for (std::size_t i = 0; i < ps.size(); ++i) {
        if (world.actor_of(ps[i]) == id)
            return i;
    }
    return std::nullopt;
}

void Party::send_all(sim::World& world, const std::vector<Outgoing>& out) {
    const auto& ps = engine().params().participants;
    for (const auto& o : out) {
        if (!world.actor_of(ps[o.to]))
            continue;
        world.send(id(), ps[o.to], o.payload);
        ++m_stats.messages_sent;
    }
}

void Party::on_start(sim::World& world) {
    world.register_address(id(), m_account.address);
    if (!m_engine)
        return;
    l1::LogFilter f;
    f.addresses = {m_adjudicator};
    f.topics[1] = {engine().channel_id()};
    world.subscribe(id(), f);
}

void Party::after_update(sim::World& world) {
    const auto& e = engine();
    const auto& latest = e.latest();
    m_last_known_balance = latest.state.balances[e.index()];
    m_last_known_version = latest.state.version;
    m_last_progress_block = world.block_number();
    if (m_tower) {
        // The superseded state gets a justice blob keyed by our own signature on it.
        const SignedState* prev = m_tower_prev ? &*m_tower_prev : nullptr;
        const auto& hist = e.history();
        if (!prev && hist.size() >= 2)
            prev = &hist[hist.size() - 2];
        if (prev && prev->state.version < latest.state.version) {
            const auto blob = make_tower_blob(prev->signatures[e.index()], e.params(), latest);
            world.send(id(), *m_tower, blob.encode());
            ++m_stats.messages_sent;
            m_stats.tower_fees_owed += m_tower_fee;
        }
        m_tower_prev = latest;
    }
    if (latest.state.is_final && m_close_requested && !m_close_submitted) {
        m_close_submitted = true;
        submit_call(world, cooperative_close_calldata(e.params(), latest), 0, "close");
    }
    // A state completed during a dispute is worth a challenge now, not at the next block.
    if (m_status == ChannelStatus::Disputed)
        watch_chain(world);
}

void Party::hand_tower_countersigned(sim::World& world) {
    if (!m_tower || crashed())
        return;
    const auto& e = engine();
    const auto done = e.completed_countersigned();
    if (!done)
        return;
    const SignedState& prev = m_tower_prev ? *m_tower_prev : e.latest();
    if (prev.state.version >= done->state.version)
        return;
    const auto blob = make_tower_blob(prev.signatures[e.index()], e.params(), *done);
    world.send(id(), *m_tower, blob.encode());
    ++m_stats.messages_sent;
    m_stats.tower_fees_owed += m_tower_fee;
    m_tower_prev = *done;  // the Ack completing it then hands nothing twice
}

bool Party::admit_message(sim::World& world, std::size_t from, const Bytes& payload) {
    // Refresh when the view is older than the head (e.g. back from an offline window, whose
    // queued messages arrive before the first block hook) or the channel is not open.
    if (m_status != ChannelStatus::Open || m_scan_from <= world.block_number()) {
        refresh_chain_view(world);
    }
    if (m_status == ChannelStatus::Open)
        return true;
    Message m;
    try {
        m = decode_message(payload);
    } catch (const DecodeError&) {
        return true;  // the engine refuses it as malformed; nothing changes
    }
    if (std::holds_alternative<SyncMsg>(m) || std::holds_alternative<RejectMsg>(m))
        return true;
    if (const auto* p = std::get_if<ProposeMsg>(&m)) {
        // No usable balance before every deposit is confirmed, no update after a registration.
        send_all(world,
                 {Outgoing{from, encode_message(RejectMsg{engine().channel_id(), p->state.version,
                                                          ChannelError::NotOpen})}});
        return false;
    }
    // Completing an update already under way (Countersign, Ack, SyncReply) during a dispute is
    // useful only while a challenge with the result can still be included.
    if (m_status == ChannelStatus::Disputed && world.block_number() + 1 <= m_deadline)
        return true;
    if (m_status != ChannelStatus::None && m_status != ChannelStatus::Funding) {
        ++m_stats.late_messages_ignored;
    }
    return false;
}

bool Party::refuse_while_unsynced(sim::World& world, std::size_t from, const Bytes& payload) {
    Message m;
    try {
        m = decode_message(payload);
    } catch (const DecodeError&) {
        return false;  // the engine refuses it as malformed
    }
    const auto* p = std::get_if<ProposeMsg>(&m);
    if (!p)
        return false;
    // The very state it countersigned before the restart is answered again (the same signature:
    // nothing new is signed), or the proposer would give up a state this party waits for.
    if (const auto& c = engine().countersigned(); c && *c == p->state)
        return false;
    // Countersigning now could sign a second state for a version signed before a restore. The
    // answer is "not yet" (peer_not_synced): the proposer keeps the proposal and re-sends it, so
    // a late duplicate this party countersigns once synced still completes at the proposer.
    send_all(world,
             {Outgoing{from, encode_message(RejectMsg{engine().channel_id(), p->state.version,
                                                      ChannelError::PeerNotSynced})}});
    return true;
}

void Party::on_message(sim::World& world, sim::ActorId from, const Bytes& payload) {
    if (!m_engine || crashed())
        return;
    ++m_stats.messages_received;
    const auto idx = index_of_actor(world, from);
    if (!idx || !respond_to(*idx, payload))
        return;
    if (!admit_message(world, *idx, payload))
        return;
    if (!m_synced && refuse_while_unsynced(world, *idx, payload))
        return;
    auto h = engine().handle(*idx, payload);
    if (h.crashed) {
        ++m_stats.crashes;
        return;
    }
    hand_tower_countersigned(world);  // before the countersignature leaves
    send_all(world, h.out);
    if (engine().after_send()) {
        ++m_stats.crashes;
        return;
    }
    if (h.peer_state_seen)
        m_synced = true;
    if (h.peer_rejected) {
        ++m_stats.rejects_received;
        m_backoff_until = world.block_number() + 1 + engine().index();
        if (m_current)
            m_queue.push_front(*m_current);
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
    if (m_engine && !crashed())
        watch_chain(world);
}

void Party::on_block(sim::World& world, const l1::Block&) {
    if (!m_engine || crashed())
        return;
    watch_chain(world);
    drive_queue(world);
    if (!crashed())
        maybe_force_close(world);
}

ChannelRecord Party::refresh_chain_view(const sim::World& world) {
    const auto& e = engine();
    const std::uint64_t head = world.block_number();
    if (head + 1 < m_scan_from) {  // the world was restored to an earlier snapshot: rescan
        m_registered.reset();
        m_scan_from = 0;
    }
    if (m_scan_from <= head) {
        l1::LogFilter f;
        f.addresses = {m_adjudicator};
        f.topics[0] = {event_topic(kEventRegistered), event_topic(kEventChallenged),
                       event_topic(kEventClosed)};
        f.topics[1] = {e.channel_id()};
        f.from_block = m_scan_from;
        f.to_block = head;
        for (const auto& log : world.chain().logs(f)) {
            if (log.topics[0] == event_topic(kEventClosed)) {
                m_registered.reset();
            } else {
                m_registered = State::decode(log.data);
            }
        }
        m_scan_from = head + 1;
    }
    auto rec = record(world);
    m_status = rec.status;
    m_deadline = rec.deadline;
    if (rec.status == ChannelStatus::Open)
        m_funded_seen = true;
    return rec;
}

void Party::watch_chain(sim::World& world) {
    const auto rec = refresh_chain_view(world);
    const auto block = world.block_number();
    if (rec.status != ChannelStatus::Disputed)
        return;
    const auto& e = engine();
    const SignedState best = state_to_challenge_with();
    const auto mine = best.state.version;
    // No Sync needed to challenge: a challenge with a higher version than the registered one can
    // only help, even from a restored backup (a cheater must not be able to stall it by not
    // answering Sync).
    if (mine > rec.registered_version && block + 1 <= rec.deadline && should_challenge(rec)) {
        const std::string key = "challenge:" + std::to_string(rec.registered_version);
        bool inflight = false;
        if (auto it = m_last_tx.find(key); it != m_last_tx.end()) {
            const auto look = world.chain().lookup(it->second);
            inflight = look.status == l1::TxLookup::Status::Pending ||
                       (look.status == l1::TxLookup::Status::Included && look.receipt->success());
        }
        if (!inflight) {
            ++m_stats.challenges_submitted;
            submit_call(world, challenge_calldata(e.params(), best), 0, key);
        }
    }
    if (block + 1 > rec.deadline && m_registered) {
        const auto& reg = *m_registered;
        // Finalize when it is owed something: its balance in the registered state, or (penalty,
        // more than 2 parties) a share of another registrant's forfeit.
        const bool own = reg.balances.size() > e.index() && reg.balances[e.index()] > 0;
        const bool share = rec.penalised && *rec.penalised != e.index() &&
                           reg.balances.size() > *rec.penalised && reg.balances[*rec.penalised] > 0;
        if (own || share) {
            const std::string key = "finalize:" + std::to_string(rec.registered_version);
            bool inflight = false;
            if (auto it = m_last_tx.find(key); it != m_last_tx.end()) {
                const auto look = world.chain().lookup(it->second);
                inflight = look.status == l1::TxLookup::Status::Pending ||
                           look.status == l1::TxLookup::Status::Included;
            }
            if (!inflight)
                submit_call(world, finalize_calldata(e.params(), reg), 0, key);
        }
    }
}

void Party::maybe_force_close(sim::World& world) {
    const auto& e = engine();
    const bool waiting = e.has_pending_proposal() || e.awaiting_completion();
    if (!waiting || m_status != ChannelStatus::Open) {
        m_stalled_since.reset();
        return;
    }
    const auto block = world.block_number();
    const auto v = e.highest_signed();
    if (!m_stalled_since || m_stalled_version != v) {
        m_stalled_since = block;
        m_stalled_version = v;
        return;
    }
    if (m_force_close_after == 0 || block < *m_stalled_since + m_force_close_after || !m_synced ||
        penalty_trap()) {
        return;  // keep waiting (resend/Sync); see the penalty trap rule in party.hpp
    }
    if (auto it = m_last_tx.find("register"); it != m_last_tx.end()) {
        const auto look = world.chain().lookup(it->second);
        if (look.status == l1::TxLookup::Status::Pending)
            return;
    }
    ++m_stats.auto_force_closes;
    force_close(world);
}

void Party::drive_queue(sim::World& world) {
    if (!m_engine || crashed() || !engine().ready())
        return;
    if (m_status != ChannelStatus::Open || m_scan_from <= world.block_number()) {
        refresh_chain_view(world);
    }
    if (m_status != ChannelStatus::Open)
        return;  // no updates before funding or after a registration
    auto& e = engine();
    const auto block = world.block_number();
    if (!m_synced) {
        // Restarted (maybe from an old backup): it may have signed versions it no longer
        // remembers, so it signs nothing new until a peer has shown it is not behind.
        if (block >= m_last_progress_block + m_resend_interval) {
            m_last_progress_block = block;
            send_sync(world);
        }
        return;
    }
    if (e.has_pending_proposal() || e.awaiting_completion()) {
        if (block >= m_last_progress_block + m_resend_interval) {
            m_last_progress_block = block;
            send_all(world, e.resend());
        }
        return;
    }
    if (m_current && !e.has_pending_proposal())
        m_current.reset();  // completed or lost in a crash
    if (m_queue.empty() || block < m_backoff_until || e.latest().state.is_final)
        return;
    const Command cmd = m_queue.front();
    m_queue.pop_front();
    auto r = cmd.close ? e.propose_close() : e.pay(cmd.to, cmd.amount);
    if (!r) {
        if (r.error() == ChannelError::UpdatePending)
            m_queue.push_front(cmd);
        return;
    }
    if (cmd.close)
        m_close_requested = true;
    m_current = cmd;
    m_last_progress_block = block;
    if (r.value().crashed) {
        ++m_stats.crashes;
        return;
    }
    send_all(world, r.value().out);
    if (e.after_send())
        ++m_stats.crashes;
}

Hash32 StaleRegistrar::cheat(sim::World& world, std::optional<std::uint64_t> version) {
    const std::uint64_t v = version ? *version : choose_stale_version(world);
    bool held = false;
    for (const auto& s : engine().history())
        held = held || s.state.version == v;
    if (!held)
        throw InvalidArgument("adversary never held a fully signed state with version " +
                              std::to_string(v));
    m_cheat_version = v;
    ++m_stats.registrations_submitted;
    return submit_call(world, register_calldata(engine().params(), state_to_register(world)), 0,
                       "register");
}

Hash32 StaleRegistrar::challenge_with(sim::World& world, std::uint64_t version) {
    for (const auto& s : engine().history()) {
        if (s.state.version == version) {
            ++m_stats.challenges_submitted;
            return submit_call(world, challenge_calldata(engine().params(), s), 0,
                               "challenge_with:" + std::to_string(version));
        }
    }
    throw InvalidArgument("adversary never held a fully signed state with version " +
                          std::to_string(version));
}

std::uint64_t StaleRegistrar::choose_stale_version(sim::World& world) {
    std::vector<std::uint64_t> older;
    const auto latest = engine().latest().state.version;
    for (const auto& s : engine().history()) {
        if (s.state.version < latest)
            older.push_back(s.state.version);
    }
    if (older.empty())
        return latest;
    auto& rng = world.stream("channel/adversary/" + name());
    return older[rng.uniform(older.size())];
}

SignedState StaleRegistrar::state_to_register(sim::World& world) {
    if (!m_cheat_version)
        return Party::state_to_register(world);
    for (const auto& s : engine().history()) {
        if (s.state.version == *m_cheat_version)
            return s;
    }
    return Party::state_to_register(world);
}

void setup_channel(const sim::World& world,
                   const std::vector<std::shared_ptr<Party>>& parties,
                   const ChannelParams& params,
                   const Address& adjudicator) {
    if (parties.size() != params.size())
        throw InvalidArgument("one party per participant");
    for (std::size_t i = 0; i < parties.size(); ++i)
        parties[i]->attach(world, params, i, adjudicator);
    SignedState s0{initial_state(params, parties[0]->engine().channel_id()), {}};
    for (const auto& p : parties)
        s0.signatures.push_back(p->engine().sign_initial());
    for (const auto& p : parties) {
        if (auto r = p->engine().install_initial(s0); !r) {
            throw StateError(std::string("funding state refused: ") +
                             std::string(channel_error_name(r.error())));
        }
    }
}

}  // namespace l2lab::channel
