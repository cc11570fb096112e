// Soundness: every field of a valid proof tampered -> rejected; wrong public inputs and a wrong
// AIR -> rejected; a trace violating one constraint at one row -> the prover refuses and a forced
// proof is rejected; every public input and commitment changes the challenges; the decoder
// rejects malformed bytes.
#include <gtest/gtest.h>

#include <functional>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/fibonacci.hpp"
#include "l2lab/validity/stark/protocol.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/verifier.hpp"

using namespace l2lab::stark;
using l2lab::Hash32;

namespace {

constexpr std::size_t kN = 32;

ProofOptions opts() {
    ProofOptions o;
    o.num_queries = 6;
    o.grinding_bits = 4;
    o.remainder_max_degree = 3;  // several FRI layers even for a small trace
    o.folding_factor = 2;
    o.allow_insecure = true;
    return o;
}

const StarkProof& valid_proof() {
    static const StarkProof p = prove(FibonacciAir(kN, fibonacci_result(kN)), fibonacci_trace(kN), opts());
    return p;
}

VerifyResult check(const StarkProof& p) { return verify(FibonacciAir(kN, fibonacci_result(kN)), p, opts()); }

Fp3 bump(const Fp3& v) { return v + Fp3(Fp::one()); }
Fp bump(Fp v) { return v + Fp::one(); }
Hash32 bump(Hash32 h) {
    h.bytes[31] ^= 1;
    return h;
}

// Applies `mutate` to every element of a vector field and expects rejection each time.
template <class T>
void tamper_each(const char* what, std::function<std::vector<T>&(StarkProof&)> field) {
    StarkProof base = valid_proof();
    const std::size_t count = field(base).size();
    ASSERT_GT(count, 0u) << what;
    for (std::size_t i = 0; i < count; ++i) {
        StarkProof p = valid_proof();
        field(p)[i] = bump(field(p)[i]);
        const auto r = check(p);
        EXPECT_FALSE(r.ok()) << what << "[" << i << "] tampered and still accepted";
    }
    // Dropping or appending an element is a shape error (or an opening failure).
    StarkProof shorter = valid_proof();
    field(shorter).pop_back();
    EXPECT_FALSE(check(shorter).ok()) << what << " shortened";
    StarkProof longer = valid_proof();
    field(longer).push_back(field(longer).back());
    EXPECT_FALSE(check(longer).ok()) << what << " lengthened";
}

class Other final : public TypedAir<Other> {
public:
    std::string name() const override { return "fibonacci"; }
    std::size_t trace_width() const override { return 2; }
    std::size_t trace_length() const override { return kN; }
    std::vector<unsigned> transition_degrees() const override { return {1, 1}; }
    std::vector<Assertion> assertions() const override {
        return FibonacciAir(kN, fibonacci_result(kN)).assertions();
    }
    std::vector<Fp> public_inputs() const override { return {fibonacci_result(kN)}; }
    template <class F>
    void evaluate(std::span<const F> c, std::span<const F> n, std::span<const F>, std::span<F> out) const {
        out[0] = n[0] - c[1];
        out[1] = n[1] - (c[0] + c[1] + c[1]);
    }
};

}  // namespace

TEST(StarkSoundness, ValidProofVerifies) {
    const auto r = check(valid_proof());
    ASSERT_TRUE(r.ok()) << verify_failure_name(r.failure) << " " << r.detail;
    EXPECT_GE(valid_proof().fri_layers.size(), 2u);
}

TEST(StarkSoundness, EveryFieldTamperedIsRejected) {
    {
        StarkProof p = valid_proof();
        p.trace_root = bump(p.trace_root);
        EXPECT_FALSE(check(p).ok()) << "trace_root";
        p = valid_proof();
        p.composition_root = bump(p.composition_root);
        EXPECT_FALSE(check(p).ok()) << "composition_root";
        p = valid_proof();
        p.pow_nonce += 1;
        EXPECT_FALSE(check(p).ok()) << "pow_nonce";
    }
    tamper_each<Fp3>("ood_current", [](StarkProof& p) -> std::vector<Fp3>& { return p.ood_current; });
    tamper_each<Fp3>("ood_next", [](StarkProof& p) -> std::vector<Fp3>& { return p.ood_next; });
    tamper_each<Fp3>("ood_composition", [](StarkProof& p) -> std::vector<Fp3>& { return p.ood_composition; });
    tamper_each<Hash32>("fri_roots", [](StarkProof& p) -> std::vector<Hash32>& { return p.fri_roots; });
    tamper_each<Fp3>("fri_remainder", [](StarkProof& p) -> std::vector<Fp3>& { return p.fri_remainder; });
    tamper_each<Fp>("trace_values", [](StarkProof& p) -> std::vector<Fp>& { return p.trace_values; });
    tamper_each<Hash32>("trace_nodes", [](StarkProof& p) -> std::vector<Hash32>& { return p.trace_nodes; });
    tamper_each<Fp3>("composition_values", [](StarkProof& p) -> std::vector<Fp3>& { return p.composition_values; });
    tamper_each<Hash32>("composition_nodes", [](StarkProof& p) -> std::vector<Hash32>& { return p.composition_nodes; });
    for (std::size_t k = 0; k < valid_proof().fri_layers.size(); ++k) {
        tamper_each<Fp3>("fri layer values", [k](StarkProof& p) -> std::vector<Fp3>& { return p.fri_layers[k].values; });
        tamper_each<Hash32>("fri layer nodes", [k](StarkProof& p) -> std::vector<Hash32>& { return p.fri_layers[k].nodes; });
    }
    StarkProof p = valid_proof();
    p.fri_layers.pop_back();
    EXPECT_EQ(check(p).failure, VerifyFailure::ShapeMismatch);
}

