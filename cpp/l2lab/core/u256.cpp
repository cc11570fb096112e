#include "l2lab/core/u256.hpp"

#include "l2lab/core/error.hpp"

namespace l2lab {

u256 u256_max() {
    static const u256 kMax = ~u256(0);
    return kMax;
}

std::array<std::uint8_t, 32> to_be32(const u256& v) {
    std::array<std::uint8_t, 32> out{};
    u256 x = v;
    for (std::size_t i = 0; i < 32 && x != 0; ++i) {
        out[31 - i] = static_cast<std::uint8_t>(x & 0xff);
        x >>= 8;
    }
    return out;
}

std::vector<std::uint8_t> to_be_minimal(const u256& v) {
    const auto full = to_be32(v);
    std::size_t first = 0;
    while (first < 32 && full[first] == 0) ++first;
    return {full.begin() + static_cast<std::ptrdiff_t>(first), full.end()};
}

u256 from_be(std::span<const std::uint8_t> bytes) {
    if (bytes.size() > 32) {
        throw InvalidArgument("u256 from big-endian bytes: " + std::to_string(bytes.size()) +
                              " bytes given, at most 32 allowed");
    }
    u256 out = 0;
    for (std::uint8_t b : bytes) out = (out << 8) | b;
    return out;
}

std::string to_dec(const u256& v) { return v.str(); }

}  // namespace l2lab
