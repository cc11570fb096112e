#include "l2lab/validity/stark/field.hpp"

#include "l2lab/core/error.hpp"

namespace l2lab::stark {

Fp Fp::from_canonical(std::uint64_t x) {
    if (x >= kModulus)
        throw InvalidArgument("stark field: " + std::to_string(x) + " is not canonical (>= p)");
    return Fp(x);
}

Fp Fp::inverse() const {
    if (is_zero()) throw InvalidArgument("stark field: inverse of zero");
    return pow(kModulus - 2);  // Fermat
}

Fp Fp::two_adic_root(unsigned log_order) {
    if (log_order > kTwoAdicity)
        throw InvalidArgument("stark field: no root of unity of order 2^" + std::to_string(log_order) +
                              " (two-adicity is 32)");
    return Fp(kGenerator).pow((kModulus - 1) >> log_order);
}

Fp3 Fp3::inverse() const {
    if (is_zero()) throw InvalidArgument("stark field: inverse of zero (extension)");
    const Fp a0 = m_c[0], a1 = m_c[1], a2 = m_c[2];
    // Columns of M = "multiply by a" in the basis 1, x, x^2 (x^3 = x + 1):
    //   a*1 = (a0, a1, a2), a*x = (a2, a0 + a2, a1), a*x^2 = (a1, a1 + a2, a0 + a2).
    // The inverse b solves M b = e0; M is invertible because F_p^3 is a field.
    const Fp m00 = a0, m01 = a2, m02 = a1;
    const Fp m10 = a1, m11 = a0 + a2, m12 = a1 + a2;
    const Fp m20 = a2, m21 = a1, m22 = a0 + a2;
    const Fp det = m00 * (m11 * m22 - m12 * m21) - m01 * (m10 * m22 - m12 * m20) +
                   m02 * (m10 * m21 - m11 * m20);
    const Fp inv_det = det.inverse();
    // Cramer with right-hand side e0: b_i = det(M with column i := e0) / det(M).
    const Fp b0 = (m11 * m22 - m12 * m21) * inv_det;
    const Fp b1 = (m12 * m20 - m10 * m22) * inv_det;
    const Fp b2 = (m10 * m21 - m11 * m20) * inv_det;
    return Fp3(b0, b1, b2);
}

namespace {

template <class F>
void batch_inverse_impl(std::span<F> values) {
    if (values.empty()) return;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i].is_zero())
            throw InvalidArgument("stark field: batch_inverse of zero at index " + std::to_string(i));
    std::vector<F> prefix(values.size());
    F acc = F::one();
    for (std::size_t i = 0; i < values.size(); ++i) {
        prefix[i] = acc;
        acc *= values[i];
    }
    F inv = acc.inverse();
    for (std::size_t i = values.size(); i-- > 0;) {
        const F v = values[i];
        values[i] = inv * prefix[i];
        inv *= v;
    }
}

}  // namespace

void batch_inverse(std::span<Fp> values) { batch_inverse_impl(values); }
void batch_inverse(std::span<Fp3> values) { batch_inverse_impl(values); }

std::string to_string(Fp a) { return std::to_string(a.value()); }
std::string to_string(const Fp3& a) {
    return "(" + to_string(a.coeff(0)) + ", " + to_string(a.coeff(1)) + ", " + to_string(a.coeff(2)) + ")";
}

}  // namespace l2lab::stark
