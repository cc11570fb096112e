#include "l2lab/rollup/compression.hpp"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zstd.h>

#include <memory>
#include <string>

#include "l2lab/core/error.hpp"

namespace l2lab::rollup {

std::string_view codec_name(Codec c) {
    switch (c) {
        case Codec::None: return "none";
        case Codec::Zstd: return "zstd";
        case Codec::Brotli: return "brotli";
    }
    return "unknown";
}

Codec codec_from_name(std::string_view name) {
    if (name == "none") return Codec::None;
    if (name == "zstd") return Codec::Zstd;
    if (name == "brotli") return Codec::Brotli;
    throw InvalidArgument("unknown codec '" + std::string(name) + "' (none, zstd, brotli)");
}

namespace {

Bytes zstd_compress(BytesView data, int level) {
    if (level < 1 || level > ZSTD_maxCLevel()) throw InvalidArgument("zstd level must be 1..22");
    Bytes out(ZSTD_compressBound(data.size()));
    const std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level);
    if (ZSTD_isError(n)) throw InvalidArgument(std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

Bytes brotli_compress(BytesView data, int level) {
    if (level < BROTLI_MIN_QUALITY || level > BROTLI_MAX_QUALITY) {
        throw InvalidArgument("brotli level must be 0..11");
    }
    std::size_t n = BrotliEncoderMaxCompressedSize(data.size());
    if (n == 0) n = data.size() + 1024;
    Bytes out(n);
    if (!BrotliEncoderCompress(level, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, data.size(),
                               data.data(), &n, out.data())) {
        throw InvalidArgument("brotli: compression failed");
    }
    out.resize(n);
    return out;
}

// Output grows in chunks and never beyond max_output + 1 bytes: a bomb is stopped after at most
// that much work.
constexpr std::size_t kChunk = 64 * 1024;

Bytes zstd_decompress(BytesView data, std::size_t max_output) {
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
    if (!ctx) throw std::bad_alloc();
    ZSTD_DCtx_setParameter(ctx.get(), ZSTD_d_windowLogMax, 27);
    Bytes out;
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    std::size_t ret = 1;
    while (true) {
        const std::size_t room = std::min(kChunk, max_output + 1 - out.size());
        const std::size_t old = out.size();
        out.resize(old + room);
        ZSTD_outBuffer ob{out.data() + old, room, 0};
        ret = ZSTD_decompressStream(ctx.get(), &ob, &in);
        out.resize(old + ob.pos);
        if (ZSTD_isError(ret)) {
            throw DecodeError(DecodeErrorKind::Decompression, in.pos,
                              std::string("zstd: ") + ZSTD_getErrorName(ret));
        }
        if (out.size() > max_output) {
            throw DecodeError(DecodeErrorKind::Oversized, in.pos,
                              "decompressed batch exceeds " + std::to_string(max_output) +
                                  " bytes");
        }
        if (ret == 0) break;  // frame complete
        if (in.pos == in.size && ob.pos < room) {
            throw DecodeError(DecodeErrorKind::Decompression, in.pos, "zstd: truncated frame");
        }
    }
    if (in.pos != in.size) {
        throw DecodeError(DecodeErrorKind::TrailingBytes, in.pos, "bytes after the zstd frame");
    }
    return out;
}

Bytes brotli_decompress(BytesView data, std::size_t max_output) {
    std::unique_ptr<BrotliDecoderState, decltype(&BrotliDecoderDestroyInstance)> st(
        BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
    if (!st) throw std::bad_alloc();
    Bytes out;
    std::size_t avail_in = data.size();
    const std::uint8_t* next_in = data.data();
    while (true) {
        const std::size_t room = std::min(kChunk, max_output + 1 - out.size());
        const std::size_t old = out.size();
        out.resize(old + room);
        std::size_t avail_out = room;
        std::uint8_t* next_out = out.data() + old;
        const auto r = BrotliDecoderDecompressStream(st.get(), &avail_in, &next_in, &avail_out,
                                                     &next_out, nullptr);
        out.resize(old + (room - avail_out));
        const std::size_t pos = data.size() - avail_in;
        if (r == BROTLI_DECODER_RESULT_ERROR) {
            throw DecodeError(DecodeErrorKind::Decompression, pos,
                              std::string("brotli: ") +
                                  BrotliDecoderErrorString(BrotliDecoderGetErrorCode(st.get())));
        }
        if (out.size() > max_output) {
            throw DecodeError(DecodeErrorKind::Oversized, pos,
                              "decompressed batch exceeds " + std::to_string(max_output) +
                                  " bytes");
        }
        if (r == BROTLI_DECODER_RESULT_SUCCESS) {
            if (avail_in != 0) {
                throw DecodeError(DecodeErrorKind::TrailingBytes, pos,
                                  "bytes after the brotli stream");
            }
            return out;
        }
        if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
            throw DecodeError(DecodeErrorKind::Decompression, pos, "brotli: truncated stream");
        }
    }
}

}  // namespace

Bytes compress(Codec codec, BytesView data, int level) {
    switch (codec) {
        case Codec::None: return Bytes(data.begin(), data.end());
        case Codec::Zstd: return zstd_compress(data, level);
        case Codec::Brotli: return brotli_compress(data, level);
    }
    throw InvalidArgument("unknown codec");
}

Bytes decompress(Codec codec, BytesView data, std::size_t max_output) {
    switch (codec) {
        case Codec::None:
            if (data.size() > max_output) {
                throw DecodeError(DecodeErrorKind::Oversized, max_output,
                                  "batch exceeds " + std::to_string(max_output) + " bytes");
            }
            return Bytes(data.begin(), data.end());
        case Codec::Zstd: return zstd_decompress(data, max_output);
        case Codec::Brotli: return brotli_decompress(data, max_output);
    }
    throw InvalidArgument("unknown codec");
}

}  // namespace l2lab::rollup
