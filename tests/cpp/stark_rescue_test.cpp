// Rescue-Prime Rp64_256: Winterfell's published permutation vector, the algebraic facts the
// parameters must satisfy (inverse exponent, inverse MDS), the fast paths against the plain
// definitions, and the sponge / Merkle conventions (merge == hash of the concatenation).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/rescue.hpp"

using namespace l2lab::stark;
using namespace l2lab::stark::rescue;

namespace {

rc::Gen<Fp> gen_fp() {
    return rc::gen::map(rc::gen::arbitrary<std::uint64_t>(),
                        [](std::uint64_t x) { return Fp::from_u64(x); });
}

State gen_state() {
    State s{};
    for (auto& v : s)
        v = *gen_fp();
    return s;
}

Digest digest(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
    return {Fp::from_u64(a), Fp::from_u64(b), Fp::from_u64(c), Fp::from_u64(d)};
}

// Round written straight from the definition (dense matrix products, generic pow).
void naive_round(State& s, std::size_t r) {
    for (auto& v : s)
        v = v.pow(kAlpha);
    State t{};
    for (std::size_t i = 0; i < kStateWidth; ++i) {
        for (std::size_t j = 0; j < kStateWidth; ++j) {
            t[i] += Fp::from_u64(kMdsFirstRow[(j + kStateWidth - i) % kStateWidth]) * s[j];
        }
    }
    for (std::size_t i = 0; i < kStateWidth; ++i)
        s[i] = (t[i] + ark1(r)[i]).pow(kInvAlpha);
    t = State{};
    for (std::size_t i = 0; i < kStateWidth; ++i) {
        for (std::size_t j = 0; j < kStateWidth; ++j) {
            t[i] += Fp::from_u64(kMdsFirstRow[(j + kStateWidth - i) % kStateWidth]) * s[j];
        }
    }
    for (std::size_t i = 0; i < kStateWidth; ++i)
        s[i] = t[i] + ark2(r)[i];
}

}  // namespace

TEST(StarkRescue, WinterfellPermutationKnownAnswer) {
    State s{};
    for (std::size_t i = 0; i < kStateWidth; ++i)
        s[i] = Fp::from_u64(i);
    permute(s);
    for (std::size_t i = 0; i < kStateWidth; ++i) {
        EXPECT_EQ(s[i].value(), kPermutationKat[i]) << "element " << i;
    }
}

TEST(StarkRescue, InverseExponentAndInverseMds) {
    // 7 * inv_alpha = 1 mod p - 1.
    const u128 prod = static_cast<u128>(kAlpha) * kInvAlpha;
    EXPECT_EQ(static_cast<std::uint64_t>(prod % (Fp::kModulus - 1)), 1u);
    // MDS * INV_MDS = identity, column by column.
    for (std::size_t c = 0; c < kStateWidth; ++c) {
        State e{};
        e[c] = Fp::one();
        const State back = mds_multiply(inv_mds_multiply(e));
        for (std::size_t i = 0; i < kStateWidth; ++i) {
            EXPECT_EQ(back[i], i == c ? Fp::one() : Fp::zero()) << c << "," << i;
        }
    }
}

TEST(StarkRescue, RoundIndexOutOfRangeThrows) {
    State s{};
    EXPECT_THROW(apply_round(s, 7), l2lab::InvalidArgument);
    EXPECT_THROW(ark1(7), l2lab::InvalidArgument);
    EXPECT_THROW(ark2(99), l2lab::InvalidArgument);
}

RC_GTEST_PROP(StarkRescue, InverseSboxInvertsSbox, ()) {
    const Fp x = *gen_fp();
    RC_ASSERT(inv_sbox(sbox(x)) == x);
    RC_ASSERT(sbox(inv_sbox(x)) == x);
    RC_ASSERT(inv_sbox(x) == x.pow(kInvAlpha));
}

RC_GTEST_PROP(StarkRescue, FastMdsMatchesGeneric, ()) {
    const State s = gen_state();
    RC_ASSERT(mds_multiply(s) == circulant_multiply(kMdsFirstRow, s));
    RC_ASSERT(inv_mds_multiply(s) == circulant_multiply(kInvMdsFirstRow, s));
}

TEST(StarkRescue, FastInverseMdsAtExtremes) {
    State s{};
    for (auto& v : s)
        v = Fp::from_u64(Fp::kModulus - 1);
    EXPECT_EQ(inv_mds_multiply(s), circulant_multiply(kInvMdsFirstRow, s));
    EXPECT_EQ(mds_multiply(s), circulant_multiply(kMdsFirstRow, s));
}

RC_GTEST_PROP(StarkRescue, RoundMatchesDefinition, ()) {
    State a = gen_state();
    State b = a;
    const auto r = *rc::gen::inRange<std::size_t>(0, kNumRounds);
    apply_round(a, r);
    naive_round(b, r);
    RC_ASSERT(a == b);
}

RC_GTEST_PROP(StarkRescue, MergeEqualsHashOfConcatenation, ()) {
    std::vector<Fp> e(8);
    for (auto& v : e)
        v = *gen_fp();
    const Digest l{e[0], e[1], e[2], e[3]}, r{e[4], e[5], e[6], e[7]};
    RC_ASSERT(merge(l, r) == hash_elements(e));
}

TEST(StarkRescue, SpongeLengthSeparatesZeroPadding) {
    const std::vector<Fp> two = {Fp::from_u64(1), Fp::from_u64(2)};
    const std::vector<Fp> three = {Fp::from_u64(1), Fp::from_u64(2), Fp::zero()};
    EXPECT_NE(hash_elements(two), hash_elements(three));
    // Longer than one rate block: 9 and 17 elements absorb two and three blocks.
    std::vector<Fp> nine(9, Fp::from_u64(5));
    std::vector<Fp> seventeen(17, Fp::from_u64(5));
    EXPECT_NE(hash_elements(nine), hash_elements(seventeen));
    // Winterfell's convention: no element absorbed, no permutation: the empty input hashes to
    // the zero digest.
    EXPECT_EQ(hash_elements({}), Digest{});
}

TEST(StarkRescue, HashChainIteratesHashElements) {
    const Digest seed = digest(1, 2, 3, 4);
    Digest h = seed;
    for (int i = 0; i < 5; ++i)
        h = hash_elements(h);
    EXPECT_EQ(hash_chain(seed, 5), h);
    EXPECT_EQ(hash_chain(seed, 0), seed);
}

TEST(StarkRescue, MerklePathRecomputesRoot) {
    std::vector<Digest> leaves;
    for (std::uint64_t i = 0; i < 16; ++i)
        leaves.push_back(digest(i, i * i, 7, 1000 - i));
    const Digest root = merkle_root(leaves);
    for (std::uint64_t i = 0; i < 16; ++i) {
        const auto path = merkle_path(leaves, i);
        ASSERT_EQ(path.size(), 4u);
        EXPECT_EQ(root_from_path(leaves[i], i, path), root);
        // The wrong index gives another root.
        EXPECT_NE(root_from_path(leaves[i], i ^ 1u, path), root);
    }
    EXPECT_EQ(merkle_root(std::vector<Digest>{leaves[0]}), leaves[0]);
    EXPECT_THROW(merkle_root(std::vector<Digest>(3)), l2lab::InvalidArgument);
    EXPECT_THROW(merkle_path(leaves, 16), l2lab::InvalidArgument);
    EXPECT_THROW(root_from_path(leaves[0], 16, merkle_path(leaves, 0)), l2lab::InvalidArgument);
}
