#pragma once
/// \file game.hpp
/// The fault-proof contract on L1: permissionless bonded proposals, each of which is a dispute
/// game over the derivation-machine trace (machine.hpp) from its parent proposal's end state to
/// its own; bisection (or k-ary dissection) down to one step, re-executed on L1 from a
/// OneStepProof; chess clocks; bonds per depth; bottom-up resolution; credits; forwarding of
/// winning roots into the rollup inbox's root registry; and a non-interactive mode that
/// re-executes a whole proposal in one transaction.
///
/// Game model (binary: OP Stack's FaultDisputeGame; k-ary: its generalisation):
///   A proposal for L1 block B claims the machine state at the end of B (its root claim, depth 0)
///   and a trace length N; the game spans positions [0, L], L = k^D with D the least depth >= 1
///   such that k^D >= N. Position 0 holds the anchor: the parent proposal's claimed end state
///   (agreed by everyone who plays this game), or the genesis state. Positions past the end of
///   the trace repeat the final state (steps there are no-ops), so N only sizes the game.
///   A move against claim P posts k - 1 values dissecting an interval:
///     - against the root (depth 0): choice 0, interval [0, L]; it says "the root is wrong";
///     - against P at depth d in 1..D-1 with interval [a, b] and values v_1..v_{k-1} at
///       a + i(b - a)/k: choice j in 0..k-1 takes the sub-interval [p_j, p_{j+1}]; the mover
///       agrees with P's value at p_j (or with what P agrees at a) and disputes P's stance at
///       p_{j+1}: P's own value v_{j+1}, or, for j = k - 1, P's stance at b.
///   A claim's stance at its right end b is a concrete value C (asserted by an ancestor) plus a
///   polarity: a child of the root says C is wrong; a child with j < k - 1 says P's v_{j+1} is
///   wrong; a child with j = k - 1 takes P's C and the opposite polarity. With k = 2 this is
///   exactly OP's attack (j = 0) and defend (j = 1).
///   Claims at depth D have intervals of length k; they are disputed by step(claim, j, proof):
///   the verifier re-executes the step p_j -> p_j + 1 from the value the claim agrees at p_j
///   (the proof carries its preimage) and the claim is countered when its stance at p_j + 1 is
///   wrong. A step that does not counter reverts.
///   Clocks (OP): a claim's clock is its team's accumulated time: the grandparent's duration plus
///   the time since the parent was posted; a move is allowed while that is below
///   max_clock_duration, and a clock with less than clock_extension left is set to exactly
///   clock_extension left. A claim resolves once its children are resolved and its challengers'
///   clock (parent's duration + time since the claim) has reached max_clock_duration: it is
///   countered iff stepped against or some child is uncountered; its bond goes to the stepper, or
///   the leftmost uncountered child's claimant (smallest choice, then earliest), or back to its
///   claimant. Resolving the root ends the game: countered = challenger wins.
///   Bonds: a claim at depth d requires exactly
///   floor(bond_base_gas * multiplier^d) * bond_gas_price wei (multiplier applied level by level
///   with a floor, in 18-decimal fixed point; OP: 400,000 gas, x1.09493, 200 gwei). Resolution
///   credits bonds; claim_credit pays them out, so a fully resolved and claimed game holds 0.
///
/// Calldata: rlp([selector, args...]):
///   0 propose(parent + 1 | 0, l1_block, end_state, trace_length)  payable: the depth-0 bond.
///       parent: a game index whose game was not won by the challenger (0: anchored at
///       genesis); l1_block < current block and > the parent's; end_state an end-of-block
///       MachineState encoding for l1_block; 1 <= trace_length, k^D <= 2^63 and D <= max_depth.
///       Records the inbox's queue and batch counts (the RecordCaps of the game).
///   1 move(game, claim, choice, [value...])     payable: the bond of the new depth.
///   2 step(game, claim, choice, proof)          a OneStepProof (proof.hpp).
///   3 resolve_claim(game, claim)
///   4 resolve(game)
///   5 forward(game)     a defender-won game whose parent was forwarded (or genesis): proposes
///                       (l1_block, state root) to the inbox, whose proposer this contract is.
///   6 claim_credit(recipient)
///   7 prove_invalid(game, proof)   non-interactive: a NonInteractiveProof re-executing the whole
///                       trace from the anchor; if the result differs from the root claim, the
///                       root claim is countered by the caller (as a step would).
/// Every failure reverts with a typed reason (GameError) and changes nothing.
/// Logs: topic0 = keccak256("<Name>"), topic1 = game index: "GameCreated" data rlp([l1_block,
/// root_value, trace_length, depth]); "ClaimMoved" rlp([claim, parent, choice, [values]]);
/// "ClaimStepped" rlp([claim, choice]); "ClaimResolved" rlp([claim, countered, recipient,
/// bond]); "GameResolved" rlp([status]); "RootForwarded" rlp([l1_block, state_root]).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "l2lab/core/u256.hpp"
#include "l2lab/fault/machine.hpp"
#include "l2lab/fault/proof.hpp"
#include "l2lab/fault/trace.hpp"
#include "l2lab/l1/chain.hpp"
#include "l2lab/l1/contract.hpp"
#include "l2lab/rollup/inbox.hpp"

