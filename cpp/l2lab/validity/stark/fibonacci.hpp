#pragma once
/// \file fibonacci.hpp
/// Example AIR: the Fibonacci sequence over F_p in two columns (a, b).
/// Rows: (a_0, b_0) = (1, 1); a_(r+1) = b_r, b_(r+1) = a_r + b_r (two degree-1 transitions).
/// Public input: b_(n-1) (asserted at the last row). After n rows b_(n-1) = F(2n) mod p with
/// F(1) = F(2) = 1.

#include "l2lab/validity/stark/air.hpp"

namespace l2lab::stark {

class FibonacciAir final : public TypedAir<FibonacciAir> {
public:
    /// `trace_length` rows (a power of two >= 8, else TraceShapeError), claimed last value.
    FibonacciAir(std::size_t trace_length, Fp result);

    std::string name() const override { return "fibonacci"; }
    std::size_t trace_width() const override { return 2; }
    std::size_t trace_length() const override { return m_length; }
    std::vector<unsigned> transition_degrees() const override { return {1, 1}; }
    std::vector<Assertion> assertions() const override;
    std::vector<Fp> public_inputs() const override { return {m_result}; }

    template <class F>
    void evaluate(std::span<const F> cur, std::span<const F> next, std::span<const F>, std::span<F> out) const {
        out[0] = next[0] - cur[1];
        out[1] = next[1] - (cur[0] + cur[1]);
    }

private:
    std::size_t m_length;
    Fp m_result;
};

/// The honest trace of `trace_length` rows (TraceShapeError unless a power of two in range).
Trace fibonacci_trace(std::size_t trace_length);
/// b_(n-1) of that trace.
Fp fibonacci_result(std::size_t trace_length);

}  // namespace l2lab::stark
