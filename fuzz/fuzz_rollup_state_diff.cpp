// libFuzzer target for the strict state-diff decoder (validity-mode data format). For any
// input: StateDiff::decode throws DecodeError, or yields a diff whose encoding is the input
// byte for byte (the format is canonical) and which, applied to the empty state, either is
// refused with StateError leaving the state untouched or reaches exactly its post_root.
#include <cstddef>
#include <algorithm>
#include <cstdint>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/state_diff.hpp"

namespace {
void check(bool ok) {
    if (!ok) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace l2lab;
    using namespace l2lab::rollup;
    if (size > (1u << 16)) return 0;
    StateDiff d;
    try {
        d = StateDiff::decode({data, size});
    } catch (const DecodeError&) {
        return 0;
    }
    const Bytes enc = d.encode();
    check(enc.size() == size && std::equal(enc.begin(), enc.end(), data));
    L2State st;
    const Hash32 empty = st.state_root();
    try {
        apply_state_diff(st, d);
        check(st.state_root() == d.post_root);
    } catch (const StateError&) {
        check(st.state_root() == empty);
        check(st.accounts().empty() && st.withdrawals().empty());
    }
    return 0;
}
