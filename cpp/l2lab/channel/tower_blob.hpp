#pragma once
/// \file tower_blob.hpp
/// Private watchtower hand-over (Lightning-style "justice blobs").
///
/// When a party's latest state S_old is superseded by S_new it hands its tower only
///   hint = keccak256("l2lab/tower/hint/v1" || sig)[0..16]
///   blob = Enc_key(rlp([params, S_new fully signed])),  key = keccak256("l2lab/tower/key/v1" || sig)
/// where `sig` is the party's own 65-byte signature on S_old. That signature is known only to the
/// channel's participants until somebody registers S_old (or challenges with it) on L1: the
/// calldata then carries it, so the tower recomputes the hint from every signature of every
/// registered state, finds the blob and decrypts it. A cheater cannot register S_old under a
/// different signature of the victim (signatures are low-s, and a new one needs the victim's key),
/// and it cannot guess the signature, so before a breach the tower learns nothing about the
/// channel (no id, participants, versions or balances): only that its client made an update, when,
/// and the padded blob size (kTowerBlobBucket-byte buckets: a coarse bound on the participant
/// count). After a breach it learns the params and the states it decrypts (from S_new a further
/// blob may be found, up to the newest state the client handed over).
///
/// Cipher: keccak256 in counter mode as the keystream (block i = keccak256(key || "enc" || i)),
/// encrypt-then-MAC with a 16-byte tag keccak256(key || "mac" || ciphertext)[0..16]; the
/// plaintext is a 4-byte big-endian length, the payload and zero padding to a bucket boundary.

#include <array>
#include <cstdint>
#include <optional>

#include "l2lab/channel/state.hpp"

namespace l2lab::channel {

/// Hint size (bytes): what the tower indexes blobs by.
inline constexpr std::size_t kTowerHintBytes = 16;
/// Plaintext padding unit (bytes).
inline constexpr std::size_t kTowerBlobBucket = 512;
/// Largest ciphertext (tag included) a tower accepts (bytes).
inline constexpr std::size_t kMaxTowerBlobBytes = 16 * 1024;

using TowerHint = std::array<std::uint8_t, kTowerHintBytes>;

/// What a decrypted blob holds: the channel and the state to challenge with.
struct JusticeData {
    ChannelParams params;
    SignedState newer;
    bool operator==(const JusticeData&) const = default;
};

/// A hand-over to the tower: wire form rlp(["l2lab/tower/blob/v1", hint, ciphertext]).
struct TowerBlob {
    TowerHint hint{};
    Bytes ciphertext;  ///< padded plaintext encrypted, then the 16-byte tag

    Bytes encode() const;
    /// Strict inverse: exact tag string, 16-byte hint, ciphertext a non-empty whole number of
    /// buckets plus the tag and at most kMaxTowerBlobBytes. Throws DecodeError otherwise.
    static TowerBlob decode(BytesView bytes);
    bool operator==(const TowerBlob&) const = default;
};

/// Hint derived from a signature on the superseded state.
TowerHint tower_hint(const crypto::Signature& sig);
/// Build the blob for the superseded state signed (by the handing party) with `own_sig`.
TowerBlob make_tower_blob(const crypto::Signature& own_sig, const ChannelParams& params,
                          const SignedState& newer);
/// Encrypt `payload` (any bytes) under the key derived from `sig` exactly as make_tower_blob()
/// does with its encoded rlp([params, newer]): 4-byte big-endian length, payload, zero padding to
/// a bucket boundary, keystream, tag. InvalidArgument when the ciphertext would exceed
/// kMaxTowerBlobBytes. Exposed so tests and fuzzers reach open_tower_blob()'s plaintext parser
/// with arbitrary plaintexts.
TowerBlob seal_tower_payload(const crypto::Signature& sig, BytesView payload);
/// Decrypt `ciphertext` with the key derived from `sig`. nullopt when the tag does not verify
/// (wrong signature) or the plaintext is not a canonical JusticeData; never throws for bad input.
std::optional<JusticeData> open_tower_blob(const crypto::Signature& sig, BytesView ciphertext);

}  // namespace l2lab::channel
