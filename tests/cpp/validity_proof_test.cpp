// Proof systems: the statement codec, honest proofs for both systems, invalid batches refused by
// the prover and rejected as forged proofs, every single-byte mutation of a witness proof and
// every altered public input rejected (V1, V2), one statement never verifying two post-roots (V3).
#include <gtest/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/core/rng.hpp"
#include "l2lab/validity/modelled.hpp"
#include "l2lab/validity/witness.hpp"
#include "validity_support.hpp"

using namespace l2lab;
using namespace l2lab::validity;
using namespace l2lab::validity::test;

namespace {

// Every public input altered in turn (each field, one at a time).
std::vector<Statement> altered(const Statement& s) {
    std::vector<Statement> out;
    auto push = [&](auto change) {
        Statement t = s;
        change(t);
        out.push_back(t);
    };
    push([](Statement& t) { t.chain_id += 1; });
    push([](Statement& t) { t.fee_recipient.bytes[3] ^= 1; });
    push([](Statement& t) { t.batch_index += 1; });
    push([](Statement& t) { t.pre_root.bytes[31] ^= 1; });
    push([](Statement& t) { t.post_root.bytes[0] ^= 0x80; });
    push([](Statement& t) { t.da = t.da == BatchDa::Calldata ? BatchDa::Blob : BatchDa::Calldata; });
    push([](Statement& t) { t.data_commitment.bytes[7] ^= 4; });
    push([](Statement& t) { t.queue_start += 1; t.queue_end += 1; });
    push([](Statement& t) { t.queue_end += 1; });
    push([](Statement& t) { t.queue_digest.bytes[12] ^= 2; });
    return out;
}

TEST(ValidityStatement, RoundTripsAndRejectsMalformedEncodings) {
    const auto b = small_batch();
    const Bytes enc = b.statement.encode();
    EXPECT_EQ(Statement::decode(enc), b.statement);
    Bytes truncated(enc.begin(), enc.end() - 1);
    EXPECT_THROW(Statement::decode(truncated), DecodeError);
    // A 31-byte pre_root: re-encode the list by hand with one short hash.
    rlp::ListBuilder lb;
    lb.add_bytes(as_bytes("l2lab/validity/statement/v1")).add_u64(1).add_address(Address{});
    lb.add_u64(0).add_bytes(Bytes(31, 1)).add_hash(Hash32{}).add_u64(0).add_hash(Hash32{});
    lb.add_u64(0).add_u64(0).add_hash(Hash32{});
    EXPECT_THROW(Statement::decode(lb.finish()), DecodeError);
    Statement backwards = b.statement;
    backwards.queue_start = backwards.queue_end + 1;
    EXPECT_THROW(Statement::decode(backwards.encode()), DecodeError);
}

TEST(ValidityWitness, HonestBatchProvesAndVerifiesForBothDataAvailabilityModes) {
    for (BatchDa da : {BatchDa::Calldata, BatchDa::Blob}) {
        const auto b = small_batch(da);
        const WitnessProofSystem ws;
        const Bytes proof = ws.prove(b.statement, b.witness);
        const Verdict v = ws.check(b.statement, proof);
        EXPECT_TRUE(v.ok) << v.failure;
        EXPECT_GT(v.gas, 4 * l1::gas::kEcrecover);
        EXPECT_EQ(ws.verify_gas(b.statement, proof), v.gas);
        EXPECT_FALSE(ws.properties().succinct);
        EXPECT_FALSE(ws.properties().zero_knowledge);
    }
}

TEST(ValidityWitness, EverySingleByteMutationOfTheProofIsRejected) {
    const auto b = small_batch();
    const WitnessProofSystem ws;
    const Bytes proof = ws.prove(b.statement, b.witness);
    std::size_t rejected = 0;
    for (std::size_t i = 0; i < proof.size(); ++i) {
        for (std::uint8_t flip : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
            Bytes m = proof;
            m[i] ^= flip;
            ASSERT_FALSE(ws.verify(b.statement, m)) << "byte " << i << " ^ " << int(flip);
            ++rejected;
        }
    }
    Bytes longer = proof;
    longer.push_back(0);
    EXPECT_FALSE(ws.verify(b.statement, longer));
    EXPECT_FALSE(ws.verify(b.statement, Bytes(proof.begin(), proof.end() - 1)));
    EXPECT_GT(rejected, 2000u);
}

TEST(ValidityWitness, EveryAlteredPublicInputIsRejected) {
    const auto b = small_batch();
    const WitnessProofSystem ws;
    const ModelledProofSystem ms;
    const Bytes wp = ws.prove(b.statement, b.witness);
    const Bytes mp = ms.prove(b.statement, b.witness);
    for (const auto& s : altered(b.statement)) {
        EXPECT_FALSE(ws.verify(s, wp));
        EXPECT_FALSE(ms.verify(s, mp));
        if (s.batch_index != b.statement.batch_index) continue;  // a label: the contract binds it
        EXPECT_THROW(ws.prove(s, b.witness), ProofRefused);  // every other field is false now
        EXPECT_THROW(ms.prove(s, b.witness), ProofRefused);
    }
}

TEST(ValidityWitness, InvalidBatchesAreRefusedAndForgedProofsRejected) {
    const WitnessProofSystem ws;
    auto pre = funded_state();
    const Address to = keys()[5].address();
    struct Case {
        const char* name;
        std::vector<L2Tx> txs;
        Failure expect;
    };
    L2Tx bad_sig = tx(0, to, 1, 0);
    bad_sig.signature[64] = 7;
    const std::vector<Case> cases{
        {"overspend", {tx(0, to, u256(2'000'000'000'000'000'000ull), 0)}, Failure::SkippedTx},
        {"bad signature", {bad_sig}, Failure::SkippedTx},
        {"wrong nonce", {tx(0, to, 1, 4)}, Failure::SkippedTx},
        {"wrong chain", {tx(0, to, 1, 0, 1, TxKind::Transfer, 902)}, Failure::SkippedTx},
        {"out-of-range value", {tx(0, to, u256_max(), 0, 2)}, Failure::SkippedTx},
    };
    for (const auto& c : cases) {
        auto b = prepare_batch(pre, stf(), 0, 0, {}, c.txs);
        try {
            (void)ws.prove(b.statement, b.witness);
            ADD_FAILURE() << c.name << ": the prover did not refuse";
        } catch (const ProofRefused& e) {
            EXPECT_EQ(e.failure(), c.expect) << c.name << ": " << e.what();
        }
        const Bytes forged = ws.build(b.statement, b.witness).encode();
        const Verdict v = ws.check(b.statement, forged);
        EXPECT_FALSE(v.ok) << c.name;
        EXPECT_EQ(v.failure, failure_name(c.expect)) << c.name;
    }
}

TEST(ValidityWitness, AWrongPostRootOrALyingDiffIsRefused) {
    const WitnessProofSystem ws;
    auto b = small_batch();
    // The sequencer claims a post-root the batch does not reach (and posts a diff saying so):
    // it also credits a registered bystander out of thin air.
    L2State minted = b.post->clone();
    const Address bystander = *minted.registered_address(20);
    minted.set_account(bystander, apply_change(minted.account(bystander), {0, 1'000'000, false}));
    DiffBatch lie = b.data;
    lie.diff = make_state_diff(*b.witness.pre_state, minted);
    ASSERT_EQ(lie.diff.updates.size(), b.data.diff.updates.size() + 1);
    BatchWitness w = b.witness;
    w.frame = encode_diff_batch(lie, Codec::Zstd, 3);
    const Statement st = make_statement(stf(), 3, b.statement.pre_root, minted.state_root(), lie, BatchDa::Calldata,
                                        w.frame, w.queue_ops);
    try {
        (void)ws.prove(st, w);
        ADD_FAILURE() << "minted money proved";
    } catch (const ProofRefused& e) {
        EXPECT_EQ(e.failure(), Failure::PostRootMismatch) << e.what();
    }
    EXPECT_FALSE(ws.verify(st, ws.build(st, w).encode()));
    // The right root but diffs that lie about the proven transition: a hidden change, a change
    // moved to another account's index, a new account named under another address, a different
    // registry size.
    std::vector<DiffBatch> lies(4, b.data);
    ASSERT_GE(b.data.diff.updates.size(), 2u);
    ASSERT_EQ(b.data.diff.new_accounts.size(), 2u);  // the fee recipient and the fresh account
    lies[0].diff.updates.pop_back();
    lies[1].diff.updates.back().index += 1;
    lies[2].diff.new_accounts.back().address.bytes[19] ^= 1;
    lies[3].diff.registered_before += 1;
    for (std::size_t i = 0; i < lies.size(); ++i) {
        BatchWitness w2 = b.witness;
        w2.frame = encode_diff_batch(lies[i], Codec::Zstd, 3);
        const Statement st2 = make_statement(stf(), 3, b.statement.pre_root, b.statement.post_root, lies[i],
                                             BatchDa::Calldata, w2.frame, w2.queue_ops);
        try {
            (void)ws.prove(st2, w2);
            ADD_FAILURE() << "lying diff " << i << " proved";
        } catch (const ProofRefused& e) {
            EXPECT_EQ(e.failure(), Failure::DiffMismatch) << i << ": " << e.what();
        }
        EXPECT_FALSE(ws.verify(st2, ws.build(st2, w2).encode())) << i;
    }
}

TEST(ValidityWitness, OneStatementCannotHaveTwoValidPostRoots) {
    // V3: for a fixed batch (data commitment, queue, pre-root) only one post-root verifies.
    const WitnessProofSystem ws;
    const auto b = small_batch();
    const Bytes proof = ws.prove(b.statement, b.witness);
    Rng rng(5);
    for (int i = 0; i < 64; ++i) {
        Statement other = b.statement;
        other.post_root.bytes[rng.next_u64() % 32] ^= static_cast<std::uint8_t>(1 + rng.next_u64() % 255);
        EXPECT_FALSE(ws.verify(other, proof));
        EXPECT_THROW(ws.prove(other, b.witness), ProofRefused);
    }
}

TEST(ValidityWitness, QueueItemsMustMatchTheStatementsDigest) {
    const WitnessProofSystem ws;
    auto b = small_batch();
    BatchWitness w = b.witness;
    std::get<Deposit>(w.queue_ops[0]).amount += 1;  // another deposit than the inbox queued
    EXPECT_THROW(ws.prove(b.statement, w), ProofRefused);
    EXPECT_EQ(ws.check(b.statement, ws.build(b.statement, w).encode()).failure, "queue_mismatch");
}

TEST(ValidityModelled, ProofsHaveTheModelledSizeAndBindTheStatement) {
    const auto b = small_batch();
    const ModelledProofSystem ms;
    const Bytes proof = ms.prove(b.statement, b.witness);
    EXPECT_EQ(proof.size(), 256u);
    EXPECT_TRUE(ms.verify(b.statement, proof));
    EXPECT_EQ(ms.verify_gas(b.statement, proof), 181'000u + 6'150u);
    EXPECT_DOUBLE_EQ(ms.prove_seconds(b.statement, b.witness), 240.0);
    for (std::size_t i = 0; i < proof.size(); ++i) {
        Bytes m = proof;
        m[i] ^= 0x10;
        ASSERT_FALSE(ms.verify(b.statement, m)) << i;
    }
    EXPECT_TRUE(ms.properties().modelled);
    EXPECT_TRUE(ms.properties().succinct);
    // Another key (another trapdoor) does not accept it.
    CostModel other;
    other.key_seed = 1;
    EXPECT_FALSE(ModelledProofSystem(other).verify(b.statement, proof));
    CostModel tiny;
    tiny.proof_bytes = 16;
    EXPECT_THROW(ModelledProofSystem{tiny}, InvalidArgument);
    CostModel negative;
    negative.prove_seconds_per_tx = -1;
    EXPECT_THROW(ModelledProofSystem{negative}, InvalidArgument);
}

TEST(ValidityModelled, RefusesExactlyWhatTheWitnessSystemRefuses) {
    const ModelledProofSystem ms;
    auto pre = funded_state();
    auto b = prepare_batch(pre, stf(), 0, 0, {}, {tx(0, keys()[1].address(), u256(5'000'000'000'000'000'000ull), 0)});
    EXPECT_THROW(ms.prove(b.statement, b.witness), ProofRefused);
}

TEST(ValidityRegistry, KnowsItsSystemsAndRejectsUnknownNames) {
    EXPECT_EQ(make_proof_system("witness")->name(), "witness");
    EXPECT_EQ(make_proof_system("modelled")->name(), "modelled");
    EXPECT_THROW(make_proof_system("groth17"), UnknownProofSystem);
    EXPECT_THROW(make_proof_system(""), InvalidArgument);
}

}  // namespace
