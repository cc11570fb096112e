#include "l2lab/channel/adjudicator.hpp"

#include <array>
#include <limits>
#include <map>
#include <utility>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::channel {

namespace {

// Storage fields of a channel (the `field` byte of slot_key).
enum Field : std::uint8_t {
    kStatus = 0,
    kParamsHash = 1,
    kDeposited = 2,
    kFundedCount = 3,
    kDeadline = 4,
    kVersion = 5,
    kFingerprint = 6,
    kRegistrant = 7,  // participant index + 1, 0 = none
    kPenalised = 8,   // penalty, n > 2: the first registrant (index + 1) once challenged, 0 = none
};

Bytes slot_preimage(const Hash32& channel_id, std::uint8_t field, std::uint64_t index) {
    Bytes pre(channel_id.bytes.begin(), channel_id.bytes.end());
    pre.push_back(field);
    for (int i = 7; i >= 0; --i) pre.push_back(static_cast<std::uint8_t>(index >> (8 * i)));
    return pre;
}

u256 hash_to_u256(const Hash32& h) { return from_be(h.view()); }

// block + period in 256 bits: it cannot wrap whatever the operands (u64 addition could).
u256 deadline_after(std::uint64_t block, std::uint64_t period) { return u256(block) + period; }
Hash32 u256_to_hash(const u256& v) {
    const auto b = to_be32(v);
    return Hash32::from_view(BytesView(b.data(), b.size()));
}

// One call's view of a channel: params checked against the stored fingerprint, metered storage.
class Frame {
public:
    Frame(l1::CallContext& ctx, const ChannelParams& params)
        : m_ctx(ctx), m_params(params),
          m_id(ctx.keccak256(channel_id_preimage(ctx, params))) {}

    const Hash32& id() const { return m_id; }
    const ChannelParams& params() const { return m_params; }
    l1::CallContext& ctx() { return m_ctx; }

    [[noreturn]] void fail(ChannelError e) { m_ctx.revert(std::string(channel_error_name(e))); }

    u256 load(std::uint8_t field, std::uint64_t index = 0) { return m_ctx.sload(key(field, index)); }
    void store(std::uint8_t field, const u256& v, std::uint64_t index = 0) {
        m_ctx.sstore(key(field, index), v);
    }
    ChannelStatus status() { return static_cast<ChannelStatus>(load(kStatus).convert_to<unsigned>()); }
    void set_status(ChannelStatus s) { store(kStatus, static_cast<unsigned>(s)); }

    // The channel must exist with exactly these params.
    void require_known() {
        if (status() == ChannelStatus::None) fail(ChannelError::UnknownChannel);
    }

    // Verify the state's shape and that every participant signed it (3000 gas each).
    void verify_signed(const SignedState& s) {
        if (auto r = check_state_shape(m_params, m_id, s.state); !r) fail(r.error());
        if (s.signatures.size() != m_params.size()) fail(ChannelError::WrongParticipantCount);
        const Hash32 digest = m_ctx.keccak256(
            state_digest_preimage(m_ctx.chain_id(), m_ctx.self(), s.state));
        for (std::size_t i = 0; i < s.signatures.size(); ++i) {
            const auto who = m_ctx.ecrecover(digest, s.signatures[i]);
            if (!who || *who != m_params.participants[i]) fail(ChannelError::InvalidSignature);
        }
    }

    void emit(std::string_view event, BytesView data, std::optional<std::uint64_t> extra = {}) {
        std::vector<Hash32> topics = {event_topic(event), m_id};
        if (extra) topics.push_back(u256_to_hash(*extra));
        m_ctx.emit_log(topics, data);
    }

    // Pay out `balances` and clear every slot of the channel except its status.
    void settle(const std::vector<u256>& balances, ChannelStatus final_status) {
        for (std::size_t i = 0; i < m_params.size(); ++i) store(kDeposited, 0, i);
        store(kFundedCount, 0);
        store(kDeadline, 0);
        store(kVersion, 0);
        store(kFingerprint, 0);
        store(kRegistrant, 0);
        store(kPenalised, 0);
        set_status(final_status);
        for (std::size_t i = 0; i < m_params.size(); ++i) {
            if (balances[i] != 0) m_ctx.transfer(m_params.participants[i], balances[i]);
        }
    }

private:
    static Bytes channel_id_preimage(l1::CallContext& ctx, const ChannelParams& params) {
        rlp::ListBuilder b;
        b.add_bytes(as_bytes("l2lab/channel/id/v1"))
            .add_u64(ctx.chain_id())
            .add_address(ctx.self())
            .add_encoded(params.encode());
        return b.finish();
    }
    Hash32 key(std::uint8_t field, std::uint64_t index) {
        return m_ctx.keccak256(slot_preimage(m_id, field, index));
    }

