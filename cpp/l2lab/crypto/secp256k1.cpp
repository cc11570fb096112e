#include "l2lab/crypto/secp256k1.hpp"

#include <openssl/rand.h>
#include <secp256k1_recovery.h>

#include <cstring>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/secp256k1_context.hpp"

namespace l2lab::crypto {
namespace {
using detail::compare_be32;
using detail::is_zero32;
using detail::kGroupOrder;
using detail::kHalfGroupOrder;
using detail::secp_context;

PublicKey from_secp_pubkey(const secp256k1_pubkey& pk) {
    unsigned char out[65];
    std::size_t len = sizeof out;
    secp256k1_ec_pubkey_serialize(secp_context(), out, &len, &pk, SECP256K1_EC_UNCOMPRESSED);
    PublicKey key;
    std::memcpy(key.xy.data(), out + 1, 64);
    return key;
}

// A PublicKey is only ever built from a point libsecp256k1 produced or validated, so parsing its
// own serialization back cannot fail unless a caller wrote garbage into `xy` directly.
bool to_secp_pubkey(const PublicKey& key, secp256k1_pubkey& out) {
    unsigned char buf[65];
    buf[0] = 0x04;
    std::memcpy(buf + 1, key.xy.data(), 64);
    return secp256k1_ec_pubkey_parse(secp_context(), &out, buf, 65) == 1;
}

// The structural checks shared by parse() and the verifying functions; nullptr when acceptable.
const char* signature_problem(const std::uint8_t* sig65) {
    if (sig65[64] > 1)
        return "recovery id v must be 0 or 1";
    if (is_zero32(sig65) || compare_be32(sig65, kGroupOrder.data()) >= 0) {
        return "r is out of range [1, n-1]";
    }
    if (is_zero32(sig65 + 32) || compare_be32(sig65 + 32, kGroupOrder.data()) >= 0) {
        return "s is out of range [1, n-1]";
    }
    if (compare_be32(sig65 + 32, kHalfGroupOrder.data()) > 0) {
        return "s is high (s > n/2); only low-s signatures are valid";
    }
    return nullptr;
}

}  // namespace

// ---- PublicKey ---------------------------------------------------------------------------------

PublicKey PublicKey::parse(BytesView bytes) {
    unsigned char buf[65];
    std::size_t len = bytes.size();
    if (len == 64) {
        buf[0] = 0x04;
        std::memcpy(buf + 1, bytes.data(), 64);
        len = 65;
    } else if (len == 65) {
        // libsecp256k1 also accepts the rarely used "hybrid" 0x06/0x07 form; SEC1 uncompressed
        // keys in Ethereum are always 0x04, so anything else is refused here.
        if (bytes[0] != 0x04) {
            throw CryptoError("public key: 65-byte key must start with 0x04 (uncompressed)");
        }
        std::memcpy(buf, bytes.data(), 65);
    } else if (len == 33) {
        if (bytes[0] != 0x02 && bytes[0] != 0x03) {
            throw CryptoError("public key: 33-byte key must start with 0x02 or 0x03 (compressed)");
        }
        std::memcpy(buf, bytes.data(), 33);
    } else {
        throw InvalidArgument("public key must be 33, 64 or 65 bytes, got " +
                              std::to_string(bytes.size()));
    }
    secp256k1_pubkey pk;
    if (secp256k1_ec_pubkey_parse(secp_context(), &pk, buf, len) != 1) {
        throw CryptoError("public key: bytes are not a point on secp256k1");
    }
    return from_secp_pubkey(pk);
}

Bytes PublicKey::compressed() const {
    Bytes out(33);
    out[0] = (xy[63] & 1) ? 0x03 : 0x02;
    std::memcpy(out.data() + 1, xy.data(), 32);
    return out;
}

Bytes PublicKey::uncompressed() const {
    Bytes out(65);
    out[0] = 0x04;
    std::memcpy(out.data() + 1, xy.data(), 64);
    return out;
}

Address PublicKey::address() const {
    const Hash32 h = keccak256(BytesView(xy.data(), 64));
    Address a;
    std::memcpy(a.bytes.data(), h.bytes.data() + 12, 20);
    return a;
}

// ---- Signature ---------------------------------------------------------------------------------

Signature Signature::parse(BytesView bytes) {
    if (bytes.size() != 65) {
        throw CryptoError("signature must be 65 bytes (r || s || v), got " +
                          std::to_string(bytes.size()));
    }
    if (const char* problem = signature_problem(bytes.data())) {
        throw CryptoError(std::string("signature: ") + problem);
    }
    Signature sig;
    std::memcpy(sig.bytes.data(), bytes.data(), 65);
    return sig;
}

u256 Signature::r() const {
    return from_be(std::span<const std::uint8_t>(bytes.data(), 32));
}
u256 Signature::s() const {
    return from_be(std::span<const std::uint8_t>(bytes.data() + 32, 32));
}

// ---- PrivateKey --------------------------------------------------------------------------------

PrivateKey::PrivateKey(const std::array<std::uint8_t, 32>& secret) : m_secret(secret) {
    secp256k1_pubkey pk;
    if (secp256k1_ec_pubkey_create(secp_context(), &pk, m_secret.data()) != 1) {
        throw CryptoError("private key: secret is not in [1, n-1]");
    }
    m_public = from_secp_pubkey(pk);
    m_address = m_public.address();
}

PrivateKey PrivateKey::from_int(const u256& d) {
    if (d == 0)
        throw CryptoError("private key must be in [1, n-1], got 0");
    const auto be = to_be32(d);
    if (compare_be32(be.data(), kGroupOrder.data()) >= 0) {
        throw CryptoError("private key must be in [1, n-1], got a value >= the group order n");
    }
    return PrivateKey(be);
}

PrivateKey PrivateKey::from_bytes(BytesView secret32) {
    if (secret32.size() != 32) {
        throw InvalidArgument("private key must be 32 bytes, got " +
                              std::to_string(secret32.size()));
    }
    std::array<std::uint8_t, 32> s{};
    std::memcpy(s.data(), secret32.data(), 32);
    if (is_zero32(s.data()))
        throw CryptoError("private key must be in [1, n-1], got 0");
    if (compare_be32(s.data(), kGroupOrder.data()) >= 0) {
        throw CryptoError("private key must be in [1, n-1], got a value >= the group order n");
    }
    return PrivateKey(s);
}

PrivateKey PrivateKey::from_seed(BytesView seed) {
    Bytes buf(seed.begin(), seed.end());
    buf.resize(seed.size() + 4);
    for (std::uint32_t counter = 0;; ++counter) {
        buf[seed.size() + 0] = static_cast<std::uint8_t>(counter >> 24);
        buf[seed.size() + 1] = static_cast<std::uint8_t>(counter >> 16);
        buf[seed.size() + 2] = static_cast<std::uint8_t>(counter >> 8);
        buf[seed.size() + 3] = static_cast<std::uint8_t>(counter);
        const Hash32 h = keccak256(buf);
        if (detail::valid_secret(h.bytes.data()))
            return PrivateKey(h.bytes);
    }
}

PrivateKey PrivateKey::random() {
    std::array<std::uint8_t, 32> s{};
    do {
        if (RAND_bytes(s.data(), 32) != 1)
            throw CryptoError("OpenSSL RAND_bytes failed");
    } while (!detail::valid_secret(s.data()));
    return PrivateKey(s);
}

u256 PrivateKey::to_int() const {
    return from_be(m_secret);
}

Signature PrivateKey::sign(const Hash32& digest) const {
    secp256k1_ecdsa_recoverable_signature rsig;
    // nullptr nonce function = RFC 6979; libsecp256k1 always returns the low-s form.
    if (secp256k1_ecdsa_sign_recoverable(secp_context(), &rsig, digest.bytes.data(),
                                         m_secret.data(), nullptr, nullptr) != 1) {
        throw CryptoError("ecdsa sign failed");
    }
    Signature sig;
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(secp_context(), sig.bytes.data(),
                                                            &recid, &rsig);
    sig.bytes[64] = static_cast<std::uint8_t>(recid);
    return sig;
}

// ---- verification ------------------------------------------------------------------------------

std::optional<PublicKey> recover(const Hash32& digest, const Signature& sig) {
    if (signature_problem(sig.bytes.data()) != nullptr)
        return std::nullopt;
    secp256k1_ecdsa_recoverable_signature rsig;
    if (secp256k1_ecdsa_recoverable_signature_parse_compact(secp_context(), &rsig, sig.bytes.data(),
                                                            sig.bytes[64]) != 1) {
        return std::nullopt;
    }
    secp256k1_pubkey pk;
    if (secp256k1_ecdsa_recover(secp_context(), &pk, &rsig, digest.bytes.data()) != 1) {
        return std::nullopt;
    }
    return from_secp_pubkey(pk);
}

std::optional<Address> recover_address(const Hash32& digest, const Signature& sig) {
    auto key = recover(digest, sig);
    if (!key)
        return std::nullopt;
    return key->address();
}

bool verify(const PublicKey& key, const Hash32& digest, const Signature& sig) {
    const std::uint8_t* b = sig.bytes.data();
    // v plays no part in verification, so only the r and s checks apply.
    if (is_zero32(b) || compare_be32(b, kGroupOrder.data()) >= 0)
        return false;
    if (is_zero32(b + 32) || compare_be32(b + 32, kHalfGroupOrder.data()) > 0)
        return false;
    secp256k1_ecdsa_signature esig;
    if (secp256k1_ecdsa_signature_parse_compact(secp_context(), &esig, b) != 1)
        return false;
    secp256k1_pubkey pk;
    if (!to_secp_pubkey(key, pk))
        return false;
    return secp256k1_ecdsa_verify(secp_context(), &esig, digest.bytes.data(), &pk) == 1;
}

}  // namespace l2lab::crypto
