// Rollup benchmarks: STF throughput in signed transfers/s including signature recovery and
// state-root update (1 and 2 recovery threads, next to raw recovery as the bound), and bytes and
// L1 gas per transfer for batch sizes 10..10,000 (uncompressed / zstd / brotli; calldata gas with
// EIP-2028/7623 pricing, blob gas with EIP-4844 2^17 per blob).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>

#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/stf.hpp"
#include "l2lab/rollup/traffic.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::rollup;

struct Workload {
    std::vector<Op> deposits;
    std::vector<Op> txs;
};

const Workload& workload(std::size_t n) {
    static std::map<std::size_t, Workload> cache;
    auto it = cache.find(n);
    if (it != cache.end()) return it->second;
    TrafficConfig cfg;
    cfg.accounts = 1000;
    cfg.seed = 1;
    TrafficGenerator gen(cfg);
    Workload w;
    for (const auto& a : gen.addresses()) w.deposits.push_back(Deposit{0, Address{}, a, u256(1) << 100});
    for (auto& tx : gen.next(n)) w.txs.push_back(std::move(tx));
    return cache.emplace(n, std::move(w)).first->second;
}

void BM_stf(benchmark::State& state) {
    const auto& w = workload(10'000);
    const unsigned threads = static_cast<unsigned>(state.range(0));
    StfConfig cfg;
    for (auto _ : state) {
        state.PauseTiming();
        L2State st;
        (void)apply_batch(st, cfg, w.deposits);
        state.ResumeTiming();
        const auto r = apply_batch(st, cfg, w.txs, {false, threads});
        benchmark::DoNotOptimize(r.post_root);
        if (r.applied != w.txs.size()) state.SkipWithError("not every transfer applied");
    }
    state.counters["transfers_per_s"] = benchmark::Counter(
        static_cast<double>(w.txs.size() * state.iterations()), benchmark::Counter::kIsRate);
}

void BM_recover_only(benchmark::State& state) {
    const auto& w = workload(10'000);
    for (auto _ : state) benchmark::DoNotOptimize(recover_senders(w.txs, 1));
    state.counters["recoveries_per_s"] = benchmark::Counter(
        static_cast<double>(w.txs.size() * state.iterations()), benchmark::Counter::kIsRate);
}

void BM_batch_bytes(benchmark::State& state) {
    const std::size_t n = static_cast<std::size_t>(state.range(0));
    const auto codec = static_cast<Codec>(state.range(1));
    const auto& w = workload(10'000);
    Batch b;
    for (std::size_t i = 0; i < n; ++i) b.txs.push_back(std::get<L2Tx>(w.txs[i]));
    Bytes frame;
    for (auto _ : state) {
        frame = encode_batch(b, codec, codec == Codec::Brotli ? 9 : 3);
        benchmark::DoNotOptimize(frame.data());
    }
    const double per = static_cast<double>(n);
    const auto calldata_gas = std::max(l1::gas::intrinsic_gas(frame), l1::gas::calldata_floor_gas(frame));
    const auto blobs = (frame.size() + 4 + l1::gas::kBytesPerBlob - 1) / l1::gas::kBytesPerBlob;
    state.counters["bytes_per_tx"] = static_cast<double>(frame.size()) / per;
    state.counters["raw_bytes_per_tx"] = static_cast<double>(encode_batch_payload(b).size()) / per;
    state.counters["calldata_gas_per_tx"] = static_cast<double>(calldata_gas) / per;
    state.counters["blob_gas_per_tx"] = static_cast<double>(blobs * l1::gas::kGasPerBlob) / per;
}

}  // namespace

BENCHMARK(BM_stf)->Name("rollup_stf_transfers/l2lab/1thread")->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_stf)->Name("rollup_stf_transfers/l2lab/2threads")->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_recover_only)->Name("rollup_stf_transfers/recover_only_bound")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_batch_bytes)
    ->Name("rollup_batch_bytes/l2lab")
    ->ArgsProduct({{10, 100, 1000, 10000}, {0, 1, 2}})
    ->ArgNames({"txs", "codec"})
    ->Unit(benchmark::kMillisecond);
