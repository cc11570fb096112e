#pragma once
/// \file stark_proof_system.hpp
/// The `stark` proof system: a succinct proof that a zk-mode batch takes the state committed by
/// the statement's pre_root to the one committed by its post_root. The state commitment is the
/// stark one (stark_state.hpp: a Keccak tree holding the Rescue account tree's root, the account
/// registry and the withdrawal records), which is what state_root() gives, so a rollup using this
/// system registers stark roots on L1 and withdrawals are claimed against them with ordinary
/// Keccak SMT proofs (withdrawal_proof()).
///
/// Split of the work. The STARK (stark/batch_air.hpp, RollupBatchAir) proves the account
/// updates: for every account a tx, a deposit or a fee touches, in STF order, the leaf update in
/// the Rescue tree with its balance arithmetic (no overspend, no overflow, no value created,
/// 32-bit range checks on every limb) and nonce increment. The verifier (check(), what the L1
/// contract runs) derives those updates itself from the batch: it ecrecovers every tx
/// signature (3,000 gas each; signature authorization is NOT in the AIR), checks the queue ops
/// against the queue digest and the frame against the data commitment, turns the ops into
/// debits and credits (their addresses, amounts and tx nonces become the AIR's public inputs),
/// checks the prover's index placement against the account registry (a created account must be
/// absent from the registry and take the next index, in ascending address order), writes the
/// batch's withdrawal records (each derived from its signed tx: sender, nonce, tx.to as the L1
/// recipient, value; absent before), all through one Keccak multiproof of the stark Keccak tree
/// whose header it moves from the pre to the post commitment, and checks that the posted state
/// diff is exactly the net change of every touched account plus exactly those withdrawal
/// records. The proof binds the statement hash in the AIR's public inputs.
///
/// Ops (the STF's rules, stf.hpp), each a sequence of debits and credits:
///   transfer        debit(sender, value + fee, nonce); credit(to, value) if value > 0;
///                   credit(fee_recipient, fee) if fee > 0
///   withdrawal      debit(sender, value + fee, nonce); credit(fee_recipient, fee) if fee > 0;
///                   records (sender, nonce, to, value); a zero withdrawal is skipped
///   deposit         credit(to, amount) if amount > 0 (a zero deposit is skipped)
///   undecodable     skipped
/// A tx whose signature does not recover, whose chain id differs, whose nonce is >= 2^63,
/// whose value + fee is >= 2^128 (no representable balance covers it), or a withdrawal of value
/// 0 (wrong nonce, else zero amount) is skipped by the STF for
/// a reason the verifier sees without the state: a forced tx then has no updates, a sequencer tx
/// makes the proof invalid (skipped_tx).
///
/// A forced (queue) tx the STF skips for a reason only the state shows (wrong nonce, else
/// insufficient balance) is claimed as skipped by the prover (StarkBatchProof::skips) and proven,
/// never trusted: when the sender has an account at that point of the batch, the claim becomes
/// a skip step of the AIR at the sender's leaf (address, tx nonce and value + fee derived by the
/// verifier from the op), which opens the leaf, keeps it and proves "nonce != tx nonce, or
/// balance < value + fee"; when the sender has none (nonce 0, balance 0), the Keccak tree
/// multiproof must show the address absent from the pre-state registry, no earlier update of
/// the batch may name it, and the verifier itself checks that the tx has a nonce != 0 or
/// value + fee > 0. A claimed skip of a tx that applies fails the AIR (or these checks); an
/// unclaimed one is a debit whose nonce or balance check fails the AIR. A claim on a sequencer
/// tx or on an op the verifier decides without the state is rejected (witness_inconsistent).
/// Not provable yet (refused with `unsupported`): a deposit of 2^128 wei or more, and any
/// account whose nonce reaches 2^63 or balance 2^128.
///
/// Proof encoding: rlp(["l2lab/validity/stark/v2", statement.hash(), frame, [encode_op(queue op)
/// ...], [tx.encode() ...], pre commitment, post commitment (StarkStateCommitment encodings),
/// [[index, create] per account update ...], Keccak tree multiproof (PartialTree encoding of the
/// pre tree revealing the header, the created accounts', the absent skipped senders' and the
/// withdrawals' keys), STARK proof (stark/proof.hpp encoding), [[queue position, absent] per
/// claimed skip, positions strictly ascending]]).
///
/// Verify gas (Verdict::gas): measured parts priced at EVM costs: 3 per proof word copied from
/// calldata, Keccak-256 for every hash the check computes (statement, commitments, frame, ops,
/// txs, header leaves, withdrawal keys and leaves, Keccak multiproof nodes), 3,000 per ecrecover, 50,000 for a blob (point evaluation),
/// 3 per decompressed byte (a stated lower bound, as `witness`), and every hash the STARK
/// verifier computes (counted by stark::HashMeter, priced as KECCAK256 30 + 6 per word, or the
/// SHA-256 precompile 60 + 12 per word + 100 for the call with HashKind::Sha256); MODELLED part:
/// the STARK verifier's field arithmetic, from operation counts (stark_field_gas()) at 17 gas
/// per F_p multiplication and 14 per addition (MULMOD/ADDMOD 8 + stack handling), F_p^3
/// multiplications as 9 + 8 of those; no memory or control-flow overhead, so a lower bound.
#include <cstdint>
#include <utility>
#include <vector>

