#include "l2lab/core/rng.hpp"

#include "l2lab/core/error.hpp"

namespace l2lab {
namespace {
std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// FNV-1a over the label: a stable, platform-independent way to name child streams.
std::uint64_t label_hash(std::string_view label) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : label) {
        h ^= static_cast<std::uint8_t>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}
}  // namespace

Rng::Rng(std::uint64_t seed) : m_seed(seed) {
    std::uint64_t st = seed;
    for (auto& w : m_s) w = splitmix64(st);
}

std::uint64_t Rng::next_u64() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

std::uint64_t Rng::uniform(std::uint64_t bound) {
    if (bound == 0) throw InvalidArgument("Rng::uniform: bound must be positive");
    // Reject the top partial bucket so every residue is equally likely.
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % bound);
    std::uint64_t x;
    do {
        x = next_u64();
    } while (x >= limit);
    return x % bound;
}

std::uint64_t Rng::range(std::uint64_t lo, std::uint64_t hi) {
    if (lo > hi) throw InvalidArgument("Rng::range: lo > hi");
    if (lo == 0 && hi == ~std::uint64_t{0}) return next_u64();
    return lo + uniform(hi - lo + 1);
}

double Rng::unit() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

bool Rng::bernoulli(double p) {
    if (!(p > 0.0)) return false;
    if (p >= 1.0) return true;
    return unit() < p;
}

Bytes Rng::bytes(std::size_t n) {
    Bytes out(n);
    for (std::size_t i = 0; i < n; i += 8) {
        std::uint64_t x = next_u64();
        for (std::size_t j = i; j < n && j < i + 8; ++j) {
            out[j] = static_cast<std::uint8_t>(x);
            x >>= 8;
        }
    }
    return out;
}

u256 Rng::next_u256() {
    u256 out = 0;
    for (int i = 0; i < 4; ++i) out = (out << 64) | next_u64();
    return out;
}

Rng Rng::fork(std::string_view label) const {
    std::uint64_t st = m_seed ^ label_hash(label);
    return Rng(splitmix64(st));
}

}  // namespace l2lab
