#include "l2lab/crypto/schnorr.hpp"

#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>

#include <cstring>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/secp256k1_context.hpp"

namespace l2lab::crypto {
namespace {
using detail::secp_context;

bool parse_xonly(const std::uint8_t* x32, secp256k1_xonly_pubkey& out) {
    return secp256k1_xonly_pubkey_parse(secp_context(), &out, x32) == 1;
}
}  // namespace

XOnlyPublicKey XOnlyPublicKey::parse(BytesView bytes) {
    if (bytes.size() != 32) {
        throw InvalidArgument("x-only public key must be 32 bytes, got " +
                              std::to_string(bytes.size()));
    }
    secp256k1_xonly_pubkey pk;
    if (!parse_xonly(bytes.data(), pk)) {
        throw CryptoError("x-only public key: not the x coordinate of a point on secp256k1");
    }
    XOnlyPublicKey out;
    std::memcpy(out.x.data(), bytes.data(), 32);
    return out;
}

XOnlyPublicKey XOnlyPublicKey::from_public_key(const PublicKey& key) {
    XOnlyPublicKey out;
    std::memcpy(out.x.data(), key.xy.data(), 32);
    return out;
}

XOnlyPublicKey XOnlyPublicKey::from_private_key(const PrivateKey& key) {
    return from_public_key(key.public_key());
}

SchnorrSignature SchnorrSignature::parse(BytesView bytes) {
    if (bytes.size() != 64) {
        throw CryptoError("schnorr signature must be 64 bytes (R.x || s), got " +
                          std::to_string(bytes.size()));
    }
    SchnorrSignature sig;
    std::memcpy(sig.bytes.data(), bytes.data(), 64);
    return sig;
}

SchnorrSignature schnorr_sign(const PrivateKey& key,
                              const Hash32& message,
                              const Hash32& aux_rand) {
    const auto secret = key.secret();
    secp256k1_keypair keypair;
    if (secp256k1_keypair_create(secp_context(), &keypair, secret.data()) != 1) {
        throw CryptoError("schnorr sign: invalid private key");
    }
    SchnorrSignature sig;
    const int ok = secp256k1_schnorrsig_sign32(
        secp_context(), sig.bytes.data(), message.bytes.data(), &keypair, aux_rand.bytes.data());
    std::memset(&keypair, 0, sizeof keypair);
    if (ok != 1)
        throw CryptoError("schnorr sign failed");
    return sig;
}

bool schnorr_verify(const XOnlyPublicKey& key, const Hash32& message, const SchnorrSignature& sig) {
    secp256k1_xonly_pubkey pk;
    if (!parse_xonly(key.x.data(), pk))
        return false;
    return secp256k1_schnorrsig_verify(secp_context(), sig.bytes.data(), message.bytes.data(), 32,
                                       &pk) == 1;
}

bool schnorr_verify(BytesView key32, const Hash32& message, BytesView sig64) {
    if (key32.size() != 32) {
        throw InvalidArgument("x-only public key must be 32 bytes, got " +
                              std::to_string(key32.size()));
    }
    if (sig64.size() != 64) {
        throw InvalidArgument("schnorr signature must be 64 bytes, got " +
                              std::to_string(sig64.size()));
    }
    secp256k1_xonly_pubkey pk;
    if (!parse_xonly(key32.data(), pk))
        return false;
    return secp256k1_schnorrsig_verify(secp_context(), sig64.data(), message.bytes.data(), 32,
                                       &pk) == 1;
}

}  // namespace l2lab::crypto
