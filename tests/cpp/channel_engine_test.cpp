// Off-chain engine: update cycle, validation with typed rejections, strict message codec,
// persistence before countersign/send and crash/restart at every boundary.
#include <gtest/gtest.h>

#include <deque>
#include <map>

#include "channel_support.hpp"
#include "l2lab/channel/message.hpp"

using namespace chtest;

namespace {

struct Pair {
    Fixture f;
    std::vector<std::shared_ptr<Store>> stores;
    std::vector<std::unique_ptr<Engine>> e;
    explicit Pair(std::size_t n = 2, bool durable = true) : f(n) {
        for (std::size_t i = 0; i < n; ++i) {
            stores.push_back(durable ? std::shared_ptr<Store>(std::make_shared<DurableStore>())
                                     : std::make_shared<MemoryStore>());
            e.push_back(std::make_unique<Engine>(f.params, i, f.accounts[i].key, 1337, f.adjudicator, stores[i]));
        }
        SignedState s0{initial_state(f.params, f.id), {}};
        for (auto& x : e) s0.signatures.push_back(x->sign_initial());
        for (auto& x : e) EXPECT_TRUE(x->install_initial(s0).ok());
    }
    // Deliver everything until quiet; returns messages delivered.
    std::size_t pump(std::size_t from, std::vector<Outgoing> out) {
        std::size_t n = 0;
        std::vector<std::pair<std::size_t, Outgoing>> q;
        for (auto& o : out) q.push_back({from, o});
        while (!q.empty()) {
            auto [src, o] = q.front();
            q.erase(q.begin());
            ++n;
            auto h = e[o.to]->handle(src, o.payload);
            for (auto& x : h.out) q.push_back({o.to, x});
        }
        return n;
    }
};

}  // namespace

TEST(ChannelEngine, PaymentRoundCompletesForEveryone) {
    Pair p(3);
    auto r = p.e[0]->pay(2, u256(kEther) / 2);
    ASSERT_TRUE(r.ok());
    p.pump(0, r.value().out);
    for (auto& x : p.e) {
        EXPECT_EQ(x->latest().state.version, 1u);
        EXPECT_EQ(x->latest().state.balances[2], u256(3) * kEther + u256(kEther) / 2);
        EXPECT_TRUE(check_signatures(p.f.params, x->digest(x->latest().state), x->latest().signatures).ok());
        EXPECT_FALSE(x->awaiting_completion());
    }
}

TEST(ChannelEngine, PeersRejectInvalidProposalsWithReasons) {
    Pair p;
    auto& a = *p.e[0];
    auto& b = *p.e[1];
    // A proposal that takes money from the peer.
    State steal = a.latest().state;
    steal.version = 1;
    steal.balances = {u256(2) * kEther, u256(kEther)};
    auto h = b.handle(0, encode_message(ProposeMsg{steal, a.sign(steal)}));
    EXPECT_EQ(h.rejected, ChannelError::PaymentNotAllowed);
    ASSERT_EQ(h.out.size(), 1u);
    auto rej = std::get<RejectMsg>(decode_message(h.out[0].payload));
    EXPECT_EQ(rej.reason, ChannelError::PaymentNotAllowed);
    // Signed by the wrong key.
    State pay = a.latest().state;
    pay.version = 1;
    pay.balances = {u256(0), u256(3) * kEther};
    EXPECT_EQ(b.handle(0, encode_message(ProposeMsg{pay, b.sign(pay)})).rejected, ChannelError::InvalidSignature);
    // Sum mismatch, wrong channel.
    State sum = pay;
    sum.balances[1] += 1;
    EXPECT_EQ(b.handle(0, encode_message(ProposeMsg{sum, a.sign(sum)})).rejected, ChannelError::BalanceSumMismatch);
    State other = pay;
    other.channel_id.bytes[0] ^= 1;
    EXPECT_EQ(b.handle(0, encode_message(ProposeMsg{other, a.sign(other)})).rejected, ChannelError::WrongChannel);
    // Garbage bytes: typed, no state change.
    EXPECT_EQ(b.handle(0, Bytes{0x01, 0x02}).rejected, ChannelError::MalformedInput);
    EXPECT_EQ(b.highest_signed(), 0u);
    EXPECT_EQ(a.pay(1, u256(10) * kEther).error(), ChannelError::InsufficientBalance);
    // A valid one is countersigned; replaying the same version with other balances is refused.
    EXPECT_FALSE(b.handle(0, encode_message(ProposeMsg{pay, a.sign(pay)})).rejected);
    State pay2 = pay;
    pay2.balances = {u256(kEther) / 2, u256(kEther) * 5 / 2};
    EXPECT_EQ(b.handle(0, encode_message(ProposeMsg{pay2, a.sign(pay2)})).rejected, ChannelError::VersionNotHigher);
}

