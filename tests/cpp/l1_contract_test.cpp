// Native contracts: metered storage, logs, revert and out-of-gas through the journal, nested
// calls, value transfers, precompile helpers, deployment.
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "l1_test_contracts.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/crypto/sha256.hpp"

using namespace l1test;
namespace g = l2lab::l1::gas;

namespace {

struct Fixture {
    Chain chain;
    crypto::PrivateKey alice = key(1);
    Address counter;
    Fixture() {
        chain.mint(alice.address(), 100 * u256(kEther));
        counter = chain.deploy(std::make_shared<Counter>(), alice.address());
    }
    Receipt run(const Address& to, Bytes data, std::uint64_t gas_limit = 200'000, u256 value = 0) {
        const Transaction tx = make_tx(chain, alice, to, value, std::move(data), gas_limit);
        const auto out = chain.submit(tx);
        EXPECT_TRUE(out.accepted) << out.detail;
        chain.produce_block();
        auto r = chain.receipt(tx.hash());
        EXPECT_TRUE(r.has_value());
        return r.value_or(Receipt{});
    }
};

// Gas of a native call before the contract body runs: intrinsic + l2lab's documented overhead.
std::uint64_t call_base(BytesView data) {
    return g::intrinsic_gas(data) + g::kNativeCallOverhead + g::kNativeCalldataWord * g::words(data.size());
}

}  // namespace

