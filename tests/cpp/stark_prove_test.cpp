// End-to-end STARK: Fibonacci and a degree-3 AIR with a periodic column are proved and
// verified; parameters, typed errors, determinism.
#include <gtest/gtest.h>

#include "l2lab/validity/stark/fibonacci.hpp"
#include "l2lab/validity/stark/poly.hpp"
#include "l2lab/validity/stark/protocol.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/verifier.hpp"

using namespace l2lab::stark;

namespace {

// x_(r+1) = x_r^3 + k_r with k periodic (length 4): exercises degree 3 (two composition
// columns) and periodic columns. Public input: x_(n-1).
class CubeAir final : public TypedAir<CubeAir> {
public:
    CubeAir(std::size_t n, Fp start, Fp result) : m_n(n), m_start(start), m_result(result) {}
    std::string name() const override { return "test.cube"; }
    std::size_t trace_width() const override { return 1; }
    std::size_t trace_length() const override { return m_n; }
    std::vector<unsigned> transition_degrees() const override { return {3}; }
    std::vector<Assertion> assertions() const override { return {{0, 0, m_start}, {0, m_n - 1, m_result}}; }
    std::vector<Fp> public_inputs() const override { return {m_start, m_result}; }
    std::vector<std::vector<Fp>> periodic_columns() const override { return {constants()}; }
    static std::vector<Fp> constants() {
        return {Fp::from_u64(3), Fp::from_u64(5), Fp::from_u64(11), Fp::from_u64(17)};
    }
    template <class F>
    void evaluate(std::span<const F> cur, std::span<const F> next, std::span<const F> per, std::span<F> out) const {
        out[0] = next[0] - (cur[0] * cur[0] * cur[0] + per[0]);
    }

private:
    std::size_t m_n;
    Fp m_start, m_result;
};

Trace cube_trace(std::size_t n, Fp start) {
    std::vector<Fp> x(n);
    x[0] = start;
    const auto k = CubeAir::constants();
    for (std::size_t r = 0; r + 1 < n; ++r) x[r + 1] = x[r] * x[r] * x[r] + k[r % 4];
    return Trace({x});
}

ProofOptions small_options() {
    ProofOptions o;
    o.num_queries = 8;
    o.grinding_bits = 4;
    o.allow_insecure = true;
    return o;
}

}  // namespace

TEST(StarkProve, FibonacciRoundTrip) {
    for (std::size_t n : {8u, 64u, 256u}) {
        for (std::uint32_t folding : {2u, 4u}) {
            ProofOptions o = small_options();
            o.folding_factor = folding;
            const FibonacciAir air(n, fibonacci_result(n));
            const StarkProof proof = prove(air, fibonacci_trace(n), o);
            const auto r = verify(air, proof, o);
            EXPECT_TRUE(r.ok()) << "n=" << n << " folding=" << folding << ": " << verify_failure_name(r.failure)
                                << " " << r.detail;
            const auto bytes = proof.encode();
            EXPECT_EQ(StarkProof::decode(bytes), proof);
            EXPECT_TRUE(verify_encoded(air, bytes, o).ok());
        }
    }
}

TEST(StarkProve, CubeAirWithPeriodicColumn) {
    const std::size_t n = 64;
    const Fp start = Fp::from_u64(2);
    const Trace trace = cube_trace(n, start);
    const CubeAir air(n, start, trace.column(0).back());
    for (std::uint32_t folding : {2u, 4u}) {
        ProofOptions o = small_options();
        o.folding_factor = folding;
        o.hash = l2lab::crypto::HashKind::Keccak256;
        const auto proof = prove(air, trace, o);
        EXPECT_EQ(proof.ood_composition.size(), 2u);
        const auto r = verify(air, proof, o);
        EXPECT_TRUE(r.ok()) << verify_failure_name(r.failure) << " " << r.detail;
    }
}

TEST(StarkProve, DefaultOptionsAndDeterminism) {
    const std::size_t n = 32;
    const FibonacciAir air(n, fibonacci_result(n));
    const ProofOptions o = ProofOptions::default_96();
    EXPECT_GE(o.conjectured_security_bits(n), 96u);
    const auto a = prove(air, fibonacci_trace(n), o).encode();
    const auto b = prove(air, fibonacci_trace(n), o).encode();
    EXPECT_EQ(a, b);
    EXPECT_TRUE(verify_encoded(air, a, o).ok());
    // The verifier's own options decide: a proof made with other options is rejected.
    ProofOptions other = o;
    other.num_queries = o.num_queries + 1;
    EXPECT_FALSE(verify_encoded(air, a, other).ok());
}