TEST(ChannelEngine, MessageCodecIsStrict) {
    Pair p;
    const auto s = p.e[0]->latest();
    const Message msgs[] = {ProposeMsg{s.state, s.signatures[0]},
                            CountersignMsg{p.f.id, 3, p.f.id, s.signatures[1]},
                            AckMsg{s},
                            RejectMsg{p.f.id, 2, ChannelError::VersionNotHigher},
                            SyncMsg{p.f.id, 7},
                            SyncReplyMsg{s}};
    for (const auto& m : msgs) {
        const Bytes enc = encode_message(m);
        EXPECT_EQ(decode_message(enc), m) << message_type_name(m);
        Bytes longer = enc;
        longer.push_back(0);
        EXPECT_THROW(decode_message(longer), DecodeError);
        EXPECT_THROW(decode_message(BytesView(enc).first(enc.size() - 1)), DecodeError);
    }
    // Wrong-length signature inside a Propose.
    Bytes bad = rlp::ListBuilder().add_u64(1).add_hash(p.f.id).add_encoded(s.state.encode()).add_bytes(Bytes(64, 1)).finish();
    EXPECT_THROW(decode_message(bad), DecodeError);
    Bytes unknown = rlp::ListBuilder().add_u64(9).add_hash(p.f.id).finish();
    EXPECT_THROW(decode_message(unknown), DecodeError);
    // Type 7, the retired plain-state tower hand-over [7, params, signed_state]: a typed rejection.
    Bytes retired = rlp::ListBuilder().add_u64(7).add_encoded(p.f.params.encode()).add_encoded(s.encode()).finish();
    try {
        decode_message(retired);
        ADD_FAILURE() << "type 7 decoded";
    } catch (const DecodeError& e) {
        EXPECT_EQ(e.kind(), DecodeErrorKind::InvalidValue);
    }
}

// Delivers messages in order between the engines of a Pair, calling after_send() after every
// handled input (as a Party does), and records every signature an engine gave out per version:
// no engine may ever sign two different states with one version.
struct Wire {
    explicit Wire(Pair& pair) : p(pair) {}
    Pair& p;
    std::deque<std::pair<std::size_t, Outgoing>> q;
    std::map<std::pair<std::size_t, std::uint64_t>, Hash32> signed_digest;
    bool crashed = false;
    void note_signed(std::size_t who, std::uint64_t version, const Hash32& d) {
        const auto [it, fresh] = signed_digest.emplace(std::pair(who, version), d);
        EXPECT_TRUE(fresh || it->second == d) << who << " signed two states at " << version;
    }
    void sent(std::size_t who, const std::vector<Outgoing>& out) {
        for (const auto& o : out) {
            const auto m = decode_message(o.payload);
            if (const auto* pr = std::get_if<ProposeMsg>(&m)) {
                note_signed(who, pr->state.version, p.e[who]->digest(pr->state));
            } else if (const auto* cs = std::get_if<CountersignMsg>(&m)) {
                note_signed(who, cs->version, cs->digest);
            }
            q.push_back({who, o});
        }
        if (p.e[who]->after_send())
            crashed = true;
    }
    void drain() {
        while (!q.empty()) {
            const auto [src, o] = q.front();
            q.pop_front();
            const auto h = p.e[o.to]->handle(src, o.payload);
            if (h.crashed) {
                crashed = true;
                continue;
            }
            sent(o.to, h.out);
        }
    }
};

class CrashAt : public ::testing::TestWithParam<std::tuple<std::size_t, CrashPoint, unsigned>> {};

