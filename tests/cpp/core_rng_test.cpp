// Deterministic RNG: same seed, same stream; forks are independent and stable.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rng.hpp"

using l2lab::Rng;

TEST(CoreRng, SameSeedSameStream) {
    Rng a(42), b(42);
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.next_u64(), b.next_u64());
}

TEST(CoreRng, DifferentSeedsDiffer) {
    Rng a(1), b(2);
    int equal = 0;
    for (int i = 0; i < 100; ++i) equal += a.next_u64() == b.next_u64();
    EXPECT_LT(equal, 2);
}

TEST(CoreRng, ReferenceValueXoshiro256StarStar) {
    // SplitMix64(0) seeding then xoshiro256**: first output pinned so that the stream, and with
    // it every recorded trace digest, cannot change silently.
    Rng r(0);
    const std::uint64_t first = r.next_u64();
    Rng again(0);
    EXPECT_EQ(first, again.next_u64());
    EXPECT_EQ(first, 0x99ec5f36cb75f2b4ULL);
}

TEST(CoreRng, UniformRejectsZeroBound) { EXPECT_THROW(Rng(1).uniform(0), l2lab::InvalidArgument); }

RC_GTEST_PROP(CoreRng, UniformStaysInBounds, (std::uint64_t seed, std::uint64_t bound)) {
    RC_PRE(bound > 0);
    Rng r(seed);
    for (int i = 0; i < 16; ++i) RC_ASSERT(r.uniform(bound) < bound);
}

RC_GTEST_PROP(CoreRng, ForkDoesNotAdvanceParent, (std::uint64_t seed)) {
    Rng a(seed), b(seed);
    (void)a.fork("child").next_u64();
    RC_ASSERT(a.next_u64() == b.next_u64());
}
