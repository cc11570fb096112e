#pragma once
/// \file hash_meter.hpp
/// Counts the hashes the STARK code computes (transcript, Merkle leaves and nodes, the grinding
/// check), for gas models of an on-chain verifier: while a HashMeter lives on a thread, every
/// hash the STARK code computes on that thread is counted by it (the innermost one when meters
/// nest). Costs nothing measurable when no meter is alive.

#include <cstdint>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/hash_kind.hpp"

namespace l2lab::stark {

/// What a meter counted.
struct HashWork {
    std::uint64_t calls = 0;  ///< hash invocations
    std::uint64_t words = 0;  ///< 32-byte words hashed, each call's input rounded up
};

/// RAII meter (see the file comment). Not copyable; must be destroyed on its own thread, in
/// reverse order of creation.
class HashMeter {
public:
    HashMeter();
    ~HashMeter();
    HashMeter(const HashMeter&) = delete;
    HashMeter& operator=(const HashMeter&) = delete;
    const HashWork& work() const noexcept { return m_work; }

private:
    friend Hash32 metered_hash(crypto::HashKind kind, BytesView data);
    HashWork m_work;
    HashMeter* m_outer;
};

/// crypto::hash_bytes(kind, data), counted by the thread's innermost live meter.
Hash32 metered_hash(crypto::HashKind kind, BytesView data);

}  // namespace l2lab::stark