#include "l2lab/rollup/stf.hpp"
#include "l2lab/validity/proof_system.hpp"
#include "l2lab/validity/stark/batch_air.hpp"
#include "l2lab/validity/stark/options.hpp"
#include "l2lab/validity/stark_state.hpp"

namespace l2lab::validity {

/// Largest stark batch proof accepted (bytes).
inline constexpr std::size_t kMaxStarkBatchProofBytes = 32u << 20;

/// Options of the stark system.
struct StarkSystemOptions {
    unsigned depth = 15;  ///< account tree depth: 15 (32,768 accounts) or 31
    /// STARK parameters: default_96() with Keccak-256 (cheaper than SHA-256 on the EVM).
    stark::ProofOptions proof = [] {
        stark::ProofOptions o = stark::ProofOptions::default_96();
        o.hash = crypto::HashKind::Keccak256;
        return o;
    }();
    std::size_t max_decompressed = 16u << 20;  ///< cap on the decompressed frame (bytes)
};

/// One debit or credit of an account, as the verifier derives it from the batch's ops.
struct AccountMove {
    Address address;
    bool debit = false;
    u256 amount = 0;              ///< wei
    std::uint64_t tx_nonce = 0;   ///< debit, skip: the tx's nonce
    bool skip = false;            ///< a skipped forced tx (amount = value + fee; not a debit)
    bool operator==(const AccountMove&) const = default;
};

/// A forced tx the prover claims the STF skips for a reason only the state shows.
struct ClaimedSkip {
    std::uint64_t op = 0;  ///< position in the proof's queue_ops
    bool absent = false;   ///< the sender has no account (registry); else an AIR skip step
    bool operator==(const ClaimedSkip&) const = default;
};

/// The decoded contents of a stark batch proof.
struct StarkBatchProof {
    Hash32 statement_hash;
    Bytes frame;
    std::vector<rollup::Op> queue_ops;
    std::vector<rollup::L2Tx> txs;
    StarkStateCommitment pre;
    StarkStateCommitment post;
    std::vector<std::pair<std::uint64_t, bool>> placements;  ///< (index, create) per account move
    Bytes tree;      ///< PartialTree encoding of the pre state's stark Keccak tree
    Bytes stark;     ///< stark::StarkProof encoding
    std::vector<ClaimedSkip> skips;  ///< ascending positions

    /// Canonical encoding (see the file comment).
    Bytes encode() const;
    /// Strict inverse of encode(). Throws DecodeError.
    static StarkBatchProof decode(BytesView encoding);
};

/// Modelled EVM gas of a STARK verifier's field arithmetic for `air` under `options` (see the
/// file comment for the prices). Deterministic in the AIR's shape.
std::uint64_t stark_field_gas(const stark::Air& air, const stark::ProofOptions& options);

/// Size figures of a stark batch proof (for reports).
struct StarkProofSummary {
    std::size_t proof_bytes = 0;   ///< the whole proof
    std::size_t stark_bytes = 0;   ///< the STARK part
    std::size_t moves = 0;         ///< account updates proven
    std::size_t created = 0;       ///< accounts created
    std::size_t trace_rows = 0;    ///< rows of the batch AIR's trace
};

/// The `stark` system.
class StarkProofSystem final : public ProofSystem {
public:
    /// Throws InvalidArgument for an unsupported depth, InsecureParameters for proof options
    /// below the minimum security without allow_insecure.
    explicit StarkProofSystem(StarkSystemOptions options = {});
    std::string name() const override { return "stark"; }
    ProofProperties properties() const override;
    /// Refuses (ProofRefused) unless the batch is valid and provable (see the file comment):
    /// statement_mismatch (pre-state is not the pre_root), post_root_mismatch, skipped_tx,
    /// unsupported, witness_inconsistent; never returns a proof check() rejects.
    Bytes prove(const Statement& statement, const BatchWitness& witness) const override;
    bool verify(const Statement& statement, BytesView proof) const override;
    std::uint64_t verify_gas(const Statement& statement, BytesView proof) const override;
    Verdict check(const Statement& statement, BytesView proof) const override;
    /// stark_state_commitment(state, depth).root(). Throws stark::UnsupportedAccount for a
    /// state the account tree cannot represent.
    Hash32 state_root(const rollup::L2State& state) const override;
    /// stark_withdrawal_proof(state, depth, sender, nonce): the proof under state_root(state).
    /// Throws StateError when the state holds no such withdrawal.
    crypto::SmtProof withdrawal_proof(const rollup::L2State& state, const Address& sender,
                                      std::uint64_t nonce) const override;
    /// Figures of a proof (DecodeError when it does not decode).
    StarkProofSummary summary(BytesView proof) const;
    const StarkSystemOptions& options() const noexcept { return m_options; }

private:
    StarkSystemOptions m_options;
};

}  // namespace l2lab::validity
