// Validity-proof benchmarks (zk mode).
//  - validity_prove / validity_verify: the `witness` system on batches of 10, 100 and 1,000 Zipf
//    transfers over a warm set of 1,000 funded accounts (prove includes the prover's own check),
//    next to the plain STF applying the same batch (what re-execution costs at least) and the
//    `modelled` system. Counters: proof_bytes, proof_bytes_per_tx, verify_gas (the execution gas
//    an EVM verifier pays, Verdict::gas) and verify_gas_per_tx.
//  - validity_l1_gas: the whole proof transaction on a chain (inbox + verifier contract, queue
//    records, storage, root registration, calldata with EIP-2028/7623 pricing): l1_gas and
//    l1_gas_per_tx, measured on a chain whose block gas limit is raised to 10^9 so that the
//    1,000-tx witness proof fits (fits_30m says whether it fits Ethereum's 30M).
//  - zk_diff_encode: L1 bytes per transfer of the posted state diff (codec none / zstd-3 /
//    brotli-9) for 10..10,000 transfers on the warm set (registered: diffs name its accounts by
//    index), next to the tx batch of the same transfers (implementations txs_*: the optimistic
//    mode's data, the baselines). zk_diff_encode_eth_amounts: the same with ETH-scale values
//    and fees (make_traffic), whose balance changes take more bytes.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/traffic.hpp"
#include "l2lab/validity/batch_builder.hpp"
#include "l2lab/validity/modelled.hpp"
#include "l2lab/validity/witness.hpp"
#include "l2lab/validity/zk_rollup.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::rollup;
using namespace l2lab::validity;

constexpr std::size_t kAccounts = 1000;

struct Traffic {
    std::vector<Address> addresses;
    std::vector<L2Tx> txs;
    StfConfig stf{901, Address::from_hex_text("0xfee0000000000000000000000000000000000fee")};
    std::shared_ptr<const L2State> warm;
};

