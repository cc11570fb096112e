// Goldilocks field and its cubic extension: properties against 128-bit integer arithmetic,
// the published two-adic structure, and irreducibility of x^3 - x - 1 (Rabin's test).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/field.hpp"

using namespace l2lab::stark;

namespace {

constexpr std::uint64_t P = Fp::kModulus;

std::uint64_t ref_mul(std::uint64_t a, std::uint64_t b) {
    return static_cast<std::uint64_t>((static_cast<u128>(a) * b) % P);
}

rc::Gen<std::uint64_t> gen_canonical() {
    // Mix uniform values with the edges (0, 1, p-1, around 2^32, 2^63) where reductions carry.
    return rc::gen::oneOf(
        rc::gen::map(rc::gen::arbitrary<std::uint64_t>(), [](std::uint64_t x) { return x % P; }),
        rc::gen::element<std::uint64_t>(0, 1, 2, P - 1, P - 2, 0xFFFFFFFFull, 0x100000000ull,
                                        0x8000000000000000ull, 0xFFFFFFFF00000000ull));
}

Fp3 make3(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    return Fp3(Fp::from_u64(a), Fp::from_u64(b), Fp::from_u64(c));
}

}  // namespace

RC_GTEST_PROP(StarkField, BaseOpsMatch128BitReference, ()) {
    const std::uint64_t a = *gen_canonical();
    const std::uint64_t b = *gen_canonical();
    const Fp x = Fp::from_canonical(a), y = Fp::from_canonical(b);
    RC_ASSERT((x + y).value() == static_cast<std::uint64_t>((static_cast<u128>(a) + b) % P));
    RC_ASSERT((x - y).value() == static_cast<std::uint64_t>((static_cast<u128>(a) + P - b) % P));
    RC_ASSERT((x * y).value() == ref_mul(a, b));
    RC_ASSERT((-x).value() == (P - a) % P);
    if (a != 0) RC_ASSERT((x * x.inverse()) == Fp::one());
}

RC_GTEST_PROP(StarkField, Reduce128MatchesModulo, (std::uint64_t hi, std::uint64_t lo)) {
    const u128 x = (static_cast<u128>(hi) << 64) | lo;
    RC_ASSERT(Fp::from_u128(x).value() == static_cast<std::uint64_t>(x % P));
}

RC_GTEST_PROP(StarkField, FromU64Reduces, (std::uint64_t x)) {
    RC_ASSERT(Fp::from_u64(x).value() == x % P);
}

TEST(StarkField, FromCanonicalRejectsNonCanonical) {
    EXPECT_THROW((void)Fp::from_canonical(P), l2lab::InvalidArgument);
    EXPECT_THROW((void)Fp::from_canonical(~0ull), l2lab::InvalidArgument);
    EXPECT_EQ(Fp::from_canonical(P - 1).value(), P - 1);
    EXPECT_THROW((void)Fp::zero().inverse(), l2lab::InvalidArgument);
    EXPECT_THROW((void)Fp3::zero().inverse(), l2lab::InvalidArgument);
}

TEST(StarkField, PowMatchesRepeatedMultiplication) {
    const Fp x = Fp::from_u64(123456789);
    Fp acc = Fp::one();
    for (std::uint64_t e = 0; e < 70; ++e) {
        EXPECT_EQ(x.pow(e), acc) << "e=" << e;
        acc *= x;
    }
    // Fermat: x^(p-1) = 1
    EXPECT_EQ(x.pow(P - 1), Fp::one());
}

TEST(StarkField, GeneratorAndTwoAdicRoots) {
    // p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537; 7 generates the group iff 7^((p-1)/q) != 1 for
    // every prime q | p - 1.
    const Fp g = Fp::from_u64(Fp::kGenerator);
    for (std::uint64_t q : {2ull, 3ull, 5ull, 17ull, 257ull, 65537ull})
        EXPECT_NE(g.pow((P - 1) / q), Fp::one()) << "q=" << q;
    for (unsigned k = 0; k <= 32; ++k) {
        const Fp w = Fp::two_adic_root(k);
        Fp x = w;
        for (unsigned i = 0; i < k; ++i) x = x.square();
        EXPECT_EQ(x, Fp::one()) << "order divides 2^" << k;
        if (k > 0) {
            Fp h = w;
            for (unsigned i = 0; i + 1 < k; ++i) h = h.square();
            EXPECT_EQ(h, -Fp::one()) << "primitive of order 2^" << k;
        }
    }
    EXPECT_THROW((void)Fp::two_adic_root(33), l2lab::InvalidArgument);
    // The order-2^32 root, derived from the generator, is 7^(2^32 - 1 ... ) — a published value
    // (Plonky2 POWER_OF_TWO_GENERATOR = 0x185629dcda58878c is 7^((p-1)/2^32)).
    EXPECT_EQ(Fp::two_adic_root(32).value(), 0x185629dcda58878cull);
}

