#pragma once
/// \file tx.hpp
/// L2 operations: signed transactions (transfer, withdrawal), deposits from the L1 bridge, and
/// undecodable forced payloads. One operation is one STF step.
///
/// Signing digest (domain separated; the chain id gives cross-rollup replay protection):
///   keccak256(rlp(["l2lab/rollup/tx", kind, chain_id, nonce, fee, to, value]))
/// Encoding of a signed tx: rlp([kind, chain_id, nonce, fee, to, value, signature(65 bytes)]).
/// The signature bytes are NOT validated by decode(): a bad signature is a protocol outcome (the
/// STF skips the tx with SkipReason::BadSignature), not a decoding error.
#include <cstdint>
#include <optional>
#include <variant>
#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/crypto/secp256k1.hpp"

namespace l2lab::rollup {

/// What a signed L2 transaction does.
enum class TxKind : std::uint8_t {
    Transfer = 0,    ///< move `value` to L2 account `to`
    Withdrawal = 1,  ///< burn `value` on L2, claimable by L1 address `to` against a final root
};

/// A signed L2 transaction. Amounts in wei; `fee` goes to the rollup's fee recipient.
struct L2Tx {
    TxKind kind = TxKind::Transfer;
    std::uint64_t chain_id = 0;
    std::uint64_t nonce = 0;
    u256 fee = 0;
    Address to;
    u256 value = 0;
    std::array<std::uint8_t, 65> signature{};  ///< r || s || v, unvalidated (see file comment)

    /// Digest that is signed (see the file comment).
    Hash32 signing_hash() const;
    /// Sign with `key` (RFC 6979, low-s).
    void sign(const crypto::PrivateKey& key);
    /// Sender recovered from the signature; nullopt when the signature is malformed, high-s or
    /// does not recover.
    std::optional<Address> recover_sender() const;
    /// Canonical RLP (7 items).
    Bytes encode() const;
    /// keccak256(encode()).
    Hash32 hash() const;
    /// Strict inverse of encode(). Throws DecodeError (RLP errors, wrong field count, kind not
    /// 0/1, 'to' not 20 bytes, signature not 65 bytes).
    static L2Tx decode(BytesView encoding);
    /// Decode from an already parsed RLP item (used by the batch decoder).
    static L2Tx from_item(const rlp::Item& item);
    bool operator==(const L2Tx&) const = default;
};

/// An L2 credit created by a deposit on the L1 bridge (ETH locked in the inbox contract).
struct Deposit {
    std::uint64_t queue_index = 0;  ///< position in the inbox's L1 queue
    Address l1_sender;
    Address to;                     ///< L2 recipient
    u256 amount = 0;                ///< wei
    /// rlp([queue_index, l1_sender, to, amount]).
    Bytes encode() const;
    /// Strict inverse of encode(). Throws DecodeError.
    static Deposit decode(BytesView encoding);
    bool operator==(const Deposit&) const = default;
};

/// A forced-inclusion payload that does not decode as an L2Tx: still one step (a no-op skipped
/// with SkipReason::Undecodable), so every queue item occupies exactly one step.
struct UndecodableOp {
    Bytes data;
    bool operator==(const UndecodableOp&) const = default;
};

/// One STF step's input.
using Op = std::variant<L2Tx, Deposit, UndecodableOp>;

/// Canonical encoding of an op: rlp([0, tx]) | rlp([1, deposit]) | rlp([2, data]).
Bytes encode_op(const Op& op);
/// Strict inverse of encode_op. Throws DecodeError.
Op decode_op(BytesView encoding);
/// keccak256(encode_op(op)).
Hash32 op_hash(const Op& op);

}  // namespace l2lab::rollup
