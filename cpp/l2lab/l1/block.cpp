#include "l2lab/l1/block.hpp"

#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::l1 {

Bytes BlockHeader::encode() const {
    rlp::ListBuilder hashes;
    for (const Hash32& h : tx_hashes) hashes.add_hash(h);
    rlp::ListBuilder b;
    b.add_u64(number)
        .add_u64(timestamp)
        .add_hash(parent_hash)
        .add_address(coinbase)
        .add_u256(base_fee_per_gas)
        .add_u64(gas_limit)
        .add_u64(gas_used)
        .add_u64(blob_gas_used)
        .add_u64(excess_blob_gas)
        .add_hash(state_digest)
        .add_hash(receipts_root)
        .add_encoded(hashes.finish());
    return b.finish();
}

Hash32 BlockHeader::hash() const { return crypto::keccak256(encode()); }

}  // namespace l2lab::l1
