#pragma once
/// \file keccak_detail.hpp
/// Internal to the crypto area (not public API): the Keccak-f[1600] permutation entry points,
/// exposed so tests can check the portable build against the CPU-specific one used by default.

#include <cstdint>

namespace l2lab::crypto {

/// Keccak-f[1600] on 25 little-endian lanes, plain C++ (no ISA extensions).
void keccak_f1600_portable(std::uint64_t st[25]);

}  // namespace l2lab::crypto
