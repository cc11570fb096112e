// L2 state: account inclusion and non-inclusion proofs checked against the state root (tampered
// proofs rejected), nested checkpoints (an inner rollback while the outer one stays open), and
// checkpoints that are not open in the state they are handed to (typed errors, nothing changed).
#include <gtest/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/smt.hpp"
#include "l2lab/rollup/state.hpp"

using namespace l2lab;
using namespace l2lab::rollup;

namespace {

Address address_of(std::uint8_t tag) {
    Address a;
    a.bytes.fill(tag);
    return a;
}

bool verifies(const Hash32& root, const Address& a, const std::optional<L2Account>& account,
              const crypto::SmtProof& proof) {
    const std::optional<Hash32> leaf = account ? account_leaf(*account) : std::nullopt;
    return crypto::smt_verify(crypto::HashKind::Keccak256, root, account_key(a), leaf, proof);
}

// A state with a few accounts and a withdrawal (so proofs have siblings of both kinds).
L2State populated() {
    L2State s;
    for (std::uint8_t i = 1; i <= 6; ++i) s.set_account(address_of(i), L2Account{i, u256(i) * 1000});
    s.add_withdrawal({address_of(1), 0, address_of(9), 5});
    return s;
}

}  // namespace

TEST(RollupState, AccountProofsShowInclusionAndNonInclusionUnderTheRoot) {
    L2State s = populated();
    const Hash32 root = s.state_root();
    for (std::uint8_t i = 1; i <= 6; ++i) {
        const Address a = address_of(i);
        const auto proof = s.prove_account(a);
        EXPECT_TRUE(verifies(root, a, s.account(a), proof)) << "account " << int(i);
        EXPECT_TRUE(verifies(root, a, s.account(a), crypto::SmtProof::decode(proof.encode())));
        // The same proof does not show absence, another balance or nonce, or another address.
        EXPECT_FALSE(verifies(root, a, std::nullopt, proof));
        EXPECT_FALSE(verifies(root, a, L2Account{i, u256(i) * 1000 + 1}, proof));
        EXPECT_FALSE(verifies(root, a, L2Account{i + 1u, u256(i) * 1000}, proof));
        EXPECT_FALSE(verifies(root, address_of(i % 6 + 1), s.account(a), proof));
    }
    // Absent accounts: never touched, and emptied (an empty account leaves the tree).
    s.set_account(address_of(6), L2Account{});
    const Hash32 root2 = s.state_root();
    for (const Address& a : {address_of(6), address_of(0x42)}) {
        const auto proof = s.prove_account(a);
        EXPECT_TRUE(verifies(root2, a, std::nullopt, proof));
        EXPECT_FALSE(verifies(root2, a, L2Account{0, 1}, proof));
        EXPECT_FALSE(verifies(root, a == address_of(6) ? address_of(0x42) : a, std::nullopt,
                              s.prove_account(address_of(1))));
    }
    // A proof binds its root: the old proof of account 6 fails under the new root and the new
    // non-inclusion proof fails under the old one.
    EXPECT_FALSE(verifies(root2, address_of(6), L2Account{6, 6000},
                          populated().prove_account(address_of(6))));
    EXPECT_FALSE(verifies(root, address_of(6), std::nullopt, s.prove_account(address_of(6))));
}

TEST(RollupState, TamperedAccountProofsAreRejected) {
    const L2State s = populated();
    const Hash32 root = s.state_root();
    const Address a = address_of(3);
    const auto proof = s.prove_account(a);
    ASSERT_GT(proof.depth(), 0u);
    for (std::size_t d = 0; d < proof.depth(); ++d) {
        auto bad = proof;
        bad.siblings[d].bytes[d % 32] ^= 0x01;
        EXPECT_FALSE(verifies(root, a, s.account(a), bad)) << "sibling " << d;
    }
    {
        auto bad = proof;  // the terminal leaf's value
        ASSERT_TRUE(bad.terminal.has_value());
        bad.terminal->value.bytes[0] ^= 0x80;
        EXPECT_FALSE(verifies(root, a, s.account(a), bad));
    }
    {
        auto bad = proof;  // a shorter path
        bad.siblings.pop_back();
        EXPECT_FALSE(verifies(root, a, s.account(a), bad));
    }
    {
        auto bad = proof;  // a non-inclusion claim built from the inclusion proof
        bad.terminal.reset();
        EXPECT_FALSE(verifies(root, a, std::nullopt, bad));
    }
    // A root the proof was not made for.
    Hash32 other = root;
    other.bytes[31] ^= 0x01;
    EXPECT_FALSE(verifies(other, a, s.account(a), proof));
}

