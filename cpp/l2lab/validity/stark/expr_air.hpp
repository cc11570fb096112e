#pragma once
/// \file expr_air.hpp
/// An AIR described by data instead of C++ code, so small AIRs can be written in Python
/// (l2lab.validity.stark_expr builds the description with operator overloading) and still be
/// evaluated in C++ without the GIL: every transition constraint is an arithmetic expression
/// over the current row, the next row, periodic columns and constants, stored as a straight-line
/// program of ExprNodes and interpreted per row (over F_p by the prover, over F_p^3 by the
/// verifier). Degrees are computed from the expressions, never declared by hand.
///
/// Cost: interpretation costs one indirect step per node and row (roughly 3-10x a hand-written
/// TypedAir of the same constraints); fine for toy and teaching AIRs, use TypedAir for big ones.

#include "l2lab/validity/stark/air.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace l2lab::stark {

/// Operation of one expression node.
enum class ExprOp : std::uint8_t {
    Constant,  ///< the field element `a` (canonical, < p)
    Current,   ///< current row, column `a`
    Next,      ///< next row, column `a`
    Periodic,  ///< periodic column `a`
    Add,       ///< node a + node b
    Sub,       ///< node a - node b
    Mul,       ///< node a * node b
};

/// One node of the straight-line program. Operands of Add/Sub/Mul refer to earlier nodes.
struct ExprNode {
    ExprOp op = ExprOp::Constant;
    std::uint64_t a = 0;
    std::uint64_t b = 0;
};

/// Everything an ExprAir needs (plain data; see ExprAir for the validity rules).
struct ExprAirSpec {
    std::string name;                               ///< AIR identity (prefixed "expr:" in name())
    std::size_t trace_width = 1;                    ///< columns
    std::size_t trace_length = kMinTraceLength;     ///< rows (power of two)
    std::vector<ExprNode> nodes;                    ///< the program, in evaluation order
    std::vector<std::uint64_t> constraints;         ///< node index of each transition constraint
    std::vector<Assertion> assertions;              ///< boundary constraints
    std::vector<Fp> public_inputs;                  ///< bound into Fiat-Shamir
    std::vector<std::vector<Fp>> periodic_columns;  ///< power-of-two lengths <= trace_length
};

/// A data-described AIR (see file comment).
class ExprAir final : public TypedAir<ExprAir> {
public:
    /// Largest number of nodes in a program.
    static constexpr std::size_t kMaxNodes = 1u << 16;

    /// Validates and takes `spec`. Throws InvalidArgument for: an empty name or no constraint,
    /// more than kMaxNodes nodes, an operand that is not an earlier node, a column / periodic
    /// index out of range, a non-canonical constant, a constraint of degree 0 (constant) or
    /// above 16; TraceShapeError for a bad trace length; and whatever validate_air() refuses.
    explicit ExprAir(ExprAirSpec spec);

    std::string name() const override { return "expr:" + m_spec.name; }
    /// A canonical serialization of the program (so two ExprAirs with the same name but
    /// different constraints have different identities).
    Bytes identity_params() const override;
    std::size_t trace_width() const override { return m_spec.trace_width; }
    std::size_t trace_length() const override { return m_spec.trace_length; }
    std::vector<unsigned> transition_degrees() const override { return m_degrees; }
    std::vector<Assertion> assertions() const override { return m_spec.assertions; }
    std::vector<Fp> public_inputs() const override { return m_spec.public_inputs; }
    std::vector<std::vector<Fp>> periodic_columns() const override {
        return m_spec.periodic_columns;
    }

    template <class F>
    void evaluate(std::span<const F> current,
                  std::span<const F> next,
                  std::span<const F> periodic,
                  std::span<F> out) const;

    const ExprAirSpec& spec() const noexcept { return m_spec; }

private:
    ExprAirSpec m_spec;
    std::vector<unsigned> m_degrees;
};

}  // namespace l2lab::stark
