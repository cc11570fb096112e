// The derivation machine against the rollup's Derivation node: same roots at every block end,
// same ops in the same order; traces between any two block ends chain; every step re-executes
// statelessly from its one-step proof; the state encoding is canonical.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "fault_support.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/fault/proof.hpp"
#include "l2lab/fault/trace.hpp"

using namespace l2lab;
using namespace l2lab::fault;
using fault_test::Rollup;

namespace {

// End-of-block state and L2 state after `block` according to the Derivation node.
struct Expected {
    MachineState end;
    std::size_t ops = 0;
};
Expected expected_after(const rollup::Derivation& d, std::uint64_t block) {
    std::uint64_t consumed = 0;
    for (const auto& q : d.queue()) {
        if (q.included_block && *q.included_block <= block)
            ++consumed;
    }
    std::uint64_t batches = 0;
    for (const auto& b : d.batches()) {
        if (b.l1_block <= block)
            ++batches;
    }
    return {end_of_block_state(d.root_after(block), block, consumed, batches),
            d.steps_after(block)};
}

std::size_t op_steps(const Trace& t) {
    std::size_t n = 0;
    for (std::uint64_t i = 0; i < t.length(); ++i) {
        const auto k = t.step_kind(i);
        if (k == StepKind::QueueOp || k == StepKind::BatchTx)
            ++n;
    }
    return n;
}

void check_history(rollup::DataAvailability da) {
    rollup::SequencerConfig cfg;
    cfg.da = da;
    cfg.derivation.forced_window = 3;
    Rollup r(cfg);
    r.busy_history();
    const auto d = r.verifier();
    ASSERT_FALSE(d.stalled_at().has_value());
    ChainSource source(r.inbox, r.machine());
    source.sync(r.world.chain());
    const std::uint64_t head = r.world.block_number() - 1;
    // From genesis to every block end.
    for (std::uint64_t b = 1; b <= head; ++b) {
        Trace t(r.machine(), r.dcfg().stf, source, RecordCaps{}, genesis_state(), rollup::L2State(),
                b);
        const Expected e = expected_after(d, b);
        EXPECT_EQ(t.final_state(), e.end) << "block " << b;
        EXPECT_EQ(op_steps(t), e.ops) << "block " << b;
        EXPECT_EQ(t.step_kind(t.length() - 1), StepKind::Settle);
    }
    // Chained: genesis -> a -> b reaches the same end as genesis -> b.
    for (std::uint64_t a = 1; a < head; a += 3) {
        Trace first(r.machine(), r.dcfg().stf, source, RecordCaps{}, genesis_state(),
                    rollup::L2State(), a);
        Trace second(r.machine(), r.dcfg().stf, source, RecordCaps{}, first.final_state(),
                     first.final_l2_state().clone(), head);
        EXPECT_EQ(second.final_state(), expected_after(d, head).end) << "anchor " << a;
    }
    // Every step of the whole history re-executes from its proof against the chain's records.
    Trace all(r.machine(), r.dcfg().stf, source, RecordCaps{}, genesis_state(), rollup::L2State(),
              head);
    EXPECT_GT(all.length(), 15u);
    ChainProofHooks hooks(r.world.chain(), r.inbox);
    bool saw_open = false, saw_forced = false;
    for (std::uint64_t i = 0; i <= all.length(); ++i) {
        const OneStepProof p = all.prove(i);
        ASSERT_EQ(OneStepProof::decode(p.encode()), p);
        ProofSource src(p, hooks);
        NoMeter meter;
        const auto v = execute_step(MachineState::decode(p.pre_state), head, r.machine(),
                                    r.dcfg().stf, src, meter, p.witness);
        EXPECT_EQ(v.post, all.state(i + 1)) << "step " << i;
        saw_open |= v.kind == StepKind::OpenBatch;
        saw_forced |= i < all.length() && all.step_kind(i) == StepKind::QueueOp;
    }
    EXPECT_TRUE(saw_open);
    EXPECT_TRUE(saw_forced);
}

}  // namespace

TEST(FaultMachine, FollowsDerivationOnCalldataBatches) {
    check_history(rollup::DataAvailability::Calldata);
}

TEST(FaultMachine, FollowsDerivationOnBlobBatches) {
    check_history(rollup::DataAvailability::Blob);
}

TEST(FaultMachine, WithheldBlobStopsTheTrace) {
    rollup::SequencerConfig cfg;
    cfg.da = rollup::DataAvailability::Blob;
    Rollup r(cfg);
    auto alice = r.world.new_account(u256(10) * fault_test::kEth);
    r.deposit(alice, 0, fault_test::kEth);
    r.world.run(3);
    r.seq->submit(r.tx(0, r.users[1].address(), 5), r.world.block_number());
    r.world.run(1);
    for (const auto& p : r.world.chain().pending()) {
        for (const auto& h : p.tx->blob_versioned_hashes)
            r.world.chain().withhold_blob(h);
    }
    r.world.run(3);
    ChainSource source(r.inbox, r.machine());
    source.sync(r.world.chain());
    EXPECT_THROW(Trace(r.machine(), r.dcfg().stf, source, RecordCaps{}, genesis_state(),
                       rollup::L2State(), r.world.block_number() - 1),
                 MissingData);
}

