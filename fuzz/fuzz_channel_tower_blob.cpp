// libFuzzer target: what a watchtower reads. The first byte picks the layer, the rest is input:
//   0  the wire hand-over: TowerBlob::decode must throw DecodeError or give a blob that encodes
//      back to exactly the input (the codec is canonical);
//   1  a ciphertext opened with a fixed signature: open_tower_blob never throws, and whatever
//      opens (only what was sealed with that signature's key: the seed, not a mutation of it,
//      since the tag then fails) is exactly what make_tower_blob makes of its contents;
//   2  a plaintext sealed under the fixed signature's key, so the tag verifies and the decrypted
//      payload reaches the JusticeData parser: it never throws, and what it accepts is canonical
//      (params and state encode back to the payload) and a blob re-made from it opens the same.
// Anything else (another exception, a crash, UB under the sanitizers) is a finding.
#include <cstddef>
#include <cstdint>

#include "l2lab/channel/tower_blob.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::channel;

void check(bool ok) {
    if (!ok)
        __builtin_trap();
}

// The "victim's signature on the superseded state" of every input: key 7 signing a fixed digest
// (the seeds in fuzz/corpus/fuzz_channel_tower_blob were made with the same signature).
const crypto::Signature& fixed_sig() {
    static const crypto::Signature sig =
        crypto::PrivateKey::from_int(7).sign(crypto::keccak256(as_bytes("l2lab/fuzz/tower")));
    return sig;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0 || size > kMaxTowerBlobBytes + 256)
        return 0;
    const BytesView input(data + 1, size - 1);
    switch (data[0] % 3) {
        case 0: {
            TowerBlob b;
            try {
                b = TowerBlob::decode(input);
            } catch (const DecodeError&) {
                return 0;
            }
            check(b.encode() == Bytes(input.begin(), input.end()));
            break;
        }
        case 1: {
            const auto j = open_tower_blob(fixed_sig(), input);
            if (j) {
                check(make_tower_blob(fixed_sig(), j->params, j->newer).ciphertext ==
                      Bytes(input.begin(), input.end()));
            }
            break;
        }
        default: {
            TowerBlob sealed;
            try {
                sealed = seal_tower_payload(fixed_sig(), input);
            } catch (const InvalidArgument&) {
                return 0;  // larger than a tower accepts
            }
            check(TowerBlob::decode(sealed.encode()) == sealed);
            const auto j = open_tower_blob(fixed_sig(), sealed.ciphertext);
            if (!j)
                return 0;
            rlp::ListBuilder b;
            check(b.add_encoded(j->params.encode()).add_encoded(j->newer.encode()).finish() ==
                  Bytes(input.begin(), input.end()));
            const auto again = make_tower_blob(fixed_sig(), j->params, j->newer);
            check(again.ciphertext == sealed.ciphertext);
            check(open_tower_blob(fixed_sig(), again.ciphertext) == j);
        }
    }
    return 0;
}
