// L2 state, transactions and the steppable STF: skip reasons, a model test against a plain map,
// stateless step verification against full execution, journal rollback.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <limits>
#include <map>
#include <optional>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/state.hpp"
#include "l2lab/rollup/stf.hpp"

using namespace l2lab;
using namespace l2lab::rollup;

namespace {

const std::vector<crypto::PrivateKey>& keys() {
    static const std::vector<crypto::PrivateKey> k = [] {
        std::vector<crypto::PrivateKey> v;
        for (int i = 1; i <= 4; ++i) v.push_back(crypto::PrivateKey::from_int(u256(i)));
        return v;
    }();
    return k;
}

StfConfig config() {
    StfConfig c;
    c.chain_id = 901;
    c.fee_recipient = Address::from_hex_text("0xfee0000000000000000000000000000000000fee");
    return c;
}

L2Tx signed_tx(TxKind kind, std::size_t from, const Address& to, u256 value, u256 fee,
               std::uint64_t nonce, std::uint64_t chain_id = 901) {
    L2Tx tx;
    tx.kind = kind;
    tx.chain_id = chain_id;
    tx.nonce = nonce;
    tx.fee = fee;
    tx.to = to;
    tx.value = value;
    tx.sign(keys()[from]);
    return tx;
}

// A deliberately plain re-statement of the STF rules over std::map, for the model test.
struct Model {
    std::map<Address, L2Account> acc;
    std::vector<WithdrawalRecord> wd;
    std::optional<SkipReason> apply(const StfConfig& cfg, const Op& op) {
        if (const auto* d = std::get_if<Deposit>(&op)) {
            if (d->amount == 0) return SkipReason::ZeroAmount;
            if (acc[d->to].balance > u256_max() - d->amount) return SkipReason::Overflow;
            acc[d->to].balance += d->amount;
            return std::nullopt;
        }
        if (std::holds_alternative<UndecodableOp>(op)) return SkipReason::Undecodable;
        const auto& tx = std::get<L2Tx>(op);
        auto s = tx.recover_sender();
        if (!s) return SkipReason::BadSignature;
        if (tx.chain_id != cfg.chain_id) return SkipReason::WrongChainId;
        if (tx.nonce != acc[*s].nonce) return SkipReason::WrongNonce;
        if (tx.kind == TxKind::Withdrawal && tx.value == 0) return SkipReason::ZeroAmount;
        if (acc[*s].balance < tx.value + tx.fee) return SkipReason::InsufficientBalance;
        acc[*s].nonce += 1;
        acc[*s].balance -= tx.value + tx.fee;
        if (tx.kind == TxKind::Transfer) acc[tx.to].balance += tx.value;
        else wd.push_back({*s, tx.nonce, tx.to, tx.value});
        acc[cfg.fee_recipient].balance += tx.fee;
        return std::nullopt;
    }
};

rc::Gen<Op> gen_op() {
    return rc::gen::exec([]() -> Op {
        const auto pick = *rc::gen::inRange(0, 10);
        const std::size_t from = *rc::gen::inRange<std::size_t>(0, 4);
        const std::size_t to_i = *rc::gen::inRange<std::size_t>(0, 5);
        const Address to = to_i < 4 ? keys()[to_i].address() : config().fee_recipient;
        const u256 value = *rc::gen::inRange<std::uint64_t>(0, 1000);
        const u256 fee = *rc::gen::inRange<std::uint64_t>(0, 20);
        const std::uint64_t nonce = *rc::gen::inRange<std::uint64_t>(0, 4);
        if (pick < 3) return Deposit{0, Address{}, to, value};
        if (pick == 3) return UndecodableOp{{1, 2, 3}};
        L2Tx tx = signed_tx(pick == 4 ? TxKind::Withdrawal : TxKind::Transfer, from, to, value,
                            fee, nonce, pick == 5 ? 902 : 901);
        if (pick == 6) tx.signature[10] ^= 0x40;  // corrupt: bad signature or another signer
        return tx;
    });
}

}  // namespace

