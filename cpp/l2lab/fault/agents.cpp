#include "l2lab/fault/agents.hpp"

#include <algorithm>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/fault/tree.hpp"

namespace l2lab::fault {

// ---------------------------------------------------------------------------------------------
// TraceBook

TraceBook::TraceBook(const Deployment& deployment, const StfVariant* variant)
    : m_deployment(deployment),
      m_variant(variant),
      m_source(deployment.inbox, deployment.config.machine) {}

void TraceBook::sync(const l1::Chain& chain) {
    m_source.sync(chain);
}

void TraceBook::clear() {
    m_ends.clear();
    m_games.clear();
    m_foreign.clear();
}

const TraceBook::End& TraceBook::end(std::uint64_t block) {
    static const End genesis{genesis_state(), nullptr};
    if (block == 0)
        return genesis;
    if (const auto it = m_ends.find(block); it != m_ends.end())
        return it->second;
    // Continue from the latest end computed before `block`.
    std::uint64_t from = 0;
    if (auto it = m_ends.lower_bound(block); it != m_ends.begin())
        from = std::prev(it)->first;
    const End& start = from == 0 ? genesis : m_ends.at(from);
    rollup::L2State state = start.trace ? start.trace->final_l2_state().clone() : rollup::L2State();
    auto trace = std::make_shared<const Trace>(m_deployment.config.machine, m_deployment.config.stf,
                                               m_source, RecordCaps{}, start.state,
                                               std::move(state), block, m_variant);
    return m_ends[block] = End{trace->final_state(), trace};
}

const MachineState& TraceBook::end_state(std::uint64_t block) {
    return end(block).state;
}

std::shared_ptr<const Trace> TraceBook::trace_between(std::uint64_t from_block,
                                                      std::uint64_t to_block) {
    const End& start = end(from_block);
    rollup::L2State state = start.trace ? start.trace->final_l2_state().clone() : rollup::L2State();
    return std::make_shared<const Trace>(m_deployment.config.machine, m_deployment.config.stf,
                                         m_source, RecordCaps{}, start.state, std::move(state),
                                         to_block, m_variant);
}

std::shared_ptr<const Trace> TraceBook::game_trace(const GameInfo& game, const l1::Chain& chain) {
    if (const auto it = m_games.find(game.index); it != m_games.end())
        return it->second;
    if (m_foreign.count(game.index))
        return nullptr;
    std::uint64_t anchor_block = 0;
    Hash32 anchor_value = genesis_state().commitment();
    if (game.parent) {
        const GameInfo parent = read_game(chain, m_deployment.games, *game.parent);
        anchor_block = parent.l1_block;
        anchor_value = parent.root_value;
    }
    try {
        const End& start = end(anchor_block);
        if (start.state.commitment() != anchor_value) {
            m_foreign.insert(game.index);
            return nullptr;
        }
        rollup::L2State state =
            start.trace ? start.trace->final_l2_state().clone() : rollup::L2State();
        auto trace = std::make_shared<const Trace>(
            m_deployment.config.machine, m_deployment.config.stf, m_source, game.caps, start.state,
            std::move(state), game.l1_block, m_variant);
        m_games[game.index] = trace;
        return trace;
    } catch (const MissingData&) {
        return nullptr;  // data withheld: this game cannot be played from this book (yet)
    }
}

// ---------------------------------------------------------------------------------------------
// TracePlayer

namespace {

// A TreeView over claims read from the chain.
class ClaimsView final : public TreeView {
public:
    explicit ClaimsView(const std::vector<ClaimInfo>& claims) : m_claims(claims) {}
    std::optional<std::uint64_t> parent(std::uint64_t c) override { return m_claims.at(c).parent; }
    std::uint32_t choice(std::uint64_t c) override { return m_claims.at(c).choice; }
    Hash32 value(std::uint64_t c, std::uint32_t i) override { return m_claims.at(c).values.at(i); }

private:
    const std::vector<ClaimInfo>& m_claims;
};

// Where a claim is wrong relative to a trace: the first of its points 1..k (k = its right end)
// whose stance the trace contradicts, or nullopt when the claim agrees with the trace or stands
// on a left end the trace contradicts (someone else's problem).
std::optional<std::uint32_t> first_wrong_point(ClaimsView& view,
                                               const ClaimInfo& c,
                                               const Trace& trace,
                                               const GameInfo& game,
                                               std::uint32_t k,
                                               const Hash32& anchor) {
    if (!c.parent) {
        if (c.values.at(0) == trace.commitment(game.positions))
            return std::nullopt;
        return 1;  // the root is wrong: dissect [0, L]
    }
    if (agreed_left(view, c.index, anchor) != trace.commitment(c.start))
        return std::nullopt;
    const std::uint64_t step = c.length / k;
    for (std::uint32_t i = 1; i < k; ++i) {
        if (c.values.at(i - 1) != trace.commitment(c.start + i * step))
            return i;
    }
    const Stance s = right_stance(view, c.index, k);
    if ((s.value == trace.commitment(c.start + c.length)) != s.agrees)
        return k;
    return std::nullopt;
}

std::uint64_t duration_at(const std::vector<ClaimInfo>& claims,
                          const ClaimInfo& c,
                          std::uint64_t when,
                          std::uint64_t max) {
    const std::uint64_t base = c.parent ? claims.at(*c.parent).clock_duration : 0;
    const std::uint64_t since = when > c.clock_timestamp ? when - c.clock_timestamp : 0;
    return std::min(max, base + since);
}

}  // namespace

TracePlayer::TracePlayer(std::string name,
                         sim::Account account,
                         Deployment deployment,
                         PlayerOptions options,
                         std::shared_ptr<const StfVariant> variant)
    : sim::Actor(std::move(name)),
      m_deployment(std::move(deployment)),
      m_account(std::move(account)),
      m_options(options),
      m_variant(std::move(variant)),
      m_book(m_deployment, m_variant.get()) {}

struct TracePlayer::Memory {
    PlayerStats stats;
    std::vector<std::uint64_t> proposed;
    std::optional<std::uint64_t> last_proposal_block;
    std::map<Hash32, Pending> pending;
    std::set<std::string> in_flight;
    std::map<std::string, std::uint64_t> resolvable_since;
    std::set<std::string> given_up;
};

std::any TracePlayer::save_state() const {
    return std::make_shared<const Memory>(Memory{m_stats, m_proposed, m_last_proposal_block,
                                                 m_pending, m_in_flight, m_resolvable_since,
                                                 m_given_up});
}

void TracePlayer::load_state(const std::any& state) {
    const auto* m = std::any_cast<std::shared_ptr<const Memory>>(&state);
    if (m == nullptr || !*m)
        throw InvalidArgument("not a TracePlayer state");
    m_stats = (*m)->stats;
    m_proposed = (*m)->proposed;
    m_last_proposal_block = (*m)->last_proposal_block;
    m_pending = (*m)->pending;
    m_in_flight = (*m)->in_flight;
    m_resolvable_since = (*m)->resolvable_since;
    m_given_up = (*m)->given_up;
    m_book.clear();
}

void TracePlayer::crash() {
    m_book.clear();
    m_resolvable_since.clear();
    m_given_up.clear();
    m_pending.clear();
    m_in_flight.clear();
}

std::vector<Hash32> TracePlayer::dissection(const GameInfo& game,
                                            std::uint64_t start,
                                            std::uint64_t length) {
    std::vector<Hash32> out;
    const auto trace = m_book.game_trace(game, world()->chain());
    if (!trace)
        throw StateError("no trace for game " + std::to_string(game.index));
    const std::uint32_t k = m_deployment.config.branching;
    for (std::uint32_t i = 1; i < k; ++i)
        out.push_back(trace->commitment(start + i * (length / k)));
    return out;
}

bool TracePlayer::send(sim::World& world,
                       const Bytes& calldata,
                       const u256& value,
                       std::uint64_t gas_limit,
                       const std::string& kind,
                       const std::string& key) {
    if (!key.empty() && m_in_flight.count(key))
        return false;
    sim::TxOptions opts;
    opts.gas_limit = gas_limit;
    const auto out = world.call(m_account, m_deployment.games, calldata, value, opts);
    if (!out.accepted)
        return false;
    m_pending[out.tx_hash] = Pending{kind, key, value};
    if (!key.empty())
        m_in_flight.insert(key);
    return true;
}

void TracePlayer::settle_receipts(sim::World& world) {
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const auto look = world.chain().lookup(it->first);
        if (look.status == l1::TxLookup::Status::Pending) {
            ++it;
            continue;
        }
        if (look.receipt) {
            const auto& r = *look.receipt;
            m_stats.gas_used += r.gas_used;
            m_stats.gas_by_kind[it->second.kind] += r.gas_used;
            m_stats.fees_paid += r.fee_burned + r.priority_fee_paid;
            if (!r.success()) {
                ++m_stats.reverted;
                ++m_stats.reverts[it->second.kind + ": " + r.revert_reason];
                // A move or step that reverted for a reason time cannot change is not retried.
                static const char* const kPermanent[] = {"duplicate_claim", "already_countered",
                                                         "claim_resolved",  "game_over",
                                                         "clock_expired",   "step_agrees"};
                for (const char* reason : kPermanent) {
                    if (r.revert_reason == reason && !it->second.key.empty()) {
                        m_given_up.insert(it->second.key);
                    }
                }
            } else {
                m_stats.bonds_posted += it->second.value;  // bonds only count once accepted
                for (const auto& log : r.logs) {
                    if (log.topics.empty() || log.topics[0] != topic_credit_claimed())
                        continue;
                    const rlp::Item item = rlp::decode(log.data);
                    const auto& f = item.fields(2);
                    if (f[0].address() == m_account.address)
                        m_stats.credits_received += f[1].u256_value();
                }
            }
        }
        m_in_flight.erase(it->second.key);
        it = m_pending.erase(it);
    }
}

