#pragma once
/// \file rlp.hpp
/// Strict canonical RLP (Ethereum Yellow Paper, appendix B). Every off-chain message, calldata
/// payload, batch and proof crosses a boundary through this codec.
///
/// Encoding is always canonical. Decoding accepts exactly the canonical encoding and rejects, with
/// a DecodeError naming kind and byte offset: truncation, trailing bytes after the top-level item,
/// a single byte < 0x80 wrapped as a one-byte string, long-form lengths for payloads < 56 bytes,
/// lengths with leading zero bytes, lengths that overflow, nesting deeper than the limit, and input
/// larger than the limit. Integers additionally reject leading zero bytes and values > 2^256-1.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"

namespace l2lab::rlp {

/// Largest Limits::max_depth that decode() accepts. The decoder itself is iterative, but a
/// decoded Item tree is destroyed (and converted by callers) recursively, so nesting stays bounded.
inline constexpr std::size_t kMaxDepthCap = 1024;

/// Default decoding limits; callers with tighter budgets pass their own.
struct Limits {
    std::size_t max_input_bytes = 16u << 20;  ///< whole input, bytes
    /// list nesting: a top-level list has depth 1, a list inside it depth 2, ...; a string at top
    /// level has depth 0. At most kMaxDepthCap.
    std::size_t max_depth = 64;
    std::size_t max_items = 1u << 20;  ///< total items in the tree, the top-level item included
};

// ---- encoding -----------------------------------------------------------------------------

/// Encoding of a byte string.
Bytes encode_bytes(BytesView data);
/// Encoding of an unsigned integer: minimal big-endian bytes (0 encodes as the empty string 0x80).
Bytes encode_u256(const u256& v);
Bytes encode_u64(std::uint64_t v);
/// Encoding of a list whose items are already encoded (concatenated payload).
Bytes encode_list(std::span<const Bytes> encoded_items);

/// Builds a list item by appending encoded fields; `finish()` wraps the payload once.
class ListBuilder {
public:
    ListBuilder& add_bytes(BytesView data);
    ListBuilder& add_u256(const u256& v);
    ListBuilder& add_u64(std::uint64_t v);
    ListBuilder& add_hash(const Hash32& h) { return add_bytes(h.view()); }
    ListBuilder& add_address(const Address& a) { return add_bytes(a.view()); }
    /// Append an item that is already RLP-encoded (e.g. a nested list).
    ListBuilder& add_encoded(BytesView encoded);
    /// The encoded list. The builder may be reused afterwards (it is left empty).
    Bytes finish();

private:
    Bytes m_payload;
};

// ---- decoding -----------------------------------------------------------------------------

/// A decoded item: a view into the input buffer (which must outlive it).
class Item {
public:
    bool is_list() const noexcept { return m_is_list; }
    /// Byte offset of this item's first header byte in the top-level input (for error messages).
    std::size_t offset() const noexcept { return m_offset; }

    /// The string payload. Throws DecodeError(UnexpectedType) for a list.
    BytesView bytes() const;
    /// The string payload as exactly N bytes (Hash32, Address). Throws DecodeError
    /// (UnexpectedType/InvalidValue) for a list or a wrong length.
    Hash32 hash() const;
    Address address() const;
    /// Canonical integer: no leading zero byte, at most 32 bytes. DecodeError otherwise.
    u256 u256_value() const;
    /// As u256_value(), and at most 2^64 - 1.
    std::uint64_t u64_value() const;
    /// Items of a list. Throws DecodeError(UnexpectedType) for a string.
    const std::vector<Item>& items() const;
    /// items() after checking there are exactly `n`. DecodeError(UnexpectedType) otherwise.
    const std::vector<Item>& fields(std::size_t n) const;

    /// The full encoding of this item (header + payload) inside the input.
    BytesView encoded() const noexcept { return m_encoded; }

private:
    friend class Decoder;
    bool m_is_list = false;
    std::size_t m_offset = 0;
    BytesView m_payload;
    BytesView m_encoded;
    std::vector<Item> m_items;
};

/// Decode exactly one top-level item spanning all of `input`. Throws DecodeError with kind and
/// offset: Oversized (input longer than max_input_bytes, at offset max_input_bytes; list deeper
/// than max_depth, at that list; more than max_items items, at the first extra item), Truncated
/// (empty input, or an item or length field running past the end of the input or of its
/// enclosing list, at the item's header), TrailingBytes (at the first byte after the item),
/// NonCanonical (a byte < 0x80 wrapped as 0x81 xx; a long-form header for a payload < 56 bytes;
/// at the header), LeadingZeros (a long-form length starting with 0x00, at that byte).
/// Throws InvalidArgument when limits.max_depth > kMaxDepthCap.
Item decode(BytesView input, const Limits& limits = {});

}  // namespace l2lab::rlp
