#include "l2lab/channel/state.hpp"

#include <array>
#include <set>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::channel {

namespace {

constexpr std::array<std::string_view, kChannelErrorCount> kErrorNames = {
    "malformed_input",
    "unknown_channel",
    "channel_exists",
    "wrong_channel",
    "wrong_participant_count",
    "invalid_signature",
    "version_not_higher",
    "balance_sum_mismatch",
    "not_participant",
    "not_funding",
    "not_open",
    "not_disputed",
    "already_deposited",
    "wrong_deposit_amount",
    "funding_deadline_passed",
    "funding_deadline_not_passed",
    "challenge_period_over",
    "challenge_period_not_over",
    "not_final",
    "state_mismatch",
    "payment_not_allowed",
    "update_pending",
    "channel_final",
    "insufficient_balance",
    "not_payable",
    "period_too_long",
    "peer_not_synced",
};

constexpr std::string_view kIdTag = "l2lab/channel/id/v1";
constexpr std::string_view kStateTag = "l2lab/channel/state/v1";

[[noreturn]] void bad_value(const rlp::Item& at, const std::string& what) {
    throw DecodeError(DecodeErrorKind::InvalidValue, at.offset(), what);
}

const std::vector<rlp::Item>& bounded_list(const rlp::Item& item, const char* what) {
    const auto& xs = item.items();
    if (xs.size() > kMaxParticipants) {
        throw DecodeError(DecodeErrorKind::Oversized, item.offset(),
                          std::string(what) + ": more than " + std::to_string(kMaxParticipants));
    }
    return xs;
}

bool decode_flag(const rlp::Item& item) {
    const auto v = item.u64_value();
    if (v > 1) bad_value(item, "final flag must be 0 or 1");
    return v == 1;
}

}  // namespace

std::string_view channel_error_name(ChannelError e) {
    const auto i = static_cast<std::size_t>(e);
    return i < kErrorNames.size() ? kErrorNames[i] : std::string_view("unknown");
}

std::optional<ChannelError> channel_error_from_name(std::string_view name) {
    for (std::size_t i = 0; i < kErrorNames.size(); ++i) {
        if (kErrorNames[i] == name) return static_cast<ChannelError>(i);
    }
    return std::nullopt;
}

std::string_view dispute_policy_name(DisputePolicy p) {
    return p == DisputePolicy::Penalty ? "penalty" : "latest_state_wins";
}

DisputePolicy dispute_policy_from_name(std::string_view name) {
    if (name == "penalty") return DisputePolicy::Penalty;
    if (name == "latest_state_wins") return DisputePolicy::LatestStateWins;
    throw InvalidArgument("dispute policy must be 'penalty' or 'latest_state_wins', got '" +
                          std::string(name) + "'");
}

u256 ChannelParams::total_deposit() const {
    u256 sum = 0;
    for (const auto& d : deposits) sum += d;
    return sum;
}

void ChannelParams::validate() const {
    if (participants.size() < 2 || participants.size() > kMaxParticipants) {
        throw InvalidArgument("channel needs 2.." + std::to_string(kMaxParticipants) +
                              " participants, got " + std::to_string(participants.size()));
    }
    if (deposits.size() != participants.size()) {
        throw InvalidArgument("channel needs one deposit per participant: " +
                              std::to_string(participants.size()) + " participants, " +
                              std::to_string(deposits.size()) + " deposits");
    }
    const std::set<Address> unique(participants.begin(), participants.end());
    if (unique.size() != participants.size()) {
        throw InvalidArgument("channel participants must be distinct");
    }
    if (challenge_period == 0) throw InvalidArgument("challenge_period must be >= 1 block");
    if (funding_timeout == 0) throw InvalidArgument("funding_timeout must be >= 1 block");
    try {
        (void)total_deposit();
    } catch (const std::overflow_error&) {
        throw InvalidArgument("channel deposits sum past 2^256-1");
    }
}

std::optional<std::size_t> ChannelParams::index_of(const Address& a) const {
    for (std::size_t i = 0; i < participants.size(); ++i) {
        if (participants[i] == a) return i;
    }
    return std::nullopt;
}

Bytes ChannelParams::encode() const {
    rlp::ListBuilder ps;
    for (const auto& p : participants) ps.add_address(p);
    rlp::ListBuilder ds;
    for (const auto& d : deposits) ds.add_u256(d);
    rlp::ListBuilder out;
    out.add_encoded(ps.finish())
        .add_encoded(ds.finish())
        .add_u64(challenge_period)
        .add_u64(funding_timeout)
        .add_u64(static_cast<std::uint64_t>(policy))
        .add_u64(nonce);
    return out.finish();
}

