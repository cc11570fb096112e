// NTT / INTT, coset evaluation and low-degree extension against naive O(n^2) evaluation.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/poly.hpp"

using namespace l2lab::stark;

namespace {

std::vector<Fp> random_poly(std::size_t n) {
    return *rc::gen::container<std::vector<Fp>>(
        n, rc::gen::map(rc::gen::arbitrary<std::uint64_t>(), [](std::uint64_t x) { return Fp::from_u64(x); }));
}

}  // namespace

RC_GTEST_PROP(StarkPoly, NttMatchesNaiveEvaluation, ()) {
    const unsigned log_n = *rc::gen::inRange(0u, 8u);
    const std::size_t n = std::size_t{1} << log_n;
    const auto coeffs = random_poly(n);
    auto evals = coeffs;
    ntt(std::span<Fp>(evals));
    RC_ASSERT(evals == evaluate_naive(std::span<const Fp>(coeffs), n, Fp::one()));
    intt(std::span<Fp>(evals));
    RC_ASSERT(evals == coeffs);
}

RC_GTEST_PROP(StarkPoly, CosetEvaluationAndInterpolation, ()) {
    const unsigned log_n = *rc::gen::inRange(0u, 6u);
    const unsigned log_blowup = *rc::gen::inRange(0u, 4u);
    const std::size_t n = std::size_t{1} << log_n;
    const std::size_t big = n << log_blowup;
    const auto coeffs = random_poly(n);
    const Fp offset = Fp::from_u64(Fp::kGenerator);
    const auto evals = evaluate_on_coset(std::span<const Fp>(coeffs), big, offset);
    RC_ASSERT(evals == evaluate_naive(std::span<const Fp>(coeffs), big, offset));
    auto back = interpolate_coset(std::span<const Fp>(evals), offset);
    // Degree < n: the interpolant on the larger coset has zero high coefficients.
    for (std::size_t i = n; i < big; ++i) RC_ASSERT(back[i].is_zero());
    back.resize(n);
    RC_ASSERT(back == coeffs);
}

RC_GTEST_PROP(StarkPoly, LowDegreeExtensionAgreesOnTheTraceDomain, ()) {
    const unsigned log_n = *rc::gen::inRange(1u, 6u);
    const std::size_t n = std::size_t{1} << log_n;
    const std::size_t blowup = 4;
    const auto values = random_poly(n);
    const auto lde = low_degree_extend(std::span<const Fp>(values), blowup, Fp::one());
    // With offset 1 the LDE domain contains the trace domain at every blowup-th point.
    for (std::size_t i = 0; i < n; ++i) RC_ASSERT(lde[i * blowup] == values[i]);
    // The extension over F_p^3 acts coefficient-wise.
    std::vector<Fp3> ext;
    for (auto v : values) ext.push_back(Fp3(v, v + Fp::one(), v * v));
    const auto lde3 = low_degree_extend(std::span<const Fp3>(ext), blowup, Fp::from_u64(7));
    const auto lde_c0 = low_degree_extend(std::span<const Fp>(values), blowup, Fp::from_u64(7));
    for (std::size_t i = 0; i < lde3.size(); ++i) RC_ASSERT(lde3[i].coeff(0) == lde_c0[i]);
}

TEST(StarkPoly, HornerInExtension) {
    const std::vector<Fp> c{Fp::from_u64(3), Fp::from_u64(5), Fp::from_u64(7)};
    const Fp3 z(Fp::from_u64(2), Fp::from_u64(1), Fp::zero());
    EXPECT_EQ(evaluate_at(std::span<const Fp>(c), z), Fp3(Fp::from_u64(3)) + z * Fp::from_u64(5) + z * z * Fp::from_u64(7));
}

TEST(StarkPoly, RejectsBadSizes) {
    std::vector<Fp> v(6);
    EXPECT_THROW(ntt(std::span<Fp>(v)), l2lab::InvalidArgument);
    std::vector<Fp> w(8);
    EXPECT_THROW((void)evaluate_on_coset(std::span<const Fp>(w), 4, Fp::one()), l2lab::InvalidArgument);
    EXPECT_THROW((void)low_degree_extend(std::span<const Fp>(w), 3, Fp::one()), l2lab::InvalidArgument);
    EXPECT_THROW((void)interpolate_coset(std::span<const Fp>(w), Fp::zero()), l2lab::InvalidArgument);
}
