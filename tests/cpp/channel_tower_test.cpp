// Private watchtower: justice blobs keyed by the client's signature on the superseded state
// (undecryptable before a breach, found and opened after one), the tower's challenge, fees, and
// its save/load image.
#include <gtest/gtest.h>

#include <algorithm>

#include "channel_support.hpp"
#include "l2lab/channel/tower_blob.hpp"

using namespace chtest;

namespace {

struct TowerFixture : Fixture {
    std::shared_ptr<Watchtower> tower;
    TowerFixture() : Fixture(2, DisputePolicy::LatestStateWins, 6) {
        make_parties<StaleRegistrar>(0);
        tower = std::make_shared<Watchtower>("tower", world.new_account(u256(10) * kEther), adjudicator, 1000);
        parties[1]->set_watchtower(world.add_actor(tower), 1000);
        fund();
        for (int i = 0; i < 3; ++i) parties[0]->pay(world, 1, u256(kEther) / 4);
        world.run(10);
    }
};

}  // namespace

TEST(ChannelTower, BlobOpensOnlyWithTheSignatureOnTheSupersededState) {
    Fixture f;
    f.make_parties();
    const auto s0 = f.sign_all(initial_state(f.params, f.id));
    State next = s0.state;
    next.version = 1;
    next.balances[0] -= 5;
    next.balances[1] += 5;
    const auto s1 = f.sign_all(next);
    const auto blob = make_tower_blob(s0.signatures[1], f.params, s1);
    EXPECT_EQ(blob.hint, tower_hint(s0.signatures[1]));
    EXPECT_EQ((blob.ciphertext.size() - 16) % kTowerBlobBucket, 0u);
    // Nothing in the blob is the state in clear.
    const Bytes enc = s1.state.encode();
    EXPECT_EQ(std::search(blob.ciphertext.begin(), blob.ciphertext.end(), enc.begin(), enc.end()),
              blob.ciphertext.end());
    // Before a breach the tower has no signature of s0: other keys fail the tag check.
    EXPECT_FALSE(open_tower_blob(s0.signatures[0], blob.ciphertext));
    EXPECT_FALSE(open_tower_blob(s1.signatures[1], blob.ciphertext));
    const auto j = open_tower_blob(s0.signatures[1], blob.ciphertext);
    ASSERT_TRUE(j);
    EXPECT_EQ(j->params, f.params);
    EXPECT_EQ(j->newer, s1);
    // A flipped ciphertext bit is refused (encrypt-then-MAC).
    auto tampered = blob.ciphertext;
    tampered[3] ^= 1;
    EXPECT_FALSE(open_tower_blob(s0.signatures[1], tampered));
    // Wire codec: strict.
    EXPECT_EQ(TowerBlob::decode(blob.encode()), blob);
    Bytes bad = blob.encode();
    bad.push_back(0);
    EXPECT_THROW(TowerBlob::decode(bad), DecodeError);
    EXPECT_THROW(TowerBlob::decode(Bytes{0xc0}), DecodeError);
}

TEST(ChannelTower, HoldsOnlyBlobsAndChallengesAStaleRegistrationForAnOfflineClient) {
    TowerFixture f;
    EXPECT_EQ(f.tower->blobs_held(), 3u);
    EXPECT_EQ(f.tower->channels_known(), 0u);  // it cannot tell which channel its blobs are for
    EXPECT_EQ(f.tower->justice_version(f.id), std::nullopt);
    EXPECT_EQ(f.tower->fees_earned(), u256(3000));
    EXPECT_EQ(f.parties[1]->stats().tower_fees_owed, u256(3000));
    f.world.set_online(f.parties[1]->id(), false);
    static_cast<StaleRegistrar&>(*f.parties[0]).cheat(f.world, 1);
    f.world.run(12);
    f.world.set_online(f.parties[1]->id(), true);
    f.world.run(4);
    EXPECT_EQ(f.tower->breaches_detected(), 1u);
    // From version 1's blob it followed the chain to the newest state it was handed (3).
    EXPECT_EQ(f.tower->justice_version(f.id), std::optional<std::uint64_t>(3));
    EXPECT_EQ(f.tower->challenges_submitted(), 1u);
    EXPECT_EQ(f.parties[1]->record(f.world).status, ChannelStatus::Closed);
    EXPECT_EQ(check_honest_safety(f.world, *f.parties[1]), std::nullopt);
    EXPECT_EQ(check_conservation(f.world, f.adjudicator, f.parties), std::nullopt);
    EXPECT_GT(f.tower->scanned_to(), 20u);
}

