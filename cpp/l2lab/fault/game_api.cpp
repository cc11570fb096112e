// Everything of game.hpp except the contract's call(): names, configuration, bonds, the
// non-interactive proof, calldata builders and storage readers.
#include <algorithm>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/fault/game.hpp"
#include "l2lab/fault/game_store.hpp"

namespace l2lab::fault {

std::string_view game_error_name(GameError e) {
    switch (e) {
        case GameError::MalformedCalldata:
            return "malformed_calldata";
        case GameError::UnknownGame:
            return "unknown_game";
        case GameError::UnknownClaim:
            return "unknown_claim";
        case GameError::BadParent:
            return "bad_parent";
        case GameError::BadBlock:
            return "bad_block";
        case GameError::BadEndState:
            return "bad_end_state";
        case GameError::BadTraceLength:
            return "bad_trace_length";
        case GameError::WrongBond:
            return "wrong_bond";
        case GameError::NotPayable:
            return "not_payable";
        case GameError::GameOver:
            return "game_over";
        case GameError::ClaimResolved:
            return "claim_resolved";
        case GameError::BadChoice:
            return "bad_choice";
        case GameError::BadValues:
            return "bad_values";
        case GameError::MaxDepth:
            return "max_depth";
        case GameError::NotMaxDepth:
            return "not_max_depth";
        case GameError::ClockExpired:
            return "clock_expired";
        case GameError::DuplicateClaim:
            return "duplicate_claim";
        case GameError::AlreadyCountered:
            return "already_countered";
        case GameError::BadPreState:
            return "bad_pre_state";
        case GameError::InvalidProof:
            return "invalid_proof";
        case GameError::StepAgrees:
            return "step_agrees";
        case GameError::ClockNotExpired:
            return "clock_not_expired";
        case GameError::ChildrenUnresolved:
            return "children_unresolved";
        case GameError::RootUnresolved:
            return "root_unresolved";
        case GameError::NotDefenderWin:
            return "not_defender_win";
        case GameError::ParentNotForwarded:
            return "parent_not_forwarded";
        case GameError::AlreadyForwarded:
            return "already_forwarded";
        case GameError::Superseded:
            return "superseded";
        case GameError::NoCredit:
            return "no_credit";
        case GameError::ResultAgrees:
            return "result_agrees";
    }
    return "unknown";
}

std::string_view game_status_name(GameStatus s) {
    switch (s) {
        case GameStatus::InProgress:
            return "in_progress";
        case GameStatus::ChallengerWins:
            return "challenger_wins";
        case GameStatus::DefenderWins:
            return "defender_wins";
    }
    return "unknown";
}

void GameConfig::validate() const {
    if (branching < 2 || branching > 256)
        throw InvalidArgument("branching must be in 2..256");
    if (max_depth == 0 || max_depth > 63)
        throw InvalidArgument("max_depth must be in 1..63");
    if (max_clock_duration == 0 || max_clock_duration >= (1ull << 40)) {
        throw InvalidArgument("max_clock_duration must be in 1..2^40 seconds");
    }
    if (clock_extension > max_clock_duration) {
        throw InvalidArgument("clock_extension must not exceed max_clock_duration");
    }
    if (bond_multiplier_wad < 1'000'000'000'000'000'000ull) {
        throw InvalidArgument("bond_multiplier_wad must be at least 1.0 (1e18)");
    }
    if (machine.max_decompressed == 0)
        throw InvalidArgument("max_decompressed must be > 0");
}

u256 required_bond(const GameConfig& config, std::uint32_t depth) {
    const u256 wad("1000000000000000000");
    u256 gas = config.bond_base_gas;
    for (std::uint32_t d = 0; d < depth; ++d)
        gas = gas * config.bond_multiplier_wad / wad;
    return gas * config.bond_gas_price;
}

std::optional<std::uint32_t> game_depth(const GameConfig& config, std::uint64_t trace_length) {
    if (trace_length == 0)
        return std::nullopt;
    const std::uint64_t cap = 1ull << 63;
    std::uint64_t positions = config.branching;
    std::uint32_t depth = 1;
    while (positions < trace_length) {
        if (positions > cap / config.branching)
            return std::nullopt;
        positions *= config.branching;
        ++depth;
    }
    if (positions > cap || depth > config.max_depth)
        return std::nullopt;
    return depth;
}

DisputeGameContract::DisputeGameContract(GameConfig config) : m_config(std::move(config)) {
    m_config.validate();
}

// ---- non-interactive proof ----

Bytes NonInteractiveProof::encode() const {
    rlp::ListBuilder steps_list;
    for (const auto& s : steps)
        steps_list.add_encoded(s.encode());
    rlp::ListBuilder b;
    b.add_bytes(anchor_state).add_encoded(steps_list.finish());
    return b.finish();
}

NonInteractiveProof NonInteractiveProof::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_input_bytes = 64u << 20;
    lim.max_items = 1u << 24;
    const rlp::Item top = rlp::decode(encoding, lim);
    const auto& f = top.fields(2);
    NonInteractiveProof p;
    const BytesView a = f[0].bytes();
    p.anchor_state.assign(a.begin(), a.end());
    (void)MachineState::decode(p.anchor_state);
    for (const auto& s : f[1].items()) {
        // Each step proof is decoded on its own (its pre_state must be empty here).
        const rlp::Item& sf = s;
        const auto& fields = sf.fields(7);
        if (!fields[0].bytes().empty()) {
            throw DecodeError(DecodeErrorKind::InvalidValue, fields[0].offset(),
                              "non-interactive step proofs carry no pre-state");
        }
        // Re-encode with a placeholder pre-state so OneStepProof::decode's checks apply.
        rlp::ListBuilder b;
        b.add_bytes(p.anchor_state);
        for (std::size_t i = 1; i < fields.size(); ++i)
            b.add_encoded(fields[i].encoded());
        OneStepProof step = OneStepProof::decode(b.finish());
        step.pre_state.clear();
        p.steps.push_back(std::move(step));
    }
    return p;
}

