#include "l2lab/sim/invariant.hpp"

#include "l2lab/core/error.hpp"

namespace l2lab::sim {

FunctionInvariant::FunctionInvariant(std::string name, Check check)
    : m_name(std::move(name)), m_check(std::move(check)) {
    if (m_name.empty()) throw InvalidArgument("FunctionInvariant: name must not be empty");
    if (!m_check) throw InvalidArgument("FunctionInvariant: check function must be set");
}

}  // namespace l2lab::sim
