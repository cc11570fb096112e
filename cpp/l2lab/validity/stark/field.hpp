#pragma once
/// \file field.hpp
/// The Goldilocks prime field F_p, p = 2^64 - 2^32 + 1, and its cubic extension
/// F_p^3 = F_p[x] / (x^3 - x - 1), the arithmetic under every STARK component.
///
/// Elements are kept canonical (value < p) at all times. The multiplicative group has order
/// p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537, so it contains subgroups of every order 2^k, k <= 32;
/// 7 generates the whole group (the generator Plonky2 and Winterfell publish for this field).
///
/// Why x^3 - x - 1: it is irreducible over F_p (Rabin's test, checked in stark_field_test.cpp:
/// x^(p^3) = x mod f and gcd(x^p - x, f) = 1, i.e. no root in F_p and no factor of degree 2 — a
/// cubic with no linear factor has none of degree 2 either); its reduction x^3 = x + 1 costs two
/// additions. Winterfell uses the same polynomial for its cubic Goldilocks extension. The
/// extension has p^3 ~ 2^192 elements, so out-of-domain and FRI challenges drawn from it keep
/// the field term of the soundness bound far above 128 bits.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace l2lab::stark {

__extension__ typedef unsigned __int128 u128;

/// An element of the Goldilocks field, always canonical (0 <= value < p).
class Fp {
public:
    /// The modulus p = 2^64 - 2^32 + 1.
    static constexpr std::uint64_t kModulus = 0xFFFFFFFF00000001ull;
    /// 2^64 mod p = 2^32 - 1.
    static constexpr std::uint64_t kEpsilon = 0xFFFFFFFFull;
    /// A generator of the whole multiplicative group (published constant 7).
    static constexpr std::uint64_t kGenerator = 7;
    /// Largest k with 2^k | p - 1.
    static constexpr unsigned kTwoAdicity = 32;

    constexpr Fp() = default;
    /// Reduce any 64-bit integer into the field (x mod p).
    static constexpr Fp from_u64(std::uint64_t x) { return Fp(x >= kModulus ? x - kModulus : x); }
    /// Exactly `x`, which must already be canonical (< p); a non-canonical value throws
    /// InvalidArgument. Use from_u64 to reduce.
    static Fp from_canonical(std::uint64_t x);
    /// Reduce a 128-bit integer modulo p.
    static constexpr Fp from_u128(u128 x) { return Fp(reduce128(x)); }

    static constexpr Fp zero() { return Fp(0); }
    static constexpr Fp one() { return Fp(1); }

    /// The canonical integer representative in [0, p).
    constexpr std::uint64_t value() const { return m_v; }
    constexpr bool is_zero() const { return m_v == 0; }

    friend constexpr Fp operator+(Fp a, Fp b) {
        std::uint64_t s = a.m_v + b.m_v;
        if (s < a.m_v) {
            s += kEpsilon;  // wrapped past 2^64: 2^64 = epsilon (mod p), and the result is < p
        } else if (s >= kModulus) {
            s -= kModulus;
        }
        return Fp(s);
    }
    friend constexpr Fp operator-(Fp a, Fp b) {
        std::uint64_t d = a.m_v - b.m_v;
        if (a.m_v < b.m_v) d -= kEpsilon;  // borrowed 2^64 = p + epsilon: add p back
        return Fp(d);
    }
    constexpr Fp operator-() const { return Fp(m_v == 0 ? 0 : kModulus - m_v); }
    friend constexpr Fp operator*(Fp a, Fp b) {
        return Fp(reduce128(static_cast<u128>(a.m_v) * static_cast<u128>(b.m_v)));
    }
    constexpr Fp& operator+=(Fp b) { return *this = *this + b; }
    constexpr Fp& operator-=(Fp b) { return *this = *this - b; }
    constexpr Fp& operator*=(Fp b) { return *this = *this * b; }
    friend constexpr bool operator==(Fp a, Fp b) { return a.m_v == b.m_v; }

    constexpr Fp square() const { return *this * *this; }
    /// this^e by square-and-multiply (0^0 = 1).
    constexpr Fp pow(std::uint64_t e) const {
        Fp base = *this;
        Fp acc = one();
        while (e != 0) {
            if ((e & 1) != 0) acc *= base;
            base = base.square();
            e >>= 1;
        }
        return acc;
    }
    /// Multiplicative inverse. Throws InvalidArgument for zero.
    Fp inverse() const;

    /// A primitive root of unity of order 2^log_order (log_order <= 32): 7^((p-1)/2^log_order).
    /// Throws InvalidArgument when log_order > 32.
    static Fp two_adic_root(unsigned log_order);