RC_GTEST_PROP(StarkField, BatchInverseMatchesSingle, ()) {
    const auto raw = *rc::gen::container<std::vector<std::uint64_t>>(
        rc::gen::map(rc::gen::arbitrary<std::uint64_t>(), [](std::uint64_t x) { return x % (P - 1) + 1; }));
    std::vector<Fp> v;
    for (auto x : raw) v.push_back(Fp::from_u64(x));
    std::vector<Fp> inv = v;
    batch_inverse(inv);
    for (std::size_t i = 0; i < v.size(); ++i) RC_ASSERT(inv[i] == v[i].inverse());
    std::vector<Fp3> w;
    for (auto x : raw) w.push_back(make3(x, x * 3 + 1, x ^ 0x5555));
    std::vector<Fp3> winv = w;
    batch_inverse(winv);
    for (std::size_t i = 0; i < w.size(); ++i) RC_ASSERT(winv[i] * w[i] == Fp3::one());
}

TEST(StarkField, BatchInverseRejectsZero) {
    std::vector<Fp> v{Fp::one(), Fp::zero(), Fp::one()};
    EXPECT_THROW(batch_inverse(v), l2lab::InvalidArgument);
    EXPECT_EQ(v[0], Fp::one());
}

RC_GTEST_PROP(StarkField, ExtensionIsAField, ()) {
    const Fp3 a = make3(*gen_canonical(), *gen_canonical(), *gen_canonical());
    const Fp3 b = make3(*gen_canonical(), *gen_canonical(), *gen_canonical());
    const Fp3 c = make3(*gen_canonical(), *gen_canonical(), *gen_canonical());
    RC_ASSERT(a * b == b * a);
    RC_ASSERT((a * b) * c == a * (b * c));
    RC_ASSERT(a * (b + c) == a * b + a * c);
    RC_ASSERT(a - b + b == a);
    if (!a.is_zero()) RC_ASSERT(a * a.inverse() == Fp3::one());
    // Base-field embedding is a ring homomorphism.
    const Fp s = Fp::from_u64(*gen_canonical());
    RC_ASSERT(a * Fp3(s) == a * s);
}

namespace {

// Polynomials over F_p as coefficient vectors (lowest first), trimmed.
using Poly = std::vector<Fp>;
void trim(Poly& f) {
    while (!f.empty() && f.back().is_zero()) f.pop_back();
}
Poly poly_mod(Poly a, const Poly& m) {
    trim(a);
    const Fp lead_inv = m.back().inverse();
    while (a.size() >= m.size()) {
        const Fp q = a.back() * lead_inv;
        const std::size_t shift = a.size() - m.size();
        for (std::size_t i = 0; i < m.size(); ++i) a[shift + i] -= q * m[i];
        trim(a);
    }
    return a;
}
Poly poly_gcd(Poly a, Poly b) {
    trim(a);
    trim(b);
    while (!b.empty()) {
        Poly r = poly_mod(a, b);
        a = std::move(b);
        b = std::move(r);
    }
    return a;
}

}  // namespace

TEST(StarkField, ExtensionModulusIsIrreducible) {
    // Rabin's test for f = x^3 - x - 1 of prime degree 3: f is irreducible iff
    // x^(p^3) = x (mod f) and gcd(x^p - x, f) = 1. Fp3 multiplication is exactly multiplication
    // modulo f, so powers of the element "x" compute x^e mod f.
    const Fp3 x(Fp::zero(), Fp::one(), Fp::zero());
    const Fp3 xp = x.pow(P);
    const Fp3 xp3 = xp.pow(P).pow(P);
    EXPECT_EQ(xp3, x);
    Poly u{xp.coeff(0), xp.coeff(1) - Fp::one(), xp.coeff(2)};  // x^p - x mod f
    const Poly f{-Fp::one(), -Fp::one(), Fp::zero(), Fp::one()};
    const Poly g = poly_gcd(f, u);
    ASSERT_EQ(g.size(), 1u) << "gcd must be a nonzero constant";
    // Frobenius of order 3 on x: x^p != x (else f would split).
    EXPECT_NE(xp, x);
}
