#include "l2lab/validity/stark/verifier.hpp"

#include <algorithm>

#include "l2lab/validity/stark/merkle.hpp"
#include "l2lab/validity/stark/poly.hpp"
#include "l2lab/validity/stark/protocol.hpp"

namespace l2lab::stark {

std::string_view verify_failure_name(VerifyFailure f) {
    switch (f) {
        case VerifyFailure::None: return "none";
        case VerifyFailure::Malformed: return "malformed";
        case VerifyFailure::ShapeMismatch: return "shape_mismatch";
        case VerifyFailure::OodConstraintMismatch: return "ood_constraint_mismatch";
        case VerifyFailure::ProofOfWork: return "proof_of_work";
        case VerifyFailure::TraceOpening: return "trace_opening";
        case VerifyFailure::CompositionOpening: return "composition_opening";
        case VerifyFailure::FriOpening: return "fri_opening";
        case VerifyFailure::FriMismatch: return "fri_mismatch";
        case VerifyFailure::RemainderMismatch: return "remainder_mismatch";
    }
    return "unknown";
}

namespace {

VerifyResult reject(VerifyFailure f, std::string detail) { return VerifyResult{f, std::move(detail)}; }

std::size_t index_of(const std::vector<std::size_t>& sorted, std::size_t v) {
    return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin());
}

}  // namespace

