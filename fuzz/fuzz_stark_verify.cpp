// libFuzzer target: arbitrary bytes -> StarkProof::decode -> STARK verification of a fixed
// Fibonacci statement. Must never crash or throw (a bad proof is a VerifyResult, never an
// exception). Oracles: a decoded proof re-encodes to the same bytes (canonical codec), and the
// only proof ever accepted is the honest one (the prover is deterministic), so no mutation of a
// valid proof is accepted.
// Input: byte 0 selects the statement (bit 0: 8 or 16 rows; bit 1: folding 2 or 4); the rest
// is the encoded proof. Seeds: fuzz/corpus/fuzz_stark_verify/ (made by
// tests/python/test_stark_fuzz_seeds.py with the same options).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/fibonacci.hpp"
#include "l2lab/validity/stark/prover.hpp"
#include "l2lab/validity/stark/verifier.hpp"

using namespace l2lab;
using namespace l2lab::stark;

namespace {

ProofOptions fuzz_options(std::uint32_t folding) {
    ProofOptions o;
    // 12 queries at blowup 8 + 8 grinding bits: ~43 conjectured bits, far beyond what a fuzzer
    // can brute-force, so an accepted mutation would be a real bug.
    o.num_queries = 12;
    o.grinding_bits = 8;
    o.folding_factor = folding;
    o.remainder_max_degree = 3;
    o.allow_insecure = true;
    return o;
}

struct Statement {
    std::size_t n;
    ProofOptions options;
    FibonacciAir air;
    Bytes honest;
    Statement(std::size_t rows, std::uint32_t folding)
        : n(rows), options(fuzz_options(folding)), air(rows, fibonacci_result(rows)),
          honest(prove(air, fibonacci_trace(rows), options).encode()) {}
};

const Statement& statement(std::uint8_t selector) {
    static const Statement s[4] = {{8, 2}, {16, 2}, {8, 4}, {16, 4}};
    return s[selector & 3];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const Statement& s = statement(data[0]);
    const BytesView bytes(data + 1, size - 1);
    try {
        const StarkProof p = StarkProof::decode(bytes);
        const Bytes again = p.encode();
        if (again.size() != bytes.size() || !std::equal(again.begin(), again.end(), bytes.begin())) std::abort();
    } catch (const DecodeError&) {
    }
    const VerifyResult r = verify_encoded(s.air, bytes, s.options);
    if (r.ok() && !(bytes.size() == s.honest.size() && std::equal(bytes.begin(), bytes.end(), s.honest.begin())))
        std::abort();  // accepted something other than the honest proof
    return 0;
}
