#pragma once
// Test-only helpers shared by the RLP tests: a value tree independent of the decoder's Item, two
// encoder paths over it, and the rejection (kind, offset) raised by decode().
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"

namespace l2lab_test {

using l2lab::Bytes;
using l2lab::BytesView;
using l2lab::DecodeError;
using l2lab::DecodeErrorKind;
using l2lab::from_hex;
using l2lab::to_hex;
namespace rlp = l2lab::rlp;

// A value tree independent of the decoder's Item: what the tests encode and compare.
struct Tree {
    bool is_list = false;
    Bytes bytes;
    std::vector<Tree> items;

    static Tree str(std::string_view s) { return Tree{false, Bytes(s.begin(), s.end()), {}}; }
    static Tree raw(Bytes b) { return Tree{false, std::move(b), {}}; }
    static Tree hex(std::string_view h) { return Tree{false, from_hex(h), {}}; }
    static Tree list(std::vector<Tree> items) { return Tree{true, {}, std::move(items)}; }
    bool operator==(const Tree&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, const Tree& t) {
    if (!t.is_list) return os << to_hex(t.bytes);
    os << '[';
    for (std::size_t i = 0; i < t.items.size(); ++i) os << (i ? ", " : "") << t.items[i];
    return os << ']';
}

// Encoder path 1: encode_bytes / encode_list.
inline Bytes encode_tree(const Tree& t) {
    if (!t.is_list) return rlp::encode_bytes(t.bytes);
    std::vector<Bytes> parts;
    for (const auto& c : t.items) parts.push_back(encode_tree(c));
    return rlp::encode_list(parts);
}

// Encoder path 2: ListBuilder. Both must agree.
inline Bytes build_tree(const Tree& t) {
    if (!t.is_list) return rlp::encode_bytes(t.bytes);
    rlp::ListBuilder b;
    for (const auto& c : t.items) {
        if (c.is_list) {
            b.add_encoded(build_tree(c));
        } else {
            b.add_bytes(c.bytes);
        }
    }
    return b.finish();
}

inline Tree from_item(const rlp::Item& item) {
    if (!item.is_list()) {
        const BytesView v = item.bytes();
        return Tree::raw(Bytes(v.begin(), v.end()));
    }
    Tree t = Tree::list({});
    for (const auto& c : item.items()) t.items.push_back(from_item(c));
    return t;
}

inline Tree decode_tree(const Bytes& input, const rlp::Limits& limits = {}) {
    return from_item(rlp::decode(input, limits));
}

// The rejection raised by decode(), or nothing.
struct Rejection {
    bool rejected = false;
    DecodeErrorKind kind{};
    std::size_t offset = 0;
};

inline Rejection try_decode(const Bytes& input, const rlp::Limits& limits = {}) {
    try {
        (void)rlp::decode(input, limits);
    } catch (const DecodeError& e) {
        return {true, e.kind(), e.offset()};
    }
    return {};
}

}  // namespace l2lab_test
