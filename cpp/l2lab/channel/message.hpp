#pragma once
/// \file message.hpp
/// Off-chain protocol messages and their strict codec. Wire form: rlp([type, channel_id, ...]).
///   Propose    [1, id, state, proposer_sig]        a new state signed by its proposer
///   Countersign[2, id, version, digest, sig]       the sender's signature on that state
///   Ack        [3, id, signed_state]               the fully signed state
///   Reject     [4, id, version, reason_name]       refusal with a ChannelError name
///   Sync       [5, id, version]                    "my latest is version; send me yours"
///   SyncReply  [6, id, signed_state]               the sender's latest fully signed state
///                                                  (sent even when older than the Sync's)
/// Type 7 (a retired plain-state watchtower hand-over) and unknown types are rejected: a
/// watchtower receives only encrypted justice blobs (tower_blob.hpp), never states in the clear.
/// decode_message() accepts exactly these shapes (canonical RLP, exact field counts, 65-byte
/// low-s signatures, known reason names) and throws DecodeError otherwise.

#include <cstdint>
#include <variant>

#include "l2lab/channel/state.hpp"

namespace l2lab::channel {

/// Largest encoded message decode_message() accepts (bytes).
inline constexpr std::size_t kMaxMessageBytes = 64 * 1024;

struct ProposeMsg {
    State state;
    crypto::Signature signature;
    bool operator==(const ProposeMsg&) const = default;
};
struct CountersignMsg {
    Hash32 channel_id;
    std::uint64_t version = 0;
    Hash32 digest;
    crypto::Signature signature;
    bool operator==(const CountersignMsg&) const = default;
};
struct AckMsg {
    SignedState state;
    bool operator==(const AckMsg&) const = default;
};
struct RejectMsg {
    Hash32 channel_id;
    std::uint64_t version = 0;
    ChannelError reason = ChannelError::MalformedInput;
    bool operator==(const RejectMsg&) const = default;
};
struct SyncMsg {
    Hash32 channel_id;
    std::uint64_t version = 0;
    bool operator==(const SyncMsg&) const = default;
};
struct SyncReplyMsg {
    SignedState state;
    bool operator==(const SyncReplyMsg&) const = default;
};
using Message = std::variant<ProposeMsg, CountersignMsg, AckMsg, RejectMsg, SyncMsg, SyncReplyMsg>;

/// Canonical encoding of `m`.
Bytes encode_message(const Message& m);
/// Strict decoding (see the file comment). Throws DecodeError with kind and offset.
Message decode_message(BytesView bytes);
/// "propose", "countersign", "ack", "reject", "sync", "sync_reply".
std::string_view message_type_name(const Message& m);

}  // namespace l2lab::channel
