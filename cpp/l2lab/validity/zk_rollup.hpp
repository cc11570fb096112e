#pragma once
/// \file zk_rollup.hpp
/// Deploys a rollup in zk mode on a World: the inbox (its proposer is the verifier, its
/// finality rule `proven`), the verifier contract with the chosen ProofSystem, a sequencer
/// posting diff batches and a prover actor. Settlement: a batch's root becomes final in the
/// block that accepts its proof; withdrawals against it work from the next block on.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include "l2lab/rollup/derivation.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"
#include "l2lab/sim/world.hpp"
#include "l2lab/validity/prover_actor.hpp"
#include "l2lab/validity/verifier_contract.hpp"

namespace l2lab::validity {

/// What to deploy. Windows in L1 blocks, balances in wei.
struct ZkRollupConfig {
    std::uint64_t chain_id = 901;
    rollup::Codec codec = rollup::Codec::Zstd;
    int level = 3;
    rollup::DataAvailability da = rollup::DataAvailability::Calldata;
    rollup::OrderingPolicy ordering = rollup::OrderingPolicy::Fifo;
    std::uint64_t forced_window = 10;  ///< W
    std::size_t max_batch_txs = 1000;
    std::size_t max_batch_bytes = 120'000;
    std::uint64_t post_every_blocks = 1;
    std::uint64_t max_wait_blocks = 64;
    std::uint64_t max_delay_blocks = 0;
    std::size_t max_decompressed = rollup::kDefaultMaxDecompressed;
    u256 sequencer_balance = u256(1000) * u256(1'000'000'000'000'000'000ull);
    u256 prover_balance = u256(1000) * u256(1'000'000'000'000'000'000ull);
    /// The proof system; null: `witness`.
    std::shared_ptr<const ProofSystem> proof_system;
    /// Whether to add a prover actor (false: prove by hand, e.g. adversarial scenarios).
    bool with_prover = true;
};

/// A deployed zk rollup.
struct ZkRollup {
    Address inbox;
    Address verifier;
    sim::Account sequencer_account;  ///< also the deployer
    sim::Account prover_account;
    rollup::StfConfig stf;           ///< fee recipient = the sequencer's address
    rollup::DerivationConfig derivation;  ///< StateDiff format
    std::shared_ptr<rollup::Sequencer> sequencer;
    std::shared_ptr<ProverActor> prover;  ///< null without a prover
    std::shared_ptr<const ProofSystem> proof_system;
};

/// Deploy on `world` (new funded accounts, two contracts, the actors). Throws InvalidArgument
/// for a config the sequencer refuses.
ZkRollup deploy_zk_rollup(sim::World& world, const ZkRollupConfig& config);

/// How a node's rebuilt states compare with the roots the verifier contract proved.
struct RebuildCheck {
    std::uint64_t proven = 0;   ///< batches the verifier has proven
    std::uint64_t checked = 0;  ///< proven batches the node has derived (each compared)
    std::optional<std::uint64_t> mismatch;  ///< first checked batch not at its proven root
    std::string detail;                     ///< why, for a mismatch
    bool ok() const noexcept { return !mismatch; }
};

/// The node's rebuild check. The diff frames carry no root (rollup/state_diff.hpp): the root each
/// batch must reach is the one the verifier at `verifier` stored when it accepted the batch's
/// proof. Replays `node`'s applied diffs (a state_diff-format node; a batch it could not apply
/// changes nothing) and compares `system`.state_root() (the Keccak root for `witness` and
/// `modelled`, the stark commitment for `stark`) of the state after each proven batch it derived
/// with that batch's proven root; stops at the first mismatch. Throws InvalidArgument for a node
/// in the txs format.
RebuildCheck check_rebuilt_roots(const rollup::Derivation& node, const l1::Chain& chain,
                                 const Address& verifier, const ProofSystem& system);

/// CREATE address: keccak256(rlp([deployer, nonce]))[12:].
Address create_address(const Address& deployer, std::uint64_t nonce);

}  // namespace l2lab::validity