TEST(RollupStf, SkipReasonsAreTypedAndStateUnchanged) {
    L2State st;
    const auto cfg = config();
    const Address a = keys()[0].address(), b = keys()[1].address();
    ASSERT_TRUE(apply_op(st, cfg, Deposit{0, Address{}, a, 100}).applied);
    const Hash32 root = st.state_root();
    auto expect_skip = [&](const Op& op, SkipReason r) {
        const auto out = apply_op(st, cfg, op);
        EXPECT_FALSE(out.applied);
        ASSERT_TRUE(out.reason.has_value());
        EXPECT_EQ(*out.reason, r) << skip_reason_name(*out.reason);
        EXPECT_EQ(st.state_root(), root);
    };
    L2Tx bad = signed_tx(TxKind::Transfer, 0, b, 1, 0, 0);
    bad.signature[64] = 7;
    expect_skip(bad, SkipReason::BadSignature);
    expect_skip(signed_tx(TxKind::Transfer, 0, b, 1, 0, 0, 5), SkipReason::WrongChainId);
    expect_skip(signed_tx(TxKind::Transfer, 0, b, 1, 0, 1), SkipReason::WrongNonce);
    expect_skip(signed_tx(TxKind::Transfer, 0, b, 100, 1, 0), SkipReason::InsufficientBalance);
    expect_skip(signed_tx(TxKind::Transfer, 0, b, u256_max(), 1, 0), SkipReason::Overflow);
    expect_skip(signed_tx(TxKind::Withdrawal, 0, b, 0, 1, 0), SkipReason::ZeroAmount);
    expect_skip(Deposit{1, Address{}, a, 0}, SkipReason::ZeroAmount);
    expect_skip(Deposit{1, Address{}, a, u256_max()}, SkipReason::Overflow);
    expect_skip(UndecodableOp{{0xc0}}, SkipReason::Undecodable);
    const auto ok = apply_op(st, cfg, signed_tx(TxKind::Transfer, 0, b, 60, 5, 0));
    EXPECT_TRUE(ok.applied);
    EXPECT_EQ(ok.sender, a);
    EXPECT_EQ(st.account(a), (L2Account{1, 35}));
    EXPECT_EQ(st.account(b).balance, 60);
    EXPECT_EQ(st.account(cfg.fee_recipient).balance, 5);
    EXPECT_EQ(st.total_supply(), 100);
}

TEST(RollupStf, NonceOverflowIsSkippedAndVerifiedStatelessly) {
    // A sender at nonce 2^64-2 sends once more (reaching 2^64-1); its next tx, correctly signed
    // with nonce 2^64-1, is skipped with `overflow` (the nonce cannot be incremented), a transfer
    // and a withdrawal alike, in apply_op, apply_batch and stateless verification.
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
    const auto cfg = config();
    const Address a = keys()[0].address(), b = keys()[1].address();
    L2State st;
    st.set_account(a, L2Account{kMax - 1, 1000});
    const auto last = apply_op(st, cfg, signed_tx(TxKind::Transfer, 0, b, 10, 1, kMax - 1));
    ASSERT_TRUE(last.applied);
    ASSERT_EQ(st.account(a), (L2Account{kMax, 989}));
    const Hash32 root = st.state_root();
    for (const TxKind kind : {TxKind::Transfer, TxKind::Withdrawal}) {
        const Op op = signed_tx(kind, 0, b, 10, 1, kMax);
        L2State copy = st.clone();
        StepWitness w;
        const auto out = apply_op(copy, cfg, op, nullptr, &w);
        EXPECT_FALSE(out.applied);
        ASSERT_TRUE(out.reason.has_value());
        EXPECT_EQ(*out.reason, SkipReason::Overflow) << skip_reason_name(*out.reason);
        EXPECT_EQ(out.sender, a);  // the signature was fine: the sender is known
        EXPECT_EQ(copy.state_root(), root);
        EXPECT_EQ(copy.account(a), (L2Account{kMax, 989}));
        const auto v = verify_step(cfg, root, op, w);
        ASSERT_TRUE(v.has_value());
        EXPECT_EQ(v->post_root, root);
        EXPECT_FALSE(v->outcome.applied);
        EXPECT_EQ(v->outcome.reason, SkipReason::Overflow);
        const auto batch = apply_batch(copy, cfg, std::vector<Op>{op}, {true, 2});
        EXPECT_EQ(batch.skipped, 1u);
        EXPECT_EQ(batch.receipts.at(0).outcome.reason, SkipReason::Overflow);
    }
    // Any other nonce is simply wrong.
    EXPECT_EQ(apply_op(st, cfg, signed_tx(TxKind::Transfer, 0, b, 1, 0, 0)).reason,
              SkipReason::WrongNonce);
}

TEST(RollupStf, WithdrawalRecordedAndProvable) {
    L2State st;
    const auto cfg = config();
    const Address a = keys()[0].address();
    const Address l1 = Address::from_hex_text("0x00000000000000000000000000000000000000aa");
    (void)apply_op(st, cfg, Deposit{0, Address{}, a, 100});
    ASSERT_TRUE(apply_op(st, cfg, signed_tx(TxKind::Withdrawal, 0, l1, 40, 2, 0)).applied);
    const auto w = st.withdrawal(a, 0);
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ(w->amount, 40);
    EXPECT_EQ(st.total_supply(), 60 - 2 + 2);
    EXPECT_TRUE(crypto::smt_verify(crypto::HashKind::Keccak256, st.state_root(),
                                   withdrawal_key(a, 0), withdrawal_leaf(l1, 40),
                                   st.prove_withdrawal(a, 0)));
    EXPECT_FALSE(crypto::smt_verify(crypto::HashKind::Keccak256, st.state_root(),
                                    withdrawal_key(a, 0), withdrawal_leaf(l1, 41),
                                    st.prove_withdrawal(a, 0)));
    EXPECT_THROW(st.add_withdrawal(*w), StateError);
}