TEST(RollupState, AccountProofGivesTheRootAfterAnUpdate) {
    // A fault-proof style use: from the proof alone, the root after changing the account equals
    // the root the state reaches.
    L2State s = populated();
    const Address a = address_of(4), fresh = address_of(0x77);
    for (const Address& x : {a, fresh}) {
        const Hash32 pre = s.state_root();
        const auto proof = s.prove_account(x);
        const L2Account before = s.account(x);
        const L2Account after{before.nonce + 1, before.balance + 7};
        const auto computed = crypto::smt_root_after_update(
            crypto::HashKind::Keccak256, pre, account_key(x), account_leaf(before),
            account_leaf(after), proof);
        s.set_account(x, after);
        ASSERT_TRUE(computed.has_value());
        EXPECT_EQ(*computed, s.state_root());
    }
}

TEST(RollupState, InnerRollbackKeepsTheOuterCheckpointOpen) {
    L2State s = populated();
    const Hash32 base = s.state_root();
    const auto outer = s.checkpoint();
    s.set_account(address_of(1), L2Account{9, 9});
    const Hash32 after_outer_write = s.state_root();
    const auto inner = s.checkpoint();
    s.set_account(address_of(2), L2Account{});
    s.set_account(address_of(0x50), L2Account{0, 3});
    s.add_withdrawal({address_of(2), 7, address_of(9), 1});
    ASSERT_EQ(s.journal_depth(), 4u);

    s.rollback(inner);
    EXPECT_EQ(s.state_root(), after_outer_write);
    EXPECT_EQ(s.account(address_of(1)), (L2Account{9, 9}));  // the outer write stays
    EXPECT_EQ(s.account(address_of(2)), (L2Account{2, 2000}));
    EXPECT_TRUE(s.account(address_of(0x50)).is_empty());
    EXPECT_FALSE(s.withdrawal(address_of(2), 7).has_value());
    EXPECT_TRUE(s.journaling());
    EXPECT_EQ(s.journal_depth(), 1u);

    // The inner checkpoint is still open: write again, roll back again, close it.
    s.set_account(address_of(3), L2Account{1, 1});
    s.rollback(inner);
    EXPECT_EQ(s.state_root(), after_outer_write);
    s.commit(inner);
    EXPECT_TRUE(s.journaling());  // the outer one is open ...
    s.set_account(address_of(5), L2Account{});
    s.rollback(outer);  // ... and undoes everything since it was taken
    EXPECT_EQ(s.state_root(), base);
    EXPECT_EQ(s.accounts(), populated().accounts());
    s.commit(outer);
    EXPECT_FALSE(s.journaling());
    EXPECT_EQ(s.journal_depth(), 0u);
}

TEST(RollupState, RollingBackOrCommittingAnEnclosingCheckpointClosesTheInnerOnes) {
    L2State s = populated();
    const auto outer = s.checkpoint();
    const auto inner = s.checkpoint();
    s.set_account(address_of(1), L2Account{});
    s.rollback(outer);
    // Rewrite as much as was undone: the inner checkpoint's position is valid again, but it
    // describes a state that no longer exists.
    s.set_account(address_of(2), L2Account{});
    const Hash32 root = s.state_root();
    EXPECT_THROW(s.rollback(inner), StateError);
    EXPECT_THROW(s.commit(inner), StateError);
    EXPECT_EQ(s.state_root(), root);
    EXPECT_EQ(s.journal_depth(), 1u);
    const auto inner2 = s.checkpoint();
    s.commit(outer);  // closes inner2 as well
    EXPECT_FALSE(s.journaling());
    EXPECT_THROW(s.rollback(inner2), StateError);
}

TEST(RollupState, ACheckpointFromAnotherStateIsATypedError) {
    L2State a = populated(), b = populated();
    const auto from_a = a.checkpoint();
    a.set_account(address_of(1), L2Account{});
    const auto from_b = b.checkpoint();
    b.set_account(address_of(2), L2Account{});
    // Same journal positions in both states: only the issuing state accepts its checkpoint.
    ASSERT_EQ(from_a.position, from_b.position);
    const Hash32 root_b = b.state_root();
    EXPECT_THROW(b.commit(from_a), StateError);
    EXPECT_THROW(b.rollback(from_a), StateError);
    EXPECT_EQ(b.state_root(), root_b);
    EXPECT_TRUE(b.journaling());
    EXPECT_EQ(b.journal_depth(), 1u);
    EXPECT_THROW(a.commit(from_b), StateError);
    // A clone has its own (empty) journal.
    L2State c = b.clone();
    EXPECT_THROW(c.rollback(from_b), StateError);
    EXPECT_THROW(c.commit(L2Checkpoint{}), StateError);
    // The right owners still accept them.
    b.rollback(from_b);
    b.commit(from_b);
    EXPECT_EQ(b.state_root(), populated().state_root());
    a.commit(from_a);
    EXPECT_FALSE(a.journaling());
    // A committed checkpoint stays closed even when the state journals again.
    const auto again = a.checkpoint();
    EXPECT_THROW(a.commit(from_a), StateError);
    EXPECT_THROW(a.rollback(from_a), StateError);
    a.commit(again);
}
