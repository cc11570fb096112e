// The rollup-batch AIR over the Rescue account tree: a batch of debits and credits (transfers,
// a fee, a deposit that creates an account) proves and verifies and reaches exactly the root the
// tree computes natively; the honest trace builder refuses an overspend, an overflow past 2^128,
// a wrong nonce, a path that does not open the root and a "create" of a used index; a proof is
// bound to every public step field, to both roots and to the statement binding; a cheating trace
// (a balance limb changed, a carry dropped) is rejected. Skip steps (a forced tx the STF skips
// for a wrong nonce or an insufficient balance) prove and keep the root; a skip of a tx that
// applies is refused by the builder and a forged trace claiming it is rejected; a trace breaking
// each skip constraint at one row is rejected; for random accounts and txs a skip step builds
// a satisfying trace exactly when the STF's rule skips the tx, a debit exactly when it applies.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/batch_air.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/verifier.hpp"

using namespace l2lab;
using namespace l2lab::stark;

namespace {

Address addr(std::uint8_t tag) {
    Address a;
    for (std::size_t i = 0; i < a.bytes.size(); ++i) a.bytes[i] = static_cast<std::uint8_t>(tag * 17 + i);
    return a;
}

struct Account {
    Address address;
    std::uint64_t nonce = 0;
    u256 balance = 0;
};

// A tree with accounts at indices 0.., the steps applied natively with their witnesses.
struct Scenario {
    RescueAccountTree tree{15};
    std::vector<Account> accounts;
    rescue::Digest pre_root;
    std::vector<BatchStep> steps;
    std::vector<BatchStepWitness> witnesses;

    void add(const Address& a, std::uint64_t nonce, const u256& balance) {
        accounts.push_back({a, nonce, balance});
        tree.set_leaf(accounts.size() - 1, account_leaf_digest(a, nonce, balance));
    }
    void start() { pre_root = tree.root(); }
    // Applies the step natively (assumes it is valid) and records its witness.
    void step(std::uint64_t index, bool debit, const u256& amount, bool create = false) {
        if (create) {
            while (accounts.size() <= index) accounts.push_back({});
        }
        Account& acc = accounts[index];
        if (create) acc.address = addr(static_cast<std::uint8_t>(100 + index));
        BatchStep s;
        s.debit = debit;
        s.create = create;
        s.index = index;
        s.address = acc.address;
        s.amount = to_limbs(amount);
        s.tx_nonce = debit ? acc.nonce : 0;
        steps.push_back(s);
        witnesses.push_back({acc.nonce, to_limbs(acc.balance), tree.path(index)});
        if (debit) {
            acc.nonce += 1;
            acc.balance -= amount;
        } else {
            acc.balance += amount;
        }
        tree.set_leaf(index, account_leaf_digest(acc.address, acc.nonce, acc.balance));
    }
    // Records a skip of a tx with `tx_nonce` costing `amount` from the account at `index`
    // (nothing changes).
    void skip(std::uint64_t index, std::uint64_t tx_nonce, const u256& amount) {
        const Account& acc = accounts[index];
        BatchStep s;
        s.skip = true;
        s.index = index;
        s.address = acc.address;
        s.amount = to_limbs(amount);
        s.tx_nonce = tx_nonce;
        steps.push_back(s);
        witnesses.push_back({acc.nonce, to_limbs(acc.balance), tree.path(index)});
    }
};

const std::array<Fp, 8> kBinding = binding_words(Hash32{});

Scenario transfer_batch() {
    Scenario s;
    s.add(addr(1), 3, 1000);
    s.add(addr(2), 0, 5);
    s.start();
    s.step(0, true, 110);                     // alice pays 100 + fee 10
    s.step(1, false, 100);                    // bob receives 100
    s.step(2, false, 10, true);               // the fee recipient is created with the fee
    s.step(3, false, u256(1) << 100, true);   // a deposit creates an account with 2^100 wei
    s.step(3, true, (u256(1) << 100) - 1);    // which spends all but 1 wei at nonce 0
    return s;
}

// Alice (nonce 3, 1000 wei) pays 110; then three forced txs are skipped: alice's at nonce 7
// (wrong nonce, she could pay), bob's (nonce 0, 5 wei) costing 6 and one costing 2^127 + 5 (the
// borrow crosses every limb); bob then receives 100.
Scenario skip_batch() {
    Scenario s;
    s.add(addr(1), 3, 1000);
    s.add(addr(2), 0, 5);
    s.start();
    s.step(0, true, 110);
    s.skip(0, 7, 10);
    s.skip(1, 0, 6);
    s.skip(1, 0, (u256(1) << 127) + 5);
    s.step(1, false, 100);
    return s;
}

ProofOptions fast_options() {
    ProofOptions o = ProofOptions::default_96();
    return o;
}

}  // namespace

