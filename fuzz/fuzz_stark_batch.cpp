// libFuzzer target: decoding and verification of a `stark` batch proof (StarkBatchProof) through
// the stark ProofSystem's check() against a fixed valid statement. Must never crash or throw (a
// bad proof is a rejected Verdict). Oracles: a decoded proof re-encodes to the same bytes
// (canonical codec), and an accepted input decodes to the honest proof's canonical encoding (the
// prover is deterministic), so no mutation of the honest proof is accepted.
// Input: byte 0 selects the statement (bit 0): 0 a batch with a deposit, transfers, a created
// account and a withdrawal (9 account updates); 1 a single transfer (3 updates). The rest is the
// encoded proof. Small STARK options keep executions fast: 12 queries at blowup 8 plus 8
// grinding bits (~43 conjectured bits: far beyond what a fuzzer can brute-force, so an accepted
// mutation would be a real bug). Both honest proofs are built in LLVMFuzzerInitialize (proving
// takes seconds under the sanitizers, outside the per-input timeout). Seeds:
// fuzz/corpus/fuzz_stark_batch/ (made by tests/python/test_stark_batch_fuzz_seeds.py from the
// same batches and options).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/batch_builder.hpp"
#include "l2lab/validity/stark_proof_system.hpp"

using namespace l2lab;
using namespace l2lab::validity;
using namespace l2lab::rollup;

namespace {

L2Tx signed_tx(std::uint64_t key, const Address& to, std::uint64_t value, std::uint64_t nonce,
               std::uint64_t fee, TxKind kind = TxKind::Transfer) {
    L2Tx t;
    t.kind = kind;
    t.chain_id = 901;
    t.nonce = nonce;
    t.fee = fee;
    t.to = to;
    t.value = value;
    t.sign(crypto::PrivateKey::from_int(u256(key)));
    return t;
}

Address addr(std::uint64_t k) { return crypto::PrivateKey::from_int(u256(k)).address(); }

// Must match fuzz_options() in tests/python/test_stark_batch_fuzz_seeds.py.
StarkSystemOptions fuzz_options() {
    StarkSystemOptions o;
    o.proof.num_queries = 12;
    o.proof.grinding_bits = 8;
    o.proof.allow_insecure = true;
    return o;
}

struct Honest {
    PreparedBatch batch;
    Bytes proof;
};

// Must match batch() in tests/python/test_stark_batch_fuzz_seeds.py.
Honest honest(const StarkProofSystem& system, bool small) {
    auto pre = std::make_shared<L2State>();
    for (std::uint64_t k = 1001; k <= 1003; ++k) {
        pre->set_account(addr(k), {0, u256(1'000'000'000'000'000'000ull)});
        (void)pre->register_account(addr(k));
    }
    const StfConfig stf{901, addr(1001)};
    std::vector<Op> queue;
    std::vector<L2Tx> txs{signed_tx(1002, addr(1003), 1000, 0, 1)};
    if (!small) {
        Address fresh;
        fresh.bytes[0] = 0x77;
        Address l1;
        l1.bytes[0] = 0x11;
        queue.push_back(Deposit{0, addr(1003), addr(1002), u256(12345)});
        txs.push_back(signed_tx(1003, l1, 50, 0, 1, TxKind::Withdrawal));
        txs.push_back(signed_tx(1002, fresh, 1, 1, 1));
    }
    Honest h{prepare_batch(pre, stf, 0, 0, std::move(queue), std::move(txs)), {}};
    h.batch.statement.pre_root = system.state_root(*pre);
    h.batch.statement.post_root = system.state_root(*h.batch.post);
    h.proof = system.prove(h.batch.statement, h.batch.witness);
    return h;
}

struct Fixture {
    StarkProofSystem system{fuzz_options()};
    Honest statements[2] = {honest(system, false), honest(system, true)};
};

const Fixture* g_fixture = nullptr;

bool same(BytesView a, const Bytes& b) { return a.size() == b.size() && std::equal(b.begin(), b.end(), a.begin()); }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    g_fixture = new Fixture();  // lives for the whole run
    for (const auto& h : g_fixture->statements) {
        if (!g_fixture->system.check(h.batch.statement, h.proof).ok) std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const Fixture& f = *g_fixture;
    const Honest& h = f.statements[data[0] & 1];
    const BytesView proof(data + 1, size - 1);
    try {
        const Bytes again = StarkBatchProof::decode(proof).encode();
        if (!same(proof, again)) std::abort();  // not canonical
    } catch (const DecodeError&) {
    }
    const Verdict v = f.system.check(h.batch.statement, proof);
    if (v.ok) {
        // Accepted: it must be the honest proof, canonically encoded.
        if (StarkBatchProof::decode(proof).encode() != h.proof || !same(proof, h.proof)) std::abort();
    }
    return 0;
}
