// EIP-55 checksummed address text: the EIP's own test vectors, and every malformed form rejected.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cctype>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/address.hpp"
#include "l2lab/crypto/keccak.hpp"

using namespace l2lab;
using namespace l2lab::crypto;

namespace {
// The four mixed-case test vectors listed in EIP-55's specification.
const char* const kEip55Vectors[] = {
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
};

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// RapidCheck shrinks arrays towards zeros, which have no hex letters; hashing a generated seed
// gives addresses with the letter density of real ones.
Address address_from_seed(std::uint64_t seed) {
    std::uint8_t buf[8];
    for (int i = 0; i < 8; ++i)
        buf[i] = static_cast<std::uint8_t>(seed >> (8 * i));
    const Hash32 h = keccak256(BytesView(buf, 8));
    Address a;
    std::copy(h.bytes.begin() + 12, h.bytes.end(), a.bytes.begin());
    return a;
}

std::string message_of(std::string_view text) {
    try {
        (void)parse_address(text);
    } catch (const InvalidArgument& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(CryptoAddress, Eip55VectorsEncode) {
    for (const char* v : kEip55Vectors) {
        const Address a = Address::from_hex_text(v);
        EXPECT_EQ(to_checksum_hex(a), v);
    }
}

TEST(CryptoAddress, Eip55VectorsParse) {
    for (const char* v : kEip55Vectors) {
        const Address a = parse_address(v);
        EXPECT_EQ(a.hex(), lower(v));
    }
}

TEST(CryptoAddress, AllLowerAndAllUpperAcceptedAsIs) {
    // EIP-55 keeps single-case text valid (it carries no checksum).
    for (const char* v : kEip55Vectors) {
        const std::string lo = lower(v);
        std::string up = "0x";
        for (char c : std::string(v).substr(2)) {
            up.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        }
        EXPECT_EQ(parse_address(lo), parse_address(v));
        EXPECT_EQ(parse_address(up), parse_address(v));
    }
}

TEST(CryptoAddress, WrongChecksumRejected) {
    std::string bad = kEip55Vectors[0];
    bad[3] = 'A';  // 'a' at position 3 flipped to upper case
    EXPECT_NE(message_of(bad).find("checksum"), std::string::npos);
}

TEST(CryptoAddress, MalformedTextRejectedWithReason) {
    EXPECT_NE(message_of("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").find("0x"), std::string::npos);
    EXPECT_NE(message_of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe").find("40 hex digits"),
              std::string::npos);
    EXPECT_NE(message_of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00").find("40 hex digits"),
              std::string::npos);
    EXPECT_NE(message_of("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg").find("non-hex"),
              std::string::npos);
    EXPECT_NE(message_of("").find("0x"), std::string::npos);
    EXPECT_NE(message_of("0x").find("40 hex digits"), std::string::npos);
}

RC_GTEST_PROP(CryptoAddress, ChecksumRoundTrip, (const std::array<std::uint8_t, 20>& raw)) {
    Address a;
    a.bytes = raw;
    const std::string text = to_checksum_hex(a);
    RC_ASSERT(text.size() == 42u);
    RC_ASSERT(parse_address(text) == a);
    RC_ASSERT(parse_address(lower(text)) == a);
}

RC_GTEST_PROP(CryptoAddress, SingleCaseFlipBreaksChecksum, (std::uint64_t seed, std::size_t pos)) {
    const Address a = address_from_seed(seed);
    std::string text = to_checksum_hex(a);
    // Flip the case of one letter; if the text is still mixed-case the checksum must fail.
    std::vector<std::size_t> letters;
    for (std::size_t i = 2; i < text.size(); ++i) {
        if (std::isalpha(static_cast<unsigned char>(text[i])))
            letters.push_back(i);
    }
    RC_PRE(letters.size() >= 2);
    char& c = text[letters[pos % letters.size()]];
    c = std::isupper(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c))
                                                    : static_cast<char>(std::toupper(c));
    bool has_lower = false, has_upper = false;
    for (std::size_t i : letters) {
        has_lower |= std::islower(static_cast<unsigned char>(text[i])) != 0;
        has_upper |= std::isupper(static_cast<unsigned char>(text[i])) != 0;
    }
    RC_PRE(has_lower && has_upper);
    RC_ASSERT_THROWS_AS(parse_address(text), InvalidArgument);
}