TEST(StarkSoundness, PowNonceBelowTargetIsProofOfWorkFailure) {
    ProofOptions o = opts();
    o.grinding_bits = 12;
    const FibonacciAir air(kN, fibonacci_result(kN));
    StarkProof p = prove(air, fibonacci_trace(kN), o);
    ASSERT_TRUE(verify(air, p, o).ok());
    for (std::uint64_t d = 1; d < 8; ++d) {
        StarkProof q = p;
        q.pow_nonce = p.pow_nonce - std::min(p.pow_nonce, d) + (p.pow_nonce < d ? d + 1 : 0);
        if (q.pow_nonce == p.pow_nonce) continue;
        const auto r = verify(air, q, o);
        EXPECT_FALSE(r.ok());
    }
}

TEST(StarkSoundness, WrongPublicInputOrWrongAirIsRejected) {
    const auto r = verify(FibonacciAir(kN, fibonacci_result(kN) + Fp::one()), valid_proof(), opts());
    EXPECT_EQ(r.failure, VerifyFailure::OodConstraintMismatch);
    // Same statement at another length: a different AIR instance.
    EXPECT_FALSE(verify(FibonacciAir(2 * kN, fibonacci_result(2 * kN)), valid_proof(), opts()).ok());
    // An AIR with the same shape but another transition (b' = a + 2b) under the same name.
    EXPECT_EQ(verify(Other(), valid_proof(), opts()).failure, VerifyFailure::OodConstraintMismatch);
}

TEST(StarkSoundness, TraceViolatingOneConstraintAtOneRow) {
    // Honest until row 9, where a_10 = b_9 + 1 (transition 0 fails there only); the rest follows
    // the rules, and the claimed result is the corrupted computation's, so every assertion holds.
    std::vector<Fp> a(kN), b(kN);
    a[0] = b[0] = Fp::one();
    for (std::size_t r = 0; r + 1 < kN; ++r) {
        a[r + 1] = b[r] + (r == 9 ? Fp::one() : Fp::zero());
        b[r + 1] = a[r] + b[r];
    }
    const Trace bad({a, b});
    const FibonacciAir air(kN, b.back());
    try {
        prove(air, bad, opts());
        FAIL() << "the prover accepted an unsatisfying trace";
    } catch (const UnsatisfiedTrace& e) {
        EXPECT_EQ(e.constraint(), "transition constraint 0");
        EXPECT_EQ(e.row(), 9u);
    }
    for (std::uint32_t folding : {2u, 4u}) {
        ProofOptions o = opts();
        o.folding_factor = folding;
        const StarkProof forced = prove_unchecked(air, bad, o);
        const auto r = verify(air, forced, o);
        EXPECT_FALSE(r.ok()) << "forced proof accepted (folding " << folding << ")";
    }
}