NonInteractiveProof make_noninteractive_proof(const Trace& trace) {
    NonInteractiveProof p;
    p.anchor_state = trace.state(0).encode();
    for (std::uint64_t i = 0; i < trace.length(); ++i) {
        OneStepProof s = trace.prove(i);
        s.pre_state.clear();
        p.steps.push_back(std::move(s));
    }
    return p;
}

// ---- calldata ----

namespace {
enum Selector : std::uint64_t {
    kPropose = 0,
    kMove = 1,
    kStep = 2,
    kResolveClaim = 3,
    kResolve = 4,
    kForward = 5,
    kClaimCredit = 6,
    kProveInvalid = 7,
};
Hash32 tag_hash(std::string_view s) {
    return crypto::keccak256(as_bytes(s));
}
}  // namespace

Bytes game_propose(std::optional<std::uint64_t> parent,
                   std::uint64_t l1_block,
                   const MachineState& end_state,
                   std::uint64_t trace_length) {
    rlp::ListBuilder b;
    if (parent && *parent == UINT64_MAX)
        throw InvalidArgument("parent game index out of range");
    b.add_u64(kPropose).add_u64(parent ? *parent + 1 : 0);  // 0 = anchored at genesis
    b.add_u64(l1_block).add_bytes(end_state.encode()).add_u64(trace_length);
    return b.finish();
}

Bytes game_move(std::uint64_t game,
                std::uint64_t claim,
                std::uint32_t choice,
                const std::vector<Hash32>& values) {
    rlp::ListBuilder vl;
    for (const auto& v : values)
        vl.add_hash(v);
    rlp::ListBuilder b;
    b.add_u64(kMove).add_u64(game).add_u64(claim).add_u64(choice).add_encoded(vl.finish());
    return b.finish();
}

Bytes game_step(std::uint64_t game,
                std::uint64_t claim,
                std::uint32_t choice,
                const OneStepProof& proof) {
    rlp::ListBuilder b;
    b.add_u64(kStep).add_u64(game).add_u64(claim).add_u64(choice).add_bytes(proof.encode());
    return b.finish();
}

Bytes game_resolve_claim(std::uint64_t game, std::uint64_t claim) {
    rlp::ListBuilder b;
    b.add_u64(kResolveClaim).add_u64(game).add_u64(claim);
    return b.finish();
}
Bytes game_resolve(std::uint64_t game) {
    rlp::ListBuilder b;
    b.add_u64(kResolve).add_u64(game);
    return b.finish();
}
Bytes game_forward(std::uint64_t game) {
    rlp::ListBuilder b;
    b.add_u64(kForward).add_u64(game);
    return b.finish();
}
Bytes game_claim_credit(const Address& recipient) {
    rlp::ListBuilder b;
    b.add_u64(kClaimCredit).add_address(recipient);
    return b.finish();
}
Bytes game_prove_invalid(std::uint64_t game, const NonInteractiveProof& proof) {
    rlp::ListBuilder b;
    b.add_u64(kProveInvalid).add_u64(game).add_bytes(proof.encode());
    return b.finish();
}

Hash32 topic_game_created() {
    return tag_hash("GameCreated");
}
Hash32 topic_claim_moved() {
    return tag_hash("ClaimMoved");
}
Hash32 topic_claim_stepped() {
    return tag_hash("ClaimStepped");
}
Hash32 topic_claim_resolved() {
    return tag_hash("ClaimResolved");
}
Hash32 topic_game_resolved() {
    return tag_hash("GameResolved");
}
Hash32 topic_credit_claimed() {
    return tag_hash("CreditClaimed");
}
Hash32 topic_root_forwarded() {
    return tag_hash("RootForwarded");
}

// ---- readers ----

