#include "l2lab/crypto/address.hpp"

#include <cstring>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::crypto {
namespace {
int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// EIP-55: the i-th hex letter of the lower-case address is upper-cased when the i-th nibble of
// keccak256(lower-case hex, ASCII, without "0x") is >= 8.
std::string checksum_case(const char* lower40) {
    const Hash32 h = keccak256(BytesView(reinterpret_cast<const std::uint8_t*>(lower40), 40));
    std::string out = "0x";
    out.append(lower40, 40);
    for (std::size_t i = 0; i < 40; ++i) {
        const std::uint8_t nibble = (i % 2 == 0) ? (h.bytes[i / 2] >> 4) : (h.bytes[i / 2] & 0xf);
        char& c = out[2 + i];
        if (c >= 'a' && c <= 'f' && nibble >= 8)
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}
}  // namespace

std::string to_checksum_hex(const Address& a) {
    const std::string lower = to_hex(a.view(), false);
    return checksum_case(lower.data());
}

Address parse_address(std::string_view text) {
    if (text.size() < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) {
        throw InvalidArgument("address must start with '0x'");
    }
    const std::string_view digits = text.substr(2);
    if (digits.size() != 40) {
        throw InvalidArgument("address must have 40 hex digits after '0x', got " +
                              std::to_string(digits.size()));
    }
    Address out;
    bool has_lower = false, has_upper = false;
    char lower[40];
    for (std::size_t i = 0; i < 40; ++i) {
        const char c = digits[i];
        const int v = hex_digit(c);
        if (v < 0) {
            throw InvalidArgument("address has a non-hex character at position " +
                                  std::to_string(i + 2));
        }
        has_lower |= (c >= 'a' && c <= 'f');
        has_upper |= (c >= 'A' && c <= 'F');
        lower[i] = (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
        if (i % 2 == 0) {
            out.bytes[i / 2] = static_cast<std::uint8_t>(v << 4);
        } else {
            out.bytes[i / 2] = static_cast<std::uint8_t>(out.bytes[i / 2] | v);
        }
    }
    if (has_lower && has_upper) {
        const std::string expected = checksum_case(lower);
        if (std::string_view(expected).substr(2) != digits) {
            throw InvalidArgument("address has an invalid EIP-55 checksum (expected " + expected +
                                  ")");
        }
    }
    return out;
}

}  // namespace l2lab::crypto
