// libFuzzer target: the one-step fault proof, differentially (SCENARIOS.md F7).
// A fixed L1 history (deposits, transfers, a withdrawal, forced txs past a queue-ignoring
// sequencer, a malformed batch) gives a derivation-machine trace. The first input byte selects:
//   even: random pre-state x one step. The rest of the input builds a random L2 state (nonces
//         and balances of 4 keys and of 2 other addresses); a trace step that applies an op is
//         picked; the off-chain STF (apply_op on the full state) and the on-chain verifier
//         (execute_step from the pre-state root, the step's L1 data and a witness) must reach
//         the same post-state. Then the witness's encoding is mutated: the verifier must refuse
//         it or reach that same post-state (a witness can never move the result).
//   odd:  a trace step's whole one-step proof is mutated byte-wise: decoding refuses it, or
//         execution refuses it, or it reaches exactly the trace's next state.
// Anything else (another post-state, an exception other than the typed ones) is a crash.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "l2lab/core/error.hpp"
#include "l2lab/fault/proof.hpp"
#include "l2lab/fault/trace.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::fault;

void check(bool ok) {
    if (!ok)
        __builtin_trap();
}

constexpr std::uint64_t kEth = 1'000'000'000'000'000'000ull;

struct History {
    sim::World world{21};
    Address inbox;
    rollup::SequencerConfig cfg;
    std::unique_ptr<ChainSource> source;
    std::unique_ptr<Trace> trace;
    std::vector<crypto::PrivateKey> keys;
    std::vector<std::uint64_t> op_steps;  // trace steps that apply an op
    std::uint64_t target = 0;

    History() {
        auto seq_acct = world.new_account(u256(1000) * kEth);
        rollup::InboxConfig ic{seq_acct.address, seq_acct.address,
                               std::make_shared<rollup::TrustedFinality>(5)};
        inbox = world.chain().deploy(std::make_shared<rollup::InboxContract>(ic), seq_acct.address);
        cfg.derivation.inbox = inbox;
        cfg.derivation.forced_window = 3;
        cfg.derivation.stf.fee_recipient = seq_acct.address;
        cfg.ignore_queue = true;
        auto seq = std::make_shared<rollup::Sequencer>(seq_acct, cfg);
        world.add_actor(seq);
        for (int i = 0; i < 4; ++i)
            keys.push_back(crypto::PrivateKey::from_int(u256(300 + i)));
        auto alice = world.new_account(u256(100) * kEth);
        std::uint64_t nonce[4] = {0, 0, 0, 0};
        auto tx = [&](int from, int to, u256 value, rollup::TxKind kind) {
            rollup::L2Tx t;
            t.kind = kind;
            t.chain_id = cfg.derivation.stf.chain_id;
            t.nonce = nonce[from]++;
            t.fee = 3;
            t.to = keys[static_cast<std::size_t>(to)].address();
            t.value = value;
            t.sign(keys[static_cast<std::size_t>(from)]);
            return t;
        };
        (void)world.call(alice, inbox, rollup::inbox_deposit(keys[0].address()), kEth);
        (void)world.call(alice, inbox, rollup::inbox_deposit(keys[1].address()), kEth / 2);
        world.run(5);
        seq->mutable_config().ignore_queue = false;
        for (int i = 0; i < 3; ++i)
            seq->submit(tx(0, 1 + i % 3, 1000 + i, rollup::TxKind::Transfer), world.block_number());
        seq->submit(tx(1, 2, 77, rollup::TxKind::Withdrawal), world.block_number());
        world.run(2);
        (void)world.call(alice, inbox,
                         rollup::inbox_force_tx(tx(3, 0, 5, rollup::TxKind::Transfer).encode()));
        (void)world.call(seq_acct, inbox, rollup::inbox_append_batch(Bytes{1, 1, 0xde, 0xad}));
        world.run(6);
        target = world.block_number() - 1;
        source = std::make_unique<ChainSource>(inbox, machine());
        source->sync(world.chain());
        trace = std::make_unique<Trace>(machine(), cfg.derivation.stf, *source, RecordCaps{},
                                        genesis_state(), rollup::L2State(), target);
        for (std::uint64_t i = 0; i < trace->length(); ++i) {
            const auto k = trace->step_kind(i);
            if (k == StepKind::QueueOp || k == StepKind::BatchTx)
                op_steps.push_back(i);
        }
    }
    MachineConfig machine() const {
        return {cfg.derivation.forced_window, cfg.derivation.max_decompressed};
    }
};

const History& history() {
    static const History h;
    return h;
}

