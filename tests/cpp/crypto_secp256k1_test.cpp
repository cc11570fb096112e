// secp256k1 keys and recoverable ECDSA: Ethereum's private-key-1 address, RFC 6979 signatures
// cross-checked offline against python-ecdsa (deterministic RFC 6979, normalised to low-s) and
// coincurve (recovery id), and every malformed signature or key rejected with a reason.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/address.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/secp256k1.hpp"

using namespace l2lab;
using namespace l2lab::crypto;

namespace {
const u256 kN("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

struct SigVector {
    const char* secret;
    const char* message;  // signed digest is keccak256(message)
    const char* signature;
    const char* public_xy;
    const char* address;
};

// Computed with python-ecdsa's sign_digest_deterministic (RFC 6979) + low-s normalisation; the
// recovery id is coincurve's (libsecp256k1 bundled by coincurve, a separate build).
const SigVector kVectors[] = {
    {"0x1", "hello",
     "0x433ec3d37e4f1253df15e2dea412fed8e915737730f74b3dfb1353268f932ef5557c9158e0b34bce39de28d1179"
     "7b42e9b1acb2749230885fe075aedc3e491a400",
     "0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1"
     "108a8fd17b448a68554199c47d08ffb10d4b8",
     "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"},
    {"0x2", "abc",
     "0x53605987ae5f6b0dc56221f7fb8356a0894abfc63731fbc04208a2b0fada04b207c7de2894badd7bdb8cb392292"
     "be015de06670b494c91e5b756ce0805fea0dc01",
     "0xc6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee51ae168fea63dc339a3c58419466"
     "ceaeef7f632653266d0e1236431a950cfe52a",
     "0x2b5ad5c4795c026514f8317c7a215e218dccd6cf"},
    {"0xc85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4",
     "The quick brown fox jumps over the lazy dog",
     "0xc8e6225d7c526ccbc5d88a73cd0875c0c0ed73e864a9017589396b2b35273bf35c7090db1483b92c60b59d52e0b"
     "d6860df967079a9dee6b324ae71af92af7c0601",
     "0x0947751e3022ecf3016be03ec77ab0ce3c2662b4843898cb068d74f698ccc8ad75aa17564ae80a20bb044ee7a6d"
     "903e8e8df624b089c95d66a0570f051e5a05b",
     "0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826"},
    {"0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", "",
     "0x1f4365919f49f7e9b8018b7526c78769cd31a28fc0cf8dc91e6a20a099c07498480cb8d4ba4ee0d2446bea06ff8"
     "15bf7ce05665b00248c491d70b2039d91222c01",
     "0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798b7c52588d95c3b9aa25b0403f1e"
     "ef75702e84bb7597aabe663b82f6f04ef2777",
     "0x80c0dbf239224071c59dd8970ab9d542e3414ab2"},
};

Signature high_s_variant(const Signature& sig) {
    Signature out = sig;
    const auto s_high = to_be32(u256(kN - sig.s()));
    std::copy(s_high.begin(), s_high.end(), out.bytes.begin() + 32);
    out.bytes[64] ^= 1;  // negating s flips the parity of R's y for recovery
    return out;
}

std::string crypto_message(const Bytes& b) {
    try {
        (void)Signature::parse(b);
    } catch (const CryptoError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(CryptoSecp256k1, PrivateKeyOneAddress) {
    // Ethereum's widely published address of private key 1.
    const auto k = PrivateKey::from_int(1);
    EXPECT_EQ(to_checksum_hex(k.address()), "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    EXPECT_EQ(k.to_int(), 1);
}

TEST(CryptoSecp256k1, GeneratorIsPublicKeyOfOne) {
    // SEC 2 generator point G.
    EXPECT_EQ(to_hex(PrivateKey::from_int(1).public_key().compressed()),
              "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
}

TEST(CryptoSecp256k1, Rfc6979VectorsFromIndependentImplementations) {
    for (const auto& v : kVectors) {
        const auto key = PrivateKey::from_int(u256(v.secret));
        const Hash32 digest = keccak256(as_bytes(v.message));
        const Signature sig = key.sign(digest);
        EXPECT_EQ(to_hex(sig.view()), v.signature) << v.secret;
        EXPECT_EQ(to_hex(BytesView(key.public_key().xy)), v.public_xy);
        EXPECT_EQ(key.address().hex(), v.address);
        const auto rec = recover(digest, sig);
        ASSERT_TRUE(rec.has_value());
        EXPECT_EQ(*rec, key.public_key());
        EXPECT_EQ(recover_address(digest, sig), key.address());
        EXPECT_TRUE(verify(key.public_key(), digest, sig));
        EXPECT_EQ(Signature::parse(sig.view()), sig);
    }
}

TEST(CryptoSecp256k1, HighSVariantRejectedEverywhere) {
    const auto key = PrivateKey::from_int(7);
    const Hash32 digest = keccak256(as_bytes("pay 1 wei"));
    const Signature sig = key.sign(digest);
    const Signature high = high_s_variant(sig);
    EXPECT_FALSE(recover(digest, high).has_value());
    EXPECT_FALSE(recover_address(digest, high).has_value());
    EXPECT_FALSE(verify(key.public_key(), digest, high));
    EXPECT_NE(crypto_message(Bytes(high.bytes.begin(), high.bytes.end())).find("high"),
              std::string::npos);
}

TEST(CryptoSecp256k1, SignatureParseNamesEachProblem) {
    const auto key = PrivateKey::from_int(3);
    const Signature sig = key.sign(keccak256(as_bytes("x")));
    Bytes b(sig.bytes.begin(), sig.bytes.end());

    EXPECT_NE(crypto_message(Bytes(b.begin(), b.end() - 1)).find("65 bytes"), std::string::npos);
    Bytes longer = b;
    longer.push_back(0);
    EXPECT_NE(crypto_message(longer).find("65 bytes"), std::string::npos);

    Bytes bad_v = b;
    bad_v[64] = 27;
    EXPECT_NE(crypto_message(bad_v).find("recovery id"), std::string::npos);

    Bytes zero_r = b;
    std::fill(zero_r.begin(), zero_r.begin() + 32, 0);
    EXPECT_NE(crypto_message(zero_r).find("r is out of range"), std::string::npos);
    Bytes big_r = b;
    std::fill(big_r.begin(), big_r.begin() + 32, 0xff);
    EXPECT_NE(crypto_message(big_r).find("r is out of range"), std::string::npos);

    Bytes zero_s = b;
    std::fill(zero_s.begin() + 32, zero_s.begin() + 64, 0);
    EXPECT_NE(crypto_message(zero_s).find("s is out of range"), std::string::npos);
    Bytes big_s = b;
    std::fill(big_s.begin() + 32, big_s.begin() + 64, 0xff);
    EXPECT_NE(crypto_message(big_s).find("s is out of range"), std::string::npos);
}

TEST(CryptoSecp256k1, PrivateKeyRangeChecked) {
    EXPECT_THROW(PrivateKey::from_int(0), CryptoError);
    EXPECT_THROW(PrivateKey::from_int(kN), CryptoError);
    EXPECT_THROW(PrivateKey::from_int(u256_max()), CryptoError);
    EXPECT_NO_THROW(PrivateKey::from_int(kN - 1));
    EXPECT_THROW(PrivateKey::from_bytes(Bytes(32, 0)), CryptoError);
    EXPECT_THROW(PrivateKey::from_bytes(Bytes(32, 0xff)), CryptoError);
    EXPECT_THROW(PrivateKey::from_bytes(Bytes(31, 1)), InvalidArgument);
    const auto be = to_be32(u256(12345));
    EXPECT_EQ(PrivateKey::from_bytes(be).to_int(), 12345);
}

TEST(CryptoSecp256k1, FromSeedIsDeterministicKeccakOfSeedAndCounter) {
    const Bytes seed = {'a', 'l', 'i', 'c', 'e'};
    Bytes with_counter = seed;
    with_counter.insert(with_counter.end(), {0, 0, 0, 0});
    const Hash32 expected = keccak256(with_counter);
    const auto k = PrivateKey::from_seed(seed);
    EXPECT_EQ(k.secret(), expected.bytes);
    EXPECT_EQ(PrivateKey::from_seed(seed).address(), k.address());
    EXPECT_NE(PrivateKey::from_seed(Bytes{'b', 'o', 'b'}).address(), k.address());
}

TEST(CryptoSecp256k1, RandomKeysDiffer) {
    const auto a = PrivateKey::random();
    const auto b = PrivateKey::random();
    EXPECT_NE(a.to_int(), b.to_int());
}

TEST(CryptoSecp256k1, PublicKeyEncodingsRoundTrip) {
    const auto k = PrivateKey::from_int(u256("0xdeadbeef"));
    const PublicKey& pk = k.public_key();
    EXPECT_EQ(PublicKey::parse(pk.compressed()), pk);
    EXPECT_EQ(PublicKey::parse(pk.uncompressed()), pk);
    EXPECT_EQ(PublicKey::parse(BytesView(pk.xy)), pk);
    EXPECT_EQ(pk.uncompressed().size(), 65u);
    EXPECT_EQ(pk.compressed().size(), 33u);
}

TEST(CryptoSecp256k1, PublicKeyParseRejects) {
    const auto pk = PrivateKey::from_int(5).public_key();
    EXPECT_THROW(PublicKey::parse(Bytes(32, 1)), InvalidArgument);
    Bytes off_curve = pk.uncompressed();
    off_curve[64] ^= 1;
    EXPECT_THROW(PublicKey::parse(off_curve), CryptoError);
    Bytes hybrid = pk.uncompressed();
    hybrid[0] = 0x06;
    EXPECT_THROW(PublicKey::parse(hybrid), CryptoError);
    Bytes bad_prefix = pk.compressed();
    bad_prefix[0] = 0x04;
    EXPECT_THROW(PublicKey::parse(bad_prefix), CryptoError);
}

RC_GTEST_PROP(CryptoSecp256k1,
              SignRecoverVerify,
              (const std::array<std::uint8_t, 32>& seed, const std::array<std::uint8_t, 32>& d)) {
    const auto key = PrivateKey::from_seed(seed);
    Hash32 digest;
    digest.bytes = d;
    const Signature sig = key.sign(digest);
    RC_ASSERT(sig.s() <= kN / 2);
    RC_ASSERT(sig.v() <= 1);
    RC_ASSERT(recover_address(digest, sig) == key.address());
    RC_ASSERT(verify(key.public_key(), digest, sig));
    RC_ASSERT(!verify(key.public_key(), digest, high_s_variant(sig)));
    Hash32 other = digest;
    other.bytes[0] ^= 0x01;
    RC_ASSERT(!verify(key.public_key(), other, sig));
    RC_ASSERT(recover_address(other, sig) != std::optional<Address>(key.address()));
    // Same key, same digest: RFC 6979 is deterministic.
    RC_ASSERT(key.sign(digest) == sig);
}
