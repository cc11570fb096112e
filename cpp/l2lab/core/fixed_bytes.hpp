#pragma once
/// \file fixed_bytes.hpp
/// Fixed-size byte values: Hash32 (32 bytes) and Address (20 bytes).
/// EIP-55 checksummed text needs Keccak-256 and therefore lives in crypto/address.hpp.

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "l2lab/core/bytes.hpp"

namespace l2lab {

/// N bytes by value, ordered and hashable. All-zero by default.
template <std::size_t N>
struct FixedBytes {
    static constexpr std::size_t size = N;
    std::array<std::uint8_t, N> bytes{};

    /// Copy exactly N bytes. Throws InvalidArgument when `b.size() != N`.
    static FixedBytes from_view(BytesView b);
    /// Parse 2N hex digits (optional "0x"). Throws InvalidArgument on wrong length or bad digits.
    static FixedBytes from_hex_text(std::string_view text);

    BytesView view() const { return {bytes.data(), N}; }
    Bytes to_bytes() const { return Bytes(bytes.begin(), bytes.end()); }
    /// Lower-case "0x…" text.
    std::string hex() const { return to_hex(view()); }
    bool is_zero() const {
        return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t x) { return x == 0; });
    }
    auto operator<=>(const FixedBytes&) const = default;
};

/// 32-byte digest (Keccak-256, SHA-256, Merkle roots, blob versioned hashes).
using Hash32 = FixedBytes<32>;
/// 20-byte Ethereum-style account or contract address.
using Address = FixedBytes<20>;

void throw_fixed_bytes_length(std::size_t expected, std::size_t got);

template <std::size_t N>
FixedBytes<N> FixedBytes<N>::from_view(BytesView b) {
    if (b.size() != N) throw_fixed_bytes_length(N, b.size());
    FixedBytes out;
    std::copy(b.begin(), b.end(), out.bytes.begin());
    return out;
}

template <std::size_t N>
FixedBytes<N> FixedBytes<N>::from_hex_text(std::string_view text) {
    const Bytes raw = from_hex(text);
    return from_view(raw);
}

/// Hash functor for unordered containers (uses the first 8 bytes; inputs are digests or addresses).
struct FixedBytesHasher {
    template <std::size_t N>
    std::size_t operator()(const FixedBytes<N>& v) const noexcept {
        std::size_t h = 0;
        for (std::size_t i = 0; i < std::min<std::size_t>(N, 8); ++i) h = (h << 8) | v.bytes[i];
        return h ^ (N > 8 ? v.bytes[N - 1] : 0);
    }
};

}  // namespace l2lab
