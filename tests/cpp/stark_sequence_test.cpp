// Sequence assertions (one divisor and one interpolant for "column c equals v_k at every
// stride-th row"): a trace that meets them proves and verifies; a statement with one value
// changed rejects the proof; a trace that misses one value is refused by the prover; bad shapes
// are typed errors; an AIR without them proves exactly as before they existed.
#include <gtest/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/fibonacci.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/verifier.hpp"

using namespace l2lab::stark;

namespace {

// Column 0 counts rows (c' = c + 1); column 1 holds one value per block of 8 rows (constant in
// the block). Sequence assertions pin column 0 at rows 0, 16, 32, 48 and column 1 at rows
// 3, 11, 19, ... (stride 8).
class SteppedAir final : public TypedAir<SteppedAir> {
public:
    explicit SteppedAir(std::vector<Fp> per_block) : m_blocks(std::move(per_block)) {}
    std::string name() const override { return "test_stepped"; }
    std::size_t trace_width() const override { return 2; }
    std::size_t trace_length() const override { return 64; }
    std::vector<unsigned> transition_degrees() const override { return {1, 2}; }
    std::vector<Assertion> assertions() const override { return {}; }
    std::vector<Fp> public_inputs() const override { return {}; }
    std::vector<SequenceAssertion> sequence_assertions() const override {
        std::vector<Fp> counter;
        for (std::uint64_t r = 0; r < 64; r += 16) counter.push_back(Fp::from_u64(r));
        return {{0, 0, 16, counter}, {1, 3, 8, m_blocks}};
    }
    std::vector<std::vector<Fp>> periodic_columns() const override {
        std::vector<Fp> last(8);
        last[7] = Fp::one();
        return {last};
    }
    template <class F>
    void evaluate(std::span<const F> cur, std::span<const F> next, std::span<const F> periodic,
                  std::span<F> out) const {
        out[0] = next[0] - cur[0] - F(Fp::one());
        out[1] = (F(Fp::one()) - periodic[0]) * (next[1] - cur[1]);
    }

private:
    std::vector<Fp> m_blocks;
};

std::vector<Fp> blocks() {
    std::vector<Fp> v;
    for (std::uint64_t k = 0; k < 8; ++k) v.push_back(Fp::from_u64(1000 + 7 * k));
    return v;
}

Trace stepped_trace(const std::vector<Fp>& per_block) {
    std::vector<std::vector<Fp>> c(2, std::vector<Fp>(64));
    for (std::size_t r = 0; r < 64; ++r) {
        c[0][r] = Fp::from_u64(r);
        c[1][r] = per_block[r / 8];
    }
    return Trace(std::move(c));
}

}  // namespace

TEST(StarkSequence, ProvesAndBindsEveryValue) {
    const SteppedAir air(blocks());
    const Trace trace = stepped_trace(blocks());
    EXPECT_NO_THROW(check_trace(air, trace));
    const ProofOptions opts = ProofOptions::default_96();
    const StarkProof proof = prove(air, trace, opts);
    EXPECT_TRUE(verify(air, proof, opts).ok());
    for (std::size_t k = 0; k < 8; ++k) {
        auto other = blocks();
        other[k] += Fp::one();
        const VerifyResult r = verify(SteppedAir(other), proof, opts);
        EXPECT_FALSE(r.ok()) << "value " << k;
    }
}

TEST(StarkSequence, ProverRefusesATraceMissingOneValue) {
    auto wrong = blocks();
    wrong[5] = Fp::from_u64(1);
    const SteppedAir air(blocks());
    try {
        (void)prove(air, stepped_trace(wrong), ProofOptions::default_96());
        FAIL() << "expected UnsatisfiedTrace";
    } catch (const UnsatisfiedTrace& e) {
        EXPECT_EQ(e.constraint(), "sequence assertion 1");
        EXPECT_EQ(e.row(), 43u);
    }
    // A cheating prover's proof of that trace does not verify.
    const StarkProof forged = prove_unchecked(air, stepped_trace(wrong), ProofOptions::default_96());
    EXPECT_FALSE(verify(air, forged, ProofOptions::default_96()).ok());
}

// One column, 16 rows, constant; one sequence assertion to test for shape.
class BadSequenceAir final : public TypedAir<BadSequenceAir> {
public:
    explicit BadSequenceAir(SequenceAssertion s) : m_s(std::move(s)) {}
    std::string name() const override { return "test_bad_sequence"; }
    std::size_t trace_width() const override { return 1; }
    std::size_t trace_length() const override { return 16; }
    std::vector<unsigned> transition_degrees() const override { return {1}; }
    std::vector<Assertion> assertions() const override { return {}; }
    std::vector<Fp> public_inputs() const override { return {}; }
    std::vector<SequenceAssertion> sequence_assertions() const override { return {m_s}; }
    template <class F>
    void evaluate(std::span<const F> cur, std::span<const F> next, std::span<const F>, std::span<F> out) const {
        out[0] = next[0] - cur[0];
    }

private:
    SequenceAssertion m_s;
};

TEST(StarkSequence, BadShapesAreTypedErrors) {
    const std::vector<Fp> four(4, Fp::one());
    EXPECT_THROW(validate_air(BadSequenceAir({0, 0, 3, four})), l2lab::InvalidArgument);  // stride 3
    EXPECT_THROW(validate_air(BadSequenceAir({0, 4, 4, four})), l2lab::InvalidArgument);  // first >= stride
    EXPECT_THROW(validate_air(BadSequenceAir({0, 0, 8, four})), l2lab::InvalidArgument);  // 4 x 8 != 16
    EXPECT_THROW(validate_air(BadSequenceAir({1, 0, 4, four})), l2lab::InvalidArgument);  // column
    EXPECT_NO_THROW(validate_air(BadSequenceAir({0, 2, 4, four})));
}

TEST(StarkSequence, AirsWithoutSequencesStillProve) {
    // No absorption and no extra coefficients for AIRs without sequence assertions.
    const ProofOptions opts = ProofOptions::default_96();
    const FibonacciAir air(64, fibonacci_result(64));
    EXPECT_TRUE(verify(air, prove(air, fibonacci_trace(64), opts), opts).ok());
}
