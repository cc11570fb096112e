#pragma once
/// \file batch_air.hpp
/// The rollup-batch AIR (issue 8 item 9): "applying these account updates in order to the
/// Rescue account tree (account_tree.hpp) with root pre_root gives root post_root", where each
/// update is one step of the STF's effect on one account:
///   debit   (a transfer's sender): nonce must equal the tx's nonce and becomes nonce + 1;
///           balance becomes balance - amount, with no underflow (no overspend);
///   credit  (a transfer's recipient, the fee recipient, a deposit's recipient): balance becomes
///           balance + amount, below 2^128 (no overflow);
///   skip    (a forced tx the STF skips for a reason only the state shows): the sender's leaf is
///           opened against the running root and left as it is (root unchanged), and the step
///           proves the STF's skip condition in the STF's order: the nonce differs from the tx's
///           nonce (an inverse witness of their difference), or it equals it and the balance is
///           below the amount (value + fee: the debit's limb subtraction whose borrow chain must
///           end at one, the difference range-checked like a new balance);
/// and nothing else changes: no value is created (each limb of the new balance is the old limb
/// +/- the amount's limb with a carry chain that must end at zero), the address in the leaf is
/// the step's address (so the update hits that account and no other), and every leaf update
/// uses one authentication path for the old and the new leaf. A `create` step writes an unused
/// index: the old leaf is the zero digest and the account starts at nonce 0, balance 0.
///
/// Public (per step, bound by sequence assertions on the step's first row): index, address,
/// amount, debit flag, create flag, live flag, tx nonce, skip flag. Private: the account's nonce
/// and balance before the step, the path, and for a skip which condition holds with its witness. Public inputs: depth, step count, live steps, the two
/// roots and eight 32-bit words binding the proof to a statement (the rollup's Statement hash).
/// Whether the steps are the right ones for a batch (signatures, the txs' fields, which index
/// an address has, that a created index is fresh and in registry order) is the verifier's part,
/// outside the AIR (stark_proof_system.hpp).
///
/// Layout: step j occupies rows [j R, (j + 1) R), R = 8 (D + 1): cycle 0 hashes the old leaf
/// (Rescue state A, columns 0..11) and the new leaf (state B, 12..23); cycles 1..D climb the
/// tree, level c - 1 in cycle c, like MerkleUpdateAir. Steps are padded with `live = 0` steps
/// (at least one) to a power of two; a padding step leaves the root as it is. Range checks:
/// each new balance limb is rebuilt bit by bit (MSB first) in 32 rows of an accumulator column
/// (columns 54, 55; limbs 0 and 2 in rows 0..31, limbs 1 and 3 in rows 32..63 of the step).
/// In a skip step the new-balance columns hold the range-checked difference balance - amount +
/// 2^128 of the insufficient-balance case, and the new leaf takes the old balance.

#include <array>
#include <cstdint>
#include <vector>

#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/validity/stark/account_tree.hpp"
#include "l2lab/validity/stark/air.hpp"
#include "l2lab/validity/stark/rescue_air.hpp"

