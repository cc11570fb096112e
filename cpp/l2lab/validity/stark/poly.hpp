#pragma once
/// \file poly.hpp
/// Polynomials over the Goldilocks field: radix-2 NTT / inverse NTT over the subgroup of order
/// 2^k, coset evaluation (low-degree extension with a configurable blowup), interpolation and
/// Horner evaluation. Coefficient vectors are lowest degree first. Evaluation vectors are in
/// natural order: entry i is the value at offset * w^i, w the primitive root of order n from
/// Fp::two_adic_root(log2 n).
///
/// Every function is templated on the element type F (Fp or Fp3; twiddles are always in Fp) and
/// instantiated for both in poly.cpp.

#include <cstdint>
#include <span>
#include <vector>

#include "l2lab/validity/stark/field.hpp"

namespace l2lab::stark {

/// True when n is a power of two (n >= 1).
constexpr bool is_power_of_two(std::size_t n) { return n != 0 && (n & (n - 1)) == 0; }
/// log2 of a power of two. InvalidArgument when `n` is not one.
unsigned log2_exact(std::size_t n);

/// In place: coefficients -> evaluations at w^0..w^(n-1), n = values.size(). InvalidArgument
/// unless n is a power of two with n <= 2^32.
template <class F>
void ntt(std::span<F> values);
/// In place: evaluations at w^0..w^(n-1) -> coefficients (the inverse of ntt()).
template <class F>
void intt(std::span<F> values);

/// Evaluations at offset * w^i, i < domain_size, of the polynomial with `coeffs`.
/// InvalidArgument unless domain_size is a power of two >= coeffs.size() (coefficients beyond
/// the domain would alias).
template <class F>
std::vector<F> evaluate_on_coset(std::span<const F> coeffs, std::size_t domain_size, Fp offset);
/// Coefficients (degree < n) of the polynomial taking `evaluations[i]` at offset * w^i.
/// InvalidArgument unless n is a power of two; offset must be nonzero.
template <class F>
std::vector<F> interpolate_coset(std::span<const F> evaluations, Fp offset);

/// Low-degree extension: the polynomial through `values` on the subgroup of order n, evaluated on
/// the coset offset * <w_(n * blowup)>. blowup must be a power of two.
template <class F>
std::vector<F> low_degree_extend(std::span<const F> values, std::size_t blowup, Fp offset);

/// Horner evaluation of `coeffs` at x (x may be in the extension).
template <class F, class X>
X evaluate_at(std::span<const F> coeffs, const X& x) {
    X acc{};
    for (std::size_t i = coeffs.size(); i-- > 0;) acc = acc * x + X(coeffs[i]);
    return acc;
}

/// The reference O(n^2) evaluation used by the tests: values at offset * w^i, i < domain_size.
template <class F>
std::vector<F> evaluate_naive(std::span<const F> coeffs, std::size_t domain_size, Fp offset);

}  // namespace l2lab::stark
