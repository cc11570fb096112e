#pragma once
/// \file compression.hpp
/// Batch compression codecs: none, zstd, brotli, with a hard cap on decompressed size so that
/// decompression bombs are rejected after producing at most `max_output` bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include "l2lab/core/bytes.hpp"

namespace l2lab::rollup {

/// Compression codec of a rollup's batches (its byte value is the frame's codec byte).
enum class Codec : std::uint8_t { None = 0, Zstd = 1, Brotli = 2 };
/// Stable name: "none", "zstd", "brotli".
std::string_view codec_name(Codec c);
/// Parse a stable name. Throws InvalidArgument for anything else.
Codec codec_from_name(std::string_view name);

/// Default cap on decompressed batch size: 16 MiB.
inline constexpr std::size_t kDefaultMaxDecompressed = 16u << 20;

/// Compress `data`. `level`: zstd 1..22, brotli 0..11 (ignored for None).
/// Throws InvalidArgument for a level out of range.
Bytes compress(Codec codec, BytesView data, int level);
/// Decompress exactly one complete frame. Throws DecodeError: Oversized (output would exceed
/// `max_output` bytes, at the input offset reached), Decompression (corrupt or truncated
/// stream), TrailingBytes (bytes after the frame).
Bytes decompress(Codec codec, BytesView data, std::size_t max_output = kDefaultMaxDecompressed);

}  // namespace l2lab::rollup
