#include "l2lab/validity/stark/air.hpp"

#include "l2lab/validity/stark/poly.hpp"

namespace l2lab::stark {

UnsatisfiedTrace::UnsatisfiedTrace(std::string constraint, std::size_t row, const std::string& detail)
    : InvalidArgument("stark: trace does not satisfy " + constraint + " at row " + std::to_string(row) +
                      (detail.empty() ? "" : ": " + detail)),
      m_constraint(std::move(constraint)),
      m_row(row) {}

namespace {

void check_length(std::size_t n, const char* what) {
    if (!is_power_of_two(n) || n < kMinTraceLength || n > kMaxTraceLength)
        throw TraceShapeError(std::string("stark: ") + what + " " + std::to_string(n) +
                              " is not a power of two in [" + std::to_string(kMinTraceLength) + ", " +
                              std::to_string(kMaxTraceLength) + "]");
}

}  // namespace

Trace::Trace(std::vector<std::vector<Fp>> columns) : m_columns(std::move(columns)) {
    if (m_columns.empty()) throw TraceShapeError("stark: a trace needs at least one column");
    check_length(m_columns.front().size(), "trace length");
    for (std::size_t c = 1; c < m_columns.size(); ++c)
        if (m_columns[c].size() != m_columns.front().size())
            throw TraceShapeError("stark: trace column " + std::to_string(c) + " has " +
                                  std::to_string(m_columns[c].size()) + " rows, column 0 has " +
                                  std::to_string(m_columns.front().size()));
}

std::vector<Fp> Trace::row(std::size_t r) const {
    std::vector<Fp> out;
    out.reserve(width());
    for (const auto& col : m_columns) out.push_back(col.at(r));
    return out;
}

void validate_air(const Air& air) {
    const std::size_t n = air.trace_length();
    check_length(n, "AIR trace length");
    const std::size_t w = air.trace_width();
    if (w == 0 || w > 1024) throw InvalidArgument("stark: AIR trace width must be in [1, 1024]");
    const auto degrees = air.transition_degrees();
    if (degrees.size() > 4096) throw InvalidArgument("stark: more than 4096 transition constraints");
    for (std::size_t i = 0; i < degrees.size(); ++i)
        if (degrees[i] < 1 || degrees[i] > 16)
            throw InvalidArgument("stark: transition constraint " + std::to_string(i) + " declares degree " +
                                  std::to_string(degrees[i]) + " (must be in [1, 16])");
    for (const auto& a : air.assertions())
        if (a.column >= w || a.row >= n)
            throw InvalidArgument("stark: assertion on column " + std::to_string(a.column) + " row " +
                                  std::to_string(a.row) + " lies outside the " + std::to_string(w) + "x" +
                                  std::to_string(n) + " trace");
    const auto sequences = air.sequence_assertions();
    if (sequences.size() > 1024) throw InvalidArgument("stark: more than 1024 sequence assertions");
    for (const auto& s : sequences)
        if (s.column >= w || !is_power_of_two(s.stride) || s.first_row >= s.stride ||
            s.values.size() * s.stride != n)
            throw InvalidArgument("stark: sequence assertion on column " + std::to_string(s.column) + " (first row " +
                                  std::to_string(s.first_row) + ", stride " + std::to_string(s.stride) + ", " +
                                  std::to_string(s.values.size()) + " values) does not cover the " +
                                  std::to_string(w) + "x" + std::to_string(n) +
                                  " trace: stride a power of two, first row < stride, values x stride = length");
    for (const auto& col : air.periodic_columns())
        if (!is_power_of_two(col.size()) || col.size() > n)
            throw InvalidArgument("stark: periodic column of length " + std::to_string(col.size()) +
                                  " (must be a power of two <= trace length)");
}

void check_trace(const Air& air, const Trace& trace) {
    validate_air(air);
    if (trace.width() != air.trace_width() || trace.length() != air.trace_length())
        throw TraceShapeError("stark: trace is " + std::to_string(trace.width()) + "x" +
                              std::to_string(trace.length()) + ", the AIR expects " +
                              std::to_string(air.trace_width()) + "x" + std::to_string(air.trace_length()));
    const auto assertions = air.assertions();
    for (std::size_t i = 0; i < assertions.size(); ++i) {
        const auto& a = assertions[i];
        if (trace.column(a.column)[a.row] != a.value)
            throw UnsatisfiedTrace("assertion " + std::to_string(i), a.row,
                                   "column " + std::to_string(a.column) + " is " +
                                       to_string(trace.column(a.column)[a.row]) + ", expected " +
                                       to_string(a.value));
    }
    const auto sequences = air.sequence_assertions();
    for (std::size_t i = 0; i < sequences.size(); ++i) {
        const auto& s = sequences[i];
        for (std::size_t k = 0; k < s.values.size(); ++k) {
            const std::size_t row = s.first_row + k * s.stride;
            if (trace.column(s.column)[row] != s.values[k])
                throw UnsatisfiedTrace("sequence assertion " + std::to_string(i), row,
                                       "column " + std::to_string(s.column) + " is " +
                                           to_string(trace.column(s.column)[row]) + ", expected " +
                                           to_string(s.values[k]));
        }
    }
    const auto periodic_cols = air.periodic_columns();
    const std::size_t k = air.transition_degrees().size();
    std::vector<Fp> cur(trace.width()), next(trace.width()), per(periodic_cols.size()), out(k);
    for (std::size_t r = 0; r + 1 < trace.length(); ++r) {
        for (std::size_t c = 0; c < trace.width(); ++c) {
            cur[c] = trace.column(c)[r];
            next[c] = trace.column(c)[r + 1];
        }
        for (std::size_t j = 0; j < periodic_cols.size(); ++j) per[j] = periodic_value(periodic_cols[j], r);
        air.evaluate_transition(std::span<const Fp>(cur), std::span<const Fp>(next),
                                std::span<const Fp>(per), std::span<Fp>(out));
        for (std::size_t i = 0; i < k; ++i)
            if (!out[i].is_zero())
                throw UnsatisfiedTrace("transition constraint " + std::to_string(i), r,
                                       "evaluates to " + to_string(out[i]));
    }
}

}  // namespace l2lab::stark
