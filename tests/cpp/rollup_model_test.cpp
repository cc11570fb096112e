// RapidCheck rc::state model test of the whole rollup on a World: one action vocabulary (L2 txs
// valid and invalid, deposits incl. 0 and unfundable amounts, forced txs incl. garbage, censoring
// and queue-ignoring sequencer, codec / DA switches, malformed and bomb batches, root proposals
// by the proposer and by strangers, mining, withdrawal claims incl. replays, premature and forged
// attempts) against a model of the L1 bridge accounting, which predicts every L1 outcome.
// Invariants after every command: an independent derivation from L1 data alone reaches the
// sequencer's roots (its state, every batch's predicted root, every proposed root); L2 supply =
// deposits applied - withdrawals recorded; bridge balance = accepted deposits - finalised
// withdrawals; each withdrawal finalises at most once (and exactly the model's claims are
// finalised); every queue item is derived within the forced window W.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <map>
#include <set>

#include "l2lab/rollup/batch.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"

using namespace l2lab;
using namespace l2lab::rollup;

namespace {

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;
constexpr std::uint64_t kWindow = 4;    // W
constexpr std::uint64_t kFinality = 3;  // trusted finality, L1 blocks
constexpr std::size_t kUsers = 3;
constexpr std::size_t kCap = 1u << 20;  // decompression cap of every node

using WKey = std::pair<Address, std::uint64_t>;

// The model: what the L1 bridge must hold and which claims succeeded. Claim and proposal
// outcomes depend on what the SUT derived, so the model lives next to the SUT and each command
// predicts its L1 outcome from it before running, then updates it.
struct BridgeModel {
    u256 locked = 0;     // accepted deposits (wei)
    u256 finalised = 0;  // finalised withdrawals (wei)
    std::set<WKey> claimed;
    std::uint64_t queue_items = 0;  // deposits + forced txs accepted by the inbox
    std::optional<std::uint64_t> last_proposed_l1;
};
struct NoState {};

const crypto::PrivateKey& key(std::size_t i) {
    static const std::vector<crypto::PrivateKey> k = [] {
        std::vector<crypto::PrivateKey> v;
        for (std::size_t j = 0; j < kUsers; ++j) v.push_back(crypto::PrivateKey::from_int(u256(0xA11CE + j)));
        return v;
    }();
    return k[i];
}

const Bytes& bomb_frame() {
    static const Bytes f = [] {
        Bytes zeros(2 * kCap, 0);
        Bytes out{kBatchVersion, static_cast<std::uint8_t>(Codec::Zstd)};
        const Bytes c = compress(Codec::Zstd, zeros, 3);
        out.insert(out.end(), c.begin(), c.end());
        return out;
    }();
    return f;
}

struct Sut {
    sim::World world{11};
    sim::Account seq_acct = world.new_account(u256(1000) * kEth);
    std::vector<sim::Account> l1;  // one L1 account per user
    sim::Account stranger = world.new_account(u256(10) * kEth);
    Address inbox;
    std::shared_ptr<Sequencer> seq;
    std::optional<Derivation> verifier;
    BridgeModel model;
    std::set<std::string> claim_outcomes;  // coverage: which claim outcomes a program reached

    Sut() {
        InboxConfig ic{seq_acct.address, seq_acct.address, std::make_shared<TrustedFinality>(kFinality)};
        inbox = world.chain().deploy(std::make_shared<InboxContract>(ic), seq_acct.address);
        SequencerConfig cfg;
        cfg.derivation.inbox = inbox;
        cfg.derivation.forced_window = kWindow;
        cfg.derivation.max_decompressed = kCap;
        cfg.derivation.stf.fee_recipient = seq_acct.address;
        cfg.max_batch_bytes = 60'000;
        cfg.max_batch_txs = 8;
        seq = std::make_shared<Sequencer>(seq_acct, cfg);
        world.add_actor(seq);
        for (std::size_t i = 0; i < kUsers; ++i) l1.push_back(world.new_account(u256(20) * kEth));
        verifier.emplace(cfg.derivation);
    }

    /// Submit an L1 call and mine the block that includes it (the sequencer acts on it too).
    /// Returns the revert reason ("" = success); nullopt when the L1 mempool refused the tx.
    std::optional<std::string> l1_call(const sim::Account& from, BytesView data, const u256& value = 0) {
        const auto out = world.call(from, inbox, data, value);
        if (!out.accepted) return std::nullopt;
        world.run(1);
        const auto r = world.chain().receipt(out.tx_hash);
        RC_ASSERT(r.has_value());
        return r->success() ? std::string() : r->revert_reason;
    }

