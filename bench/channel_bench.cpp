// Channels. Full 2-party update round (propose, countersign, both verify, persisted to a
// MemoryStore) per second, next to its crypto bound measured in the same run: the raw
// libsecp256k1 calls one round cannot avoid (2 recoverable signs + 2 recoveries, the baseline of
// the operation) and the same work through l2lab's crypto wrappers (which also derive the
// recovered address with keccak). L1 gas of each adjudicator operation for 2 and 5 parties,
// reported as counters from real receipts (gas is deterministic; the timing of those cases is not
// the point). Names follow <operation>/<implementation> (see python/l2lab/bench.py).
#include <benchmark/benchmark.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "l2lab/channel/party.hpp"
#include "l2lab/crypto/secp256k1.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::channel;

struct EnginePair {
    std::vector<crypto::PrivateKey> keys = {crypto::PrivateKey::from_int(11), crypto::PrivateKey::from_int(12)};
    ChannelParams params{{keys[0].address(), keys[1].address()}, {u256(1) << 64, u256(1) << 64}, 10, 10,
                         DisputePolicy::LatestStateWins, 0};
    Address adj{};
    std::unique_ptr<Engine> a, b;
    EnginePair() {
        a = std::make_unique<Engine>(params, 0, keys[0], 1337, adj, std::make_shared<MemoryStore>());
        b = std::make_unique<Engine>(params, 1, keys[1], 1337, adj, std::make_shared<MemoryStore>());
        SignedState s0{initial_state(params, a->channel_id()), {a->sign_initial(), b->sign_initial()}};
        (void)a->install_initial(s0);
        (void)b->install_initial(s0);
    }
};

void BM_update_round_l2lab(benchmark::State& state) {
    EnginePair p;
    for (auto _ : state) {
        auto r = p.a->pay(1, 1);
        auto h1 = p.b->handle(0, r.value().out[0].payload);
        auto h2 = p.a->handle(1, h1.out[0].payload);
        auto h3 = p.b->handle(0, h2.out[0].payload);
        if (!h3.updated) state.SkipWithError("update round did not complete");
        benchmark::DoNotOptimize(h3.updated);
    }
    state.SetItemsProcessed(state.iterations());
}

// The crypto a round cannot avoid, as raw libsecp256k1 calls: each side signs once (RFC 6979,
// recoverable) and recovers the other's signature from its 65 wire bytes.
void BM_update_round_raw_libsecp256k1(benchmark::State& state) {
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    const auto k1 = crypto::PrivateKey::from_int(11), k2 = crypto::PrivateKey::from_int(12);
    const auto s1 = k1.secret(), s2 = k2.secret();
    unsigned char d[32] = {};
    std::uint64_t i = 0;
    auto sign_then_recover = [&](const std::array<std::uint8_t, 32>& secret) {
        secp256k1_ecdsa_recoverable_signature sig;
        unsigned char wire[64];
        int recid = 0;
        (void)secp256k1_ecdsa_sign_recoverable(ctx, &sig, d, secret.data(), nullptr, nullptr);
        secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, wire, &recid, &sig);
        secp256k1_ecdsa_recoverable_signature parsed;
        secp256k1_pubkey pk;
        (void)secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &parsed, wire, recid);
        benchmark::DoNotOptimize(secp256k1_ecdsa_recover(ctx, &pk, &parsed, d));
        benchmark::DoNotOptimize(pk);
    };
    for (auto _ : state) {
        d[0] = static_cast<unsigned char>(++i);
        d[1] = static_cast<unsigned char>(i >> 8);
        sign_then_recover(s1);
        sign_then_recover(s2);
    }
    secp256k1_context_destroy(ctx);
    state.SetItemsProcessed(state.iterations());
}

