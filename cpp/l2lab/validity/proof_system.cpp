#include "l2lab/validity/proof_system.hpp"

#include "l2lab/validity/modelled.hpp"
#include "l2lab/validity/stark_proof_system.hpp"
#include "l2lab/validity/witness.hpp"

namespace l2lab::validity {

std::string_view failure_name(Failure f) {
    switch (f) {
        case Failure::MalformedProof: return "malformed_proof";
        case Failure::WrongSystem: return "wrong_system";
        case Failure::DataCommitmentMismatch: return "data_commitment_mismatch";
        case Failure::MalformedData: return "malformed_data";
        case Failure::QueueMismatch: return "queue_mismatch";
        case Failure::PreRootMismatch: return "pre_root_mismatch";
        case Failure::WitnessIncomplete: return "witness_incomplete";
        case Failure::WitnessInconsistent: return "witness_inconsistent";
        case Failure::SkippedTx: return "skipped_tx";
        case Failure::PostRootMismatch: return "post_root_mismatch";
        case Failure::DiffMismatch: return "diff_mismatch";
        case Failure::BadBinding: return "bad_binding";
        case Failure::StatementMismatch: return "statement_mismatch";
        case Failure::Unsupported: return "unsupported";
    }
    return "unknown";
}

ProofRefused::ProofRefused(Failure failure, const std::string& detail)
    : Error("proof refused (" + std::string(failure_name(failure)) + ")" +
            (detail.empty() ? std::string() : ": " + detail)),
      m_failure(failure) {}

Hash32 ProofSystem::state_root(const rollup::L2State& state) const { return state.state_root(); }

crypto::SmtProof ProofSystem::withdrawal_proof(const rollup::L2State& state, const Address& sender,
                                               std::uint64_t nonce) const {
    return state.prove_withdrawal(sender, nonce);
}

double ProofSystem::prove_seconds(const Statement&, const BatchWitness&) const { return 0.0; }

Verdict ProofSystem::check(const Statement& statement, BytesView proof) const {
    Verdict v;
    v.gas = verify_gas(statement, proof);
    v.ok = verify(statement, proof);
    if (!v.ok) v.failure = "rejected";
    return v;
}

std::vector<std::string> proof_system_names() { return {"witness", "modelled", "stark"}; }

std::shared_ptr<const ProofSystem> make_proof_system(std::string_view name) {
    if (name == "witness") return std::make_shared<WitnessProofSystem>();
    if (name == "modelled") return std::make_shared<ModelledProofSystem>();
    if (name == "stark") return std::make_shared<StarkProofSystem>();
    throw UnknownProofSystem("unknown proof system '" + std::string(name) +
                             "' (built-in: witness, modelled, stark)");
}

}  // namespace l2lab::validity
