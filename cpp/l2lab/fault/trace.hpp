#pragma once
/// \file trace.hpp
/// The derivation machine run off-chain: every machine state between an end-of-block start state
/// and the end of a target L1 block, their commitments (what honest players claim) and one-step
/// proofs for any position.
#include <climits>
#include <cstdint>
#include <vector>

#include "l2lab/fault/chain_source.hpp"
#include "l2lab/fault/proof.hpp"
#include "l2lab/fault/variant.hpp"
#include "l2lab/rollup/state.hpp"

namespace l2lab::fault {

/// Which inbox records exist for a dispute: the inbox's queue and batch counts when the proposal
/// was made. Every record of an L1 block up to the proposal's target is among them, and both the
/// off-chain trace and the on-chain verifier ignore later records, so a record appended while a
/// proof is in flight cannot change a step.
struct RecordCaps {
    std::uint64_t queue_count = UINT64_MAX;
    std::uint64_t batch_count = UINT64_MAX;
    bool operator==(const RecordCaps&) const = default;
};

/// An executed trace. Position 0 is the start state; position i the state after i steps; every
/// position >= length() is the final state (the machine is done and steps are no-ops).
class Trace {
public:
    /// Run from `start` (an end-of-block state whose L2 state is `state`) to the end of L1 block
    /// `target_block` (>= start's block - 1). With a `variant` the trace is a cheater's: the
    /// variant changes the state after its steps. `source` and `variant` must outlive the
    /// trace (prove() reads the source again). Throws
    /// InvalidArgument when state's root differs from start.state_root or start is not an
    /// end-of-block state, MissingData when data the machine needs is unavailable (a withheld
    /// blob: derivation would stall).
    Trace(MachineConfig machine,
          rollup::StfConfig stf,
          ChainSource& source,
          RecordCaps caps,
          const MachineState& start,
          rollup::L2State state,
          std::uint64_t target_block,
          const StfVariant* variant = nullptr);

    std::uint64_t target_block() const noexcept { return m_target; }
    /// Number of steps until the machine is done.
    std::uint64_t length() const noexcept { return m_states.size() - 1; }
    /// The state after `position` steps (the final state beyond length()).
    const MachineState& state(std::uint64_t position) const;
    /// state(position).commitment().
    Hash32 commitment(std::uint64_t position) const;
    const MachineState& final_state() const { return m_states.back(); }
    /// The L2 state at the end (accounts, withdrawals; for withdrawal proofs).
    const rollup::L2State& final_l2_state() const noexcept { return m_final; }
    /// Kind of step i (the step from position i to i + 1); Done beyond length().
    StepKind step_kind(std::uint64_t step) const;
    /// One-step proof for the step from `position` to `position + 1` (replays the trace up to
    /// `position`; cost O(position) steps). A cheater's proof carries its own (wrong) witness:
    /// the verifier refuses it or reaches the honest post-state.
    OneStepProof prove(std::uint64_t position) const;

private:
    MachineConfig m_machine;
    rollup::StfConfig m_stf;
    ChainSource* m_source;
    RecordCaps m_caps;
    std::uint64_t m_target;
    const StfVariant* m_variant;
    rollup::L2State m_start;
    rollup::L2State m_final;
    std::vector<MachineState> m_states;
    std::vector<StepKind> m_kinds;
};

}  // namespace l2lab::fault
