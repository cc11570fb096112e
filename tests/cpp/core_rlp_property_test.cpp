// RLP properties (RapidCheck): decode inverts encode over random trees, accepted input re-encodes
// to exactly itself, prefixes are truncated and suffixes trailing, and every non-canonical
// mutation (wrapped single byte, long form for a short payload, leading zero in a length) is
// rejected with the right kind at the right offset, alone or among random siblings.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <utility>
#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "rlp_test_tree.hpp"

using namespace l2lab_test;

namespace {

// Payload lengths cluster around the RLP boundaries (1, 55/56, 255/256) with an occasional
// 64 KiB string so that 3-byte lengths are exercised too.
Bytes gen_payload() {
    std::size_t len = 0;
    switch (*rc::gen::inRange(0, 12)) {
        case 0: case 1: case 2: case 3: len = *rc::gen::inRange<std::size_t>(0, 3); break;
        case 4: case 5: case 6: len = *rc::gen::inRange<std::size_t>(50, 62); break;
        case 7: case 8: len = *rc::gen::inRange<std::size_t>(0, 300); break;
        case 9: case 10: len = *rc::gen::inRange<std::size_t>(250, 262); break;
        default: len = *rc::gen::inRange(0, 16) == 0 ? 65536 + *rc::gen::inRange(-4, 4) : 1;
    }
    if (len == 1) return {*rc::gen::arbitrary<std::uint8_t>()};
    return *rc::gen::container<Bytes>(len, rc::gen::arbitrary<std::uint8_t>());
}

Tree gen_tree(int depth) {
    if (depth == 0 || *rc::gen::inRange(0, 3) == 0) return Tree::raw(gen_payload());
    const auto n = *rc::gen::inRange(0, 6);
    Tree t = Tree::list({});
    for (int i = 0; i < n; ++i) t.items.push_back(gen_tree(depth - 1));
    return t;
}

// A random valid encoding with the mutated item `m` placed among random siblings, or alone at
// the top level. Returns the input and the offset where `m` starts.
std::pair<Bytes, std::size_t> embed(const Bytes& m) {
    if (*rc::gen::arbitrary<bool>()) return {m, 0};
    std::vector<Bytes> parts;
    const auto before = *rc::gen::inRange(0, 3);
    for (int i = 0; i < before; ++i) parts.push_back(encode_tree(gen_tree(2)));
    std::size_t prefix = 0;
    for (const auto& p : parts) prefix += p.size();
    parts.push_back(m);
    const auto after = *rc::gen::inRange(0, 3);
    for (int i = 0; i < after; ++i) parts.push_back(encode_tree(gen_tree(2)));
    std::size_t payload = 0;
    for (const auto& p : parts) payload += p.size();
    const Bytes outer = rlp::encode_list(parts);
    return {outer, outer.size() - payload + prefix};
}

void assert_rejected(const Bytes& input, DecodeErrorKind kind, std::size_t offset) {
    const Rejection r = try_decode(input);
    RC_ASSERT(r.rejected);
    RC_ASSERT(l2lab::decode_error_name(r.kind) == l2lab::decode_error_name(kind));
    RC_ASSERT(r.offset == offset);
}

// Canonical long-form header for `payload_size`, with `extra_zeros` zero bytes in front of the
// length (base 0x80 for strings, 0xc0 for lists).
Bytes long_header(std::uint8_t base, std::size_t payload_size, std::size_t extra_zeros) {
    std::size_t len_bytes = 0;
    for (std::size_t n = payload_size; n != 0; n >>= 8) ++len_bytes;
    Bytes h(1 + extra_zeros + len_bytes, 0);
    h[0] = static_cast<std::uint8_t>(base + 55 + extra_zeros + len_bytes);
    for (std::size_t i = 0; i < len_bytes; ++i) {
        h[h.size() - 1 - i] = static_cast<std::uint8_t>(payload_size >> (8 * i));
    }
    return h;
}

// The payload of a decoded item: a string's bytes, or a list's concatenated children.
BytesView payload_of(const rlp::Item& item) {
    if (!item.is_list()) return item.bytes();
    std::size_t size = 0;
    for (const auto& c : item.items()) size += c.encoded().size();
    return item.encoded().last(size);
}

}  // namespace

RC_GTEST_PROP(CoreRlp, DecodeInvertsEncode, ()) {
    const Tree t = gen_tree(4);
    const Bytes enc = encode_tree(t);
    RC_ASSERT(build_tree(t) == enc);
    RC_ASSERT(decode_tree(enc) == t);
}

