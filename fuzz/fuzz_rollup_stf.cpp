// libFuzzer target for the STF on random op sequences, with two oracles:
//  1. the stateless step verifier: every step's witness must recompute exactly the post-root
//     apply_op reached, and a skipped step must leave the root unchanged;
//  2. a differential against a deliberately simple reimplementation of the STF rules (stf.hpp)
//     over a std::map of accounts, no Merkle tree: after each batch, balances, nonces,
//     withdrawals and every receipt's skip reason must agree, and apply_batch must reach the
//     same root as op-by-op apply_op.
// Input, raw mode: a sequence of encoded ops, each prefixed by a 2-byte length; undecodable
// chunks become UndecodableOp; a zero length ends a batch. Structured mode (first byte 0xFF):
// 12-byte records building ops that are signed with one of 4 keys, so most steps pass the
// signature check and reach the balance, nonce and overflow rules. High-nonce mode (first byte
// 0xFE): the same records, but every key's account starts at nonce 2^64-3 (in both states and
// the reimplementation) and tx nonces are 2^64-3 + 0..3 (wrapping to 0), so the nonce-overflow
// skip (a sender at 2^64-1) is reachable.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/stf.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::rollup;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

// ---- the simple reimplementation ------------------------------------------------------------
struct SimpleStf {
    struct Acct {
        std::uint64_t nonce = 0;
        u256 balance = 0;
    };
    std::map<Address, Acct> acc;
    std::map<std::pair<Address, std::uint64_t>, std::pair<Address, u256>> withdrawals;

    static bool add(u256& into, const u256& v) {
        if (into > u256_max() - v) return false;
        into += v;
        return true;
    }
    std::optional<SkipReason> apply(const StfConfig& cfg, const Op& op) {
        if (const auto* d = std::get_if<Deposit>(&op)) {
            if (d->amount == 0) return SkipReason::ZeroAmount;
            Acct a = acc[d->to];
            if (!add(a.balance, d->amount)) return SkipReason::Overflow;
            acc[d->to] = a;
            return std::nullopt;
        }
        if (std::holds_alternative<UndecodableOp>(op)) return SkipReason::Undecodable;
        const L2Tx& tx = std::get<L2Tx>(op);
        const auto sender = tx.recover_sender();
        if (!sender) return SkipReason::BadSignature;
        if (tx.chain_id != cfg.chain_id) return SkipReason::WrongChainId;
        auto next = acc;  // all-or-nothing
        Acct& s = next[*sender];
        if (tx.nonce != s.nonce) return SkipReason::WrongNonce;
        if (s.nonce == UINT64_MAX) return SkipReason::Overflow;
        if (tx.kind == TxKind::Withdrawal && tx.value == 0) return SkipReason::ZeroAmount;
        u256 cost = tx.value;
        if (!add(cost, tx.fee)) return SkipReason::Overflow;
        if (s.balance < cost) return SkipReason::InsufficientBalance;
        s.balance -= cost;
        s.nonce += 1;
        if (tx.kind == TxKind::Transfer && !add(next[tx.to].balance, tx.value)) return SkipReason::Overflow;
        if (!add(next[cfg.fee_recipient].balance, tx.fee)) return SkipReason::Overflow;
        if (tx.kind == TxKind::Withdrawal) withdrawals[{*sender, tx.nonce}] = {tx.to, tx.value};
        acc = std::move(next);
        return std::nullopt;
    }
    void compare(const L2State& st) const {
        std::size_t non_empty = 0;
        for (const auto& [a, v] : acc) {
            const L2Account x = st.account(a);
            check(x.nonce == v.nonce && x.balance == v.balance);
            non_empty += (v.nonce != 0 || v.balance != 0) ? 1 : 0;
        }
        check(st.accounts().size() == non_empty);
        const auto ws = st.withdrawals();
        check(ws.size() == withdrawals.size());
        for (const auto& w : ws) {
            const auto it = withdrawals.find({w.sender, w.nonce});
            check(it != withdrawals.end() && it->second.first == w.l1_recipient &&
                  it->second.second == w.amount);
        }
    }
};

const std::vector<crypto::PrivateKey>& keys() {
    static const std::vector<crypto::PrivateKey> k = [] {
        std::vector<crypto::PrivateKey> v;
        for (int i = 1; i <= 4; ++i) v.push_back(crypto::PrivateKey::from_int(u256(0xF0 + i)));
        return v;
    }();
    return k;
}

