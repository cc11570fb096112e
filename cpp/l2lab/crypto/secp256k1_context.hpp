#pragma once
/// \file secp256k1_context.hpp
/// Internal to the crypto area (not part of the public API): the one libsecp256k1 context shared
/// by ECDSA and Schnorr code, and secp256k1 group-order constants.

#include <secp256k1.h>

#include <array>
#include <cstdint>

namespace l2lab::crypto::detail {

/// Process-wide libsecp256k1 context, created on first use and randomized once with fixed
/// deterministic bytes (side-channel blinding without any I/O or entropy source). libsecp256k1
/// guarantees that a context is safe to share between threads for every call that takes it const.
const secp256k1_context* secp_context();

/// The secp256k1 group order n, big-endian.
extern const std::array<std::uint8_t, 32> kGroupOrder;
/// floor(n / 2), big-endian: the largest "low" s value.
extern const std::array<std::uint8_t, 32> kHalfGroupOrder;

/// Big-endian comparison of two 32-byte values: <0, 0 or >0.
int compare_be32(const std::uint8_t* a, const std::uint8_t* b);
/// True when the 32 bytes are all zero.
bool is_zero32(const std::uint8_t* a);
/// True when `secret` is in [1, n-1].
bool valid_secret(const std::uint8_t* secret);

}  // namespace l2lab::crypto::detail
