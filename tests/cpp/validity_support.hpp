#pragma once
// Shared set-up of the validity tests: a funded L2 state, signed transfers, prepared batches.
#include <memory>
#include <vector>

#include "l2lab/rollup/state.hpp"
#include "l2lab/rollup/stf.hpp"
#include "l2lab/validity/batch_builder.hpp"

namespace l2lab::validity::test {

using namespace l2lab::rollup;

inline const std::vector<crypto::PrivateKey>& keys() {
    static const std::vector<crypto::PrivateKey> k = [] {
        std::vector<crypto::PrivateKey> v;
        for (int i = 1; i <= 12; ++i) v.push_back(crypto::PrivateKey::from_int(u256(1000 + i)));
        return v;
    }();
    return k;
}

inline StfConfig stf() {
    StfConfig c;
    c.chain_id = 901;
    c.fee_recipient = Address::from_hex_text("0xfee0000000000000000000000000000000000fee");
    return c;
}

inline L2Tx tx(std::size_t from, const Address& to, u256 value, std::uint64_t nonce, u256 fee = 1,
               TxKind kind = TxKind::Transfer, std::uint64_t chain_id = 901) {
    L2Tx t;
    t.kind = kind;
    t.chain_id = chain_id;
    t.nonce = nonce;
    t.fee = fee;
    t.to = to;
    t.value = value;
    t.sign(keys()[from]);
    return t;
}

/// A state where keys 0..funded-1 hold 10^18 wei each (nonce 0) plus some untouched accounts,
/// all registered (keys first): a warm account set whose diffs name accounts by index.
inline std::shared_ptr<L2State> funded_state(std::size_t funded = 8, std::size_t bystanders = 40) {
    auto s = std::make_shared<L2State>();
    for (std::size_t i = 0; i < funded; ++i) {
        s->set_account(keys()[i].address(), {0, u256(1'000'000'000'000'000'000ull)});
        (void)s->register_account(keys()[i].address());
    }
    for (std::size_t i = 0; i < bystanders; ++i) {
        Address a;
        a.bytes[0] = 0xbb;
        a.bytes[19] = static_cast<std::uint8_t>(i);
        a.bytes[18] = static_cast<std::uint8_t>(i * 7);
        s->set_account(a, {3, u256(1000 + i)});
        (void)s->register_account(a);
    }
    return s;
}

/// A small honest batch: one deposit from the queue, then transfers, a withdrawal and a transfer
/// to a fresh account (its diff names the fee recipient and the fresh account by address).
inline PreparedBatch small_batch(BatchDa da = BatchDa::Calldata, Codec codec = Codec::Zstd) {
    auto pre = funded_state();
    Address fresh;
    fresh.bytes[0] = 0x77;
    std::vector<Op> queue{Deposit{5, keys()[9].address(), keys()[1].address(), u256(12345)}};
    std::vector<L2Tx> txs{tx(0, keys()[1].address(), 1000, 0), tx(1, keys()[2].address(), 7, 0, 2),
                          tx(2, keys()[3].address(), 50, 0, 1, TxKind::Withdrawal),
                          tx(0, fresh, 1, 1)};
    return prepare_batch(pre, stf(), 3, 5, std::move(queue), std::move(txs), da, codec, 3);
}

}  // namespace l2lab::validity::test
