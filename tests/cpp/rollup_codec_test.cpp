// Batch codecs: round trips for every codec, strict frame decoding, decompression-bomb cap.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "l2lab/core/error.hpp"
#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/compression.hpp"

using namespace l2lab;
using namespace l2lab::rollup;

namespace {
Batch sample_batch(std::size_t n) {
    Batch b;
    b.queue_index = 3;
    const auto key = crypto::PrivateKey::from_int(7);
    for (std::size_t i = 0; i < n; ++i) {
        L2Tx tx;
        tx.chain_id = 901;
        tx.nonce = i;
        tx.fee = 1000;
        tx.to = key.address();
        tx.value = 12345 + i;
        tx.sign(key);
        b.txs.push_back(tx);
    }
    return b;
}
DecodeErrorKind kind_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const DecodeError& e) {
        return e.kind();
    }
    ADD_FAILURE() << "no DecodeError";
    return DecodeErrorKind::Truncated;
}
}  // namespace

TEST(RollupCodec, NamesAreStable) {
    EXPECT_EQ(codec_name(Codec::Zstd), "zstd");
    EXPECT_EQ(codec_from_name("brotli"), Codec::Brotli);
    EXPECT_THROW(codec_from_name("lz4"), InvalidArgument);
    EXPECT_THROW(compress(Codec::Zstd, Bytes{1}, 23), InvalidArgument);
    EXPECT_THROW(compress(Codec::Brotli, Bytes{1}, 12), InvalidArgument);
}

TEST(RollupCodec, EveryCodecRoundTripsAndCompresses) {
    const Batch b = sample_batch(100);
    const std::size_t raw = encode_batch(b, Codec::None, 0).size();
    for (Codec c : {Codec::None, Codec::Zstd, Codec::Brotli}) {
        const Bytes f = encode_batch(b, c, c == Codec::Brotli ? 9 : 3);
        EXPECT_EQ(decode_batch(f), b) << codec_name(c);
        if (c != Codec::None) {
            EXPECT_LT(f.size(), raw) << codec_name(c);
        }
    }
}

TEST(RollupCodec, BombsAreRejectedAtTheCap) {
    const Bytes zeros(8u << 20, 0);
    for (Codec c : {Codec::Zstd, Codec::Brotli}) {
        const Bytes bomb = compress(c, zeros, c == Codec::Brotli ? 5 : 3);
        EXPECT_LT(bomb.size(), 10'000u);
        EXPECT_EQ(kind_of([&] { (void)decompress(c, bomb, 1u << 20); }),
                  DecodeErrorKind::Oversized);
        EXPECT_EQ(decompress(c, bomb, 8u << 20).size(), zeros.size());
    }
    EXPECT_EQ(kind_of([&] { (void)decompress(Codec::None, zeros, 100); }),
              DecodeErrorKind::Oversized);
}

TEST(RollupCodec, MalformedFramesAreTypedErrors) {
    const Bytes good = encode_batch(sample_batch(3), Codec::Zstd, 3);
    EXPECT_EQ(kind_of([] { (void)decode_batch(Bytes{1}); }), DecodeErrorKind::Truncated);
    Bytes v = good;
    v[0] = 2;
    EXPECT_EQ(kind_of([&] { (void)decode_batch(v); }), DecodeErrorKind::InvalidValue);
    v = good;
    v[1] = 9;
    EXPECT_EQ(kind_of([&] { (void)decode_batch(v); }), DecodeErrorKind::InvalidValue);
    v = good;
    v.push_back(0);
    EXPECT_EQ(kind_of([&] { (void)decode_batch(v); }), DecodeErrorKind::TrailingBytes);
    v = good;
    v.resize(v.size() - 3);
    EXPECT_EQ(kind_of([&] { (void)decode_batch(v); }), DecodeErrorKind::Decompression);
    const Bytes br = encode_batch(sample_batch(3), Codec::Brotli, 5);
    v = br;
    v.resize(v.size() - 2);
    EXPECT_EQ(kind_of([&] { (void)decode_batch(v); }), DecodeErrorKind::Decompression);
}

RC_GTEST_PROP(RollupCodec, RandomBytesNeverCrashTheDecoder, (std::vector<std::uint8_t> tail)) {
    for (std::uint8_t codec = 0; codec < 3; ++codec) {
        Bytes frame{kBatchVersion, codec};
        frame.insert(frame.end(), tail.begin(), tail.end());
        try {
            const Batch b = decode_batch(frame, 1 << 16);
            RC_ASSERT(encode_batch_payload(b).size() <= (1u << 16));
        } catch (const DecodeError&) {
        }
    }
}