// Every persistence boundary of both sides, crashed on purpose: the proposer (side 0) before /
// after persisting its proposal and after sending it (occurrence 0), before / after persisting
// the completed state and after sending the Ack (occurrence 1); the countersigner (side 1) before
// / after persisting its countersignature and after sending it (0), before / after persisting the
// adopted Ack and after handling it (1). Then restart and resend: the update completes or was
// lost before anyone could rely on it, nobody signed two states with one version, and the
// durable record is never behind what the peer has seen.
TEST_P(CrashAt, UpdateCompletesAfterRestart) {
    const auto [side, cp, occurrence] = GetParam();
    Pair p;
    Wire w(p);
    auto& victim = *p.e[side];
    const auto& peer = *p.e[1 - side];
    victim.arm_crash(cp, occurrence);
    auto r = p.e[0]->pay(1, u256(kEther) / 4);
    ASSERT_TRUE(r.ok());
    if (r.value().crashed) {
        w.crashed = true;
    } else {
        w.sent(0, r.value().out);
    }
    w.drain();
    ASSERT_TRUE(w.crashed) << "the armed boundary was not reached";
    ASSERT_TRUE(victim.crashed());
    ASSERT_TRUE(victim.recover());
    // The peer holds the victim's signature on version 1 when it has version 1 fully signed, or
    // (victim = proposer) when it countersigned the victim's proposal: the record must know.
    if (peer.latest().state.version == 1 || (side == 0 && peer.awaiting_completion())) {
        EXPECT_GE(victim.highest_signed(), 1u);
    }
    for (int round = 0; round < 4; ++round) {
        for (std::size_t i = 0; i < 2; ++i)
            w.sent(i, p.e[i]->resend());
        w.drain();
    }
    const auto v0 = p.e[0]->latest().state;
    const auto v1 = p.e[1]->latest().state;
    EXPECT_EQ(v0, v1) << "side " << side << " point " << crash_point_name(cp) << " #" << occurrence;
    // Either the payment completed or it was lost before anyone persisted it (the proposer's
    // crash before persisting its proposal is the only such boundary).
    const bool lost = side == 0 && cp == CrashPoint::BeforePersist && occurrence == 0;
    EXPECT_EQ(v0.version, lost ? 0u : 1u);
    // And the next payment works.
    auto r2 = p.e[0]->pay(1, 1);
    ASSERT_TRUE(r2.ok());
    w.sent(0, r2.value().out);
    w.drain();
    EXPECT_EQ(p.e[0]->latest().state, p.e[1]->latest().state);
    EXPECT_EQ(p.e[0]->latest().state.version, v0.version + 1);
}

INSTANTIATE_TEST_SUITE_P(ChannelEngine,
                         CrashAt,
                         ::testing::Combine(::testing::Values(std::size_t{0}, std::size_t{1}),
                                            ::testing::Values(CrashPoint::BeforePersist,
                                                              CrashPoint::AfterPersist,
                                                              CrashPoint::AfterSend),
                                            ::testing::Values(0u, 1u)));

TEST(ChannelEngine, MemoryStoreLosesEverythingOnCrash) {
    Pair p(2, false);
    p.e[0]->crash();
    EXPECT_FALSE(p.e[0]->recover());
    EXPECT_TRUE(p.e[0]->crashed());
    EXPECT_THROW((void)p.e[0]->latest(), StateError);
}

TEST(ChannelEngine, PersistedRecordRoundTripsAndRejectsJunk) {
    Pair p;
    auto r = p.e[0]->pay(1, 5);
    p.pump(0, r.value().out);
    const auto bytes = p.stores[0]->read();
    ASSERT_TRUE(bytes);
    const auto rec = ChannelRecordData::decode(*bytes);
    EXPECT_EQ(rec.latest.state.version, 1u);
    EXPECT_EQ(ChannelRecordData::decode(rec.encode()), rec);
    EXPECT_THROW(ChannelRecordData::decode(Bytes{0xc0}), DecodeError);
}

