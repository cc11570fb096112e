#pragma once
/// \file address.hpp
/// EIP-55 checksummed address text.

#include <string>
#include <string_view>

#include "l2lab/core/fixed_bytes.hpp"

namespace l2lab::crypto {

/// "0x" + 40 hex digits with EIP-55 mixed-case checksum.
std::string to_checksum_hex(const Address& a);

/// Parse "0x" + 40 hex digits. All-lower or all-upper text is accepted as is; mixed case must
/// match the EIP-55 checksum. Throws InvalidArgument naming the problem (prefix, length, digit,
/// checksum).
Address parse_address(std::string_view text);

}  // namespace l2lab::crypto
