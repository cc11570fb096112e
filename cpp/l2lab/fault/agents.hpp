#pragma once
/// \file agents.hpp
/// Actors playing the fault-proof game: proposers and challengers, honest or not. Every player
/// is a TracePlayer: it believes one trace (the honest machine, or a cheater's StfVariant) and
/// plays by one rule, the honest strategy relative to what it believes:
///   - a claim is wrong when one of its values, or its stance at its right end, disagrees with
///     the believed trace; a wrong claim whose left end the player agrees with is countered once
///     (unless a claim the player agrees with already counters it): at the first point where it
///     is wrong, by a move dissecting that sub-interval with believed values, or by a step at
///     the deepest level (only when the step, checked locally against the chain, counters);
///   - a root claim (a proposal) is wrong when it differs from the believed end state;
///   - claims are resolved bottom-up once their clocks allow, games resolved, winning
///     proposals forwarded to the inbox, credits claimed.
/// An honest player therefore answers every wrong claim in time (given online time and gas),
/// whoever made it; a cheater defends its own lie consistently and loses at the one-step proof.
/// Timing, targeting and proposing are policies (virtual, overridable from Python): a clock
/// burner waits until its clock nearly runs out, a sybil is one of many cheaters, an exhaustive
/// player (tests) makes every legal move of a small game.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "l2lab/fault/game.hpp"
#include "l2lab/fault/trace.hpp"
#include "l2lab/fault/variant.hpp"
#include "l2lab/sim/actor.hpp"
#include "l2lab/sim/world.hpp"

namespace l2lab::fault {

/// Where a fault-proof rollup lives.
struct Deployment {
    Address inbox;
    Address games;  ///< the DisputeGameContract
    GameConfig config;
};

/// Traces a player believes, computed from the chain and cached: the end state (and L2 state) of
/// L1 blocks it was asked about, and the trace of each game it plays.
class TraceBook {
public:
    /// `variant`: the cheat applied to every trace (nullptr: honest); must outlive the book.
    TraceBook(const Deployment& deployment, const StfVariant* variant = nullptr);
    // Its traces read its chain source: it stays where it was built.
    TraceBook(const TraceBook&) = delete;
    TraceBook& operator=(const TraceBook&) = delete;
    /// Read new chain data.
    void sync(const l1::Chain& chain);
    /// The believed end state of L1 block `block` (0 = genesis state). MissingData when the
    /// machine cannot get there (withheld data).
    const MachineState& end_state(std::uint64_t block);
    /// The believed trace of a game (anchored at its parent's block end), nullptr when the game's
    /// anchor is not what this book believes (it plays no part in that game) or when data is
    /// missing.
    std::shared_ptr<const Trace> game_trace(const GameInfo& game, const l1::Chain& chain);
    /// A trace from the believed end of `from_block` (0 = genesis) to the end of `to_block`.
    std::shared_ptr<const Trace> trace_between(std::uint64_t from_block, std::uint64_t to_block);
    ChainSource& source() noexcept { return m_source; }
    const StfVariant* variant() const noexcept { return m_variant; }
    /// Forget every cached trace (a crash): they are recomputed from the chain on demand.
    void clear();

private:
    struct End {
        MachineState state;
        std::shared_ptr<const Trace> trace;  // ends at this block (nullptr: genesis)
    };
    const End& end(std::uint64_t block);

    Deployment m_deployment;
    const StfVariant* m_variant;
    ChainSource m_source;
    std::map<std::uint64_t, End> m_ends;
    std::map<std::uint64_t, std::shared_ptr<const Trace>> m_games;  // by game index
    std::set<std::uint64_t> m_foreign;  // games whose anchor this book does not believe
};

/// What a player did (for metrics).
struct PlayerStats {
    std::uint64_t proposals = 0;
    std::uint64_t moves = 0;
    std::uint64_t steps = 0;
    std::uint64_t resolutions = 0;  ///< resolve_claim and resolve calls
    std::uint64_t forwards = 0;
    std::uint64_t credit_claims = 0;
    std::uint64_t reverted = 0;  ///< its transactions that reverted
    /// Reverted transactions by "<kind>: <revert reason>" (e.g. a race lost to another player).
    std::map<std::string, std::uint64_t> reverts;
    std::uint64_t gas_used = 0;  ///< L1 gas of its included transactions
    /// L1 gas by transaction kind ("propose", "move", "step", "resolve_claim", "resolve",
    /// "forward", "claim_credit", "prove_invalid"), reverted ones included.
    std::map<std::string, std::uint64_t> gas_by_kind;
    u256 fees_paid = 0;         ///< wei paid for them (burned + tip)
    u256 bonds_posted = 0;      ///< wei sent as bonds (by transactions that succeeded)
    u256 credits_received = 0;  ///< wei received from claim_credit
};

/// Options of a TracePlayer.
struct PlayerOptions {
    /// Propose the believed end state every this many L1 blocks (0 = never propose).
    std::uint64_t propose_every_blocks = 0;
    /// Propose for L1 block head - lag (>= 1: only past blocks can be proposed).
    std::uint64_t propose_lag_blocks = 1;
    bool challenge = true;  ///< counter wrong claims (in every game)
    bool resolve = true;    ///< resolve claims and games, forward, claim credits
    /// Resolve every resolvable claim at once, not only those whose bond it receives (others
    /// after resolve_grace_blocks when it holds a stake above them).
    bool resolve_everything = false;
    std::uint64_t resolve_grace_blocks = 2;
    /// Respond to a claim only when the player's clock has at most this many seconds left
    /// (0 = respond at once). A clock burner sets it to about one block time.
    std::uint64_t respond_when_left_seconds = 0;
    /// Gas limit of step and prove_invalid transactions.
    std::uint64_t step_gas_limit = 12'000'000;
};

/// A player (see the file comment).
class TracePlayer : public sim::Actor {
public:
    /// `variant`: what it believes (nullptr: the honest STF); must outlive the player.
    TracePlayer(std::string name,
                sim::Account account,
                Deployment deployment,
                PlayerOptions options = {},
                std::shared_ptr<const StfVariant> variant = nullptr);

