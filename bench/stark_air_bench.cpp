// STARK example-AIR benchmarks (Rescue-Prime over Goldilocks).
//  - stark_hash_chain_prove / _verify: the Winterfell/ethSTARK benchmark statement (a chain of
//    Rp64_256 hashes, 8 trace rows per hash) at 2^10, 2^13 and 2^16 trace rows ("steps", as
//    Winterfell counts them) with the default (>= 96-bit) and the 128-bit preset. Counters:
//    proof_bytes, security_bits, hashes. Same-run baseline: baseline_compute_only computes the
//    chain without proving (prove time / compute time is the proving overhead).
//    Winterfell's published figures for its Rescue hash chain (2^16 steps, 8 cores): prove 2.5 s,
//    proof 119 KB, verify 2-6 ms.
//  - stark_merkle_update_prove / _verify: leaf update with a depth-16 and depth-32 path.
//  - stark_air_eval: transition-constraint evaluation over 2^16 rows of the Fibonacci AIR written
//    in C++ (FibonacciAir, the baseline) and as data (ExprAir, what Python-defined AIRs use), and
//    of the hash-chain AIR (12 degree-8 constraints): the interpretation overhead of ExprAir.
#include <benchmark/benchmark.h>

#include "l2lab/validity/stark/expr_air.hpp"
#include "l2lab/validity/stark/fibonacci.hpp"
#include "l2lab/validity/stark/hash_chain_air.hpp"
#include "l2lab/validity/stark/merkle_air.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/verifier.hpp"

