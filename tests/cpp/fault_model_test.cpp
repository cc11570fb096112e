// RapidCheck model of the dispute game (SCENARIOS.md F4/F5): random players make random moves
// (honest or wrong values, any claim, any choice), random steps, let random time pass and try
// to resolve claims and games in random order. After every action:
//   solvency: the contract holds exactly the bonds of unresolved claims plus unclaimed credits;
//   a resolved claim or game never changes again;
// and after full bottom-up resolution and credit claims: the contract holds 0, the bonds paid
// in equal the credits paid out, and no claim is left unresolved (no bond locked).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "fault_support.hpp"
#include "l2lab/fault/agents.hpp"

using namespace l2lab;
using namespace l2lab::fault;
using fault_test::FaultRollup;

namespace {

struct Model {
    FaultRollup r;
    std::vector<sim::Account> players;
    std::unique_ptr<TraceBook> book;  // the trace reads its chain source
    std::shared_ptr<const Trace> honest;
    u256 bonds_in = 0;
    u256 credits_out = 0;
    std::map<std::pair<std::uint64_t, std::uint64_t>, ClaimInfo> resolved;  // frozen claims
    std::map<std::uint64_t, GameStatus> finished;

    Model() : r(FaultRollup::quick_config(), 5) {
        auto alice = r.world.new_account(u256(10) * fault_test::kEth);
        (void)r.world.call(alice, r.dep.inbox, rollup::inbox_deposit(r.users[0].address()),
                           fault_test::kEth);
        r.world.run(2);
        r.seq->submit(r.tx(0, r.users[1].address(), 10), r.world.block_number());
        r.seq->submit(r.tx(0, r.users[2].address(), 20), r.world.block_number());
        r.world.run(3);
        for (int i = 0; i < 3; ++i)
            players.push_back(r.world.new_account(u256(100) * fault_test::kEth));
        book = std::make_unique<TraceBook>(r.dep);
        book->sync(r.world.chain());
        honest = book->trace_between(0, r.world.block_number() - 1);
    }

    l1::Receipt call(const sim::Account& from, const Bytes& data, const u256& value = 0) {
        sim::TxOptions o;
        o.gas_limit = 5'000'000;
        const auto out = r.world.call(from, r.dep.games, data, value, o);
        RC_ASSERT(out.accepted);
        r.world.mine(1);
        const auto rec = *r.world.chain().receipt(out.tx_hash);
        if (rec.success()) {
            bonds_in += value;
            for (const auto& log : rec.logs) {
                if (!log.topics.empty() && log.topics[0] == topic_credit_claimed()) {
                    credits_out += rlp::decode(log.data).fields(2)[1].u256_value();
                }
            }
        }
        return rec;
    }

    void check() {
        const auto& chain = r.world.chain();
        u256 held = 0;
        std::set<Address> who;
        for (const auto& p : players)
            who.insert(p.address);
        const std::uint64_t n = game_count(chain, r.dep.games);
        for (std::uint64_t g = 0; g < n; ++g) {
            const GameInfo info = read_game(chain, r.dep.games, g);
            if (const auto it = finished.find(g); it != finished.end()) {
                RC_ASSERT(info.status == it->second);
            } else if (info.status != GameStatus::InProgress) {
                finished[g] = info.status;
            }
            for (std::uint64_t c = 0; c < info.claim_count; ++c) {
                const ClaimInfo ci = read_claim(chain, r.dep.games, g, c);
                who.insert(ci.claimant);
                if (!ci.resolved) {
                    held += ci.bond;
                    continue;
                }
                const auto key = std::make_pair(g, c);
                if (const auto it = resolved.find(key); it != resolved.end()) {
                    RC_ASSERT(it->second.countered_by == ci.countered_by);
                    RC_ASSERT(it->second.children == ci.children);
                } else {
                    resolved[key] = ci;
                }
            }
        }
        for (const auto& a : who)
            held += game_credit(chain, r.dep.games, a);
        RC_ASSERT(chain.balance(r.dep.games) == held);
    }

    std::vector<Hash32> values(std::uint64_t start,
                               std::uint64_t len,
                               bool truthful,
                               std::uint64_t salt) {
        const std::uint32_t k = r.dep.config.branching;
        std::vector<Hash32> v;
        for (std::uint32_t i = 1; i < k; ++i) {
            Hash32 h = honest->commitment(start + i * (len / k));
            if (!truthful)
                h.bytes[0] ^= static_cast<std::uint8_t>(1 + salt % 255);
            v.push_back(h);
        }
        return v;
    }
};

}  // namespace