TEST(StarkSoundness, ChallengesDependOnEveryPublicInputAndCommitment) {
    const std::size_t n = 16;
    const ProofOptions o = opts();
    auto first_challenge = [&](const Air& air) {
        Transcript t = start_transcript(air, make_context(air, o));
        return t.challenge_fp3("probe");
    };
    const Fp res = fibonacci_result(n);
    const Fp3 base = first_challenge(FibonacciAir(n, res));
    EXPECT_FALSE(first_challenge(FibonacciAir(n, res + Fp::one())) == base) << "public input";
    EXPECT_FALSE(first_challenge(FibonacciAir(2 * n, res)) == base) << "trace length";
    ProofOptions o2 = o;
    o2.num_queries += 1;
    {
        const FibonacciAir air(n, res);
        Transcript t = start_transcript(air, make_context(air, o2));
        EXPECT_FALSE(t.challenge_fp3("probe") == base) << "options";
    }
    // Each commitment: absorbing a different root changes every later challenge.
    const FibonacciAir air(n, res);
    const StarkContext ctx = make_context(air, o);
    const StarkProof p = prove(air, fibonacci_trace(n), o);
    auto replay = [&](const StarkProof& q) {
        std::vector<Fp3> ch;
        Transcript t = start_transcript(air, ctx);
        t.absorb_hash("trace_root", q.trace_root);
        const auto cc = draw_composition_coefficients(t, ctx);
        ch.push_back(cc.transition[0]);
        t.absorb_hash("composition_root", q.composition_root);
        ch.push_back(draw_ood_point(t, ctx));
        t.absorb_fp3("ood_current", q.ood_current);
        t.absorb_fp3("ood_next", q.ood_next);
        t.absorb_fp3("ood_composition", q.ood_composition);
        ch.push_back(draw_deep_coefficients(t, ctx).current[0]);
        for (const auto& r : q.fri_roots) {
            t.absorb_hash("fri_root", r);
            ch.push_back(t.challenge_fp3("fri_alpha"));
        }
        t.absorb_fp3("fri_remainder", q.fri_remainder);
        t.absorb_u64("pow_nonce", q.pow_nonce);
        const auto idx = t.challenge_indices("query", o.num_queries, ctx.lde_size);
        ch.push_back(Fp3(Fp::from_u64(idx[0]), Fp::from_u64(idx[1]), Fp::zero()));
        return ch;
    };
    const auto honest = replay(p);
    auto last_differs = [&](const StarkProof& q, const char* what) {
        const auto c = replay(q);
        EXPECT_FALSE(c.back() == honest.back()) << what << ": query positions unchanged";
        EXPECT_FALSE(verify(air, q, o).ok()) << what;
    };
    StarkProof q = p;
    q.trace_root = bump(q.trace_root);
    EXPECT_FALSE(replay(q)[0] == honest[0]);
    last_differs(q, "trace_root");
    q = p;
    q.composition_root = bump(q.composition_root);
    EXPECT_FALSE(replay(q)[1] == honest[1]);
    last_differs(q, "composition_root");
    for (std::size_t k = 0; k < p.fri_roots.size(); ++k) {
        q = p;
        q.fri_roots[k] = bump(q.fri_roots[k]);
        EXPECT_FALSE(replay(q)[3 + k] == honest[3 + k]);
        last_differs(q, "fri_root");
    }
    q = p;
    q.fri_remainder[0] = bump(q.fri_remainder[0]);
    last_differs(q, "fri_remainder");
}

TEST(StarkSoundness, DecoderRejectsMalformedBytes) {
    const auto bytes = valid_proof().encode();
    const FibonacciAir air(kN, fibonacci_result(kN));
    // Truncation and trailing bytes.
    auto cut = bytes;
    cut.pop_back();
    EXPECT_THROW(StarkProof::decode(cut), l2lab::DecodeError);
    auto extra = bytes;
    extra.push_back(0);
    EXPECT_THROW(StarkProof::decode(extra), l2lab::DecodeError);
    EXPECT_EQ(verify_encoded(air, extra, opts()).failure, VerifyFailure::Malformed);
    // A non-canonical field word (p itself) in the first trace value.
    StarkProof p = valid_proof();
    auto enc = p.encode();
    const auto word = p.trace_values[0].value();
    std::size_t at = enc.size();
    for (std::size_t i = 0; i + 8 <= enc.size(); ++i) {
        std::uint64_t v = 0;
        for (int k = 7; k >= 0; --k) v = (v << 8) | enc[i + static_cast<std::size_t>(k)];
        if (v == word) {
            at = i;
            break;
        }
    }
    ASSERT_LT(at, enc.size());
    const std::uint64_t nonc = word + Fp::kModulus;  // same residue, non-canonical
    if (nonc > word) {  // no overflow: word < 2^32 - 1
        for (int k = 0; k < 8; ++k) enc[at + static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(nonc >> (8 * k));
        EXPECT_THROW(StarkProof::decode(enc), l2lab::DecodeError);
    }
    // Flipping sampled bytes never yields an accepted proof.
    for (std::size_t i = 0; i < bytes.size(); i += 37) {
        auto m = bytes;
        m[i] ^= 0x20;
        EXPECT_FALSE(verify_encoded(air, m, opts()).ok()) << "byte " << i;
    }
}
