#include "l2lab/crypto/sha256.hpp"

#include <openssl/evp.h>

#include <memory>

#include "l2lab/core/error.hpp"

namespace l2lab::crypto {
namespace {

// OpenSSL 3 performs an implicit algorithm fetch for EVP_sha256() on every init; fetching once and
// reusing one context per thread removes that and the per-call allocation from the hot path.
struct Sha256Engine {
    EVP_MD* md = nullptr;
    EVP_MD_CTX* ctx = nullptr;

    Sha256Engine() : md(EVP_MD_fetch(nullptr, "SHA256", nullptr)), ctx(EVP_MD_CTX_new()) {}
    ~Sha256Engine() {
        EVP_MD_CTX_free(ctx);
        EVP_MD_free(md);
    }
    Sha256Engine(const Sha256Engine&) = delete;
    Sha256Engine& operator=(const Sha256Engine&) = delete;
};

Sha256Engine& engine() {
    thread_local Sha256Engine e;
    return e;
}

}  // namespace

Hash32 sha256(BytesView data) {
    Sha256Engine& e = engine();
    if (e.md == nullptr || e.ctx == nullptr)
        throw CryptoError("sha256: OpenSSL SHA256 unavailable");
    Hash32 out;
    unsigned int len = 0;
    if (EVP_DigestInit_ex2(e.ctx, e.md, nullptr) != 1 ||
        EVP_DigestUpdate(e.ctx, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(e.ctx, out.bytes.data(), &len) != 1 || len != 32) {
        throw CryptoError("sha256: OpenSSL digest failed");
    }
    return out;
}

}  // namespace l2lab::crypto
