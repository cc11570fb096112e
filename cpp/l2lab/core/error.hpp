#pragma once
/// \file error.hpp
/// Exceptions for API misuse. Protocol outcomes are values (Result, typed reasons), not exceptions.
/// Python sees: Error -> l2lab.Error; DecodeError -> l2lab.DecodeError (also ValueError);
/// InvalidArgument -> l2lab.InvalidArgumentError (also ValueError); CryptoError ->
/// l2lab.CryptoError (also ValueError); StateError -> l2lab.StateError (also RuntimeError).
/// Boost's checked-arithmetic std::overflow_error / std::range_error -> l2lab.ArithmeticOverflow
/// (also OverflowError).

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace l2lab {

/// Root of every l2lab exception.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Argument outside its documented domain (bad hex, wrong length, out-of-range parameter).
class InvalidArgument : public Error {
public:
    using Error::Error;
};

/// Operation not allowed in the current state (e.g. restoring another world's snapshot).
class StateError : public Error {
public:
    using Error::Error;
};

/// Invalid key, signature or proof material given where a valid one is required.
class CryptoError : public Error {
public:
    using Error::Error;
};

/// Why a decoder refused its input. Stable names: see decode_error_name().
enum class DecodeErrorKind : std::uint8_t {
    Truncated,        ///< input ends before the announced length
    TrailingBytes,    ///< bytes left after one complete item
    NonCanonical,     ///< a shorter encoding exists (long form for short payload, single byte wrapped)
    LeadingZeros,     ///< length or integer with leading zero bytes
    Oversized,        ///< exceeds a configured size or depth limit
    UnexpectedType,   ///< list where a string was expected or vice versa, wrong field count
    InvalidValue,     ///< well-formed but semantically out of range (e.g. integer > 2^256-1)
    Decompression,    ///< compressed payload could not be decompressed
};

/// Stable snake_case name of a DecodeErrorKind (e.g. "non_canonical").
std::string_view decode_error_name(DecodeErrorKind kind);

/// Input bytes were rejected by a strict decoder. `kind()` says why, `offset()` where.
class DecodeError : public Error {
public:
    DecodeError(DecodeErrorKind kind, std::size_t offset, const std::string& detail);
    DecodeErrorKind kind() const noexcept { return m_kind; }
    std::size_t offset() const noexcept { return m_offset; }

private:
    DecodeErrorKind m_kind;
    std::size_t m_offset;
};

}  // namespace l2lab
