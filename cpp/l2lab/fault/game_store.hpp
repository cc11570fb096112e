#pragma once
/// \file game_store.hpp
/// Internal: the storage layout of DisputeGameContract, shared by the contract (metered access
/// through a CallContext) and the storage readers (direct chain reads). Not a public API.
///
/// Slot key = keccak256(field byte || game (8 bytes BE) || claim (8) || index (8)). Values:
///   game fields: kGameParent (parent + 1, 0 = genesis), kGameBlock, kGameRoot (state root),
///   kGameLength, kGameShape (depth | positions << 32... see pack_shape), kGameCaps
///   (queue count << 64 | batch count), kGameCreated (block << 64 | time),
///   kGameStatus (status | resolved_time << 8 | forwarded << 72), kGameClaims (claim count);
///   claim fields: kClaimMeta (parent + 1 << 192 | depth << 160 | choice << 128 | start),
///   kClaimOwner (claimant << 96 | clock duration << 48 | clock timestamp), kClaimBond,
///   kClaimValue[i], kClaimStatus (countered_by << 8 | resolved), kClaimChildren (count),
///   kClaimChild[i];
///   global: kGames (count), kCredit (by address, claim = 0), kDuplicate (by hash),
///   kLastForwarded (l1_block + 1).
#include <cstdint>

#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::fault::store {

enum Field : std::uint8_t {
    kGames = 0,
    kCredit = 1,
    kDuplicate = 2,
    kLastForwarded = 3,
    kGameParent = 10,
    kGameBlock = 11,
    kGameRoot = 12,
    kGameLength = 13,
    kGameShape = 14,
    kGameCaps = 15,
    kGameCreated = 16,
    kGameStatus = 17,
    kGameClaims = 18,
    kClaimMeta = 30,
    kClaimOwner = 31,
    kClaimBond = 32,
    kClaimValue = 33,
    kClaimStatus = 34,
    kClaimChildren = 35,
    kClaimChild = 36,
};

inline Hash32 key(Field f,
                  std::uint64_t game = 0,
                  std::uint64_t claim = 0,
                  std::uint64_t index = 0) {
    std::uint8_t buf[25];
    buf[0] = f;
    for (int i = 0; i < 8; ++i) {
        buf[1 + i] = static_cast<std::uint8_t>(game >> (56 - 8 * i));
        buf[9 + i] = static_cast<std::uint8_t>(claim >> (56 - 8 * i));
        buf[17 + i] = static_cast<std::uint8_t>(index >> (56 - 8 * i));
    }
    return crypto::keccak256(BytesView(buf, sizeof buf));
}
inline Hash32 key(Field f, const Hash32& h) {
    std::uint8_t buf[33];
    buf[0] = f;
    for (int i = 0; i < 32; ++i)
        buf[1 + i] = h.bytes[static_cast<std::size_t>(i)];
    return crypto::keccak256(BytesView(buf, sizeof buf));
}
inline Hash32 key(Field f, const Address& a) {
    std::uint8_t buf[21];
    buf[0] = f;
    for (int i = 0; i < 20; ++i)
        buf[1 + i] = a.bytes[static_cast<std::size_t>(i)];
    return crypto::keccak256(BytesView(buf, sizeof buf));
}

inline u256 word(const Hash32& h) {
    return from_be(h.view());
}
inline Hash32 hash_of(const u256& v) {
    const auto b = to_be32(v);
    return Hash32::from_view(BytesView(b.data(), b.size()));
}
inline u256 address_word(const Address& a) {
    return from_be(a.view());
}
inline Address address_of(const u256& v) {
    const auto b = to_be32(v);
    return Address::from_view(BytesView(b.data() + 12, 20));
}
inline std::uint64_t bits(const u256& v, unsigned shift, unsigned width) {
    const u256 mask = (u256(1) << width) - 1;
    return static_cast<std::uint64_t>((v >> shift) & mask);
}

/// Claim meta word.
struct Meta {
    std::uint64_t parent_plus_one = 0;
    std::uint32_t depth = 0;
    std::uint32_t choice = 0;
    std::uint64_t start = 0;
    u256 pack() const {
        return (u256(parent_plus_one) << 192) | (u256(depth) << 160) | (u256(choice) << 128) |
               u256(start);
    }
    static Meta unpack(const u256& v) {
        return {bits(v, 192, 64), static_cast<std::uint32_t>(bits(v, 160, 32)),
                static_cast<std::uint32_t>(bits(v, 128, 32)), bits(v, 0, 64)};
    }
};

/// Claim owner word: claimant and clock.
struct Owner {
    Address claimant;
    std::uint64_t duration = 0;   // < 2^48
    std::uint64_t timestamp = 0;  // < 2^48
    u256 pack() const {
        return (address_word(claimant) << 96) | (u256(duration) << 48) | u256(timestamp);
    }
    static Owner unpack(const u256& v) {
        return {address_of(v >> 96), bits(v, 48, 48), bits(v, 0, 48)};
    }
};

/// Claim status word.
struct ClaimState {
    Address countered_by;  // zero = not countered
    bool resolved = false;
    u256 pack() const { return (address_word(countered_by) << 8) | u256(resolved ? 1 : 0); }
    static ClaimState unpack(const u256& v) { return {address_of(v >> 8), bits(v, 0, 8) != 0}; }
};

/// Game status word.
struct Status {
    std::uint8_t status = 0;
    std::uint64_t resolved_time = 0;
    bool forwarded = false;
    u256 pack() const {
        return u256(status) | (u256(resolved_time) << 8) | (u256(forwarded ? 1 : 0) << 72);
    }
    static Status unpack(const u256& v) {
        return {static_cast<std::uint8_t>(bits(v, 0, 8)), bits(v, 8, 64), bits(v, 72, 8) != 0};
    }
};

/// Game shape word: depth and number of positions.
inline u256 pack_shape(std::uint32_t depth, std::uint64_t positions) {
    return u256(depth) | (u256(positions) << 32);
}
inline std::uint32_t shape_depth(const u256& v) {
    return static_cast<std::uint32_t>(bits(v, 0, 32));
}
inline std::uint64_t shape_positions(const u256& v) {
    return bits(v, 32, 64);
}

}  // namespace l2lab::fault::store