TEST(StarkProve, SecurityLevels) {
    EXPECT_EQ(ProofOptions::default_96().conjectured_security_bits(1u << 16), 99u);  // 28*3+16-1
    EXPECT_EQ(ProofOptions::preset_128().conjectured_security_bits(1u << 16), 128u);  // capped by hash
    ProofOptions weak;
    weak.num_queries = 10;
    weak.grinding_bits = 0;
    EXPECT_EQ(weak.conjectured_security_bits(1024), 29u);
    EXPECT_THROW(weak.validate(1024), InsecureParameters);
    weak.allow_insecure = true;
    EXPECT_NO_THROW(weak.validate(1024));
    ProofOptions bad;
    bad.folding_factor = 3;
    EXPECT_THROW(bad.validate(1024), l2lab::InvalidArgument);
    bad = ProofOptions{};
    bad.blowup = 6;
    EXPECT_THROW(bad.validate(1024), l2lab::InvalidArgument);
    // Field term dominates for huge domains: 191 - log2(N) - 1.
    ProofOptions big;
    big.num_queries = 200;
    EXPECT_EQ(big.conjectured_security_bits(1u << 20), 128u);
}

TEST(StarkProve, TypedErrors) {
    EXPECT_THROW(FibonacciAir(100, Fp::one()), TraceShapeError);
    EXPECT_THROW(fibonacci_trace(12), TraceShapeError);
    EXPECT_THROW(Trace({std::vector<Fp>(6)}), TraceShapeError);
    EXPECT_THROW(Trace({std::vector<Fp>(8), std::vector<Fp>(16)}), TraceShapeError);
    // Trace shape differs from the AIR.
    const FibonacciAir air(16, fibonacci_result(16));
    EXPECT_THROW(prove(air, fibonacci_trace(32), small_options()), TraceShapeError);
    // Wrong public input: the prover refuses (the assertion fails at the last row).
    const FibonacciAir wrong(16, fibonacci_result(16) + Fp::one());
    try {
        prove(wrong, fibonacci_trace(16), small_options());
        FAIL() << "expected UnsatisfiedTrace";
    } catch (const UnsatisfiedTrace& e) {
        EXPECT_EQ(e.constraint(), "assertion 2");
        EXPECT_EQ(e.row(), 15u);
    }
    // Insecure options are refused unless allowed.
    ProofOptions o = small_options();
    o.allow_insecure = false;
    EXPECT_THROW(prove(air, fibonacci_trace(16), o), InsecureParameters);
}

TEST(StarkProve, FriFoldMatchesCoefficientDefinition) {
    // p(X) = sum_s X^s p_s(X^f): the fold of p's values at x * e^t must equal
    // sum_s alpha^s p_s(x^f), computed here from p's coefficients directly.
    std::vector<Fp3> coeffs;
    for (std::uint64_t i = 0; i < 16; ++i)
        coeffs.push_back(Fp3(Fp::from_u64(3 * i + 1), Fp::from_u64(i * i), Fp::from_u64(7 + i)));
    const Fp x = Fp::from_u64(123456789);
    const Fp3 alpha(Fp::from_u64(5), Fp::from_u64(9), Fp::from_u64(2));
    for (std::size_t f : {2u, 4u, 8u}) {
        const Fp e = Fp::two_adic_root(log2_exact(f));
        std::vector<Fp3> values;
        Fp pt = x;
        for (std::size_t t = 0; t < f; ++t) {
            values.push_back(evaluate_at(std::span<const Fp3>(coeffs), Fp3(pt)));
            pt *= e;
        }
        const Fp y = x.pow(f);
        Fp3 expected = Fp3::zero(), apow = Fp3::one();
        for (std::size_t s = 0; s < f; ++s) {
            std::vector<Fp3> part;
            for (std::size_t i = s; i < coeffs.size(); i += f) part.push_back(coeffs[i]);
            expected += apow * evaluate_at(std::span<const Fp3>(part), Fp3(y));
            apow *= alpha;
        }
        EXPECT_EQ(fri_fold(std::span<const Fp3>(values), x.inverse(), alpha), expected) << "f=" << f;
    }
}