ChannelParams ChannelParams::decode(const rlp::Item& item) {
    const auto& f = item.fields(6);
    ChannelParams p;
    for (const auto& a : bounded_list(f[0], "participants")) p.participants.push_back(a.address());
    for (const auto& d : bounded_list(f[1], "deposits")) p.deposits.push_back(d.u256_value());
    p.challenge_period = f[2].u64_value();
    p.funding_timeout = f[3].u64_value();
    const auto policy = f[4].u64_value();
    if (policy > 1) bad_value(f[4], "dispute policy must be 0 (penalty) or 1 (latest_state_wins)");
    p.policy = static_cast<DisputePolicy>(policy);
    p.nonce = f[5].u64_value();
    try {
        p.validate();
    } catch (const InvalidArgument& e) {
        bad_value(item, e.what());
    }
    return p;
}

ChannelParams ChannelParams::decode(BytesView encoding) { return decode(rlp::decode(encoding)); }

Hash32 ChannelParams::channel_id(std::uint64_t chain_id, const Address& adjudicator) const {
    rlp::ListBuilder b;
    b.add_bytes(as_bytes(kIdTag)).add_u64(chain_id).add_address(adjudicator).add_encoded(encode());
    return crypto::keccak256(b.finish());
}

Bytes State::encode() const {
    rlp::ListBuilder bs;
    for (const auto& b : balances) bs.add_u256(b);
    rlp::ListBuilder out;
    out.add_hash(channel_id).add_u64(version).add_encoded(bs.finish()).add_u64(is_final ? 1 : 0);
    return out.finish();
}

State State::decode(const rlp::Item& item) {
    const auto& f = item.fields(4);
    State s;
    s.channel_id = f[0].hash();
    s.version = f[1].u64_value();
    for (const auto& b : bounded_list(f[2], "balances")) s.balances.push_back(b.u256_value());
    s.is_final = decode_flag(f[3]);
    return s;
}

State State::decode(BytesView encoding) { return decode(rlp::decode(encoding)); }

Bytes state_digest_preimage(std::uint64_t chain_id, const Address& adjudicator, const State& state) {
    rlp::ListBuilder bs;
    for (const auto& b : state.balances) bs.add_u256(b);
    rlp::ListBuilder out;
    out.add_bytes(as_bytes(kStateTag))
        .add_u64(chain_id)
        .add_address(adjudicator)
        .add_hash(state.channel_id)
        .add_u64(state.version)
        .add_encoded(bs.finish())
        .add_u64(state.is_final ? 1 : 0);
    return out.finish();
}

Hash32 state_digest(std::uint64_t chain_id, const Address& adjudicator, const State& state) {
    return crypto::keccak256(state_digest_preimage(chain_id, adjudicator, state));
}

Bytes SignedState::encode() const {
    rlp::ListBuilder sigs;
    for (const auto& s : signatures) sigs.add_bytes(s.view());
    rlp::ListBuilder out;
    out.add_encoded(state.encode()).add_encoded(sigs.finish());
    return out.finish();
}

SignedState SignedState::decode(const rlp::Item& item) {
    const auto& f = item.fields(2);
    SignedState s;
    s.state = State::decode(f[0]);
    for (const auto& sig : bounded_list(f[1], "signatures")) {
        try {
            s.signatures.push_back(crypto::Signature::parse(sig.bytes()));
        } catch (const CryptoError& e) {
            bad_value(sig, std::string("signature: ") + e.what());
        } catch (const InvalidArgument& e) {
            bad_value(sig, std::string("signature: ") + e.what());
        }
    }
    return s;
}

SignedState SignedState::decode(BytesView encoding) { return decode(rlp::decode(encoding)); }

State initial_state(const ChannelParams& params, const Hash32& channel_id) {
    return State{channel_id, 0, params.deposits, false};
}

Result<Unit, ChannelError> check_state_shape(const ChannelParams& params, const Hash32& channel_id,
                                             const State& state) {
    if (state.channel_id != channel_id) return reject(ChannelError::WrongChannel);
    if (state.balances.size() != params.size()) return reject(ChannelError::WrongParticipantCount);
    u256 sum = 0;
    for (const auto& b : state.balances) {
        if (b > u256_max() - sum) return reject(ChannelError::BalanceSumMismatch);
        sum += b;
    }
    if (sum != params.total_deposit()) return reject(ChannelError::BalanceSumMismatch);
    return Unit{};
}

Result<Unit, ChannelError> check_signatures(const ChannelParams& params, const Hash32& digest,
                                            const std::vector<crypto::Signature>& signatures) {
    if (signatures.size() != params.size()) return reject(ChannelError::WrongParticipantCount);
    for (std::size_t i = 0; i < signatures.size(); ++i) {
        const auto who = crypto::recover_address(digest, signatures[i]);
        if (!who || *who != params.participants[i]) return reject(ChannelError::InvalidSignature);
    }
    return Unit{};
}

}  // namespace l2lab::channel
