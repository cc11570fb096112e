// Shared set-up of the fault-proof tests: a World with a rollup inbox and a sequencer, and a
// busy history (deposits, transfers, withdrawals, forced txs past a queue-ignoring sequencer,
// a malformed batch, blocks without work) for the derivation machine to follow.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "l2lab/fault/trace.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"

namespace fault_test {

using namespace l2lab;

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;

struct Rollup {
    sim::World world;
    sim::Account seq_acct;
    Address inbox;
    std::shared_ptr<rollup::Sequencer> seq;
    std::vector<crypto::PrivateKey> users;
    std::vector<std::uint64_t> nonces;

    /// `proposer`: the inbox's root proposer (the fault contract, once deployed; the sequencer
    /// account by default).
    explicit Rollup(rollup::SequencerConfig cfg,
                    std::uint64_t seed = 7,
                    std::shared_ptr<const rollup::FinalityRule> finality = nullptr,
                    std::optional<Address> proposer = std::nullopt)
        : world(seed), seq_acct(world.new_account(u256(1000) * kEth)) {
        if (!finality)
            finality = std::make_shared<rollup::TrustedFinality>(5);
        rollup::InboxConfig ic{seq_acct.address, proposer.value_or(seq_acct.address), finality};
        inbox = world.chain().deploy(std::make_shared<rollup::InboxContract>(ic), seq_acct.address);
        cfg.derivation.inbox = inbox;
        cfg.derivation.stf.fee_recipient = seq_acct.address;
        seq = std::make_shared<rollup::Sequencer>(seq_acct, cfg);
        world.add_actor(seq);
        for (int i = 0; i < 4; ++i) {
            users.push_back(crypto::PrivateKey::from_int(u256(100 + i)));
            nonces.push_back(0);
        }
    }
    const rollup::DerivationConfig& dcfg() const { return seq->config().derivation; }
    fault::MachineConfig machine() const { return {dcfg().forced_window, dcfg().max_decompressed}; }
    rollup::L2Tx tx(int from,
                    const Address& to,
                    u256 value,
                    rollup::TxKind kind = rollup::TxKind::Transfer) {
        rollup::L2Tx t;
        t.kind = kind;
        t.chain_id = dcfg().stf.chain_id;
        t.nonce = nonces[static_cast<std::size_t>(from)]++;
        t.fee = 10;
        t.to = to;
        t.value = value;
        t.sign(users[static_cast<std::size_t>(from)]);
        return t;
    }
    rollup::Derivation verifier() const {
        rollup::Derivation d(dcfg());
        d.advance(world.chain());
        return d;
    }
    void deposit(const sim::Account& from, int user, u256 amount) {
        ASSERT_TRUE(
            world
                .call(from, inbox,
                      rollup::inbox_deposit(users[static_cast<std::size_t>(user)].address()),
                      amount)
                .accepted);
    }

    /// A varied history: deposits, a forced tx and a forced garbage payload while the sequencer
    /// ignores the queue, transfers and a withdrawal, a malformed batch, idle blocks.
    void busy_history() {
        auto alice = world.new_account(u256(100) * kEth);
        seq->mutable_config().ignore_queue = true;
        deposit(alice, 0, 5 * kEth);
        deposit(alice, 1, 3 * kEth);
        world.run(2);
        (void)world.call(alice, inbox, rollup::inbox_force_tx(Bytes{0xde, 0xad, 0xbe, 0xef}));
        world.run(dcfg().forced_window + 2);  // the deposits become forced
        seq->mutable_config().ignore_queue = false;
        deposit(alice, 2, 2 * kEth);
        for (int i = 0; i < 5; ++i)
            seq->submit(tx(0, users[1].address(), 1000 + i), world.block_number());
        world.run(2);
        seq->submit(tx(1, users[3].address(), 77, rollup::TxKind::Withdrawal),
                    world.block_number());
        seq->submit(tx(2, users[0].address(), 5), world.block_number());  // unfunded until deposit
        auto forced = tx(1, users[2].address(), 9);
        (void)world.call(alice, inbox, rollup::inbox_force_tx(forced.encode()));
        world.run(2);
        (void)world.call(seq_acct, inbox, rollup::inbox_append_batch(Bytes{1, 1, 0xde, 0xad}));
        world.run(3);
        for (int i = 0; i < 3; ++i)
            seq->submit(tx(0, users[2].address(), 50 + i), world.block_number());
        world.run(dcfg().forced_window + 3);
    }
};

}  // namespace fault_test