// The same through l2lab's crypto (sign; recover_address = recover + keccak of the public key).
void BM_update_round_l2lab_crypto_calls(benchmark::State& state) {
    const auto k1 = crypto::PrivateKey::from_int(11), k2 = crypto::PrivateKey::from_int(12);
    Hash32 d{};
    std::uint64_t i = 0;
    for (auto _ : state) {
        d.bytes[0] = static_cast<std::uint8_t>(++i);
        d.bytes[1] = static_cast<std::uint8_t>(i >> 8);
        const auto s1 = k1.sign(d);
        benchmark::DoNotOptimize(crypto::recover_address(d, s1));
        const auto s2 = k2.sign(d);
        benchmark::DoNotOptimize(crypto::recover_address(d, s2));
    }
    state.SetItemsProcessed(state.iterations());
}
// The baseline first: l2lab bench reports each row as a ratio to the first non-l2lab row.
BENCHMARK(BM_update_round_raw_libsecp256k1)->Name("channel_update_round/raw_libsecp256k1_bound")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_update_round_l2lab_crypto_calls)->Name("channel_update_round/l2lab_crypto_calls")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_update_round_l2lab)->Name("channel_update_round/l2lab")->Unit(benchmark::kMicrosecond);

// Gas of an included, successful transaction. A failed or missing one is a broken benchmark, not
// a figure: it throws (the binary aborts, `l2lab bench` reports the failed run).
std::uint64_t gas_of(sim::World& w, const Hash32& tx) {
    w.mine(1);
    const auto r = w.chain().receipt(tx);
    if (!r)
        throw std::runtime_error("channel gas benchmark: transaction not included");
    if (!r->success()) {
        throw std::runtime_error("channel gas benchmark: transaction reverted: " +
                                 r->revert_reason);
    }
    return r->gas_used;
}

// Gas of open / deposit / cooperative close / register / challenge / finalize with n parties.
void BM_l1_gas_l2lab(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::map<std::string, double> gas;
    for (auto _ : state) {
        sim::World w(1);
        const Address adj = deploy_adjudicator(w);
        ChannelParams params;
        std::vector<sim::Account> accts;
        for (std::size_t i = 0; i < n; ++i) {
            accts.push_back(w.new_account(u256(1) << 80));
            params.participants.push_back(accts.back().address);
            params.deposits.push_back(u256(1'000'000));
        }
        params.challenge_period = 3;
        auto sign_all = [&](const State& s) {
            SignedState out{s, {}};
            for (auto& a : accts) out.signatures.push_back(a.key.sign(state_digest(1337, adj, s)));
            return out;
        };
        sim::TxOptions o;
        o.gas_limit = 5'000'000;
        auto call = [&](std::size_t who, const Bytes& data, const u256& v = 0) {
            return gas_of(w, w.call(accts[who], adj, data, v, o).tx_hash);
        };
        const Hash32 id = params.channel_id(1337, adj);
        gas["open"] = static_cast<double>(call(0, open_calldata(params)));
        double dep = 0;
        for (std::size_t i = 0; i < n; ++i) dep += static_cast<double>(call(i, deposit_calldata(params, i), params.deposits[i]));
        gas["deposit_avg"] = dep / static_cast<double>(n);
        State s1{id, 1, params.deposits, false};
        gas["register"] = static_cast<double>(call(0, register_calldata(params, sign_all(s1))));
        State s2{id, 2, params.deposits, false};
        gas["challenge"] = static_cast<double>(call(1, challenge_calldata(params, sign_all(s2))));
        w.mine(4);
        gas["finalize"] = static_cast<double>(call(1, finalize_calldata(params, s2)));
        ChannelParams p2 = params;
        p2.nonce = 1;
        (void)call(0, open_calldata(p2));
        for (std::size_t i = 0; i < n; ++i) (void)call(i, deposit_calldata(p2, i), p2.deposits[i]);
        State f{p2.channel_id(1337, adj), 5, p2.deposits, true};
        gas["cooperative_close"] = static_cast<double>(call(0, cooperative_close_calldata(p2, sign_all(f))));
    }
    for (const auto& [k, v] : gas) state.counters["gas_" + k] = v;
}
BENCHMARK(BM_l1_gas_l2lab)->Name("channel_l1_gas/l2lab")->Arg(2)->Arg(5)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