namespace l2lab::stark {

/// Public data of one account update.
struct BatchStep {
    bool live = true;         ///< false: a padding step (changes nothing)
    bool debit = false;       ///< debit (sender) or credit
    bool create = false;      ///< the index was unused before this step
    /// A skipped forced tx: proves "nonce != tx_nonce, or balance < amount" and changes nothing
    /// (debit and create must be false).
    bool skip = false;
    std::uint64_t index = 0;  ///< the account's index, < 2^depth
    Address address;
    Limbs amount{};           ///< debit, skip: value + fee; credit: the amount credited
    std::uint64_t tx_nonce = 0;  ///< debit, skip: the tx's nonce; credit: 0
    bool operator==(const BatchStep&) const = default;
};

/// Private data of one account update (the prover's).
struct BatchStepWitness {
    std::uint64_t nonce = 0;              ///< before the step
    Limbs balance{};                      ///< before the step
    std::vector<rescue::Digest> path;     ///< siblings of the index, bottom-up (depth of them)
};

/// Columns and constants of the layout (for tests and tools).
struct BatchAirLayout {
    static constexpr std::size_t kStateA = 0;
    static constexpr std::size_t kStateB = 12;
    static constexpr std::size_t kBit = 24;
    static constexpr std::size_t kIndex = 25;   ///< remaining index bits (the index in cycle 0)
    static constexpr std::size_t kAddress = 26; ///< 3 columns
    static constexpr std::size_t kNonceOld = 29;
    static constexpr std::size_t kBalanceOld = 30;  ///< 4 columns
    static constexpr std::size_t kNonceNew = 34;
    static constexpr std::size_t kBalanceNew = 35;  ///< 4 columns
    static constexpr std::size_t kAmount = 39;      ///< 4 columns
    static constexpr std::size_t kDebit = 43;
    static constexpr std::size_t kCreate = 44;
    static constexpr std::size_t kLive = 45;
    static constexpr std::size_t kTxNonce = 46;
    static constexpr std::size_t kCarry = 47;       ///< 3 columns (carries between limbs)
    static constexpr std::size_t kRoot = 50;        ///< 4 columns: the root before the step
    static constexpr std::size_t kRange = 54;       ///< 2 accumulator columns
    static constexpr std::size_t kSkip = 56;
    static constexpr std::size_t kShort = 57;       ///< skip for insufficient balance (else nonce)
    static constexpr std::size_t kNonceInv = 58;    ///< wrong-nonce skip: 1 / (nonce - tx nonce)
    static constexpr std::size_t kWidth = 59;
};

/// Step rows for a tree depth: 8 (depth + 1).
std::size_t batch_step_rows(unsigned depth);
/// Steps after padding `live` live steps: the next power of two > live.
std::size_t padded_batch_steps(std::size_t live);

/// The AIR (see the file comment).
class RollupBatchAir final : public TypedAir<RollupBatchAir> {
public:
    /// `steps` are the live steps (their `live` flags are ignored and set); padding is added.
    /// Throws InvalidArgument for an unsupported depth, an index >= 2^depth, a tx nonce >= 2^63,
    /// a skip step that is also a debit or a create, or a trace that would exceed kMaxTraceLength.
    RollupBatchAir(unsigned depth, std::vector<BatchStep> steps, const rescue::Digest& pre_root,
                   const rescue::Digest& post_root, const std::array<Fp, 8>& binding);

    std::string name() const override { return "rollup_batch"; }
    /// "rp64_256", the leaf layout version and the depth.
    Bytes identity_params() const override;
    std::size_t trace_width() const override { return BatchAirLayout::kWidth; }
    std::size_t trace_length() const override;
    std::vector<unsigned> transition_degrees() const override;
    /// The root register at row 0 (pre_root) and at the last row (post_root).
    std::vector<Assertion> assertions() const override;
    std::vector<SequenceAssertion> sequence_assertions() const override;
    /// depth, steps (padded), live steps, pre_root, post_root, binding.
    std::vector<Fp> public_inputs() const override;
    std::vector<std::vector<Fp>> periodic_columns() const override;

    template <class F>
    void evaluate(std::span<const F> current, std::span<const F> next, std::span<const F> periodic,
                  std::span<F> out) const;

    unsigned depth() const noexcept { return m_depth; }
    /// Live and padding steps.
    const std::vector<BatchStep>& steps() const noexcept { return m_steps; }
    std::size_t live_steps() const noexcept { return m_live; }

private:
    unsigned m_depth;
    std::vector<BatchStep> m_steps;
    std::size_t m_live;
    rescue::Digest m_pre_root;
    rescue::Digest m_post_root;
    std::array<Fp, 8> m_binding;
};

/// The honest trace for `air`'s steps applied to a tree with root `pre_root` (one witness per
/// live step). Throws InvalidArgument naming the step when a witness does not fit its step: the
/// path does not open the running root, a debit's nonce is not the tx nonce or overspends, a
/// credit overflows 2^128, a created index is not empty or its account not zero, a wrong path
/// length, a skip step whose tx would apply (nonce equal to the tx nonce and balance >= amount).
/// The root the steps reach is returned in `*post_root` when non-null.
Trace build_rollup_batch_trace(const RollupBatchAir& air, const rescue::Digest& pre_root,
                               const std::vector<BatchStepWitness>& witnesses,
                               rescue::Digest* post_root = nullptr);

/// The eight 32-bit words of a 32-byte hash (big-endian words), as field elements.
std::array<Fp, 8> binding_words(const Hash32& h);

}  // namespace l2lab::stark
