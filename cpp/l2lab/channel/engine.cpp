#include "l2lab/channel/engine.hpp"

#include <string>

#include "l2lab/core/error.hpp"

namespace l2lab::channel {

std::string_view crash_point_name(CrashPoint p) {
    switch (p) {
        case CrashPoint::BeforePersist: return "before_persist";
        case CrashPoint::AfterPersist: return "after_persist";
        case CrashPoint::AfterSend: return "after_send";
    }
    return "unknown";
}

Engine::Engine(ChannelParams params, std::size_t index, crypto::PrivateKey key,
               std::uint64_t chain_id, Address adjudicator, std::shared_ptr<Store> store)
    : m_params(std::move(params)), m_index(index), m_key(std::move(key)), m_chain_id(chain_id),
      m_adjudicator(adjudicator), m_store(std::move(store)) {
    m_params.validate();
    if (m_index >= m_params.size()) throw InvalidArgument("participant index out of range");
    if (m_key.address() != m_params.participants[m_index]) {
        throw InvalidArgument("key does not belong to participant " + std::to_string(m_index));
    }
    if (!m_store) throw InvalidArgument("store must not be null");
    m_channel_id = m_params.channel_id(m_chain_id, m_adjudicator);
}

Hash32 Engine::digest(const State& s) const { return state_digest(m_chain_id, m_adjudicator, s); }
crypto::Signature Engine::sign(const State& s) const { return m_key.sign(digest(s)); }

crypto::Signature Engine::sign_initial() { return sign(initial_state(m_params, m_channel_id)); }

Result<Unit, ChannelError> Engine::install_initial(const SignedState& s) {
    if (s.state != initial_state(m_params, m_channel_id)) return reject(ChannelError::WrongChannel);
    if (auto r = check_signatures(m_params, digest(s.state), s.signatures); !r) return r;
    m_latest = s;
    m_history = {s};
    m_highest_signed = 0;
    m_crashed = false;
    persist();
    return Unit{};
}

const SignedState& Engine::latest() const {
    if (!ready()) throw StateError("engine has no latest state (not installed or crashed)");
    return *m_latest;
}

bool Engine::awaiting_completion() const noexcept {
    return m_latest && m_countersigned && m_countersigned->version > m_latest->state.version;
}

std::optional<SignedState> Engine::completed_countersigned() const {
    if (!awaiting_completion() || !m_proposer_sig || !m_own_sig || m_params.size() != 2 ||
        m_proposer_index == m_index) {
        return std::nullopt;
    }
    SignedState s{*m_countersigned, {*m_own_sig, *m_own_sig}};
    s.signatures[m_proposer_index] = *m_proposer_sig;
    return s;
}

ChannelRecordData Engine::record() const {
    ChannelRecordData r{m_params, m_index, *m_latest, m_highest_signed, m_countersigned,
                        m_proposed ? std::optional<State>(m_proposed->state) : std::nullopt,
                        std::nullopt};
    if (m_countersigned && m_proposer_sig && m_own_sig) {
        r.proof = CountersignProof{m_proposer_index, *m_proposer_sig, *m_own_sig};
    }
    return r;
}

void Engine::persist() {
    maybe_crash(CrashPoint::BeforePersist);
    m_store->write(record().encode());
    maybe_crash(CrashPoint::AfterPersist);
}

void Engine::maybe_crash(CrashPoint p) {
    if (m_armed && *m_armed == p) {
        if (m_armed_skip > 0) {
            --m_armed_skip;
            return;
        }
        m_armed.reset();
        crash();
        throw Crash{};
    }
}

bool Engine::after_send() {
    if (m_armed && *m_armed == CrashPoint::AfterSend && !m_crashed) {
        if (m_armed_skip > 0) {
            --m_armed_skip;
            return false;
        }
        m_armed.reset();
        crash();
        return true;
    }
    return false;
}

void Engine::crash() {
    m_crashed = true;
    m_latest.reset();
    m_countersigned.reset();
    m_proposer_sig.reset();
    m_own_sig.reset();
    m_proposed.reset();
    m_highest_signed = 0;
    m_store->on_crash();
}

bool Engine::recover() {
    const auto bytes = m_store->read();
    if (!bytes) return false;
    ChannelRecordData r;
    try {
        r = ChannelRecordData::decode(*bytes);
    } catch (const DecodeError&) {
        return false;
    }
    if (r.params != m_params || r.index != m_index) return false;
    m_latest = r.latest;
    m_highest_signed = r.highest_signed;
    m_countersigned = r.countersigned;
    m_proposer_sig.reset();
    m_own_sig.reset();
    m_proposer_index = 0;
    if (r.proof) {
        m_proposer_index = r.proof->proposer;
        m_proposer_sig = r.proof->proposer_sig;
        m_own_sig = r.proof->own_sig;
    }
    m_proposed.reset();
    if (r.proposed) {
        Pending p{*r.proposed, digest(*r.proposed), {}};
        p.sigs.assign(m_params.size(), std::nullopt);
        p.sigs[m_index] = sign(*r.proposed);  // same state, deterministic RFC 6979 signature
        m_proposed = std::move(p);
    }
    if (m_history.empty() || m_history.back().state.version < m_latest->state.version) {
        m_history.push_back(*m_latest);
    }
    m_crashed = false;
    return true;
}

Outgoing Engine::reject_to(std::size_t to, std::uint64_t version, ChannelError e) const {
    return {to, encode_message(RejectMsg{m_channel_id, version, e})};
}

Result<Handled, ChannelError> Engine::pay(std::size_t to, const u256& amount) {
    if (to >= m_params.size() || to == m_index) {
        throw InvalidArgument("payment recipient must be another participant index");
    }
    if (!ready()) throw StateError("engine not ready (not installed or crashed)");
    State next = m_latest->state;
    if (amount > next.balances[m_index]) return reject(ChannelError::InsufficientBalance);
    next.balances[m_index] -= amount;
    next.balances[to] += amount;
    return start_proposal(std::move(next));
}

Result<Handled, ChannelError> Engine::propose_close() {
    if (!ready()) throw StateError("engine not ready (not installed or crashed)");
    State next = m_latest->state;
    next.is_final = true;
    return start_proposal(std::move(next));
}

Result<Handled, ChannelError> Engine::propose(State next) {
    if (!ready()) throw StateError("engine not ready (not installed or crashed)");
    return start_proposal(std::move(next));
}

Result<Handled, ChannelError> Engine::start_proposal(State next) {
    if (m_proposed) return reject(ChannelError::UpdatePending);
    if (m_latest->state.is_final) return reject(ChannelError::ChannelFinal);
    next.channel_id = m_channel_id;
    next.version = std::max(m_latest->state.version, m_highest_signed) + 1;
    if (auto e = validate_proposal(m_index, next)) return reject(*e);
    Handled h;
    try {
        Pending p{next, digest(next), {}};
        p.sigs.assign(m_params.size(), std::nullopt);
        p.sigs[m_index] = m_key.sign(p.digest);
        m_proposed = p;
        m_highest_signed = next.version;
        persist();
        const Bytes msg = encode_message(ProposeMsg{next, *p.sigs[m_index]});
        for (std::size_t i = 0; i < m_params.size(); ++i) {
            if (i != m_index) h.out.push_back({i, msg});
        }
    } catch (const Crash&) {
        h.out.clear();
        h.crashed = true;
    }
    return h;
}

std::optional<ChannelError> Engine::validate_proposal(std::size_t from, const State& s) const {
    if (m_latest->state.is_final) return ChannelError::ChannelFinal;
    if (auto r = check_state_shape(m_params, m_channel_id, s); !r) return r.error();
    const auto& cur = m_latest->state.balances;
    if (s.is_final) {
        if (s.balances != cur) return ChannelError::PaymentNotAllowed;
    } else {
        for (std::size_t i = 0; i < cur.size(); ++i) {
            if (i != from && s.balances[i] < cur[i]) return ChannelError::PaymentNotAllowed;
        }
    }
    return std::nullopt;
}

Handled Engine::handle(std::size_t from, BytesView payload) {
    if (from >= m_params.size()) throw InvalidArgument("sender index out of range");
    Handled h;
    if (!ready()) return h;  // crashed or not installed: deaf
    Message m;
    try {
        m = decode_message(payload);
    } catch (const DecodeError&) {
        h.rejected = ChannelError::MalformedInput;
        return h;
    }
    try {
        std::visit(
            [&](const auto& msg) {
                using T = std::decay_t<decltype(msg)>;
                if constexpr (std::is_same_v<T, ProposeMsg>) {
                    on_propose(from, msg, h);
                } else if constexpr (std::is_same_v<T, CountersignMsg>) {
                    on_countersign(from, msg, h);
                } else if constexpr (std::is_same_v<T, AckMsg> || std::is_same_v<T, SyncReplyMsg>) {
                    on_full_state(msg.state, h);
                } else if constexpr (std::is_same_v<T, RejectMsg>) {
                    // peer_not_synced means "not yet" (a restarted peer signs nothing until
                    // it has synced): the proposal stays pending and resend() offers it again.
                    // Giving it up would leave a signed proposal whose late duplicate the
                    // synced peer could still countersign.
                    if (msg.channel_id == m_channel_id && m_proposed &&
                        m_proposed->state.version == msg.version &&
                        msg.reason != ChannelError::PeerNotSynced) {
                        m_proposed.reset();
                        h.peer_rejected = msg.reason;
                        persist();
                    }
                } else {
                    static_assert(std::is_same_v<T, SyncMsg>);
                    on_sync(from, msg, h);
                }
            },
            m);
    } catch (const Crash&) {
        h.out.clear();
        h.crashed = true;
    }
    return h;
}

void Engine::on_propose(std::size_t from, const ProposeMsg& m, Handled& h) {
    const State& s = m.state;
    auto refuse = [&](ChannelError e) {
        h.rejected = e;
        h.out.push_back(reject_to(from, s.version, e));
    };
    if (s.channel_id != m_channel_id) return refuse(ChannelError::WrongChannel);
    const Hash32 d = digest(s);
    const auto who = crypto::recover_address(d, m.signature);
    if (!who || *who != m_params.participants[from]) return refuse(ChannelError::InvalidSignature);
    if (m_countersigned && *m_countersigned == s) {  // a re-sent proposal: answer again
        h.out.push_back({from, encode_message(CountersignMsg{m_channel_id, s.version, d, sign(s)})});
        return;
    }
    if (s.version <= std::max(m_latest->state.version, m_highest_signed)) {
        return refuse(m_proposed ? ChannelError::UpdatePending : ChannelError::VersionNotHigher);
    }
    if (auto e = validate_proposal(from, s)) return refuse(*e);
    m_countersigned = s;
    m_highest_signed = s.version;
    m_proposer_sig = m.signature;
    m_proposer_index = from;
    m_own_sig = m_key.sign(d);
    persist();
    h.out.push_back({from, encode_message(CountersignMsg{m_channel_id, s.version, d, *m_own_sig})});
}

void Engine::on_countersign(std::size_t from, const CountersignMsg& m, Handled& h) {
    if (!m_proposed || m.channel_id != m_channel_id || m.version != m_proposed->state.version ||
        m.digest != m_proposed->digest) {
        return;  // stale or unrelated: ignore
    }
    const auto who = crypto::recover_address(m.digest, m.signature);
    if (!who || *who != m_params.participants[from]) {
        h.rejected = ChannelError::InvalidSignature;
        return;
    }
    m_proposed->sigs[from] = m.signature;
    for (const auto& s : m_proposed->sigs) {
        if (!s) return;
    }
    SignedState full{m_proposed->state, {}};
    for (const auto& s : m_proposed->sigs) full.signatures.push_back(*s);
    m_proposed.reset();
    adopt(full, h);
    const Bytes ack = encode_message(AckMsg{full});
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        if (i != m_index) h.out.push_back({i, ack});
    }
}

