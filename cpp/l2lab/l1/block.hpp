#pragma once
/// \file block.hpp
/// Blocks: a header hashed via RLP + keccak256, the included transactions, their receipts, and the
/// transactions dropped while the block was built.

#include <cstdint>
#include <memory>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/l1/receipt.hpp"
#include "l2lab/l1/tx.hpp"

namespace l2lab::l1 {

/// Block header. hash() = keccak256(encode()).
struct BlockHeader {
    std::uint64_t number = 0;
    std::uint64_t timestamp = 0;       ///< seconds
    Hash32 parent_hash;                ///< zero for block 0
    Address coinbase;
    u256 base_fee_per_gas = 0;         ///< wei per gas (EIP-1559; 0 when off)
    std::uint64_t gas_limit = 0;
    std::uint64_t gas_used = 0;
    std::uint64_t blob_gas_used = 0;   ///< EIP-4844
    std::uint64_t excess_blob_gas = 0; ///< EIP-4844
    Hash32 state_digest;               ///< State::digest() after the block
    Hash32 receipts_root;              ///< keccak256(rlp([receipt.encode(), ...]))
    std::vector<Hash32> tx_hashes;     ///< included transactions, in order

    /// rlp([number, timestamp, parent_hash, coinbase, base_fee, gas_limit, gas_used,
    ///      blob_gas_used, excess_blob_gas, state_digest, receipts_root, [tx_hashes...]]).
    Bytes encode() const;
    Hash32 hash() const;
};

/// A produced block. Immutable once produced; the chain shares it by pointer.
struct Block {
    BlockHeader header;
    Hash32 hash;                                              ///< header.hash()
    std::vector<std::shared_ptr<const Transaction>> transactions;
    std::vector<Receipt> receipts;                            ///< one per transaction
    std::vector<DroppedTx> dropped;                           ///< refused while building it
    u256 blob_base_fee = 0;                                   ///< wei per blob gas in this block
};

}  // namespace l2lab::l1