StfConfig config() {
    StfConfig c;
    c.fee_recipient = keys()[3].address();  // a user may also be the fee recipient
    return c;
}

u256 amount(std::uint8_t sel, std::uint8_t lo) {
    switch (sel % 4) {
        case 0: return lo;
        case 1: return u256(lo) << 8;
        case 2: return u256_max() - lo;  // overflow territory
        default: return 0;
    }
}

// One 12-byte record -> one op, or a batch boundary (kind byte % 8 == 7).
std::optional<Op> structured_op(const std::uint8_t* r, std::uint64_t chain_id,
                                std::uint64_t nonce_base) {
    const std::uint8_t kind = r[0] % 8;
    const Address to = r[1] % 5 == 4 ? Address{} : keys()[r[1] % 5 % 4].address();
    if (kind == 7) return std::nullopt;
    if (kind <= 1) return Op{Deposit{0, Address{}, to, amount(r[2], r[3])}};
    if (kind == 2) return Op{UndecodableOp{Bytes(r + 4, r + 8)}};
    L2Tx tx;
    tx.kind = kind == 3 ? TxKind::Withdrawal : TxKind::Transfer;
    tx.chain_id = r[4] == 0xEE ? chain_id + 1 : chain_id;
    tx.nonce = nonce_base + r[5] % 4;  // wraps to 0 past 2^64-1 in high-nonce mode
    tx.fee = amount(r[6], r[7]);
    tx.to = to;
    tx.value = amount(r[8], r[9]);
    tx.sign(keys()[r[10] % 4]);
    if (r[11] == 0xEE) tx.signature[7] ^= 1;
    if (r[11] == 0xED) tx.signature[64] = 9;
    return Op{tx};
}

void run_batch(L2State& batch_state, L2State& step_state, SimpleStf& simple, const StfConfig& cfg,
               const std::vector<Op>& ops) {
    ApplyOptions opt;
    opt.trace = true;
    const auto res = apply_batch(batch_state, cfg, ops, opt);
    check(res.receipts.size() == ops.size());
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const auto pre = step_state.state_root();
        StepWitness w;
        const auto out = apply_op(step_state, cfg, ops[i], nullptr, &w);
        const auto v = verify_step(cfg, pre, ops[i], w);
        check(v.has_value());
        check(v->post_root == step_state.state_root());
        check(v->outcome.applied == out.applied);
        if (!out.applied) check(pre == step_state.state_root());
        const auto expect = simple.apply(cfg, ops[i]);
        check(out.reason == expect);
        check(res.receipts[i].outcome.reason == expect);
        check(res.receipts[i].post_root == step_state.state_root());
    }
    check(res.post_root == step_state.state_root());
    check(batch_state.state_root() == step_state.state_root());
    simple.compare(step_state);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    L2State batch_state, step_state;
    SimpleStf simple;
    const StfConfig cfg = config();
    std::vector<Op> ops;
    int steps = 0;
    if (size > 0 && (data[0] == 0xFF || data[0] == 0xFE)) {
        std::uint64_t nonce_base = 0;
        if (data[0] == 0xFE) {
            nonce_base = std::numeric_limits<std::uint64_t>::max() - 2;
            for (const auto& k : keys()) {
                batch_state.set_account(k.address(), L2Account{nonce_base, 0});
                step_state.set_account(k.address(), L2Account{nonce_base, 0});
                simple.acc[k.address()].nonce = nonce_base;
            }
        }
        for (std::size_t pos = 1; pos + 12 <= size && steps++ < 48; pos += 12) {
            if (auto op = structured_op(data + pos, cfg.chain_id, nonce_base)) {
                ops.push_back(std::move(*op));
            } else {
                run_batch(batch_state, step_state, simple, cfg, ops);
                ops.clear();
            }
        }
    } else {
        std::size_t pos = 0;
        while (pos + 2 <= size && steps++ < 64) {
            const std::size_t n = (std::size_t{data[pos]} << 8 | data[pos + 1]) % 512;
            pos += 2;
            if (n == 0) {
                run_batch(batch_state, step_state, simple, cfg, ops);
                ops.clear();
                continue;
            }
            const std::size_t len = n < size - pos ? n : size - pos;
            const BytesView chunk{data + pos, len};
            pos += len;
            Op op = UndecodableOp{Bytes(chunk.begin(), chunk.end())};
            try {
                op = decode_op(chunk);
            } catch (const DecodeError&) {
            }
            ops.push_back(std::move(op));
        }
    }
    run_batch(batch_state, step_state, simple, cfg, ops);
    return 0;
}