// eth_amounts: values uniform in [10^15, 10^18] wei (0.001 to 1 ETH, to the wei) and a fee of
// 21,000 gas at 0.1 gwei, instead of TrafficConfig's defaults (1 to 10^6 wei, fee 1 wei): the
// balance changes a diff posts then take 7-8 bytes instead of 2-3.
Traffic make_traffic(bool eth_amounts) {
    TrafficConfig cfg;
    cfg.accounts = kAccounts;
    cfg.seed = 1;
    if (eth_amounts) {
        cfg.min_value = u256(1'000'000'000'000'000ull);
        cfg.max_value = u256(1'000'000'000'000'000'000ull);
        cfg.fee = u256(2'100'000'000'000ull);
    }
    TrafficGenerator gen(cfg);
    Traffic out;
    out.addresses = gen.addresses();
    out.txs = gen.next(10'000);
    // The warm set: funded and registered (named by index in diffs), the fee recipient too.
    auto warm = std::make_shared<L2State>();
    for (const auto& a : out.addresses) {
        warm->set_account(a, {0, u256(1) << 100});
        (void)warm->register_account(a);
    }
    (void)warm->register_account(out.stf.fee_recipient);
    (void)warm->state_root();
    out.warm = warm;
    return out;
}

const Traffic& traffic(bool eth_amounts = false) {
    static const Traffic plain = make_traffic(false);
    static const Traffic eth = make_traffic(true);
    return eth_amounts ? eth : plain;
}

const PreparedBatch& prepared(std::size_t n) {
    static std::map<std::size_t, PreparedBatch> cache;
    auto it = cache.find(n);
    if (it != cache.end()) return it->second;
    const auto& t = traffic();
    std::vector<L2Tx> txs(t.txs.begin(), t.txs.begin() + static_cast<std::ptrdiff_t>(n));
    return cache.emplace(n, prepare_batch(t.warm, t.stf, 1, 0, {}, std::move(txs))).first->second;
}

void BM_prove_witness(benchmark::State& state, std::size_t n) {
    const auto& b = prepared(n);
    const WitnessProofSystem ws;
    Bytes proof;
    for (auto _ : state) {
        proof = ws.prove(b.statement, b.witness);
        benchmark::DoNotOptimize(proof.data());
    }
    const Verdict v = ws.check(b.statement, proof);
    if (!v.ok) state.SkipWithError("the honest proof did not verify");
    state.counters["proof_bytes"] = static_cast<double>(proof.size());
    state.counters["proof_bytes_per_tx"] = static_cast<double>(proof.size()) / static_cast<double>(n);
    state.counters["verify_gas"] = static_cast<double>(v.gas);
    state.counters["verify_gas_per_tx"] = static_cast<double>(v.gas) / static_cast<double>(n);
    state.SetItemsProcessed(static_cast<std::int64_t>(n * state.iterations()));
}

void BM_plain_stf(benchmark::State& state, std::size_t n) {
    const auto& b = prepared(n);
    std::vector<Op> ops(b.witness.txs.begin(), b.witness.txs.end());
    for (auto _ : state) {
        state.PauseTiming();
        L2State s = b.witness.pre_state->clone();
        (void)s.state_root();
        state.ResumeTiming();
        const auto r = apply_batch(s, traffic().stf, ops);
        benchmark::DoNotOptimize(r.post_root);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(n * state.iterations()));
}

template <typename System>
void BM_verify(benchmark::State& state, std::size_t n) {
    const auto& b = prepared(n);
    const System ps;
    const Bytes proof = ps.prove(b.statement, b.witness);
    Verdict v;
    for (auto _ : state) {
        v = ps.check(b.statement, proof);
        benchmark::DoNotOptimize(v.ok);
    }
    if (!v.ok) state.SkipWithError("rejected");
    state.counters["proof_bytes"] = static_cast<double>(proof.size());
    state.counters["verify_gas"] = static_cast<double>(v.gas);
    state.counters["verify_gas_per_tx"] = static_cast<double>(v.gas) / static_cast<double>(n);
    state.SetItemsProcessed(static_cast<std::int64_t>(n * state.iterations()));
}

// ---- the proof transaction on a chain ----
struct ChainRun {
    std::uint64_t gas_used = 0;
    std::uint64_t calldata_gas = 0;
    bool ok = false;
};

ChainRun l1_gas(std::shared_ptr<const ProofSystem> ps, std::size_t n) {
    sim::WorldConfig wc;
    wc.chain.block_gas_limit = 1'000'000'000;
    sim::World world(1, wc);
    ZkRollupConfig zc;
    zc.with_prover = false;
    zc.proof_system = ps;
    const ZkRollup z = deploy_zk_rollup(world, zc);
    const auto& t = traffic();
    const sim::Account payer = world.new_account(u256(1) << 120);
    sim::TxOptions big;
    big.gas_limit = 900'000'000;
    // Batch 0: the warm set, funded by deposits through the queue.
    for (const auto& a : t.addresses) world.call(payer, z.inbox, inbox_deposit(a), u256(1) << 100);
    world.mine(1);
    std::vector<Op> deposits;
    for (std::size_t i = 0; i < t.addresses.size(); ++i) deposits.push_back(Deposit{i, payer.address, t.addresses[i], u256(1) << 100});
    auto submit = [&](const PreparedBatch& b, std::uint64_t index, std::uint64_t block) {
        SubmitProof a;
        a.batch_index = index;
        a.record = {BatchDa::Calldata, b.statement.data_commitment, block, kAccounts};
        for (const auto& op : b.witness.queue_ops) a.queue_records.push_back({op_hash(op), 1});
        a.post_root = b.statement.post_root;
        a.queue_end = b.statement.queue_end;
        a.proof = ps->prove(b.statement, b.witness);
        const Bytes data = verifier_submit_proof(a);
        const auto out = world.call(z.prover_account, z.verifier, data, 0, big);
        world.mine(1);
        const auto r = world.chain().receipt(out.tx_hash);
        return ChainRun{r ? r->gas_used : 0,
                        std::max(l1::gas::intrinsic_gas(data), l1::gas::calldata_floor_gas(data)),
                        r && r->success()};
    };
    const auto b0 = prepare_batch(std::make_shared<L2State>(), z.stf, 0, 0, deposits, {});
    world.call(z.sequencer_account, z.inbox, inbox_append_batch(b0.witness.frame), 0, big);
    world.mine(1);
    if (!submit(b0, 0, world.block_number()).ok) return {};
    std::vector<L2Tx> txs(t.txs.begin(), t.txs.begin() + static_cast<std::ptrdiff_t>(n));
    const auto b1 = prepare_batch(b0.post, z.stf, 1, kAccounts, {}, std::move(txs));
    world.call(z.sequencer_account, z.inbox, inbox_append_batch(b1.witness.frame), 0, big);
    world.mine(1);
    return submit(b1, 1, world.block_number());
}

void BM_l1_gas(benchmark::State& state, std::shared_ptr<const ProofSystem> ps, std::size_t n) {
    ChainRun r;
    for (auto _ : state) r = l1_gas(ps, n);
    if (!r.ok) state.SkipWithError("the proof transaction failed");
    state.counters["l1_gas"] = static_cast<double>(r.gas_used);
    state.counters["l1_gas_per_tx"] = static_cast<double>(r.gas_used) / static_cast<double>(n);
    state.counters["calldata_gas"] = static_cast<double>(r.calldata_gas);
    state.counters["fits_30m"] = r.gas_used <= 30'000'000 ? 1 : 0;
}

// ---- data bytes per transfer ----
struct CodecCase {
    const char* name;
    Codec codec;
    int level;
};
constexpr CodecCase kCodecs[] = {{"none", Codec::None, 0}, {"zstd-3", Codec::Zstd, 3}, {"brotli-9", Codec::Brotli, 9}};

void BM_diff_bytes(benchmark::State& state, CodecCase c, std::size_t n, bool diff, bool eth_amounts) {
    const auto& t = traffic(eth_amounts);
    L2State post = t.warm->clone();
    Batch txb;
    for (std::size_t i = 0; i < n; ++i) {
        (void)apply_op(post, t.stf, Op{t.txs[i]});
        txb.txs.push_back(t.txs[i]);
    }
    (void)register_accounts(*t.warm, post);
    const DiffBatch db{0, 0, make_state_diff(*t.warm, post)};
    Bytes frame;
    for (auto _ : state) {
        frame = diff ? encode_diff_batch(db, c.codec, c.level) : encode_batch(txb, c.codec, c.level);
        benchmark::DoNotOptimize(frame.data());
    }
    const double per = static_cast<double>(n);
    state.counters["bytes_per_tx"] = static_cast<double>(frame.size()) / per;
    state.counters["raw_bytes_per_tx"] =
        static_cast<double>(diff ? encode_diff_batch_payload(db).size() : encode_batch_payload(txb).size()) / per;
    state.counters["diff_accounts"] = static_cast<double>(db.diff.updates.size() + db.diff.new_accounts.size());
    state.counters["calldata_gas_per_tx"] =
        static_cast<double>(std::max(l1::gas::intrinsic_gas(frame), l1::gas::calldata_floor_gas(frame))) / per;
    state.SetItemsProcessed(static_cast<std::int64_t>(n * state.iterations()));
}

const bool kRegistered = [] {
    for (const std::size_t n : {10, 100, 1000}) {
        const std::string s = "/" + std::to_string(n);
        benchmark::RegisterBenchmark(("validity_prove/stf_apply_batch" + s).c_str(), BM_plain_stf, n)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("validity_prove/l2lab_witness" + s).c_str(), BM_prove_witness, n)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("validity_verify/stf_apply_batch" + s).c_str(), BM_plain_stf, n)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("validity_verify/l2lab_witness" + s).c_str(), BM_verify<WitnessProofSystem>, n)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("validity_verify/l2lab_modelled" + s).c_str(), BM_verify<ModelledProofSystem>, n)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("validity_l1_gas/l2lab_witness" + s).c_str(), BM_l1_gas,
                                     std::make_shared<const WitnessProofSystem>(), n)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("validity_l1_gas/l2lab_modelled" + s).c_str(), BM_l1_gas,
                                     std::make_shared<const ModelledProofSystem>(), n)
            ->Unit(benchmark::kMillisecond);
    }
    for (const bool eth : {false, true}) {
        const std::string op = eth ? "zk_diff_encode_eth_amounts/" : "zk_diff_encode/";
        for (const auto& c : kCodecs) {
            for (const std::size_t n : {10, 100, 1000, 10000}) {
                const std::string tail = std::string(c.name) + "/" + std::to_string(n);
                benchmark::RegisterBenchmark((op + "txs_" + tail).c_str(), BM_diff_bytes, c, n, false, eth)
                    ->Unit(benchmark::kMillisecond);
                benchmark::RegisterBenchmark((op + "l2lab_diff_" + tail).c_str(), BM_diff_bytes, c, n, true, eth)
                    ->Unit(benchmark::kMillisecond);
            }
        }
    }
    return true;
}();

}  // namespace
