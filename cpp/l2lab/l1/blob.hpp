#pragma once
/// \file blob.hpp
/// EIP-4844 blobs with a MODELLED commitment.
///
/// Real blobs are committed to with KZG over BLS12-381, which is not available here. l2lab models
/// the commitment as sha256(blob data) (32 bytes, not 48) and derives the versioned hash exactly
/// as EIP-4844 kzg_to_versioned_hash does from a commitment:
///     versioned_hash = 0x01 || sha256(commitment)[1:]
/// So versioned hashes have Ethereum's shape and binding property (collision resistance), but are
/// not interoperable with real KZG commitments, and there are no point-evaluation proofs.

#include <cstdint>
#include <memory>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/l1/gas.hpp"

namespace l2lab::l1 {

/// An immutable blob of exactly gas::kBytesPerBlob (131,072) bytes, shared by pointer so copies
/// (mempool, blocks, snapshots) are cheap.
class Blob {
public:
    /// Blob holding `data` followed by zero padding up to 131,072 bytes.
    /// Throws InvalidArgument when `data` is longer than 131,072 bytes.
    static Blob from_data(BytesView data);

    /// The full 131,072 bytes.
    BytesView data() const { return *m_data; }
    /// MODELLED commitment: sha256(data) (stands for the 48-byte KZG commitment).
    Hash32 modelled_commitment() const;
    /// 0x01 || sha256(modelled_commitment())[1:]  (EIP-4844 kzg_to_versioned_hash).
    Hash32 versioned_hash() const;

    bool operator==(const Blob& other) const { return *m_data == *other.m_data; }

private:
    explicit Blob(std::shared_ptr<const Bytes> data) : m_data(std::move(data)) {}
    std::shared_ptr<const Bytes> m_data;
};

/// EIP-4844 kzg_to_versioned_hash applied to a (modelled) commitment:
/// 0x01 || sha256(commitment)[1:].
Hash32 versioned_hash_from_commitment(const Hash32& commitment);

}  // namespace l2lab::l1