namespace {

using namespace l2lab::stark;
using rescue::Digest;

const Digest kSeed = {Fp::from_u64(1), Fp::from_u64(2), Fp::from_u64(3), Fp::from_u64(4)};

ProofOptions preset(int which) {
    return which == 0 ? ProofOptions::default_96() : ProofOptions::preset_128();
}

void stark_hash_chain_native(benchmark::State& state) {
    const auto hashes = static_cast<std::uint64_t>(state.range(0)) / rescue::kCycleLength;
    for (auto _ : state)
        benchmark::DoNotOptimize(rescue::hash_chain(kSeed, hashes));
    state.counters["hashes"] = static_cast<double>(hashes);
}

void stark_hash_chain_prove(benchmark::State& state) {
    const auto hashes = static_cast<std::uint64_t>(state.range(0)) / rescue::kCycleLength;
    const ProofOptions opts = preset(static_cast<int>(state.range(1)));
    const HashChainAir air(kSeed, rescue::hash_chain(kSeed, hashes), hashes);
    std::size_t bytes = 0;
    for (auto _ : state) {
        // Trace generation is part of proving (as in Winterfell's figures).
        const Trace trace = build_hash_chain_trace(kSeed, hashes);
        bytes = prove(air, trace, opts).encode().size();
    }
    state.counters["proof_bytes"] = static_cast<double>(bytes);
    state.counters["security_bits"] = opts.conjectured_security_bits(air.trace_length());
    state.counters["hashes"] = static_cast<double>(hashes);
}

void stark_hash_chain_verify(benchmark::State& state) {
    const auto hashes = static_cast<std::uint64_t>(state.range(0)) / rescue::kCycleLength;
    const ProofOptions opts = preset(static_cast<int>(state.range(1)));
    const HashChainAir air(kSeed, rescue::hash_chain(kSeed, hashes), hashes);
    const l2lab::Bytes proof = prove(air, build_hash_chain_trace(kSeed, hashes), opts).encode();
    for (auto _ : state) {
        const VerifyResult r = verify_encoded(air, proof, opts);
        if (!r.ok())
            state.SkipWithError("honest proof rejected");
    }
    state.counters["proof_bytes"] = static_cast<double>(proof.size());
}

std::vector<Digest> bench_path(std::size_t depth) {
    std::vector<Digest> path(depth);
    for (std::size_t k = 0; k < depth; ++k)
        path[k] = rescue::hash_chain(kSeed, k + 1);
    return path;
}

void stark_merkle_update_prove(benchmark::State& state) {
    const auto path = bench_path(static_cast<std::size_t>(state.range(0)));
    const Digest v_new = rescue::hash_chain(kSeed, 100);
    const std::uint64_t index = 0x5a5a5a5au & ((std::uint64_t{1} << path.size()) - 1);
    const MerkleUpdateAir air(make_merkle_update_statement(index, kSeed, v_new, path));
    const ProofOptions opts = ProofOptions::default_96();
    std::size_t bytes = 0;
    for (auto _ : state) {
        bytes =
            prove(air, build_merkle_update_trace(index, kSeed, v_new, path), opts).encode().size();
    }
    state.counters["proof_bytes"] = static_cast<double>(bytes);
}

void stark_merkle_update_verify(benchmark::State& state) {
    const auto path = bench_path(static_cast<std::size_t>(state.range(0)));
    const Digest v_new = rescue::hash_chain(kSeed, 100);
    const std::uint64_t index = 0x5a5a5a5au & ((std::uint64_t{1} << path.size()) - 1);
    const MerkleUpdateAir air(make_merkle_update_statement(index, kSeed, v_new, path));
    const ProofOptions opts = ProofOptions::default_96();
    const l2lab::Bytes proof =
        prove(air, build_merkle_update_trace(index, kSeed, v_new, path), opts).encode();
    for (auto _ : state) {
        if (!verify_encoded(air, proof, opts).ok())
            state.SkipWithError("honest proof rejected");
    }
    state.counters["proof_bytes"] = static_cast<double>(proof.size());
}

ExprAirSpec fib_expr_spec(std::size_t n, Fp result) {
    ExprAirSpec s;
    s.name = "fibonacci";
    s.trace_width = 2;
    s.trace_length = n;
    using O = ExprOp;
    s.nodes = {{O::Current, 0, 0}, {O::Current, 1, 0}, {O::Next, 0, 0}, {O::Next, 1, 0},
               {O::Sub, 2, 1},     {O::Add, 0, 1},     {O::Sub, 3, 5}};
    s.constraints = {4, 6};
    s.assertions = {{0, 0, Fp::one()}, {1, 0, Fp::one()}, {1, n - 1, result}};
    s.public_inputs = {result};
    return s;
}

// Evaluate every transition constraint on every row pair (what the prover does per LDE point).
void eval_rows(benchmark::State& state, const Air& air, const Trace& trace) {
    const auto periodic = air.periodic_columns();
    const std::size_t m = air.transition_degrees().size();
    std::vector<Fp> per(periodic.size()), out(m);
    std::vector<std::vector<Fp>> rows(trace.length());
    for (std::size_t r = 0; r < trace.length(); ++r)
        rows[r] = trace.row(r);
    for (auto _ : state) {
        for (std::size_t r = 0; r + 1 < trace.length(); ++r) {
            for (std::size_t j = 0; j < per.size(); ++j)
                per[j] = periodic_value(periodic[j], r);
            air.evaluate_transition(std::span<const Fp>(rows[r]), rows[r + 1], per, out);
            benchmark::DoNotOptimize(out.data());
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * (trace.length() - 1)));
}

constexpr std::size_t kEvalRows = 1u << 16;

void stark_air_eval_fibonacci_typed(benchmark::State& state) {
    eval_rows(state, FibonacciAir(kEvalRows, fibonacci_result(kEvalRows)),
              fibonacci_trace(kEvalRows));
}

void stark_air_eval_fibonacci_expr(benchmark::State& state) {
    eval_rows(state, ExprAir(fib_expr_spec(kEvalRows, fibonacci_result(kEvalRows))),
              fibonacci_trace(kEvalRows));
}

void stark_air_eval_hash_chain_typed(benchmark::State& state) {
    const std::uint64_t hashes = kEvalRows / rescue::kCycleLength;
    eval_rows(state, HashChainAir(kSeed, rescue::hash_chain(kSeed, hashes), hashes),
              build_hash_chain_trace(kSeed, hashes));
}

void chain_args(benchmark::internal::Benchmark* b) {
    for (int preset_id : {0, 1}) {
        for (int rows : {1 << 10, 1 << 13, 1 << 16})
            b->Args({rows, preset_id});
    }
    b->ArgNames({"rows", "preset128"})->Unit(benchmark::kMillisecond);
}

}  // namespace

// Names: <operation>/<implementation>; implementations not starting with "l2lab" are baselines.
BENCHMARK(stark_hash_chain_native)
    ->Name("stark_hash_chain/baseline_compute_only")
    ->Arg(1 << 10)
    ->Arg(1 << 13)
    ->Arg(1 << 16)
    ->ArgName("rows")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(stark_hash_chain_prove)
    ->Name("stark_hash_chain/l2lab_prove")
    ->Apply(chain_args)
    ->Iterations(1)
    ->Repetitions(2);
BENCHMARK(stark_hash_chain_verify)->Name("stark_hash_chain_verify/l2lab_verify")->Apply(chain_args);
BENCHMARK(stark_merkle_update_prove)
    ->Name("stark_merkle_update/l2lab_prove")
    ->Arg(16)
    ->Arg(32)
    ->ArgName("depth")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(stark_merkle_update_verify)
    ->Name("stark_merkle_update_verify/l2lab_verify")
    ->Arg(16)
    ->Arg(32)
    ->ArgName("depth")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(stark_air_eval_fibonacci_typed)
    ->Name("stark_air_eval_fibonacci/baseline_typed_air")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(stark_air_eval_fibonacci_expr)
    ->Name("stark_air_eval_fibonacci/l2lab_expr_air")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(stark_air_eval_hash_chain_typed)
    ->Name("stark_air_eval_hash_chain/l2lab_typed_air")
    ->Unit(benchmark::kMillisecond);
