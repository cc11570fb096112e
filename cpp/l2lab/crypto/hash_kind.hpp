#pragma once
/// \file hash_kind.hpp
/// Selectable hash for Merkle structures.

#include <string_view>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"

namespace l2lab::crypto {

enum class HashKind : std::uint8_t { Sha256, Keccak256 };

/// Stable name: "sha256" or "keccak256".
std::string_view hash_kind_name(HashKind kind);
/// Inverse of hash_kind_name. Throws InvalidArgument on an unknown name.
HashKind parse_hash_kind(std::string_view name);

/// Hash of `data` with the selected function.
Hash32 hash_bytes(HashKind kind, BytesView data);
/// Hash of the 64-byte concatenation left || right.
Hash32 hash_pair(HashKind kind, const Hash32& left, const Hash32& right);

}  // namespace l2lab::crypto
