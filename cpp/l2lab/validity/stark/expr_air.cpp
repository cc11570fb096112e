#include "l2lab/validity/stark/expr_air.hpp"

#include <algorithm>

namespace l2lab::stark {
namespace {

void fail(const std::string& what) {
    throw InvalidArgument("expr air: " + what);
}

void put_u64(Bytes& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

}  // namespace

ExprAir::ExprAir(ExprAirSpec spec) : m_spec(std::move(spec)) {
    const auto& s = m_spec;
    if (s.name.empty())
        fail("empty name");
    if (s.constraints.empty())
        fail("no transition constraint");
    if (s.nodes.size() > kMaxNodes)
        fail("more than 65536 nodes");
    std::vector<unsigned> degree(s.nodes.size());
    for (std::size_t i = 0; i < s.nodes.size(); ++i) {
        const ExprNode& n = s.nodes[i];
        const std::string at = "node " + std::to_string(i) + ": ";
        switch (n.op) {
            case ExprOp::Constant:
                if (n.a >= Fp::kModulus)
                    fail(at + "constant is not a canonical field element");
                degree[i] = 0;
                break;
            case ExprOp::Current:
            case ExprOp::Next:
                if (n.a >= s.trace_width)
                    fail(at + "column " + std::to_string(n.a) + " >= width");
                degree[i] = 1;
                break;
            case ExprOp::Periodic:
                if (n.a >= s.periodic_columns.size())
                    fail(at + "no periodic column " + std::to_string(n.a));
                degree[i] = 1;
                break;
            case ExprOp::Add:
            case ExprOp::Sub:
            case ExprOp::Mul:
                if (n.a >= i || n.b >= i)
                    fail(at + "operand is not an earlier node");
                degree[i] = n.op == ExprOp::Mul ? degree[n.a] + degree[n.b]
                                                : std::max(degree[n.a], degree[n.b]);
                degree[i] = std::min(degree[i], 1000u);  // saturate; anything > 16 is refused below
                break;
            default:
                fail(at + "unknown operation");
        }
    }
    for (std::size_t c = 0; c < s.constraints.size(); ++c) {
        const std::uint64_t node = s.constraints[c];
        if (node >= s.nodes.size())
            fail("constraint " + std::to_string(c) + " names no node");
        const unsigned d = degree[node];
        if (d == 0)
            fail("constraint " + std::to_string(c) + " is a constant");
        if (d > 16)
            fail("constraint " + std::to_string(c) + " has degree " + std::to_string(d) + " > 16");
        m_degrees.push_back(d);
    }
    validate_air(*this);
}

Bytes ExprAir::identity_params() const {
    Bytes out;
    put_u64(out, m_spec.trace_width);
    put_u64(out, m_spec.nodes.size());
    for (const ExprNode& n : m_spec.nodes) {
        out.push_back(static_cast<std::uint8_t>(n.op));
        put_u64(out, n.a);
        put_u64(out, n.b);
    }
    put_u64(out, m_spec.constraints.size());
    for (std::uint64_t c : m_spec.constraints)
        put_u64(out, c);
    return out;
}

template <class F>
void ExprAir::evaluate(std::span<const F> current,
                       std::span<const F> next,
                       std::span<const F> periodic,
                       std::span<F> out) const {
    thread_local std::vector<F> values;
    values.resize(m_spec.nodes.size());
    for (std::size_t i = 0; i < m_spec.nodes.size(); ++i) {
        const ExprNode& n = m_spec.nodes[i];
        switch (n.op) {
            case ExprOp::Constant:
                values[i] = F(Fp::from_u64(n.a));
                break;
            case ExprOp::Current:
                values[i] = current[n.a];
                break;
            case ExprOp::Next:
                values[i] = next[n.a];
                break;
            case ExprOp::Periodic:
                values[i] = periodic[n.a];
                break;
            case ExprOp::Add:
                values[i] = values[n.a] + values[n.b];
                break;
            case ExprOp::Sub:
                values[i] = values[n.a] - values[n.b];
                break;
            case ExprOp::Mul:
                values[i] = values[n.a] * values[n.b];
                break;
        }
    }
    for (std::size_t c = 0; c < m_spec.constraints.size(); ++c)
        out[c] = values[m_spec.constraints[c]];
}

template void ExprAir::evaluate<Fp>(std::span<const Fp>,
                                    std::span<const Fp>,
                                    std::span<const Fp>,
                                    std::span<Fp>) const;
template void ExprAir::evaluate<Fp3>(std::span<const Fp3>,
                                     std::span<const Fp3>,
                                     std::span<const Fp3>,
                                     std::span<Fp3>) const;

}  // namespace l2lab::stark
