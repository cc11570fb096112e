#pragma once
/// \file invariant.hpp
/// Safety properties ("X never happens") as reusable checkers. A World runs every registered
/// Invariant after each block it produces (run() and mine()) and records violations as values;
/// a violated invariant never throws. Later areas register conservation of funds, bond solvency,
/// monotone versions and the like.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "l2lab/sim/types.hpp"

namespace l2lab::sim {

class World;

/// A named property checked after every block.
class Invariant {
public:
    virtual ~Invariant() = default;
    /// Stable name, e.g. "conservation_of_funds".
    virtual std::string name() const = 0;
    /// nullopt when the property holds; otherwise a human-readable description of what is wrong
    /// (expected vs actual). Must not change the world.
    virtual std::optional<std::string> check(const World& world) = 0;
};

/// An Invariant from a name and a function (handy in tests and from Python).
class FunctionInvariant final : public Invariant {
public:
    using Check = std::function<std::optional<std::string>(const World&)>;
    /// Throws InvalidArgument when `check` is empty or `name` is empty.
    FunctionInvariant(std::string name, Check check);
    std::string name() const override { return m_name; }
    std::optional<std::string> check(const World& world) override { return m_check(world); }

private:
    std::string m_name;
    Check m_check;
};

/// One recorded violation.
struct Violation {
    std::string invariant;          ///< Invariant::name()
    std::uint64_t block_number = 0; ///< the block after which it was detected
    TimeMs time_ms = 0;             ///< simulated time of detection
    std::string detail;             ///< what check() returned

    bool operator==(const Violation&) const = default;
};

}  // namespace l2lab::sim
