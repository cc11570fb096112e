#include "l2lab/validity/stark/fibonacci.hpp"

#include "l2lab/validity/stark/poly.hpp"

namespace l2lab::stark {

namespace {
void check_length(std::size_t n) {
    if (!is_power_of_two(n) || n < kMinTraceLength || n > kMaxTraceLength)
        throw TraceShapeError("stark fibonacci: trace length " + std::to_string(n) +
                              " is not a power of two in [" + std::to_string(kMinTraceLength) + ", " +
                              std::to_string(kMaxTraceLength) + "]");
}
}  // namespace

FibonacciAir::FibonacciAir(std::size_t trace_length, Fp result) : m_length(trace_length), m_result(result) {
    check_length(trace_length);
}

std::vector<Assertion> FibonacciAir::assertions() const {
    return {{0, 0, Fp::one()}, {1, 0, Fp::one()}, {1, m_length - 1, m_result}};
}

Trace fibonacci_trace(std::size_t trace_length) {
    check_length(trace_length);
    std::vector<Fp> a(trace_length), b(trace_length);
    a[0] = Fp::one();
    b[0] = Fp::one();
    for (std::size_t r = 0; r + 1 < trace_length; ++r) {
        a[r + 1] = b[r];
        b[r + 1] = a[r] + b[r];
    }
    return Trace({std::move(a), std::move(b)});
}

Fp fibonacci_result(std::size_t trace_length) { return fibonacci_trace(trace_length).column(1).back(); }

}  // namespace l2lab::stark
