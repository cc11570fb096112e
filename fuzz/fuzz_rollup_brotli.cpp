// libFuzzer target for the brotli decompressor with a hard output cap: any input either throws
// DecodeError or decompresses to at most the cap; a successful output recompresses and
// round-trips. Decompression bombs must stop at the cap (Oversized), never allocate beyond it.
#include <cstddef>
#include <cstdint>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/compression.hpp"

namespace {
void check(bool ok) {
    if (!ok) __builtin_trap();
}
constexpr std::size_t kCap = 1u << 18;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace l2lab::rollup;
    try {
        const l2lab::Bytes out = decompress(Codec::Brotli, {data, size}, kCap);
        check(out.size() <= kCap);
        check(decompress(Codec::Brotli, compress(Codec::Brotli, out, 1), kCap) == out);
    } catch (const l2lab::DecodeError&) {
    }
    return 0;
}
