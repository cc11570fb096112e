// Rollup benchmarks.
//  - rollup_stf_transfers: signed transfers/s through apply_batch (signature recovery, nonce and
//    balance checks, state-root update at the end of the batch) with 1 and 2 recovery threads,
//    next to the raw libsecp256k1 recovery rate (secp256k1_ecdsa_recover on pre-parsed
//    signatures and precomputed digests: the crypto bound) and the STF with senders recovered
//    beforehand (its non-crypto part alone).
//  - rollup_sig_recovery: raw libsecp256k1 recovery and l2lab's recover_senders (digest + recovery
//    + address) on 1 and 2 threads: the 2-thread speed-up the machine allows.
//  - rollup_batch_encode/l2lab_<codec>/<txs>: frames encoded per second (in transfers/s) and, as
//    user counters, bytes and L1 gas per transfer for batch sizes 10..10,000 of Zipf traffic
//    (codecs none, zstd-3, brotli-9): bytes_per_tx,
//    raw_bytes_per_tx, calldata_gas_per_tx, blob_gas_per_tx, blobs): calldata gas = the frame as
//    the calldata of an L1 tx (21000 + EIP-2028 pricing, EIP-7623 floor when higher), blob gas =
//    EIP-4844 2^17 per blob of the length-prefixed frame. l2lab.bench computes the same figures
//    through the Python API and checks them against these counters.
// Items/s are reported as items_per_second (what `l2lab bench` reads); a row whose ratio belongs
// against another implementation than the operation's baseline says so in its label,
// "vs=<implementation>" (the 2-thread rows against their 1-thread row).
#include <benchmark/benchmark.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <algorithm>
#include <map>
#include <string>
#include <thread>

#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/stf.hpp"
#include "l2lab/rollup/traffic.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::rollup;

constexpr std::size_t kTransfers = 10'000;

struct Workload {
    std::vector<Op> deposits;
    std::vector<Op> txs;
};

const Workload& workload(std::size_t n) {
    static std::map<std::size_t, Workload> cache;
    auto it = cache.find(n);
    if (it != cache.end())
        return it->second;
    TrafficConfig cfg;
    cfg.accounts = 1000;
    cfg.seed = 1;
    TrafficGenerator gen(cfg);
    Workload w;
    for (const auto& a : gen.addresses())
        w.deposits.push_back(Deposit{0, Address{}, a, u256(1) << 100});
    for (auto& tx : gen.next(n))
        w.txs.push_back(std::move(tx));
    return cache.emplace(n, std::move(w)).first->second;
}

// ---- raw libsecp256k1: the crypto bound ----
struct RawSigs {
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    std::vector<secp256k1_ecdsa_recoverable_signature> sigs;
    std::vector<Hash32> digests;
    RawSigs() {
        for (const auto& op : workload(kTransfers).txs) {
            const auto& tx = std::get<L2Tx>(op);
            secp256k1_ecdsa_recoverable_signature s;
            if (!secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &s, tx.signature.data(),
                                                                     tx.signature[64])) {
                std::abort();
            }
            sigs.push_back(s);
            digests.push_back(tx.signing_hash());
        }
    }
    std::size_t recover_range(std::size_t lo, std::size_t hi) const {
        std::size_t ok = 0;
        secp256k1_pubkey pk;
        for (std::size_t i = lo; i < hi; ++i) {
            ok += static_cast<std::size_t>(
                secp256k1_ecdsa_recover(ctx, &pk, &sigs[i], digests[i].bytes.data()));
        }
        return ok;
    }
};

const RawSigs& raw() {
    static const RawSigs r;
    return r;
}

void BM_raw_recover(benchmark::State& state, unsigned threads) {
    const auto& r = raw();
    const std::size_t n = r.sigs.size();
    for (auto _ : state) {
        std::size_t ok = 0;
        if (threads == 1) {
            ok = r.recover_range(0, n);
        } else {
            std::size_t other = 0;
            std::thread t([&] { other = r.recover_range(n / 2, n); });
            ok = r.recover_range(0, n / 2);
            t.join();
            ok += other;
        }
        if (ok != n)
            state.SkipWithError("a signature did not recover");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(n * state.iterations()));
    if (threads == 2)
        state.SetLabel("vs=libsecp256k1_1thread");
}

void BM_recover_senders(benchmark::State& state, unsigned threads) {
    const auto& w = workload(kTransfers);
    for (auto _ : state)
        benchmark::DoNotOptimize(recover_senders(w.txs, threads));
    state.SetItemsProcessed(static_cast<std::int64_t>(w.txs.size() * state.iterations()));
    if (threads == 2)
        state.SetLabel("vs=l2lab_1thread");
}

