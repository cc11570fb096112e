#pragma once
/// \file air.hpp
/// Algebraic intermediate representation (AIR): the statement a STARK proves.
///
/// A computation is a trace of `trace_width()` columns and `trace_length()` = 2^k rows (k >= 3)
/// of Goldilocks elements. Row r sits at the point g^r of the trace domain, g of order 2^k.
/// The AIR declares:
///  - transition constraints: polynomials c_i(current row, next row, periodic values) that must
///    be zero for every row r = 0 .. n-2 (every row but the last, which has no successor);
///    each has a declared total degree d_i >= 1 in those variables (periodic values count as
///    degree 1). A constraint whose real degree exceeds its declaration makes the prover refuse.
///  - assertions (boundary constraints): column c at row r equals a value;
///  - sequence assertions: column c at rows r0, r0 + s, r0 + 2s, ... (every s-th row, s a power
///    of two) equals a list of values, checked with one divisor and one interpolant however long
///    the list (Winterfell's "sequence assertions"): how an AIR with per-step public data (e.g.
///    one entry per transfer of a batch) binds it without one divisor per row;
///  - periodic columns: value vectors of power-of-two length L <= n, repeated down the trace
///    (row r reads entry r mod L), e.g. round constants;
///  - public inputs and an identity (name + parameter bytes), all bound into Fiat-Shamir.
/// Constraints are evaluated over F_p by the prover (on the low-degree extension) and over the
/// extension F_p^3 by the verifier (at the out-of-domain point); TypedAir derives both from one
/// template so they cannot disagree.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/validity/stark/field.hpp"

namespace l2lab::stark {

/// Smallest supported trace length (rows).
inline constexpr std::size_t kMinTraceLength = 8;
/// Largest supported trace length (rows): 2^24 keeps the LDE (blowup <= 16) within 2^28 points.
inline constexpr std::size_t kMaxTraceLength = std::size_t{1} << 24;

/// A trace of non-power-of-two length, out of [kMinTraceLength, kMaxTraceLength], ragged columns
/// or a width that does not match the AIR. Python: l2lab.validity.stark.TraceShapeError
/// (a ValueError).
class TraceShapeError : public InvalidArgument {
public:
    using InvalidArgument::InvalidArgument;
};

/// The prover was handed a trace that does not satisfy the AIR (or an AIR whose constraints
/// exceed their declared degree). `constraint()` names the constraint (transition index, or
/// "assertion i"), `row()` the first failing row. Python: UnsatisfiedTraceError (a ValueError).
class UnsatisfiedTrace : public InvalidArgument {
public:
    UnsatisfiedTrace(std::string constraint, std::size_t row, const std::string& detail);
    const std::string& constraint() const noexcept { return m_constraint; }
    std::size_t row() const noexcept { return m_row; }

private:
    std::string m_constraint;
    std::size_t m_row;
};

/// Column-major execution trace. Invariant: all columns have the same power-of-two length in
/// [kMinTraceLength, kMaxTraceLength] and there is at least one column.
class Trace {
public:
    /// Takes ownership of `columns`. Throws TraceShapeError on an empty column list, ragged
    /// columns, or a length that is not a power of two in the supported range.
    explicit Trace(std::vector<std::vector<Fp>> columns);
    std::size_t width() const noexcept { return m_columns.size(); }
    std::size_t length() const noexcept { return m_columns.front().size(); }
    const std::vector<Fp>& column(std::size_t i) const { return m_columns.at(i); }
    const std::vector<std::vector<Fp>>& columns() const noexcept { return m_columns; }
    /// The values of row r (one per column).
    std::vector<Fp> row(std::size_t r) const;

private:
    std::vector<std::vector<Fp>> m_columns;
};

/// One boundary constraint: trace column `column` at row `row` equals `value`.
struct Assertion {
    std::size_t column = 0;
    std::size_t row = 0;
    Fp value;
};

/// A boundary constraint on every `stride`-th row: column `column` at row first_row + k * stride
/// equals values[k] for k < values.size(). Valid when stride is a power of two, first_row <
/// stride and values.size() * stride == trace length (so the rows cover the trace evenly).
struct SequenceAssertion {
    std::size_t column = 0;
    std::size_t first_row = 0;
    std::size_t stride = 1;
    std::vector<Fp> values;
};

/// The statement. Implementations must be deterministic and pure: every method returns the same
/// answer on every call. Thread-compatible (const methods may be called concurrently).
class Air {
public:
    virtual ~Air() = default;

