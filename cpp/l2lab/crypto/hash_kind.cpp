#include "l2lab/crypto/hash_kind.hpp"

#include <cstring>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/sha256.hpp"

namespace l2lab::crypto {

std::string_view hash_kind_name(HashKind kind) {
    switch (kind) {
        case HashKind::Sha256:
            return "sha256";
        case HashKind::Keccak256:
            return "keccak256";
    }
    return "unknown";
}

HashKind parse_hash_kind(std::string_view name) {
    if (name == "sha256")
        return HashKind::Sha256;
    if (name == "keccak256")
        return HashKind::Keccak256;
    throw InvalidArgument("unknown hash kind '" + std::string(name) +
                          "': expected 'sha256' or 'keccak256'");
}

Hash32 hash_bytes(HashKind kind, BytesView data) {
    switch (kind) {
        case HashKind::Sha256:
            return sha256(data);
        case HashKind::Keccak256:
            return keccak256(data);
    }
    throw InvalidArgument("hash_bytes: invalid HashKind value");
}

Hash32 hash_pair(HashKind kind, const Hash32& left, const Hash32& right) {
    std::uint8_t buf[64];
    std::memcpy(buf, left.bytes.data(), 32);
    std::memcpy(buf + 32, right.bytes.data(), 32);
    return hash_bytes(kind, BytesView(buf, 64));
}

}  // namespace l2lab::crypto
