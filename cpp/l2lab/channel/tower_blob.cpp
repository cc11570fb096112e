#include "l2lab/channel/tower_blob.hpp"

#include <algorithm>
#include <string_view>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::channel {

namespace {

constexpr std::string_view kBlobTag = "l2lab/tower/blob/v1";
constexpr std::size_t kTagBytes = 16;

Hash32 tagged(std::string_view tag, BytesView data) {
    Bytes pre(tag.begin(), tag.end());
    pre.insert(pre.end(), data.begin(), data.end());
    return crypto::keccak256(pre);
}

Hash32 blob_key(const crypto::Signature& sig) { return tagged("l2lab/tower/key/v1", sig.view()); }

void apply_keystream(const Hash32& key, Bytes& data) {
    Bytes pre(key.bytes.begin(), key.bytes.end());
    pre.insert(pre.end(), {'e', 'n', 'c'});
    const std::size_t counter_at = pre.size();
    pre.resize(counter_at + 8);
    for (std::size_t block = 0; block * 32 < data.size(); ++block) {
        for (int i = 0; i < 8; ++i) pre[counter_at + i] = static_cast<std::uint8_t>(block >> (56 - 8 * i));
        const Hash32 ks = crypto::keccak256(pre);
        for (std::size_t j = 0; j < 32 && block * 32 + j < data.size(); ++j) data[block * 32 + j] ^= ks.bytes[j];
    }
}

std::array<std::uint8_t, kTagBytes> mac(const Hash32& key, BytesView ct) {
    Bytes pre(key.bytes.begin(), key.bytes.end());
    pre.insert(pre.end(), {'m', 'a', 'c'});
    pre.insert(pre.end(), ct.begin(), ct.end());
    const Hash32 h = crypto::keccak256(pre);
    std::array<std::uint8_t, kTagBytes> t{};
    std::copy_n(h.bytes.begin(), kTagBytes, t.begin());
    return t;
}

bool valid_ciphertext_size(std::size_t n) {
    return n > kTagBytes && n <= kMaxTowerBlobBytes && (n - kTagBytes) % kTowerBlobBucket == 0;
}

}  // namespace

TowerHint tower_hint(const crypto::Signature& sig) {
    const Hash32 h = tagged("l2lab/tower/hint/v1", sig.view());
    TowerHint out{};
    std::copy_n(h.bytes.begin(), kTowerHintBytes, out.begin());
    return out;
}

TowerBlob make_tower_blob(const crypto::Signature& own_sig, const ChannelParams& params,
                          const SignedState& newer) {
    rlp::ListBuilder b;
    return seal_tower_payload(own_sig,
                              b.add_encoded(params.encode()).add_encoded(newer.encode()).finish());
}

TowerBlob seal_tower_payload(const crypto::Signature& own_sig, BytesView payload) {
    const std::size_t body = 4 + payload.size();
    const std::size_t padded = (body + kTowerBlobBucket - 1) / kTowerBlobBucket * kTowerBlobBucket;
    if (padded + kTagBytes > kMaxTowerBlobBytes) throw InvalidArgument("tower blob too large");
    Bytes pt(padded, 0);
    for (int i = 0; i < 4; ++i) pt[i] = static_cast<std::uint8_t>(payload.size() >> (24 - 8 * i));
    std::copy(payload.begin(), payload.end(), pt.begin() + 4);
    const Hash32 key = blob_key(own_sig);
    apply_keystream(key, pt);
    const auto t = mac(key, pt);
    pt.insert(pt.end(), t.begin(), t.end());
    return TowerBlob{tower_hint(own_sig), std::move(pt)};
}

std::optional<JusticeData> open_tower_blob(const crypto::Signature& sig, BytesView ciphertext) {
    if (!valid_ciphertext_size(ciphertext.size())) return std::nullopt;
    const Hash32 key = blob_key(sig);
    const BytesView ct = ciphertext.subspan(0, ciphertext.size() - kTagBytes);
    const auto t = mac(key, ct);
    if (!std::equal(t.begin(), t.end(), ciphertext.begin() + ct.size())) return std::nullopt;
    Bytes pt(ct.begin(), ct.end());
    apply_keystream(key, pt);
    std::size_t len = 0;
    for (int i = 0; i < 4; ++i) len = (len << 8) | pt[i];
    if (len > pt.size() - 4) return std::nullopt;
    if (std::any_of(pt.begin() + 4 + static_cast<std::ptrdiff_t>(len), pt.end(), [](std::uint8_t x) { return x != 0; })) {
        return std::nullopt;
    }
    try {
        rlp::Limits limits;
        limits.max_depth = 4;
        limits.max_input_bytes = kMaxTowerBlobBytes;
        const auto root = rlp::decode(BytesView(pt).subspan(4, len), limits);
        const auto& f = root.fields(2);
        JusticeData j{ChannelParams::decode(f[0]), SignedState::decode(f[1])};
        return j;
    } catch (const DecodeError&) {
        return std::nullopt;
    }
}

Bytes TowerBlob::encode() const {
    rlp::ListBuilder b;
    return b.add_bytes(as_bytes(kBlobTag)).add_bytes(BytesView(hint.data(), hint.size())).add_bytes(ciphertext).finish();
}

TowerBlob TowerBlob::decode(BytesView bytes) {
    rlp::Limits limits;
    limits.max_depth = 1;
    limits.max_input_bytes = kMaxTowerBlobBytes + 128;
    const auto root = rlp::decode(bytes, limits);
    const auto& f = root.fields(3);
    const auto tag = f[0].bytes();
    if (!std::equal(tag.begin(), tag.end(), kBlobTag.begin(), kBlobTag.end())) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[0].offset(), "not a tower blob");
    }
    const auto h = f[1].bytes();
    if (h.size() != kTowerHintBytes) throw DecodeError(DecodeErrorKind::InvalidValue, f[1].offset(), "hint must be 16 bytes");
    const auto ct = f[2].bytes();
    if (!valid_ciphertext_size(ct.size())) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[2].offset(), "ciphertext size");
    }
    TowerBlob out;
    std::copy(h.begin(), h.end(), out.hint.begin());
    out.ciphertext.assign(ct.begin(), ct.end());
    return out;
}

}  // namespace l2lab::channel