TEST(ChannelTower, OfflineTowerCatchesUpFromTheBlocksItMissed) {
    TowerFixture f;
    f.world.set_online(f.parties[1]->id(), false);
    f.world.set_online(f.tower->id(), false);
    static_cast<StaleRegistrar&>(*f.parties[0]).cheat(f.world, 0);
    f.world.run(3);
    f.world.set_online(f.tower->id(), true);  // back within the period: scans the missed blocks
    f.world.run(12);
    f.world.set_online(f.parties[1]->id(), true);
    f.world.run(2);
    EXPECT_EQ(f.tower->challenges_submitted(), 1u);
    EXPECT_EQ(check_honest_safety(f.world, *f.parties[1]), std::nullopt);
}

TEST(ChannelTower, SaveLoadRoundTripsAndRejectsGarbage) {
    TowerFixture f;
    const Bytes image = f.tower->save_bytes();
    Watchtower copy("copy", f.world.new_account(u256(1)), f.adjudicator, 1000);
    copy.load_bytes(image);
    EXPECT_EQ(copy.save_bytes(), image);
    EXPECT_EQ(copy.blobs_held(), 3u);
    EXPECT_EQ(copy.fees_earned(), u256(3000));
    for (std::size_t cut : {std::size_t{0}, std::size_t{1}, image.size() / 2, image.size() - 1}) {
        EXPECT_THROW(copy.load_bytes(BytesView(image).subspan(0, cut)), DecodeError) << cut;
    }
    Bytes longer = image;
    longer.push_back(0);
    EXPECT_THROW(copy.load_bytes(longer), DecodeError);
    Address other = f.adjudicator;
    other.bytes[0] ^= 1;
    Watchtower stranger("s", f.world.new_account(u256(1)), other, 0);
    EXPECT_THROW(stranger.load_bytes(image), DecodeError);
    EXPECT_EQ(stranger.blobs_held(), 0u);  // unchanged after a refused image
}

TEST(ChannelTower, TowerGetsABlobForACountersignedStateNeverCompleted) {
    // p0 proposes version 4, p1 (tower client) countersigns, p0 withholds the Ack and registers
    // version 3 while p1 is offline (p1 cannot challenge: its latest is 3). The tower holds a blob
    // for version 3 made at countersign time and challenges with the completed version 4.
    TowerFixture f;
    ASSERT_EQ(f.parties[1]->engine().latest().state.version, 3u);
    State next = f.parties[0]->engine().latest().state;
    next.version = 4;
    next.balances[0] -= 50;
    next.balances[1] += 50;
    f.world.send(f.parties[0]->id(), f.accounts[1].address,
                 encode_message(ProposeMsg{next, f.parties[0]->engine().sign(next)}));
    f.world.run(1);
    ASSERT_TRUE(f.parties[1]->engine().completed_countersigned());
    EXPECT_EQ(f.tower->blobs_held(), 4u);
    f.world.set_online(f.parties[1]->id(), false);
    static_cast<StaleRegistrar&>(*f.parties[0]).cheat(f.world, 3);
    f.world.run(4);
    const auto rec = f.parties[0]->record(f.world);
    EXPECT_EQ(rec.registered_version, 4u);
    EXPECT_GE(f.tower->challenges_submitted(), 1u);
}

