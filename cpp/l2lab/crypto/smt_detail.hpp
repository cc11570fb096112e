#pragma once
/// \file smt_detail.hpp
/// Internal to the crypto area (not public API): key-bit helpers shared by the sparse Merkle
/// tree and its proof code.

#include <bit>
#include <cstdint>

#include "l2lab/core/fixed_bytes.hpp"

namespace l2lab::crypto::detail {

/// Bit `d` (0..255) of `key`, most significant bit of byte 0 first.
inline unsigned key_bit(const Hash32& key, unsigned d) {
    return (key.bytes[d >> 3] >> (7 - (d & 7))) & 1u;
}

/// First bit index at which `a` and `b` differ, or 256 when equal.
inline unsigned first_diff_bit(const Hash32& a, const Hash32& b) {
    for (unsigned i = 0; i < 32; ++i) {
        const std::uint8_t x = static_cast<std::uint8_t>(a.bytes[i] ^ b.bytes[i]);
        if (x != 0)
            return i * 8 + static_cast<unsigned>(std::countl_zero(x));
    }
    return 256;
}

}  // namespace l2lab::crypto::detail
