#pragma once
/// \file trace_digest.hpp
/// Running Keccak-256 commitment to everything observable that happened in a World:
/// genesis-style allocations, L1 blocks (their hashes commit to transactions and receipts) and
/// delivered messages. Each record is absorbed as digest' = keccak256(digest || record), so the
/// value after n records commits to all n records in order. Equal runs give equal digests; the
/// digest is the determinism witness of DESIGN.md principle 1.
///
/// Record layouts (all integers big-endian, fixed width):
///   allocation: 0x01 || address(20) || amount(32)
///   block:      0x02 || block_number(8) || block_hash(32)
///   delivery:   0x03 || time_ms(8) || from(4) || to(4) || message_id(8) || copy(4)
///               || keccak256(payload)(32)
/// The initial value is keccak256("l2lab/sim/trace/v1"); the seed is not absorbed directly, so two
/// seeds only differ in digest through what they cause (account keys, network draws, ...).

#include <cstdint>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/sim/types.hpp"

namespace l2lab::sim {

/// Counts of absorbed records, by kind.
struct TraceCounts {
    std::uint64_t allocations = 0;
    std::uint64_t blocks = 0;
    std::uint64_t deliveries = 0;
    bool operator==(const TraceCounts&) const = default;
};

/// The running digest. Copyable (a snapshot is a copy).
class TraceDigest {
public:
    TraceDigest();

    void absorb_allocation(const Address& address, const u256& amount);
    void absorb_block(std::uint64_t block_number, const Hash32& block_hash);
    void absorb_delivery(TimeMs time_ms, ActorId from, ActorId to, std::uint64_t message_id,
                         std::uint32_t copy, BytesView payload);

    /// The digest over every record absorbed so far.
    const Hash32& value() const noexcept { return m_value; }
    const TraceCounts& counts() const noexcept { return m_counts; }

private:
    void absorb(BytesView record);
    Hash32 m_value;
    TraceCounts m_counts;
};

}  // namespace l2lab::sim
