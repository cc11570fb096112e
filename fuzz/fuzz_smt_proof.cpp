// libFuzzer target: arbitrary bytes -> SmtProof::decode -> verification and stateless update
// against a fixed tree. Must never crash; DecodeError is the only acceptable exception.
// Oracles: an accepted encoding re-encodes to the same bytes (canonical), and any proof that
// verifies tells the truth about the fixed tree (soundness), for every hash kind.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/smt.hpp"

using namespace l2lab;
using namespace l2lab::crypto;

namespace {
constexpr int kKeys = 16;

Hash32 byte_hash(std::uint8_t b) {
    return keccak256(BytesView(&b, 1));
}

// Same tree as the seed generator: keys keccak256([i]), values keccak256([100 + i]).
struct Fixture {
    SparseMerkleTree tree;
    Hash32 root;
    explicit Fixture(HashKind kind) : tree(kind) {
        for (int i = 0; i < kKeys; ++i) {
            tree.set(byte_hash(static_cast<std::uint8_t>(i)),
                     byte_hash(static_cast<std::uint8_t>(100 + i)));
        }
        root = tree.root();
    }
};

void check_claims(Fixture& f, HashKind kind, const SmtProof& proof, const Hash32& key) {
    const std::optional<Hash32> truth = f.tree.get(key);
    const std::optional<Hash32> claims[] = {
        std::nullopt, truth, byte_hash(7),
        proof.terminal ? std::optional<Hash32>(proof.terminal->value) : std::nullopt};
    for (const auto& claim : claims) {
        if (smt_verify(kind, f.root, key, claim, proof) && claim != truth)
            std::abort();
        const auto after = smt_root_after_update(kind, f.root, key, claim, byte_hash(9), proof);
        if (after.has_value() && claim != truth)
            std::abort();
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Fixture keccak_fixture(HashKind::Keccak256);
    static Fixture sha_fixture(HashKind::Sha256);
    SmtProof proof;
    try {
        proof = SmtProof::decode(BytesView(data, size));
    } catch (const DecodeError&) {
        return 0;
    }
    const Bytes again = proof.encode();
    if (again.size() != size || !std::equal(again.begin(), again.end(), data))
        std::abort();

    for (auto* f : {&keccak_fixture, &sha_fixture}) {
        const HashKind kind = f->tree.hash_kind();
        if (proof.terminal)
            check_claims(*f, kind, proof, proof.terminal->key);
        for (int i = 0; i < kKeys + 2; ++i)
            check_claims(*f, kind, proof, byte_hash(static_cast<std::uint8_t>(i)));
    }
    return 0;
}
