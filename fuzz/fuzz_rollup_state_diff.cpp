// libFuzzer target for the strict state-diff decoder (validity-mode data format). For any
// input: StateDiff::decode throws DecodeError, or yields a diff whose encoding is the input
// byte for byte (the format is canonical) and which, applied to a fixed state of four registered
// accounts, either is refused with StateError leaving the state untouched (root, accounts,
// withdrawals, registry) or is applied, and then applying it again with the reached root as the
// expected root to the fixed state reaches the same state (application is deterministic), while
// expecting any other root is refused leaving the state untouched. Seeds: fuzz/corpus/
// fuzz_rollup_state_diff/ (made by tests/python/test_rollup_fuzz_seeds.py from the same state).
#include <cstddef>
#include <algorithm>
#include <cstdint>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/state_diff.hpp"

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

// Must match fixture() in tests/python/test_rollup_fuzz_seeds.py.
l2lab::rollup::L2State fixture() {
    using namespace l2lab;
    rollup::L2State s;
    for (std::uint8_t i = 1; i <= 4; ++i) {
        Address a;
        a.bytes.fill(i);
        s.set_account(a, {1, u256(1'000'000)});
        (void)s.register_account(a);
    }
    return s;
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
    static const L2State base = fixture();
    L2State st = base.clone();
    const Hash32 root = st.state_root();
    try {
        apply_state_diff(st, d);
        const Hash32 reached = st.state_root();
        L2State again = base.clone();
        apply_state_diff(again, d, reached);
        check(again.state_root() == reached && again.accounts() == st.accounts());
        Hash32 other = reached;
        other.bytes[0] ^= 1;
        L2State wrong = base.clone();
        try {
            apply_state_diff(wrong, d, other);
            check(false);
        } catch (const StateError&) {
            check(wrong.state_root() == root && !wrong.journaling());
        }
    } catch (const StateError&) {
        check(st.state_root() == root);
        check(st.accounts() == base.accounts() && st.withdrawals().empty());
        check(st.registered_count() == 4 && !st.journaling());
    }
    return 0;
}
