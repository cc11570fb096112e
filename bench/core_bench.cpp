// RLP throughput on two shapes: a typical 10-field transaction-like list, and a ~1 MiB nested
// structure (batches of entries). Each operation runs next to a memcpy of the same encoded bytes,
// the speed-of-light baseline: the ratio says how far the codec is from just moving the bytes.
// Decoding includes the typed field reads a consumer makes (integers, hashes, addresses).
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/core/rng.hpp"
#include "l2lab/core/u256.hpp"

namespace {

using l2lab::Bytes;
using l2lab::u256;
namespace rlp = l2lab::rlp;

// ---- data ---------------------------------------------------------------------------------

struct TxLike {
    std::uint64_t nonce;
    u256 max_fee_per_gas;  // wei
    std::uint64_t gas_limit;
    l2lab::Address to;
    u256 value;  // wei
    Bytes data;
    std::uint64_t chain_id;
    std::uint64_t y_parity;
    l2lab::Hash32 r;
    l2lab::Hash32 s;
};

l2lab::Hash32 random_hash(l2lab::Rng& rng) { return l2lab::Hash32::from_view(rng.bytes(32)); }

TxLike make_tx(l2lab::Rng& rng) {
    return TxLike{rng.uniform(1000),
                  u256(rng.range(1, 200)) * 1'000'000'000u,
                  21'000 + rng.uniform(100'000),
                  l2lab::Address::from_view(rng.bytes(20)),
                  u256(rng.next_u64()) * 1'000'000u,
                  rng.bytes(100),
                  1,
                  rng.uniform(2),
                  random_hash(rng),
                  random_hash(rng)};
}

Bytes encode_tx(const TxLike& t) {
    return rlp::ListBuilder()
        .add_u64(t.nonce)
        .add_u256(t.max_fee_per_gas)
        .add_u64(t.gas_limit)
        .add_address(t.to)
        .add_u256(t.value)
        .add_bytes(t.data)
        .add_u64(t.chain_id)
        .add_u64(t.y_parity)
        .add_hash(t.r)
        .add_hash(t.s)
        .finish();
}

std::uint64_t low_word(const u256& v) { return (v & u256(~0ULL)).convert_to<std::uint64_t>(); }

// Reads every field back with its type; returns something that depends on all of them.
std::uint64_t read_tx(const rlp::Item& item) {
    const auto& f = item.fields(10);
    std::uint64_t acc = f[0].u64_value();
    acc ^= low_word(f[1].u256_value());
    acc ^= f[2].u64_value();
    acc ^= f[3].address().bytes[0];
    acc ^= low_word(f[4].u256_value());
    acc ^= f[5].bytes().size();
    acc ^= f[6].u64_value() ^ f[7].u64_value();
    acc ^= f[8].hash().bytes[0] ^ f[9].hash().bytes[31];
    return acc;
}

// ~1 MiB: kBatches batches of kEntries entries [key hash, sequence number, 80-byte payload,
// [block_number, timestamp]].
constexpr std::size_t kBatches = 448;
constexpr std::size_t kEntries = 16;

struct Entry {
    l2lab::Hash32 key;
    std::uint64_t sequence;
    Bytes payload;
    std::uint64_t block_number;
    std::uint64_t timestamp;  // seconds
};

