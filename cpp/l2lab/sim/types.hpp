#pragma once
/// \file types.hpp
/// Small value types shared across the sim area: actor ids and simulated time.

#include <cstdint>
#include <limits>

namespace l2lab::sim {

/// Identifier of an actor registered in a World: 0, 1, 2, ... in registration order.
using ActorId = std::uint32_t;

/// The id an Actor reports before it is added to a World.
inline constexpr ActorId kNoActor = std::numeric_limits<ActorId>::max();

/// Simulated time in milliseconds since the World's epoch (Unix time 0). The L1 chain counts
/// seconds; the network counts milliseconds so that sub-second latencies are expressible.
using TimeMs = std::uint64_t;

/// Milliseconds per second, the only conversion between chain time and network time.
inline constexpr TimeMs kMsPerSecond = 1000;

/// Largest latency or jitter a link accepts (about 31.7 years): keeps `now + latency + jitter`
/// far away from overflow for any reachable simulated time.
inline constexpr TimeMs kMaxLinkDelayMs = TimeMs{1} << 40;

}  // namespace l2lab::sim
