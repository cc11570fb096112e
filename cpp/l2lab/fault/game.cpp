#include "l2lab/fault/game.hpp"

#include <algorithm>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/fault/game_store.hpp"
#include "l2lab/fault/tree.hpp"
#include "l2lab/l1/gas.hpp"

namespace l2lab::fault {

namespace {

using store::key;

// One call's metered view of the contract's storage and the calls it makes.
class Frame final : public TreeView {
public:
    Frame(l1::CallContext& ctx, const GameConfig& config) : m_ctx(ctx), m_config(config) {}

    [[noreturn]] void fail(GameError e, const std::string& detail = {}) {
        std::string reason(game_error_name(e));
        if (!detail.empty())
            reason += ": " + detail;
        m_ctx.revert(reason);
    }
    l1::CallContext& ctx() { return m_ctx; }
    const GameConfig& config() const { return m_config; }

    u256 load(store::Field f, std::uint64_t g = 0, std::uint64_t c = 0, std::uint64_t i = 0) {
        return m_ctx.sload(key(f, g, c, i));
    }
    void put(store::Field f,
             const u256& v,
             std::uint64_t g = 0,
             std::uint64_t c = 0,
             std::uint64_t i = 0) {
        m_ctx.sstore(key(f, g, c, i), v);
    }
    std::uint64_t load64(store::Field f,
                         std::uint64_t g = 0,
                         std::uint64_t c = 0,
                         std::uint64_t i = 0) {
        return static_cast<std::uint64_t>(load(f, g, c, i));
    }

    // ---- games ----
    void require_game(std::uint64_t g) {
        if (g >= load64(store::kGames))
            fail(GameError::UnknownGame);
        m_game = g;
    }
    std::uint64_t claims() { return load64(store::kGameClaims, m_game); }
    void require_claim(std::uint64_t c) {
        if (c >= claims())
            fail(GameError::UnknownClaim);
    }
    store::Status status() { return store::Status::unpack(load(store::kGameStatus, m_game)); }
    void require_in_progress() {
        if (status().status != static_cast<std::uint8_t>(GameStatus::InProgress)) {
            fail(GameError::GameOver);
        }
    }
    std::uint32_t depth() { return store::shape_depth(load(store::kGameShape, m_game)); }
    std::uint64_t positions() { return store::shape_positions(load(store::kGameShape, m_game)); }

    // The value agreed at position 0: the parent proposal's root claim, or the genesis state.
    Hash32 anchor() {
        const std::uint64_t parent = load64(store::kGameParent, m_game);
        if (parent == 0)
            return genesis_state().commitment();
        return store::hash_of(load(store::kClaimValue, parent - 1, 0, 0));
    }

    // ---- claims (TreeView for the current game) ----
    store::Meta meta(std::uint64_t c) {
        return store::Meta::unpack(load(store::kClaimMeta, m_game, c));
    }
    std::optional<std::uint64_t> parent(std::uint64_t c) override {
        const auto m = meta(c);
        if (m.parent_plus_one == 0)
            return std::nullopt;
        return m.parent_plus_one - 1;
    }
    std::uint32_t choice(std::uint64_t c) override { return meta(c).choice; }
    Hash32 value(std::uint64_t c, std::uint32_t i) override {
        return store::hash_of(load(store::kClaimValue, m_game, c, i));
    }
    store::Owner owner(std::uint64_t c) {
        return store::Owner::unpack(load(store::kClaimOwner, m_game, c));
    }
    store::ClaimState claim_state(std::uint64_t c) {
        return store::ClaimState::unpack(load(store::kClaimStatus, m_game, c));
    }
    void set_claim_state(std::uint64_t c, const store::ClaimState& s) {
        put(store::kClaimStatus, s.pack(), m_game, c);
    }
    // Seconds the team opposing `claim` has used: its parent's clock + time since the claim.
    std::uint64_t challenger_duration(std::uint64_t c) {
        const auto p = parent(c);
        const std::uint64_t base = p ? owner(*p).duration : 0;
        const std::uint64_t since = m_ctx.timestamp() - owner(c).timestamp;
        return std::min(m_config.max_clock_duration, base + since);
    }

    void emit(const Hash32& topic, std::uint64_t g, BytesView data) {
        const Hash32 topics[2] = {topic, store::hash_of(u256(g))};
        m_ctx.emit_log(topics, data);
    }

