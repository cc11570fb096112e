// Example AIRs over Rescue-Prime: the hash chain (Winterfell/ethSTARK benchmark statement) and
// the Merkle-path update. Honest traces satisfy them; one wrong cell, a wrong public output, a
// different path for the two roots or a wrong index are caught by the constraint check; the F_p
// and F_p^3 evaluations agree.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/expr_air.hpp"
#include "l2lab/validity/stark/hash_chain_air.hpp"
#include "l2lab/validity/stark/merkle_air.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/verifier.hpp"

using namespace l2lab::stark;
using rescue::Digest;

namespace {

Digest digest(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
    return {Fp::from_u64(a), Fp::from_u64(b), Fp::from_u64(c), Fp::from_u64(d)};
}

Trace with_cell(const Trace& t, std::size_t col, std::size_t row, Fp value) {
    auto cols = t.columns();
    cols[col][row] = value;
    return Trace(std::move(cols));
}

std::vector<Digest> make_path(std::size_t depth, std::uint64_t salt) {
    std::vector<Digest> path;
    for (std::size_t k = 0; k < depth; ++k)
        path.push_back(digest(salt + k, 2 * k + 1, salt, 99));
    return path;
}

// Evaluate the F_p3 overload on embedded base values and compare with the F_p overload.
void expect_extension_agrees(const Air& air, const Trace& trace, std::size_t row) {
    if (row + 1 >= trace.length())
        return;  // the last row has no successor
    const auto periodic_cols = air.periodic_columns();
    const std::size_t w = trace.width();
    const std::size_t m = air.transition_degrees().size();
    std::vector<Fp> cur = trace.row(row), nxt = trace.row(row + 1), per;
    for (const auto& c : periodic_cols)
        per.push_back(periodic_value(c, row));
    std::vector<Fp> out(m);
    air.evaluate_transition(std::span<const Fp>(cur), nxt, per, out);
    std::vector<Fp3> cur3(cur.begin(), cur.end()), nxt3(nxt.begin(), nxt.end()),
        per3(per.begin(), per.end()), out3(m);
    ASSERT_EQ(cur3.size(), w);
    air.evaluate_transition(std::span<const Fp3>(cur3), nxt3, per3, out3);
    for (std::size_t i = 0; i < m; ++i)
        EXPECT_EQ(out3[i], Fp3(out[i])) << "constraint " << i;
}

}  // namespace

TEST(StarkHashChainAir, HonestTraceSatisfiesAir) {
    const Digest seed = digest(1, 2, 3, 4);
    for (std::uint64_t n : {1u, 2u, 16u}) {
        const Trace trace = build_hash_chain_trace(seed, n);
        const HashChainAir air(seed, rescue::hash_chain(seed, n), n);
        EXPECT_EQ(trace.length(), 8 * n);
        EXPECT_NO_THROW(check_trace(air, trace)) << n;
        for (std::size_t row : {std::size_t{0}, std::size_t{6}, std::size_t{7}}) {
            expect_extension_agrees(air, trace, row);
        }
    }
}

TEST(StarkHashChainAir, OneWrongCellIsCaughtWhereverItIs) {
    const Digest seed = digest(5, 6, 7, 8);
    const std::uint64_t n = 4;
    const Trace trace = build_hash_chain_trace(seed, n);
    const HashChainAir air(seed, rescue::hash_chain(seed, n), n);
    // Every cell, flipped by +1, makes some constraint (transition or assertion) fail.
    for (std::size_t col = 0; col < trace.width(); ++col) {
        for (std::size_t row = 0; row < trace.length(); ++row) {
            const Trace bad = with_cell(trace, col, row, trace.column(col)[row] + Fp::one());
            EXPECT_THROW(check_trace(air, bad), UnsatisfiedTrace) << col << "," << row;
        }
    }
}

