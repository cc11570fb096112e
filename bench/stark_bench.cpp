// STARK benchmarks (Fibonacci AIR; the Rescue hash chain is in stark_air_bench.cpp).
//  - stark_prove/l2lab_fibonacci/<log2 rows>/<preset>: prove time; counters proof_bytes and
//    security_bits. preset 0 = default (>= 96 bits), 1 = 128-bit preset.
//  - stark_verify/l2lab_fibonacci/<log2 rows>/<preset>: verify time of that proof.
//  - stark_ntt/baseline_lde/<log2 rows>/<preset>: the same-run baseline: one coset LDE of one
//    column at the prover's domain size (the prover does 2 + composition-column LDEs, one
//    composition interpolation and the Merkle hashing on top).
// Published reference (Winterfell README, 8 cores): 2^16 Rescue steps proved in 2.5 s, 119 KB,
// verified in 2-6 ms. This machine: 2 shared cores, single-threaded prover.
#include <benchmark/benchmark.h>

#include <map>

#include "l2lab/validity/stark/fibonacci.hpp"
#include "l2lab/validity/stark/poly.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/verifier.hpp"

namespace {

using namespace l2lab::stark;

ProofOptions preset(std::int64_t p) { return p == 0 ? ProofOptions::default_96() : ProofOptions::preset_128(); }

void stark_prove_fibonacci(benchmark::State& state) {
    const std::size_t n = std::size_t{1} << state.range(0);
    const ProofOptions o = preset(state.range(1));
    const FibonacciAir air(n, fibonacci_result(n));
    const Trace trace = fibonacci_trace(n);
    std::size_t bytes = 0;
    for (auto _ : state) {
        const auto proof = prove(air, trace, o);
        bytes = proof.encode().size();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["proof_bytes"] = static_cast<double>(bytes);
    state.counters["security_bits"] = o.conjectured_security_bits(n);
}

void stark_verify_fibonacci(benchmark::State& state) {
    const std::size_t n = std::size_t{1} << state.range(0);
    const ProofOptions o = preset(state.range(1));
    const FibonacciAir air(n, fibonacci_result(n));
    const auto bytes = prove(air, fibonacci_trace(n), o).encode();
    for (auto _ : state) {
        const auto r = verify_encoded(air, bytes, o);
        if (!r.ok()) state.SkipWithError("proof rejected");
        benchmark::DoNotOptimize(r);
    }
    state.counters["proof_bytes"] = static_cast<double>(bytes.size());
}

void stark_lde_baseline(benchmark::State& state) {
    const std::size_t n = std::size_t{1} << state.range(0);
    const ProofOptions o = preset(state.range(1));
    const auto column = fibonacci_trace(n).column(1);
    for (auto _ : state) {
        auto lde = low_degree_extend(std::span<const Fp>(column), o.blowup, Fp::from_u64(7));
        benchmark::DoNotOptimize(lde.data());
    }
}

void args(benchmark::internal::Benchmark* b) {
    for (int log_n : {10, 13, 16})
        for (int p : {0, 1}) b->Args({log_n, p});
    b->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(stark_prove_fibonacci)->Name("stark_prove/l2lab_fibonacci")->Apply(args)->Iterations(1)->Repetitions(1);
BENCHMARK(stark_verify_fibonacci)->Name("stark_verify/l2lab_fibonacci")->Apply(args);
BENCHMARK(stark_lde_baseline)->Name("stark_lde/baseline_one_column")->Apply(args);
