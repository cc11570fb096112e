#pragma once
/// \file adjudicator.hpp
/// The adjudicator: a native L1 contract that holds channel deposits and settles disputes.
///
/// Calldata is rlp([op, params, ...]) (see the builders below); every call carries the channel's
/// ChannelParams and the contract checks keccak(params) against the stored fingerprint (the
/// Nitro "fixed part" pattern), so storage stays small. Life of a channel:
///   open -> Funding (deadline = block + funding_timeout) -> every exact deposit in -> Open
///       (open reverts period_too_long when challenge_period or funding_timeout exceeds
///       kMaxPeriodBlocks; deadlines are computed in 256 bits and never wrap)
///   Funding -> refund after the deadline -> Refunded (every deposit returned)
///   Open | Disputed -> cooperative_close(final state signed by all) -> Closed (paid at once)
///   Open -> register(fully signed state, by a participant) -> Disputed (deadline = block + T)
///   Disputed -> challenge(higher version, fully signed, block <= deadline):
///       penalty, 2 parties: the registrant forfeits its balance in the newer state to the
///           other; Closed at once
///       penalty, more parties: the newer state replaces it, deadline = block + T again, and the
///           first registrant forfeits its balance (split among the others) at finalize; closing
///           at once would let a colluder close at a newer but still stale state by challenging
///           before the honest parties (later challenges go on until the newest state is in)
///       latest_state_wins: the newer state replaces it, deadline = block + T again
///   Disputed -> finalize(the registered state, block > deadline) -> Closed (paid out, minus a
///       pending forfeit)
/// Only deposit() accepts ETH: any other call with a value reverts not_payable (the value would
/// belong to no channel). Every refusal reverts with channel_error_name(). Gas: ecrecover 3000
/// per signature checked, metered keccak for ids/digests/storage keys, EIP-2200/2929/3529
/// storage, logs, transfers.
/// Conservation: the contract's balance equals the sum of deposits of channels in Funding, Open
/// or Disputed (slots are cleared when a channel ends).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "l2lab/channel/state.hpp"
#include "l2lab/l1/chain.hpp"
#include "l2lab/l1/contract.hpp"

namespace l2lab::channel {

/// Where a channel is on-chain.
enum class ChannelStatus : std::uint8_t { None, Funding, Open, Disputed, Closed, Refunded };
/// "none", "funding", "open", "disputed", "closed", "refunded".
std::string_view channel_status_name(ChannelStatus s);

/// Calldata operation codes.
enum class AdjudicatorOp : std::uint8_t {
    Open = 1,
    Deposit = 2,
    Refund = 3,
    CooperativeClose = 4,
    Register = 5,
    Challenge = 6,
    Finalize = 7,
};

/// Event topic0 values: keccak256 of these names.
inline constexpr std::string_view kEventOpened = "ChannelOpened(bytes32)";
inline constexpr std::string_view kEventFunded = "ChannelFunded(bytes32)";
inline constexpr std::string_view kEventDeposited = "Deposited(bytes32,uint256)";
inline constexpr std::string_view kEventRefunded = "ChannelRefunded(bytes32)";
inline constexpr std::string_view kEventRegistered = "StateRegistered(bytes32,uint64)";
inline constexpr std::string_view kEventChallenged = "StateChallenged(bytes32,uint64)";
inline constexpr std::string_view kEventClosed = "ChannelClosed(bytes32)";
/// keccak256(name) as a topic.
Hash32 event_topic(std::string_view name);

/// The contract. Immutable; all channel data lives in its storage.
class Adjudicator final : public l1::NativeContract {
public:
    std::string name() const override { return "ChannelAdjudicator"; }
    Bytes call(l1::CallContext& ctx, BytesView calldata) const override;
};

// ---- calldata builders (client side) ----------------------------------------------------
Bytes open_calldata(const ChannelParams& params);
Bytes deposit_calldata(const ChannelParams& params, std::size_t index);
Bytes refund_calldata(const ChannelParams& params);
Bytes cooperative_close_calldata(const ChannelParams& params, const SignedState& final_state);
Bytes register_calldata(const ChannelParams& params, const SignedState& state);
Bytes challenge_calldata(const ChannelParams& params, const SignedState& state);
/// `registered` must be the state currently registered (from the last Registered/Challenged log).
Bytes finalize_calldata(const ChannelParams& params, const State& registered);

/// A channel's on-chain record, read from storage without gas (node-local reads).
struct ChannelRecord {
    ChannelStatus status = ChannelStatus::None;
    std::vector<u256> deposited;        ///< per participant, wei (cleared when the channel ends)
    /// Funding deadline (Funding) or challenge deadline (Disputed), block number (saturated at
    /// 2^64 - 1, reachable only at block numbers near 2^64).
    std::uint64_t deadline = 0;
    std::uint64_t registered_version = 0;
    Hash32 registered_fingerprint;      ///< keccak256(State::encode()) of the registered state
    std::optional<std::size_t> registrant;  ///< participant that registered it (penalty policy)
    /// Penalty policy with more than 2 parties: the first registrant once its state was
    /// challenged; it forfeits its balance at finalize.
    std::optional<std::size_t> penalised;
    bool usable() const noexcept { return status == ChannelStatus::Open; }
};

/// Read the record of `channel_id` (with `n` participants) at the head state.
ChannelRecord read_channel(const l1::Chain& chain, const Address& adjudicator,
                           const Hash32& channel_id, std::size_t n);

/// The most recently registered state of a channel (from its Registered/Challenged logs), or
/// nullopt when none. Needed by finalize().
std::optional<State> registered_state(const l1::Chain& chain, const Address& adjudicator,
                                      const Hash32& channel_id);

/// Storage key of (channel_id, field, index); the contract derives the same keys with metered
/// keccak. Exposed for tests and invariant checkers.
Hash32 slot_key(const Hash32& channel_id, std::uint8_t field, std::uint64_t index = 0);

}  // namespace l2lab::channel
