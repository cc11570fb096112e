#pragma once
/// \file state.hpp
/// Channel parameters, off-chain states, their domain-separated digest, signatures, and the typed
/// reasons a state or update is refused (shared by the adjudicator contract and the off-chain
/// engine, so both sides reject the same things with the same names).

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "l2lab/core/bytes.hpp"
#include "l2lab/core/fixed_bytes.hpp"
#include "l2lab/core/result.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/core/u256.hpp"
#include "l2lab/crypto/secp256k1.hpp"

namespace l2lab::channel {

/// Largest number of participants a channel may have (bounds decoding and gas).
inline constexpr std::size_t kMaxParticipants = 64;

/// Why a channel operation was refused, on-chain (the revert reason is channel_error_name()) or
/// off-chain (a Reject message carries it). Stable names: see channel_error_name().
enum class ChannelError : std::uint8_t {
    MalformedInput,           ///< calldata or message not decodable
    UnknownChannel,           ///< no channel with this id (or params do not match its id)
    ChannelExists,            ///< open() of an id already used
    WrongChannel,             ///< state for another channel id
    WrongParticipantCount,    ///< balances or signatures not one per participant
    InvalidSignature,         ///< a signature does not recover to its participant
    VersionNotHigher,         ///< version not above the registered / latest / signed one
    BalanceSumMismatch,       ///< balances do not sum to the total deposit
    NotParticipant,           ///< caller is not a participant where one is required
    NotFunding,               ///< channel is not waiting for deposits
    NotOpen,                  ///< channel is not open (unfunded, disputed or closed)
    NotDisputed,              ///< no registered state to challenge or finalize
    AlreadyDeposited,         ///< this participant's deposit is already in
    WrongDepositAmount,       ///< deposit differs from the exact required amount
    FundingDeadlinePassed,    ///< deposit after the funding deadline
    FundingDeadlineNotPassed, ///< refund before the funding deadline
    ChallengePeriodOver,      ///< challenge after the challenge period
    ChallengePeriodNotOver,   ///< finalize during the challenge period
    NotFinal,                 ///< cooperative close with a state whose final flag is unset
    StateMismatch,            ///< finalize with a state other than the registered one
    PaymentNotAllowed,        ///< off-chain: update lowers a balance other than the proposer's
    UpdatePending,            ///< off-chain: another update is in flight
    ChannelFinal,             ///< off-chain: the channel already has a final state
    InsufficientBalance,      ///< off-chain: payment exceeds the payer's balance
    NotPayable,               ///< ETH sent with an adjudicator call other than deposit
    PeriodTooLong,            ///< open() with a period above kMaxPeriodBlocks
    PeerNotSynced,            ///< off-chain: the peer restarted and signs nothing until synced
                              ///< (not a refusal: the proposer keeps its proposal, re-sends it)
};
/// Number of ChannelError values: they are 0 .. kChannelErrorCount - 1 (new ones are appended).
inline constexpr std::size_t kChannelErrorCount =
    static_cast<std::size_t>(ChannelError::PeerNotSynced) + 1;

/// Longest challenge_period and funding_timeout the adjudicator accepts at open() (blocks; 2^32
/// blocks are about 1,600 years at 12 s). Longer ones revert period_too_long, so a deadline
/// (block number + period) stays far inside u64 for any reachable block number.
inline constexpr std::uint64_t kMaxPeriodBlocks = std::uint64_t{1} << 32;
/// Stable snake_case name, e.g. "invalid_signature"; also the adjudicator's revert reason.
std::string_view channel_error_name(ChannelError e);
/// Inverse of channel_error_name(); nullopt for an unknown name.
std::optional<ChannelError> channel_error_from_name(std::string_view name);

/// What happens to a party that registered a superseded state.
enum class DisputePolicy : std::uint8_t {
    /// Lightning-like: it forfeits its whole balance to the others (2 parties: at once; more: at
    /// finalize, after the newest state had a full period to come in).
    Penalty,
    LatestStateWins,  ///< Perun/Nitro-like: the newer state replaces it, the period restarts
};
/// "penalty" or "latest_state_wins".
std::string_view dispute_policy_name(DisputePolicy p);
/// Inverse of dispute_policy_name(). Throws InvalidArgument for an unknown name.
DisputePolicy dispute_policy_from_name(std::string_view name);

/// Fixed part of a channel, agreed before funding. Its hash is the channel id (see channel_id()).
struct ChannelParams {
    std::vector<Address> participants;  ///< 2..kMaxParticipants distinct addresses
    std::vector<u256> deposits;         ///< exact deposit of each participant, wei
    std::uint64_t challenge_period = 10;   ///< blocks a registered state can be challenged
    std::uint64_t funding_timeout = 10;    ///< blocks after open() before deposits can be refunded
    DisputePolicy policy = DisputePolicy::LatestStateWins;
    std::uint64_t nonce = 0;            ///< distinguishes channels with otherwise equal params