RC_GTEST_PROP(CoreRlp, ProperPrefixIsTruncatedAndSuffixIsTrailing, ()) {
    const Bytes enc = encode_tree(gen_tree(3));
    const auto cut = *rc::gen::inRange<std::size_t>(0, enc.size());
    const Rejection r = try_decode(Bytes(enc.begin(), enc.begin() + cut));
    RC_ASSERT(r.rejected);
    RC_ASSERT(r.kind == DecodeErrorKind::Truncated);
    Bytes longer = enc;
    longer.push_back(*rc::gen::arbitrary<std::uint8_t>());
    assert_rejected(longer, DecodeErrorKind::TrailingBytes, enc.size());
}

RC_GTEST_PROP(CoreRlp, AcceptedInputReencodesToItself, ()) {
    Bytes input;
    if (*rc::gen::inRange(0, 4) == 0) {
        input = *rc::gen::container<Bytes>(rc::gen::arbitrary<std::uint8_t>());
    } else {
        input = encode_tree(gen_tree(3));
        const auto edits = *rc::gen::inRange(1, 4);
        for (int e = 0; e < edits && !input.empty(); ++e) {
            const auto at = *rc::gen::inRange<std::size_t>(0, input.size());
            const auto byte = *rc::gen::arbitrary<std::uint8_t>();
            switch (*rc::gen::inRange(0, 4)) {
                case 0: input[at] = byte; break;
                case 1: input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), byte); break;
                case 2: input.erase(input.begin() + static_cast<std::ptrdiff_t>(at)); break;
                default: input[at] ^= static_cast<std::uint8_t>(1u << (byte % 8));
            }
        }
    }
    try {
        const auto item = rlp::decode(input);
        RC_CLASSIFY(true, "accepted");
        RC_ASSERT(encode_tree(from_item(item)) == input);
    } catch (const DecodeError&) {
        RC_CLASSIFY(true, "rejected");
    }
}

RC_GTEST_PROP(CoreRlp, WrappedSingleByteIsNonCanonical, ()) {
    const auto b = *rc::gen::inRange<std::uint8_t>(0, 0x80);
    const auto [input, offset] = embed(Bytes{0x81, b});
    assert_rejected(input, DecodeErrorKind::NonCanonical, offset);
}

RC_GTEST_PROP(CoreRlp, LongFormForShortPayloadIsNonCanonical, ()) {
    Bytes m;
    const Tree t = gen_tree(2);
    const Bytes enc = encode_tree(t);
    // A long-form length of 0 would be the byte 0x00, a leading zero: covered separately.
    const bool short_list = t.is_list && enc.size() <= 56 && enc.size() > 1;
    if (short_list) {
        const BytesView payload = payload_of(rlp::decode(enc));
        m = long_header(0xc0, payload.size(), 0);
        m.insert(m.end(), payload.begin(), payload.end());
    } else {
        const auto len = *rc::gen::inRange<std::size_t>(1, 56);
        const Bytes payload = *rc::gen::container<Bytes>(len, rc::gen::arbitrary<std::uint8_t>());
        m = {0xb8, static_cast<std::uint8_t>(len)};
        m.insert(m.end(), payload.begin(), payload.end());
    }
    const auto [input, offset] = embed(m);
    assert_rejected(input, DecodeErrorKind::NonCanonical, offset);
}

RC_GTEST_PROP(CoreRlp, LeadingZeroInLengthIsRejected, ()) {
    // Any payload, re-headed in long form with zero bytes before its length (at most 8 bytes).
    const Tree t = gen_tree(2);
    const Bytes enc = encode_tree(t);
    const rlp::Item item = rlp::decode(enc);
    const BytesView payload = payload_of(item);
    const auto zeros = *rc::gen::inRange<std::size_t>(1, 4);
    Bytes m = long_header(t.is_list ? 0xc0 : 0x80, payload.size(), zeros);
    m.insert(m.end(), payload.begin(), payload.end());
    const auto [input, offset] = embed(m);
    assert_rejected(input, DecodeErrorKind::LeadingZeros, offset + 1);
}

RC_GTEST_PROP(CoreRlp, IntegersMatchMinimalBigEndianAndRoundTrip, ()) {
    // Random width 0..256 bits so that every byte length and limb boundary is hit.
    l2lab::u256 v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 64) | *rc::gen::arbitrary<std::uint64_t>();
    const auto bits = *rc::gen::inRange(0, 257);
    v = bits == 0 ? l2lab::u256(0) : v >> (256 - bits);
    const Bytes enc = rlp::encode_u256(v);
    RC_ASSERT(enc == rlp::encode_bytes(l2lab::to_be_minimal(v)));
    RC_ASSERT(rlp::ListBuilder().add_u256(v).finish() == rlp::encode_list(std::vector<Bytes>{enc}));
    RC_ASSERT(rlp::decode(enc).u256_value() == v);
    if (v <= l2lab::u256(~0ULL)) {
        const auto small = v.convert_to<std::uint64_t>();
        RC_ASSERT(rlp::encode_u64(small) == enc);
        RC_ASSERT(rlp::decode(enc).u64_value() == small);
    }
}
