// Fault-proof benchmarks (issue: fault proofs):
//  - dispute/l2lab/<log2 steps>: a cheating proposer against one honest challenger over a
//    proposal whose trace has about 2^n steps (signed transfers in compressed batches); one
//    iteration = the whole simulation (sequencing, both players' traces, every move, the step,
//    resolution, credits). Counters: trace steps, game depth, rounds (claims on the winning
//    path = depth + 1), L1 gas and fee per side, the one-step proof's gas, blocks and simulated
//    seconds to resolution. Sizes 2^10 and 2^14 always; 2^20 when L2LAB_BENCH_FAULT_LOG2 >= 20
//    (minutes: a million signed transfers through the STF three times).
//  - noninteractive/l2lab/<txs>: prove_invalid re-executing a whole proposal of <txs>
//    transfers in one transaction: its gas and whether it fits the 30M block gas limit, next to
//    the interactive dispute's total gas for the same proposal (label vs=dispute).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "l2lab/fault/agents.hpp"
#include "l2lab/rollup/sequencer.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::fault;

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;

struct Setup {
    sim::World world{3};
    sim::Account seq_acct = world.new_account(u256(1'000'000) * kEth);
    Deployment dep;
    std::shared_ptr<rollup::Sequencer> seq;
    std::shared_ptr<TracePlayer> cheater;
    std::shared_ptr<TracePlayer> honest;