TEST(StarkBatchAir, TransfersProveVerifyAndReachTheNativeRoot) {
    Scenario s = transfer_batch();
    const rescue::Digest post = s.tree.root();
    const RollupBatchAir air(15, s.steps, s.pre_root, post, kBinding);
    EXPECT_EQ(air.steps().size(), 8u);  // 5 live steps padded to 8
    rescue::Digest reached{};
    const Trace trace = build_rollup_batch_trace(air, s.pre_root, s.witnesses, &reached);
    EXPECT_EQ(reached, post);
    EXPECT_NO_THROW(check_trace(air, trace));
    const ProofOptions opts = fast_options();
    const StarkProof proof = prove(air, trace, opts);
    EXPECT_TRUE(verify(air, proof, opts).ok());

    // Every public field of every step, both roots and the binding are part of the statement.
    auto rejects = [&](const RollupBatchAir& other, const char* what) {
        EXPECT_FALSE(verify(other, proof, opts).ok()) << what;
    };
    for (std::size_t j = 0; j < s.steps.size(); ++j) {
        auto st = s.steps;
        st[j].amount[0] += 1;
        rejects(RollupBatchAir(15, st, s.pre_root, post, kBinding), "amount");
        st = s.steps;
        st[j].debit = !st[j].debit;
        rejects(RollupBatchAir(15, st, s.pre_root, post, kBinding), "debit");
        st = s.steps;
        st[j].create = !st[j].create;
        rejects(RollupBatchAir(15, st, s.pre_root, post, kBinding), "create");
        st = s.steps;
        st[j].index ^= 4;
        rejects(RollupBatchAir(15, st, s.pre_root, post, kBinding), "index");
        st = s.steps;
        st[j].address.bytes[19] ^= 1;
        rejects(RollupBatchAir(15, st, s.pre_root, post, kBinding), "address");
        st = s.steps;
        st[j].tx_nonce += 1;
        rejects(RollupBatchAir(15, st, s.pre_root, post, kBinding), "tx nonce");
    }
    auto other_root = post;
    other_root[2] += Fp::one();
    rejects(RollupBatchAir(15, s.steps, s.pre_root, other_root, kBinding), "post root");
    rejects(RollupBatchAir(15, s.steps, other_root, post, kBinding), "pre root");
    auto other_binding = kBinding;
    other_binding[7] = Fp::one();
    rejects(RollupBatchAir(15, s.steps, s.pre_root, post, other_binding), "binding");
    auto fewer = s.steps;
    fewer.pop_back();
    rejects(RollupBatchAir(15, fewer, s.pre_root, post, kBinding), "one step dropped");
}

TEST(StarkBatchAir, HonestBuilderRefusesInvalidSteps) {
    auto refuses = [](Scenario s, const char* what) {
        const RollupBatchAir air(15, s.steps, s.pre_root, s.tree.root(), kBinding);
        EXPECT_THROW(build_rollup_batch_trace(air, s.pre_root, s.witnesses), InvalidArgument) << what;
    };
    {
        Scenario s = transfer_batch();
        s.steps[0].amount = to_limbs(1001);  // alice has 1000
        refuses(s, "overspend");
    }
    {
        Scenario s = transfer_batch();
        s.witnesses[1].balance = to_limbs((u256(1) << 128) - 1);  // the credit passes 2^128
        refuses(s, "overflow");
    }
    {
        Scenario s = transfer_batch();
        s.steps[0].tx_nonce = 4;
        refuses(s, "wrong nonce");
    }
    {
        Scenario s = transfer_batch();
        s.witnesses[1].path[3][0] += Fp::one();
        refuses(s, "path");
    }
    {
        Scenario s = transfer_batch();
        s.steps[1].create = true;  // index 1 is bob's
        refuses(s, "create a used index");
    }
}

