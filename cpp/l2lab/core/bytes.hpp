#pragma once
/// \file bytes.hpp
/// Byte strings and their hex text form.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace l2lab {

/// Owned byte string.
using Bytes = std::vector<std::uint8_t>;
/// Non-owning view of bytes.
using BytesView = std::span<const std::uint8_t>;

/// Lower-case hex, with a "0x" prefix when `prefix` is true.
std::string to_hex(BytesView bytes, bool prefix = true);

/// Parse hex text, with or without "0x"; both cases accepted. Throws InvalidArgument naming the
/// problem on odd length or a non-hex character.
Bytes from_hex(std::string_view text);

/// View over a string's characters as bytes.
inline BytesView as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace l2lab
