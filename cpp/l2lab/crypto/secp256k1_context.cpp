#include "l2lab/crypto/secp256k1_context.hpp"

#include <cstring>
#include <stdexcept>

#include "l2lab/core/error.hpp"

namespace l2lab::crypto::detail {

const std::array<std::uint8_t, 32> kGroupOrder = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41};

const std::array<std::uint8_t, 32> kHalfGroupOrder = {
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0};

namespace {
secp256k1_context* make_context() {
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    if (ctx == nullptr)
        throw CryptoError("libsecp256k1: context creation failed");
    // Blinding only protects against side channels; a fixed seed keeps the library free of I/O
    // and every run reproducible (signatures are RFC 6979 and do not depend on it).
    static constexpr unsigned char kBlinding[32] = {
        'l', '2', 'l', 'a', 'b', ' ', 's', 'e', 'c', 'p', '2', '5', '6', 'k', '1', ' ',
        'c', 'o', 'n', 't', 'e', 'x', 't', ' ', 'b', 'l', 'i', 'n', 'd', 'i', 'n', 'g'};
    if (secp256k1_context_randomize(ctx, kBlinding) != 1) {
        secp256k1_context_destroy(ctx);
        throw CryptoError("libsecp256k1: context randomization failed");
    }
    return ctx;
}
}  // namespace

const secp256k1_context* secp_context() {
    static const secp256k1_context* const ctx = make_context();
    return ctx;
}

int compare_be32(const std::uint8_t* a, const std::uint8_t* b) {
    return std::memcmp(a, b, 32);
}

bool is_zero32(const std::uint8_t* a) {
    std::uint8_t acc = 0;
    for (int i = 0; i < 32; ++i)
        acc |= a[i];
    return acc == 0;
}

bool valid_secret(const std::uint8_t* secret) {
    return !is_zero32(secret) && compare_be32(secret, kGroupOrder.data()) < 0;
}

}  // namespace l2lab::crypto::detail
