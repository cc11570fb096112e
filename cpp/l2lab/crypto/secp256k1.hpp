#pragma once
/// \file secp256k1.hpp
/// secp256k1 keys and recoverable ECDSA through libsecp256k1, Ethereum-shaped:
/// 65-byte signatures r(32) || s(32) || v(1) with v the recovery id in {0, 1}; low-s (s <= n/2)
/// is produced by sign() and required by verify()/recover(); address = keccak256(x || y)[12:].

#include <array>
#include <optional>
#include <string>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"

namespace l2lab::crypto {

/// Uncompressed public key without the 0x04 prefix: x(32) || y(32).
struct PublicKey {
    std::array<std::uint8_t, 64> xy{};

    /// Parse 33-byte compressed, 65-byte uncompressed (0x04 prefix) or 64-byte raw x||y.
    /// Throws CryptoError when the bytes are not a point on the curve, InvalidArgument on length.
    static PublicKey parse(BytesView bytes);
    /// 33-byte SEC1 compressed form.
    Bytes compressed() const;
    /// 65-byte SEC1 uncompressed form (0x04 || x || y).
    Bytes uncompressed() const;
    /// Ethereum address: last 20 bytes of keccak256(x || y).
    Address address() const;
    auto operator<=>(const PublicKey&) const = default;
};

/// 65-byte recoverable ECDSA signature r || s || v, v in {0, 1}.
struct Signature {
    std::array<std::uint8_t, 65> bytes{};

    /// Exactly 65 bytes with v in {0, 1}; r and s in [1, n-1]; s <= n/2 (low-s).
    /// Throws CryptoError naming the problem (length, v, range, high-s).
    static Signature parse(BytesView bytes);
    u256 r() const;
    u256 s() const;
    std::uint8_t v() const { return bytes[64]; }
    BytesView view() const { return {bytes.data(), 65}; }
    auto operator<=>(const Signature&) const = default;
};

/// A secp256k1 secret scalar in [1, n-1].
class PrivateKey {
public:
    /// From an integer. Throws CryptoError when `d` is 0 or >= the group order n.
    static PrivateKey from_int(const u256& d);
    /// From 32 big-endian bytes. Same validity rule as from_int.
    static PrivateKey from_bytes(BytesView secret32);
    /// Deterministic key from arbitrary seed bytes: the first valid keccak256(seed || counter_be4).
    static PrivateKey from_seed(BytesView seed);
    /// Fresh key from OpenSSL's CSPRNG (RAND_bytes). Not deterministic: never use inside a World.
    static PrivateKey random();

    u256 to_int() const;
    std::array<std::uint8_t, 32> secret() const { return m_secret; }
    const PublicKey& public_key() const { return m_public; }
    const Address& address() const { return m_address; }

    /// Recoverable ECDSA signature of a 32-byte digest (RFC 6979 nonce, low-s).
    Signature sign(const Hash32& digest) const;

private:
    explicit PrivateKey(const std::array<std::uint8_t, 32>& secret);
    std::array<std::uint8_t, 32> m_secret{};
    PublicKey m_public;
    Address m_address;
};

/// Public key that produced `sig` over `digest`, or nullopt if recovery fails or s is high.
std::optional<PublicKey> recover(const Hash32& digest, const Signature& sig);
/// Address of the recovered key, or nullopt. This is what L1 contracts charge 3000 gas for.
std::optional<Address> recover_address(const Hash32& digest, const Signature& sig);
/// True when `sig` is a valid low-s signature of `digest` by `key` (v is ignored).
bool verify(const PublicKey& key, const Hash32& digest, const Signature& sig);

}  // namespace l2lab::crypto
