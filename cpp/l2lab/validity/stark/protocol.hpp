#pragma once
/// \file protocol.hpp
/// Pieces of the STARK protocol shared by prover and verifier so both derive the same domains,
/// transcript and challenges: the public context of an (AIR, options) pair, the transcript
/// preamble, constraint-composition and DEEP challenges, and the composition value at a point.
///
/// Domains: the trace domain is <g>, g of order n; the LDE domain is the coset
/// kDomainOffset * <w>, w of order N = n * blowup (g = w^blowup), in natural order.
/// Composition: C(x) = sum_k a_k c_k(x) (x - g^(n-1)) / (x^n - 1)          (transitions)
///                   + sum_j b_j (T_col(j)(x) - v_j) / (x - g^row(j))        (assertions)
///                   + sum_s e_s (T_col(s)(x) - V_s(x)) / ((x g^-r0(s))^K(s) - 1)  (sequences),
/// V_s the polynomial of degree < K(s) through the asserted values at the rows r0(s) + k stride(s),
/// split as C(x) = sum_i x^(i n) H_i(x), deg H_i < n, i < m = max(1, max degree - 1).
/// DEEP: D(x) = sum_c [u_c (T_c(x) - T_c(z)) / (x - z) + v_c (T_c(x) - T_c(z g)) / (x - z g)]
///            + sum_i s_i (H_i(x) - H_i(z)) / (x - z), a polynomial of degree < n for an honest
/// prover; FRI proves that.

#include <cstdint>
#include <vector>

#include "l2lab/validity/stark/air.hpp"
#include "l2lab/validity/stark/options.hpp"
#include "l2lab/validity/stark/transcript.hpp"

namespace l2lab::stark {

/// Offset of the LDE coset (the multiplicative generator, so the coset avoids the trace domain).
inline constexpr std::uint64_t kDomainOffset = Fp::kGenerator;

/// A sequence assertion in the form the composition uses: C gets e (T_column(x) - V(x)) / Z(x)
/// with V(x) = sum_i interpolant[i] x^i and Z(x) = x^count * shift - 1 (shift = g^(-first_row *
/// count)), which vanishes exactly on the asserted rows.
struct SequenceTerm {
    std::size_t column = 0;
    std::size_t count = 0;          ///< number of asserted rows K
    Fp shift;                       ///< g^(-first_row * K)
    std::vector<Fp> interpolant;    ///< coefficients of V (in x), K of them
};

/// Everything public about a proof instance, derived from the AIR and options.
struct StarkContext {
    std::size_t trace_length = 0;  ///< n
    std::size_t trace_width = 0;   ///< w
    std::size_t lde_size = 0;      ///< N = n * blowup
    std::size_t blowup = 0;
    std::size_t composition_columns = 0;  ///< m
    Fp offset;     ///< LDE coset offset
    Fp trace_gen;  ///< g, order n
    Fp lde_gen;    ///< w, order N
    std::vector<unsigned> degrees;
    std::vector<Assertion> assertions;
    std::vector<SequenceAssertion> sequence_assertions;
    std::vector<SequenceTerm> sequence_terms;  ///< one per sequence assertion
    std::vector<std::vector<Fp>> periodic_columns;
    std::vector<std::vector<Fp>> periodic_coeffs;  ///< column j interpolated over its subgroup
    std::vector<Fp> public_inputs;
    std::size_t fri_layers = 0;      ///< committed FRI layers
    std::size_t remainder_size = 0;  ///< coefficients of the FRI remainder
    ProofOptions options;
};

/// Validates air and options (options.validate, validate_air, m <= blowup) and derives the
/// context. Throws TraceShapeError / InvalidArgument / InsecureParameters.
StarkContext make_context(const Air& air, const ProofOptions& options);

/// A transcript that has absorbed the protocol version, the AIR identity (name, parameter bytes,
/// width, length, degrees, assertions, periodic columns), the public inputs and every option.
Transcript start_transcript(const Air& air, const StarkContext& ctx);

/// Random coefficients of the constraint composition (one per transition, per assertion and per
/// sequence assertion; the last are drawn after the others, so AIRs without sequence assertions
/// draw exactly as before they existed).
struct CompositionCoefficients {
    std::vector<Fp3> transition;
    std::vector<Fp3> assertion;
    std::vector<Fp3> sequence;
};
CompositionCoefficients draw_composition_coefficients(Transcript& t, const StarkContext& ctx);

/// The out-of-domain point z: drawn until neither z nor z g lies in the trace or LDE domain.
Fp3 draw_ood_point(Transcript& t, const StarkContext& ctx);

/// Random coefficients of the DEEP composition.
struct DeepCoefficients {
    std::vector<Fp3> current;      ///< u_c
    std::vector<Fp3> next;         ///< v_c
    std::vector<Fp3> composition;  ///< s_i
};
DeepCoefficients draw_deep_coefficients(Transcript& t, const StarkContext& ctx);

/// Values of the periodic columns at the point x (each column's polynomial at x^(n/L)).
std::vector<Fp3> periodic_values_at(const StarkContext& ctx, const Fp3& x);

/// C(z) from the out-of-domain trace frame (the verifier's constraint check).
Fp3 composition_at(const Air& air, const StarkContext& ctx, const CompositionCoefficients& cc,
                   const Fp3& z, std::span<const Fp3> current, std::span<const Fp3> next);

/// The FRI fold of one leaf: `values` are p at x * e^t (t < f, e of order f), `x_inv` = 1/x;
/// returns sum_s alpha^s p_s(x^f) where p(X) = sum_s X^s p_s(X^f).
Fp3 fri_fold(std::span<const Fp3> values, Fp x_inv, const Fp3& alpha);

}  // namespace l2lab::stark