TEST(StarkHashChainAir, WrongPublicOutputOrSeedIsRejected) {
    const Digest seed = digest(9, 9, 9, 9);
    const Trace trace = build_hash_chain_trace(seed, 8);
    Digest wrong = rescue::hash_chain(seed, 8);
    wrong[2] += Fp::one();
    EXPECT_THROW(check_trace(HashChainAir(seed, wrong, 8), trace), UnsatisfiedTrace);
    // The result of 7 hashes is not the result of 8.
    EXPECT_THROW(check_trace(HashChainAir(seed, rescue::hash_chain(seed, 7), 8), trace),
                 UnsatisfiedTrace);
    EXPECT_THROW(
        check_trace(HashChainAir(digest(9, 9, 9, 8), rescue::hash_chain(seed, 8), 8), trace),
        UnsatisfiedTrace);
}

TEST(StarkHashChainAir, BadSizesThrow) {
    EXPECT_THROW(HashChainAir(Digest{}, Digest{}, 0), l2lab::InvalidArgument);
    EXPECT_THROW(HashChainAir(Digest{}, Digest{}, 3), l2lab::InvalidArgument);
    EXPECT_THROW(HashChainAir(Digest{}, Digest{}, std::uint64_t{1} << 22), l2lab::InvalidArgument);
    EXPECT_THROW(build_hash_chain_trace(Digest{}, 6), l2lab::InvalidArgument);
}

TEST(StarkMerkleAir, HonestUpdateSatisfiesAirAtEveryIndex) {
    for (std::size_t depth : {1u, 3u, 5u}) {
        const auto path = make_path(depth, 40 + depth);
        for (std::uint64_t index = 0; index < (std::uint64_t{1} << depth); ++index) {
            const Digest v_old = digest(index, 1, 2, 3), v_new = digest(index, 7, 7, 7);
            const auto st = make_merkle_update_statement(index, v_old, v_new, path);
            const Trace trace = build_merkle_update_trace(index, v_old, v_new, path);
            const MerkleUpdateAir air(st);
            ASSERT_NO_THROW(check_trace(air, trace)) << depth << "/" << index;
            expect_extension_agrees(air, trace, 0);
            expect_extension_agrees(air, trace, 7);
        }
    }
}

TEST(StarkMerkleAir, RootsMatchAFullTree) {
    std::vector<Digest> leaves;
    for (std::uint64_t i = 0; i < 8; ++i)
        leaves.push_back(digest(i, i + 1, i + 2, i + 3));
    const std::uint64_t index = 5;
    const auto path = rescue::merkle_path(leaves, index);
    const Digest v_new = digest(100, 0, 0, 1);
    const auto st = make_merkle_update_statement(index, leaves[index], v_new, path);
    EXPECT_EQ(st.old_root, rescue::merkle_root(leaves));
    leaves[index] = v_new;
    EXPECT_EQ(st.new_root, rescue::merkle_root(leaves));
    EXPECT_NO_THROW(check_trace(MerkleUpdateAir(st),
                                build_merkle_update_trace(index, st.old_leaf, v_new, path)));
}

