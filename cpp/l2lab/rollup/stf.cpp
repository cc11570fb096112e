#include "l2lab/rollup/stf.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <thread>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"

namespace l2lab::rollup {

std::string_view skip_reason_name(SkipReason r) {
    switch (r) {
        case SkipReason::BadSignature: return "bad_signature";
        case SkipReason::WrongChainId: return "wrong_chain_id";
        case SkipReason::WrongNonce: return "wrong_nonce";
        case SkipReason::InsufficientBalance: return "insufficient_balance";
        case SkipReason::Overflow: return "overflow";
        case SkipReason::ZeroAmount: return "zero_amount";
        case SkipReason::Undecodable: return "undecodable";
    }
    return "unknown";
}

namespace {

// What a step read and would write. The same evaluator runs on a full state (apply_op) and on a
// witness (verify_step), which is what makes stateless re-execution agree with execution.
// A step touches at most 3 accounts (sender, recipient, fee recipient): fixed inline storage
// keeps the hot path free of allocations.
template <typename T>
class Touched {
public:
    void push_back(T v) { m_items[m_size++] = std::move(v); }
    void emplace_back(const Address& a, const L2Account& acct) { push_back(T{a, acct}); }
    void clear() noexcept { m_size = 0; }
    std::size_t size() const noexcept { return m_size; }
    T* begin() noexcept { return m_items.data(); }
    T* end() noexcept { return m_items.data() + m_size; }
    const T* begin() const noexcept { return m_items.data(); }
    const T* end() const noexcept { return m_items.data() + m_size; }
    const T& operator[](std::size_t i) const noexcept { return m_items[i]; }

private:
    std::array<T, 3> m_items{};
    std::size_t m_size = 0;
};

struct Effects {
    Touched<Address> reads;                        // distinct, first-read order
    Touched<std::pair<Address, L2Account>> writes;  // distinct, first-touch order
    std::optional<WithdrawalRecord> withdrawal;
};

template <typename Read>
class Working {
public:
    Working(Read& read, Effects& fx) : m_read(read), m_fx(fx) {}
    L2Account get(const Address& a) {
        for (const auto& [addr, acct] : m_fx.writes) {
            if (addr == a) return acct;
        }
        if (std::find(m_fx.reads.begin(), m_fx.reads.end(), a) == m_fx.reads.end()) {
            m_fx.reads.push_back(a);
        }
        return m_read(a);
    }
    void put(const Address& a, const L2Account& acct) {
        for (auto& [addr, old] : m_fx.writes) {
            if (addr == a) {
                old = acct;
                return;
            }
        }
        m_fx.writes.emplace_back(a, acct);
    }

private:
    Read& m_read;
    Effects& m_fx;
};

bool add_overflows(const u256& a, const u256& b) { return a > u256_max() - b; }

StepOutcome skip(SkipReason r, std::optional<Address> sender = std::nullopt) {
    return {false, r, sender};
}

template <typename Read>
StepOutcome evaluate(const StfConfig& cfg, const Op& op, const std::optional<Address>* recovered,
                     Read& read, Effects& fx) {
    Working<Read> w(read, fx);
    if (const auto* d = std::get_if<Deposit>(&op)) {
        if (d->amount == 0) return skip(SkipReason::ZeroAmount);
        L2Account to = w.get(d->to);
        if (add_overflows(to.balance, d->amount)) {
            fx.writes.clear();
            return skip(SkipReason::Overflow);
        }
        to.balance += d->amount;
        w.put(d->to, to);
        return {true, std::nullopt, std::nullopt};
    }
    if (std::holds_alternative<UndecodableOp>(op)) return skip(SkipReason::Undecodable);

    const auto& tx = std::get<L2Tx>(op);
    const std::optional<Address> sender = recovered ? *recovered : tx.recover_sender();
    if (!sender) return skip(SkipReason::BadSignature);
    if (tx.chain_id != cfg.chain_id) return skip(SkipReason::WrongChainId, sender);
    L2Account s = w.get(*sender);
    if (tx.nonce != s.nonce) return skip(SkipReason::WrongNonce, sender);
    if (s.nonce == std::numeric_limits<std::uint64_t>::max()) {
        return skip(SkipReason::Overflow, sender);
    }
    if (tx.kind == TxKind::Withdrawal && tx.value == 0) return skip(SkipReason::ZeroAmount, sender);
    if (add_overflows(tx.value, tx.fee)) return skip(SkipReason::Overflow, sender);
    const u256 total = tx.value + tx.fee;
    if (s.balance < total) return skip(SkipReason::InsufficientBalance, sender);
    s.nonce += 1;
    s.balance -= total;
    w.put(*sender, s);
    if (tx.kind == TxKind::Transfer) {
        L2Account to = w.get(tx.to);
        if (add_overflows(to.balance, tx.value)) {
            fx.writes.clear();
            return skip(SkipReason::Overflow, sender);
        }
        to.balance += tx.value;
        w.put(tx.to, to);
    }
    L2Account fr = w.get(cfg.fee_recipient);
    if (add_overflows(fr.balance, tx.fee)) {
        fx.writes.clear();
        return skip(SkipReason::Overflow, sender);
    }
    fr.balance += tx.fee;
    w.put(cfg.fee_recipient, fr);
    if (tx.kind == TxKind::Withdrawal) {
        fx.withdrawal = WithdrawalRecord{*sender, tx.nonce, tx.to, tx.value};
    }
    return {true, std::nullopt, sender};
}

}  // namespace

StepOutcome apply_op(L2State& state, const StfConfig& config, const Op& op,
                     const std::optional<Address>* recovered, StepWitness* witness) {
    Effects fx;
    auto read = [&state](const Address& a) { return state.account(a); };
    const StepOutcome out = evaluate(config, op, recovered, read, fx);
    if (witness) *witness = StepWitness{};
    if (!out.applied) {
        if (witness) {
            for (const auto& a : fx.reads) {
                witness->accounts.push_back({a, state.account(a), state.prove_account(a)});
            }
        }
        return out;
    }
    for (const auto& [addr, acct] : fx.writes) {
        if (witness) {
            witness->accounts.push_back({addr, state.account(addr), state.prove_account(addr)});
        }
        state.set_account(addr, acct);
    }
    if (fx.withdrawal) {
        if (witness) {
            witness->withdrawal_proof =
                state.prove_withdrawal(fx.withdrawal->sender, fx.withdrawal->nonce);
        }
        state.add_withdrawal(*fx.withdrawal);
    }
    return out;
}

std::optional<VerifiedStep> verify_step(const StfConfig& config, const Hash32& pre_root,
                                        const Op& op, const StepWitness& witness) {
    constexpr auto kKeccak = crypto::HashKind::Keccak256;
    for (std::size_t i = 0; i < witness.accounts.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (witness.accounts[i].address == witness.accounts[j].address) return std::nullopt;
        }
    }
    bool missing = false;
    auto read = [&](const Address& a) {
        for (const auto& wa : witness.accounts) {
            if (wa.address == a) return wa.pre;
        }
        missing = true;
        return L2Account{};
    };
    Effects fx;
    const StepOutcome out = evaluate(config, op, nullptr, read, fx);
    if (missing) return std::nullopt;
    if (!out.applied) {
        if (witness.withdrawal_proof || witness.accounts.size() != fx.reads.size()) {
            return std::nullopt;
        }
        for (std::size_t i = 0; i < fx.reads.size(); ++i) {
            const auto& wa = witness.accounts[i];
            if (wa.address != fx.reads[i] ||
                !crypto::smt_verify(kKeccak, pre_root, account_key(wa.address),
                                    account_leaf(wa.pre), wa.proof)) {
                return std::nullopt;
            }
        }
        return VerifiedStep{pre_root, out};
    }
    if (witness.accounts.size() != fx.writes.size() ||
        witness.withdrawal_proof.has_value() != fx.withdrawal.has_value()) {
        return std::nullopt;
    }
    Hash32 root = pre_root;
    for (std::size_t i = 0; i < fx.writes.size(); ++i) {
        const auto& wa = witness.accounts[i];
        if (wa.address != fx.writes[i].first) return std::nullopt;
        auto next = crypto::smt_root_after_update(kKeccak, root, account_key(wa.address),
                                                  account_leaf(wa.pre),
                                                  account_leaf(fx.writes[i].second), wa.proof);
        if (!next) return std::nullopt;
        root = *next;
    }
    if (fx.withdrawal) {
        const auto& w = *fx.withdrawal;
        auto next = crypto::smt_root_after_update(kKeccak, root, withdrawal_key(w.sender, w.nonce),
                                                  std::nullopt,
                                                  withdrawal_leaf(w.l1_recipient, w.amount),
                                                  *witness.withdrawal_proof);
        if (!next) return std::nullopt;
        root = *next;
    }
    return VerifiedStep{root, out};
}

