// Engine and Party images (save_bytes / load_bytes): strict canonical RLP. A loader decodes the
// whole image first and only then commits, so a refused image leaves the object unchanged.
#include <algorithm>
#include <limits>
#include <string_view>

#include "l2lab/channel/party.hpp"
#include "l2lab/core/error.hpp"

namespace l2lab::channel {

namespace {

constexpr std::string_view kPartyTag = "l2lab/channel/party/v2";
constexpr std::string_view kStaleTag = "l2lab/channel/stale_registrar/v1";

[[noreturn]] void bad(const rlp::Item& at, const std::string& what) {
    throw DecodeError(DecodeErrorKind::InvalidValue, at.offset(), "party image: " + what);
}

bool flag(const rlp::Item& it) {
    const auto v = it.u64_value();
    if (v > 1) bad(it, "flag must be 0 or 1");
    return v == 1;
}

Bytes opt_sig(const std::optional<crypto::Signature>& s) {
    rlp::ListBuilder b;
    if (s) b.add_bytes(s->view());
    return b.finish();
}

std::optional<crypto::Signature> read_opt_sig(const rlp::Item& it) {
    const auto& xs = it.items();
    if (xs.size() > 1) bad(it, "optional signature");
    if (xs.empty()) return std::nullopt;
    try {
        return crypto::Signature::parse(xs[0].bytes());
    } catch (const CryptoError&) {
        bad(xs[0], "signature");
    }
}

template <typename T, typename F>
Bytes opt_list(const std::optional<T>& v, F&& enc) {
    rlp::ListBuilder b;
    if (v) b.add_encoded(enc(*v));
    return b.finish();
}

const rlp::Item* read_opt(const rlp::Item& it) {
    const auto& xs = it.items();
    if (xs.size() > 1) bad(it, "optional field");
    return xs.empty() ? nullptr : &xs[0];
}

void check_fits(const rlp::Item& at, const ChannelParams& p, const Hash32& id, const State& s) {
    if (s.channel_id != id || s.balances.size() != p.size()) bad(at, "state of another channel");
}

rlp::Limits image_limits() {
    rlp::Limits l;
    l.max_depth = 8;
    l.max_input_bytes = 64u << 20;
    return l;
}

}  // namespace

// ---- Engine ----------------------------------------------------------------------------------

Bytes Engine::save_bytes() const {
    rlp::ListBuilder b;
    if (m_latest) {
        rlp::ListBuilder one;
        b.add_encoded(one.add_encoded(record().encode()).finish());
    } else {
        b.add_encoded(rlp::ListBuilder().finish());
    }
    rlp::ListBuilder hist;
    for (const auto& s : m_history) hist.add_encoded(s.encode());
    b.add_u64(m_crashed ? 1 : 0)
        .add_encoded(hist.finish())
        .add_u64(m_updates)
        .add_encoded(opt_sig(m_countersigned ? m_proposer_sig : std::nullopt))
        .add_encoded(opt_sig(m_countersigned ? m_own_sig : std::nullopt))
        .add_u64(m_proposer_index);
    return b.finish();
}

void Engine::load_bytes(BytesView bytes) {
    const auto root = rlp::decode(bytes, image_limits());
    const auto& f = root.fields(7);
    std::optional<ChannelRecordData> rec;
    if (const auto* r = read_opt(f[0])) {
        rec = ChannelRecordData::decode(r->encoded());
        if (rec->params != m_params || rec->index != m_index) bad(*r, "record of another channel or index");
        for (const auto* s : {&rec->countersigned, &rec->proposed}) {
            if (*s) check_fits(*r, m_params, m_channel_id, **s);
        }
        check_fits(*r, m_params, m_channel_id, rec->latest.state);
    }
    const bool crashed = flag(f[1]);
    std::vector<SignedState> hist;
    for (const auto& it : f[2].items()) {
        hist.push_back(SignedState::decode(it));
        check_fits(it, m_params, m_channel_id, hist.back().state);
        if (hist.back().signatures.size() != m_params.size()) bad(it, "history signatures");
    }
    const auto updates = f[3].u64_value();
    auto proposer_sig = read_opt_sig(f[4]);
    auto own_sig = read_opt_sig(f[5]);
    const auto pidx = f[6].u64_value();
    if (pidx >= m_params.size()) bad(f[6], "proposer index out of range");
    if (rec && crashed) bad(f[1], "a crashed engine holds no record");
    if ((proposer_sig || own_sig) && !(rec && rec->countersigned)) {
        bad(f[4], "countersignature data without a countersigned state");
    }
    // The signatures are also in the record (persisted): both copies must agree (canonical).
    if (rec && rec->proof &&
        (proposer_sig != rec->proof->proposer_sig || own_sig != rec->proof->own_sig ||
         pidx != rec->proof->proposer)) {
        bad(f[4], "countersignature data differs from the record's");
    }
    if (rec && rec->countersigned && !rec->proof) bad(f[4], "countersigned state without its proof");
    // Commit.
    m_latest.reset();
    m_countersigned.reset();
    m_proposed.reset();
    m_highest_signed = 0;
    if (rec) {
        m_latest = rec->latest;
        m_highest_signed = rec->highest_signed;
        m_countersigned = rec->countersigned;
        if (rec->proposed) {
            Pending p{*rec->proposed, digest(*rec->proposed), {}};
            p.sigs.assign(m_params.size(), std::nullopt);
            p.sigs[m_index] = sign(*rec->proposed);
            m_proposed = std::move(p);
        }
    }
    m_crashed = crashed;
    m_history = std::move(hist);
    m_updates = updates;
    m_proposer_sig = proposer_sig;
    m_own_sig = own_sig;
    m_proposer_index = static_cast<std::size_t>(pidx);
    m_armed.reset();
}

// ---- Party -----------------------------------------------------------------------------------

Bytes Party::save_bytes() const {
    const auto& e = engine();
    rlp::ListBuilder stats;
    stats.add_u64(m_stats.messages_sent).add_u64(m_stats.messages_received)
        .add_u64(m_stats.rejects_received).add_u64(m_stats.payments_completed)
        .add_u64(m_stats.txs_submitted).add_u64(m_stats.challenges_submitted)
        .add_u64(m_stats.registrations_submitted).add_u64(m_stats.crashes)
        .add_u64(m_stats.auto_force_closes).add_u64(m_stats.late_messages_ignored)
        .add_u256(m_stats.tower_fees_owed);
    rlp::ListBuilder txs;
    for (const auto& h : m_txs) txs.add_hash(h);
    rlp::ListBuilder last;
    for (const auto& [k, h] : m_last_tx) {
        rlp::ListBuilder kv;
        last.add_encoded(kv.add_bytes(as_bytes(k)).add_hash(h).finish());
    }
    auto cmd = [](const Command& c) {
        rlp::ListBuilder b;
        return b.add_u64(c.close ? 1 : 0).add_u64(c.to).add_u256(c.amount).finish();
    };
    rlp::ListBuilder queue;
    for (const auto& c : m_queue) queue.add_encoded(cmd(c));
    rlp::ListBuilder deps;
    for (const auto& [h, v] : m_deposits) {
        rlp::ListBuilder kv;
        deps.add_encoded(kv.add_hash(h).add_u256(v).finish());
    }
    rlp::ListBuilder flags;
    flags.add_u64(m_close_requested).add_u64(m_close_submitted).add_u64(m_funded_seen).add_u64(m_synced);
    rlp::ListBuilder timing;
    timing.add_u64(m_resend_interval).add_u64(m_last_progress_block).add_u64(m_backoff_until)
        .add_u64(m_force_close_after).add_u64(m_stalled_version);
    rlp::ListBuilder view;
    view.add_u64(static_cast<std::uint64_t>(m_status))
        .add_u64(m_deadline)
        .add_u64(m_scan_from)
        .add_encoded(opt_list(m_registered, [](const State& s) { return s.encode(); }))
        .add_encoded(opt_list(m_stalled_since, [](std::uint64_t v) { return rlp::encode_u64(v); }))
        .add_u64(m_last_known_version);
    rlp::ListBuilder tower;
    if (m_tower) tower.add_u64(*m_tower);
    tower.add_u256(m_tower_fee);
    rlp::ListBuilder out;
    return out.add_bytes(as_bytes(kPartyTag))
        .add_address(m_adjudicator)
        .add_encoded(e.save_bytes())
        .add_encoded(stats.finish())
        .add_u256(m_baseline).add_u256(m_deposited).add_u256(m_last_known_balance)
        .add_encoded(txs.finish())
        .add_encoded(last.finish())
        .add_encoded(queue.finish())
        .add_encoded(opt_list(m_current, cmd))
        .add_encoded(deps.finish())
        .add_encoded(flags.finish())
        .add_encoded(timing.finish())
        .add_encoded(view.finish())
        .add_encoded(tower.finish())
        .add_encoded(opt_list(m_tower_prev, [](const SignedState& s) { return s.encode(); }))
        .finish();
}

void Party::load_bytes(BytesView bytes) {
    auto& e = engine();
    const auto root = rlp::decode(bytes, image_limits());
    const auto& f = root.fields(17);
    const auto tag = f[0].bytes();
    if (!std::equal(tag.begin(), tag.end(), kPartyTag.begin(), kPartyTag.end())) bad(f[0], "tag");
    if (f[1].address() != m_adjudicator) bad(f[1], "image of a party at another adjudicator");
    const auto& st = f[3].fields(11);
    PartyStats stats;
    std::uint64_t* counters[] = {&stats.messages_sent, &stats.messages_received, &stats.rejects_received,
                                 &stats.payments_completed, &stats.txs_submitted, &stats.challenges_submitted,
                                 &stats.registrations_submitted, &stats.crashes, &stats.auto_force_closes,
                                 &stats.late_messages_ignored};
    for (std::size_t i = 0; i < 10; ++i) *counters[i] = st[i].u64_value();
    stats.tower_fees_owed = st[10].u256_value();
    std::vector<Hash32> txs;
    for (const auto& h : f[7].items()) txs.push_back(h.hash());
    std::map<std::string, Hash32> last;
    for (const auto& it : f[8].items()) {
        const auto& kv = it.fields(2);
        const auto k = kv[0].bytes();
        std::string key(k.begin(), k.end());
        if (!last.empty() && !(last.rbegin()->first < key)) bad(it, "transaction kinds not ascending");
        last.emplace(std::move(key), kv[1].hash());
    }
    const auto n = e.params().size();
    auto read_cmd = [&](const rlp::Item& it) {
        const auto& c = it.fields(3);
        Command out{flag(c[0]), static_cast<std::size_t>(c[1].u64_value()), c[2].u256_value()};
        if (!out.close && (out.to >= n || out.to == e.index())) bad(it, "payment recipient");
        return out;
    };
    std::deque<Command> queue;
    for (const auto& it : f[9].items()) queue.push_back(read_cmd(it));
    std::optional<Command> current;
    if (const auto* c = read_opt(f[10])) current = read_cmd(*c);
    std::map<Hash32, u256> deps;
    for (const auto& it : f[11].items()) {
        const auto& kv = it.fields(2);
        const Hash32 h = kv[0].hash();
        if (!deps.empty() && !(deps.rbegin()->first < h)) bad(it, "deposits not ascending");
        deps.emplace(h, kv[1].u256_value());
    }
    const auto& fl = f[12].fields(4);
    const auto& tm = f[13].fields(5);
    const auto& vw = f[14].fields(6);
    const auto status = vw[0].u64_value();
    if (status > static_cast<std::uint64_t>(ChannelStatus::Refunded)) bad(vw[0], "status");
    std::optional<State> registered;
    if (const auto* r = read_opt(vw[3])) {
        registered = State::decode(*r);
        check_fits(*r, e.params(), e.channel_id(), *registered);
    }
    std::optional<std::uint64_t> stalled;
    if (const auto* r = read_opt(vw[4])) stalled = r->u64_value();
    const auto& tw = f[15].items();
    if (tw.empty() || tw.size() > 2) bad(f[15], "tower field");
    std::optional<sim::ActorId> tower;
    if (tw.size() == 2) {
        const auto id = tw[0].u64_value();
        if (id > std::numeric_limits<sim::ActorId>::max()) bad(tw[0], "tower actor id");
        tower = static_cast<sim::ActorId>(id);
    }
    const u256 tower_fee = tw.back().u256_value();
    std::optional<SignedState> tower_prev;
    if (const auto* r = read_opt(f[16])) {
        tower_prev = SignedState::decode(*r);
        check_fits(*r, e.params(), e.channel_id(), tower_prev->state);
        if (tower_prev->signatures.size() != n) bad(*r, "tower state signatures");
    }
    const u256 baseline = f[4].u256_value(), deposited = f[5].u256_value(), last_known = f[6].u256_value();
    const bool b0 = flag(fl[0]), b1 = flag(fl[1]), b2 = flag(fl[2]), b3 = flag(fl[3]);
    const std::uint64_t t[5] = {tm[0].u64_value(), tm[1].u64_value(), tm[2].u64_value(), tm[3].u64_value(), tm[4].u64_value()};
    if (t[0] == 0) bad(tm[0], "resend interval 0");
    const std::uint64_t deadline = vw[1].u64_value(), scan_from = vw[2].u64_value(),
                        last_known_version = vw[5].u64_value();
    // The engine validates and commits last among the fallible steps.
    e.load_bytes(f[2].encoded());
    m_stats = stats;
    m_txs = std::move(txs);
    m_last_tx = std::move(last);
    m_queue = std::move(queue);
    m_current = current;
    m_deposits = std::move(deps);
    m_baseline = baseline;
    m_deposited = deposited;
    m_last_known_balance = last_known;
    m_last_known_version = last_known_version;
    m_close_requested = b0;
    m_close_submitted = b1;
    m_funded_seen = b2;
    m_synced = b3;
    m_resend_interval = t[0];
    m_last_progress_block = t[1];
    m_backoff_until = t[2];
    m_force_close_after = t[3];
    m_stalled_version = t[4];
    m_status = static_cast<ChannelStatus>(status);
    m_deadline = deadline;
    m_scan_from = scan_from;
    m_registered = std::move(registered);
    m_stalled_since = stalled;
    m_tower = tower;
    m_tower_fee = tower_fee;
    m_tower_prev = std::move(tower_prev);
}

std::any Party::save_state() const {
    if (!m_engine) return {};
    return save_bytes();
}

void Party::load_state(const std::any& state) {
    if (const auto* b = std::any_cast<Bytes>(&state); b && m_engine) load_bytes(*b);
}

// ---- StaleRegistrar ---------------------------------------------------------------------------

Bytes StaleRegistrar::save_bytes() const {
    rlp::ListBuilder v;
    if (m_cheat_version) v.add_u64(*m_cheat_version);
    return rlp::ListBuilder()
        .add_bytes(as_bytes(kStaleTag))
        .add_encoded(Party::save_bytes())
        .add_encoded(v.finish())
        .finish();
}

void StaleRegistrar::load_bytes(BytesView bytes) {
    rlp::Limits l = image_limits();
    l.max_depth += 1;
    const auto root = rlp::decode(bytes, l);
    const auto& f = root.fields(3);
    const auto tag = f[0].bytes();
    if (std::string_view(reinterpret_cast<const char*>(tag.data()), tag.size()) != kStaleTag) {
        bad(f[0], "not a stale registrar image");
    }
    const auto& xs = f[2].items();
    if (xs.size() > 1) bad(f[2], "optional cheat version");
    std::optional<std::uint64_t> v;
    if (!xs.empty()) v = xs[0].u64_value();
    Party::load_bytes(f[1].encoded());  // throws (party unchanged) on a bad image
    m_cheat_version = v;
}

}  // namespace l2lab::channel
