// Keccak-256 and SHA-256 against published known-answer vectors; the streaming Keccak agrees with
// the one-shot function for every split of the input.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/hash_kind.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/keccak_detail.hpp"
#include "l2lab/crypto/sha256.hpp"

using namespace l2lab;
using namespace l2lab::crypto;

namespace {
std::string khex(std::string_view s) {
    return keccak256(as_bytes(s)).hex();
}
std::string shex(std::string_view s) {
    return sha256(as_bytes(s)).hex();
}
Bytes counting(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i)
        b[i] = static_cast<std::uint8_t>(i);
    return b;
}
}  // namespace

TEST(CryptoKeccak, EmptyString) {
    // Ethereum's well-known empty hash (also the code hash of an account without code).
    EXPECT_EQ(khex(""), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
}

TEST(CryptoKeccak, Abc) {
    EXPECT_EQ(khex("abc"), "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST(CryptoKeccak, QuickBrownFox) {
    EXPECT_EQ(khex("The quick brown fox jumps over the lazy dog"),
              "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

TEST(CryptoKeccak, TwoHundredBytesSpanBlocks) {
    // 200 x 0xa3 (the Keccak team's 1600-bit test message); expected value from pycryptodome's
    // independent Keccak-256 implementation.
    const Bytes msg(200, 0xa3);
    EXPECT_EQ(keccak256(msg).hex(),
              "0x3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a");
}

TEST(CryptoKeccak, RateBoundary) {
    // Inputs 0,1,2,... of length rate-1, rate, rate+1 and 2*rate (rate = 136 bytes): the padding
    // byte lands last in a block, alone in a new block, etc. Expected from pycryptodome.
    EXPECT_EQ(keccak256(counting(135)).hex(),
              "0xcbdfd9dee5faad3818d6b06f95a219fd290b0e1706f6a82e5a595b9ce9faca62");
    EXPECT_EQ(keccak256(counting(136)).hex(),
              "0x7ce759f1ab7f9ce437719970c26b0a66ff11fe3e38e17df89cf5d29c7d7f807e");
    EXPECT_EQ(keccak256(counting(137)).hex(),
              "0xac73d4fae68b8453f764007c1a20ce95994187861f0c3227a3a8e99a73a3b1db");
    EXPECT_EQ(keccak256(counting(272)).hex(),
              "0xfdf2ec49e749960d3c8521a0219af8d03e30e2b3bf19bd16150ee0eaf133d66e");
}

TEST(CryptoKeccak, StreamingMatchesOneShotAtBoundary) {
    const Bytes msg = counting(300);
    for (std::size_t split = 0; split <= msg.size(); ++split) {
        Keccak256 h;
        h.update(BytesView(msg).first(split));
        h.update(BytesView(msg).subspan(split));
        ASSERT_EQ(h.finalize(), keccak256(msg)) << "split at " << split;
    }
}

RC_GTEST_PROP(CryptoKeccak,
              StreamingMatchesOneShot,
              (const std::vector<std::uint8_t>& data, const std::vector<std::size_t>& cuts)) {
    Keccak256 h;
    std::size_t pos = 0;
    for (std::size_t c : cuts) {
        const std::size_t len = std::min(c % 200, data.size() - pos);
        h.update(BytesView(data).subspan(pos, len));
        pos += len;
    }
    h.update(BytesView(data).subspan(pos));
    RC_ASSERT(h.finalize() == keccak256(data));
}

namespace {
// Keccak-256 sponge over the portable permutation, written independently of keccak.cpp's sponge.
Hash32 keccak256_portable(BytesView data) {
    std::uint64_t st[25] = {};
    Bytes padded(data.begin(), data.end());
    padded.push_back(0x01);
    while (padded.size() % 136 != 0)
        padded.push_back(0);
    padded.back() |= 0x80;
    for (std::size_t off = 0; off < padded.size(); off += 136) {
        for (std::size_t i = 0; i < 17; ++i) {
            std::uint64_t lane = 0;
            for (int b = 7; b >= 0; --b)
                lane = (lane << 8) | padded[off + 8 * i + b];
            st[i] ^= lane;
        }
        keccak_f1600_portable(st);
    }
    Hash32 out;
    for (std::size_t i = 0; i < 32; ++i)
        out.bytes[i] = static_cast<std::uint8_t>(st[i / 8] >> (8 * (i % 8)));
    return out;
}
}  // namespace

TEST(CryptoKeccak, PortablePermutationKnownAnswer) {
    EXPECT_EQ(keccak256_portable({}).hex(),
              "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    EXPECT_EQ(keccak256_portable(as_bytes("abc")).hex(),
              "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

RC_GTEST_PROP(CryptoKeccak,
              DispatchedPermutationMatchesPortable,
              (const std::vector<std::uint8_t>& data)) {
    RC_ASSERT(keccak256(data) == keccak256_portable(data));
}

TEST(CryptoSha256, NistVectors) {
    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf" and the one-million-'a' long message).
    EXPECT_EQ(shex(""), "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(shex("abc"), "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(shex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "0x248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(shex(std::string(1000000, 'a')),
              "0xcdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(CryptoHashKind, NamesRoundTrip) {
    for (HashKind k : {HashKind::Sha256, HashKind::Keccak256}) {
        EXPECT_EQ(parse_hash_kind(hash_kind_name(k)), k);
    }
    EXPECT_EQ(hash_kind_name(HashKind::Sha256), "sha256");
    EXPECT_EQ(hash_kind_name(HashKind::Keccak256), "keccak256");
    EXPECT_THROW(parse_hash_kind("md5"), InvalidArgument);
    EXPECT_THROW(parse_hash_kind("SHA256"), InvalidArgument);
}

TEST(CryptoHashKind, DispatchesAndPairsConcatenate) {
    const auto abc = as_bytes("abc");
    EXPECT_EQ(hash_bytes(HashKind::Keccak256, abc), keccak256(abc));
    EXPECT_EQ(hash_bytes(HashKind::Sha256, abc), sha256(abc));
    Hash32 l, r;
    for (int i = 0; i < 32; ++i) {
        l.bytes[i] = static_cast<std::uint8_t>(i);
        r.bytes[i] = static_cast<std::uint8_t>(100 + i);
    }
    Bytes cat(l.bytes.begin(), l.bytes.end());
    cat.insert(cat.end(), r.bytes.begin(), r.bytes.end());
    for (HashKind k : {HashKind::Sha256, HashKind::Keccak256}) {
        EXPECT_EQ(hash_pair(k, l, r), hash_bytes(k, cat));
        EXPECT_NE(hash_pair(k, l, r), hash_pair(k, r, l));
    }
}
