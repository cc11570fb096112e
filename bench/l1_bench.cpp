// Simple signed L1 transfers per second, end to end (sign + submit with sender recovery + block
// building, execution, receipts, state digest), and the same with signing excluded. The baseline
// in the same binary is a raw libsecp256k1 public-key recovery loop: every transaction needs one
// recovery, so recoveries/s is the ceiling a signature-checking chain can reach; the ratio says
// how much the rest of the chain costs on top.
#include <benchmark/benchmark.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <vector>

#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/secp256k1.hpp"
#include "l2lab/l1/chain.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::l1;

constexpr std::size_t kSenders = 64;

std::vector<crypto::PrivateKey> make_keys() {
    std::vector<crypto::PrivateKey> keys;
    for (std::size_t i = 0; i < kSenders; ++i) keys.push_back(crypto::PrivateKey::from_int(1000 + i));
    return keys;
}

std::vector<TransferRequest> make_requests(std::size_t n) {
    std::vector<TransferRequest> reqs;
    for (std::size_t i = 0; i < n; ++i) {
        Address to;
        to.bytes[0] = 0xbb;
        to.bytes[19] = static_cast<std::uint8_t>(i % 251);
        reqs.push_back({i % kSenders, to, 1});
    }
    return reqs;
}

std::unique_ptr<Chain> funded_chain(const std::vector<crypto::PrivateKey>& keys) {
    auto chain = std::make_unique<Chain>();
    for (const auto& k : keys) chain->mint(k.address(), u256(1'000'000'000'000'000'000ULL));
    return chain;
}

// Sign + submit + include + execute `batch` transfers (one execute_transfers call) on a fresh
// chain per iteration.
void BM_TransferSignIncludeExecute(benchmark::State& state) {
    const auto keys = make_keys();
    const auto reqs = make_requests(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        state.PauseTiming();
        auto chain = funded_chain(keys);
        state.ResumeTiming();
        const TransferBatchResult r = chain->execute_transfers(keys, reqs);
        if (r.included != reqs.size()) state.SkipWithError("transfers left pending");
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_TransferSignIncludeExecute)
    ->Name("l1_transfer/l2lab_sign_include_execute")
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond);

// Pre-signed: submit (recovers the sender) + include + execute.
void BM_TransferIncludeExecute(benchmark::State& state) {
    const auto keys = make_keys();
    const auto reqs = make_requests(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        state.PauseTiming();
        auto chain = funded_chain(keys);
        auto txs = chain->sign_transfers(keys, reqs);
        state.ResumeTiming();
        chain->submit_many(std::move(txs));
        chain->mine_until_empty(100);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_TransferIncludeExecute)
    ->Name("l1_transfer/l2lab_include_execute")
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond);

// Baseline: recover the public key of each pre-made signature with libsecp256k1 directly, plus
// the keccak of the key that address derivation needs.
void BM_RawRecover(benchmark::State& state) {
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    const auto keys = make_keys();
    struct Item {
        unsigned char digest[32];
        secp256k1_ecdsa_recoverable_signature sig;
    };
    std::vector<Item> items;
    for (std::size_t i = 0; i < 256; ++i) {
        const Hash32 d = crypto::keccak256(as_bytes("tx " + std::to_string(i)));
        const auto sig = keys[i % kSenders].sign(d);
        Item it{};
        std::copy(d.bytes.begin(), d.bytes.end(), it.digest);
        secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &it.sig, sig.bytes.data(), sig.bytes[64]);
        items.push_back(it);
    }
    std::size_t i = 0;
    for (auto _ : state) {
        const Item& it = items[i++ % items.size()];
        secp256k1_pubkey pk;
        if (secp256k1_ecdsa_recover(ctx, &pk, &it.sig, it.digest) != 1) state.SkipWithError("recover failed");
        unsigned char out[65];
        std::size_t len = sizeof out;
        secp256k1_ec_pubkey_serialize(ctx, out, &len, &pk, SECP256K1_EC_UNCOMPRESSED);
        benchmark::DoNotOptimize(crypto::keccak256(BytesView(out + 1, 64)));
    }
    state.SetItemsProcessed(state.iterations());
    secp256k1_context_destroy(ctx);
}
BENCHMARK(BM_RawRecover)->Name("l1_transfer/raw_libsecp256k1_recover_baseline");

}  // namespace