TEST(ChannelEngine, CountersignProofIsPersistedBeforeSendingAndSurvivesARestart) {
    // p1 crashes right after persisting its countersignature (nothing sent): the restarted
    // engine still holds the proposer's and its own signature, so it can complete the state.
    Pair p;
    auto r = p.e[0]->pay(1, 5);
    ASSERT_TRUE(r.ok());
    p.e[1]->arm_crash(CrashPoint::AfterPersist);
    auto h = p.e[1]->handle(0, r.value().out.at(0).payload);
    ASSERT_TRUE(h.crashed);
    EXPECT_TRUE(h.out.empty());
    ASSERT_TRUE(p.e[1]->recover());
    ASSERT_TRUE(p.e[1]->awaiting_completion());
    const auto done = p.e[1]->completed_countersigned();
    ASSERT_TRUE(done);
    EXPECT_EQ(done->state.version, 1u);
    EXPECT_TRUE(check_signatures(p.f.params, p.e[1]->digest(done->state), done->signatures).ok());
    EXPECT_FALSE(p.e[1]->countersigned_unprovable());
    // The record carries the proof, canonically; strict about its presence and proposer.
    const auto rec = ChannelRecordData::decode(*p.stores[1]->read());
    ASSERT_TRUE(rec.proof);
    EXPECT_EQ(rec.proof->proposer, 0u);
    EXPECT_EQ(ChannelRecordData::decode(rec.encode()), rec);
    auto orphan = rec;
    orphan.countersigned.reset();
    EXPECT_THROW(ChannelRecordData::decode(orphan.encode()), DecodeError);
    auto missing = rec;
    missing.proof.reset();
    EXPECT_THROW(ChannelRecordData::decode(missing.encode()), DecodeError);
    auto self = rec;
    self.proof->proposer = 1;
    EXPECT_THROW(ChannelRecordData::decode(self.encode()), DecodeError);
    // The engine image round-trips with it.
    const Bytes img = p.e[1]->save_bytes();
    p.e[1]->load_bytes(img);
    EXPECT_EQ(p.e[1]->save_bytes(), img);
    EXPECT_EQ(p.e[1]->completed_countersigned(), done);
}

namespace {

// How a Byzantine proposer corrupts the signatures of the state it completes.
enum class Forgery {
    ProposerSigInLastSlot,   // its own signature copied into the last participant's slot
    PeerSigInProposerSlot,   // peer 1's countersignature copied into the proposer's slot
    SwappedSlots,            // the signatures of participants 0 and 1 swapped
    OutsiderSigInLastSlot,   // a signature by a key outside the channel
    ProposerSigEverywhere,   // every slot holds the proposer's signature
};

}  // namespace

class ByzantineAck : public ::testing::TestWithParam<std::tuple<std::size_t, Forgery, bool>> {};

// The proposer collected every countersignature, then sends its peers (as Ack or SyncReply) the
// state with a signature slot that does not belong to its participant. Each peer refuses it with
// a typed reason and keeps its latest state, its store record and its countersign proof; the
// genuine completed state is still adopted afterwards.
TEST_P(ByzantineAck, IsRefusedAndChangesNothing) {
    const auto [n, forgery, as_sync_reply] = GetParam();
    Pair p(n);
    auto r = p.e[0]->pay(1, 5);
    ASSERT_TRUE(r.ok());
    const auto propose = std::get<ProposeMsg>(decode_message(r.value().out.at(0).payload));
    std::vector<crypto::Signature> good(n, propose.signature);
    for (std::size_t i = 1; i < n; ++i) {
        auto h = p.e[i]->handle(0, r.value().out.at(i - 1).payload);
        ASSERT_FALSE(h.rejected);
        good[i] = std::get<CountersignMsg>(decode_message(h.out.at(0).payload)).signature;
    }
    auto sigs = good;
    switch (forgery) {
        case Forgery::ProposerSigInLastSlot: sigs[n - 1] = good[0]; break;
        case Forgery::PeerSigInProposerSlot: sigs[0] = good[1]; break;
        case Forgery::SwappedSlots: std::swap(sigs[0], sigs[1]); break;
        case Forgery::OutsiderSigInLastSlot:
            sigs[n - 1] = crypto::PrivateKey::from_int(99).sign(p.e[0]->digest(propose.state));
            break;
        case Forgery::ProposerSigEverywhere: sigs.assign(n, good[0]); break;
    }
    const SignedState forged{propose.state, sigs};
    const Bytes msg = as_sync_reply ? encode_message(SyncReplyMsg{forged})
                                    : encode_message(AckMsg{forged});
    for (std::size_t i = 1; i < n; ++i) {
        const auto record_before = p.stores[i]->read();
        const auto writes_before = p.stores[i]->writes();
        const auto h = p.e[i]->handle(0, msg);
        EXPECT_EQ(h.rejected, ChannelError::InvalidSignature) << "peer " << i;
        EXPECT_FALSE(h.updated);
        EXPECT_EQ(p.e[i]->latest().state.version, 0u);
        EXPECT_TRUE(p.e[i]->awaiting_completion());
        EXPECT_EQ(p.stores[i]->read(), record_before);
        EXPECT_EQ(p.stores[i]->writes(), writes_before);
        EXPECT_EQ(p.e[i]->completed_countersigned().has_value(), n == 2);
    }
    const Bytes genuine = encode_message(AckMsg{SignedState{propose.state, good}});
    for (std::size_t i = 1; i < n; ++i) {
        const auto h = p.e[i]->handle(0, genuine);
        EXPECT_TRUE(h.updated);
        EXPECT_EQ(p.e[i]->latest().state.version, 1u);
        EXPECT_FALSE(p.e[i]->awaiting_completion());
    }
}