TEST(StarkMerkleAir, WrongStatementsAreRejected) {
    const std::size_t depth = 4;
    const auto path = make_path(depth, 7);
    const std::uint64_t index = 9;
    const Digest v_old = digest(1, 1, 1, 1), v_new = digest(2, 2, 2, 2);
    const auto st = make_merkle_update_statement(index, v_old, v_new, path);
    const Trace trace = build_merkle_update_trace(index, v_old, v_new, path);

    auto bad = st;
    bad.new_root[0] += Fp::one();
    EXPECT_THROW(check_trace(MerkleUpdateAir(bad), trace), UnsatisfiedTrace);
    bad = st;
    bad.index = 8;  // another position
    EXPECT_THROW(check_trace(MerkleUpdateAir(bad), trace), UnsatisfiedTrace);
    bad = st;
    bad.old_leaf[3] += Fp::one();
    EXPECT_THROW(check_trace(MerkleUpdateAir(bad), trace), UnsatisfiedTrace);

    // A trace whose new root comes from another path (one sibling changed) breaks the
    // same-path constraint even though each half is a valid Merkle computation.
    auto other_path = path;
    other_path[2][1] += Fp::one();
    const Trace old_part = build_merkle_update_trace(index, v_old, v_new, path);
    const Trace new_part = build_merkle_update_trace(index, v_old, v_new, other_path);
    auto cols = old_part.columns();
    for (std::size_t c = rescue::kStateWidth; c < 2 * rescue::kStateWidth; ++c) {
        cols[c] = new_part.column(c);
    }
    auto forged = st;
    forged.new_root = rescue::root_from_path(v_new, index, other_path);
    try {
        check_trace(MerkleUpdateAir(forged), Trace(cols));
        FAIL() << "a different path for the new root was accepted";
    } catch (const UnsatisfiedTrace& e) {
        EXPECT_EQ(e.row(), 16u);  // row 0 of level 2, where the siblings differ
    }
}

TEST(StarkMerkleAir, OneWrongCellIsCaught) {
    const auto path = make_path(2, 3);
    const Digest v_old = digest(4, 3, 2, 1), v_new = digest(0, 0, 0, 5);
    const auto st = make_merkle_update_statement(2, v_old, v_new, path);
    const Trace trace = build_merkle_update_trace(2, v_old, v_new, path);
    const MerkleUpdateAir air(st);
    for (std::size_t col = 0; col < trace.width(); ++col) {
        for (std::size_t row = 0; row < 16; ++row) {
            const Trace bad = with_cell(trace, col, row, trace.column(col)[row] + Fp::one());
            EXPECT_THROW(check_trace(air, bad), UnsatisfiedTrace) << col << "," << row;
        }
    }
}

TEST(StarkMerkleAir, BadShapesThrow) {
    MerkleUpdateStatement s;
    s.depth = 0;
    EXPECT_THROW(MerkleUpdateAir{s}, l2lab::InvalidArgument);
    s.depth = 33;
    EXPECT_THROW(MerkleUpdateAir{s}, l2lab::InvalidArgument);
    s.depth = 3;
    s.index = 8;
    EXPECT_THROW(MerkleUpdateAir{s}, l2lab::InvalidArgument);
    EXPECT_THROW(build_merkle_update_trace(4, Digest{}, Digest{}, make_path(2, 0)),
                 l2lab::InvalidArgument);
}

namespace {

// x' = y, y' = x + y, and a periodic-weighted square constraint z' = z + k * x^2 on a third column.
ExprAirSpec fib_spec(std::size_t n, Fp result) {
    ExprAirSpec s;
    s.name = "fib_square";
    s.trace_width = 3;
    s.trace_length = n;
    using O = ExprOp;
    s.nodes = {
        {O::Current, 0, 0},   // 0 x
        {O::Current, 1, 0},   // 1 y
        {O::Next, 0, 0},      // 2 x'
        {O::Next, 1, 0},      // 3 y'
        {O::Sub, 2, 1},       // 4 x' - y
        {O::Add, 0, 1},       // 5 x + y
        {O::Sub, 3, 5},       // 6 y' - (x + y)
        {O::Current, 2, 0},   // 7 z
        {O::Next, 2, 0},      // 8 z'
        {O::Periodic, 0, 0},  // 9 k
        {O::Mul, 0, 0},       // 10 x^2
        {O::Mul, 9, 10},      // 11 k x^2
        {O::Add, 7, 11},      // 12 z + k x^2
        {O::Sub, 8, 12},      // 13 z' - (z + k x^2)
    };
    s.constraints = {4, 6, 13};
    s.assertions = {{0, 0, Fp::one()}, {1, 0, Fp::one()}, {2, 0, Fp::zero()}, {1, n - 1, result}};
    s.public_inputs = {result};
    s.periodic_columns = {{Fp::one(), Fp::from_u64(2)}};
    return s;
}

Trace fib_trace(std::size_t n) {
    std::vector<std::vector<Fp>> c(3, std::vector<Fp>(n));
    c[0][0] = c[1][0] = Fp::one();
    for (std::size_t r = 0; r + 1 < n; ++r) {
        c[0][r + 1] = c[1][r];
        c[1][r + 1] = c[0][r] + c[1][r];
        c[2][r + 1] = c[2][r] + Fp::from_u64(r % 2 == 0 ? 1 : 2) * c[0][r] * c[0][r];
    }
    return Trace(std::move(c));
}

}  // namespace