struct Reader {
    const std::uint8_t* p;
    std::size_t n;
    std::uint8_t byte() {
        if (n == 0)
            return 0;
        --n;
        return *p++;
    }
    std::uint64_t u64(int bytes) {
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i)
            v = (v << 8) | byte();
        return v;
    }
};

// Execute with the chain's records; nullopt when refused with a typed error.
std::optional<MachineState> verify(const OneStepProof& proof) {
    const History& h = history();
    ChainProofHooks hooks(h.world.chain(), h.inbox);
    ProofSource src(proof, hooks);
    NoMeter meter;
    try {
        const MachineState pre = MachineState::decode(proof.pre_state);
        return execute_step(pre, h.target, h.machine(), h.cfg.derivation.stf, src, meter,
                            proof.witness)
            .post;
    } catch (const MissingData&) {
    } catch (const DecodeError&) {
    } catch (const InvalidArgument&) {
    }
    return std::nullopt;
}

void random_pre_state(Reader& in) {
    const History& h = history();
    const std::uint64_t step = h.op_steps[in.byte() % h.op_steps.size()];
    // A random pre-state: the 4 keys and 2 stray addresses with random nonce and balance.
    rollup::L2State state;
    for (int i = 0; i < 6; ++i) {
        Address a = i < 4 ? h.keys[static_cast<std::size_t>(i)].address() : Address{};
        if (i >= 4)
            a.bytes[0] = static_cast<std::uint8_t>(i);
        rollup::L2Account acct;
        acct.nonce = in.u64(1) % 4;
        acct.balance =
            u256(in.u64(3)) * (in.byte() % 2 == 0 ? u256(1) : u256(1'000'000'000'000ull));
        state.set_account(a, acct);
    }
    const OneStepProof real = h.trace->prove(step);
    MachineState pre = h.trace->state(step);
    pre.state_root = state.state_root();
    // Off-chain: the full-state STF on this pre-state.
    rollup::L2State full = state.clone();
    NoMeter meter;
    ChainProofHooks hooks(h.world.chain(), h.inbox);
    ProofSource src(real, hooks);
    const StepAction a = next_action(pre.cursor, h.target, h.machine(), src, meter);
    check(a.op.has_value());
    rollup::StepWitness witness;
    (void)rollup::apply_op(full, h.cfg.derivation.stf, *a.op, nullptr, &witness);
    MachineState expected{full.state_root(), a.next};
    // On-chain: the verifier from the root, the L1 data and the witness.
    OneStepProof proof = real;
    proof.pre_state = pre.encode();
    proof.witness = witness;
    const auto got = verify(proof);
    check(got.has_value() && *got == expected);
    // Mutated witnesses never move the result.
    Bytes enc = witness.encode();
    const int flips = in.byte() % 4 + 1;
    for (int i = 0; i < flips && !enc.empty(); ++i) {
        enc[in.u64(2) % enc.size()] ^= static_cast<std::uint8_t>(in.byte() | 1);
    }
    try {
        proof.witness = rollup::StepWitness::decode(enc);
    } catch (const DecodeError&) {
        return;
    }
    const auto mutated = verify(proof);
    check(!mutated || *mutated == expected);
}

void mutated_proof(Reader& in) {
    const History& h = history();
    const std::uint64_t step = in.u64(2) % (h.trace->length() + 1);
    Bytes enc = h.trace->prove(step).encode();
    const int flips = in.byte() % 6;
    for (int i = 0; i < flips; ++i) {
        enc[in.u64(3) % enc.size()] ^= static_cast<std::uint8_t>(in.byte() | 1);
    }
    OneStepProof proof;
    try {
        proof = OneStepProof::decode(enc);
    } catch (const DecodeError&) {
        return;
    }
    check(proof.encode() == enc);  // strict: accepted bytes are canonical
    const auto got = verify(proof);
    if (!got)
        return;
    // Only the step from this pre-state can be reached; a proof for another pre-state must
    // reach that state's successor.
    const MachineState pre = MachineState::decode(proof.pre_state);
    for (std::uint64_t i = 0; i <= h.trace->length(); ++i) {
        if (h.trace->state(i) == pre) {
            check(*got == h.trace->state(i + 1));
            return;
        }
    }
    // A pre-state off the trace (mutated): the machine still ran the real STF on it; nothing
    // more to compare against.
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    Reader in{data + 1, size - 1};
    if (data[0] % 2 == 0) {
        random_pre_state(in);
    } else {
        mutated_proof(in);
    }
    return 0;
}
