#include "l2lab/validity/stark/prover.hpp"

#include <algorithm>

#include "l2lab/validity/stark/merkle.hpp"
#include "l2lab/validity/stark/poly.hpp"
#include "l2lab/validity/stark/protocol.hpp"

namespace l2lab::stark {

namespace {

struct FriLayer {
    std::vector<Fp3> evaluations;  // size N_k, natural order on the coset o_k * <w_k>
    MerkleTree tree;
};

// Leaf j of a layer of size `size` groups the values at j + t * size / f, t < f.
std::vector<Fp3> leaf_values(const std::vector<Fp3>& evals, std::size_t j, std::size_t f) {
    const std::size_t stride = evals.size() / f;
    std::vector<Fp3> out(f);
    for (std::size_t t = 0; t < f; ++t) out[t] = evals[j + t * stride];
    return out;
}

MerkleTree commit_fri_layer(const std::vector<Fp3>& evals, std::size_t f, crypto::HashKind kind) {
    const std::size_t leaves = evals.size() / f;
    std::vector<Hash32> hashes(leaves);
    for (std::size_t j = 0; j < leaves; ++j) {
        const auto v = leaf_values(evals, j, f);
        hashes[j] = hash_leaf(kind, std::span<const Fp3>(v));
    }
    return MerkleTree(kind, std::move(hashes));
}

StarkProof prove_impl(const Air& air, const Trace& trace, const ProofOptions& options, bool checked) {
    const StarkContext ctx = make_context(air, options);
    if (checked) {
        check_trace(air, trace);
    } else if (trace.width() != ctx.trace_width || trace.length() != ctx.trace_length) {
        throw TraceShapeError("stark: trace shape differs from the AIR's");
    }
    const std::size_t n = ctx.trace_length, N = ctx.lde_size, w = ctx.trace_width, B = ctx.blowup;
    const std::size_t m = ctx.composition_columns;
    const auto kind = options.hash;
    Transcript transcript = start_transcript(air, ctx);
    StarkProof proof;

    // 1. Trace polynomials, their LDE, and the row commitment.
    std::vector<std::vector<Fp>> trace_coeffs(w), trace_lde(w);
    for (std::size_t c = 0; c < w; ++c) {
        trace_coeffs[c] = trace.column(c);
        intt(std::span<Fp>(trace_coeffs[c]));
        trace_lde[c] = evaluate_on_coset(std::span<const Fp>(trace_coeffs[c]), N, ctx.offset);
    }
    std::vector<Hash32> row_hashes(N);
    {
        std::vector<Fp> row(w);
        for (std::size_t i = 0; i < N; ++i) {
            for (std::size_t c = 0; c < w; ++c) row[c] = trace_lde[c][i];
            row_hashes[i] = hash_leaf(kind, std::span<const Fp>(row));
        }
    }
    const MerkleTree trace_tree(kind, std::move(row_hashes));
    proof.trace_root = trace_tree.root();
    transcript.absorb_hash("trace_root", proof.trace_root);

    // 2. Constraint composition on the LDE domain.
    const CompositionCoefficients cc = draw_composition_coefficients(transcript, ctx);
    std::vector<Fp> xs(N);
    {
        Fp x = ctx.offset;
        for (std::size_t i = 0; i < N; ++i) {
            xs[i] = x;
            x *= ctx.lde_gen;
        }
    }
    // (x^n - 1)^-1 takes only B distinct values on the coset: x_i^n = o^n w^(i n), w^n of order B.
    std::vector<Fp> zinv(B);
    {
        const Fp on = ctx.offset.pow(n), step = ctx.lde_gen.pow(n);
        Fp v = on;
        for (std::size_t i = 0; i < B; ++i) {
            zinv[i] = v - Fp::one();
            v *= step;
        }
        batch_inverse(std::span<Fp>(zinv));
    }
    std::vector<std::vector<Fp>> periodic_lde;
    for (const auto& coeffs : ctx.periodic_coeffs) {
        const std::size_t len = coeffs.size() * B;
        periodic_lde.push_back(evaluate_on_coset(std::span<const Fp>(coeffs), len, ctx.offset.pow(n / coeffs.size())));
    }
    // Assertion divisors, one batch inversion per distinct row.
    std::vector<std::size_t> rows;
    for (const auto& a : ctx.assertions) rows.push_back(a.row);
    rows = sorted_unique(rows);
    std::vector<std::vector<Fp>> row_inv(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const Fp gr = ctx.trace_gen.pow(rows[r]);
        row_inv[r].resize(N);
        for (std::size_t i = 0; i < N; ++i) row_inv[r][i] = xs[i] - gr;
        batch_inverse(std::span<Fp>(row_inv[r]));
    }
    // Sequence assertions: V on the LDE domain, and 1 / (x^K shift - 1), which has period N / K.
    std::vector<std::vector<Fp>> seq_values, seq_inv;
    for (const auto& st : ctx.sequence_terms) {
        seq_values.push_back(evaluate_on_coset(std::span<const Fp>(st.interpolant), N, ctx.offset));
        const std::size_t period = N / st.count;
        std::vector<Fp> inv(period);
        const Fp step = ctx.lde_gen.pow(st.count);
        Fp v = ctx.offset.pow(st.count) * st.shift;
        for (std::size_t i = 0; i < period; ++i) {
            inv[i] = v - Fp::one();
            v *= step;
        }
        batch_inverse(std::span<Fp>(inv));
        seq_inv.push_back(std::move(inv));
    }
    const Fp last = ctx.trace_gen.pow(n - 1);
    std::vector<Fp3> comp(N);
    {
        const std::size_t k = ctx.degrees.size();
        std::vector<Fp> cur(w), nxt(w), per(periodic_lde.size()), out(k);
        for (std::size_t i = 0; i < N; ++i) {
            const std::size_t inext = (i + B) & (N - 1);
            for (std::size_t c = 0; c < w; ++c) {
                cur[c] = trace_lde[c][i];
                nxt[c] = trace_lde[c][inext];
            }
            for (std::size_t j = 0; j < periodic_lde.size(); ++j) per[j] = periodic_lde[j][i % periodic_lde[j].size()];
            air.evaluate_transition(std::span<const Fp>(cur), std::span<const Fp>(nxt), std::span<const Fp>(per),
                                    std::span<Fp>(out));
            Fp3 acc = Fp3::zero();
            for (std::size_t q = 0; q < k; ++q) acc += cc.transition[q] * out[q];
            acc = acc * ((xs[i] - last) * zinv[i % B]);
            for (std::size_t j = 0; j < ctx.assertions.size(); ++j) {
                const auto& a = ctx.assertions[j];
                const std::size_t r = static_cast<std::size_t>(std::lower_bound(rows.begin(), rows.end(), a.row) - rows.begin());
                acc += cc.assertion[j] * ((trace_lde[a.column][i] - a.value) * row_inv[r][i]);
            }
            for (std::size_t j = 0; j < ctx.sequence_terms.size(); ++j) {
                const auto& st = ctx.sequence_terms[j];
                acc += cc.sequence[j] * ((trace_lde[st.column][i] - seq_values[j][i]) *
                                         seq_inv[j][i & (seq_inv[j].size() - 1)]);
            }
            comp[i] = acc;
        }
    }
    std::vector<Fp3> comp_coeffs = interpolate_coset(std::span<const Fp3>(comp), ctx.offset);
    if (checked) {
        for (std::size_t i = m * n; i < N; ++i)
            if (!comp_coeffs[i].is_zero())
                throw UnsatisfiedTrace("declared constraint degrees", 0,
                                       "the composition polynomial has degree >= " + std::to_string(m * n) +
                                           "; a transition constraint exceeds its declared degree");
    }
    std::vector<std::vector<Fp3>> h_coeffs(m), h_lde(m);
    for (std::size_t j = 0; j < m; ++j) {
        h_coeffs[j].assign(comp_coeffs.begin() + static_cast<std::ptrdiff_t>(j * n),
                           comp_coeffs.begin() + static_cast<std::ptrdiff_t>((j + 1) * n));
        h_lde[j] = evaluate_on_coset(std::span<const Fp3>(h_coeffs[j]), N, ctx.offset);
    }
    {
        std::vector<Hash32> hashes(N);
        std::vector<Fp3> row(m);
        for (std::size_t i = 0; i < N; ++i) {
            for (std::size_t j = 0; j < m; ++j) row[j] = h_lde[j][i];
            hashes[i] = hash_leaf(kind, std::span<const Fp3>(row));
        }
        MerkleTree t(kind, std::move(hashes));
        proof.composition_root = t.root();
        transcript.absorb_hash("composition_root", proof.composition_root);

        // 3. Out-of-domain evaluation.
        const Fp3 z = draw_ood_point(transcript, ctx);
        const Fp3 zg = z * ctx.trace_gen;
        for (std::size_t c = 0; c < w; ++c) {
            proof.ood_current.push_back(evaluate_at(std::span<const Fp>(trace_coeffs[c]), z));
            proof.ood_next.push_back(evaluate_at(std::span<const Fp>(trace_coeffs[c]), zg));
        }
        for (std::size_t j = 0; j < m; ++j)
            proof.ood_composition.push_back(evaluate_at(std::span<const Fp3>(h_coeffs[j]), z));
        transcript.absorb_fp3("ood_current", proof.ood_current);
        transcript.absorb_fp3("ood_next", proof.ood_next);
        transcript.absorb_fp3("ood_composition", proof.ood_composition);

        // 4. DEEP composition D on the LDE domain.
        const DeepCoefficients dc = draw_deep_coefficients(transcript, ctx);
        std::vector<Fp3> inv_z(N), inv_zg(N);
        for (std::size_t i = 0; i < N; ++i) {
            inv_z[i] = Fp3(xs[i]) - z;
            inv_zg[i] = Fp3(xs[i]) - zg;
        }
        batch_inverse(std::span<Fp3>(inv_z));
        batch_inverse(std::span<Fp3>(inv_zg));
        std::vector<Fp3> deep(N);
        for (std::size_t i = 0; i < N; ++i) {
            Fp3 a = Fp3::zero(), b = Fp3::zero();
            for (std::size_t c = 0; c < w; ++c) {
                const Fp3 v(trace_lde[c][i]);
                a += dc.current[c] * (v - proof.ood_current[c]);
                b += dc.next[c] * (v - proof.ood_next[c]);
            }
            for (std::size_t j = 0; j < m; ++j) a += dc.composition[j] * (h_lde[j][i] - proof.ood_composition[j]);
            deep[i] = a * inv_z[i] + b * inv_zg[i];
        }

        // 5. FRI commit phase.
        const std::size_t f = options.folding_factor;
        std::vector<FriLayer> layers;
        std::vector<Fp3> evals = std::move(deep);
        Fp layer_offset = ctx.offset, layer_gen = ctx.lde_gen;
        for (std::size_t k = 0; k < ctx.fri_layers; ++k) {
            MerkleTree tree = commit_fri_layer(evals, f, kind);
            transcript.absorb_hash("fri_root", tree.root());
            proof.fri_roots.push_back(tree.root());
            const Fp3 alpha = transcript.challenge_fp3("fri_alpha");
            const std::size_t leaves = evals.size() / f;
            std::vector<Fp3> next(leaves);
            const Fp gen_inv = layer_gen.inverse();
            Fp x_inv = layer_offset.inverse();
            for (std::size_t j = 0; j < leaves; ++j) {
                const auto v = leaf_values(evals, j, f);
                next[j] = fri_fold(std::span<const Fp3>(v), x_inv, alpha);
                x_inv *= gen_inv;
            }
            layers.push_back({std::move(evals), std::move(tree)});
            evals = std::move(next);
            layer_offset = layer_offset.pow(f);
            layer_gen = layer_gen.pow(f);
        }
        std::vector<Fp3> rem = interpolate_coset(std::span<const Fp3>(evals), layer_offset);
        rem.resize(ctx.remainder_size);
        proof.fri_remainder = rem;
        transcript.absorb_fp3("fri_remainder", proof.fri_remainder);

        // 6. Grinding, then the queries.
        proof.pow_nonce = transcript.grind(options.grinding_bits);
        transcript.absorb_u64("pow_nonce", proof.pow_nonce);
        const auto positions = sorted_unique(transcript.challenge_indices("query", options.num_queries, N));
        for (auto p : positions) {
            for (std::size_t c = 0; c < w; ++c) proof.trace_values.push_back(trace_lde[c][p]);
            for (std::size_t j = 0; j < m; ++j) proof.composition_values.push_back(h_lde[j][p]);
        }
        proof.trace_nodes = trace_tree.open(positions);
        proof.composition_nodes = t.open(positions);
        std::vector<std::size_t> pos = positions;
        for (const auto& layer : layers) {
            const std::size_t leaves = layer.evaluations.size() / f;
            std::vector<std::size_t> leaf_idx;
            for (auto p : pos) leaf_idx.push_back(p % leaves);
            leaf_idx = sorted_unique(std::move(leaf_idx));
            FriLayerOpening op;
            for (auto j : leaf_idx) {
                const auto v = leaf_values(layer.evaluations, j, f);
                op.values.insert(op.values.end(), v.begin(), v.end());
            }
            op.nodes = layer.tree.open(leaf_idx);
            proof.fri_layers.push_back(std::move(op));
            pos = std::move(leaf_idx);
        }
    }
    return proof;
}

}  // namespace

StarkProof prove(const Air& air, const Trace& trace, const ProofOptions& options) {
    return prove_impl(air, trace, options, true);
}

StarkProof prove_unchecked(const Air& air, const Trace& trace, const ProofOptions& options) {
    return prove_impl(air, trace, options, false);
}

}  // namespace l2lab::stark
