#include "l2lab/core/rlp.hpp"

#include <algorithm>
#include <string>

#include "l2lab/core/error.hpp"

namespace l2lab::rlp {
namespace {

constexpr std::uint8_t kStringOffset = 0x80;
constexpr std::uint8_t kListOffset = 0xc0;
constexpr std::size_t kShortLimit = 56;  // payloads of 0..55 bytes use the one-byte header

std::size_t be_length_bytes(std::size_t n) {
    std::size_t len = 0;
    for (; n != 0; n >>= 8) ++len;
    return len;
}

void append_header(Bytes& out, std::uint8_t base, std::size_t payload_size) {
    if (payload_size < kShortLimit) {
        out.push_back(static_cast<std::uint8_t>(base + payload_size));
        return;
    }
    const std::size_t len_of_len = be_length_bytes(payload_size);
    out.push_back(static_cast<std::uint8_t>(base + 55 + len_of_len));
    for (std::size_t i = len_of_len; i-- > 0;) {
        out.push_back(static_cast<std::uint8_t>(payload_size >> (8 * i)));
    }
}

std::size_t header_size(std::size_t payload_size) {
    return payload_size < kShortLimit ? 1 : 1 + be_length_bytes(payload_size);
}

void append_string(Bytes& out, BytesView data) {
    if (data.size() == 1 && data[0] < kStringOffset) {
        out.push_back(data[0]);
        return;
    }
    append_header(out, kStringOffset, data.size());
    out.insert(out.end(), data.begin(), data.end());
}

// Minimal big-endian bytes of a u64 into a fixed buffer; returns the start index.
std::size_t minimal_be_u64(std::uint64_t v, std::uint8_t (&buf)[8]) {
    std::size_t start = 8;
    for (; v != 0; v >>= 8) buf[--start] = static_cast<std::uint8_t>(v & 0xff);
    return start;
}

// Minimal big-endian bytes of a u256 into a fixed buffer; returns the start index. Reads the
// 64-bit limbs directly: byte-wise shifts of the checked u256 dominated encoding time.
std::size_t minimal_be_u256(const u256& v, std::uint8_t (&buf)[32]) {
    static_assert(sizeof(boost::multiprecision::limb_type) == 8, "64-bit limbs expected");
    const auto& backend = v.backend();
    const std::size_t limbs = backend.size();  // least significant first, no leading zero limbs
    for (std::size_t w = 0; w < 4; ++w) {
        const std::uint64_t word = w < limbs ? backend.limbs()[w] : 0;
        for (std::size_t i = 0; i < 8; ++i) {
            buf[31 - 8 * w - i] = static_cast<std::uint8_t>(word >> (8 * i));
        }
    }
    std::size_t start = 0;
    while (start < 32 && buf[start] == 0) ++start;
    return start;
}

// Inverse of minimal_be_u256 for at most 32 bytes (checked by the caller).
u256 u256_from_be(BytesView be) {
    std::uint64_t words[4] = {};  // least significant first
    for (std::size_t k = 0; k < be.size(); ++k) {
        words[k / 8] |= static_cast<std::uint64_t>(be[be.size() - 1 - k]) << (8 * (k % 8));
    }
    u256 out;
    boost::multiprecision::import_bits(out, words, words + 4, 64, false);
    return out;
}

std::string describe_size(std::size_t n) { return std::to_string(n) + " bytes"; }

}  // namespace

// ---- encoding -----------------------------------------------------------------------------

Bytes encode_bytes(BytesView data) {
    Bytes out;
    out.reserve(header_size(data.size()) + data.size());
    append_string(out, data);
    return out;
}

Bytes encode_u256(const u256& v) {
    std::uint8_t buf[32] = {};
    const std::size_t start = minimal_be_u256(v, buf);
    return encode_bytes(BytesView(buf + start, 32 - start));
}

Bytes encode_u64(std::uint64_t v) {
    std::uint8_t buf[8] = {};
    const std::size_t start = minimal_be_u64(v, buf);
    return encode_bytes(BytesView(buf + start, 8 - start));
}

Bytes encode_list(std::span<const Bytes> encoded_items) {
    std::size_t payload = 0;
    for (const auto& item : encoded_items) payload += item.size();
    Bytes out;
    out.reserve(header_size(payload) + payload);
    append_header(out, kListOffset, payload);
    for (const auto& item : encoded_items) out.insert(out.end(), item.begin(), item.end());
    return out;
}

// One allocation covers a typical transaction-sized list; larger payloads grow geometrically.
constexpr std::size_t kBuilderInitialCapacity = 256;

namespace {
Bytes& ready(Bytes& payload) {
    if (payload.capacity() == 0) payload.reserve(kBuilderInitialCapacity);
    return payload;
}
}  // namespace

ListBuilder& ListBuilder::add_bytes(BytesView data) {
    append_string(ready(m_payload), data);
    return *this;
}

ListBuilder& ListBuilder::add_u256(const u256& v) {
    std::uint8_t buf[32] = {};
    const std::size_t start = minimal_be_u256(v, buf);
    append_string(ready(m_payload), BytesView(buf + start, 32 - start));
    return *this;
}

ListBuilder& ListBuilder::add_u64(std::uint64_t v) {
    std::uint8_t buf[8] = {};
    const std::size_t start = minimal_be_u64(v, buf);
    append_string(ready(m_payload), BytesView(buf + start, 8 - start));
    return *this;
}

ListBuilder& ListBuilder::add_encoded(BytesView encoded) {
    ready(m_payload).insert(m_payload.end(), encoded.begin(), encoded.end());
    return *this;
}

Bytes ListBuilder::finish() {
    Bytes out;
    out.reserve(header_size(m_payload.size()) + m_payload.size());
    append_header(out, kListOffset, m_payload.size());
    out.insert(out.end(), m_payload.begin(), m_payload.end());
    m_payload.clear();
    return out;
}

// ---- item accessors -----------------------------------------------------------------------

BytesView Item::bytes() const {
    if (m_is_list) {
        throw DecodeError(DecodeErrorKind::UnexpectedType, m_offset, "expected a string, got a list");
    }
    return m_payload;
}

namespace {
template <std::size_t N>
FixedBytes<N> fixed_from_item(const Item& item, BytesView payload, const char* what) {
    if (payload.size() != N) {
        throw DecodeError(DecodeErrorKind::InvalidValue, item.offset(),
                          std::string(what) + " must be " + describe_size(N) + ", got " +
                              describe_size(payload.size()));
    }
    return FixedBytes<N>::from_view(payload);
}

// Offset of an item's first payload byte: its header is whatever precedes the payload.
std::size_t payload_offset(const Item& item, BytesView payload) {
    return item.offset() + (item.encoded().size() - payload.size());
}

void check_canonical_integer(const Item& item, BytesView payload, std::size_t max_bytes) {
    if (!payload.empty() && payload[0] == 0) {
        throw DecodeError(DecodeErrorKind::LeadingZeros, payload_offset(item, payload),
                          "integer with a leading zero byte (zero encodes as 0x80)");
    }
    if (payload.size() > max_bytes) {
        throw DecodeError(DecodeErrorKind::InvalidValue, item.offset(),
                          "integer of " + describe_size(payload.size()) + " exceeds " +
                              describe_size(max_bytes));
    }
}
}  // namespace

Hash32 Item::hash() const { return fixed_from_item<32>(*this, bytes(), "hash"); }

Address Item::address() const { return fixed_from_item<20>(*this, bytes(), "address"); }

u256 Item::u256_value() const {
    const BytesView payload = bytes();
    check_canonical_integer(*this, payload, 32);
    return u256_from_be(payload);
}

std::uint64_t Item::u64_value() const {
    const BytesView payload = bytes();
    check_canonical_integer(*this, payload, 8);
    std::uint64_t v = 0;
    for (std::uint8_t b : payload) v = (v << 8) | b;
    return v;
}

const std::vector<Item>& Item::items() const {
    if (!m_is_list) {
        throw DecodeError(DecodeErrorKind::UnexpectedType, m_offset, "expected a list, got a string");
    }
    return m_items;
}

const std::vector<Item>& Item::fields(std::size_t n) const {
    const auto& list = items();
    if (list.size() != n) {
        throw DecodeError(DecodeErrorKind::UnexpectedType, m_offset,
                          "expected a list of " + std::to_string(n) + " items, got " +
                              std::to_string(list.size()));
    }
    return list;
}

// ---- decoding -----------------------------------------------------------------------------

// Iterative decoder: an explicit stack of open lists instead of recursion, so hostile nesting
// costs heap (bounded by the depth limit), never native stack.
class Decoder {
public:
    Decoder(BytesView input, const Limits& limits) : m_in(input), m_limits(limits) {}

