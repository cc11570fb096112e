#include "l2lab/validity/stark/protocol.hpp"

#include <algorithm>

#include "l2lab/validity/stark/poly.hpp"

namespace l2lab::stark {

StarkContext make_context(const Air& air, const ProofOptions& options) {
    validate_air(air);
    const std::size_t n = air.trace_length();
    options.validate(n);
    if (options.remainder_max_degree + 1 < options.folding_factor)
        throw InvalidArgument("stark options: remainder_max_degree + 1 must be >= folding_factor");
    StarkContext c;
    c.options = options;
    c.trace_length = n;
    c.trace_width = air.trace_width();
    c.blowup = options.blowup;
    c.lde_size = n * options.blowup;
    c.degrees = air.transition_degrees();
    unsigned max_degree = 1;
    for (auto d : c.degrees) max_degree = std::max(max_degree, d);
    c.composition_columns = std::max<std::size_t>(1, max_degree - 1);
    if (c.composition_columns > c.blowup)
        throw InvalidArgument("stark: constraint degree " + std::to_string(max_degree) + " needs blowup >= " +
                              std::to_string(c.composition_columns) + " (have " + std::to_string(c.blowup) + ")");
    c.offset = Fp::from_u64(kDomainOffset);
    c.trace_gen = Fp::two_adic_root(log2_exact(n));
    c.lde_gen = Fp::two_adic_root(log2_exact(c.lde_size));
    c.assertions = air.assertions();
    c.periodic_columns = air.periodic_columns();
    for (const auto& col : c.periodic_columns) {
        std::vector<Fp> coeffs = col;
        intt(std::span<Fp>(coeffs));
        c.periodic_coeffs.push_back(std::move(coeffs));
    }
    c.sequence_assertions = air.sequence_assertions();
    for (const auto& sa : c.sequence_assertions) {
        SequenceTerm term;
        term.column = sa.column;
        term.count = sa.values.size();
        // W(y) through values[k] at y = h^k, h = g^stride of order K; V(x) = W(x g^-first_row).
        std::vector<Fp> coeffs = sa.values;
        intt(std::span<Fp>(coeffs));
        const Fp g_inv_first = c.trace_gen.pow(sa.first_row).inverse();
        Fp scale = Fp::one();
        for (auto& v : coeffs) {
            v *= scale;
            scale *= g_inv_first;
        }
        term.interpolant = std::move(coeffs);
        term.shift = g_inv_first.pow(term.count);
        c.sequence_terms.push_back(std::move(term));
    }
    c.public_inputs = air.public_inputs();
    std::size_t bound = n;
    while (bound > std::size_t{options.remainder_max_degree} + 1) {
        bound /= options.folding_factor;
        ++c.fri_layers;
    }
    c.remainder_size = bound;
    return c;
}

Transcript start_transcript(const Air& air, const StarkContext& ctx) {
    Transcript t(ctx.options.hash, "l2lab.stark.v1");
    const std::string name = air.name();
    t.absorb("air.name", BytesView(reinterpret_cast<const std::uint8_t*>(name.data()), name.size()));
    t.absorb("air.params", air.identity_params());
    t.absorb_u64("air.width", ctx.trace_width);
    t.absorb_u64("air.length", ctx.trace_length);
    std::vector<Fp> degrees;
    for (auto d : ctx.degrees) degrees.push_back(Fp::from_u64(d));
    t.absorb_fp("air.degrees", degrees);
    std::vector<Fp> assertions;
    for (const auto& a : ctx.assertions) {
        assertions.push_back(Fp::from_u64(a.column));
        assertions.push_back(Fp::from_u64(a.row));
        assertions.push_back(a.value);
    }
    t.absorb_fp("air.assertions", assertions);
    if (!ctx.sequence_assertions.empty()) {  // absent for AIRs without them: transcripts unchanged
        t.absorb_u64("air.sequence_count", ctx.sequence_assertions.size());
        for (const auto& sa : ctx.sequence_assertions) {
            const std::vector<Fp> shape{Fp::from_u64(sa.column), Fp::from_u64(sa.first_row), Fp::from_u64(sa.stride)};
            t.absorb_fp("air.sequence_shape", shape);
            t.absorb_fp("air.sequence_values", sa.values);
        }
    }
    t.absorb_u64("air.periodic_count", ctx.periodic_columns.size());
    for (const auto& col : ctx.periodic_columns) t.absorb_fp("air.periodic", col);
    t.absorb_fp("public_inputs", ctx.public_inputs);
    const auto& o = ctx.options;
    const std::vector<Fp> opts{Fp::from_u64(o.blowup), Fp::from_u64(o.num_queries), Fp::from_u64(o.grinding_bits),
                               Fp::from_u64(o.folding_factor), Fp::from_u64(o.remainder_max_degree),
                               Fp::from_u64(static_cast<std::uint64_t>(o.hash)), Fp::from_u64(kFieldExtensionDegree)};
    t.absorb_fp("options", opts);
    return t;
}

CompositionCoefficients draw_composition_coefficients(Transcript& t, const StarkContext& ctx) {
    CompositionCoefficients cc;
    for (std::size_t i = 0; i < ctx.degrees.size(); ++i) cc.transition.push_back(t.challenge_fp3("composition.transition"));
    for (std::size_t i = 0; i < ctx.assertions.size(); ++i) cc.assertion.push_back(t.challenge_fp3("composition.assertion"));
    for (std::size_t i = 0; i < ctx.sequence_terms.size(); ++i)
        cc.sequence.push_back(t.challenge_fp3("composition.sequence"));
    return cc;
}

Fp3 draw_ood_point(Transcript& t, const StarkContext& ctx) {
    const Fp offset_pow = ctx.offset.pow(ctx.lde_size);
    for (;;) {
        const Fp3 z = t.challenge_fp3("ood_point");
        const Fp3 zg = z * ctx.trace_gen;
        bool bad = false;
        for (const Fp3& p : {z, zg}) {
            if (p.pow(ctx.trace_length) == Fp3::one()) bad = true;           // in the trace domain
            if (p.pow(ctx.lde_size) == Fp3(offset_pow)) bad = true;          // in the LDE coset
        }
        if (!bad) return z;
    }
}

DeepCoefficients draw_deep_coefficients(Transcript& t, const StarkContext& ctx) {
    DeepCoefficients d;
    for (std::size_t c = 0; c < ctx.trace_width; ++c) d.current.push_back(t.challenge_fp3("deep.current"));
    for (std::size_t c = 0; c < ctx.trace_width; ++c) d.next.push_back(t.challenge_fp3("deep.next"));
    for (std::size_t i = 0; i < ctx.composition_columns; ++i) d.composition.push_back(t.challenge_fp3("deep.composition"));
    return d;
}

std::vector<Fp3> periodic_values_at(const StarkContext& ctx, const Fp3& x) {
    std::vector<Fp3> out;
    for (const auto& coeffs : ctx.periodic_coeffs) {
        const Fp3 y = x.pow(ctx.trace_length / coeffs.size());
        out.push_back(evaluate_at(std::span<const Fp>(coeffs), y));
    }
    return out;
}

Fp3 composition_at(const Air& air, const StarkContext& ctx, const CompositionCoefficients& cc,
                   const Fp3& z, std::span<const Fp3> current, std::span<const Fp3> next) {
    const std::size_t n = ctx.trace_length;
    const auto periodic = periodic_values_at(ctx, z);
    std::vector<Fp3> t(ctx.degrees.size());
    air.evaluate_transition(current, next, std::span<const Fp3>(periodic), std::span<Fp3>(t));
    const Fp last = ctx.trace_gen.pow(n - 1);
    const Fp3 zn_minus_one = z.pow(n) - Fp3::one();
    const Fp3 transition_factor = (z - Fp3(last)) * zn_minus_one.inverse();
    Fp3 acc = Fp3::zero();
    for (std::size_t k = 0; k < t.size(); ++k) acc += cc.transition[k] * t[k] * transition_factor;
    for (std::size_t j = 0; j < ctx.assertions.size(); ++j) {
        const auto& a = ctx.assertions[j];
        const Fp3 num = current[a.column] - Fp3(a.value);
        const Fp3 den = z - Fp3(ctx.trace_gen.pow(a.row));
        acc += cc.assertion[j] * num * den.inverse();
    }
    for (std::size_t j = 0; j < ctx.sequence_terms.size(); ++j) {
        const auto& st = ctx.sequence_terms[j];
        const Fp3 num = current[st.column] - evaluate_at(std::span<const Fp>(st.interpolant), z);
        const Fp3 den = z.pow(st.count) * st.shift - Fp3::one();
        acc += cc.sequence[j] * num * den.inverse();
    }
    return acc;
}

Fp3 fri_fold(std::span<const Fp3> values, Fp x_inv, const Fp3& alpha) {
    const std::size_t f = values.size();
    // u_s = (1/f) sum_t v_t e^(-ts) = x^s p_s(x^f); result = sum_s (alpha / x)^s u_s.
    const Fp3 beta = alpha * x_inv;
    if (f == 2) {
        static const Fp half = Fp::from_u64(2).inverse();
        return ((values[0] + values[1]) + beta * (values[0] - values[1])) * half;
    }
    if (f == 4) {
        static const Fp quarter = Fp::from_u64(4).inverse();
        static const Fp i_inv = Fp::two_adic_root(2).inverse();  // e^-1, e of order 4 (e^2 = -1)
        const Fp3 s02 = values[0] + values[2], d02 = values[0] - values[2];
        const Fp3 s13 = values[1] + values[3], d13 = (values[1] - values[3]) * i_inv;
        const Fp3 u0 = s02 + s13, u2 = s02 - s13;  // e^(-2t) = (-1)^t
        const Fp3 u1 = d02 + d13, u3 = d02 - d13;  // e^(-t) and e^(-3t) = -e^(-t) for odd t
        const Fp3 b2 = beta * beta;
        return (u0 + beta * u1 + b2 * u2 + b2 * beta * u3) * quarter;
    }
    const Fp e_inv = Fp::two_adic_root(log2_exact(f)).inverse();
    const Fp f_inv = Fp::from_u64(f).inverse();
    Fp3 result = Fp3::zero();
    Fp3 beta_pow = Fp3::one();
    Fp e_s = Fp::one();  // e^(-s)
    for (std::size_t s = 0; s < f; ++s) {
        Fp3 u = Fp3::zero();
        Fp w = Fp::one();  // e^(-ts)
        for (std::size_t t = 0; t < f; ++t) {
            u += values[t] * w;
            w *= e_s;
        }
        result += beta_pow * (u * f_inv);
        beta_pow *= beta;
        e_s *= e_inv;
    }
    return result;
}

}  // namespace l2lab::stark