TEST(StarkExprAir, DataDescribedAirChecksTraces) {
    const Trace t = fib_trace(16);
    const ExprAir air(fib_spec(16, t.column(1)[15]));
    EXPECT_EQ(air.transition_degrees(), (std::vector<unsigned>{1, 1, 3}));
    EXPECT_EQ(air.name(), "expr:fib_square");
    EXPECT_NO_THROW(check_trace(air, t));
    expect_extension_agrees(air, t, 3);
    EXPECT_THROW(check_trace(ExprAir(fib_spec(16, t.column(1)[15] + Fp::one())), t),
                 UnsatisfiedTrace);
    EXPECT_THROW(check_trace(air, with_cell(t, 2, 9, t.column(2)[9] + Fp::one())),
                 UnsatisfiedTrace);
    // The identity pins the program: another constraint set gives other bytes.
    auto other = fib_spec(16, t.column(1)[15]);
    other.nodes[11] = {ExprOp::Mul, 10, 10};
    EXPECT_NE(ExprAir(other).identity_params(), air.identity_params());
}

TEST(StarkExprAir, MalformedProgramsAreRefused) {
    const Fp r = Fp::one();
    auto s = fib_spec(16, r);
    s.nodes[4] = {ExprOp::Sub, 4, 1};  // refers to itself
    EXPECT_THROW(ExprAir{s}, l2lab::InvalidArgument);
    s = fib_spec(16, r);
    s.nodes[0] = {ExprOp::Current, 3, 0};  // column out of range
    EXPECT_THROW(ExprAir{s}, l2lab::InvalidArgument);
    s = fib_spec(16, r);
    s.nodes[9] = {ExprOp::Periodic, 1, 0};
    EXPECT_THROW(ExprAir{s}, l2lab::InvalidArgument);
    s = fib_spec(16, r);
    s.nodes.push_back({ExprOp::Constant, Fp::kModulus, 0});
    EXPECT_THROW(ExprAir{s}, l2lab::InvalidArgument);
    s = fib_spec(16, r);
    s.nodes.push_back({ExprOp::Constant, 5, 0});
    s.constraints.push_back(s.nodes.size() - 1);  // constant constraint
    EXPECT_THROW(ExprAir{s}, l2lab::InvalidArgument);
    s = fib_spec(16, r);
    for (int i = 0; i < 5; ++i)
        s.nodes.push_back({ExprOp::Mul, s.nodes.size() - 1, s.nodes.size() - 1});
    s.constraints.push_back(s.nodes.size() - 1);  // degree 2 * 2^5 = 64
    EXPECT_THROW(ExprAir{s}, l2lab::InvalidArgument);
    s = fib_spec(12, r);
    EXPECT_THROW(ExprAir{s}, TraceShapeError);
    s = fib_spec(16, r);
    s.constraints = {99};
    EXPECT_THROW(ExprAir{s}, l2lab::InvalidArgument);
}

// ---- Proofs ---------------------------------------------------------------------------------

