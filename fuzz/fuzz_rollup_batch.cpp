// libFuzzer target for the strict batch frame decoder (all codecs). For any input: decode_batch
// throws DecodeError or yields a batch whose uncompressed re-encoding is within the cap, and
// which re-decodes to the same batch from a fresh 'none' frame. Anything else is a crash.
#include <cstddef>
#include <cstdint>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/batch.hpp"

namespace {
void check(bool ok) {
    if (!ok) __builtin_trap();
}
constexpr std::size_t kCap = 1u << 20;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace l2lab::rollup;
    try {
        const Batch b = decode_batch({data, size}, kCap);
        check(encode_batch_payload(b).size() <= kCap);
        check(decode_batch(encode_batch(b, Codec::None, 0), kCap) == b);
    } catch (const l2lab::DecodeError&) {
    }
    return 0;
}
