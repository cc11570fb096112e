#pragma once
/// \file tx.hpp
/// Signed L1 transactions: plain transfers, native-contract calls and blob transactions.
///
/// Ethereum-shaped (EIP-1559 fee fields, EIP-4844 blob fields), not wire-compatible with Ethereum:
/// there is no access list and no contract-creation form (contracts are deployed natively).
/// Signing digest (the chain id gives replay protection across chains):
///     keccak256(rlp([chain_id, nonce, max_priority_fee_per_gas, max_fee_per_gas, gas_limit, to,
///                    value, data, max_fee_per_blob_gas, [blob_versioned_hashes...]]))
/// Signed encoding: the same list followed by v, r, s (13 items); tx hash = keccak256(encoding).
/// The blob sidecar (the blob data) is not signed and not part of the encoding or hash, as in
/// Ethereum: the versioned hashes commit to it.

#include <cstdint>
#include <optional>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/crypto/secp256k1.hpp"
#include "l2lab/l1/blob.hpp"

namespace l2lab::l1 {

/// A transaction. Fill the fields, then sign(); the chain recovers the sender from the signature.
/// Amounts are wei; fees are wei per gas (wei per blob gas for max_fee_per_blob_gas).
struct Transaction {
    std::uint64_t chain_id = 0;
    std::uint64_t nonce = 0;
    u256 max_priority_fee_per_gas = 0;  ///< tip cap (EIP-1559)
    u256 max_fee_per_gas = 0;           ///< fee cap (EIP-1559); the gas price when EIP-1559 is off
    std::uint64_t gas_limit = 0;
    Address to;                         ///< recipient account or native contract
    u256 value = 0;
    Bytes data;                         ///< calldata
    u256 max_fee_per_blob_gas = 0;      ///< EIP-4844; ignored when there are no blobs
    std::vector<Hash32> blob_versioned_hashes;  ///< EIP-4844; empty for non-blob transactions
    /// Sidecar: blob data matching blob_versioned_hashes one to one. Not signed, not hashed.
    std::vector<Blob> blobs;
    /// Set by sign(); all-zero when unsigned.
    crypto::Signature signature;

    /// True when the transaction carries blob versioned hashes.
    bool is_blob_tx() const noexcept { return !blob_versioned_hashes.empty(); }
    /// Blob gas: GAS_PER_BLOB (2^17) per versioned hash (EIP-4844).
    std::uint64_t blob_gas() const noexcept;

    /// RLP of the 10 unsigned fields (see the file comment).
    Bytes unsigned_encoding() const;
    /// keccak256(unsigned_encoding()): the digest that is signed.
    Hash32 signing_hash() const;
    /// Sign with `key` (RFC 6979, low-s); overwrites `signature`.
    void sign(const crypto::PrivateKey& key);
    /// Sender recovered from the signature, nullopt when it does not recover.
    std::optional<Address> recover_sender() const;

    /// Canonical RLP of the signed transaction (13 items, no sidecar).
    Bytes encode() const;
    /// keccak256(encode()).
    Hash32 hash() const;
    /// Strict inverse of encode(). Throws DecodeError (non-canonical RLP, wrong field count,
    /// integers out of range, 'to' not 20 bytes, v not 0/1, ...). Signature validity (range,
    /// low-s) is checked here too: a DecodeError of kind InvalidValue. The sidecar is empty.
    static Transaction decode(BytesView encoding);
};

}  // namespace l2lab::l1