#include "l2lab/fault/agents.hpp"

namespace fault_test {

/// A fault-proof rollup: the inbox's root proposer is the game contract.
struct FaultRollup {
    sim::World world;
    sim::Account seq_acct;
    fault::Deployment dep;
    std::shared_ptr<rollup::Sequencer> seq;
    std::vector<crypto::PrivateKey> users;
    std::vector<std::uint64_t> nonces;

    static fault::GameConfig quick_config(std::uint32_t branching = 2) {
        fault::GameConfig g;
        g.branching = branching;
        g.max_clock_duration = 120;  // 10 blocks per team
        g.clock_extension = 24;
        g.bond_gas_price = u256(1'000'000'000);  // 1 gwei per bond gas: 0.0004 ETH at depth 0
        return g;
    }

    explicit FaultRollup(fault::GameConfig gcfg = quick_config(),
                         std::uint64_t seed = 11,
                         rollup::SequencerConfig scfg = {},
                         std::uint64_t finality_delay = 0)
        : world(seed), seq_acct(world.new_account(u256(1000) * kEth)) {
        scfg.derivation.forced_window = 3;
        scfg.derivation.max_decompressed = 1u << 19;  // openable in one L1 step
        scfg.derivation.stf.fee_recipient = seq_acct.address;
        gcfg.machine = {scfg.derivation.forced_window, scfg.derivation.max_decompressed};
        gcfg.stf = scfg.derivation.stf;
        dep = fault::deploy_fault_proofs(world, seq_acct.address, gcfg, finality_delay,
                                         seq_acct.address);
        scfg.derivation.inbox = dep.inbox;
        seq = std::make_shared<rollup::Sequencer>(seq_acct, scfg);
        world.add_actor(seq);
        for (int i = 0; i < 4; ++i) {
            users.push_back(crypto::PrivateKey::from_int(u256(200 + i)));
            nonces.push_back(0);
        }
    }
    const rollup::DerivationConfig& dcfg() const { return seq->config().derivation; }

    std::shared_ptr<fault::TracePlayer> player(
        const std::string& name,
        fault::PlayerOptions options = {},
        std::shared_ptr<const fault::StfVariant> variant = nullptr) {
        auto p = std::make_shared<fault::TracePlayer>(name, world.new_account(u256(100) * kEth),
                                                      dep, options, std::move(variant));
        world.add_actor(p);
        return p;
    }
    rollup::L2Tx tx(int from,
                    const Address& to,
                    u256 value,
                    rollup::TxKind kind = rollup::TxKind::Transfer) {
        rollup::L2Tx t;
        t.kind = kind;
        t.chain_id = dcfg().stf.chain_id;
        t.nonce = nonces[static_cast<std::size_t>(from)]++;
        t.fee = 10;
        t.to = to;
        t.value = value;
        t.sign(users[static_cast<std::size_t>(from)]);
        return t;
    }
    /// Deposits to every user and a few transfers (one unfunded: skipped for its balance).
    void traffic() {
        auto alice = world.new_account(u256(100) * kEth);
        for (int u = 0; u < 3; ++u) {
            ASSERT_TRUE(
                world
                    .call(alice, dep.inbox,
                          rollup::inbox_deposit(users[static_cast<std::size_t>(u)].address()), kEth)
                    .accepted);
        }
        world.run(2);
        for (int i = 0; i < 4; ++i)
            seq->submit(tx(0, users[1].address(), 1000 + i), world.block_number());
        // User 3 has nothing: forced in, the STF skips it (insufficient balance).
        ASSERT_TRUE(world
                        .call(alice, dep.inbox,
                              rollup::inbox_force_tx(tx(3, users[0].address(), 5).encode()))
                        .accepted);
        world.run(2);
        seq->submit(tx(1, users[2].address(), 77, rollup::TxKind::Withdrawal),
                    world.block_number());
        world.run(2);
    }
    u256 games_balance() const { return world.chain().balance(dep.games); }
};

}  // namespace fault_test