void Engine::on_full_state(const SignedState& s, Handled& h) {
    if (s.state.channel_id != m_channel_id) return;
    // A peer's state no newer than ours tells us the peer is not ahead; a newer one counts only
    // once adopted (a forged one must not end a restarted party's wait for a sync).
    if (s.state.version <= m_latest->state.version) {
        h.peer_state_seen = true;
        return;
    }
    if (!check_state_shape(m_params, m_channel_id, s.state) ||
        s.signatures.size() != m_params.size()) {
        h.rejected = ChannelError::WrongParticipantCount;
        return;
    }
    const bool known = m_countersigned && *m_countersigned == s.state;
    std::optional<Hash32> d;  // computed only when a signature still needs recovering
    for (std::size_t i = 0; i < s.signatures.size(); ++i) {
        // A signature already checked when countersigning needs no second recovery, but only in
        // its own slot: a proposer's signature copied into another participant's slot is not
        // that participant's signature (an Ack [sig_A, sig_A] must be refused).
        if (known && i == m_index && m_own_sig && s.signatures[i] == *m_own_sig) continue;
        if (known && i == m_proposer_index && m_proposer_sig &&
            s.signatures[i] == *m_proposer_sig) {
            continue;
        }
        if (!d) d = digest(s.state);
        const auto who = crypto::recover_address(*d, s.signatures[i]);
        if (!who || *who != m_params.participants[i]) {
            h.rejected = ChannelError::InvalidSignature;
            return;
        }
    }
    h.peer_state_seen = true;
    adopt(s, h);
}