    std::size_t size() const noexcept { return participants.size(); }
    /// Sum of the deposits (wei). Throws ArithmeticOverflow (std::overflow_error) past 2^256-1.
    u256 total_deposit() const;
    /// Throws InvalidArgument naming the problem: fewer than 2 or more than kMaxParticipants
    /// participants, duplicates, deposits count differs, challenge_period or funding_timeout 0,
    /// deposits overflowing u256 in sum.
    void validate() const;
    /// Index of `a` among the participants, nullopt if absent.
    std::optional<std::size_t> index_of(const Address& a) const;
    /// keccak256(rlp(["l2lab/channel/id/v1", chain_id, adjudicator, encode()])).
    Hash32 channel_id(std::uint64_t chain_id, const Address& adjudicator) const;
    /// rlp([[participants...], [deposits...], challenge_period, funding_timeout, policy, nonce]).
    Bytes encode() const;
    /// Strict inverse of encode() (also validates: DecodeError InvalidValue when validate() fails).
    static ChannelParams decode(const rlp::Item& item);
    static ChannelParams decode(BytesView encoding);
    bool operator==(const ChannelParams&) const = default;
};

/// An off-chain channel state.
struct State {
    Hash32 channel_id;
    std::uint64_t version = 0;       ///< 0 is the funding state (balances == deposits)
    std::vector<u256> balances;      ///< one per participant, wei
    bool is_final = false;           ///< set on the state used for a cooperative close

    /// rlp([channel_id, version, [balances...], is_final]).
    Bytes encode() const;
    /// Strict inverse of encode(); DecodeError for more than kMaxParticipants balances or a final
    /// flag other than 0/1.
    static State decode(const rlp::Item& item);
    static State decode(BytesView encoding);
    bool operator==(const State&) const = default;
};

/// The digest every participant signs: keccak256(rlp(["l2lab/channel/state/v1", chain_id,
/// adjudicator, channel_id, version, [balances...], is_final])). The tag, chain id, adjudicator
/// address and channel id separate it from every other signed object.
Hash32 state_digest(std::uint64_t chain_id, const Address& adjudicator, const State& state);
/// The preimage hashed by state_digest() (the contract hashes it with metered keccak).
Bytes state_digest_preimage(std::uint64_t chain_id, const Address& adjudicator, const State& state);

/// A state with one signature slot per participant (index order).
struct SignedState {
    State state;
    std::vector<crypto::Signature> signatures;

    /// rlp([state, [sig65...]]).
    Bytes encode() const;
    /// Strict inverse; signatures must be 65 bytes, v in {0,1}, low-s (DecodeError InvalidValue).
    static SignedState decode(const rlp::Item& item);
    static SignedState decode(BytesView encoding);
    bool operator==(const SignedState&) const = default;
};

/// The funding state: version 0, balances == deposits, not final.
State initial_state(const ChannelParams& params, const Hash32& channel_id);

/// Shape checks shared by contract and engine: channel id, one balance per participant, balances
/// summing to the total deposit. Never throws for bad states (overflowing sums are a mismatch).
Result<Unit, ChannelError> check_state_shape(const ChannelParams& params, const Hash32& channel_id,
                                             const State& state);
/// Every participant signed `digest` (signature i recovers to participants[i]). Unmetered
/// (off-chain use); the contract checks with metered ecrecover.
Result<Unit, ChannelError> check_signatures(const ChannelParams& params, const Hash32& digest,
                                            const std::vector<crypto::Signature>& signatures);

}  // namespace l2lab::channel
