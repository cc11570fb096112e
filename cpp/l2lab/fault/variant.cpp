#include "l2lab/fault/variant.hpp"

namespace l2lab::fault {

namespace {
// Credit without overflow: a cheat never throws (a cheater's trace stays computable).
void credit(rollup::L2State& state, const Address& who, const u256& amount) {
    rollup::L2Account a = state.account(who);
    const u256 room = ~u256(0) - a.balance;
    a.balance += amount > room ? room : amount;
    state.set_account(who, a);
}
}  // namespace

std::string_view cheat_kind_name(CheatKind k) {
    switch (k) {
        case CheatKind::ApplySkipped:
            return "apply_skipped";
        case CheatKind::WrongFee:
            return "wrong_fee";
        case CheatKind::Mint:
            return "mint";
    }
    return "unknown";
}

std::string Cheat::name() const {
    std::string n(cheat_kind_name(m_spec.kind));
    if (m_spec.kind == CheatKind::ApplySkipped)
        n += ":" + std::string(rollup::skip_reason_name(m_spec.reason));
    return n;
}

void Cheat::after_step(rollup::L2State& state,
                       const rollup::StfConfig& config,
                       std::uint64_t step,
                       const rollup::Op* op,
                       const rollup::StepOutcome* outcome) const {
    const auto* tx = op ? std::get_if<rollup::L2Tx>(op) : nullptr;
    switch (m_spec.kind) {
        case CheatKind::ApplySkipped: {
            if (tx && !outcome->applied && outcome->reason == m_spec.reason &&
                tx->kind == rollup::TxKind::Transfer && tx->value != 0) {
                credit(state, tx->to, tx->value);
            }
            break;
        }
        case CheatKind::WrongFee: {
            if (tx && outcome->applied && tx->fee != 0)
                credit(state, config.fee_recipient, tx->fee);
            break;
        }
        case CheatKind::Mint:
            if (step == m_spec.step)
                credit(state, m_spec.account, m_spec.amount);
            break;
    }
}

}  // namespace l2lab::fault