TEST(StarkBatchAir, CheatingTracesAreRejected) {
    Scenario s = transfer_batch();
    const rescue::Digest post = s.tree.root();
    const RollupBatchAir air(15, s.steps, s.pre_root, post, kBinding);
    const Trace honest = build_rollup_batch_trace(air, s.pre_root, s.witnesses);
    const ProofOptions opts = fast_options();
    using L = BatchAirLayout;
    const std::size_t rows = batch_step_rows(15);
    struct Cheat {
        std::size_t column;
        std::size_t row;
        Fp value;
        const char* what;
    };
    const std::vector<Cheat> cheats = {
        {L::kBalanceNew + 3, 0, Fp::from_u64(1), "alice keeps 2^96 more"},
        {L::kCarry + 1, 4 * rows, Fp::zero(), "a borrow dropped"},
        {L::kNonceNew, 0, Fp::from_u64(3), "nonce not incremented"},
        {L::kBalanceOld, 0, Fp::from_u64(5000), "alice's old balance"},
        {L::kRoot + 1, 2 * rows, Fp::from_u64(9), "root register"},
    };
    for (const auto& c : cheats) {
        auto cols = honest.columns();
        cols[c.column][c.row] = c.value;
        const Trace bad(std::move(cols));
        EXPECT_THROW(check_trace(air, bad), UnsatisfiedTrace) << c.what;
        const StarkProof forged = prove_unchecked(air, bad, opts);
        EXPECT_FALSE(verify(air, forged, opts).ok()) << c.what;
    }
}

TEST(StarkBatchAir, ShapesAndLimits) {
    EXPECT_THROW(RescueAccountTree(16), InvalidArgument);
    EXPECT_THROW(RollupBatchAir(20, {}, {}, {}, kBinding), InvalidArgument);
    BatchStep far;
    far.index = std::uint64_t{1} << 15;
    EXPECT_THROW(RollupBatchAir(15, {far}, {}, {}, kBinding), InvalidArgument);
    EXPECT_THROW(to_limbs(u256(1) << 128), UnsupportedAccount);
    EXPECT_THROW(account_leaf_digest(addr(1), kLeafNonceLimit, 0), UnsupportedAccount);
    EXPECT_EQ(from_limbs(to_limbs((u256(7) << 100) + 12345)), (u256(7) << 100) + 12345);
    EXPECT_EQ(padded_batch_steps(0), 1u);
    EXPECT_EQ(padded_batch_steps(7), 8u);
    EXPECT_EQ(padded_batch_steps(8), 16u);
    // An empty tree's root is the empty-subtree digest; one leaf changes it.
    RescueAccountTree t(15);
    EXPECT_EQ(t.root(), RescueAccountTree::empty_root(15));
    t.set_leaf(5, account_leaf_digest(addr(3), 0, 1));
    EXPECT_NE(t.root(), RescueAccountTree::empty_root(15));
    EXPECT_EQ(rescue::root_from_path(t.leaf(5), 5, t.path(5)), t.root());
}