TEST(FaultMachine, ProofsWithWrongDataAreRefused) {
    rollup::SequencerConfig cfg;
    Rollup r(cfg);
    r.busy_history();
    ChainSource source(r.inbox, r.machine());
    source.sync(r.world.chain());
    const std::uint64_t head = r.world.block_number() - 1;
    Trace t(r.machine(), r.dcfg().stf, source, RecordCaps{}, genesis_state(), rollup::L2State(),
            head);
    ChainProofHooks hooks(r.world.chain(), r.inbox);
    std::size_t refused = 0, tried = 0;
    for (std::uint64_t i = 0; i < t.length(); ++i) {
        const OneStepProof good = t.prove(i);
        // Drop each piece of data the step uses: the step can no longer be executed.
        std::vector<OneStepProof> bad;
        if (!good.queue_records.empty()) {
            bad.push_back(good);
            bad.back().queue_records.pop_back();
        }
        if (!good.batch_records.empty()) {
            bad.push_back(good);
            bad.back().batch_records.back().second.l1_block += 1;  // a lie about a record
        }
        if (good.queue_op) {
            bad.push_back(good);
            bad.back().queue_op->back() ^= 1;
        }
        if (good.batch_data && !good.batch_data->empty()) {
            bad.push_back(good);
            bad.back().batch_data->front() ^= 1;
        }
        if (good.tx) {
            bad.push_back(good);
            bad.back().tx->value += 1;
        }
        if (good.witness && !good.witness->accounts.empty()) {
            bad.push_back(good);
            bad.back().witness->accounts.front().pre.balance += 1;
        }
        for (const auto& p : bad) {
            ++tried;
            ProofSource src(p, hooks);
            NoMeter meter;
            try {
                const auto v = execute_step(MachineState::decode(p.pre_state), head, r.machine(),
                                            r.dcfg().stf, src, meter, p.witness);
                EXPECT_EQ(v.post, t.state(i + 1)) << "a tampered proof reached another state";
            } catch (const MissingData&) {
                ++refused;
            }
        }
    }
    EXPECT_GT(tried, 20u);
    EXPECT_EQ(refused, tried);
}

TEST(FaultMachine, StateEncodingIsCanonical) {
    MachineState s = end_of_block_state(Hash32{}, 9, 3, 2);
    EXPECT_EQ(MachineState::decode(s.encode()), s);
    EXPECT_TRUE(is_end_of_block(s));
    MachineState open = s;
    open.cursor.forced_done = true;
    open.cursor.in_batch = true;
    open.cursor.batch_tx_count = 2;
    open.cursor.tx_index = 1;
    EXPECT_EQ(MachineState::decode(open.encode()), open);
    MachineState done = open;
    done.cursor.tx_index = 2;  // nothing left: must have been closed
    EXPECT_THROW(MachineState::decode(done.encode()), DecodeError);
    MachineState closed = s;
    closed.cursor.batch_tx_count = 1;  // batch fields of a closed batch
    EXPECT_THROW(MachineState::decode(closed.encode()), DecodeError);
    MachineState zero = s;
    zero.cursor.block = 0;
    EXPECT_THROW(MachineState::decode(zero.encode()), DecodeError);
    EXPECT_THROW(MachineState::decode(Bytes{0xc0}), DecodeError);
}

RC_GTEST_PROP(FaultMachine, ProofCodecRoundTripsAndRejectsMutations, ()) {
    // A real proof from a small history, then random byte mutations: decode either refuses or
    // re-encodes exactly (canonical).
    static const std::vector<Bytes> proofs = [] {
        rollup::SequencerConfig cfg;
        Rollup r(cfg);
        r.busy_history();
        ChainSource source(r.inbox, r.machine());
        source.sync(r.world.chain());
        Trace t(r.machine(), r.dcfg().stf, source, RecordCaps{}, genesis_state(), rollup::L2State(),
                r.world.block_number() - 1);
        std::vector<Bytes> out;
        for (std::uint64_t i = 0; i < t.length(); ++i)
            out.push_back(t.prove(i).encode());
        return out;
    }();
    const Bytes& p = proofs[*rc::gen::inRange<std::size_t>(0, proofs.size())];
    Bytes m = p;
    const auto pos = *rc::gen::inRange<std::size_t>(0, m.size());
    m[pos] ^= *rc::gen::inRange<std::uint8_t>(1, 255);
    try {
        const OneStepProof d = OneStepProof::decode(m);
        RC_ASSERT(d.encode() == m);
    } catch (const DecodeError&) {
    }
}