    void check() {
        const BridgeModel& m = model;
        auto& v = *verifier;
        v.advance(world.chain());
        const auto& node = seq->node();
        // Derivation from L1 alone reaches the sequencer's roots.
        RC_ASSERT(v.derived_block() == world.block_number());
        RC_ASSERT(!v.stalled_at().has_value());
        RC_ASSERT(node.derived_block() == v.derived_block());
        RC_ASSERT(v.state().state_root() == node.state().state_root());
        for (const auto& b : seq->batch_metrics()) {
            if (b.included_block && *b.included_block <= v.derived_block()) {
                RC_ASSERT(b.predicted_root == v.root_after(*b.included_block));
            }
            RC_ASSERT(b.root_matches.value_or(true));
        }
        const std::uint64_t roots = inbox_root_count(world.chain(), inbox);
        for (std::uint64_t i = 0; i < roots; ++i) {
            const auto pr = inbox_root(world.chain(), inbox, i);
            RC_ASSERT(pr.root == v.root_after(pr.l1_block));
        }
        // L2 supply = bridged in - bridged out; nothing appears on L2 that was not locked on L1.
        const L2State& s = v.state();
        RC_ASSERT(s.total_supply() + s.total_withdrawn() == v.deposited());
        RC_ASSERT(v.deposited() <= m.locked);
        // Bridge balance = accepted deposits - finalised withdrawals.
        RC_ASSERT(world.chain().balance(inbox) == m.locked - m.finalised);
        // Exactly the model's claims are finalised; each one was recorded on L2.
        for (const auto& w : s.withdrawals()) {
            RC_ASSERT(inbox_withdrawal_finalized(world.chain(), inbox, w.sender, w.nonce) ==
                      (m.claimed.count({w.sender, w.nonce}) != 0));
        }
        for (const auto& k : m.claimed) RC_ASSERT(s.withdrawal(k.first, k.second).has_value());
        // Forced inclusion within W.
        RC_ASSERT(v.queue().size() == m.queue_items);
        for (const auto& q : v.queue()) {
            if (q.included_block) {
                RC_ASSERT(*q.included_block <= q.enqueue_block + kWindow);
            } else {
                RC_ASSERT(v.derived_block() < q.enqueue_block + kWindow);
            }
        }
    }

