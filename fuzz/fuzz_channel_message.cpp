// libFuzzer target for the channel message and persisted-record decoders. For any input:
// decode_message either throws DecodeError or yields a message that re-encodes to exactly the
// input (the codec is canonical); the same for ChannelRecordData (persisted state loading, P3).
// Any other exception, sanitizer report or mismatch is a crash.
#include <cstddef>
#include <cstdint>

#include "l2lab/channel/message.hpp"
#include "l2lab/channel/store.hpp"
#include "l2lab/core/error.hpp"

namespace {
void check(bool ok) {
    if (!ok) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const l2lab::BytesView in(data, size);
    try {
        const auto m = l2lab::channel::decode_message(in);
        const auto again = l2lab::channel::encode_message(m);
        check(again.size() == size && std::equal(again.begin(), again.end(), data));
    } catch (const l2lab::DecodeError&) {
    }
    try {
        const auto r = l2lab::channel::ChannelRecordData::decode(in);
        const auto again = r.encode();
        check(again.size() == size && std::equal(again.begin(), again.end(), data));
    } catch (const l2lab::DecodeError&) {
    }
    return 0;
}