const std::vector<std::vector<Entry>>& big_structure() {
    static const auto batches = [] {
        l2lab::Rng rng(2);
        std::vector<std::vector<Entry>> out(kBatches);
        for (auto& batch : out) {
            for (std::size_t i = 0; i < kEntries; ++i) {
                batch.push_back({random_hash(rng), rng.next_u64(), rng.bytes(80),
                                 rng.uniform(20'000'000), 1'700'000'000 + rng.uniform(1u << 26)});
            }
        }
        return out;
    }();
    return batches;
}

Bytes encode_big(const std::vector<std::vector<Entry>>& batches) {
    rlp::ListBuilder outer;
    rlp::ListBuilder batch_builder;
    rlp::ListBuilder entry;
    for (const auto& batch : batches) {
        for (const auto& e : batch) {
            const Bytes when = rlp::ListBuilder().add_u64(e.block_number).add_u64(e.timestamp).finish();
            batch_builder.add_encoded(
                entry.add_hash(e.key).add_u64(e.sequence).add_bytes(e.payload).add_encoded(when).finish());
        }
        outer.add_encoded(batch_builder.finish());
    }
    return outer.finish();
}

std::uint64_t read_big(const rlp::Item& root) {
    std::uint64_t acc = 0;
    for (const auto& batch : root.items()) {
        for (const auto& entry : batch.items()) {
            const auto& f = entry.fields(4);
            acc ^= f[0].hash().bytes[0] ^ f[1].u64_value() ^ f[2].bytes().size();
            const auto& when = f[3].fields(2);
            acc ^= when[0].u64_value() ^ when[1].u64_value();
        }
    }
    return acc;
}

const TxLike& sample_tx() {
    static const TxLike tx = [] {
        l2lab::Rng rng(1);
        return make_tx(rng);
    }();
    return tx;
}

const Bytes& sample_tx_encoded() {
    static const Bytes enc = encode_tx(sample_tx());
    return enc;
}

const Bytes& big_encoded() {
    static const Bytes enc = encode_big(big_structure());
    return enc;
}

// ---- benchmarks ---------------------------------------------------------------------------

void count(benchmark::State& state, std::size_t bytes_per_item) {
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes_per_item));
}

void memcpy_baseline(benchmark::State& state, const Bytes& src) {
    Bytes dst(src.size());
    for (auto _ : state) {
        std::memcpy(dst.data(), src.data(), src.size());
        benchmark::DoNotOptimize(dst.data());
        benchmark::ClobberMemory();
    }
    count(state, src.size());
}

void encode_tx_bench(benchmark::State& state) {
    const TxLike& tx = sample_tx();
    for (auto _ : state) benchmark::DoNotOptimize(encode_tx(tx));
    count(state, sample_tx_encoded().size());
}

void decode_tx_bench(benchmark::State& state) {
    const Bytes& enc = sample_tx_encoded();
    for (auto _ : state) benchmark::DoNotOptimize(read_tx(rlp::decode(enc)));
    count(state, enc.size());
}

void encode_big_bench(benchmark::State& state) {
    const auto& batches = big_structure();
    for (auto _ : state) benchmark::DoNotOptimize(encode_big(batches));
    count(state, big_encoded().size());
}

void decode_big_bench(benchmark::State& state) {
    const Bytes& enc = big_encoded();
    for (auto _ : state) benchmark::DoNotOptimize(read_big(rlp::decode(enc)));
    count(state, enc.size());
    state.counters["encoded_bytes"] = static_cast<double>(enc.size());
}

[[maybe_unused]] const bool kRegistered = [] {
    benchmark::RegisterBenchmark("rlp_encode_tx/memcpy",
                                 [](benchmark::State& s) { memcpy_baseline(s, sample_tx_encoded()); });
    benchmark::RegisterBenchmark("rlp_encode_tx/l2lab", encode_tx_bench);
    benchmark::RegisterBenchmark("rlp_decode_tx/memcpy",
                                 [](benchmark::State& s) { memcpy_baseline(s, sample_tx_encoded()); });
    benchmark::RegisterBenchmark("rlp_decode_tx/l2lab", decode_tx_bench);
    benchmark::RegisterBenchmark("rlp_encode_1mib/memcpy",
                                 [](benchmark::State& s) { memcpy_baseline(s, big_encoded()); });
    benchmark::RegisterBenchmark("rlp_encode_1mib/l2lab", encode_big_bench);
    benchmark::RegisterBenchmark("rlp_decode_1mib/memcpy",
                                 [](benchmark::State& s) { memcpy_baseline(s, big_encoded()); });
    benchmark::RegisterBenchmark("rlp_decode_1mib/l2lab", decode_big_bench);
    return true;
}();

}  // namespace