    l1::CallContext& m_ctx;
    const ChannelParams& m_params;
    Hash32 m_id;
};

void op_open(Frame& f) {
    if (f.status() != ChannelStatus::None) f.fail(ChannelError::ChannelExists);
    const auto& p = f.params();
    if (p.challenge_period > kMaxPeriodBlocks || p.funding_timeout > kMaxPeriodBlocks) {
        f.fail(ChannelError::PeriodTooLong);
    }
    f.store(kParamsHash, hash_to_u256(f.ctx().keccak256(p.encode())));
    std::uint64_t funded = 0;
    for (const auto& d : p.deposits) funded += d == 0 ? 1 : 0;
    f.store(kDeadline, deadline_after(f.ctx().block_number(), p.funding_timeout));
    if (funded == p.size()) {
        f.set_status(ChannelStatus::Open);
    } else {
        f.store(kFundedCount, funded);
        f.set_status(ChannelStatus::Funding);
    }
    f.emit(kEventOpened, p.encode());
    if (funded == p.size()) f.emit(kEventFunded, {});
}

void op_deposit(Frame& f, std::size_t index) {
    f.require_known();
    if (f.status() != ChannelStatus::Funding) f.fail(ChannelError::NotFunding);
    const auto& p = f.params();
    if (index >= p.size()) f.fail(ChannelError::NotParticipant);
    if (f.ctx().block_number() > f.load(kDeadline)) f.fail(ChannelError::FundingDeadlinePassed);
    if (f.load(kDeposited, index) != 0 || p.deposits[index] == 0) {
        f.fail(ChannelError::AlreadyDeposited);
    }
    if (f.ctx().value() != p.deposits[index]) f.fail(ChannelError::WrongDepositAmount);
    f.store(kDeposited, f.ctx().value(), index);
    const u256 funded = f.load(kFundedCount) + 1;
    f.emit(kEventDeposited, {}, index);
    if (funded == p.size()) {
        f.store(kFundedCount, 0);
        f.store(kDeadline, 0);
        f.set_status(ChannelStatus::Open);
        f.emit(kEventFunded, {});
    } else {
        f.store(kFundedCount, funded);
    }
}

void op_refund(Frame& f) {
    f.require_known();
    if (f.status() != ChannelStatus::Funding) f.fail(ChannelError::NotFunding);
    if (f.ctx().block_number() <= f.load(kDeadline)) f.fail(ChannelError::FundingDeadlineNotPassed);
    std::vector<u256> back;
    for (std::size_t i = 0; i < f.params().size(); ++i) back.push_back(f.load(kDeposited, i));
    f.settle(back, ChannelStatus::Refunded);
    f.emit(kEventRefunded, {});
}

void op_cooperative_close(Frame& f, const SignedState& s) {
    f.require_known();
    const auto st = f.status();
    if (st != ChannelStatus::Open && st != ChannelStatus::Disputed) f.fail(ChannelError::NotOpen);
    if (!s.state.is_final) f.fail(ChannelError::NotFinal);
    f.verify_signed(s);
    f.settle(s.state.balances, ChannelStatus::Closed);
    f.emit(kEventClosed, s.state.encode());
}

void op_register(Frame& f, const SignedState& s) {
    f.require_known();
    if (f.status() != ChannelStatus::Open) f.fail(ChannelError::NotOpen);
    const auto who = f.params().index_of(f.ctx().caller());
    if (!who) f.fail(ChannelError::NotParticipant);
    f.verify_signed(s);
    const Bytes enc = s.state.encode();
    f.store(kVersion, s.state.version);
    f.store(kFingerprint, hash_to_u256(f.ctx().keccak256(enc)));
    f.store(kRegistrant, *who + 1);
    f.store(kDeadline, deadline_after(f.ctx().block_number(), f.params().challenge_period));
    f.set_status(ChannelStatus::Disputed);
    f.emit(kEventRegistered, enc, s.state.version);
}

// `balances` with participant `cheater`'s balance forfeited to the others: split equally, the
// remainder to the lowest-index other participant.
std::vector<u256> with_forfeit(std::vector<u256> balances, std::size_t cheater) {
    const u256 forfeited = balances[cheater];
    balances[cheater] = 0;
    const u256 others = balances.size() - 1;
    const u256 share = forfeited / others;
    u256 rest = forfeited - share * others;
    for (std::size_t i = 0; i < balances.size(); ++i) {
        if (i == cheater)
            continue;
        balances[i] += share + rest;
        rest = 0;
    }
    return balances;
}

void op_challenge(Frame& f, const SignedState& s) {
    f.require_known();
    if (f.status() != ChannelStatus::Disputed) f.fail(ChannelError::NotDisputed);
    if (f.ctx().block_number() > f.load(kDeadline)) f.fail(ChannelError::ChallengePeriodOver);
    if (u256(s.state.version) <= f.load(kVersion)) f.fail(ChannelError::VersionNotHigher);
    f.verify_signed(s);
    const Bytes enc = s.state.encode();
    f.emit(kEventChallenged, enc, s.state.version);
    const auto& p = f.params();
    if (p.policy == DisputePolicy::Penalty) {
        const auto registrant =
            static_cast<std::size_t>(f.load(kRegistrant).convert_to<unsigned>() - 1);
        if (p.size() == 2) {
            // The registrant published a superseded state: the other party gets everything now.
            f.settle(with_forfeit(s.state.balances, registrant), ChannelStatus::Closed);
            f.emit(kEventClosed, s.state.encode());
            return;
        }
        // More parties: closing at once would let a colluder of the registrant close the channel
        // at a newer but still stale state by challenging first. The newer state replaces the
        // registered one and the period restarts (as under latest_state_wins); the first
        // registrant's forfeit is applied when the channel is finalized.
        if (f.load(kPenalised) == 0)
            f.store(kPenalised, registrant + 1);
    }
    f.store(kVersion, s.state.version);
    f.store(kFingerprint, hash_to_u256(f.ctx().keccak256(enc)));
    const auto who = p.index_of(f.ctx().caller());
    f.store(kRegistrant, who ? *who + 1 : 0);
    f.store(kDeadline, deadline_after(f.ctx().block_number(), p.challenge_period));
}

void op_finalize(Frame& f, const State& s) {
    f.require_known();
    if (f.status() != ChannelStatus::Disputed) f.fail(ChannelError::NotDisputed);
    if (f.ctx().block_number() <= f.load(kDeadline)) f.fail(ChannelError::ChallengePeriodNotOver);
    const Bytes enc = s.encode();
    if (hash_to_u256(f.ctx().keccak256(enc)) != f.load(kFingerprint)) {
        f.fail(ChannelError::StateMismatch);
    }
    const u256 penalised = f.load(kPenalised);
    if (penalised != 0) {
        f.settle(with_forfeit(s.balances, static_cast<std::size_t>(penalised - 1)),
                 ChannelStatus::Closed);
    } else {
        f.settle(s.balances, ChannelStatus::Closed);
    }
    f.emit(kEventClosed, enc);
}

}  // namespace

