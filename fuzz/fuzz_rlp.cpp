// libFuzzer target for the strict RLP decoder. For any input: decoding either throws DecodeError
// or yields a tree that re-encodes to exactly the input (canonical form is unique); tighter limits
// only ever add Oversized rejections; typed accessors throw DecodeError or succeed. Anything else
// (another exception, a sanitizer report, a mismatch) is a crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"

namespace {

using l2lab::Bytes;
namespace rlp = l2lab::rlp;

Bytes reencode(const rlp::Item& item) {
    if (!item.is_list()) return rlp::encode_bytes(item.bytes());
    rlp::ListBuilder builder;
    for (const auto& child : item.items()) builder.add_encoded(reencode(child));
    return builder.finish();
}

void check(bool ok) {
    if (!ok) __builtin_trap();
}

// Accessors on every string item must either succeed or reject with DecodeError.
void poke_accessors(const rlp::Item& item) {
    if (item.is_list()) {
        for (const auto& child : item.items()) poke_accessors(child);
        return;
    }
    try {
        const l2lab::u256 v = item.u256_value();
        check(rlp::encode_u256(v).size() == item.encoded().size());
    } catch (const l2lab::DecodeError&) {
    }
    try {
        (void)item.u64_value();
    } catch (const l2lab::DecodeError&) {
    }
    try {
        (void)item.hash();
    } catch (const l2lab::DecodeError&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const l2lab::BytesView input(data, size);
    bool accepted = false;
    try {
        const rlp::Item root = rlp::decode(input);
        accepted = true;
        check(root.encoded().size() == size);
        const Bytes again = reencode(root);
        check(again.size() == size);
        check(std::equal(again.begin(), again.end(), input.begin()));
        poke_accessors(root);
    } catch (const l2lab::DecodeError& e) {
        check(e.offset() <= size);
    }

    rlp::Limits tight;
    tight.max_depth = 3;
    tight.max_items = 8;
    try {
        (void)rlp::decode(input, tight);
        check(accepted);
    } catch (const l2lab::DecodeError& e) {
        check(!accepted || e.kind() == l2lab::DecodeErrorKind::Oversized);
    }
    return 0;
}
