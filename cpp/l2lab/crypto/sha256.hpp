#pragma once
/// \file sha256.hpp
/// SHA-256 through OpenSSL's EVP interface.

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"

namespace l2lab::crypto {

/// SHA-256 of `data` (FIPS 180-4). Throws CryptoError only if OpenSSL itself fails.
Hash32 sha256(BytesView data);

}  // namespace l2lab::crypto