Bytes StepWitness::encode() const {
    rlp::ListBuilder list;
    for (const auto& wa : accounts) {
        rlp::ListBuilder e;
        e.add_address(wa.address).add_u64(wa.pre.nonce).add_u256(wa.pre.balance);
        e.add_bytes(wa.proof.encode());
        list.add_encoded(e.finish());
    }
    rlp::ListBuilder wd;
    if (withdrawal_proof) wd.add_bytes(withdrawal_proof->encode());
    rlp::ListBuilder top;
    top.add_encoded(list.finish()).add_encoded(wd.finish());
    return top.finish();
}

StepWitness StepWitness::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_depth = 3;
    const auto item = rlp::decode(encoding, lim);
    const auto& f = item.fields(2);
    StepWitness w;
    for (const auto& e : f[0].items()) {
        const auto& g = e.fields(4);
        w.accounts.push_back({g[0].address(), L2Account{g[1].u64_value(), g[2].u256_value()},
                              crypto::SmtProof::decode(g[3].bytes())});
    }
    const auto& wd = f[1].items();
    if (wd.size() > 1) {
        throw DecodeError(DecodeErrorKind::UnexpectedType, f[1].offset(),
                          "withdrawal proof list holds at most one proof");
    }
    if (wd.size() == 1) w.withdrawal_proof = crypto::SmtProof::decode(wd[0].bytes());
    return w;
}