TEST(StarkHashChainProof, HonestProofVerifiesAndWrongStatementsFail) {
    const Digest seed = digest(11, 22, 33, 44);
    const std::uint64_t n = 8;  // 64 rows
    const Digest result = rescue::hash_chain(seed, n);
    const HashChainAir air(seed, result, n);
    const ProofOptions opts = ProofOptions::default_96();
    const StarkProof proof = prove(air, build_hash_chain_trace(seed, n), opts);
    EXPECT_TRUE(verify(air, proof, opts).ok());
    const l2lab::Bytes bytes = proof.encode();
    EXPECT_TRUE(verify_encoded(air, bytes, opts).ok());

    // Wrong public output / seed / length: the same proof is rejected.
    Digest wrong = result;
    wrong[0] += Fp::one();
    EXPECT_FALSE(verify(HashChainAir(seed, wrong, n), proof, opts).ok());
    Digest other_seed = seed;
    other_seed[3] += Fp::one();
    EXPECT_FALSE(verify(HashChainAir(other_seed, result, n), proof, opts).ok());
    EXPECT_FALSE(verify(HashChainAir(seed, rescue::hash_chain(seed, 16), 16), proof, opts).ok());
    // The prover refuses to prove a false statement.
    EXPECT_THROW(prove(HashChainAir(seed, wrong, n), build_hash_chain_trace(seed, n), opts),
                 UnsatisfiedTrace);
}

TEST(StarkHashChainProof, CheatingProverWithOneWrongCellIsRejected) {
    const Digest seed = digest(1, 0, 0, 0);
    const std::uint64_t n = 4;
    const HashChainAir air(seed, rescue::hash_chain(seed, n), n);
    const ProofOptions opts = ProofOptions::default_96();
    const Trace honest = build_hash_chain_trace(seed, n);
    for (const auto& [col, row] : {std::pair<std::size_t, std::size_t>{5, 3}, {0, 8}, {11, 20}}) {
        const Trace bad = with_cell(honest, col, row, honest.column(col)[row] + Fp::one());
        EXPECT_THROW(prove(air, bad, opts), UnsatisfiedTrace);
        const VerifyResult r = verify(air, prove_unchecked(air, bad, opts), opts);
        EXPECT_FALSE(r.ok()) << col << "," << row;
    }
}

TEST(StarkMerkleProof, HonestUpdateProofVerifiesAndForgeriesFail) {
    const auto path = make_path(4, 21);
    const std::uint64_t index = 6;
    const Digest v_old = digest(1, 2, 3, 4), v_new = digest(5, 6, 7, 8);
    const auto st = make_merkle_update_statement(index, v_old, v_new, path);
    const MerkleUpdateAir air(st);
    const ProofOptions opts = ProofOptions::default_96();
    const Trace trace = build_merkle_update_trace(index, v_old, v_new, path);
    const StarkProof proof = prove(air, trace, opts);
    EXPECT_TRUE(verify(air, proof, opts).ok());

    auto bad = st;
    bad.new_root[1] += Fp::one();
    EXPECT_FALSE(verify(MerkleUpdateAir(bad), proof, opts).ok());
    bad = st;
    bad.index = 7;
    EXPECT_FALSE(verify(MerkleUpdateAir(bad), proof, opts).ok());
    bad = st;
    bad.new_leaf[0] += Fp::one();
    EXPECT_FALSE(verify(MerkleUpdateAir(bad), proof, opts).ok());

    // Cheating prover: one wrong sibling cell in the new path only.
    const Trace forged = with_cell(trace, rescue::kStateWidth + 8, 8,
                                   trace.column(rescue::kStateWidth + 8)[8] + Fp::one());
    EXPECT_FALSE(verify(air, prove_unchecked(air, forged, opts), opts).ok());
}

TEST(StarkExprAir, ToyAirProvesAndVerifies) {
    const Trace t = fib_trace(32);
    const ExprAir air(fib_spec(32, t.column(1)[31]));
    const ProofOptions opts = ProofOptions::default_96();
    const StarkProof proof = prove(air, t, opts);
    EXPECT_TRUE(verify(air, proof, opts).ok());
    EXPECT_FALSE(verify(ExprAir(fib_spec(32, t.column(1)[31] + Fp::one())), proof, opts).ok());
}