INSTANTIATE_TEST_SUITE_P(
    ChannelEngine, ByzantineAck,
    ::testing::Combine(::testing::Values(std::size_t{2}, std::size_t{3}),
                       ::testing::Values(Forgery::ProposerSigInLastSlot,
                                         Forgery::PeerSigInProposerSlot, Forgery::SwappedSlots,
                                         Forgery::OutsiderSigInLastSlot,
                                         Forgery::ProposerSigEverywhere),
                       ::testing::Bool()));

TEST(ChannelEngine, ByzantineMessagesGetTypedAnswersAndChangeNothing) {
    // Other messages a Byzantine participant can send: a countersignature by another key, a
    // Propose claiming another participant as its signer, a Reject or Sync for an unrelated
    // version or channel, a fully signed state of another channel. None changes the engine.
    Pair p(3);
    auto r = p.e[0]->pay(1, 5);
    ASSERT_TRUE(r.ok());
    const auto propose = std::get<ProposeMsg>(decode_message(r.value().out.at(0).payload));
    const Hash32 d = p.e[0]->digest(propose.state);
    // Participant 2 sends participant 1's countersignature (or its own, claimed as 1's).
    const auto sig1 = p.f.accounts[1].key.sign(d);
    const auto h1 = p.e[0]->handle(2, encode_message(CountersignMsg{p.f.id, 1, d, sig1}));
    EXPECT_EQ(h1.rejected, ChannelError::InvalidSignature);
    EXPECT_TRUE(p.e[0]->has_pending_proposal());
    // Participant 2 relays the proposer's Propose as if it were its own.
    const auto h2 = p.e[1]->handle(2, r.value().out.at(0).payload);
    EXPECT_EQ(h2.rejected, ChannelError::InvalidSignature);
    EXPECT_EQ(p.e[1]->highest_signed(), 0u);
    // Unrelated Reject (another version) and Sync (another channel): ignored.
    Hash32 other = p.f.id;
    other.bytes[0] ^= 1;
    EXPECT_FALSE(
        p.e[0]->handle(1, encode_message(RejectMsg{p.f.id, 7, ChannelError::NotOpen})).rejected);
    EXPECT_TRUE(p.e[0]->has_pending_proposal());
    EXPECT_TRUE(p.e[0]->handle(1, encode_message(SyncMsg{other, 0})).out.empty());
    // A fully signed state of another channel is not adopted.
    State foreign = propose.state;
    foreign.channel_id = other;
    const auto h3 = p.e[1]->handle(0, encode_message(AckMsg{p.f.sign_all(foreign)}));
    EXPECT_FALSE(h3.updated);
    EXPECT_EQ(p.e[1]->latest().state.version, 0u);
    // The honest cycle still completes.
    p.pump(0, r.value().out);
    for (auto& x : p.e) EXPECT_EQ(x->latest().state.version, 1u);
}
