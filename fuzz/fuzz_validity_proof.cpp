// libFuzzer target: proof decoding and verification of the validity proof systems against a
// fixed small batch. Must never crash or throw (a bad proof is a rejected Verdict). Oracles: a
// decoded witness proof re-encodes to the same bytes (canonical codec), and the only proof ever
// accepted is the honest one (both provers are deterministic), so no mutation is accepted.
// Input: byte 0 selects what the rest is: 0 a witness proof of the calldata statement, 1 a
// witness proof of the blob statement, 2 a modelled proof, 3 bytes for the other strict decoders
// (Statement, partial tree, diff batch). Seeds: fuzz/corpus/fuzz_validity_proof/ (made by
// tests/python/test_validity_fuzz_seeds.py from the same batch).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/batch_builder.hpp"
#include "l2lab/validity/modelled.hpp"
#include "l2lab/validity/witness.hpp"

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

// Must match batch() in tests/python/test_validity_fuzz_seeds.py.
PreparedBatch batch(BatchDa da) {
    auto addr = [](std::uint64_t k) { return crypto::PrivateKey::from_int(u256(k)).address(); };
    auto pre = std::make_shared<L2State>();
    for (std::uint64_t k = 1001; k <= 1004; ++k) {
        pre->set_account(addr(k), {0, u256(1'000'000'000'000'000'000ull)});
        if (k != 1004) (void)pre->register_account(addr(k));  // 1004 stays unregistered
    }
    for (std::uint8_t i = 0; i < 3; ++i) {
        Address a;
        a.bytes[0] = 0xbb;
        a.bytes[19] = i;
        pre->set_account(a, {3, u256(1000 + i)});
        (void)pre->register_account(a);
    }
    Address fresh;
    fresh.bytes[0] = 0x77;
    const StfConfig stf{901, Address::from_hex_text("0xfee0000000000000000000000000000000000fee")};
    std::vector<Op> queue{Deposit{0, addr(1004), addr(1002), u256(12345)}};
    std::vector<L2Tx> txs{signed_tx(1001, addr(1002), 1000, 0, 1), signed_tx(1002, addr(1003), 7, 0, 2),
                          signed_tx(1003, addr(1001), 50, 0, 1, TxKind::Withdrawal),
                          signed_tx(1001, fresh, 1, 1, 1)};
    return prepare_batch(pre, stf, 0, 0, std::move(queue), std::move(txs), da, Codec::Zstd, 3);
}

struct Fixture {
    PreparedBatch calldata = batch(BatchDa::Calldata);
    PreparedBatch blob = batch(BatchDa::Blob);
    WitnessProofSystem witness;
    ModelledProofSystem modelled;
    Bytes honest_calldata = witness.prove(calldata.statement, calldata.witness);
    Bytes honest_blob = witness.prove(blob.statement, blob.witness);
    Bytes honest_modelled = modelled.prove(calldata.statement, calldata.witness);
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

bool same(BytesView a, const Bytes& b) { return a.size() == b.size() && std::equal(b.begin(), b.end(), a.begin()); }

void check_witness(const WitnessProofSystem& ws, const Statement& st, const Bytes& honest, BytesView proof) {
    try {
        const Bytes again = WitnessProof::decode(proof).encode();
        if (!same(proof, again)) std::abort();
    } catch (const DecodeError&) {
    }
    const Verdict v = ws.check(st, proof);
    if (v.ok && !same(proof, honest)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const Fixture& f = fixture();
    const BytesView rest(data + 1, size - 1);
    switch (data[0] & 3) {
        case 0: check_witness(f.witness, f.calldata.statement, f.honest_calldata, rest); break;
        case 1: check_witness(f.witness, f.blob.statement, f.honest_blob, rest); break;
        case 2:
            if (f.modelled.verify(f.calldata.statement, rest) && !same(rest, f.honest_modelled)) std::abort();
            break;
        default:
            try {
                const Statement s = Statement::decode(rest);
                if (!same(rest, s.encode())) std::abort();
            } catch (const DecodeError&) {
            }
            try {
                const PartialTree t = PartialTree::decode(rest);
                if (!same(rest, t.encode())) std::abort();
            } catch (const DecodeError&) {
            }
            try {
                const DiffBatch b = decode_diff_batch(rest, 1u << 20);
                // A raw frame (codec byte none) is canonical: it re-encodes byte for byte.
                if (rest[1] == 0 && !same(rest, encode_diff_batch(b, Codec::None, 0))) std::abort();
            } catch (const DecodeError&) {
            }
    }
    return 0;
}
