#pragma once
/// \file prover_actor.hpp
/// The zk rollup's prover: an actor that proves each posted diff batch, in inbox order, with the
/// configured ProofSystem and submits the proofs to the verifier contract.
///
/// Per block: it derives the inbox (a diff-format node: batch records and the queue) and follows
/// the verifier's progress (batches proven by someone else are adopted by replaying their diffs).
/// Proving is pipelined, as real provers run many batches in parallel: every newly posted batch
/// starts proving at once on the state its predecessor's proof will establish (up to
/// max_in_flight batches ahead of the verifier), using the txs the sequencer posted for it
/// (Sequencer::posted_diff_batch) and a statement built exactly as the contract will. Each proof
/// is submitted once its modelled proving time (ProofSystem::prove_seconds, rounded up to whole
/// L1 blocks) has passed and every earlier proof was submitted. A failed proof transaction drops
/// the proofs built on it; they are rebuilt (after 3 consecutive failures the prover stalls with
/// the last revert reason). A refused proof (the batch is invalid) or a batch
/// without a witness stalls the prover at that batch: nothing after it can be proven (the
/// verifier accepts batches strictly in order).
#include <any>
#include <cstdint>
#include <deque>
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

/// Everything needed to prove batch `batch_index` and submit the proof, built exactly as the
/// verifier contract will build the statement.
struct ProofJob {
    Statement statement;
    BatchWitness witness;
    SubmitProof args;                        ///< proof left empty
    std::shared_ptr<rollup::L2State> post;   ///< the state after the batch
};

/// The job for batch `batch_index` of `node` (a state_diff-format node that derived it), whose
/// pre-state is `pre` (the state after the previous batch; the verifier's root and queue cursor
/// must be `pre`'s root and `queue_start`), with the txs `sequencer` posted for it. nullopt, with
/// the reason in `*why`, when the sequencer did not post that batch or its queue range does not
/// start at `queue_start`. Throws InvalidArgument for a batch index the node has not derived.
/// The statement's roots are `roots_of->state_root()` of the two states when `roots_of` is
/// non-null (the commitment the proof system proves, e.g. the `stark` one), else their
/// state_root(); a state the system cannot commit to is a nullopt with the reason.
std::optional<ProofJob> make_proof_job(const rollup::Derivation& node, const rollup::Sequencer& sequencer,
                                       std::shared_ptr<const rollup::L2State> pre,
                                       std::uint64_t queue_start, std::uint64_t batch_index,
                                       std::string* why = nullptr, const ProofSystem* roots_of = nullptr);

/// How the prover works.
struct ProverConfig {
    Address inbox;
    Address verifier;
    rollup::DerivationConfig derivation;  ///< its node's config (format must be StateDiff)
    std::shared_ptr<const ProofSystem> proof_system;  ///< non-null
    std::size_t max_in_flight = 64;  ///< batches proven ahead of the verifier (>= 1)
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
    std::uint64_t proven() const noexcept { return m_proven; }
    /// The state after the last proven batch.
    const rollup::L2State& state() const noexcept { return *m_state; }
    /// Batches being proven or awaiting inclusion of their proof.
    std::size_t in_flight() const noexcept { return m_pending.size(); }
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
        std::uint64_t queue_end = 0;
        bool submitted = false;
    };
    void settle(sim::World& world);
    void follow_verifier(const sim::World& world);
    bool start_next(sim::World& world);
    void submit_ready(sim::World& world);
    void drop_pending(const std::string& why);

    sim::Account m_account;
    ProverConfig m_config;
    std::shared_ptr<const rollup::Sequencer> m_sequencer;
    rollup::Derivation m_node;
    std::shared_ptr<rollup::L2State> m_state;  // after the last proven batch
    std::uint64_t m_proven = 0;
    std::uint64_t m_queue_cursor = 0;          // consumed by the proven batches
    std::vector<ProofRecord> m_records;
    std::deque<Pending> m_pending;             // batches m_proven, m_proven + 1, ...
    std::string m_stall;
    std::uint32_t m_failures = 0;              // consecutive failed proof transactions
    static constexpr std::uint32_t kMaxFailures = 3;
};

}  // namespace l2lab::validity
