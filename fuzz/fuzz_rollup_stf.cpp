// libFuzzer target for the STF on random op sequences, differential against the stateless
// step verifier: every step's witness must recompute exactly the post-root apply_op reached,
// and a skipped step must leave the root unchanged. Input: a sequence of encoded ops, each
// prefixed by a 2-byte length; undecodable chunks become UndecodableOp.
#include <cstddef>
#include <cstdint>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/stf.hpp"

namespace {
void check(bool ok) {
    if (!ok) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace l2lab::rollup;
    L2State state;
    StfConfig cfg;
    std::size_t pos = 0;
    int steps = 0;
    while (pos + 2 <= size && steps++ < 64) {
        const std::size_t n = (std::size_t{data[pos]} << 8 | data[pos + 1]) % 512;
        pos += 2;
        const std::size_t len = n < size - pos ? n : size - pos;
        const l2lab::BytesView chunk{data + pos, len};
        pos += len;
        Op op = UndecodableOp{l2lab::Bytes(chunk.begin(), chunk.end())};
        try {
            op = decode_op(chunk);
        } catch (const l2lab::DecodeError&) {
        }
        const auto pre = state.state_root();
        StepWitness w;
        const auto out = apply_op(state, cfg, op, nullptr, &w);
        const auto v = verify_step(cfg, pre, op, w);
        check(v.has_value());
        check(v->post_root == state.state_root());
        check(v->outcome.applied == out.applied);
        if (!out.applied) check(pre == state.state_root());
    }
    return 0;
}