TEST(L1Contract, CreateAddressMatchesEthereum) {
    // Well-known CREATE vectors for sender 0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0.
    Chain chain;
    const Address deployer = Address::from_hex_text("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
    EXPECT_EQ(chain.deploy(std::make_shared<Counter>(), deployer),
              Address::from_hex_text("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"));
    EXPECT_EQ(chain.deploy(std::make_shared<Counter>(), deployer),
              Address::from_hex_text("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8"));
    EXPECT_EQ(chain.nonce(deployer), 2u);
    ASSERT_NE(chain.contract_at(Address::from_hex_text("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d")),
              nullptr);
}

TEST(L1Contract, IncrementGasIsTheSumOfItsEthereumCosts) {
    Fixture f;
    const Receipt r1 = f.run(f.counter, sel(0x01));
    ASSERT_EQ(r1.status, TxStatus::Success);
    // SLOAD cold 2100, SSTORE 0->1 on a warm slot 20000, LOG1 with 32 bytes 375+375+256.
    EXPECT_EQ(r1.gas_used, call_base(sel(0x01)) + 2100 + 20000 + (375 + 375 + 8 * 32));
    EXPECT_EQ(from_be(r1.return_data), u256(1));
    // Second time: SSTORE 1->2 is a reset, 2900.
    const Receipt r2 = f.run(f.counter, sel(0x01));
    EXPECT_EQ(r2.gas_used, call_base(sel(0x01)) + 2100 + 2900 + (375 + 375 + 8 * 32));
    EXPECT_EQ(f.chain.storage(f.counter, slot(0)), u256(2));
    ASSERT_EQ(r2.logs.size(), 1u);
    EXPECT_EQ(r2.logs[0].address, f.counter);
    EXPECT_EQ(r2.logs[0].topics.at(0), event_topic("Incremented(uint256)"));
    EXPECT_EQ(from_be(r2.logs[0].data), u256(2));
}

TEST(L1Contract, ClearingASlotRefundsWithinTheCap) {
    Fixture f;
    f.run(f.counter, cat({sel(0x02), word(5)}));
    const Receipt r = f.run(f.counter, sel(0x05));
    ASSERT_EQ(r.status, TxStatus::Success);
    const std::uint64_t spent = call_base(sel(0x05)) + 2100 + 2900;  // cold + reset
    // Refund 4800 (EIP-3529) capped at spent / 5.
    const std::uint64_t refund = std::min<std::uint64_t>(4800, spent / 5);
    EXPECT_EQ(r.gas_refunded, refund);
    EXPECT_EQ(r.gas_used, spent - refund);
    EXPECT_EQ(f.chain.storage(f.counter, slot(0)), u256(0));
}

TEST(L1Contract, RevertRestoresStateExactlyButChargesGas) {
    Fixture f;
    f.run(f.counter, sel(0x01));
    // Expected state = current state + only the fee payment and nonce bump.
    const Transaction tx = make_tx(f.chain, f.alice, f.counter, 777, sel(0x03), 200'000);
    const u256 balance_before = f.chain.balance(f.alice.address());
    const u256 coinbase_before = f.chain.balance(f.chain.config().coinbase);
    State expected = f.chain.state();
    ASSERT_TRUE(f.chain.submit(tx).accepted);
    f.chain.produce_block();
    const Receipt r = *f.chain.receipt(tx.hash());
    EXPECT_EQ(r.status, TxStatus::Reverted);
    EXPECT_EQ(r.revert_reason, "nope");
    EXPECT_TRUE(r.logs.empty());
    // Gas used so far: base, SSTORE 1->999 (cold 2100 + reset 2900).
    EXPECT_EQ(r.gas_used, call_base(sel(0x03)) + 2100 + 2900);
    const u256 paid = r.effective_gas_price * r.gas_used;
    EXPECT_EQ(f.chain.balance(f.alice.address()), balance_before - paid);  // value 777 not sent
    expected.set_balance(f.alice.address(), balance_before - paid);
    expected.set_nonce(f.alice.address(), tx.nonce + 1);
    expected.set_balance(f.chain.config().coinbase, coinbase_before + r.priority_fee_paid);
    EXPECT_EQ(f.chain.state_digest(), expected.digest());
    EXPECT_EQ(f.chain.storage(f.counter, slot(0)), u256(1));
    EXPECT_EQ(f.chain.balance(f.counter), u256(0));
}

TEST(L1Contract, OutOfGasChargesTheWholeLimitAndRollsBack) {
    Fixture f;
    const u256 before = f.chain.balance(f.alice.address());
    const std::uint64_t nonce_before = f.chain.nonce(f.alice.address());
    const Receipt r = f.run(f.counter, sel(0x04), 150'000, 1000);
    EXPECT_EQ(r.status, TxStatus::OutOfGas);
    EXPECT_EQ(r.gas_used, 150'000u);
    EXPECT_EQ(f.chain.balance(f.alice.address()), before - r.effective_gas_price * 150'000);
    EXPECT_EQ(f.chain.storage(f.counter, slot(0)), u256(0));  // the write of 7 is gone
    EXPECT_EQ(f.chain.balance(f.counter), u256(0));           // the value went back
    EXPECT_EQ(f.chain.nonce(f.alice.address()), nonce_before + 1);
}

TEST(L1Contract, PanicBecomesARevert) {
    Fixture f;
    const Receipt r = f.run(f.counter, sel(0x0b));
    EXPECT_EQ(r.status, TxStatus::Reverted);
    EXPECT_EQ(r.revert_reason.rfind("panic: ", 0), 0u) << r.revert_reason;
}

TEST(L1Contract, NestedRevertRollsBackOnlyTheCallee) {
    Fixture f;
    const Address other = f.chain.deploy(std::make_shared<Counter>(), f.alice.address());
    // counter calls other with "03" (write 999, revert "nope"); counter itself continues.
    const Receipt r = f.run(f.counter, cat({sel(0x06), other.view(), sel(0x03)}));
    ASSERT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(std::string(r.return_data.begin(), r.return_data.end()), "R:nope");
    EXPECT_EQ(f.chain.storage(other, slot(0)), u256(0));     // callee rolled back
    EXPECT_EQ(f.chain.storage(f.counter, slot(1)), u256(1)); // caller's write kept
    // A successful nested call returns the callee's data and keeps its effects and logs.
    const Receipt ok = f.run(f.counter, cat({sel(0x06), other.view(), sel(0x01)}));
    ASSERT_EQ(ok.status, TxStatus::Success);
    EXPECT_EQ(from_be(ok.return_data), u256(1));
    EXPECT_EQ(f.chain.storage(other, slot(0)), u256(1));
    ASSERT_EQ(ok.logs.size(), 1u);
    EXPECT_EQ(ok.logs[0].address, other);
}

TEST(L1Contract, ValueTransferFromAContract) {
    Fixture f;
    f.run(f.counter, sel(0x01), 200'000, 5000);  // fund the contract with 5000 wei
    ASSERT_EQ(f.chain.balance(f.counter), u256(5000));
    const Address fresh = addr(42);
    const Bytes data = cat({sel(0x07), fresh.view(), word(1200)});
    const Receipt r = f.run(f.counter, data);
    ASSERT_EQ(r.status, TxStatus::Success) << r.revert_reason;
    // cold account 2600 + value 9000 + new account 25000 (EIP-2929, Yellow Paper, EIP-161).
    EXPECT_EQ(r.gas_used, call_base(data) + 2600 + 9000 + 25000);
    EXPECT_EQ(f.chain.balance(fresh), u256(1200));
    EXPECT_EQ(f.chain.balance(f.counter), u256(3800));
    // Again to the same (now non-empty) account: no new-account charge.
    const Receipt r2 = f.run(f.counter, data);
    EXPECT_EQ(r2.gas_used, call_base(data) + 2600 + 9000);
    // More than it holds: reverts with a reason, nothing moves.
    const Receipt r3 = f.run(f.counter, cat({sel(0x07), fresh.view(), word(1'000'000)}));
    EXPECT_EQ(r3.status, TxStatus::Reverted);
    EXPECT_NE(r3.revert_reason.find("insufficient balance"), std::string::npos);
    EXPECT_EQ(f.chain.balance(fresh), u256(2400));
}

TEST(L1Contract, HashHelpersChargeAndAgreeWithCrypto) {
    Fixture f;
    const Bytes msg(40, 0x61);
    const Bytes data = cat({sel(0x09), msg});
    const Receipt r = f.run(f.counter, data);
    ASSERT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(Bytes(r.return_data.begin(), r.return_data.begin() + 32),
              crypto::keccak256(msg).to_bytes());
    EXPECT_EQ(Bytes(r.return_data.begin() + 32, r.return_data.end()), crypto::sha256(msg).to_bytes());
    EXPECT_EQ(r.gas_used, std::max(call_base(data) + (30 + 6 * 2) + (60 + 12 * 2),
                                   g::calldata_floor_gas(data)));
}

TEST(L1Contract, EcrecoverChargesThePrecompileGas) {
    Fixture f;
    const auto signer = key(99);
    const Hash32 digest = crypto::keccak256(as_bytes("hello"));
    const auto sig = signer.sign(digest);
    const Bytes data = cat({sel(0x0a), digest.view(), sig.view()});
    const Receipt r = f.run(f.counter, data);
    ASSERT_EQ(r.status, TxStatus::Success);
    EXPECT_EQ(r.return_data, signer.address().to_bytes());
    EXPECT_EQ(r.gas_used, std::max(call_base(data) + 3000, g::calldata_floor_gas(data)));
    Bytes bad_sig(65, 0);
    const Receipt bad = f.run(f.counter, cat({sel(0x0a), digest.view(), bad_sig}));
    EXPECT_EQ(bad.status, TxStatus::Success);
    EXPECT_TRUE(bad.return_data.empty());
}

TEST(L1Contract, LogsAreQueryableByAddressTopicAndRange) {
    Fixture f;
    const Address other = f.chain.deploy(std::make_shared<Counter>(), f.alice.address());
    f.run(f.counter, cat({sel(0x0c), sel(3)}));  // block 1: 3 Ping logs from counter
    f.run(other, cat({sel(0x0c), sel(2)}));      // block 2: 2 Ping logs from other
    f.run(f.counter, sel(0x01));                 // block 3: 1 Incremented
    const Hash32 ping = event_topic("Ping(uint8)");
    LogFilter all;
    EXPECT_EQ(f.chain.logs(all).size(), 6u);
    LogFilter by_addr;
    by_addr.addresses = {other};
    EXPECT_EQ(f.chain.logs(by_addr).size(), 2u);
    LogFilter by_topic;
    by_topic.topics[0] = {ping};
    EXPECT_EQ(f.chain.logs(by_topic).size(), 5u);
    by_topic.topics[1] = {slot(0), slot(2)};  // OR within a position
    EXPECT_EQ(f.chain.logs(by_topic).size(), 3u);
    LogFilter range;
    range.from_block = 2;
    range.to_block = 2;
    const auto logs = f.chain.logs(range);
    ASSERT_EQ(logs.size(), 2u);
    EXPECT_EQ(logs[0].block_number, 2u);
    EXPECT_EQ(logs[1].log_index, 1u);
    range.from_block = 3;
    range.to_block = 1;
    EXPECT_THROW((void)f.chain.logs(range), InvalidArgument);
}

TEST(L1Contract, ViewCallChangesNothing) {
    Fixture f;
    const Hash32 before = f.chain.state_digest();
    const CallResult r = f.chain.view_call(f.alice.address(), f.counter, sel(0x01));
    EXPECT_TRUE(r.success());
    EXPECT_EQ(from_be(r.return_data), u256(1));
    EXPECT_EQ(f.chain.state_digest(), before);
    const CallResult rev = f.chain.view_call(f.alice.address(), f.counter, sel(0x03));
    EXPECT_EQ(rev.status, TxStatus::Reverted);
    EXPECT_EQ(rev.revert_reason, "nope");
    EXPECT_EQ(f.chain.view_call(f.alice.address(), f.counter, sel(0x04), 50'000).status,
              TxStatus::OutOfGas);
    EXPECT_EQ(f.chain.state_digest(), before);
}

TEST(L1Contract, ConstructorArgumentsAndFailedDeployments) {
    Chain chain;
    const Address deployer = addr(1);
    const Address c = chain.deploy(std::make_shared<Configured>(), deployer, word(42));
    EXPECT_EQ(chain.storage(c, slot(0)), u256(42));
    const Hash32 before = chain.state_digest();
    EXPECT_THROW(chain.deploy(std::make_shared<Configured>(), deployer, Bytes{1, 2}), StateError);
    EXPECT_EQ(chain.state_digest(), before);  // nonce not consumed, no code left behind
    EXPECT_EQ(chain.nonce(deployer), 1u);
    EXPECT_THROW(chain.deploy(nullptr, deployer), InvalidArgument);
    EXPECT_THROW(chain.deploy_at(c, std::make_shared<Counter>()), StateError);
    // Default constructor refuses arguments.
    EXPECT_THROW(chain.deploy(std::make_shared<Counter>(), deployer, Bytes{1}), StateError);
}

TEST(L1Contract, UnknownSelectorRevertsWithTheContractsReason) {
    Fixture f;
    const Receipt r = f.run(f.counter, sel(0xee));
    EXPECT_EQ(r.status, TxStatus::Reverted);
    EXPECT_EQ(r.revert_reason, "unknown selector");
}

// State::digest() is cached between writes: after every kind of write and undo it must equal
// the digest of a State that reached the same contents without a cache (built afresh).
TEST(L1Contract, StateDigestCacheFollowsEveryWriteAndUndo) {
    const Address a = key(1).address(), b = key(2).address();
    const Hash32 slot = crypto::keccak256(as_bytes("slot"));
    using Write = std::function<void(State&)>;
    const std::vector<Write> writes = {
        [&](State& s) { s.set_balance(a, 5); },
        [&](State& s) { s.add_balance(b, 7); },
        [&](State& s) { s.set_nonce(a, 3); },
        [&](State& s) { s.set_storage(b, slot, 9); },
        [&](State& s) { s.set_contract(b, std::make_shared<Counter>()); },
        [&](State& s) { s.sub_balance(a, 5); },
        [&](State& s) { s.set_storage(b, slot, 0); },
    };
    State cached;
    std::vector<Hash32> seen{cached.digest()};
    std::vector<State::Checkpoint> points{cached.checkpoint()};
    for (std::size_t i = 0; i < writes.size(); ++i) {
        writes[i](cached);
        points.push_back(cached.checkpoint());
        State fresh;
        for (std::size_t j = 0; j <= i; ++j) writes[j](fresh);
        EXPECT_EQ(cached.digest(), fresh.digest()) << "after write " << i;
        EXPECT_EQ(cached.digest(), fresh.digest()) << "asked twice after write " << i;
        seen.push_back(cached.digest());
    }
    EXPECT_NE(seen[0], seen[1]);
    // Undo step by step: each rollback gives back the digest of that point.
    for (std::size_t i = writes.size(); i-- > 0;) {
        cached.rollback(points[i]);
        EXPECT_EQ(cached.digest(), seen[i]) << "rolled back to before write " << i;
    }
    // A copy keeps the value and then follows its own writes.
    State copy = cached;
    copy.set_balance(b, 1);
    EXPECT_NE(copy.digest(), cached.digest());
    EXPECT_EQ(cached.digest(), seen[0]);
}
