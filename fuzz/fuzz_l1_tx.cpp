// libFuzzer target: arbitrary bytes -> l1::Transaction::decode -> (when it decodes) submission
// to a fresh chain and one block. Must never crash; DecodeError is the only acceptable exception
// from decoding, and the chain never throws for a protocol-invalid transaction.
// Oracles: an accepted encoding re-encodes to the same bytes (canonical) and decodes to an equal
// transaction; the hash is keccak256 of the input; the chain's conservation holds after the block
// (sum of balances = minted - burned).
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <vector>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/chain.hpp"
#include "l2lab/l1/tx.hpp"

using namespace l2lab;

namespace {
// Sum of the balances of the distinct addresses among `addrs`.
u256 held_by(const l1::Chain& chain, std::initializer_list<Address> addrs) {
    u256 sum = 0;
    std::vector<Address> seen;
    for (const Address& a : addrs) {
        if (std::find(seen.begin(), seen.end(), a) != seen.end()) continue;
        seen.push_back(a);
        sum += chain.balance(a);
    }
    return sum;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const BytesView input(data, size);
    l1::Transaction tx;
    try {
        tx = l1::Transaction::decode(input);
    } catch (const DecodeError&) {
        return 0;
    }
    const Bytes again = tx.encode();
    if (again.size() != size || !std::equal(again.begin(), again.end(), data)) std::abort();
    if (tx.hash() != crypto::keccak256(input)) std::abort();
    const l1::Transaction round = l1::Transaction::decode(again);
    if (round.encode() != again || round.signing_hash() != tx.signing_hash()) std::abort();

    const auto sender = tx.recover_sender();
    if (!sender) return 0;
    l1::Chain chain;
    chain.mint(*sender, u256(1) << 100);
    (void)chain.submit(tx);  // queued or dropped with a reason; never throws for bad txs
    chain.mine(1);
    // Only the sender, the recipient and the fee recipient (coinbase) can hold value; the rest
    // was burned.
    const u256 held = held_by(chain, {*sender, tx.to, chain.config().coinbase});
    if (held + chain.total_burned() != chain.total_minted()) std::abort();
    return 0;
}
