#pragma once
/// \file chain_impl.hpp
/// Internal to the l1 area: the data behind Chain, split out so block building (chain_block.cpp)
/// and the rest of the API (chain.cpp) share it. Everything a snapshot must capture lives in
/// ChainData; copying it is the snapshot.

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "l2lab/l1/chain.hpp"

namespace l2lab::l1 {

/// A retained blob and the block that carried it.
struct StoredBlob {
    Blob blob;
    std::uint64_t block_number = 0;
};

struct ChainData {
    State state;
    std::vector<std::shared_ptr<const Block>> blocks;  // blocks[n] has number n
    Mempool mempool;
    std::uint64_t next_arrival_seq = 0;
    Rng rng{0};
    std::shared_ptr<const InclusionPolicy> policy;
    u256 minted = 0;
    u256 burned = 0;
    std::map<Hash32, std::pair<std::uint64_t, std::uint32_t>> included;  // tx -> (block, index)
    std::map<Hash32, DroppedTx> dropped;
    std::vector<DroppedTx> drops_since_head;  // submit-time drops, reported in the next block
    std::map<Hash32, StoredBlob> blobs;
    std::set<Hash32> withheld;
};

struct ChainSnapshot::Data {
    std::uint64_t chain_instance = 0;
    Hash32 state_digest;
    ChainData data;
};

struct Chain::Impl {
    ChainConfig config;
    std::uint64_t instance = 0;  // identifies this Chain object for snapshot ownership
    ChainData d;

    const Block& head() const { return *d.blocks.back(); }
    std::uint64_t next_number() const { return head().header.number + 1; }
    u256 next_base_fee() const;
    std::uint64_t next_excess_blob_gas() const;

    /// Checks that need no state (chain id, fees, intrinsic gas, blobs); nullopt when valid.
    std::optional<std::pair<DropReason, std::string>> check_static(const Transaction& tx) const;
    std::optional<std::pair<DropReason, std::string>> check_funds(const Transaction& tx,
                                                                  const Address& sender) const;
    /// Balance >= gas_limit*max_fee + value (+ blob_gas*max_fee_per_blob_gas) is checked by
    /// check_funds above; nullopt when affordable.

    /// Run a constructor at `at`; commit, or roll back to `cp` and throw StateError.
    void construct_or_throw(State::Checkpoint cp, const NativeContract& code,
                            const Address& deployer, const Address& at, BytesView args);

    const Block& produce(const BlockOptions& options);
};

}  // namespace l2lab::l1