    /// Stable identity, e.g. "fibonacci" (absorbed into the transcript; two AIRs with the same
    /// name and identity_params() must have the same constraints).
    virtual std::string name() const = 0;
    /// Extra bytes pinning the AIR's parameters (e.g. number of rounds); empty by default.
    virtual Bytes identity_params() const { return {}; }
    /// Number of trace columns w >= 1.
    virtual std::size_t trace_width() const = 0;
    /// Number of rows n: a power of two in [kMinTraceLength, kMaxTraceLength].
    virtual std::size_t trace_length() const = 0;
    /// Declared degree of each transition constraint (one entry per constraint, each in [1, 16]).
    virtual std::vector<unsigned> transition_degrees() const = 0;
    /// Boundary constraints; rows < trace_length(), columns < trace_width().
    virtual std::vector<Assertion> assertions() const = 0;
    /// Public inputs, bound into Fiat-Shamir before any challenge (the assertions are too).
    virtual std::vector<Fp> public_inputs() const = 0;
    /// Sequence assertions (see SequenceAssertion); none by default. Bound into Fiat-Shamir
    /// with the other assertions.
    virtual std::vector<SequenceAssertion> sequence_assertions() const { return {}; }
    /// Periodic columns (each of power-of-two length in [1, trace_length()]); none by default.
    virtual std::vector<std::vector<Fp>> periodic_columns() const { return {}; }

    /// Evaluate every transition constraint on one pair of rows over F_p. `current` and `next`
    /// have trace_width() entries, `periodic` one per periodic column, `out` one per constraint.
    virtual void evaluate_transition(std::span<const Fp> current, std::span<const Fp> next,
                                     std::span<const Fp> periodic, std::span<Fp> out) const = 0;
    /// The same constraints evaluated over the extension field (the verifier's out-of-domain
    /// check). Must agree with the F_p version on embedded base-field inputs.
    virtual void evaluate_transition(std::span<const Fp3> current, std::span<const Fp3> next,
                                     std::span<const Fp3> periodic, std::span<Fp3> out) const = 0;
};

/// Helper base: a Derived class defines one member template
///   template <class F> void evaluate(std::span<const F> current, std::span<const F> next,
///                                    std::span<const F> periodic, std::span<F> out) const;
/// (F is Fp or Fp3; mixing with Fp constants works through Fp3's embedding) and TypedAir
/// implements both virtual evaluate_transition overloads with it.
template <class Derived>
class TypedAir : public Air {
public:
    void evaluate_transition(std::span<const Fp> current, std::span<const Fp> next,
                             std::span<const Fp> periodic, std::span<Fp> out) const final {
        static_cast<const Derived&>(*this).template evaluate<Fp>(current, next, periodic, out);
    }
    void evaluate_transition(std::span<const Fp3> current, std::span<const Fp3> next,
                             std::span<const Fp3> periodic, std::span<Fp3> out) const final {
        static_cast<const Derived&>(*this).template evaluate<Fp3>(current, next, periodic, out);
    }
};

/// Check the shape of an AIR (width, length, degrees, assertion positions, periodic column
/// lengths). Throws TraceShapeError for a bad length and InvalidArgument for the rest.
void validate_air(const Air& air);

/// Check that `trace` satisfies `air` row by row (shapes first). Throws TraceShapeError on a
/// shape mismatch and UnsatisfiedTrace naming the first violated constraint and row.
void check_trace(const Air& air, const Trace& trace);

/// Value of periodic column `column` at row r (entry r mod its length).
inline Fp periodic_value(const std::vector<Fp>& column, std::size_t row) {
    return column[row & (column.size() - 1)];
}

}  // namespace l2lab::stark