// ---- the STF ----
void BM_stf(benchmark::State& state, unsigned threads) {
    const auto& w = workload(kTransfers);
    StfConfig cfg;
    for (auto _ : state) {
        state.PauseTiming();
        L2State st;
        (void)apply_batch(st, cfg, w.deposits);
        (void)st.state_root();
        state.ResumeTiming();
        const auto r = apply_batch(st, cfg, w.txs, {false, threads});
        benchmark::DoNotOptimize(r.post_root);
        if (r.applied != w.txs.size())
            state.SkipWithError("not every transfer applied");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(w.txs.size() * state.iterations()));
    if (threads == 2)
        state.SetLabel("vs=l2lab_1thread");
}

// The STF with every sender recovered beforehand: nonce/balance checks, receipts (op hash),
// account writes and the state root. What is left when the crypto is taken away.
void BM_stf_pre_recovered(benchmark::State& state) {
    const auto& w = workload(kTransfers);
    const auto senders = recover_senders(w.txs, 1);
    StfConfig cfg;
    for (auto _ : state) {
        state.PauseTiming();
        L2State st;
        (void)apply_batch(st, cfg, w.deposits);
        (void)st.state_root();
        state.ResumeTiming();
        std::size_t applied = 0;
        for (std::size_t i = 0; i < w.txs.size(); ++i) {
            benchmark::DoNotOptimize(op_hash(w.txs[i]));
            applied += apply_op(st, cfg, w.txs[i], &senders[i]).applied ? 1 : 0;
        }
        benchmark::DoNotOptimize(st.state_root());
        if (applied != w.txs.size())
            state.SkipWithError("not every transfer applied");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(w.txs.size() * state.iterations()));
}

// ---- bytes and gas per transfer ----
struct CodecCase {
    const char* name;
    Codec codec;
    int level;
};
constexpr CodecCase kCodecs[] = {{"none", Codec::None, 0},
                                 {"zstd-3", Codec::Zstd, 3},
                                 {"brotli-9", Codec::Brotli, 9}};

void BM_batch_bytes(benchmark::State& state, CodecCase codec, std::size_t n) {
    const auto& w = workload(kTransfers);
    Batch b;
    for (std::size_t i = 0; i < n; ++i)
        b.txs.push_back(std::get<L2Tx>(w.txs[i]));
    Bytes frame;
    for (auto _ : state) {
        frame = encode_batch(b, codec.codec, codec.level);
        benchmark::DoNotOptimize(frame.data());
    }
    const double per = static_cast<double>(n);
    const auto calldata_gas =
        std::max(l1::gas::intrinsic_gas(frame), l1::gas::calldata_floor_gas(frame));
    const auto blobs = (frame.size() + 4 + l1::gas::kBytesPerBlob - 1) / l1::gas::kBytesPerBlob;
    state.counters["bytes_per_tx"] = static_cast<double>(frame.size()) / per;
    state.counters["raw_bytes_per_tx"] = static_cast<double>(encode_batch_payload(b).size()) / per;
    state.counters["calldata_gas_per_tx"] = static_cast<double>(calldata_gas) / per;
    state.counters["blob_gas_per_tx"] = static_cast<double>(blobs * l1::gas::kGasPerBlob) / per;
    state.counters["blobs"] = static_cast<double>(blobs);
    state.SetItemsProcessed(static_cast<std::int64_t>(n * state.iterations()));
}

// Registered by explicit names, without benchmark arguments (which Google Benchmark would append
// to the name): <operation>/<implementation>, and rollup_batch_encode/l2lab_<codec>/<txs>.
const bool kRegistered = [] {
    const auto timed = [](const std::string& name, auto fn, auto... args) {
        benchmark::RegisterBenchmark(name.c_str(), fn, args...)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
    };
    timed("rollup_stf_transfers/libsecp256k1_recover", BM_raw_recover, 1u);
    timed("rollup_stf_transfers/l2lab_1thread", BM_stf, 1u);
    timed("rollup_stf_transfers/l2lab_2threads", BM_stf, 2u);
    timed("rollup_stf_transfers/l2lab_pre_recovered", BM_stf_pre_recovered);
    timed("rollup_sig_recovery/libsecp256k1_1thread", BM_raw_recover, 1u);
    timed("rollup_sig_recovery/libsecp256k1_2threads", BM_raw_recover, 2u);
    timed("rollup_sig_recovery/l2lab_1thread", BM_recover_senders, 1u);
    timed("rollup_sig_recovery/l2lab_2threads", BM_recover_senders, 2u);
    for (const auto& codec : kCodecs) {
        for (const std::size_t n : {10, 100, 1000, 10000}) {
            const std::string name =
                std::string("rollup_batch_encode/l2lab_") + codec.name + "/" + std::to_string(n);
            benchmark::RegisterBenchmark(name.c_str(), BM_batch_bytes, codec, n)
                ->Unit(benchmark::kMillisecond);
        }
    }
    return true;
}();
}  // namespace
