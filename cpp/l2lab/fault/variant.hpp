#pragma once
/// \file variant.hpp
/// Deviant state transition functions for dishonest proposers and challengers: the cheater runs
/// the real derivation machine and STF, and an StfVariant changes the L2 state after chosen
/// steps. Its trace is then internally consistent but wrong, exactly what a buggy or malicious
/// proposer would defend in a dispute game; the one-step proof on L1 (which always runs the real
/// STF) shows where it departs.
#include <cstdint>
#include <optional>
#include <string>

#include "l2lab/rollup/state.hpp"
#include "l2lab/rollup/stf.hpp"

namespace l2lab::fault {

/// Hook run after every step of a trace. Default: changes nothing (the honest STF).
class StfVariant {
public:
    virtual ~StfVariant() = default;
    /// Stable name for reports.
    virtual std::string name() const { return "honest"; }
    /// Called after machine step `step` of the trace (counted from the trace's start); `op`
    /// and `outcome` are set when the step applied an op with the real STF. May change `state`.
    virtual void after_step(rollup::L2State& state,
                            const rollup::StfConfig& config,
                            std::uint64_t step,
                            const rollup::Op* op,
                            const rollup::StepOutcome* outcome) const {
        (void)state, (void)config, (void)step, (void)op, (void)outcome;
    }
};

/// The cheats SCENARIOS.md names for invalid batches.
enum class CheatKind : std::uint8_t {
    ApplySkipped,  ///< a tx the STF skips with `reason` is applied anyway: `to` credited `value`
                   ///< (overspend applied, bad signature applied, wrong nonce applied, ...)
    WrongFee,      ///< the fee recipient is credited twice the fee of every applied tx
    Mint,          ///< at trace step `step`, `amount` wei appear in `account` (a tampered trace)
};
std::string_view cheat_kind_name(CheatKind k);

/// A concrete cheat.
struct CheatSpec {
    CheatKind kind = CheatKind::ApplySkipped;
    rollup::SkipReason reason = rollup::SkipReason::InsufficientBalance;  ///< ApplySkipped
    std::uint64_t step = 0;  ///< Mint: machine step after which the wei appear
    Address account;         ///< Mint
    u256 amount = 1;         ///< Mint
};

/// An StfVariant applying one CheatSpec.
class Cheat final : public StfVariant {
public:
    explicit Cheat(CheatSpec spec) : m_spec(std::move(spec)) {}
    std::string name() const override;
    void after_step(rollup::L2State& state,
                    const rollup::StfConfig& config,
                    std::uint64_t step,
                    const rollup::Op* op,
                    const rollup::StepOutcome* outcome) const override;
    const CheatSpec& spec() const noexcept { return m_spec; }

private:
    CheatSpec m_spec;
};

}  // namespace l2lab::fault