    L2Tx make_tx(std::size_t from, std::size_t to, TxKind kind, std::uint64_t value, std::uint64_t fee,
                 std::uint64_t nonce_skew, int corrupt) {
        L2Tx t;
        t.kind = kind;
        t.chain_id = seq->config().derivation.stf.chain_id + (corrupt == 1 ? 1 : 0);
        t.nonce = seq->node().state().account(key(from).address()).nonce + nonce_skew;
        t.fee = fee;
        t.to = kind == TxKind::Withdrawal ? l1[to].address : key(to).address();
        t.value = corrupt == 3 ? u256(1) << 255 : u256(value);
        t.sign(key(from));
        if (corrupt == 2) t.signature[5] ^= 0x40;
        return t;
    }
};

using Cmd = rc::state::Command<NoState, Sut>;

struct SubmitTx : Cmd {
    std::size_t from = *rc::gen::inRange<std::size_t>(0, kUsers);
    std::size_t to = *rc::gen::inRange<std::size_t>(0, kUsers);
    bool withdrawal = *rc::gen::weightedElement<bool>({{1, false}, {1, true}});
    std::uint64_t value = *rc::gen::inRange<std::uint64_t>(0, kEth / 2);
    std::uint64_t fee = *rc::gen::inRange<std::uint64_t>(0, 50);
    std::uint64_t skew = *rc::gen::weightedElement<std::uint64_t>({{6, 0}, {1, 1}, {1, 3}});
    // 0 valid, 1 wrong chain id, 2 corrupted signature, 3 unfundable value
    int corrupt = *rc::gen::weightedElement<int>({{8, 0}, {1, 1}, {1, 2}, {1, 3}});
    void run(const NoState&, Sut& s) const override {
        const auto tx = s.make_tx(from, to, withdrawal ? TxKind::Withdrawal : TxKind::Transfer, value,
                                  fee, skew, corrupt);
        (void)s.seq->submit(tx, s.world.block_number());
        s.check();
    }
    void show(std::ostream& os) const override {
        os << "SubmitTx(" << from << "->" << to << (withdrawal ? " withdraw " : " transfer ") << value
           << " fee " << fee << " skew " << skew << " corrupt " << corrupt << ")";
    }
};

struct DepositCmd : Cmd {
    std::size_t user = *rc::gen::inRange<std::size_t>(0, kUsers);
    int kind = *rc::gen::weightedElement<int>({{6, 0}, {1, 1}, {1, 2}});  // ok, zero, unfundable
    std::uint64_t amount = *rc::gen::inRange<std::uint64_t>(1, 4 * kEth);
    u256 value() const { return kind == 0 ? u256(amount) : kind == 1 ? u256(0) : u256(1) << 200; }
    void run(const NoState&, Sut& s) const override {
        const auto r = s.l1_call(s.l1[user], inbox_deposit(key(user).address()), value());
        if (kind == 0) {
            RC_ASSERT(r == std::optional<std::string>(""));
            s.model.locked += amount;
            ++s.model.queue_items;
        } else if (kind == 1) {
            RC_ASSERT(r == std::optional<std::string>("zero deposit"));
        } else {
            RC_ASSERT(!r.has_value());  // no L1 account can fund it: refused at submission
            s.world.run(1);
        }
        s.check();
    }
    void show(std::ostream& os) const override { os << "Deposit(" << user << ", " << value() << ")"; }
};

struct ForceTx : Cmd {
    std::size_t from = *rc::gen::inRange<std::size_t>(0, kUsers);
    std::size_t to = *rc::gen::inRange<std::size_t>(0, kUsers);
    bool withdrawal = *rc::gen::arbitrary<bool>();
    std::uint64_t value = *rc::gen::inRange<std::uint64_t>(0, kEth);
    int shape = *rc::gen::weightedElement<int>({{6, 0}, {1, 1}, {1, 2}});  // tx, garbage, too big
    void run(const NoState&, Sut& s) const override {
        Bytes data;
        if (shape == 0) {
            data = s.make_tx(from, to, withdrawal ? TxKind::Withdrawal : TxKind::Transfer, value, 1, 0, 0)
                       .encode();
        } else {
            data.assign(shape == 1 ? 40 : kMaxForcedTxBytes + 1, static_cast<std::uint8_t>(0xC7 + from));
        }
        const auto r = s.l1_call(s.l1[from], inbox_force_tx(data));
        RC_ASSERT(r == std::optional<std::string>(shape == 2 ? "forced tx larger than 1024 bytes" : ""));
        if (shape != 2) ++s.model.queue_items;
        s.check();
    }
    void show(std::ostream& os) const override { os << "ForceTx(" << from << ", shape " << shape << ")"; }
};

struct Censor : Cmd {
    std::size_t user = *rc::gen::inRange<std::size_t>(0, kUsers);
    bool on = *rc::gen::arbitrary<bool>();
    bool ignore_queue = *rc::gen::arbitrary<bool>();
    void run(const NoState&, Sut& s) const override {
        auto& c = s.seq->mutable_config();
        if (on) c.censored_senders.insert(key(user).address());
        else c.censored_senders.erase(key(user).address());
        c.ignore_queue = ignore_queue;
        s.check();
    }
    void show(std::ostream& os) const override {
        os << "Censor(" << user << ", " << on << ", ignore_queue " << ignore_queue << ")";
    }
};

struct SetBatchFormat : Cmd {
    Codec codec = *rc::gen::element(Codec::None, Codec::Zstd, Codec::Brotli);
    bool blob = *rc::gen::arbitrary<bool>();
    void run(const NoState&, Sut& s) const override {
        auto& c = s.seq->mutable_config();
        c.codec = codec;
        c.level = codec == Codec::Brotli ? 5 : 3;
        c.da = blob ? DataAvailability::Blob : DataAvailability::Calldata;
        s.check();
    }
    void show(std::ostream& os) const override {
        os << "SetBatchFormat(" << codec_name(codec) << ", " << (blob ? "blob" : "calldata") << ")";
    }
};

struct RogueBatch : Cmd {
    bool bomb = *rc::gen::arbitrary<bool>();
    void run(const NoState&, Sut& s) const override {
        // The sequencer's key posts an undecodable frame or a decompression bomb: an empty batch.
        const Bytes frame = bomb ? bomb_frame() : Bytes{kBatchVersion, 7, 0xde, 0xad};
        const auto before = s.verifier->batches().size();
        const auto r = s.l1_call(s.seq_acct, inbox_append_batch(frame));
        RC_ASSERT(r == std::optional<std::string>(""));
        s.check();
        bool found = false;
        for (std::size_t i = before; i < s.verifier->batches().size(); ++i) {
            const auto& b = s.verifier->batches()[i];
            if (b.frame_bytes == frame.size() && !b.decoded) {
                found = true;
                RC_ASSERT(b.step_count == 0u);
            }
        }
        RC_ASSERT(found);
    }
    void show(std::ostream& os) const override { os << "RogueBatch(" << (bomb ? "bomb" : "garbage") << ")"; }
};

struct ProposeRoot : Cmd {
    bool stranger = *rc::gen::weightedElement<bool>({{4, false}, {1, true}});
    void run(const NoState&, Sut& s) const override {
        s.verifier->advance(s.world.chain());
        const std::uint64_t l1_block = s.verifier->derived_block();
        const Hash32 root = s.verifier->root_after(l1_block);
        const auto r = s.l1_call(stranger ? s.stranger : s.seq_acct, inbox_propose_root(l1_block, root));
        if (stranger) {
            RC_ASSERT(r == std::optional<std::string>("only the proposer proposes roots"));
        } else if (s.model.last_proposed_l1 && l1_block <= *s.model.last_proposed_l1) {
            RC_ASSERT(r == std::optional<std::string>("l1_block must increase"));
        } else {
            RC_ASSERT(r == std::optional<std::string>(""));
            s.model.last_proposed_l1 = l1_block;
        }
        s.check();
    }
    void show(std::ostream& os) const override { os << "ProposeRoot(" << (stranger ? "stranger" : "proposer") << ")"; }
};

struct Mine : Cmd {
    std::uint64_t n = *rc::gen::inRange<std::uint64_t>(1, 6);
    void run(const NoState&, Sut& s) const override {
        s.world.run(n);
        s.check();
    }
    void show(std::ostream& os) const override { os << "Mine(" << n << ")"; }
};

struct Claim : Cmd {
    std::size_t pick = *rc::gen::inRange<std::size_t>(0, 64);
    int variant = *rc::gen::weightedElement<int>({{5, 0}, {1, 1}, {1, 2}});  // latest root, forged, any root
    std::size_t claimer = *rc::gen::inRange<std::size_t>(0, kUsers);
    void run(const NoState&, Sut& s) const override {
        const std::uint64_t roots = inbox_root_count(s.world.chain(), s.inbox);
        s.verifier->advance(s.world.chain());
        const auto all = s.verifier->state().withdrawals();
        if (roots == 0 || all.empty()) return s.check();
        const std::uint64_t ri = variant == 2 ? pick % roots : roots - 1;
        const auto pr = inbox_root(s.world.chain(), s.inbox, ri);
        const L2State at = s.verifier->state_at(pr.l1_block);
        // Any withdrawal the verifier knows; one recorded after pr.l1_block does not prove.
        WithdrawalRecord w = all[pick % all.size()];
        const bool in_root = at.withdrawal(w.sender, w.nonce).has_value();
        const crypto::SmtProof proof = at.prove_withdrawal(w.sender, w.nonce);
        if (variant == 1) w.amount += 1;
        const bool final = s.world.block_number() + 1 >= pr.proposed_block + kFinality;
        const WKey k{w.sender, w.nonce};
        std::string expect;
        if (!final) expect = "root is not final";
        else if (s.model.claimed.count(k) != 0) expect = "withdrawal already finalized";
        else if (variant == 1 || !in_root) expect = "invalid withdrawal proof";
        const auto r = s.l1_call(s.l1[claimer], inbox_finalize_withdrawal(ri, w, proof));
        RC_ASSERT(r == std::optional<std::string>(expect));
        s.claim_outcomes.insert(expect.empty() ? "finalised" : expect);
        if (expect.empty()) {
            s.model.claimed.insert(k);
            s.model.finalised += w.amount;
        }
        s.check();
    }
    void show(std::ostream& os) const override {
        os << "Claim(pick " << pick << ", variant " << variant << ", by " << claimer << ")";
    }
};

}  // namespace

RC_GTEST_PROP(RollupModel, RandomActionProgramsKeepBridgeAndDerivationInvariants, ()) {
    const NoState initial;
    const auto cmds = *rc::gen::scale(
        0.8, rc::state::gen::commands(
                 initial, rc::state::gen::execOneOfWithArgs<SubmitTx, SubmitTx, SubmitTx, DepositCmd,
                                                            DepositCmd, ForceTx, Censor, SetBatchFormat,
                                                            RogueBatch, ProposeRoot, ProposeRoot,
                                                            ProposeRoot, Mine, Mine, Claim, Claim,
                                                            Claim>()));
    Sut sut;
    rc::state::runAll(cmds, initial, sut);
    // Quiescence: censorship lifted and the queue honoured, every queue item is in, still
    // within W, and the invariants hold.
    sut.seq->mutable_config().censored_senders.clear();
    sut.seq->mutable_config().ignore_queue = false;
    sut.world.run(kWindow + 2);
    sut.check();
    for (const auto& q : sut.verifier->queue()) RC_ASSERT(q.included_block.has_value());
    for (const auto& o : sut.claim_outcomes) RC_TAG(o);
}