std::string_view channel_status_name(ChannelStatus s) {
    static constexpr std::array<std::string_view, 6> names = {"none",     "funding", "open",
                                                              "disputed", "closed",  "refunded"};
    const auto i = static_cast<std::size_t>(s);
    return i < names.size() ? names[i] : "unknown";
}

Hash32 event_topic(std::string_view name) { return crypto::keccak256(as_bytes(name)); }

Hash32 slot_key(const Hash32& channel_id, std::uint8_t field, std::uint64_t index) {
    return crypto::keccak256(slot_preimage(channel_id, field, index));
}

Bytes Adjudicator::call(l1::CallContext& ctx, BytesView calldata) const {
    std::uint64_t op = 0;
    ChannelParams params;
    std::optional<rlp::Item> root;
    try {
        root = rlp::decode(calldata);
        const auto& items = root->items();
        if (items.size() < 2) throw DecodeError(DecodeErrorKind::UnexpectedType, 0, "short call");
        op = items[0].u64_value();
        params = ChannelParams::decode(items[1]);
    } catch (const DecodeError&) {
        ctx.revert(std::string(channel_error_name(ChannelError::MalformedInput)));
    }
    const auto& items = root->items();
    Frame f(ctx, params);
    // Only deposit() takes ETH: value sent with any other call would be held by no channel (the
    // contract's balance must equal its live channels' deposits), so the call reverts.
    if (op != static_cast<std::uint64_t>(AdjudicatorOp::Deposit) && ctx.value() != 0) {
        f.fail(ChannelError::NotPayable);
    }
    // Any other participant count than the stored channel's means other params: unknown channel.
    if (op != static_cast<std::uint64_t>(AdjudicatorOp::Open)) {
        const u256 stored = f.load(kParamsHash);
        if (stored == 0 || stored != hash_to_u256(ctx.keccak256(params.encode()))) {
            f.fail(ChannelError::UnknownChannel);
        }
    }
    auto arg_count = [&](std::size_t n) {
        if (items.size() != 2 + n) f.fail(ChannelError::MalformedInput);
    };
    try {
        switch (static_cast<AdjudicatorOp>(op)) {
            case AdjudicatorOp::Open: arg_count(0); op_open(f); break;
            case AdjudicatorOp::Deposit: {
                arg_count(1);
                const auto idx = items[2].u64_value();
                op_deposit(f, idx >= params.size() ? params.size() : static_cast<std::size_t>(idx));
                break;
            }
            case AdjudicatorOp::Refund: arg_count(0); op_refund(f); break;
            case AdjudicatorOp::CooperativeClose:
                arg_count(1); op_cooperative_close(f, SignedState::decode(items[2])); break;
            case AdjudicatorOp::Register:
                arg_count(1); op_register(f, SignedState::decode(items[2])); break;
            case AdjudicatorOp::Challenge:
                arg_count(1); op_challenge(f, SignedState::decode(items[2])); break;
            case AdjudicatorOp::Finalize:
                arg_count(1); op_finalize(f, State::decode(items[2])); break;
            default: f.fail(ChannelError::MalformedInput);
        }
    } catch (const DecodeError&) {
        f.fail(ChannelError::MalformedInput);
    }
    return {};
}

