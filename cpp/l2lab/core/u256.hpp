#pragma once
/// \file u256.hpp
/// Money and 256-bit words. Checked arithmetic: overflow and negative results throw
/// (std::overflow_error / std::range_error from Boost), they never wrap.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>

namespace l2lab {

/// Unsigned 256-bit integer with checked arithmetic. Amounts are in wei unless a name says otherwise.
using u256 = boost::multiprecision::number<boost::multiprecision::cpp_int_backend<
    256, 256, boost::multiprecision::unsigned_magnitude, boost::multiprecision::checked, void>>;

/// Unbounded signed integer, used only at conversion boundaries (e.g. from Python ints).
using bigint = boost::multiprecision::cpp_int;

/// Largest u256 value, 2^256 - 1.
u256 u256_max();

/// 32-byte big-endian encoding of `v`.
std::array<std::uint8_t, 32> to_be32(const u256& v);

/// Minimal big-endian encoding of `v` (empty for zero), as used by RLP integers.
std::vector<std::uint8_t> to_be_minimal(const u256& v);

/// Parse up to 32 big-endian bytes. Throws InvalidArgument when `bytes` is longer than 32.
/// Leading zeros are accepted here; canonical-form checks belong to the codec.
u256 from_be(std::span<const std::uint8_t> bytes);

/// Decimal text of `v`.
std::string to_dec(const u256& v);

}  // namespace l2lab