TEST(RollupStf, TxAndOpCodecsRoundTripAndRejectGarbage) {
    const L2Tx tx = signed_tx(TxKind::Withdrawal, 2, keys()[0].address(), 7, 1, 3);
    EXPECT_EQ(L2Tx::decode(tx.encode()), tx);
    for (const Op& op : {Op{tx}, Op{Deposit{5, keys()[1].address(), keys()[2].address(), 9}},
                         Op{UndecodableOp{{1, 2}}}}) {
        EXPECT_EQ(decode_op(encode_op(op)), op);
    }
    Bytes enc = tx.encode();
    enc.push_back(0);
    EXPECT_THROW(L2Tx::decode(enc), DecodeError);
    EXPECT_THROW(L2Tx::decode(Bytes{0xc0}), DecodeError);
}

RC_GTEST_PROP(RollupStf, MatchesPlainModelAndSupplyIsConserved, ()) {
    const auto ops = *rc::gen::container<std::vector<Op>>(*rc::gen::inRange(0, 40), gen_op());
    const auto cfg = config();
    L2State st;
    Model model;
    u256 deposited = 0;
    for (const auto& op : ops) {
        const auto expect = model.apply(cfg, op);
        const auto out = apply_op(st, cfg, op);
        RC_ASSERT(out.applied == !expect.has_value());
        if (expect) {
            RC_ASSERT(*out.reason == *expect);
        }
        if (out.applied && std::holds_alternative<Deposit>(op)) deposited += std::get<Deposit>(op).amount;
        RC_ASSERT(st.total_supply() + st.total_withdrawn() == deposited);
    }
    for (const auto& [a, acct] : model.acc) RC_ASSERT(st.account(a) == acct);
    RC_ASSERT(st.withdrawals().size() == model.wd.size());
}

RC_GTEST_PROP(RollupStf, StatelessStepMatchesExecutionAndRejectsTamperedWitness, ()) {
    const auto ops = *rc::gen::container<std::vector<Op>>(*rc::gen::inRange(1, 30), gen_op());
    const auto cfg = config();
    L2State st;
    for (const auto& op : ops) {
        const Hash32 pre = st.state_root();
        StepWitness w;
        const auto out = apply_op(st, cfg, op, nullptr, &w);
        const auto v = verify_step(cfg, pre, op, StepWitness::decode(w.encode()));
        RC_ASSERT(v.has_value());
        RC_ASSERT(v->post_root == st.state_root());
        RC_ASSERT(v->outcome.applied == out.applied);
        if (!w.accounts.empty()) {
            StepWitness bad = w;
            bad.accounts[0].pre.balance += 1;
            const auto vb = verify_step(cfg, pre, op, bad);
            RC_ASSERT(!vb.has_value() || vb->post_root != st.state_root() || !out.applied);
            RC_ASSERT(!vb.has_value());
            StepWitness missing = w;
            missing.accounts.pop_back();
            RC_ASSERT(!verify_step(cfg, pre, op, missing).has_value());
        }
    }
}

RC_GTEST_PROP(RollupStf, BatchTraceRollbackAndThreadsAgree, ()) {
    const auto ops = *rc::gen::container<std::vector<Op>>(*rc::gen::inRange(0, 30), gen_op());
    const auto cfg = config();
    L2State a, b;
    const auto cp = a.checkpoint();
    const auto ra = apply_batch(a, cfg, ops, {true, 1});
    const auto rb = apply_batch(b, cfg, ops, {false, 2});
    RC_ASSERT(ra.post_root == rb.post_root);
    RC_ASSERT(ra.applied == rb.applied);
    L2State c;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        (void)apply_op(c, cfg, ops[i]);
        RC_ASSERT(ra.receipts[i].post_root == c.state_root());
    }
    a.rollback(cp);
    RC_ASSERT(a.state_root() == L2State().state_root());
    RC_ASSERT(a.accounts().empty());
    RC_ASSERT(a.withdrawals().empty());
}

TEST(RollupState, CommitClosesOnlyTheOutermostCheckpoint) {
    L2State s;
    const Address a{}, b = [] { Address x; x.bytes[0] = 1; return x; }();
    EXPECT_THROW(s.commit(L2Checkpoint{}), StateError);  // nothing open
    const auto outer = s.checkpoint();
    s.set_account(a, L2Account{1, 5});
    const auto inner = s.checkpoint();
    s.set_account(b, L2Account{1, 6});
    s.commit(inner);  // nested: entries stay for the outer checkpoint
    EXPECT_TRUE(s.journaling());
    EXPECT_EQ(s.journal_depth(), 2u);
    s.rollback(outer);
    EXPECT_EQ(s.state_root(), L2State().state_root());
    s.commit(outer);
    EXPECT_FALSE(s.journaling());
    EXPECT_EQ(s.journal_depth(), 0u);
    s.set_account(a, L2Account{2, 2});
    EXPECT_EQ(s.journal_depth(), 0u);
    EXPECT_THROW(s.rollback(outer), StateError);  // closed
}
