// The `stark` proof system on real rollup batches (issue 8 item 9): batches of 16, 64 and 256
// signed transfers (each with a fee, so three account updates per transfer) among a warm set of
// 1,000 registered accounts, proven with the default options (>= 96 bits, Keccak-256 Merkle
// trees and transcript, depth-15 account tree).
//  - stark_rollup_prove/<transfers>: prove() (the STF run, the Rescue tree replay, the trace, the
//    STARK, and the check() the prover runs on its own proof). Counters: proof_bytes, stark_bytes,
//    trace_rows, account_updates.
//  - stark_rollup_verify/<transfers>: check() as the L1 contract runs it. Counters: verify_gas
//    (what the verifier contract is charged), field_gas (its modelled field-arithmetic part),
//    calldata_gas (16 per non-zero proof byte, 4 per zero byte: what carrying the proof costs).
#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "l2lab/validity/batch_builder.hpp"
#include "l2lab/validity/stark_proof_system.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::validity;
using namespace l2lab::rollup;

constexpr std::size_t kWarm = 1000;

const std::vector<crypto::PrivateKey>& keys() {
    static const std::vector<crypto::PrivateKey> k = [] {
        std::vector<crypto::PrivateKey> v;
        for (std::size_t i = 0; i < 64; ++i) v.push_back(crypto::PrivateKey::from_int(u256(5000 + i)));
        return v;
    }();
    return k;
}

StfConfig stf() {
    StfConfig c;
    c.chain_id = 901;
    c.fee_recipient = Address::from_hex_text("0xfee0000000000000000000000000000000000fee");
    return c;
}

// 1,000 registered accounts: 64 signers with 10 ETH and 936 bystanders, the fee recipient too.
std::shared_ptr<L2State> warm_state() {
    auto s = std::make_shared<L2State>();
    for (const auto& k : keys()) {
        s->set_account(k.address(), {0, u256(10) * u256(1'000'000'000'000'000'000ull)});
        (void)s->register_account(k.address());
    }
    for (std::size_t i = keys().size(); i + 1 < kWarm; ++i) {
        Address a;
        a.bytes[0] = 0xbb;
        a.bytes[18] = static_cast<std::uint8_t>(i >> 8);
        a.bytes[19] = static_cast<std::uint8_t>(i);
        s->set_account(a, {1, u256(1000 + i)});
        (void)s->register_account(a);
    }
    s->set_account(stf().fee_recipient, {0, 1});
    (void)s->register_account(stf().fee_recipient);
    return s;
}

struct Case {
    PreparedBatch batch;
    StarkProofSystem system;
};

const Case& batch_of(std::size_t transfers) {
    static std::map<std::size_t, std::unique_ptr<Case>> cache;
    auto& c = cache[transfers];
    if (!c) {
        auto pre = warm_state();
        std::vector<L2Tx> txs;
        std::vector<std::uint64_t> nonces(keys().size());
        for (std::size_t i = 0; i < transfers; ++i) {
            const std::size_t from = (i * 7) % keys().size(), to = (i * 13 + 5) % keys().size();
            L2Tx t;
            t.chain_id = 901;
            t.nonce = nonces[from]++;
            t.fee = 21'000ull * 1'000'000'000ull;
            t.to = keys()[to].address();
            t.value = u256(1'000'000'000'000'000ull) * (1 + i % 5);
            t.sign(keys()[from]);
            txs.push_back(t);
        }
        c = std::make_unique<Case>();
        c->batch = prepare_batch(pre, stf(), 1, 0, {}, std::move(txs), BatchDa::Calldata, Codec::Zstd, 3);
        c->batch.statement.pre_root = c->system.state_root(*pre);
        c->batch.statement.post_root = c->system.state_root(*c->batch.post);
    }
    return *c;
}

void stark_rollup_prove(benchmark::State& state) {
    const Case& c = batch_of(static_cast<std::size_t>(state.range(0)));
    Bytes proof;
    for (auto _ : state) proof = c.system.prove(c.batch.statement, c.batch.witness);
    const StarkProofSummary s = c.system.summary(proof);
    state.counters["proof_bytes"] = static_cast<double>(s.proof_bytes);
    state.counters["stark_bytes"] = static_cast<double>(s.stark_bytes);
    state.counters["trace_rows"] = static_cast<double>(s.trace_rows);
    state.counters["account_updates"] = static_cast<double>(s.moves);
}

void stark_rollup_verify(benchmark::State& state) {
    const Case& c = batch_of(static_cast<std::size_t>(state.range(0)));
    const Bytes proof = c.system.prove(c.batch.statement, c.batch.witness);
    Verdict v;
    for (auto _ : state) v = c.system.check(c.batch.statement, proof);
    if (!v.ok) state.SkipWithError(("rejected: " + v.failure).c_str());
    // The modelled field-arithmetic share depends only on the AIR's shape.
    const std::size_t moves = c.system.summary(proof).moves;
    const stark::RollupBatchAir shape(c.system.options().depth, std::vector<stark::BatchStep>(moves), {}, {}, {});
    std::uint64_t calldata = 0;
    for (auto b : proof) calldata += b == 0 ? 4 : 16;
    state.counters["verify_gas"] = static_cast<double>(v.gas);
    state.counters["field_gas"] = static_cast<double>(stark_field_gas(shape, c.system.options().proof));
    state.counters["calldata_gas"] = static_cast<double>(calldata);
    state.counters["proof_bytes"] = static_cast<double>(proof.size());
}

}  // namespace

BENCHMARK(stark_rollup_prove)->Arg(16)->Arg(64)->Arg(256)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(stark_rollup_verify)->Arg(16)->Arg(64)->Arg(256)->Iterations(3)->Unit(benchmark::kMillisecond);