Hash32 TracePlayer::prove_invalid(sim::World& world, std::uint64_t game) {
    const GameInfo info = read_game(world.chain(), m_deployment.games, game);
    m_book.sync(world.chain());
    const auto trace = m_book.game_trace(info, world.chain());
    if (!trace)
        throw StateError("no trace for game " + std::to_string(game));
    const NonInteractiveProof proof = make_noninteractive_proof(*trace);
    sim::TxOptions opts;
    opts.gas_limit = world.chain().config().block_gas_limit;
    const auto out =
        world.call(m_account, m_deployment.games, game_prove_invalid(game, proof), 0, opts);
    if (!out.accepted)
        throw StateError("prove_invalid refused by the mempool: " + out.detail);
    m_pending[out.tx_hash] = Pending{"prove_invalid", "", 0};
    return out.tx_hash;
}

void TracePlayer::on_block(sim::World& world, const l1::Block& block) {
    (void)block;
    const l1::Chain& chain = world.chain();
    m_book.sync(chain);
    settle_receipts(world);
    maybe_propose(world);
    const std::uint64_t n = game_count(chain, m_deployment.games);
    for (std::uint64_t g = 0; g < n; ++g) {
        const GameInfo game = read_game(chain, m_deployment.games, g);
        if (game.status == GameStatus::InProgress) {
            play_game(world, game);
        } else if (m_options.resolve && game.status == GameStatus::DefenderWins &&
                   !game.forwarded) {
            bool parent_ok = true;
            if (game.parent)
                parent_ok = read_game(chain, m_deployment.games, *game.parent).forwarded;
            if (parent_ok && send(world, game_forward(g), 0, 400'000, "forward",
                                  "forward:" + std::to_string(g))) {
                ++m_stats.forwards;
            }
        }
    }
    if (m_options.resolve && game_credit(chain, m_deployment.games, m_account.address) > 0 &&
        send(world, game_claim_credit(m_account.address), 0, 200'000, "claim_credit", "credit")) {
        ++m_stats.credit_claims;
    }
}

void TracePlayer::maybe_propose(sim::World& world) {
    if (m_options.propose_every_blocks == 0)
        return;
    const std::uint64_t head = world.block_number();
    if (m_last_proposal_block && head < *m_last_proposal_block + m_options.propose_every_blocks) {
        return;
    }
    if (head <= m_options.propose_lag_blocks || m_in_flight.count("propose"))
        return;
    if (m_options.propose_lag_blocks == 0)
        return;
    if (!should_propose(world))
        return;
    const std::uint64_t target = head - m_options.propose_lag_blocks;
    // Parent: the newest game this player agrees with (its own proposals, or anyone's whose
    // root matches its trace) for an older block, unless it is already lost.
    const l1::Chain& chain = world.chain();
    std::optional<std::uint64_t> parent;
    std::uint64_t parent_block = 0;
    const std::uint64_t n = game_count(chain, m_deployment.games);
    try {
        for (std::uint64_t g = n; g-- > 0;) {
            const GameInfo info = read_game(chain, m_deployment.games, g);
            if (info.l1_block >= target || info.l1_block <= parent_block)
                continue;
            if (proposal_invalid(chain, m_deployment.games, g))
                continue;
            if (info.root_value != m_book.end_state(info.l1_block).commitment())
                continue;
            // Its anchor must be believed too (walk up: a believed root on a foreign parent
            // would be invalidated with it).
            bool chain_ok = true;
            for (auto p = info.parent; p; p = read_game(chain, m_deployment.games, *p).parent) {
                const GameInfo pi = read_game(chain, m_deployment.games, *p);
                if (pi.root_value != m_book.end_state(pi.l1_block).commitment())
                    chain_ok = false;
            }
            if (!chain_ok)
                continue;
            parent = g;
            parent_block = info.l1_block;
        }
        const auto trace = m_book.trace_between(parent_block, target);
        const u256 bond = required_bond(m_deployment.config, 0);
        if (send(world, game_propose(parent, target, trace->final_state(), trace->length()), bond,
                 1'000'000, "propose", "propose")) {
            ++m_stats.proposals;
            m_last_proposal_block = head;
            m_proposed.push_back(n);  // its index if included in order (checked by tests)
        }
    } catch (const MissingData&) {
        // Data withheld: an honest proposer cannot derive past it and proposes nothing.
    }
}

void TracePlayer::play_game(sim::World& world, const GameInfo& game) {
    if (!plays(game))
        return;
    const l1::Chain& chain = world.chain();
    std::vector<ClaimInfo> claims;
    claims.reserve(game.claim_count);
    for (std::uint64_t c = 0; c < game.claim_count; ++c) {
        claims.push_back(read_claim(chain, m_deployment.games, game.index, c));
    }
    const GameConfig& cfg = m_deployment.config;
    const std::uint64_t next_ts = chain.timestamp() + chain.config().block_time;
    if (m_options.challenge) {
        const auto trace = m_book.game_trace(game, chain);
        if (trace) {
            const Hash32 anchor = trace->commitment(0);
            ClaimsView view(claims);
            const std::uint32_t k = cfg.branching;
            for (const ClaimInfo& c : claims) {
                if (c.resolved || c.countered_by)
                    continue;
                const auto wrong = first_wrong_point(view, c, *trace, game, k, anchor);
                if (!wrong)
                    continue;
                const std::uint32_t j = c.parent ? *wrong - 1 : 0;
                // Already countered by a claim this player agrees with?
                bool answered = false;
                for (std::uint64_t ch : c.children) {
                    const ClaimInfo& child = claims.at(ch);
                    if (child.countered_by || child.choice != j)
                        continue;
                    if (!first_wrong_point(view, child, *trace, game, k, anchor) &&
                        agreed_left(view, ch, anchor) == trace->commitment(child.start)) {
                        answered = true;
                        break;
                    }
                }
                if (answered)
                    continue;
                const std::string key = std::to_string(game.index) + ":" + std::to_string(c.index) +
                                        ":" + std::to_string(j);
                const std::uint64_t used = duration_at(claims, c, next_ts, cfg.max_clock_duration);
                if (used >= cfg.max_clock_duration)
                    continue;  // too late
                const std::uint64_t left = cfg.max_clock_duration - used;
                const std::uint64_t guard = 2 * chain.config().block_time;
                if (m_options.respond_when_left_seconds > 0 &&
                    left > std::max(m_options.respond_when_left_seconds, guard)) {
                    continue;  // a clock burner waits
                }
                if (c.depth < game.depth) {
                    const std::uint64_t sub_len = c.parent ? c.length / k : game.positions;
                    const std::uint64_t sub_start = c.parent ? c.start + j * sub_len : 0;
                    const u256 bond = required_bond(cfg, c.depth + 1);
                    if (m_in_flight.count(key) || m_given_up.count(key))
                        continue;
                    const std::vector<Hash32> values = dissection(game, sub_start, sub_len);
                    // The same claim exists already (ours, stepped against, or a copy): posting
                    // it again would only revert as a duplicate.
                    const bool exists =
                        std::any_of(c.children.begin(), c.children.end(), [&](std::uint64_t ch) {
                            return claims.at(ch).choice == j && claims.at(ch).values == values;
                        });
                    if (exists)
                        continue;
                    if (send(world, game_move(game.index, c.index, j, values), bond, 1'000'000,
                             "move", key)) {
                        ++m_stats.moves;
                    }
                } else {
                    // Step: only when it counters, checked against the chain's records.
                    if (m_in_flight.count(key) || m_given_up.count(key))
                        continue;
                    const OneStepProof proof = trace->prove(c.start + j);
                    ChainProofHooks hooks(chain, cfg.inbox);
                    ProofSource src(proof, hooks);
                    NoMeter meter;
                    try {
                        const auto v =
                            execute_step(MachineState::decode(proof.pre_state), game.l1_block,
                                         cfg.machine, cfg.stf, src, meter, proof.witness);
                        const StepEnds ends = step_ends(view, c.index, j, k, anchor);
                        if (!step_counters(ends.post, v.post.commitment()))
                            continue;
                    } catch (const MissingData&) {
                        continue;
                    }
                    if (send(world, game_step(game.index, c.index, j, proof), 0,
                             m_options.step_gas_limit, "step", key)) {
                        ++m_stats.steps;
                    }
                }
            }
        }
    }
    if (m_options.resolve)
        resolve_game(world, game, claims);
}

void TracePlayer::resolve_game(sim::World& world,
                               const GameInfo& game,
                               const std::vector<ClaimInfo>& claims) {
    const l1::Chain& chain = world.chain();
    const GameConfig& cfg = m_deployment.config;
    const std::uint64_t next_ts = chain.timestamp() + chain.config().block_time;
    const std::uint64_t grace = m_options.resolve_grace_blocks * chain.config().block_time;
    const Address& me = m_account.address;
    // Who receives a resolvable claim's bond (children already resolved).
    auto recipient = [&](const ClaimInfo& c) {
        if (c.countered_by)
            return *c.countered_by;
        std::optional<std::pair<std::uint32_t, std::uint64_t>> best;
        for (std::uint64_t ch : c.children) {
            const ClaimInfo& child = claims.at(ch);
            if (child.countered_by)
                continue;
            if (!best || child.choice < best->first)
                best = std::make_pair(child.choice, ch);
        }
        return best ? claims.at(best->second).claimant : c.claimant;
    };
    // A claim's stake holders resolve it at once; anyone with a stake further up (who needs it
    // resolved first) after a grace period, so players rarely race for the same resolution.
    auto my_stake_above = [&](const ClaimInfo& c) {
        for (auto p = c.parent; p; p = claims.at(*p).parent) {
            const ClaimInfo& a = claims.at(*p);
            if (a.claimant == me || (a.countered_by && *a.countered_by == me))
                return true;
        }
        return c.claimant == me;
    };
    bool root_done = false;
    for (const ClaimInfo& c : claims) {
        if (c.resolved) {
            if (!c.parent)
                root_done = true;
            continue;
        }
        const std::uint64_t base = c.parent ? claims.at(*c.parent).clock_duration : 0;
        if (base + (next_ts - std::min(next_ts, c.clock_timestamp)) < cfg.max_clock_duration) {
            continue;  // still challengeable
        }
        const bool children_done =
            std::all_of(c.children.begin(), c.children.end(),
                        [&](std::uint64_t ch) { return claims.at(ch).resolved; });
        if (!children_done)
            continue;
        // When this player first saw it resolvable (a restart forgets, and waits again).
        const std::string seen = std::to_string(game.index) + ":" + std::to_string(c.index);
        const std::uint64_t since = m_resolvable_since.emplace(seen, next_ts).first->second;
        const bool mine = recipient(c) == me;
        const bool waited = next_ts >= since + grace;
        if (!(mine || m_options.resolve_everything || (waited && my_stake_above(c))))
            continue;
        const std::string key =
            "resolve:" + std::to_string(game.index) + ":" + std::to_string(c.index);
        const std::uint64_t gas = 200'000 + 10'000 * c.children.size();
        if (send(world, game_resolve_claim(game.index, c.index), 0, gas, "resolve_claim", key)) {
            ++m_stats.resolutions;
        }
    }
    if (root_done) {
        const ClaimInfo& root = claims.at(0);
        const bool mine = root.countered_by ? *root.countered_by == me : root.claimant == me;
        if ((mine || m_options.resolve_everything) &&
            send(world, game_resolve(game.index), 0, 200'000, "resolve",
                 "resolve_game:" + std::to_string(game.index))) {
            ++m_stats.resolutions;
        }
    }
}

ExhaustivePlayer::ExhaustivePlayer(std::string name,
                                   sim::Account account,
                                   Deployment deployment,
                                   std::uint64_t max_claims_per_game)
    : TracePlayer(std::move(name),
                  std::move(account),
                  std::move(deployment),
                  [] {
                      PlayerOptions o;
                      o.challenge = false;  // its moves come from on_block below
                      return o;
                  }()),
      m_budget(max_claims_per_game) {}

void ExhaustivePlayer::on_block(sim::World& world, const l1::Block& block) {
    TracePlayer::on_block(world, block);  // resolution and credits
    const l1::Chain& chain = world.chain();
    const GameConfig& cfg = deployment().config;
    const std::uint32_t k = cfg.branching;
    const std::uint64_t next_ts = chain.timestamp() + chain.config().block_time;
    const std::uint64_t n = game_count(chain, deployment().games);
    for (std::uint64_t gi = 0; gi < n; ++gi) {
        const GameInfo game = read_game(chain, deployment().games, gi);
        if (game.status != GameStatus::InProgress)
            continue;
        const auto trace = book().game_trace(game, chain);
        if (!trace)
            continue;
        std::vector<ClaimInfo> claims;
        for (std::uint64_t c = 0; c < game.claim_count; ++c) {
            claims.push_back(read_claim(chain, deployment().games, gi, c));
        }
        ClaimsView view(claims);
        const Hash32 anchor = trace->commitment(0);
        std::uint64_t made = game.claim_count;
        for (const ClaimInfo& c : claims) {
            if (c.resolved || c.countered_by)
                continue;
            if (duration_at(claims, c, next_ts, cfg.max_clock_duration) +
                    chain.config().block_time >=
                cfg.max_clock_duration) {
                continue;
            }
            const std::uint32_t choices = c.parent ? k : 1;
            for (std::uint32_t j = 0; j < choices; ++j) {
                const std::string base =
                    std::to_string(gi) + ":" + std::to_string(c.index) + ":" + std::to_string(j);
                if (c.depth < game.depth) {
                    const std::uint64_t len = c.parent ? c.length / k : game.positions;
                    const std::uint64_t start = c.parent ? c.start + j * len : 0;
                    std::vector<Hash32> honest = dissection(game, start, len);
                    std::vector<std::vector<Hash32>> options = {honest};
                    std::vector<Hash32> bad = honest;
                    for (std::size_t i = 0; i < bad.size(); ++i) {
                        const Bytes tag = rlp::encode_u64(start + (i + 1) * (len / k));
                        Bytes pre(tag.begin(), tag.end());
                        pre.push_back(0xba);
                        bad[i] = crypto::keccak256(pre);
                    }
                    options.push_back(bad);
                    if (k > 2) {
                        std::vector<Hash32> mixed = honest;
                        mixed[0] = bad[0];
                        options.push_back(mixed);
                    }
                    for (std::size_t o = 0; o < options.size(); ++o) {
                        const std::string key = base + ":" + std::to_string(o);
                        if (m_done.count(key) || made >= m_budget)
                            continue;
                        ++m_attempted;
                        if (send(world, game_move(gi, c.index, j, options[o]),
                                 required_bond(cfg, c.depth + 1), 1'000'000, "move", key)) {
                            m_done.insert(key);
                            ++made;
                        }
                    }
                } else if (!m_done.count(base)) {
                    const OneStepProof proof = trace->prove(c.start + j);
                    ChainProofHooks hooks(chain, cfg.inbox);
                    ProofSource src(proof, hooks);
                    NoMeter meter;
                    try {
                        const auto v =
                            execute_step(MachineState::decode(proof.pre_state), game.l1_block,
                                         cfg.machine, cfg.stf, src, meter, proof.witness);
                        if (!step_counters(step_ends(view, c.index, j, k, anchor).post,
                                           v.post.commitment())) {
                            continue;
                        }
                    } catch (const MissingData&) {
                        continue;
                    }
                    ++m_attempted;
                    if (send(world, game_step(gi, c.index, j, proof), 0, options().step_gas_limit,
                             "step", base)) {
                        m_done.insert(base);
                    }
                }
            }
        }
    }
}

void check_deployable(const GameConfig& config, std::uint64_t block_gas_limit) {
    config.validate();
    // Opening a batch is one step: the largest payload derivation accepts must be decodable in
    // one L1 transaction, or a sequencer could post a batch nobody can open on L1.
    const std::uint64_t per_byte = std::max<std::uint64_t>(1, config.decode_gas_per_byte);
    const std::uint64_t max_bytes = block_gas_limit / 2 / per_byte;
    if (config.machine.max_decompressed > max_bytes) {
        throw InvalidArgument("max_decompressed " +
                              std::to_string(config.machine.max_decompressed) +
                              " bytes cannot be opened in one L1 step: at " +
                              std::to_string(config.decode_gas_per_byte) +
                              " gas per decoded byte it must be at most half the block gas "
                              "limit, i.e. <= " +
                              std::to_string(max_bytes) +
                              " bytes (set the rollup's DerivationConfig.max_decompressed lower, "
                              "e.g. 512 KiB)");
    }
}

Deployment deploy_fault_proofs(sim::World& world,
                               const Address& sequencer,
                               GameConfig config,
                               std::uint64_t finality_delay_blocks,
                               const Address& deployer) {
    check_deployable(config, world.chain().config().block_gas_limit);
    l1::Chain& chain = world.chain();
    // The game contract must be the inbox's proposer and the inbox the game's: place the game
    // contract at an address fixed by the deployer and its nonce, then the inbox.
    const std::string_view label = "l2lab/fault/games";
    Bytes pre(label.begin(), label.end());
    const auto nonce = chain.next_nonce(deployer);
    pre.insert(pre.end(), deployer.bytes.begin(), deployer.bytes.end());
    for (int i = 7; i >= 0; --i)
        pre.push_back(static_cast<std::uint8_t>(nonce >> (8 * i)));
    const Hash32 h = crypto::keccak256(pre);
    const Address games = Address::from_view(BytesView(h.bytes.data() + 12, 20));
    rollup::InboxConfig ic{sequencer, games,
                           std::make_shared<FaultProofFinality>(finality_delay_blocks)};
    config.inbox = chain.deploy(std::make_shared<rollup::InboxContract>(ic), deployer);
    chain.deploy_at(games, std::make_shared<DisputeGameContract>(config));
    return {config.inbox, games, config};
}

}  // namespace l2lab::fault