namespace {
Bytes call_with(AdjudicatorOp op, const ChannelParams& params, std::optional<Bytes> arg) {
    rlp::ListBuilder b;
    b.add_u64(static_cast<std::uint64_t>(op)).add_encoded(params.encode());
    if (arg) b.add_encoded(*arg);
    return b.finish();
}
}  // namespace

Bytes open_calldata(const ChannelParams& params) {
    return call_with(AdjudicatorOp::Open, params, std::nullopt);
}
Bytes deposit_calldata(const ChannelParams& params, std::size_t index) {
    return call_with(AdjudicatorOp::Deposit, params, rlp::encode_u64(index));
}
Bytes refund_calldata(const ChannelParams& params) {
    return call_with(AdjudicatorOp::Refund, params, std::nullopt);
}
Bytes cooperative_close_calldata(const ChannelParams& params, const SignedState& final_state) {
    return call_with(AdjudicatorOp::CooperativeClose, params, final_state.encode());
}
Bytes register_calldata(const ChannelParams& params, const SignedState& state) {
    return call_with(AdjudicatorOp::Register, params, state.encode());
}
Bytes challenge_calldata(const ChannelParams& params, const SignedState& state) {
    return call_with(AdjudicatorOp::Challenge, params, state.encode());
}
Bytes finalize_calldata(const ChannelParams& params, const State& registered) {
    return call_with(AdjudicatorOp::Finalize, params, registered.encode());
}

namespace {

// The storage keys of one channel's fields (a pure function of the channel id and field), kept
// for the channel read last on this thread: parties, towers and the invariant read the record
// every block, and hashing its keys again each time was most of an empty block's cost.
const Hash32& cached_slot_key(const Hash32& channel_id, std::uint8_t field, std::uint64_t index) {
    struct Memo {
        Hash32 id;
        std::map<std::pair<std::uint8_t, std::uint64_t>, Hash32> keys;
    };
    thread_local Memo memo;
    if (memo.id != channel_id || memo.keys.empty()) {
        memo.id = channel_id;
        memo.keys.clear();
    }
    const auto [it, fresh] = memo.keys.try_emplace({field, index});
    if (fresh) it->second = slot_key(channel_id, field, index);
    return it->second;
}

}  // namespace

ChannelRecord read_channel(const l1::Chain& chain, const Address& adjudicator,
                           const Hash32& channel_id, std::size_t n) {
    ChannelRecord r;
    auto get = [&](std::uint8_t field, std::uint64_t index = 0) {
        return chain.storage(adjudicator, cached_slot_key(channel_id, field, index));
    };
    r.status = static_cast<ChannelStatus>(get(kStatus).convert_to<unsigned>());
    for (std::size_t i = 0; i < n; ++i) r.deposited.push_back(get(kDeposited, i));
    const u256 deadline = get(kDeadline);  // <= 2^64 - 1 + kMaxPeriodBlocks: saturate
    r.deadline = deadline > std::numeric_limits<std::uint64_t>::max()
                     ? std::numeric_limits<std::uint64_t>::max()
                     : deadline.convert_to<std::uint64_t>();
    r.registered_version = get(kVersion).convert_to<std::uint64_t>();
    r.registered_fingerprint = u256_to_hash(get(kFingerprint));
    const auto reg = get(kRegistrant).convert_to<std::uint64_t>();
    if (reg != 0) r.registrant = static_cast<std::size_t>(reg - 1);
    const auto pen = get(kPenalised).convert_to<std::uint64_t>();
    if (pen != 0)
        r.penalised = static_cast<std::size_t>(pen - 1);
    return r;
}

std::optional<State> registered_state(const l1::Chain& chain, const Address& adjudicator,
                                      const Hash32& channel_id) {
    l1::LogFilter filter;
    filter.addresses = {adjudicator};
    static const Hash32 registered = event_topic(kEventRegistered), challenged = event_topic(kEventChallenged);
    filter.topics[0] = {registered, challenged};
    filter.topics[1] = {channel_id};
    const auto logs = chain.logs(filter);
    if (logs.empty()) return std::nullopt;
    return State::decode(logs.back().data);
}

}  // namespace l2lab::channel