    void on_block(sim::World& world, const l1::Block& block) override;

    const sim::Account& account() const noexcept { return m_account; }
    const PlayerOptions& options() const noexcept { return m_options; }
    PlayerOptions& mutable_options() noexcept { return m_options; }
    const PlayerStats& stats() const noexcept { return m_stats; }
    const Deployment& deployment() const noexcept { return m_deployment; }
    TraceBook& book() noexcept { return m_book; }
    /// Game indices it proposed.
    const std::vector<std::uint64_t>& proposed_games() const noexcept { return m_proposed; }
    /// Forget everything it computed and every transaction in flight (a crash and restart:
    /// it rebuilds from the chain at its next block).
    void crash();
    /// World snapshots: everything it tracks (transactions in flight, stats, proposals, timing
    /// memory). Restoring also empties its trace cache, which is rebuilt from the chain.
    std::any save_state() const override;
    /// Throws InvalidArgument for a std::any not produced by save_state().
    void load_state(const std::any& state) override;

    // ---- policies (override in C++ or Python) ----
    /// Whether to play game `game` at all. Default: every game.
    virtual bool plays(const GameInfo& game) {
        (void)game;
        return true;
    }
    /// The values it posts for the k - 1 points of interval [start, start + length] of a game.
    /// Default: its trace's commitments there.
    virtual std::vector<Hash32> dissection(const GameInfo& game,
                                           std::uint64_t start,
                                           std::uint64_t length);
    /// Whether to propose now (after propose_every_blocks elapsed). Default: yes.
    virtual bool should_propose(sim::World& world) {
        (void)world;
        return true;
    }

    /// Submit a prove_invalid (non-interactive mode) against `game` now; returns the tx hash.
    /// Throws StateError when its trace of the game is unknown.
    Hash32 prove_invalid(sim::World& world, std::uint64_t game);

protected:
    /// Submit a call to the game contract unless an action with the same non-empty `key` is in
    /// flight; its receipt is accounted in stats() once included. Returns whether it was sent.
    bool send(sim::World& world,
              const Bytes& calldata,
              const u256& value,
              std::uint64_t gas_limit,
              const std::string& kind,
              const std::string& key = {});

private:
    void settle_receipts(sim::World& world);
    void maybe_propose(sim::World& world);
    void play_game(sim::World& world, const GameInfo& game);
    void resolve_game(sim::World& world,
                      const GameInfo& game,
                      const std::vector<ClaimInfo>& claims);

    Deployment m_deployment;
    sim::Account m_account;
    PlayerOptions m_options;
    std::shared_ptr<const StfVariant> m_variant;
    TraceBook m_book;
    PlayerStats m_stats;
    std::vector<std::uint64_t> m_proposed;
    std::optional<std::uint64_t> m_last_proposal_block;
    // Transactions in flight: hash -> (kind, key of the action, so it is not repeated).
    struct Pending {
        std::string kind;
        std::string key;
        u256 value;
    };
    std::map<Hash32, Pending> m_pending;
    std::set<std::string> m_in_flight;
    std::map<std::string, std::uint64_t> m_resolvable_since;  // "game:claim" -> first seen (s)
    std::set<std::string> m_given_up;  // actions that reverted for a permanent reason
    struct Memory;
};

/// A dishonest player for small games (SCENARIOS.md F3): every block it makes every legal move
/// it has not made yet against every open claim of every game (except a per-game budget): each
/// choice, with the honest dissection and with a wrong one (and for k > 2 the honest values with
/// the first one wrong), and every step that counters (checked locally). It plays both sides,
/// so honest players must win every subgame that matters however the tree grows.
class ExhaustivePlayer : public TracePlayer {
public:
    ExhaustivePlayer(std::string name,
                     sim::Account account,
                     Deployment deployment,
                     std::uint64_t max_claims_per_game = 200);
    void on_block(sim::World& world, const l1::Block& block) override;
    std::uint64_t attempted() const noexcept { return m_attempted; }

private:
    std::uint64_t m_budget;
    std::uint64_t m_attempted = 0;
    std::set<std::string> m_done;
};

/// The checks deploy_fault_proofs makes before it changes anything: config.validate() and the
/// decompression cap (see below) against `block_gas_limit`. Throws InvalidArgument.
void check_deployable(const GameConfig& config, std::uint64_t block_gas_limit);

/// Deploy the L1 side of a fault-proof rollup: an inbox whose sequencer is `sequencer`, whose only
/// root proposer is the game contract and whose finality rule is FaultProofFinality(
/// finality_delay_blocks), and the game contract (config.inbox is set to the inbox). Setup
/// actions without gas, like Chain::deploy. Throws InvalidArgument for a bad config, including a
/// decompression cap (config.machine.max_decompressed, which must equal the rollup's) whose
/// largest batch could not be opened in one L1 step (decode_gas_per_byte x max_decompressed
/// above half the block gas limit: with the defaults, caps above ~0.9 MiB; use 1 << 19 .. 1 << 20
/// bytes for a fault-proof rollup).
Deployment deploy_fault_proofs(sim::World& world,
                               const Address& sequencer,
                               GameConfig config,
                               std::uint64_t finality_delay_blocks,
                               const Address& deployer);

}  // namespace l2lab::fault