    std::uint64_t game() const { return m_game; }
    void set_game(std::uint64_t g) { m_game = g; }

private:
    l1::CallContext& m_ctx;
    const GameConfig& m_config;
    std::uint64_t m_game = 0;
};

// Metered hooks for a ProofSource: the inbox's stored record hashes by nested calls, and the
// hashing of the proof's preimages.
class InboxHooks final : public ProofSource::Hooks {
public:
    InboxHooks(Frame& f, RecordCaps caps) : m_f(f), m_caps(caps) {}
    std::optional<Hash32> queue_hash(std::uint64_t index) override {
        if (index >= m_caps.queue_count)
            return std::nullopt;
        return fetch(rollup::inbox_queue_record(index));
    }
    std::optional<Hash32> batch_hash(std::uint64_t index) override {
        if (index >= m_caps.batch_count)
            return std::nullopt;
        return fetch(rollup::inbox_batch_record(index));
    }
    Hash32 keccak(BytesView data) override { return m_f.ctx().keccak256(data); }
    Hash32 blob_versioned_hash(BytesView trimmed) override {
        // MODELLED blob opening: hash the zero-padded blob (sha256 precompile, 60 + 12/word)
        // and derive the versioned hash (one more sha256), standing in for KZG point
        // evaluations.
        Bytes blob(l1::gas::kBytesPerBlob, 0);
        std::copy(trimmed.begin(), trimmed.end(), blob.begin());
        const Hash32 commitment = m_f.ctx().sha256(blob);
        (void)m_f.ctx().sha256(commitment.view());
        return blob_versioned_hash_of(trimmed);
    }
    void merkle_path(std::size_t siblings) override {
        m_f.ctx().charge((siblings + 1) * l1::gas::keccak_cost(65));
    }

private:
    Hash32 fetch(const Bytes& calldata) {
        const auto r = m_f.ctx().call(m_f.config().inbox, 0, calldata);
        if (!r.success() || r.return_data.size() != 32) {
            throw MissingData("inbox record unavailable: " + r.revert_reason);
        }
        return Hash32::from_view(BytesView(r.return_data.data(), 32));
    }
    Frame& m_f;
    RecordCaps m_caps;
};

class CtxMeter final : public Meter {
public:
    CtxMeter(l1::CallContext& ctx, std::uint64_t decode_gas) : m_ctx(ctx), m_decode(decode_gas) {}
    void keccak(std::size_t bytes) override { m_ctx.charge(l1::gas::keccak_cost(bytes)); }
    void charge(std::uint64_t gas) override { m_ctx.charge(gas); }
    void decoded(std::size_t, std::size_t payload) override { m_ctx.charge(m_decode * payload); }

private:
    l1::CallContext& m_ctx;
    std::uint64_t m_decode;
};

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

std::uint64_t pow_checked(std::uint64_t base, std::uint32_t exp, std::uint64_t cap) {
    std::uint64_t v = 1;
    for (std::uint32_t i = 0; i < exp; ++i) {
        if (v > cap / base)
            return 0;
        v *= base;
    }
    return v;
}

void credit(Frame& f, const Address& who, const u256& amount) {
    if (amount == 0)
        return;
    f.ctx().sstore(key(store::kCredit, who), f.ctx().sload(key(store::kCredit, who)) + amount);
}

RecordCaps game_caps(Frame& f) {
    const u256 v = f.load(store::kGameCaps, f.game());
    return {store::bits(v, 64, 64), store::bits(v, 0, 64)};
}

Hash32 run_step(Frame& f, const OneStepProof& proof, std::uint64_t target) {
    InboxHooks hooks(f, game_caps(f));
    ProofSource source(proof, hooks);
    CtxMeter meter(f.ctx(), f.config().decode_gas_per_byte);
    const MachineState pre = MachineState::decode(proof.pre_state);
    const auto r =
        execute_step(pre, target, f.config().machine, f.config().stf, source, meter, proof.witness);
    return f.ctx().keccak256(r.post.encode());
}

}  // namespace

Bytes DisputeGameContract::call(l1::CallContext& ctx, BytesView calldata) const {
    Frame f(ctx, m_config);
    rlp::Limits lim;
    lim.max_depth = 8;
    std::optional<rlp::Item> parsed;
    try {
        parsed = rlp::decode(calldata, lim);
    } catch (const DecodeError& e) {
        f.fail(GameError::MalformedCalldata, e.what());
    }
    try {
        const auto& a = parsed->items();
        if (a.empty())
            f.fail(GameError::MalformedCalldata, "empty list");
        const std::uint64_t sel = a[0].u64_value();
        auto nargs = [&](std::size_t n) {
            if (a.size() != n + 1)
                f.fail(GameError::MalformedCalldata, "wrong argument count");
        };
        auto no_value = [&] {
            if (ctx.value() != 0)
                f.fail(GameError::NotPayable);
        };
        const std::uint32_t k = m_config.branching;
        switch (sel) {
            case kPropose: {
                nargs(4);
                std::optional<std::uint64_t> parent;
                if (const std::uint64_t p1 = a[1].u64_value(); p1 != 0)
                    parent = p1 - 1;
                const std::uint64_t l1_block = a[2].u64_value();
                MachineState end;
                try {
                    end = MachineState::decode(a[3].bytes());
                } catch (const DecodeError& e) {
                    f.fail(GameError::BadEndState, e.what());
                }
                const std::uint64_t length = a[4].u64_value();
                const std::uint64_t games = f.load64(store::kGames);
                std::uint64_t parent_block = 0;
                if (parent) {
                    if (*parent >= games)
                        f.fail(GameError::BadParent, "unknown parent");
                    f.set_game(*parent);
                    if (f.status().status ==
                        static_cast<std::uint8_t>(GameStatus::ChallengerWins)) {
                        f.fail(GameError::BadParent, "the parent proposal is invalid");
                    }
                    parent_block = f.load64(store::kGameBlock, *parent);
                }
                if (l1_block >= ctx.block_number() || l1_block <= parent_block) {
                    f.fail(GameError::BadBlock);
                }
                if (!is_end_of_block(end) || end.cursor.block != l1_block + 1) {
                    f.fail(GameError::BadEndState,
                           "not the end of L1 block " + std::to_string(l1_block));
                }
                const auto depth = game_depth(m_config, length);
                if (length == 0 || !depth)
                    f.fail(GameError::BadTraceLength);
                if (ctx.value() != required_bond(m_config, 0))
                    f.fail(GameError::WrongBond);
                const std::uint64_t positions = pow_checked(k, *depth, UINT64_MAX);
                // The inbox's record counts now bound what the game's steps may read.
                const auto counts = ctx.call(m_config.inbox, 0, rollup::inbox_counts());
                if (!counts.success())
                    f.fail(GameError::MalformedCalldata, "inbox unreachable");
                const rlp::Item ci = rlp::decode(counts.return_data);
                const auto& cf = ci.fields(2);
                const std::uint64_t g = games;
                f.put(store::kGames, g + 1);
                f.set_game(g);
                f.put(store::kGameParent, parent ? *parent + 1 : 0, g);
                f.put(store::kGameBlock, l1_block, g);
                f.put(store::kGameRoot, store::word(end.state_root), g);
                f.put(store::kGameLength, length, g);
                f.put(store::kGameShape, store::pack_shape(*depth, positions), g);
                f.put(store::kGameCaps, (u256(cf[1].u64_value()) << 64) | u256(cf[0].u64_value()),
                      g);
                f.put(store::kGameCreated, (u256(ctx.block_number()) << 64) | u256(ctx.timestamp()),
                      g);
                f.put(store::kGameClaims, 1, g);
                const Hash32 value = ctx.keccak256(end.encode());
                f.put(store::kClaimMeta, store::Meta{0, 0, 0, 0}.pack(), g, 0);
                f.put(store::kClaimOwner, store::Owner{ctx.caller(), 0, ctx.timestamp()}.pack(), g,
                      0);
                f.put(store::kClaimBond, ctx.value(), g, 0);
                f.put(store::kClaimValue, store::word(value), g, 0, 0);
                rlp::ListBuilder d;
                d.add_u64(l1_block).add_hash(value).add_u64(length).add_u64(*depth);
                f.emit(topic_game_created(), g, d.finish());
                rlp::ListBuilder ret;
                ret.add_u64(g);
                return ret.finish();
            }
            case kMove: {
                nargs(4);
                const std::uint64_t g = a[1].u64_value();
                const std::uint64_t pc = a[2].u64_value();
                const std::uint64_t choice64 = a[3].u64_value();
                f.require_game(g);
                f.require_in_progress();
                f.require_claim(pc);
                const auto pmeta = f.meta(pc);
                const bool against_root = pmeta.parent_plus_one == 0;
                if (choice64 >= k || (against_root && choice64 != 0))
                    f.fail(GameError::BadChoice);
                const auto choice = static_cast<std::uint32_t>(choice64);
                const auto& vals = a[4].items();
                if (vals.size() != k - 1)
                    f.fail(GameError::BadValues);
                std::vector<Hash32> values;
                for (const auto& v : vals)
                    values.push_back(v.hash());
                const std::uint32_t game_depth_ = f.depth();
                if (pmeta.depth >= game_depth_)
                    f.fail(GameError::MaxDepth);
                if (f.claim_state(pc).resolved)
                    f.fail(GameError::ClaimResolved);
                const std::uint32_t new_depth = pmeta.depth + 1;
                if (ctx.value() != required_bond(m_config, new_depth))
                    f.fail(GameError::WrongBond);
                // Chess clock: the mover's team time is its last claim's (the grandparent's) plus
                // the time since the disputed claim was posted.
                std::uint64_t duration = f.challenger_duration(pc);
                if (duration >= m_config.max_clock_duration)
                    f.fail(GameError::ClockExpired);
                if (duration > m_config.max_clock_duration - m_config.clock_extension) {
                    duration = m_config.max_clock_duration - m_config.clock_extension;
                }
                // Interval of the new claim.
                std::uint64_t start = 0;
                if (!against_root) {
                    const std::uint64_t plen =
                        f.positions() / pow_checked(k, pmeta.depth - 1, UINT64_MAX);
                    start = pmeta.start + static_cast<std::uint64_t>(choice) * (plen / k);
                }
                rlp::ListBuilder dup;
                dup.add_u64(g).add_u64(pc).add_u64(choice);
                for (const auto& v : values)
                    dup.add_hash(v);
                const Hash32 dup_key = key(store::kDuplicate, ctx.keccak256(dup.finish()));
                if (ctx.sload(dup_key) != 0)
                    f.fail(GameError::DuplicateClaim);
                ctx.sstore(dup_key, 1);
                const std::uint64_t c = f.claims();
                f.put(store::kGameClaims, c + 1, g);
                f.put(store::kClaimMeta, store::Meta{pc + 1, new_depth, choice, start}.pack(), g,
                      c);
                f.put(store::kClaimOwner,
                      store::Owner{ctx.caller(), duration, ctx.timestamp()}.pack(), g, c);
                f.put(store::kClaimBond, ctx.value(), g, c);
                for (std::uint32_t i = 0; i < values.size(); ++i) {
                    f.put(store::kClaimValue, store::word(values[i]), g, c, i);
                }
                const std::uint64_t nchild = f.load64(store::kClaimChildren, g, pc);
                f.put(store::kClaimChild, c, g, pc, nchild);
                f.put(store::kClaimChildren, nchild + 1, g, pc);
                rlp::ListBuilder d;
                d.add_u64(c).add_u64(pc).add_u64(choice);
                rlp::ListBuilder vl;
                for (const auto& v : values)
                    vl.add_hash(v);
                d.add_encoded(vl.finish());
                f.emit(topic_claim_moved(), g, d.finish());
                rlp::ListBuilder ret;
                ret.add_u64(c);
                return ret.finish();
            }
            case kStep: {
                nargs(4);
                no_value();
                const std::uint64_t g = a[1].u64_value();
                const std::uint64_t c = a[2].u64_value();
                const std::uint64_t choice64 = a[3].u64_value();
                f.require_game(g);
                f.require_in_progress();
                f.require_claim(c);
                const auto m = f.meta(c);
                if (m.parent_plus_one == 0 || m.depth != f.depth())
                    f.fail(GameError::NotMaxDepth);
                if (choice64 >= k)
                    f.fail(GameError::BadChoice);
                const auto choice = static_cast<std::uint32_t>(choice64);
                auto st = f.claim_state(c);
                if (st.resolved)
                    f.fail(GameError::ClaimResolved);
                if (st.countered_by != Address{})
                    f.fail(GameError::AlreadyCountered);
                if (f.challenger_duration(c) >= m_config.max_clock_duration) {
                    f.fail(GameError::ClockExpired);
                }
                OneStepProof proof;
                try {
                    proof = OneStepProof::decode(a[4].bytes());
                } catch (const DecodeError& e) {
                    f.fail(GameError::InvalidProof, e.what());
                }
                const StepEnds ends = step_ends(f, c, choice, k, f.anchor());
                if (ctx.keccak256(proof.pre_state) != ends.pre)
                    f.fail(GameError::BadPreState);
                Hash32 computed;
                try {
                    computed = run_step(f, proof, f.load64(store::kGameBlock, g));
                } catch (const Error& e) {  // MissingData, or records contradicting the pre-state
                    f.fail(GameError::InvalidProof, e.what());
                }
                if (!step_counters(ends.post, computed))
                    f.fail(GameError::StepAgrees);
                st.countered_by = ctx.caller();
                f.set_claim_state(c, st);
                rlp::ListBuilder d;
                d.add_u64(c).add_u64(choice);
                f.emit(topic_claim_stepped(), g, d.finish());
                return {};
            }
            case kResolveClaim: {
                nargs(2);
                no_value();
                const std::uint64_t g = a[1].u64_value();
                const std::uint64_t c = a[2].u64_value();
                f.require_game(g);
                f.require_in_progress();
                f.require_claim(c);
                auto st = f.claim_state(c);
                if (st.resolved)
                    f.fail(GameError::ClaimResolved);
                if (f.challenger_duration(c) < m_config.max_clock_duration) {
                    f.fail(GameError::ClockNotExpired);
                }
                // Leftmost uncountered child: smallest choice, then earliest.
                const std::uint64_t n = f.load64(store::kClaimChildren, g, c);
                std::optional<std::pair<std::uint32_t, std::uint64_t>> best;
                for (std::uint64_t i = 0; i < n; ++i) {
                    const std::uint64_t child = f.load64(store::kClaimChild, g, c, i);
                    const auto cs = f.claim_state(child);
                    if (!cs.resolved)
                        f.fail(GameError::ChildrenUnresolved);
                    if (cs.countered_by != Address{})
                        continue;
                    const std::uint32_t ch = f.choice(child);
                    if (!best || ch < best->first)
                        best = std::make_pair(ch, child);
                }
                const auto own = f.owner(c);
                Address recipient = own.claimant;
                if (st.countered_by != Address{}) {
                    recipient = st.countered_by;  // stepped against
                } else if (best) {
                    recipient = f.owner(best->second).claimant;
                    st.countered_by = recipient;
                }
                st.resolved = true;
                f.set_claim_state(c, st);
                const u256 bond = f.load(store::kClaimBond, g, c);
                credit(f, recipient, bond);
                rlp::ListBuilder d;
                d.add_u64(c).add_u64(st.countered_by != Address{} ? 1 : 0).add_address(recipient);
                d.add_u256(bond);
                f.emit(topic_claim_resolved(), g, d.finish());
                return {};
            }
            case kResolve: {
                nargs(1);
                no_value();
                const std::uint64_t g = a[1].u64_value();
                f.require_game(g);
                f.require_in_progress();
                const auto root = f.claim_state(0);
                if (!root.resolved)
                    f.fail(GameError::RootUnresolved);
                store::Status s;
                s.status = static_cast<std::uint8_t>(root.countered_by != Address{}
                                                         ? GameStatus::ChallengerWins
                                                         : GameStatus::DefenderWins);
                s.resolved_time = ctx.timestamp();
                f.put(store::kGameStatus, s.pack(), g);
                rlp::ListBuilder d;
                d.add_u64(s.status);
                f.emit(topic_game_resolved(), g, d.finish());
                return {};
            }
            case kForward: {
                nargs(1);
                no_value();
                const std::uint64_t g = a[1].u64_value();
                f.require_game(g);
                auto s = f.status();
                if (s.status != static_cast<std::uint8_t>(GameStatus::DefenderWins)) {
                    f.fail(GameError::NotDefenderWin);
                }
                if (s.forwarded)
                    f.fail(GameError::AlreadyForwarded);
                const std::uint64_t parent = f.load64(store::kGameParent, g);
                if (parent != 0) {
                    f.set_game(parent - 1);
                    if (!f.status().forwarded)
                        f.fail(GameError::ParentNotForwarded);
                    f.set_game(g);
                }
                const std::uint64_t l1_block = f.load64(store::kGameBlock, g);
                const std::uint64_t last = f.load64(store::kLastForwarded);
                if (last != 0 && l1_block < last)
                    f.fail(GameError::Superseded);
                const Hash32 root = store::hash_of(f.load(store::kGameRoot, g));
                const auto r =
                    ctx.call(m_config.inbox, 0, rollup::inbox_propose_root(l1_block, root));
                if (!r.success())
                    f.fail(GameError::Superseded, r.revert_reason);
                f.put(store::kLastForwarded, l1_block + 1);
                s.forwarded = true;
                f.put(store::kGameStatus, s.pack(), g);
                rlp::ListBuilder d;
                d.add_u64(l1_block).add_hash(root);
                f.emit(topic_root_forwarded(), g, d.finish());
                return {};
            }
            case kClaimCredit: {
                nargs(1);
                no_value();
                const Address who = a[1].address();
                const Hash32 ck = key(store::kCredit, who);
                const u256 amount = ctx.sload(ck);
                if (amount == 0)
                    f.fail(GameError::NoCredit);
                ctx.sstore(ck, 0);
                ctx.transfer(who, amount);
                rlp::ListBuilder d;
                d.add_address(who).add_u256(amount);
                const Hash32 topics[1] = {topic_credit_claimed()};
                ctx.emit_log(topics, d.finish());
                return {};
            }
            case kProveInvalid: {
                nargs(2);
                no_value();
                const std::uint64_t g = a[1].u64_value();
                f.require_game(g);
                f.require_in_progress();
                auto st = f.claim_state(0);
                if (st.resolved)
                    f.fail(GameError::ClaimResolved);
                if (st.countered_by != Address{})
                    f.fail(GameError::AlreadyCountered);
                if (f.challenger_duration(0) >= m_config.max_clock_duration) {
                    f.fail(GameError::ClockExpired);
                }
                NonInteractiveProof proof;
                try {
                    proof = NonInteractiveProof::decode(a[2].bytes());
                } catch (const DecodeError& e) {
                    f.fail(GameError::InvalidProof, e.what());
                }
                if (ctx.keccak256(proof.anchor_state) != f.anchor())
                    f.fail(GameError::BadPreState);
                const std::uint64_t target = f.load64(store::kGameBlock, g);
                InboxHooks hooks(f, game_caps(f));
                CtxMeter meter(ctx, m_config.decode_gas_per_byte);
                MachineState state = MachineState::decode(proof.anchor_state);
                try {
                    for (const OneStepProof& sp : proof.steps) {
                        ProofSource source(sp, hooks);
                        const auto r = execute_step(state, target, m_config.machine, m_config.stf,
                                                    source, meter, sp.witness);
                        if (r.kind == StepKind::Done)
                            f.fail(GameError::InvalidProof, "step past the end");
                        state = r.post;
                    }
                    // The trace must be complete: the next step is a no-op.
                    OneStepProof none;
                    ProofSource source(none, hooks);
                    const auto last = execute_step(state, target, m_config.machine, m_config.stf,
                                                   source, meter, std::nullopt);
                    if (last.kind != StepKind::Done)
                        f.fail(GameError::InvalidProof, "trace incomplete");
                } catch (const Error& e) {
                    f.fail(GameError::InvalidProof, e.what());
                }
                if (ctx.keccak256(state.encode()) == f.value(0, 0))
                    f.fail(GameError::ResultAgrees);
                st.countered_by = ctx.caller();
                f.set_claim_state(0, st);
                rlp::ListBuilder d;
                d.add_u64(0).add_u64(0);
                f.emit(topic_claim_stepped(), g, d.finish());
                return {};
            }
            default:
                f.fail(GameError::MalformedCalldata, "unknown selector " + std::to_string(sel));
        }
    } catch (const DecodeError& e) {
        f.fail(GameError::MalformedCalldata, e.what());
    }
}

}  // namespace l2lab::fault