TEST(StarkBatchAir, SkipsProveVerifyAndKeepTheRoot) {
    Scenario s = skip_batch();
    const rescue::Digest post = s.tree.root();
    const RollupBatchAir air(15, s.steps, s.pre_root, post, kBinding);
    rescue::Digest reached{};
    const Trace trace = build_rollup_batch_trace(air, s.pre_root, s.witnesses, &reached);
    EXPECT_EQ(reached, post);  // the native tree, where the skips changed nothing
    EXPECT_NO_THROW(check_trace(air, trace));
    const ProofOptions opts = fast_options();
    const StarkProof proof = prove(air, trace, opts);
    EXPECT_TRUE(verify(air, proof, opts).ok());
    // The skip flag is public: a skip re-labelled as nothing-else, or a debit as a skip, fails.
    for (std::size_t j = 0; j < s.steps.size(); ++j) {
        auto st = s.steps;
        st[j].skip = !st[j].skip;
        if (st[j].skip) st[j].debit = false;
        EXPECT_FALSE(verify(RollupBatchAir(15, st, s.pre_root, post, kBinding), proof, opts).ok()) << j;
    }
    // A skip is neither a debit nor a create.
    auto bad = s.steps;
    bad[1].debit = true;
    EXPECT_THROW(RollupBatchAir(15, bad, s.pre_root, post, kBinding), InvalidArgument);
    bad = s.steps;
    bad[1].create = true;
    EXPECT_THROW(RollupBatchAir(15, bad, s.pre_root, post, kBinding), InvalidArgument);
}

TEST(StarkBatchAir, ASkipOfATxThatAppliesIsNotProvable) {
    // Bob (nonce 0, 5 wei): a tx at his nonce costing exactly 5 (or less) applies.
    for (const u256& amount : {u256(5), u256(4), u256(0)}) {
        Scenario s;
        s.add(addr(1), 3, 1000);
        s.add(addr(2), 0, 5);
        s.start();
        s.skip(1, 0, amount);
        const RollupBatchAir air(15, s.steps, s.pre_root, s.tree.root(), kBinding);
        EXPECT_THROW(build_rollup_batch_trace(air, s.pre_root, s.witnesses), InvalidArgument) << amount;
    }
    // A cheating prover takes the honest trace of bob's unfunded skip (cost 6) and claims the
    // funded one (cost 5): the amount column is public, the borrow chain no longer ends at one.
    Scenario unfunded;
    unfunded.add(addr(1), 3, 1000);
    unfunded.add(addr(2), 0, 5);
    unfunded.start();
    unfunded.skip(1, 0, 6);
    const RollupBatchAir honest_air(15, unfunded.steps, unfunded.pre_root, unfunded.pre_root, kBinding);
    const Trace honest = build_rollup_batch_trace(honest_air, unfunded.pre_root, unfunded.witnesses);
    auto funded_steps = unfunded.steps;
    funded_steps[0].amount = to_limbs(5);
    const RollupBatchAir funded(15, funded_steps, unfunded.pre_root, unfunded.pre_root, kBinding);
    const ProofOptions opts = fast_options();
    using L = BatchAirLayout;
    const std::size_t rows = batch_step_rows(15);
    for (int route = 0; route < 3; ++route) {
        auto cols = honest.columns();
        for (std::size_t r = 0; r < rows; ++r) cols[L::kAmount][r] = Fp::from_u64(5);
        if (route == 1) {
            // claim a wrong nonce instead: no inverse of 0 exists, any value fails
            for (std::size_t r = 0; r < rows; ++r) cols[L::kShort][r] = Fp::zero();
            cols[L::kNonceInv][0] = Fp::from_u64(12345);
        }
        if (route == 2) {
            // keep the short flag, fix the difference to what 5 - 5 + 2^128 would need: a limb of 2^32
            for (std::size_t r = 0; r < rows; ++r) {
                cols[L::kBalanceNew][r] = Fp::zero();
                for (std::size_t i = 0; i < 3; ++i) cols[L::kCarry + i][r] = Fp::zero();
                cols[L::kBalanceNew + 3][r] = Fp::from_u64(std::uint64_t{1} << 32);
            }
        }
        const Trace bad(std::move(cols));
        EXPECT_THROW(check_trace(funded, bad), UnsatisfiedTrace) << route;
        EXPECT_FALSE(verify(funded, prove_unchecked(funded, bad, opts), opts).ok()) << route;
    }
}

