// Watchtower::save_bytes / load_bytes: the tower's whole state in one canonical RLP image.
#include <algorithm>
#include <limits>
#include <optional>
#include <string_view>

#include "l2lab/channel/watchtower.hpp"
#include "l2lab/core/error.hpp"

namespace l2lab::channel {

namespace {

constexpr std::string_view kTowerStateTag = "l2lab/tower/state/v2";

[[noreturn]] void bad(const rlp::Item& at, const std::string& what) {
    throw DecodeError(DecodeErrorKind::InvalidValue, at.offset(), "tower state: " + what);
}

}  // namespace

Bytes Watchtower::save_bytes() const {
    rlp::ListBuilder blobs;
    for (const auto& [hint, by_client] : m_blobs) {
        rlp::ListBuilder candidates;
        for (const auto& [client, ct] : by_client) {
            candidates.add_encoded(rlp::ListBuilder().add_u64(client).add_bytes(ct).finish());
        }
        rlp::ListBuilder e;
        blobs.add_encoded(e.add_bytes(BytesView(hint.data(), hint.size()))
                              .add_encoded(candidates.finish())
                              .finish());
    }
    rlp::ListBuilder breaches;
    for (const auto& [id, b] : m_breaches) {
        rlp::ListBuilder tx;
        if (b.challenge_tx) tx.add_hash(*b.challenge_tx);
        rlp::ListBuilder e;
        breaches.add_encoded(e.add_hash(id)
                                 .add_encoded(b.justice.params.encode())
                                 .add_encoded(b.justice.newer.encode())
                                 .add_encoded(tx.finish())
                                 .add_u64(b.challenged_version)
                                 .finish());
    }
    rlp::ListBuilder txs;
    for (const auto& h : m_txs) txs.add_hash(h);
    rlp::ListBuilder out;
    return out.add_bytes(as_bytes(kTowerStateTag))
        .add_address(m_adjudicator)
        .add_encoded(blobs.finish())
        .add_encoded(breaches.finish())
        .add_encoded(txs.finish())
        .add_u64(m_scan_from)
        .add_u64(m_updates)
        .add_u64(m_refused)
        .add_u64(m_breaches_detected)
        .add_u64(m_challenges)
        .add_u256(m_fees)
        .finish();
}

void Watchtower::load_bytes(BytesView bytes) {
    rlp::Limits limits;
    limits.max_depth = 6;
    limits.max_input_bytes = 64u << 20;
    const auto root = rlp::decode(bytes, limits);
    const auto& f = root.fields(11);
    const auto tag = f[0].bytes();
    if (!std::equal(tag.begin(), tag.end(), kTowerStateTag.begin(), kTowerStateTag.end())) bad(f[0], "tag");
    if (f[1].address() != m_adjudicator) bad(f[1], "image of a tower for another adjudicator");
    std::map<TowerHint, std::map<sim::ActorId, Bytes>> blobs;
    for (const auto& e : f[2].items()) {
        const auto& kv = e.fields(2);
        const auto& candidates = kv[1].items();
        if (candidates.empty()) bad(kv[1], "hint without a candidate blob");
        std::optional<TowerHint> hint;
        std::map<sim::ActorId, Bytes> by_client;
        for (const auto& c : candidates) {
            const auto& cb = c.fields(2);
            const auto client = cb[0].u64_value();
            if (client > std::numeric_limits<sim::ActorId>::max()) bad(cb[0], "client actor id");
            // Reuse the wire decoder's size rules for hint and ciphertext.
            TowerBlob b;
            try {
                b = TowerBlob::decode(rlp::ListBuilder()
                                          .add_bytes(as_bytes("l2lab/tower/blob/v1"))
                                          .add_encoded(kv[0].encoded())
                                          .add_encoded(cb[1].encoded())
                                          .finish());
            } catch (const DecodeError&) {
                bad(c, "blob entry");
            }
            const auto id = static_cast<sim::ActorId>(client);
            if (!by_client.empty() && !(by_client.rbegin()->first < id)) {
                bad(c, "candidates not in strictly ascending client order");
            }
            hint = b.hint;
            by_client.emplace(id, std::move(b.ciphertext));
        }
        if (!blobs.empty() && !(blobs.rbegin()->first < *hint)) {
            bad(e, "blobs not in strictly ascending hint order");
        }
        blobs.emplace(*hint, std::move(by_client));
    }
    std::map<Hash32, Breach> breaches;
    for (const auto& e : f[3].items()) {
        const auto& g = e.fields(5);
        const Hash32 id = g[0].hash();
        Breach b{JusticeData{ChannelParams::decode(g[1]), SignedState::decode(g[2])}, std::nullopt,
                 g[4].u64_value()};
        if (b.justice.newer.state.channel_id != id ||
            b.justice.newer.state.balances.size() != b.justice.params.size() ||
            b.justice.newer.signatures.size() != b.justice.params.size()) {
            bad(e, "breach state does not fit its channel");
        }
        const auto& tx = g[3].items();
        if (tx.size() > 1) bad(g[3], "at most one challenge transaction");
        if (tx.size() == 1) b.challenge_tx = tx[0].hash();
        if (!breaches.empty() && !(breaches.rbegin()->first < id)) bad(e, "breaches not in ascending id order");
        breaches.emplace(id, std::move(b));
    }
    std::vector<Hash32> txs;
    for (const auto& h : f[4].items()) txs.push_back(h.hash());
    const auto scan_from = f[5].u64_value();
    const auto updates = f[6].u64_value(), refused = f[7].u64_value(), detected = f[8].u64_value(),
               challenges = f[9].u64_value();
    const u256 fees = f[10].u256_value();
    // Everything decoded: commit.
    m_blobs = std::move(blobs);
    m_breaches = std::move(breaches);
    m_txs = std::move(txs);
    m_scan_from = scan_from;
    m_updates = updates;
    m_refused = refused;
    m_breaches_detected = detected;
    m_challenges = challenges;
    m_fees = fees;
}

void Watchtower::load_state(const std::any& state) {
    if (const auto* b = std::any_cast<Bytes>(&state)) load_bytes(*b);
}

}  // namespace l2lab::channel
