#pragma once
/// \file transcript.hpp
/// Hash-based Fiat-Shamir transcript (SHA-256 or Keccak-256), domain-separated and labelled.
///
/// The state starts as H("l2lab.stark.transcript" || domain). absorb(label, data) sets
/// state = H(state || 0x01 || len(label) || label || len(data) || data) (lengths as 8-byte
/// little-endian), so no two sequences of absorptions collide. A challenge labelled `label` first
/// absorbs the label (tag 0x02) and then reads the new state; repeated challenges therefore
/// differ. Base-field words are read from the state as 8-byte little-endian values and rejected
/// (re-hashed) when >= p, so challenges are uniform.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/hash_kind.hpp"
#include "l2lab/validity/stark/field.hpp"

namespace l2lab::stark {

class Transcript {
public:
    Transcript(crypto::HashKind kind, std::string_view domain);

    void absorb(std::string_view label, BytesView data);
    void absorb_u64(std::string_view label, std::uint64_t v);
    void absorb_hash(std::string_view label, const Hash32& h);
    void absorb_fp(std::string_view label, std::span<const Fp> values);
    void absorb_fp3(std::string_view label, std::span<const Fp3> values);

    /// A uniform extension-field challenge.
    Fp3 challenge_fp3(std::string_view label);
    /// `count` uniform indices in [0, domain_size) (domain_size a power of two), in draw order.
    std::vector<std::size_t> challenge_indices(std::string_view label, std::size_t count, std::size_t domain_size);

    /// The smallest nonce with pow_ok(bits, nonce) (proof-of-work grinding; ~2^bits hashes).
    std::uint64_t grind(unsigned bits) const;
    /// True when H(state || 0x03 || nonce) starts with `bits` zero bits.
    bool pow_ok(unsigned bits, std::uint64_t nonce) const;

    const Hash32& state() const { return m_state; }
    crypto::HashKind hash_kind() const { return m_kind; }

private:
    Hash32 squeeze(std::string_view label);
    std::uint64_t next_word(std::string_view label);

    crypto::HashKind m_kind;
    Hash32 m_state;
    Hash32 m_buffer;         // words not yet consumed from the last squeeze
    std::size_t m_used = 4;  // 8-byte words of m_buffer already used
};

}  // namespace l2lab::stark