TEST(StarkBatchAir, TracesBreakingASkipConstraintAreRejected) {
    Scenario s = skip_batch();
    const rescue::Digest post = s.tree.root();
    const RollupBatchAir air(15, s.steps, s.pre_root, post, kBinding);
    const Trace honest = build_rollup_batch_trace(air, s.pre_root, s.witnesses);
    const ProofOptions opts = fast_options();
    using L = BatchAirLayout;
    const std::size_t rows = batch_step_rows(15);
    struct Cheat {
        std::size_t column;
        std::size_t row;
        Fp value;
        const char* what;
    };
    // Step 0: alice's debit; 1: alice's wrong-nonce skip; 2, 3: bob's insufficient-balance skips.
    const std::vector<Cheat> cheats = {
        {L::kNonceInv, 1 * rows, Fp::from_u64(2), "wrong inverse of the nonce gap"},
        {L::kShort, 1 * rows, Fp::one(), "a wrong-nonce skip claims the balance reason"},
        {L::kShort, 2 * rows, Fp::zero(), "a balance skip claims the nonce reason (gap 0)"},
        {L::kShort, 0, Fp::one(), "the short flag on a debit"},
        {L::kShort, 2 * rows, Fp::from_u64(2), "short not binary"},
        {L::kSkip, 0, Fp::one(), "the skip flag on a debit"},
        {L::kSkip, 1 * rows, Fp::from_u64(2), "skip not binary"},
        {L::kBalanceNew + 1, 3 * rows, Fp::from_u64(7), "the difference limb of a balance skip"},
        {L::kCarry + 2, 2 * rows, Fp::zero(), "a borrow of a balance skip dropped (6 from 5)"},
        {L::kStateB + rescue::kRateStart + rescue::kDigestSize, 2 * rows, Fp::from_u64(4),
         "the kept leaf's balance changed"},
    };
    for (const auto& c : cheats) {
        auto cols = honest.columns();
        cols[c.column][c.row] = c.value;
        const Trace bad(std::move(cols));
        EXPECT_THROW(check_trace(air, bad), UnsatisfiedTrace) << c.what;
        const StarkProof forged = prove_unchecked(air, bad, opts);
        EXPECT_FALSE(verify(air, forged, opts).ok()) << c.what;
    }
}

// The STF's rule (stf.cpp): skipped when nonce != tx nonce, else when balance < value + fee.
// Balances and amounts near each other and across limb boundaries.
RC_GTEST_PROP(StarkBatchAir, SkipOrDebitIsBuildableExactlyAsTheStfDecides, ()) {
    const std::uint64_t nonce = *rc::gen::inRange<std::uint64_t>(0, 3);
    const std::uint64_t tx_nonce = *rc::gen::inRange<std::uint64_t>(0, 3);
    const u256 balance = (u256(*rc::gen::inRange<std::uint64_t>(0, 1u << 20)) << (32 * *rc::gen::inRange(0, 3))) +
                         *rc::gen::inRange<std::uint64_t>(0, 4);
    const int delta = *rc::gen::inRange(-2, 3);
    const u256 amount = delta < 0 && balance < u256(-delta) ? u256(0) : delta < 0 ? balance - u256(-delta)
                                                                               : balance + u256(delta);
    const bool stf_skips = nonce != tx_nonce || balance < amount;
    for (const bool as_skip : {true, false}) {
        Scenario s;
        s.add(addr(1), nonce, balance);
        s.start();
        BatchStep st;
        st.skip = as_skip;
        st.debit = !as_skip;
        st.index = 0;
        st.address = addr(1);
        st.amount = to_limbs(amount);
        st.tx_nonce = tx_nonce;
        const BatchStepWitness w{nonce, to_limbs(balance), s.tree.path(0)};
        // The root after: unchanged for a skip, the debited leaf for a debit that applies.
        RescueAccountTree after = s.tree;
        if (!as_skip && !stf_skips) after.set_leaf(0, account_leaf_digest(addr(1), nonce + 1, balance - amount));
        const RollupBatchAir air(15, {st}, s.pre_root, after.root(), kBinding);
        const bool buildable = [&] {
            try {
                check_trace(air, build_rollup_batch_trace(air, s.pre_root, {w}));
                return true;
            } catch (const InvalidArgument&) {
                return false;
            }
        }();
        RC_ASSERT(buildable == (as_skip == stf_skips));
    }
}