VerifyResult verify(const Air& air, const StarkProof& proof, const ProofOptions& options) {
    const StarkContext ctx = make_context(air, options);
    const std::size_t n = ctx.trace_length, N = ctx.lde_size, w = ctx.trace_width, m = ctx.composition_columns;
    const std::size_t f = options.folding_factor;
    const auto kind = options.hash;

    if (proof.ood_current.size() != w || proof.ood_next.size() != w || proof.ood_composition.size() != m)
        return reject(VerifyFailure::ShapeMismatch, "out-of-domain frame size");
    if (proof.fri_roots.size() != ctx.fri_layers || proof.fri_layers.size() != ctx.fri_layers)
        return reject(VerifyFailure::ShapeMismatch, "number of FRI layers");
    if (proof.fri_remainder.size() != ctx.remainder_size)
        return reject(VerifyFailure::ShapeMismatch, "FRI remainder size");

    Transcript transcript = start_transcript(air, ctx);
    transcript.absorb_hash("trace_root", proof.trace_root);
    const CompositionCoefficients cc = draw_composition_coefficients(transcript, ctx);
    transcript.absorb_hash("composition_root", proof.composition_root);
    const Fp3 z = draw_ood_point(transcript, ctx);
    const Fp3 zg = z * ctx.trace_gen;
    transcript.absorb_fp3("ood_current", proof.ood_current);
    transcript.absorb_fp3("ood_next", proof.ood_next);
    transcript.absorb_fp3("ood_composition", proof.ood_composition);

    // Constraint check at z: C(z) = sum_i z^(i n) H_i(z).
    const Fp3 c_z = composition_at(air, ctx, cc, z, proof.ood_current, proof.ood_next);
    Fp3 h_z = Fp3::zero();
    const Fp3 zn = z.pow(n);
    Fp3 zpow = Fp3::one();
    for (std::size_t j = 0; j < m; ++j) {
        h_z += zpow * proof.ood_composition[j];
        zpow *= zn;
    }
    if (!(c_z == h_z)) return reject(VerifyFailure::OodConstraintMismatch, "C(z) != sum z^(i n) H_i(z)");

    const DeepCoefficients dc = draw_deep_coefficients(transcript, ctx);
    std::vector<Fp3> alphas;
    for (const auto& root : proof.fri_roots) {
        transcript.absorb_hash("fri_root", root);
        alphas.push_back(transcript.challenge_fp3("fri_alpha"));
    }
    transcript.absorb_fp3("fri_remainder", proof.fri_remainder);
    if (!transcript.pow_ok(options.grinding_bits, proof.pow_nonce))
        return reject(VerifyFailure::ProofOfWork, "nonce below the grinding target");
    transcript.absorb_u64("pow_nonce", proof.pow_nonce);
    const auto positions = sorted_unique(transcript.challenge_indices("query", options.num_queries, N));
    const std::size_t q = positions.size();

    // Trace and composition openings.
    if (proof.trace_values.size() != q * w || proof.composition_values.size() != q * m)
        return reject(VerifyFailure::ShapeMismatch, "number of opened trace / composition values");
    std::vector<Hash32> leaf_hashes(q);
    for (std::size_t i = 0; i < q; ++i)
        leaf_hashes[i] = hash_leaf(kind, std::span<const Fp>(proof.trace_values).subspan(i * w, w));
    if (!verify_multi_opening(kind, proof.trace_root, N, positions, leaf_hashes, proof.trace_nodes))
        return reject(VerifyFailure::TraceOpening, "trace multi-opening");
    for (std::size_t i = 0; i < q; ++i)
        leaf_hashes[i] = hash_leaf(kind, std::span<const Fp3>(proof.composition_values).subspan(i * m, m));
    if (!verify_multi_opening(kind, proof.composition_root, N, positions, leaf_hashes, proof.composition_nodes))
        return reject(VerifyFailure::CompositionOpening, "composition multi-opening");

    // DEEP values at the queried points.
    std::vector<Fp3> values(q);
    for (std::size_t i = 0; i < q; ++i) {
        const Fp x = ctx.offset * ctx.lde_gen.pow(positions[i]);
        Fp3 a = Fp3::zero(), b = Fp3::zero();
        for (std::size_t c = 0; c < w; ++c) {
            const Fp3 v(proof.trace_values[i * w + c]);
            a += dc.current[c] * (v - proof.ood_current[c]);
            b += dc.next[c] * (v - proof.ood_next[c]);
        }
        for (std::size_t j = 0; j < m; ++j)
            a += dc.composition[j] * (proof.composition_values[i * m + j] - proof.ood_composition[j]);
        values[i] = a * (Fp3(x) - z).inverse() + b * (Fp3(x) - zg).inverse();
    }

    // FRI query phase.
    std::vector<std::size_t> pos = positions;
    std::size_t size = N;
    Fp layer_offset = ctx.offset, layer_gen = ctx.lde_gen;
    for (std::size_t k = 0; k < ctx.fri_layers; ++k) {
        const std::size_t leaves = size / f;
        std::vector<std::size_t> leaf_idx;
        for (auto p : pos) leaf_idx.push_back(p % leaves);
        leaf_idx = sorted_unique(std::move(leaf_idx));
        const auto& op = proof.fri_layers[k];
        if (op.values.size() != leaf_idx.size() * f)
            return reject(VerifyFailure::ShapeMismatch, "FRI layer " + std::to_string(k) + " value count");
        for (std::size_t i = 0; i < pos.size(); ++i) {
            const std::size_t slot = index_of(leaf_idx, pos[i] % leaves);
            if (!(op.values[slot * f + pos[i] / leaves] == values[i]))
                return reject(VerifyFailure::FriMismatch, "FRI layer " + std::to_string(k) + " at position " +
                                                              std::to_string(pos[i]));
        }
        std::vector<Hash32> hashes(leaf_idx.size());
        for (std::size_t s = 0; s < leaf_idx.size(); ++s)
            hashes[s] = hash_leaf(kind, std::span<const Fp3>(op.values).subspan(s * f, f));
        if (!verify_multi_opening(kind, proof.fri_roots[k], leaves, leaf_idx, hashes, op.nodes))
            return reject(VerifyFailure::FriOpening, "FRI layer " + std::to_string(k) + " multi-opening");
        std::vector<Fp3> next(leaf_idx.size());
        const Fp gen_inv = layer_gen.inverse(), off_inv = layer_offset.inverse();
        for (std::size_t s = 0; s < leaf_idx.size(); ++s) {
            const Fp x_inv = off_inv * gen_inv.pow(leaf_idx[s]);
            next[s] = fri_fold(std::span<const Fp3>(op.values).subspan(s * f, f), x_inv, alphas[k]);
        }
        pos = std::move(leaf_idx);
        values = std::move(next);
        size = leaves;
        layer_offset = layer_offset.pow(f);
        layer_gen = layer_gen.pow(f);
    }
    for (std::size_t i = 0; i < pos.size(); ++i) {
        const Fp3 x(layer_offset * layer_gen.pow(pos[i]));
        if (!(evaluate_at(std::span<const Fp3>(proof.fri_remainder), x) == values[i]))
            return reject(VerifyFailure::RemainderMismatch, "remainder at position " + std::to_string(pos[i]));
    }
    return {};
}

VerifyResult verify_encoded(const Air& air, BytesView proof_bytes, const ProofOptions& options) {
    StarkProof proof;
    try {
        proof = StarkProof::decode(proof_bytes);
    } catch (const DecodeError& e) {
        return reject(VerifyFailure::Malformed, e.what());
    }
    return verify(air, proof, options);
}

}  // namespace l2lab::stark