namespace {
u256 rd(const l1::Chain& chain,
        const Address& c,
        store::Field f,
        std::uint64_t g = 0,
        std::uint64_t k = 0,
        std::uint64_t i = 0) {
    return chain.storage(c, store::key(f, g, k, i));
}
std::uint64_t rd64(const l1::Chain& chain,
                   const Address& c,
                   store::Field f,
                   std::uint64_t g = 0,
                   std::uint64_t k = 0,
                   std::uint64_t i = 0) {
    return static_cast<std::uint64_t>(rd(chain, c, f, g, k, i));
}
}  // namespace

std::uint64_t game_count(const l1::Chain& chain, const Address& contract) {
    return rd64(chain, contract, store::kGames);
}

GameInfo read_game(const l1::Chain& chain, const Address& contract, std::uint64_t game) {
    if (game >= game_count(chain, contract)) {
        throw InvalidArgument("game " + std::to_string(game) + " does not exist");
    }
    GameInfo g;
    g.index = game;
    const std::uint64_t parent = rd64(chain, contract, store::kGameParent, game);
    if (parent != 0)
        g.parent = parent - 1;
    g.l1_block = rd64(chain, contract, store::kGameBlock, game);
    g.state_root = store::hash_of(rd(chain, contract, store::kGameRoot, game));
    g.root_value = store::hash_of(rd(chain, contract, store::kClaimValue, game, 0, 0));
    g.trace_length = rd64(chain, contract, store::kGameLength, game);
    const u256 shape = rd(chain, contract, store::kGameShape, game);
    g.depth = store::shape_depth(shape);
    g.positions = store::shape_positions(shape);
    const u256 caps = rd(chain, contract, store::kGameCaps, game);
    g.caps = {store::bits(caps, 64, 64), store::bits(caps, 0, 64)};
    const u256 created = rd(chain, contract, store::kGameCreated, game);
    g.created_block = store::bits(created, 64, 64);
    g.created_time = store::bits(created, 0, 64);
    const auto st = store::Status::unpack(rd(chain, contract, store::kGameStatus, game));
    g.status = static_cast<GameStatus>(st.status);
    g.resolved_time = st.resolved_time;
    g.forwarded = st.forwarded;
    g.claim_count = rd64(chain, contract, store::kGameClaims, game);
    return g;
}

ClaimInfo read_claim(const l1::Chain& chain,
                     const Address& contract,
                     std::uint64_t game,
                     std::uint64_t claim) {
    const GameInfo g = read_game(chain, contract, game);
    if (claim >= g.claim_count) {
        throw InvalidArgument("claim " + std::to_string(claim) + " does not exist");
    }
    const auto* code = dynamic_cast<const DisputeGameContract*>(chain.contract_at(contract));
    if (code == nullptr)
        throw InvalidArgument("no dispute game contract at that address");
    const std::uint32_t k = code->config().branching;
    ClaimInfo c;
    c.index = claim;
    const auto m = store::Meta::unpack(rd(chain, contract, store::kClaimMeta, game, claim));
    if (m.parent_plus_one != 0)
        c.parent = m.parent_plus_one - 1;
    c.depth = m.depth;
    c.choice = m.choice;
    c.start = m.start;
    std::uint64_t len = g.positions;
    for (std::uint32_t d = 1; d < c.depth; ++d)
        len /= k;
    c.length = len;
    const auto o = store::Owner::unpack(rd(chain, contract, store::kClaimOwner, game, claim));
    c.claimant = o.claimant;
    c.clock_duration = o.duration;
    c.clock_timestamp = o.timestamp;
    c.bond = rd(chain, contract, store::kClaimBond, game, claim);
    const std::uint32_t nvalues = c.parent ? k - 1 : 1;
    for (std::uint32_t i = 0; i < nvalues; ++i) {
        c.values.push_back(store::hash_of(rd(chain, contract, store::kClaimValue, game, claim, i)));
    }
    const auto s = store::ClaimState::unpack(rd(chain, contract, store::kClaimStatus, game, claim));
    if (s.countered_by != Address{})
        c.countered_by = s.countered_by;
    c.resolved = s.resolved;
    const std::uint64_t n = rd64(chain, contract, store::kClaimChildren, game, claim);
    for (std::uint64_t i = 0; i < n; ++i) {
        c.children.push_back(rd64(chain, contract, store::kClaimChild, game, claim, i));
    }
    return c;
}

u256 game_credit(const l1::Chain& chain, const Address& contract, const Address& who) {
    return chain.storage(contract, store::key(store::kCredit, who));
}

bool proposal_invalid(const l1::Chain& chain, const Address& contract, std::uint64_t game) {
    std::optional<std::uint64_t> g = game;
    while (g) {
        const GameInfo info = read_game(chain, contract, *g);
        if (info.status == GameStatus::ChallengerWins)
            return true;
        g = info.parent;
    }
    return false;
}

}  // namespace l2lab::fault