    Item run() {
        if (m_limits.max_depth > kMaxDepthCap) {
            throw InvalidArgument("rlp::Limits::max_depth " + std::to_string(m_limits.max_depth) +
                                  " exceeds the supported maximum " + std::to_string(kMaxDepthCap));
        }
        if (m_in.size() > m_limits.max_input_bytes) {
            throw DecodeError(DecodeErrorKind::Oversized, m_limits.max_input_bytes,
                              "input of " + describe_size(m_in.size()) + " exceeds the limit of " +
                                  describe_size(m_limits.max_input_bytes));
        }
        Item root;
        const std::size_t root_end = read_item(0, m_in.size(), root);
        if (root.m_is_list) {
            open_list(root, 1, root_end);
            fill_lists();
        }
        if (root_end != m_in.size()) {
            throw DecodeError(DecodeErrorKind::TrailingBytes, root_end,
                              describe_size(m_in.size() - root_end) + " after the top-level item");
        }
        return root;
    }

private:
    struct OpenList {
        Item* item;       // lives in its parent's m_items, which does not grow while this is open
        std::size_t pos;  // next child's first byte
        std::size_t end;  // one past the list's payload
    };

    void open_list(Item& list, std::size_t depth, std::size_t end) {
        if (depth > m_limits.max_depth) {
            throw DecodeError(DecodeErrorKind::Oversized, list.m_offset,
                              "list nesting exceeds the depth limit of " +
                                  std::to_string(m_limits.max_depth));
        }
        const std::size_t start = end - list.m_payload.size();
        const std::size_t budget = m_limits.max_items - m_count;  // m_count <= max_items here
        list.m_items.reserve(std::min(count_children(start, end), budget));
        m_open.push_back({&list, start, end});
    }

