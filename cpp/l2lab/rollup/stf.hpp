#pragma once
/// \file stf.hpp
/// The rollup's state transition function: deterministic, steppable (one step per op), with
/// per-step witnesses from which the post-root of a step is recomputed statelessly.
///
/// Rules of one step (checks in this order; the first failing check skips the op, which then
/// changes nothing and records its SkipReason):
///   L2Tx:      signature recovers (BadSignature) -> chain_id matches (WrongChainId) ->
///              nonce == sender nonce (WrongNonce) -> sender nonce < 2^64-1 (Overflow) ->
///              Withdrawal: value > 0 (ZeroAmount) -> value + fee fits u256 (Overflow) ->
///              balance >= value + fee (InsufficientBalance) -> credits do not overflow (Overflow).
///              Effects: sender nonce+1 and balance -(value+fee); Transfer credits `to` with
///              value; Withdrawal records WithdrawalRecord(sender, nonce, to, value); the fee
///              recipient is credited with fee. Accounts are updated in first-touch order
///              (sender, then `to` for a transfer, then the fee recipient).
///   Deposit:   amount > 0 (ZeroAmount) -> credit fits (Overflow). Effect: `to` += amount.
///   Undecodable: always skipped (Undecodable).
/// An undecodable batch is an empty batch (see codec.hpp); that is the caller's job.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>
#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/crypto/smt.hpp"
#include "l2lab/rollup/state.hpp"
#include "l2lab/rollup/tx.hpp"

namespace l2lab::rollup {

/// Parameters of the STF.
struct StfConfig {
    std::uint64_t chain_id = 901;  ///< L2 chain id, part of every signed digest
    Address fee_recipient;         ///< L2 account credited with transaction fees
};

/// Why a step was skipped. Stable names: skip_reason_name().
enum class SkipReason : std::uint8_t {
    BadSignature,         ///< signature malformed, high-s, or not recoverable
    WrongChainId,         ///< tx chain_id differs from StfConfig::chain_id
    WrongNonce,           ///< tx nonce differs from the sender's account nonce
    InsufficientBalance,  ///< balance < value + fee
    Overflow,             ///< value + fee, a credited balance or the nonce would overflow
    ZeroAmount,           ///< deposit or withdrawal of 0 wei
    Undecodable,          ///< forced payload that is not an L2 tx
};
/// Stable snake_case name, e.g. "wrong_nonce".
std::string_view skip_reason_name(SkipReason r);

/// Outcome of one step.
struct StepOutcome {
    bool applied = false;
    std::optional<SkipReason> reason;  ///< set iff !applied
    std::optional<Address> sender;     ///< recovered signer of an L2Tx
};

/// Receipt of one step of a batch.
struct StepReceipt {
    std::uint32_t index = 0;  ///< step index within the applied sequence
    Hash32 op_hash;           ///< op_hash(op)
    StepOutcome outcome;
    Hash32 post_root;         ///< state root after the step (zero unless traced)
};

/// A touched account with its pre-step value and SMT proof (see StepWitness).
struct WitnessAccount {
    Address address;
    L2Account pre;
    crypto::SmtProof proof;
    bool operator==(const WitnessAccount&) const = default;
};

/// Everything needed to recompute a step's post-root from its pre-root without the state.
/// Skipped step: the accounts it read, each proved against the pre-root. Applied step: the
/// accounts it wrote in update order, proof i against the root after updates 0..i-1; then, for a
/// withdrawal, the non-inclusion proof of the withdrawal key against the root after all account
/// updates.
struct StepWitness {
    std::vector<WitnessAccount> accounts;
    std::optional<crypto::SmtProof> withdrawal_proof;
    /// rlp([[address, nonce, balance, proof]..., [] | [proof]]).
    Bytes encode() const;
    /// Strict inverse of encode(). Throws DecodeError.
    static StepWitness decode(BytesView encoding);
    bool operator==(const StepWitness&) const = default;
};

/// Apply one op to `state`. `recovered`: pre-recovered sender of an L2Tx (nullptr = recover
/// here; pointing at nullopt = the signature does not recover). `witness`: when non-null,
/// receives the step's witness (costs one proof per touched key).
StepOutcome apply_op(L2State& state, const StfConfig& config, const Op& op,
                     const std::optional<Address>* recovered = nullptr,
                     StepWitness* witness = nullptr);

/// Result of verify_step: the recomputed post-root and the outcome.
struct VerifiedStep {
    Hash32 post_root;
    StepOutcome outcome;
};

/// Stateless re-execution of one step: the post-root reached from `pre_root` by `op`, or
/// nullopt when `witness` is inconsistent with `pre_root` (bad proof, missing or duplicate
/// account, wrong withdrawal proof). A returned root equals what apply_op reaches on any state
/// whose root is `pre_root` (proofs bind every value used).
std::optional<VerifiedStep> verify_step(const StfConfig& config, const Hash32& pre_root,
                                        const Op& op, const StepWitness& witness);

/// Options of apply_batch.
struct ApplyOptions {
    bool trace = false;        ///< record each step's post-root in its receipt
    unsigned threads = 1;      ///< threads for signature recovery (1..64)
};

/// Result of apply_batch.
struct BatchResult {
    std::vector<StepReceipt> receipts;
    Hash32 post_root;
    std::size_t applied = 0;
    std::size_t skipped = 0;
};

/// Apply `ops` in order (deterministic for any `threads`). Throws InvalidArgument for threads
/// outside 1..64. `first_index` numbers the receipts.
BatchResult apply_batch(L2State& state, const StfConfig& config, std::span<const Op> ops,
                        const ApplyOptions& options = {}, std::uint32_t first_index = 0);

/// Recover the senders of the L2Txs among `ops` using `threads` threads (nullopt for other ops
/// and for signatures that do not recover).
std::vector<std::optional<Address>> recover_senders(std::span<const Op> ops, unsigned threads);

}  // namespace l2lab::rollup
