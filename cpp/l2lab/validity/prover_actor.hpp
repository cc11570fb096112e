#pragma once
/// \file prover_actor.hpp
/// The zk rollup's prover: an actor that proves each posted diff batch, in inbox order, with the
/// configured ProofSystem and submits the proof to the verifier contract.
///
/// Per block: it derives the inbox (a diff-format node: batch records and the queue), follows
/// the verifier's progress (batches proven by someone else are adopted by replaying their
/// diffs), and for the next unproven batch takes the txs the sequencer posted for it
/// (Sequencer::posted_diff_batch), re-executes queue items and txs on its own proven state,
/// builds the statement exactly as the contract will, and proves. The proof is submitted once the
/// modelled proving time (ProofSystem::prove_seconds, rounded up to whole L1 blocks) has passed.
/// A refused proof (the batch is invalid) or a batch without a witness stalls the prover at that
/// batch: nothing after it can be proven (the verifier accepts batches strictly in order).
#include <any>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include "l2lab/rollup/derivation.hpp"
#include "l2lab/rollup/sequencer.hpp"
#include "l2lab/sim/actor.hpp"
#include "l2lab/sim/world.hpp"
#include "l2lab/validity/proof_system.hpp"
#include "l2lab/validity/verifier_contract.hpp"

namespace l2lab::validity {

/// How the prover works.
struct ProverConfig {
    Address inbox;
    Address verifier;
    rollup::DerivationConfig derivation;  ///< its node's config (format must be StateDiff)
    std::shared_ptr<const ProofSystem> proof_system;  ///< non-null
};

/// One proving attempt.
struct ProofRecord {
    std::uint64_t batch_index = 0;
    std::uint64_t started_block = 0;   ///< L1 head when proving started
    std::uint64_t ready_block = 0;     ///< started_block + modelled proving time in blocks
    double prove_seconds = 0;          ///< ProofSystem::prove_seconds
    std::size_t proof_bytes = 0;
    std::uint64_t verify_gas = 0;      ///< the system's verify_gas for the proof
    std::optional<Hash32> l1_tx_hash;
    std::optional<std::uint64_t> included_block;
    std::uint64_t l1_gas_used = 0;
    bool accepted = false;
    std::string failure;  ///< refusal (proof_refused: ...), revert reason or drop reason
};

/// The actor.
class ProverActor : public sim::Actor {
public:
    /// `account` pays for the proof transactions. Throws InvalidArgument for a null proof system
    /// or sequencer, or a node config not in the StateDiff format.
    ProverActor(sim::Account account, ProverConfig config,
                std::shared_ptr<const rollup::Sequencer> sequencer);
    void on_block(sim::World& world, const l1::Block& block) override;

    const std::vector<ProofRecord>& records() const noexcept { return m_records; }
    /// Batches the verifier accepted (proven by anyone), as last seen.
    std::uint64_t proven() const noexcept { return m_next; }
    /// The state after the last proven batch.
    const rollup::L2State& state() const noexcept { return *m_state; }
    /// Why the prover cannot go on (empty when it is not stalled).
    const std::string& stall_reason() const noexcept { return m_stall; }
    const rollup::Derivation& node() const noexcept { return m_node; }
    const ProverConfig& config() const noexcept { return m_config; }

    std::any save_state() const override;
    void load_state(const std::any& state) override;

private:
    struct Pending {
        std::size_t record = 0;
        Bytes calldata;
        std::uint64_t gas_limit = 0;
        std::shared_ptr<rollup::L2State> post;
        bool submitted = false;
    };
    void settle(sim::World& world);
    void follow_verifier(const sim::World& world);
    void start_next(sim::World& world);
    void submit(sim::World& world);

    sim::Account m_account;
    ProverConfig m_config;
    std::shared_ptr<const rollup::Sequencer> m_sequencer;
    rollup::Derivation m_node;
    std::shared_ptr<rollup::L2State> m_state;
    std::uint64_t m_next = 0;
    std::vector<ProofRecord> m_records;
    std::optional<Pending> m_pending;
    std::string m_stall;
};

}  // namespace l2lab::validity