    // Number of items in [start, end) by skipping headers without validating them (the real
    // parse reports errors); stops at the first header that does not fit. Sizing each children
    // vector once avoids repeated reallocation and moves of Item subtrees.
    std::size_t count_children(std::size_t start, std::size_t end) const {
        std::size_t n = 0;
        for (std::size_t p = start; p < end; ++n) {
            const std::uint8_t b = m_in[p];
            const std::size_t room = end - p - 1;
            std::size_t skip = 0;
            if (b < kStringOffset) {
                skip = 0;
            } else {
                const std::size_t code = b - (b < kListOffset ? kStringOffset : kListOffset);
                if (code < kShortLimit) {
                    skip = code;
                } else {
                    const std::size_t len_of_len = code - 55;
                    if (len_of_len > room) break;
                    std::uint64_t len = 0;
                    for (std::size_t i = 0; i < len_of_len; ++i) len = (len << 8) | m_in[p + 1 + i];
                    if (len > room - len_of_len) break;
                    skip = len_of_len + static_cast<std::size_t>(len);
                }
            }
            if (skip > room) break;
            p += 1 + skip;
        }
        return n;
    }

    // Read the children of every open list, depth first, until the root list is complete.
    void fill_lists() {
        while (!m_open.empty()) {
            OpenList& top = m_open.back();
            if (top.pos == top.end) {
                m_open.pop_back();
                continue;
            }
            Item& child = top.item->m_items.emplace_back();
            const std::size_t child_end = read_item(top.pos, top.end, child);
            top.pos = child_end;  // before open_list: push_back may move `top`
            if (child.m_is_list) open_list(child, m_open.size() + 1, child_end);
        }
    }