    explicit Setup(std::uint64_t transfers, bool challenge) {
        rollup::SequencerConfig scfg;
        scfg.derivation.stf.fee_recipient = seq_acct.address;
        scfg.derivation.max_decompressed = 1u << 19;  // openable in one L1 step
        scfg.max_batch_txs = 4000;
        scfg.max_batch_bytes = 400'000;
        GameConfig g;
        g.max_clock_duration = 240;
        g.clock_extension = 24;
        g.machine = {scfg.derivation.forced_window, scfg.derivation.max_decompressed};
        g.stf = scfg.derivation.stf;
        dep = deploy_fault_proofs(world, seq_acct.address, g, 0, seq_acct.address);
        scfg.derivation.inbox = dep.inbox;
        seq = std::make_shared<rollup::Sequencer>(seq_acct, scfg);
        world.add_actor(seq);
        // Four funded users pay each other.
        std::vector<crypto::PrivateKey> users;
        for (int i = 0; i < 4; ++i)
            users.push_back(crypto::PrivateKey::from_int(u256(500 + i)));
        auto alice = world.new_account(u256(1000) * kEth);
        for (const auto& u : users)
            (void)world.call(alice, dep.inbox, rollup::inbox_deposit(u.address()), kEth);
        world.run(2);
        std::vector<std::uint64_t> nonce(4, 0);
        std::vector<rollup::L2Tx> txs;
        txs.reserve(transfers);
        for (std::uint64_t i = 0; i < transfers; ++i) {
            const std::size_t from = i % 4;
            rollup::L2Tx t;
            t.chain_id = scfg.derivation.stf.chain_id;
            t.nonce = nonce[from]++;
            t.fee = 1;
            t.to = users[(from + 1) % 4].address();
            t.value = 1;
            t.sign(users[from]);
            txs.push_back(std::move(t));
        }
        (void)seq->submit_many(txs, world.block_number());
        while (seq->mempool_size() > 0)
            world.run(1);
        world.run(2);
        PlayerOptions po;
        po.propose_every_blocks = 1'000'000;
        CheatSpec cs;
        cs.kind = CheatKind::Mint;
        cs.step = transfers / 2;  // the lie starts half-way
        cs.account = users[0].address();
        cheater = std::make_shared<TracePlayer>("cheater", world.new_account(u256(1000) * kEth),
                                                dep, po, std::make_shared<Cheat>(cs));
        world.add_actor(cheater);
        PlayerOptions ho;
        ho.challenge = challenge;
        honest =
            std::make_shared<TracePlayer>("honest", world.new_account(u256(1000) * kEth), dep, ho);
        world.add_actor(honest);
        world.run(2);
    }
    GameInfo game() const { return read_game(world.chain(), dep.games, 0); }
    void run_until_resolved() {
        for (int i = 0; i < 100'000 && game().status == GameStatus::InProgress; ++i)
            world.run(1);
        world.run(4);  // credits
    }
};

void dispute(benchmark::State& state) {
    const auto log2 = static_cast<unsigned>(state.range(0));
    const char* env = std::getenv("L2LAB_BENCH_FAULT_LOG2");
    if (log2 >= 20 && (!env || std::atoi(env) < 20)) {
        state.SkipWithError("set L2LAB_BENCH_FAULT_LOG2=20 to run the 2^20-step dispute");
        return;
    }
    GameInfo g;
    PlayerStats honest, cheater;
    double sim_seconds = 0, blocks = 0;
    for (auto _ : state) {
        // Slightly fewer steps than 2^n keeps the depth at n, which is even, so the cheater makes
        // the deepest claim and the honest side must step (the one-step proof gets measured).
        // (batch openings add one step per ~4,000 transfers, hence the margin).
        const std::uint64_t n = std::uint64_t{1} << log2;
        Setup s(n - std::max<std::uint64_t>(16, n / 256), true);
        const std::uint64_t start_block = s.world.block_number();
        s.run_until_resolved();
        g = s.game();
        honest = s.honest->stats();
        cheater = s.cheater->stats();
        blocks = static_cast<double>(s.world.block_number() - start_block);
        sim_seconds = static_cast<double>(g.resolved_time - g.created_time);
        if (g.status != GameStatus::ChallengerWins)
            state.SkipWithError("the honest side lost");
    }
    state.counters["trace_steps"] = static_cast<double>(g.trace_length);
    state.counters["depth"] = g.depth;
    state.counters["rounds"] = g.depth + 1.0;
    state.counters["claims"] = static_cast<double>(g.claim_count);
    state.counters["honest_gas"] = static_cast<double>(honest.gas_used);
    state.counters["cheater_gas"] = static_cast<double>(cheater.gas_used);
    state.counters["honest_steps"] = static_cast<double>(honest.steps);
    state.counters["step_gas"] = static_cast<double>(honest.gas_by_kind["step"]);
    state.counters["move_gas"] = static_cast<double>(honest.gas_by_kind["move"]) /
                                 std::max<double>(1.0, static_cast<double>(honest.moves));
    state.counters["blocks"] = blocks;
    state.counters["seconds_to_resolution"] = sim_seconds;
}
BENCHMARK(dispute)
    ->Name("dispute/l2lab")
    ->Arg(10)
    ->Arg(14)
    ->Arg(20)
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

void noninteractive(benchmark::State& state) {
    const auto txs = static_cast<std::uint64_t>(state.range(0));
    std::uint64_t gas = 0, limit = 0, bytes = 0;
    bool fits = false;
    for (auto _ : state) {
        Setup s(txs, false);
        limit = s.world.chain().config().block_gas_limit;
        const GameInfo g = s.game();
        s.honest->book().sync(s.world.chain());
        const auto trace = s.honest->book().game_trace(g, s.world.chain());
        if (!trace) {
            state.SkipWithError("no trace");
            return;
        }
        const Bytes calldata = game_prove_invalid(0, make_noninteractive_proof(*trace));
        bytes = calldata.size();
        const std::uint64_t floor =
            std::max(l1::gas::intrinsic_gas(calldata), l1::gas::calldata_floor_gas(calldata));
        if (floor > limit) {
            gas = floor;  // a lower bound: the calldata alone exceeds a block
            fits = false;
            continue;
        }
        sim::TxOptions o;
        o.gas_limit = limit;
        const auto out = s.world.call(s.honest->account(), s.dep.games, calldata, 0, o);
        s.world.run(1);
        const auto r = s.world.chain().receipt(out.tx_hash);
        fits = r && r->success();
        gas = r ? r->gas_used : floor;  // out of gas: gas_used is the whole block
    }
    state.counters["gas"] = static_cast<double>(gas);
    state.counters["gas_per_tx"] = static_cast<double>(gas) / static_cast<double>(txs);
    state.counters["calldata_bytes"] = static_cast<double>(bytes);
    state.counters["fits_block"] = fits ? 1 : 0;
    state.counters["block_gas_limit"] = static_cast<double>(limit);
}
BENCHMARK(noninteractive)
    ->Name("noninteractive/l2lab")
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

}  // namespace
