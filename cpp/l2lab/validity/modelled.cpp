#include "l2lab/validity/modelled.hpp"

#include <cmath>
#include <cstring>

#include "l2lab/crypto/keccak.hpp"

namespace l2lab::validity {

namespace {
void put_be64(std::uint8_t* out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
}
}  // namespace

ModelledProofSystem::ModelledProofSystem(CostModel model, WitnessOptions options)
    : m_model(std::move(model)), m_witness(options) {
    if (m_model.proof_bytes < 32 || m_model.proof_bytes > (1u << 20)) {
        throw InvalidArgument("CostModel.proof_bytes must be in 32..1048576");
    }
    if (!std::isfinite(m_model.prove_seconds_base) || m_model.prove_seconds_base < 0 ||
        !std::isfinite(m_model.prove_seconds_per_tx) || m_model.prove_seconds_per_tx < 0) {
        throw InvalidArgument("CostModel prove seconds must be finite and >= 0");
    }
    const std::string_view label = "l2lab/validity/modelled/key";
    Bytes seed(label.begin(), label.end());
    seed.resize(label.size() + 8);
    put_be64(seed.data() + label.size(), m_model.key_seed);
    m_key = crypto::keccak256(seed);
}

ProofProperties ModelledProofSystem::properties() const {
    return {true, true,
            "MODEL of " + m_model.label +
                ": proofs are keyed bindings of the statement that only prove() issues, and "
                "prove() runs the witness system's full re-execution checks first (soundness as "
                "`witness`; the key stands for the real system's knowledge soundness)",
            true};
}

Bytes ModelledProofSystem::binding(const Statement& statement) const {
    std::uint8_t buf[64];
    const Hash32 sh = statement.hash();
    std::memcpy(buf, m_key.bytes.data(), 32);
    std::memcpy(buf + 32, sh.bytes.data(), 32);
    const Hash32 mac = crypto::keccak256(BytesView(buf, 64));
    Bytes out;
    out.reserve(m_model.proof_bytes + 32);
    std::uint8_t blk[40];
    std::memcpy(blk, mac.bytes.data(), 32);
    for (std::uint64_t i = 0; out.size() < m_model.proof_bytes; ++i) {
        put_be64(blk + 32, i);
        const Hash32 h = crypto::keccak256(BytesView(blk, 40));
        out.insert(out.end(), h.bytes.begin(), h.bytes.end());
    }
    out.resize(m_model.proof_bytes);
    return out;
}

Bytes ModelledProofSystem::prove(const Statement& statement, const BatchWitness& witness) const {
    (void)m_witness.prove(statement, witness);  // refuses false statements (ProofRefused)
    return binding(statement);
}

Verdict ModelledProofSystem::check(const Statement& statement, BytesView proof) const {
    Verdict v;
    v.gas = verify_gas(statement, proof);
    const Bytes expect = binding(statement);
    v.ok = proof.size() == expect.size() && std::equal(expect.begin(), expect.end(), proof.begin());
    if (!v.ok) {
        v.failure = std::string(failure_name(proof.size() == expect.size() ? Failure::BadBinding
                                                                            : Failure::MalformedProof));
    }
    return v;
}

bool ModelledProofSystem::verify(const Statement& statement, BytesView proof) const {
    return check(statement, proof).ok;
}

std::uint64_t ModelledProofSystem::verify_gas(const Statement&, BytesView) const {
    return m_model.verify_gas_base + m_model.verify_gas_per_public_input * m_model.public_inputs;
}

double ModelledProofSystem::prove_seconds(const Statement&, const BatchWitness& witness) const {
    const double ops = static_cast<double>(witness.queue_ops.size() + witness.txs.size());
    return m_model.prove_seconds_base + m_model.prove_seconds_per_tx * ops;
}

}  // namespace l2lab::validity