    /// Fast reduction of a 128-bit integer: with x = lo + 2^64 (hi_lo + 2^32 hi_hi),
    /// 2^64 = 2^32 - 1 and 2^96 = -1 (mod p) give x = lo - hi_hi + hi_lo (2^32 - 1).
    static constexpr std::uint64_t reduce128(u128 x) {
        const auto lo = static_cast<std::uint64_t>(x);
        const auto hi = static_cast<std::uint64_t>(x >> 64);
        const std::uint64_t hi_hi = hi >> 32;
        const std::uint64_t hi_lo = hi & kEpsilon;
        std::uint64_t t0 = lo - hi_hi;
        if (lo < hi_hi) t0 -= kEpsilon;  // borrow of 2^64 = epsilon (mod p); t0 stays >= 0
        const std::uint64_t t1 = hi_lo * kEpsilon;  // < 2^64 - 2^33
        std::uint64_t t2 = t0 + t1;
        if (t2 < t0) t2 += kEpsilon;  // carry of 2^64; cannot overflow again (t2 < t1 here)
        if (t2 >= kModulus) t2 -= kModulus;
        return t2;
    }

private:
    constexpr explicit Fp(std::uint64_t v) : m_v(v) {}
    std::uint64_t m_v = 0;
};

/// An element a0 + a1 x + a2 x^2 of F_p^3 = F_p[x]/(x^3 - x - 1).
class Fp3 {
public:
    constexpr Fp3() = default;
    constexpr Fp3(Fp a0, Fp a1, Fp a2) : m_c{a0, a1, a2} {}
    /// The base-field element `a` embedded as a + 0x + 0x^2.
    constexpr Fp3(Fp a) : m_c{a, Fp::zero(), Fp::zero()} {}  // NOLINT: implicit embedding

    static constexpr Fp3 zero() { return Fp3(); }
    static constexpr Fp3 one() { return Fp3(Fp::one()); }

    /// Coefficient i (0, 1 or 2) of the basis 1, x, x^2.
    constexpr Fp coeff(std::size_t i) const { return m_c[i]; }
    constexpr const std::array<Fp, 3>& coeffs() const { return m_c; }
    constexpr bool is_zero() const { return m_c[0].is_zero() && m_c[1].is_zero() && m_c[2].is_zero(); }
    /// True when the element lies in the base field (a1 = a2 = 0).
    constexpr bool is_base() const { return m_c[1].is_zero() && m_c[2].is_zero(); }

    friend constexpr Fp3 operator+(const Fp3& a, const Fp3& b) {
        return Fp3(a.m_c[0] + b.m_c[0], a.m_c[1] + b.m_c[1], a.m_c[2] + b.m_c[2]);
    }
    friend constexpr Fp3 operator-(const Fp3& a, const Fp3& b) {
        return Fp3(a.m_c[0] - b.m_c[0], a.m_c[1] - b.m_c[1], a.m_c[2] - b.m_c[2]);
    }
    constexpr Fp3 operator-() const { return Fp3(-m_c[0], -m_c[1], -m_c[2]); }
    friend constexpr Fp3 operator*(const Fp3& a, const Fp3& b) {
        const Fp c0 = a.m_c[0] * b.m_c[0];
        const Fp c1 = a.m_c[0] * b.m_c[1] + a.m_c[1] * b.m_c[0];
        const Fp c2 = a.m_c[0] * b.m_c[2] + a.m_c[1] * b.m_c[1] + a.m_c[2] * b.m_c[0];
        const Fp c3 = a.m_c[1] * b.m_c[2] + a.m_c[2] * b.m_c[1];
        const Fp c4 = a.m_c[2] * b.m_c[2];
        // x^3 = x + 1, x^4 = x^2 + x
        return Fp3(c0 + c3, c1 + c3 + c4, c2 + c4);
    }
    /// Product with a base-field element (three base multiplications).
    friend constexpr Fp3 operator*(const Fp3& a, Fp b) {
        return Fp3(a.m_c[0] * b, a.m_c[1] * b, a.m_c[2] * b);
    }
    friend constexpr Fp3 operator*(Fp b, const Fp3& a) { return a * b; }
    constexpr Fp3& operator+=(const Fp3& b) { return *this = *this + b; }
    constexpr Fp3& operator-=(const Fp3& b) { return *this = *this - b; }
    constexpr Fp3& operator*=(const Fp3& b) { return *this = *this * b; }
    constexpr Fp3& operator*=(Fp b) { return *this = *this * b; }
    friend constexpr bool operator==(const Fp3& a, const Fp3& b) { return a.m_c == b.m_c; }

    constexpr Fp3 square() const { return *this * *this; }
    /// this^e by square-and-multiply (0^0 = 1).
    constexpr Fp3 pow(std::uint64_t e) const {
        Fp3 base = *this;
        Fp3 acc = one();
        while (e != 0) {
            if ((e & 1) != 0) acc *= base;
            base = base.square();
            e >>= 1;
        }
        return acc;
    }
    /// Multiplicative inverse (solves the 3x3 system of "multiply by this" by Cramer's rule).
    /// Throws InvalidArgument for zero.
    Fp3 inverse() const;

private:
    std::array<Fp, 3> m_c{};
};

/// Replace every element of `values` by its inverse with one field inversion (Montgomery's
/// trick). Throws InvalidArgument, naming the index, if any element is zero (values unchanged).
void batch_inverse(std::span<Fp> values);
void batch_inverse(std::span<Fp3> values);

/// Debug text of an element: decimal "123" for Fp, "(a0, a1, a2)" for Fp3.
std::string to_string(Fp a);
std::string to_string(const Fp3& a);

}  // namespace l2lab::stark