    // Parse the header at `pos`, whose item must end by `limit`; fill `out` (children not yet).
    // Returns one past the item's last byte.
    std::size_t read_item(std::size_t pos, std::size_t limit, Item& out) {
        if (++m_count > m_limits.max_items) {
            throw DecodeError(DecodeErrorKind::Oversized, pos,
                              "more than " + std::to_string(m_limits.max_items) + " items");
        }
        if (pos >= limit) {
            throw DecodeError(DecodeErrorKind::Truncated, pos, "expected an item header");
        }
        const std::uint8_t b = m_in[pos];
        std::size_t payload_start = pos + 1;
        std::size_t payload_size = 0;
        out.m_offset = pos;
        if (b < kStringOffset) {
            payload_start = pos;
            payload_size = 1;
        } else if (b < kListOffset) {
            payload_size = read_length(pos, limit, b, kStringOffset, payload_start);
            if (payload_size == 1 && b == kStringOffset + 1 && m_in[payload_start] < kStringOffset) {
                throw DecodeError(DecodeErrorKind::NonCanonical, pos,
                                  "single byte below 0x80 must encode as itself");
            }
        } else {
            out.m_is_list = true;
            payload_size = read_length(pos, limit, b, kListOffset, payload_start);
        }
        const std::size_t end = payload_start + payload_size;
        out.m_payload = m_in.subspan(payload_start, payload_size);
        out.m_encoded = m_in.subspan(pos, end - pos);
        return end;
    }

    // Decode a string/list header byte `b` at `pos`; sets `payload_start`, returns the payload
    // size after checking it fits before `limit` (without overflowing size_t).
    std::size_t read_length(std::size_t pos, std::size_t limit, std::uint8_t b, std::uint8_t base,
                            std::size_t& payload_start) {
        const std::size_t short_code = static_cast<std::size_t>(b - base);
        std::size_t size = 0;
        if (short_code < kShortLimit) {
            size = short_code;
            payload_start = pos + 1;
        } else {
            const std::size_t len_of_len = short_code - 55;  // 1..8
            if (len_of_len > limit - pos - 1) {
                throw DecodeError(DecodeErrorKind::Truncated, pos,
                                  "length field of " + describe_size(len_of_len) +
                                      " runs past the end of its container");
            }
            if (m_in[pos + 1] == 0) {
                throw DecodeError(DecodeErrorKind::LeadingZeros, pos + 1,
                                  "length field with a leading zero byte");
            }
            std::uint64_t wide = 0;
            for (std::size_t i = 0; i < len_of_len; ++i) wide = (wide << 8) | m_in[pos + 1 + i];
            if (wide < kShortLimit) {
                throw DecodeError(DecodeErrorKind::NonCanonical, pos,
                                  "long-form length " + std::to_string(wide) +
                                      " for a payload shorter than 56 bytes");
            }
            payload_start = pos + 1 + len_of_len;
            const std::size_t room = limit - payload_start;
            if (wide > room) {
                throw DecodeError(DecodeErrorKind::Truncated, pos,
                                  "announced payload of " + std::to_string(wide) +
                                      " bytes but only " + describe_size(room) + " remain");
            }
            return static_cast<std::size_t>(wide);
        }
        if (size > limit - payload_start) {
            throw DecodeError(DecodeErrorKind::Truncated, pos,
                              "announced payload of " + describe_size(size) + " but only " +
                                  describe_size(limit - payload_start) + " remain");
        }
        return size;
    }

    BytesView m_in;
    const Limits& m_limits;
    std::size_t m_count = 0;
    std::vector<OpenList> m_open;
};

Item decode(BytesView input, const Limits& limits) { return Decoder(input, limits).run(); }

}  // namespace l2lab::rlp
