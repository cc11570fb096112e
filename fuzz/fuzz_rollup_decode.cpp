// libFuzzer target for the rollup decoders not covered by the batch/codec/STF/state-diff targets.
// The first byte selects the decoder (modulo 5), the rest is its input:
//   0 StepWitness::decode      accepted input re-encodes to itself (strict canonical);
//   1 Derivation::load_state   accepted input is exactly what save_state() returns afterwards;
//                              rejected input leaves the node unchanged;
//   2 Sequencer::load_state_bytes   as 1, for the sequencer;
//   3 withdrawal claim: rlp([sender, nonce, l1_recipient, amount, proof]) checked as the inbox
//     does against a fixed L2 state's root; a claim that verifies must be a recorded withdrawal
//     with exactly those fields (soundness);
//   4 inbox calldata: any bytes sent to a deployed InboxContract (by its sequencer, with 1 wei)
//     whose registry holds the fixed state's root, final at once: the call succeeds or reverts
//     and never changes the chain (view_call); a successful finalize_withdrawal (selector 5) is a
//     recorded withdrawal with exactly those fields.
// DecodeError is the only acceptable exception; anything else is a crash.
#include <cstddef>
#include <cstdint>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/sequencer.hpp"
#include "l2lab/rollup/stf.hpp"

namespace {

using namespace l2lab;
using namespace l2lab::rollup;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

bool same(BytesView a, const Bytes& b) {
    return a.size() == b.size() && std::equal(b.begin(), b.end(), a.begin());
}

DerivationConfig derivation_config() {
    DerivationConfig c;
    c.inbox = Address::from_hex_text("0x00000000000000000000000000000000000001b0");
    c.forced_window = 4;
    return c;
}

// Four accounts (keys 0xC1..0xC4) funded by deposits, each with one withdrawal of 7*i wei to
// the L1 address 0x0i00..00 (nonce 0, fee 0). Built through the STF so seeds are reproducible.
const L2State& claim_state() {
    static const L2State s = [] {
        L2State st;
        StfConfig cfg;
        for (std::uint8_t i = 1; i <= 4; ++i) {
            const auto key = crypto::PrivateKey::from_int(u256(0xC0 + i));
            (void)apply_op(st, cfg, Op{Deposit{i, Address{}, key.address(), u256(1000) * i}});
            L2Tx tx;
            tx.kind = TxKind::Withdrawal;
            tx.chain_id = cfg.chain_id;
            tx.to.bytes[0] = i;
            tx.value = u256(7) * i;
            tx.sign(key);
            (void)apply_op(st, cfg, Op{tx});
        }
        st.clear_journal();
        return st;
    }();
    return s;
}

void fuzz_claim(BytesView in) {
    rlp::Limits lim;
    lim.max_depth = 1;
    const auto item = rlp::decode(in, lim);
    const auto& f = item.fields(5);
    const WithdrawalRecord w{f[0].address(), f[1].u64_value(), f[2].address(), f[3].u256_value()};
    const auto proof = crypto::SmtProof::decode(f[4].bytes());
    const L2State& st = claim_state();
    if (crypto::smt_verify(crypto::HashKind::Keccak256, st.state_root(), withdrawal_key(w.sender, w.nonce),
                           withdrawal_leaf(w.l1_recipient, w.amount), proof)) {
        const auto rec = st.withdrawal(w.sender, w.nonce);
        check(rec.has_value() && *rec == w);
    }
}

struct InboxEnv {
    sim::World world{1};
    sim::Account seq = world.new_account(u256(1'000'000'000'000'000'000ull));
    Address inbox;
    InboxEnv() {
        InboxConfig ic{seq.address, seq.address, std::make_shared<TrustedFinality>(0)};
        inbox = world.chain().deploy(std::make_shared<InboxContract>(ic), seq.address);
        (void)world.call(seq, inbox, inbox_deposit(seq.address), u256(1'000'000));
        world.mine(1);
        (void)world.call(seq, inbox, inbox_propose_root(0, claim_state().state_root()));
        world.mine(1);
        check(inbox_root_count(world.chain(), inbox) == 1);
    }
};

void fuzz_inbox(BytesView in) {
    static InboxEnv env;
    const Hash32 before = env.world.chain().state_digest();
    const auto r = env.world.chain().view_call(env.seq.address, env.inbox, in, 2'000'000, 1);
    check(env.world.chain().state_digest() == before);
    if (!r.success()) return;
    // Success: the calldata parsed; a finalize_withdrawal must be sound.
    rlp::Limits lim;
    lim.max_depth = 1;
    const auto item = rlp::decode(in, lim);
    const auto& f = item.items();
    if (f.empty() || f[0].u64_value() != 5) return;
    const WithdrawalRecord w{f[2].address(), f[3].u64_value(), f[4].address(), f[5].u256_value()};
    const auto rec = claim_state().withdrawal(w.sender, w.nonce);
    check(f[1].u64_value() == 0 && rec.has_value() && *rec == w);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const BytesView in{data + 1, size - 1};
    try {
        switch (data[0] % 5) {
            case 0: check(same(in, StepWitness::decode(in).encode())); break;
            case 1: {
                Derivation d(derivation_config());
                const Bytes before = d.save_state();
                try {
                    d.load_state(in);
                } catch (const DecodeError&) {
                    check(d.save_state() == before);
                    throw;
                }
                check(same(in, d.save_state()));
                break;
            }
            case 2: {
                SequencerConfig cfg;
                cfg.derivation = derivation_config();
                const auto key = crypto::PrivateKey::from_int(u256(77));
                Sequencer s(sim::Account{key, key.address()}, cfg);
                const Bytes before = s.save_state_bytes();
                try {
                    s.load_state_bytes(in);
                } catch (const DecodeError&) {
                    check(s.save_state_bytes() == before);
                    throw;
                }
                check(same(in, s.save_state_bytes()));
                break;
            }
            case 3: fuzz_claim(in); break;
            default: fuzz_inbox(in); break;
        }
    } catch (const DecodeError&) {
    }
    return 0;
}