RC_GTEST_PROP(FaultModel, SolventImmutableAndNothingLocked, ()) {
    Model m;
    const auto& cfg = m.r.dep.config;
    // A proposal, right or wrong.
    const bool right = *rc::gen::arbitrary<bool>();
    MachineState end = m.honest->final_state();
    if (!right)
        end.state_root.bytes[5] ^= 1;
    const std::uint64_t target = m.honest->target_block();
    RC_ASSERT(m.call(m.players[0], game_propose(std::nullopt, target, end, m.honest->length()),
                     required_bond(cfg, 0))
                  .success());
    m.check();
    const int actions = *rc::gen::inRange(5, 40);
    for (int a = 0; a < actions; ++a) {
        const auto& chain = m.r.world.chain();
        const GameInfo g = read_game(chain, m.r.dep.games, 0);
        const auto& who = m.players[*rc::gen::inRange<std::size_t>(0, m.players.size())];
        const std::uint64_t c = *rc::gen::inRange<std::uint64_t>(0, g.claim_count);
        const ClaimInfo ci = read_claim(chain, m.r.dep.games, 0, c);
        switch (*rc::gen::inRange(0, 5)) {
            case 0:
            case 1: {  // move
                const std::uint32_t k = cfg.branching;
                const std::uint32_t j = ci.parent ? *rc::gen::inRange<std::uint32_t>(0, k) : 0;
                const std::uint64_t len = ci.parent ? ci.length / k : g.positions;
                const std::uint64_t start = ci.parent ? ci.start + j * len : 0;
                (void)m.call(who,
                             game_move(0, c, j,
                                       m.values(start, len, *rc::gen::arbitrary<bool>(),
                                                static_cast<std::uint64_t>(a))),
                             required_bond(cfg, ci.depth + 1));
                break;
            }
            case 2: {  // step with an honest proof (counters only where the claim is wrong)
                if (ci.depth != g.depth)
                    break;
                const std::uint32_t j = *rc::gen::inRange<std::uint32_t>(0, cfg.branching);
                (void)m.call(who, game_step(0, c, j, m.honest->prove(ci.start + j)));
                break;
            }
            case 3:
                m.r.world.mine(*rc::gen::inRange<std::uint64_t>(1, 8));
                break;
            case 4:
                (void)m.call(
                    who, *rc::gen::arbitrary<bool>() ? game_resolve_claim(0, c) : game_resolve(0));
                break;
        }
        m.check();
    }
    // Full resolution: time runs out, claims resolve bottom-up (deepest first), the game
    // resolves, every credit is claimed.
    m.r.world.mine(cfg.max_clock_duration / 12 + 2);
    for (;;) {
        const GameInfo g = read_game(m.r.world.chain(), m.r.dep.games, 0);
        if (g.status != GameStatus::InProgress)
            break;
        bool progressed = false;
        for (std::uint64_t c = g.claim_count; c-- > 0;) {
            const ClaimInfo ci = read_claim(m.r.world.chain(), m.r.dep.games, 0, c);
            if (!ci.resolved && m.call(m.players[0], game_resolve_claim(0, c)).success()) {
                progressed = true;
            }
        }
        if (m.call(m.players[0], game_resolve(0)).success())
            progressed = true;
        RC_ASSERT(progressed);
        m.check();
    }
    // The outcome is the truth whatever happened: a right root is never lost if someone
    // defended it... here nobody was obliged to, so only check consistency with the tree.
    const ClaimInfo root = read_claim(m.r.world.chain(), m.r.dep.games, 0, 0);
    const GameInfo g = read_game(m.r.world.chain(), m.r.dep.games, 0);
    RC_ASSERT((g.status == GameStatus::ChallengerWins) == root.countered_by.has_value());
    std::set<Address> who;
    for (std::uint64_t c = 0; c < g.claim_count; ++c) {
        const ClaimInfo ci = read_claim(m.r.world.chain(), m.r.dep.games, 0, c);
        RC_ASSERT(ci.resolved);  // no bond locked
        who.insert(ci.claimant);
    }
    for (const auto& a : who) {
        if (game_credit(m.r.world.chain(), m.r.dep.games, a) > 0) {
            RC_ASSERT(m.call(m.players[0], game_claim_credit(a)).success());
        }
    }
    m.check();
    RC_ASSERT(m.r.games_balance() == 0);
    RC_ASSERT(m.bonds_in == m.credits_out);
}
