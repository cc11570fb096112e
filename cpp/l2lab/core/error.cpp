#include "l2lab/core/error.hpp"

namespace l2lab {

std::string_view decode_error_name(DecodeErrorKind kind) {
    switch (kind) {
        case DecodeErrorKind::Truncated: return "truncated";
        case DecodeErrorKind::TrailingBytes: return "trailing_bytes";
        case DecodeErrorKind::NonCanonical: return "non_canonical";
        case DecodeErrorKind::LeadingZeros: return "leading_zeros";
        case DecodeErrorKind::Oversized: return "oversized";
        case DecodeErrorKind::UnexpectedType: return "unexpected_type";
        case DecodeErrorKind::InvalidValue: return "invalid_value";
        case DecodeErrorKind::Decompression: return "decompression";
    }
    return "unknown";
}

DecodeError::DecodeError(DecodeErrorKind kind, std::size_t offset, const std::string& detail)
    : Error(std::string(decode_error_name(kind)) + " at byte " + std::to_string(offset) + ": " +
            detail),
      m_kind(kind),
      m_offset(offset) {}

}  // namespace l2lab
