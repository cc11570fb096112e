#pragma once
/// \file schnorr.hpp
/// BIP340 Schnorr signatures over secp256k1 through libsecp256k1 (schnorrsig + extrakeys):
/// 32-byte x-only public keys, 64-byte signatures R.x || s, 32-byte messages, tagged hashes as
/// specified by BIP340.

#include <array>
#include <cstdint>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/secp256k1.hpp"

namespace l2lab::crypto {

/// BIP340 x-only public key: the x coordinate of the point with even y.
struct XOnlyPublicKey {
    std::array<std::uint8_t, 32> x{};

    /// Exactly 32 bytes that are the x coordinate of a curve point (below the field size p).
    /// Throws InvalidArgument on a wrong length, CryptoError when no curve point has that x.
    static XOnlyPublicKey parse(BytesView bytes);
    /// The x-only key of `key` (its y parity is dropped, as BIP340 does).
    static XOnlyPublicKey from_public_key(const PublicKey& key);
    /// The x-only key BIP340 signing with `key` produces signatures for.
    static XOnlyPublicKey from_private_key(const PrivateKey& key);

    BytesView view() const { return {x.data(), 32}; }
    auto operator<=>(const XOnlyPublicKey&) const = default;
};

/// 64-byte BIP340 signature R.x(32) || s(32).
struct SchnorrSignature {
    std::array<std::uint8_t, 64> bytes{};

    /// Exactly 64 bytes; throws CryptoError naming the length otherwise. Range checks on R.x and
    /// s are part of verification (an out-of-range signature simply does not verify).
    static SchnorrSignature parse(BytesView bytes);
    BytesView view() const { return {bytes.data(), 64}; }
    auto operator<=>(const SchnorrSignature&) const = default;
};

/// BIP340 signature of the 32-byte `message` with `key`, using `aux_rand` as the auxiliary
/// randomness of BIP340's default nonce derivation (pass fixed bytes for reproducible runs).
/// Deterministic in (key, message, aux_rand).
SchnorrSignature schnorr_sign(const PrivateKey& key, const Hash32& message, const Hash32& aux_rand);

/// True when `sig` is a valid BIP340 signature of `message` under `key`.
bool schnorr_verify(const XOnlyPublicKey& key, const Hash32& message, const SchnorrSignature& sig);

/// As above from raw bytes: 32-byte key, 64-byte signature (InvalidArgument on other lengths).
/// A key that is not a valid x coordinate makes verification fail (false), as BIP340 specifies.
bool schnorr_verify(BytesView key32, const Hash32& message, BytesView sig64);

}  // namespace l2lab::crypto