std::vector<std::optional<Address>> recover_senders(std::span<const Op> ops, unsigned threads) {
    if (threads < 1 || threads > 64) throw InvalidArgument("threads must be in 1..64");
    std::vector<std::optional<Address>> out(ops.size());
    auto work = [&](std::size_t lo, std::size_t hi) {
        for (std::size_t i = lo; i < hi; ++i) {
            if (const auto* tx = std::get_if<L2Tx>(&ops[i])) out[i] = tx->recover_sender();
        }
    };
    if (threads == 1 || ops.size() < 2) {
        work(0, ops.size());
        return out;
    }
    std::vector<std::thread> pool;
    const std::size_t chunk = (ops.size() + threads - 1) / threads;
    for (unsigned t = 1; t < threads; ++t) {
        const std::size_t lo = std::min(ops.size(), t * chunk);
        const std::size_t hi = std::min(ops.size(), lo + chunk);
        pool.emplace_back(work, lo, hi);
    }
    work(0, std::min(ops.size(), chunk));
    for (auto& th : pool) th.join();
    return out;
}

BatchResult apply_batch(L2State& state, const StfConfig& config, std::span<const Op> ops,
                        const ApplyOptions& options, std::uint32_t first_index) {
    if (options.threads < 1 || options.threads > 64) {
        throw InvalidArgument("ApplyOptions::threads must be in 1..64");
    }
    std::vector<std::optional<Address>> senders;
    if (options.threads > 1) senders = recover_senders(ops, options.threads);
    BatchResult res;
    res.receipts.reserve(ops.size());
    for (std::size_t i = 0; i < ops.size(); ++i) {
        StepReceipt r;
        r.index = first_index + static_cast<std::uint32_t>(i);
        r.op_hash = op_hash(ops[i]);
        r.outcome = apply_op(state, config, ops[i], senders.empty() ? nullptr : &senders[i]);
        if (options.trace) r.post_root = state.state_root();
        (r.outcome.applied ? res.applied : res.skipped) += 1;
        res.receipts.push_back(std::move(r));
    }
    res.post_root = state.state_root();
    return res;
}

}  // namespace l2lab::rollup