void Engine::adopt(const SignedState& s, Handled& h) {
    m_latest = s;
    m_history.push_back(s);
    ++m_updates;
    if (m_countersigned && m_countersigned->version <= s.state.version) {
        m_countersigned.reset();
        m_proposer_sig.reset();
        m_own_sig.reset();
        m_proposer_index = 0;
    }
    if (m_proposed && m_proposed->state.version <= s.state.version) m_proposed.reset();
    m_highest_signed = std::max(m_highest_signed, s.state.version);
    h.updated = true;
    persist();
}

void Engine::on_sync(std::size_t from, const SyncMsg& m, Handled& h) const {
    if (m.channel_id != m_channel_id) return;
    // Answered even when ours is older: a restarted peer learns that we are not ahead of it.
    h.out.push_back({from, encode_message(SyncReplyMsg{*m_latest})});
}

std::vector<Outgoing> Engine::resend() const {
    std::vector<Outgoing> out;
    if (!ready()) return out;
    if (m_proposed) {
        const auto& own = m_proposed->sigs[m_index];
        const Bytes msg = encode_message(ProposeMsg{m_proposed->state, *own});
        for (std::size_t i = 0; i < m_params.size(); ++i) {
            if (i != m_index && !m_proposed->sigs[i]) out.push_back({i, msg});
        }
    } else if (awaiting_completion()) {
        const Bytes msg = encode_message(SyncMsg{m_channel_id, m_latest->state.version});
        for (std::size_t i = 0; i < m_params.size(); ++i) {
            if (i != m_index) out.push_back({i, msg});
        }
    }
    return out;
}

}  // namespace l2lab::channel
