#include "l2lab/core/bytes.hpp"

#include "l2lab/core/error.hpp"
#include "l2lab/core/fixed_bytes.hpp"

namespace l2lab {
namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::string to_hex(BytesView bytes, bool prefix) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2 + 2);
    if (prefix) out = "0x";
    for (std::uint8_t b : bytes) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0xf]);
    }
    return out;
}

Bytes from_hex(std::string_view text) {
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        text.remove_prefix(2);
    }
    if (text.size() % 2 != 0) {
        throw InvalidArgument("hex text has an odd number of digits (" +
                              std::to_string(text.size()) + ")");
    }
    Bytes out(text.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = hex_value(text[2 * i]);
        const int lo = hex_value(text[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            const std::size_t bad = hi < 0 ? 2 * i : 2 * i + 1;
            throw InvalidArgument("hex text has a non-hex character at position " +
                                  std::to_string(bad));
        }
        out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
    }
    return out;
}

void throw_fixed_bytes_length(std::size_t expected, std::size_t got) {
    throw InvalidArgument("expected exactly " + std::to_string(expected) + " bytes, got " +
                          std::to_string(got));
}

}  // namespace l2lab
