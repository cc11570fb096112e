#pragma once
/// \file rng.hpp
/// Seeded deterministic RNG (xoshiro256** seeded through SplitMix64). The same seed gives the
/// same stream on every platform. Not cryptographic: use crypto's CSPRNG for fresh keys.

#include <array>
#include <cstdint>
#include <string_view>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/u256.hpp"

namespace l2lab {

class Rng {
public:
    /// Stream determined entirely by `seed`.
    explicit Rng(std::uint64_t seed);

    /// Next 64 uniformly distributed bits.
    std::uint64_t next_u64();
    /// Uniform integer in [0, bound). Throws InvalidArgument when bound == 0. Unbiased (rejection).
    std::uint64_t uniform(std::uint64_t bound);
    /// Uniform integer in [lo, hi] inclusive. Throws InvalidArgument when lo > hi.
    std::uint64_t range(std::uint64_t lo, std::uint64_t hi);
    /// True with probability p (clamped to [0, 1]).
    bool bernoulli(double p);
    /// Uniform double in [0, 1).
    double unit();
    /// `n` pseudo-random bytes.
    Bytes bytes(std::size_t n);
    /// Uniform u256.
    u256 next_u256();
    /// Independent child stream labelled by `label`; deterministic in (this stream's seed, label),
    /// and does not advance this stream.
    Rng fork(std::string_view label) const;

    std::uint64_t seed() const noexcept { return m_seed; }

private:
    std::uint64_t m_seed;
    std::array<std::uint64_t, 4> m_s{};
};

}  // namespace l2lab
