#pragma once
/// \file keccak.hpp
/// Keccak-256 as used by Ethereum (original Keccak padding 0x01, not FIPS-202 SHA3's 0x06).

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"

namespace l2lab::crypto {

/// Keccak-256 of `data`. keccak256("") =
/// c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470.
Hash32 keccak256(BytesView data);

/// Incremental Keccak-256. update() any number of times, then finalize() once.
class Keccak256 {
public:
    Keccak256();
    void update(BytesView data);
    /// Digest of everything absorbed. The object must not be used afterwards (asserts in debug).
    Hash32 finalize();

private:
    std::uint64_t m_state[25];
    std::uint8_t m_buf[136];
    std::size_t m_buf_len = 0;
    bool m_done = false;
};

}  // namespace l2lab::crypto
