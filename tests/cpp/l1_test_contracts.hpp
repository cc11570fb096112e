#pragma once
// Example native contracts and helpers for the l1 tests. Test code, not part of the library.
//
// Counter keeps everything in storage (slot 0 = count), as every native contract must. Calldata
// is a one-byte selector followed by arguments:
//   01                      increment: count += 1, emit Incremented(count), return count (32 B)
//   02 <value:32>           set count
//   03                      write 999 then revert("nope")
//   04                      write 7 then burn gas until out of gas
//   05                      clear count (refund case)
//   06 <to:20> <data...>    call `to` with `data`; returns "R:" + reason when the callee reverts
//   07 <to:20> <amount:32>  send `amount` wei from the contract
//   08 <index:1>            return blob_hash(index)
//   09 <data...>            return keccak256(data) || sha256(data)
//   0a <digest:32> <sig:65> return ecrecover(digest, sig) (20 B) or empty
//   0b                      u256 underflow (a "panic")
//   0c <n:1>                emit n logs with topic0 = Ping and topic1 = n

#include <cstdint>
#include <memory>
#include <string>

#include "l2lab/core/u256.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/secp256k1.hpp"
#include "l2lab/l1/chain.hpp"
#include "l2lab/l1/contract.hpp"

namespace l1test {

using namespace l2lab;
using namespace l2lab::l1;

inline Hash32 slot(std::uint8_t n) {
    Hash32 h;
    h.bytes[31] = n;
    return h;
}

inline Hash32 event_topic(std::string_view signature) { return crypto::keccak256(as_bytes(signature)); }

inline Bytes word(const u256& v) {
    const auto b = to_be32(v);
    return Bytes(b.begin(), b.end());
}

class Counter final : public NativeContract {
public:
    std::string name() const override { return "Counter"; }

    Bytes call(CallContext& ctx, BytesView data) const override {
        if (data.empty()) ctx.revert("empty calldata");
        const BytesView args = data.subspan(1);
        switch (data[0]) {
            case 0x01: {
                const u256 v = ctx.sload(slot(0)) + 1;
                ctx.sstore(slot(0), v);
                const Hash32 topics[] = {event_topic("Incremented(uint256)")};
                const Bytes w = word(v);
                ctx.emit_log(topics, w);
                return w;
            }
            case 0x02:
                if (args.size() != 32) ctx.revert("set: need 32 bytes");
                ctx.sstore(slot(0), from_be(args));
                return {};
            case 0x03:
                ctx.sstore(slot(0), 999);
                ctx.revert("nope");
            case 0x04:
                ctx.sstore(slot(0), 7);
                for (;;) ctx.charge(1000);
            case 0x05:
                ctx.sstore(slot(0), 0);
                return {};
            case 0x06: {
                if (args.size() < 20) ctx.revert("call: need an address");
                const Address to = Address::from_view(args.subspan(0, 20));
                // Remember that we got here, so the test can check this frame's write survives.
                ctx.sstore(slot(1), ctx.sload(slot(1)) + 1);
                const CallResult r = ctx.call(to, 0, args.subspan(20));
                if (!r.success()) {
                    const std::string msg = "R:" + r.revert_reason;
                    return Bytes(msg.begin(), msg.end());
                }
                return r.return_data;
            }
            case 0x07: {
                if (args.size() != 52) ctx.revert("pay: need address and amount");
                ctx.transfer(Address::from_view(args.subspan(0, 20)), from_be(args.subspan(20)));
                return {};
            }
            case 0x08: {
                if (args.size() != 1) ctx.revert("blobhash: need an index");
                return ctx.blob_hash(args[0]).to_bytes();
            }
            case 0x09: {
                Bytes out = ctx.keccak256(args).to_bytes();
                const Hash32 s = ctx.sha256(args);
                out.insert(out.end(), s.bytes.begin(), s.bytes.end());
                return out;
            }
            case 0x0a: {
                if (args.size() != 97) ctx.revert("ecrecover: need digest and signature");
                const auto who = ctx.ecrecover(Hash32::from_view(args.subspan(0, 32)), args.subspan(32));
                return who ? who->to_bytes() : Bytes{};
            }
            case 0x0b: {
                const u256 zero = 0;
                return word(zero - 1);  // checked arithmetic throws std::range_error
            }
            case 0x0c: {
                if (args.size() != 1) ctx.revert("ping: need a count");
                for (std::uint8_t i = 0; i < args[0]; ++i) {
                    const Hash32 topics[] = {event_topic("Ping(uint8)"), slot(i)};
                    ctx.emit_log(topics, {});
                }
                return {};
            }
            default:
                ctx.revert("unknown selector");
        }
    }
};

/// Writes its constructor argument (32 bytes) to slot 0; reverts on anything else.
class Configured final : public NativeContract {
public:
    std::string name() const override { return "Configured"; }
    void construct(CallContext& ctx, BytesView args) const override {
        if (args.size() != 32) ctx.revert("need 32 bytes");
        ctx.sstore(slot(0), from_be(args));
    }
    Bytes call(CallContext& ctx, BytesView) const override { return word(ctx.sload(slot(0))); }
};

inline Bytes cat(std::initializer_list<BytesView> parts) {
    Bytes out;
    for (BytesView p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

inline Bytes sel(std::uint8_t s) { return Bytes{s}; }

/// A signed transaction from `key` with the chain's id and the sender's next nonce.
inline Transaction make_tx(const Chain& chain, const crypto::PrivateKey& key, const Address& to,
                           const u256& value = 0, Bytes data = {},
                           std::uint64_t gas_limit = 100'000, u256 max_fee = 10'000'000'000ULL,
                           u256 tip = 1'000'000'000ULL) {
    Transaction tx;
    tx.chain_id = chain.config().chain_id;
    tx.nonce = chain.next_nonce(key.address());
    tx.max_fee_per_gas = max_fee;
    tx.max_priority_fee_per_gas = tip;
    tx.gas_limit = gas_limit;
    tx.to = to;
    tx.value = value;
    tx.data = std::move(data);
    tx.sign(key);
    return tx;
}

inline crypto::PrivateKey key(unsigned n) { return crypto::PrivateKey::from_int(n); }

inline Address addr(std::uint8_t n) {
    Address a;
    a.bytes[0] = 0xaa;
    a.bytes[19] = n;
    return a;
}

constexpr std::uint64_t kEther = 1'000'000'000'000'000'000ULL;

}  // namespace l1test