TEST(ChannelTower, CounterpartyCannotSquatTheVictimsHint) {
    // The counterparty knows the victim's signature on the funding state, so it can compute the
    // hint of the blob the victim will hand over when that state is superseded, and send the tower
    // a junk blob under it first (here even one that decrypts, but names no newer state). The
    // tower keeps the victim's own blob next to it, and on the breach it finds the real one.
    Fixture f(2, DisputePolicy::Penalty, 6);
    f.make_parties<StaleRegistrar>(0);
    auto tower = std::make_shared<Watchtower>("tower", f.world.new_account(u256(10) * kEther),
                                              f.adjudicator, 1000);
    const auto tid = f.world.add_actor(tower);
    f.parties[1]->set_watchtower(tid, 1000);
    f.fund();
    auto& cheater = static_cast<StaleRegistrar&>(*f.parties[0]);
    const SignedState s0 = cheater.engine().latest();
    const TowerBlob junk = make_tower_blob(s0.signatures[1], f.params, s0);
    ASSERT_EQ(junk.hint, tower_hint(s0.signatures[1]));
    const Address tower_at = tower->account().address;
    f.world.send(cheater.id(), tower_at, junk.encode());
    f.world.run(1);
    EXPECT_EQ(tower->blobs_from(cheater.id()), 1u);
    // A second junk blob from the same sender for the same hint is refused (one per client).
    const Bytes random(junk.ciphertext.size(), 0x5a);
    f.world.send(cheater.id(), tower_at, TowerBlob{junk.hint, random}.encode());
    f.world.run(1);
    EXPECT_EQ(tower->blobs_from(cheater.id()), 1u);
    EXPECT_EQ(tower->updates_refused(), 1u);
    for (int i = 0; i < 3; ++i) cheater.pay(f.world, 1, u256(kEther) / 4);
    f.world.run(10);
    ASSERT_EQ(f.parties[1]->engine().latest().state.version, 3u);
    EXPECT_EQ(tower->blobs_from(f.parties[1]->id()), 3u);
    EXPECT_EQ(tower->hints_held(), 3u);  // the junk shares the victim's first hint
    EXPECT_EQ(tower->blobs_held(), 4u);
    f.world.set_online(f.parties[1]->id(), false);
    cheater.cheat(f.world, 0);
    f.world.run(12);
    f.world.set_online(f.parties[1]->id(), true);
    f.world.run(4);
    EXPECT_EQ(tower->breaches_detected(), 1u);
    EXPECT_EQ(tower->justice_version(f.id), std::optional<std::uint64_t>(3));
    ASSERT_EQ(f.parties[1]->record(f.world).status, ChannelStatus::Closed);
    EXPECT_EQ(check_honest_safety(f.world, *f.parties[1]), std::nullopt);
    EXPECT_EQ(cheater.received(f.world), 0);  // penalty: the stale registrant forfeits
    // The image keeps both candidates of the shared hint, canonically.
    const Bytes image = tower->save_bytes();
    Watchtower copy("copy", f.world.new_account(u256(1)), f.adjudicator, 1000);
    copy.load_bytes(image);
    EXPECT_EQ(copy.save_bytes(), image);
    EXPECT_EQ(copy.blobs_held(), 4u);
}

TEST(ChannelTower, SealedPayloadsReachTheParserWhichAcceptsOnlyJusticeData) {
    // seal_tower_payload is make_tower_blob without the encoding step: a sealed canonical
    // rlp([params, newer]) opens to the same JusticeData, anything else sealed (the tag verifies)
    // is refused by the plaintext parser without throwing.
    Fixture f;
    const auto s0 = f.sign_all(initial_state(f.params, f.id));
    const auto sig = s0.signatures[1];
    rlp::ListBuilder b;
    const Bytes payload = b.add_encoded(f.params.encode()).add_encoded(s0.encode()).finish();
    EXPECT_EQ(seal_tower_payload(sig, payload), make_tower_blob(sig, f.params, s0));
    const auto j = open_tower_blob(sig, seal_tower_payload(sig, payload).ciphertext);
    ASSERT_TRUE(j);
    EXPECT_EQ(j->newer, s0);
    for (const Bytes& junk : {Bytes{}, Bytes{0xc0}, Bytes(payload.begin(), payload.end() - 1),
                              rlp::ListBuilder().add_encoded(f.params.encode()).finish()}) {
        EXPECT_FALSE(open_tower_blob(sig, seal_tower_payload(sig, junk).ciphertext));
    }
    EXPECT_THROW(seal_tower_payload(sig, Bytes(kMaxTowerBlobBytes, 1)), InvalidArgument);
}