namespace l2lab::fault {

/// Why a call to the game contract reverted. Stable names: game_error_name(), used as the
/// revert reason.
enum class GameError : std::uint8_t {
    MalformedCalldata,
    UnknownGame,
    UnknownClaim,
    BadParent,           ///< parent proposal unknown, invalid, or not older
    BadBlock,            ///< l1_block not in the past or not after the parent's
    BadEndState,         ///< not an end-of-block state for l1_block
    BadTraceLength,      ///< 0, or too deep for max_depth / 2^63 positions
    WrongBond,           ///< msg.value differs from the required bond
    NotPayable,          ///< value sent to a function that takes none
    GameOver,            ///< the game is resolved
    ClaimResolved,       ///< the claim's subgame is resolved
    BadChoice,           ///< choice out of range, or not 0 against the root
    BadValues,           ///< not exactly k - 1 values
    MaxDepth,            ///< moves against claims at the game's depth must be steps
    NotMaxDepth,         ///< steps only against claims at the game's depth
    ClockExpired,        ///< the mover's clock has run out
    DuplicateClaim,      ///< same parent, choice and values
    AlreadyCountered,    ///< a step already countered the claim
    BadPreState,         ///< the proof's pre-state is not the value agreed at that position
    InvalidProof,        ///< the proof cannot re-execute the step (data missing or mismatched)
    StepAgrees,          ///< the re-executed step agrees with the claim: nothing countered
    ClockNotExpired,     ///< the claim can still be challenged
    ChildrenUnresolved,  ///< resolve the claim's subgames first
    RootUnresolved,      ///< resolve the root claim first
    NotDefenderWin,      ///< only defender-won games are forwarded
    ParentNotForwarded,  ///< the parent proposal is not final yet (or was invalid)
    AlreadyForwarded,
    Superseded,  ///< a root for a later L1 block is already final
    NoCredit,
    ResultAgrees,  ///< non-interactive re-execution reached the root claim
};
/// Stable snake_case name, e.g. "clock_expired".
std::string_view game_error_name(GameError e);

/// Status of a game (of its root claim).
enum class GameStatus : std::uint8_t {
    InProgress = 0,
    ChallengerWins = 1,  ///< the proposal is invalid
    DefenderWins = 2,    ///< the proposal stands (forwardable once its parent is final)
};
std::string_view game_status_name(GameStatus s);

/// Immutable parameters of the fault-proof contract.
struct GameConfig {
    Address inbox;                 ///< the rollup's inbox (records; root registry proposer = us)
    MachineConfig machine;         ///< must equal the rollup's derivation parameters
    rollup::StfConfig stf;         ///< must equal the rollup's STF parameters
    std::uint32_t branching = 2;   ///< k >= 2: a move posts k - 1 values (2 = bisection)
    std::uint32_t max_depth = 63;  ///< deepest game allowed (OP: 73; l2lab also caps k^D at 2^63)
    std::uint64_t max_clock_duration = 302'400;  ///< seconds per team (OP: 3.5 days)
    std::uint64_t clock_extension = 10'800;      ///< seconds (OP: 3 hours)
    std::uint64_t bond_base_gas = 400'000;       ///< OP: 400,000 gas at depth 0
    /// Per-level bond growth, 18-decimal fixed point (OP: 1.09493).
    std::uint64_t bond_multiplier_wad = 1'094'930'000'000'000'000ull;
    u256 bond_gas_price = u256(200'000'000'000ull);  ///< wei per bond gas (OP: 200 gwei)
    /// MODELLED cost of decompressing and parsing a batch frame on L1, per byte of decoded
    /// payload (no EVM decompressor exists; OP runs this inside its VM over many steps).
    std::uint64_t decode_gas_per_byte = 16;
    /// Throws InvalidArgument for branching < 2 or > 256, max_depth 0 or > 63,
    /// clock_extension > max_clock_duration, max_clock_duration 0, multiplier < 1.
    void validate() const;
};

/// Bond in wei required for a claim at `depth`.
u256 required_bond(const GameConfig& config, std::uint32_t depth);
/// The game depth D for a trace of `trace_length` steps with branching k (least D >= 1 with
/// k^D >= trace_length); nullopt when k^D would exceed 2^63 or D > max_depth.
std::optional<std::uint32_t> game_depth(const GameConfig& config, std::uint64_t trace_length);

/// The contract.
class DisputeGameContract final : public l1::NativeContract {
public:
    /// Throws InvalidArgument when config.validate() fails.
    explicit DisputeGameContract(GameConfig config);
    std::string name() const override { return "FaultDisputeGames"; }
    Bytes call(l1::CallContext& ctx, BytesView calldata) const override;
    const GameConfig& config() const noexcept { return m_config; }

private:
    GameConfig m_config;
};

/// The inbox finality rule of a fault-proof rollup: only this contract proposes roots to the
/// inbox (it forwards a proposal once its game is won by the defender and its parent is final),
/// and a forwarded root becomes final for withdrawals `delay_blocks` L1 blocks later (OP's
/// finality delay / airgap; 0 = at once).
class FaultProofFinality final : public rollup::FinalityRule {
public:
    explicit FaultProofFinality(std::uint64_t delay_blocks) : m_delay(delay_blocks) {}
    std::string name() const override { return "fault_proof"; }
    bool is_final(l1::CallContext&,
                  std::uint64_t,
                  std::uint64_t proposed_block,
                  std::uint64_t block_number) const override {
        return block_number >= proposed_block + m_delay;
    }
    std::uint64_t delay_blocks() const noexcept { return m_delay; }

private:
    std::uint64_t m_delay;
};

/// A whole-trace proof for prove_invalid: the anchor state's preimage and one OneStepProof per
/// step (each with an empty pre_state: the contract carries the state) until the machine is
/// done. rlp([anchor_state, [step_proof...]]).
struct NonInteractiveProof {
    Bytes anchor_state;
    std::vector<OneStepProof> steps;
    Bytes encode() const;
    /// Strict inverse. Throws DecodeError (also for a step proof with a non-empty pre_state).
    static NonInteractiveProof decode(BytesView encoding);
};
/// Build it from an executed trace (every step's data; O(length^2) replay avoided by
/// re-running the trace once).
NonInteractiveProof make_noninteractive_proof(const Trace& trace);

// ---- calldata builders ----
Bytes game_propose(std::optional<std::uint64_t> parent,
                   std::uint64_t l1_block,
                   const MachineState& end_state,
                   std::uint64_t trace_length);
Bytes game_move(std::uint64_t game,
                std::uint64_t claim,
                std::uint32_t choice,
                const std::vector<Hash32>& values);
Bytes game_step(std::uint64_t game,
                std::uint64_t claim,
                std::uint32_t choice,
                const OneStepProof& proof);
Bytes game_resolve_claim(std::uint64_t game, std::uint64_t claim);
Bytes game_resolve(std::uint64_t game);
Bytes game_forward(std::uint64_t game);
Bytes game_claim_credit(const Address& recipient);
Bytes game_prove_invalid(std::uint64_t game, const NonInteractiveProof& proof);

/// Event topic0 values.
Hash32 topic_game_created();
Hash32 topic_claim_moved();
Hash32 topic_claim_stepped();
Hash32 topic_claim_resolved();
Hash32 topic_game_resolved();
Hash32 topic_root_forwarded();
Hash32 topic_credit_claimed();  ///< "CreditClaimed" (no game topic): data rlp([recipient, amount])

// ---- storage readers (no gas; for agents, tests and Python) ----
/// A game as stored.
struct GameInfo {
    std::uint64_t index = 0;
    std::optional<std::uint64_t> parent;  ///< nullopt: anchored at genesis
    std::uint64_t l1_block = 0;
    Hash32 state_root;  ///< the proposal's L2 state root
    Hash32 root_value;  ///< the root claim: commitment of the end state
    std::uint64_t trace_length = 0;
    std::uint32_t depth = 0;      ///< D
    std::uint64_t positions = 0;  ///< L = k^D
    RecordCaps caps;
    std::uint64_t created_block = 0;
    std::uint64_t created_time = 0;  ///< seconds
    GameStatus status = GameStatus::InProgress;
    std::uint64_t resolved_time = 0;
    bool forwarded = false;
    std::uint64_t claim_count = 0;
};
/// A claim as stored, with its interval and stance derived.
struct ClaimInfo {
    std::uint64_t index = 0;
    std::optional<std::uint64_t> parent;
    Address claimant;
    u256 bond = 0;
    std::uint32_t depth = 0;
    std::uint32_t choice = 0;
    std::uint64_t start = 0;  ///< interval [start, start + length]
    std::uint64_t length = 0;
    std::vector<Hash32> values;         ///< k - 1 values (the root: its one value)
    std::uint64_t clock_duration = 0;   ///< seconds accumulated by its team
    std::uint64_t clock_timestamp = 0;  ///< when it was posted
    std::optional<Address> countered_by;
    bool resolved = false;
    std::vector<std::uint64_t> children;
};
std::uint64_t game_count(const l1::Chain& chain, const Address& contract);
/// Throws InvalidArgument for an unknown game / claim.
GameInfo read_game(const l1::Chain& chain, const Address& contract, std::uint64_t game);
ClaimInfo read_claim(const l1::Chain& chain,
                     const Address& contract,
                     std::uint64_t game,
                     std::uint64_t claim);
/// Unclaimed credit of `who` (wei).
u256 game_credit(const l1::Chain& chain, const Address& contract, const Address& who);
/// Whether a game's proposal is known invalid: its game was won by the challenger, or its
/// parent's proposal is known invalid.
bool proposal_invalid(const l1::Chain& chain, const Address& contract, std::uint64_t game);

}  // namespace l2lab::fault
