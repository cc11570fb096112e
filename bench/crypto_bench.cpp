// Crypto benchmarks with same-run baselines: ECDSA sign/verify/recover through l2lab next to raw
// libsecp256k1 and OpenSSL's EC (EVP, curve secp256k1); Keccak-256 next to OpenSSL's SHA3-256
// (same permutation, other padding) and SHA-256 next to a bare EVP_Digest, per 64 B; sparse
// Merkle tree batched updates at 1M keys. Names: <operation>/<implementation>.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <vector>

#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/secp256k1.hpp"
#include "l2lab/crypto/sha256.hpp"
#include "l2lab/crypto/smt.hpp"

using namespace l2lab;
using namespace l2lab::crypto;

namespace {

constexpr std::size_t kDigests = 256;

Hash32 seeded_hash(std::uint64_t i) {
    std::uint8_t b[8];
    for (int k = 0; k < 8; ++k)
        b[k] = static_cast<std::uint8_t>(i >> (8 * k));
    return keccak256(BytesView(b, 8));
}

const std::vector<Hash32>& digests() {
    static const std::vector<Hash32> d = [] {
        std::vector<Hash32> out;
        for (std::uint64_t i = 0; i < kDigests; ++i)
            out.push_back(seeded_hash(i));
        return out;
    }();
    return d;
}

const PrivateKey& bench_key() {
    static const PrivateKey k = PrivateKey::from_seed(as_bytes("bench"));
    return k;
}

// ---- raw libsecp256k1 ----------------------------------------------------------------------

secp256k1_context* raw_ctx() {
    static secp256k1_context* ctx = [] {
        secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        unsigned char seed[32] = {7};
        if (secp256k1_context_randomize(c, seed) != 1)
            throw std::runtime_error("randomize");
        return c;
    }();
    return ctx;
}

void BM_sign_raw(benchmark::State& state) {
    const auto secret = bench_key().secret();
    secp256k1_ecdsa_recoverable_signature sig;
    std::size_t i = 0;
    for (auto _ : state) {
        const Hash32& d = digests()[i++ % kDigests];
        benchmark::DoNotOptimize(secp256k1_ecdsa_sign_recoverable(raw_ctx(), &sig, d.bytes.data(),
                                                                  secret.data(), nullptr, nullptr));
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_verify_raw(benchmark::State& state) {
    secp256k1_pubkey pk;
    const Bytes pub = bench_key().public_key().uncompressed();
    if (!secp256k1_ec_pubkey_parse(raw_ctx(), &pk, pub.data(), pub.size()))
        state.SkipWithError("pubkey");
    std::vector<secp256k1_ecdsa_signature> sigs(kDigests);
    for (std::size_t i = 0; i < kDigests; ++i) {
        const Signature s = bench_key().sign(digests()[i]);
        secp256k1_ecdsa_signature_parse_compact(raw_ctx(), &sigs[i], s.bytes.data());
    }
    std::size_t i = 0;
    for (auto _ : state) {
        const std::size_t j = i++ % kDigests;
        benchmark::DoNotOptimize(
            secp256k1_ecdsa_verify(raw_ctx(), &sigs[j], digests()[j].bytes.data(), &pk));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_recover_raw(benchmark::State& state) {
    std::vector<secp256k1_ecdsa_recoverable_signature> sigs(kDigests);
    for (std::size_t i = 0; i < kDigests; ++i) {
        const Signature s = bench_key().sign(digests()[i]);
        secp256k1_ecdsa_recoverable_signature_parse_compact(raw_ctx(), &sigs[i], s.bytes.data(),
                                                            s.bytes[64]);
    }
    secp256k1_pubkey pk;
    std::size_t i = 0;
    for (auto _ : state) {
        const std::size_t j = i++ % kDigests;
        benchmark::DoNotOptimize(
            secp256k1_ecdsa_recover(raw_ctx(), &pk, &sigs[j], digests()[j].bytes.data()));
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// ---- OpenSSL EC (secp256k1) -------------------------------------------------------------------

struct PkeyDeleter {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxDeleter {
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};

EVP_PKEY* openssl_key() {
    static std::unique_ptr<EVP_PKEY, PkeyDeleter> key(
        EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "secp256k1"));
    return key.get();
}

void BM_sign_openssl(benchmark::State& state) {
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx(
        EVP_PKEY_CTX_new_from_pkey(nullptr, openssl_key(), nullptr));
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1)
        state.SkipWithError("EVP_PKEY_sign_init");
    unsigned char der[80];
    std::size_t i = 0;
    for (auto _ : state) {
        std::size_t len = sizeof der;
        const Hash32& d = digests()[i++ % kDigests];
        benchmark::DoNotOptimize(EVP_PKEY_sign(ctx.get(), der, &len, d.bytes.data(), 32));
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_verify_openssl(benchmark::State& state) {
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> sctx(
        EVP_PKEY_CTX_new_from_pkey(nullptr, openssl_key(), nullptr));
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> vctx(
        EVP_PKEY_CTX_new_from_pkey(nullptr, openssl_key(), nullptr));
    if (EVP_PKEY_sign_init(sctx.get()) != 1 || EVP_PKEY_verify_init(vctx.get()) != 1) {
        state.SkipWithError("EVP init");
    }
    std::vector<std::vector<unsigned char>> sigs(kDigests);
    for (std::size_t i = 0; i < kDigests; ++i) {
        unsigned char der[80];
        std::size_t len = sizeof der;
        EVP_PKEY_sign(sctx.get(), der, &len, digests()[i].bytes.data(), 32);
        sigs[i].assign(der, der + len);
    }
    std::size_t i = 0;
    for (auto _ : state) {
        const std::size_t j = i++ % kDigests;
        benchmark::DoNotOptimize(EVP_PKEY_verify(vctx.get(), sigs[j].data(), sigs[j].size(),
                                                 digests()[j].bytes.data(), 32));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// ---- l2lab ---------------------------------------------------------------------------------

void BM_sign_l2lab(benchmark::State& state) {
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(bench_key().sign(digests()[i++ % kDigests]));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_verify_l2lab(benchmark::State& state) {
    std::vector<Signature> sigs;
    for (const Hash32& d : digests())
        sigs.push_back(bench_key().sign(d));
    const PublicKey& pk = bench_key().public_key();
    std::size_t i = 0;
    for (auto _ : state) {
        const std::size_t j = i++ % kDigests;
        benchmark::DoNotOptimize(verify(pk, digests()[j], sigs[j]));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_recover_l2lab(benchmark::State& state) {
    std::vector<Signature> sigs;
    for (const Hash32& d : digests())
        sigs.push_back(bench_key().sign(d));
    std::size_t i = 0;
    for (auto _ : state) {
        const std::size_t j = i++ % kDigests;
        benchmark::DoNotOptimize(recover(digests()[j], sigs[j]));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_recover_address_l2lab(benchmark::State& state) {
    std::vector<Signature> sigs;
    for (const Hash32& d : digests())
        sigs.push_back(bench_key().sign(d));
    std::size_t i = 0;
    for (auto _ : state) {
        const std::size_t j = i++ % kDigests;
        benchmark::DoNotOptimize(recover_address(digests()[j], sigs[j]));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// ---- hashes, 64-byte inputs ----------------------------------------------------------------

void BM_hash64_openssl_sha3(benchmark::State& state) {
    std::uint8_t in[64] = {1}, out[32];
    const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA3-256", nullptr);
    for (auto _ : state) {
        unsigned int len = 0;
        EVP_Digest(in, 64, out, &len, md, nullptr);
        in[0] = out[0];
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 64);
}

void BM_hash64_keccak_l2lab(benchmark::State& state) {
    std::uint8_t in[64] = {1};
    for (auto _ : state) {
        const Hash32 h = keccak256(BytesView(in, 64));
        in[0] = h.bytes[0];
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 64);
}

void BM_hash64_openssl_sha256(benchmark::State& state) {
    std::uint8_t in[64] = {1}, out[32];
    const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    for (auto _ : state) {
        unsigned int len = 0;
        EVP_Digest(in, 64, out, &len, md, nullptr);
        in[0] = out[0];
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 64);
}

void BM_hash64_sha256_l2lab(benchmark::State& state) {
    std::uint8_t in[64] = {1};
    for (auto _ : state) {
        const Hash32 h = sha256(BytesView(in, 64));
        in[0] = h.bytes[0];
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 64);
}

// ---- sparse Merkle tree: batches of 10k updates into a 1M-key tree ------------------------------

constexpr std::uint64_t kTreeKeys = 1'000'000;
constexpr std::size_t kBatch = 10'000;

SparseMerkleTree& million_tree(HashKind kind) {
    static SparseMerkleTree keccak_tree(HashKind::Keccak256), sha_tree(HashKind::Sha256);
    SparseMerkleTree& t = kind == HashKind::Keccak256 ? keccak_tree : sha_tree;
    if (t.size() == 0) {
        std::vector<SmtUpdate> ups;
        ups.reserve(kTreeKeys);
        for (std::uint64_t i = 0; i < kTreeKeys; ++i)
            ups.push_back({seeded_hash(i), seeded_hash(i + kTreeKeys)});
        t.update(ups);
        (void)t.root();
    }
    return t;
}

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Timed manually with this thread's CPU clock around update + root only: building the batch is
// excluded without PauseTiming (whose CPU accounting is unreliable on a loaded machine), and
// other processes on the machine do not inflate the figure.
void smt_batches(benchmark::State& state, HashKind kind) {
    SparseMerkleTree& t = million_tree(kind);
    // Google Benchmark calls this function several times; the round counter persists so that no
    // batch is ever replayed (a replayed batch would be all no-op writes of unchanged values).
    static std::uint64_t rounds[2] = {0, 0};
    std::uint64_t& round = rounds[kind == HashKind::Keccak256 ? 0 : 1];
    std::vector<SmtUpdate> batch(kBatch);
    for (auto _ : state) {
        // Half overwrite existing keys, half insert new ones; the tree keeps growing slowly.
        for (std::size_t j = 0; j < kBatch; ++j) {
            const std::uint64_t n = round * kBatch + j;
            const Hash32 key =
                (j % 2 == 0) ? seeded_hash((n * 7919) % kTreeKeys) : seeded_hash(3 * kTreeKeys + n);
            batch[j] = {key, seeded_hash(5 * kTreeKeys + n)};
        }
        ++round;
        const double start = thread_cpu_seconds();
        t.update(batch);
        benchmark::DoNotOptimize(t.root());
        state.SetIterationTime(thread_cpu_seconds() - start);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
    state.counters["tree_keys"] = static_cast<double>(t.size());
}

void BM_smt_update_keccak_l2lab(benchmark::State& state) {
    smt_batches(state, HashKind::Keccak256);
}
void BM_smt_update_sha256_l2lab(benchmark::State& state) {
    smt_batches(state, HashKind::Sha256);
}

}  // namespace

// Baselines first: the report compares each l2lab row to the first non-l2lab row of its operation.
BENCHMARK(BM_sign_raw)->Name("ecdsa_sign/libsecp256k1");
BENCHMARK(BM_sign_openssl)->Name("ecdsa_sign/openssl");
BENCHMARK(BM_sign_l2lab)->Name("ecdsa_sign/l2lab");
BENCHMARK(BM_verify_raw)->Name("ecdsa_verify/libsecp256k1");
BENCHMARK(BM_verify_openssl)->Name("ecdsa_verify/openssl");
BENCHMARK(BM_verify_l2lab)->Name("ecdsa_verify/l2lab");
BENCHMARK(BM_recover_raw)->Name("ecdsa_recover/libsecp256k1");
BENCHMARK(BM_recover_l2lab)->Name("ecdsa_recover/l2lab");
BENCHMARK(BM_recover_address_l2lab)->Name("ecdsa_recover/l2lab_address");
BENCHMARK(BM_hash64_openssl_sha3)->Name("keccak256_64B/openssl_sha3_256");
BENCHMARK(BM_hash64_keccak_l2lab)->Name("keccak256_64B/l2lab");
BENCHMARK(BM_hash64_openssl_sha256)->Name("sha256_64B/openssl");
BENCHMARK(BM_hash64_sha256_l2lab)->Name("sha256_64B/l2lab");
BENCHMARK(BM_smt_update_keccak_l2lab)
    ->Name("smt_update_1M_batch10k/l2lab_keccak")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_smt_update_sha256_l2lab)
    ->Name("smt_update_1M_batch10k/l2lab_sha256")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
