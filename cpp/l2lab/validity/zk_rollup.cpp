#include "l2lab/validity/zk_rollup.hpp"

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/validity/witness.hpp"

namespace l2lab::validity {

using namespace l2lab::rollup;

Address create_address(const Address& deployer, std::uint64_t nonce) {
    rlp::ListBuilder b;
    b.add_address(deployer).add_u64(nonce);
    const Hash32 h = crypto::keccak256(b.finish());
    Address a;
    std::copy(h.bytes.begin() + 12, h.bytes.end(), a.bytes.begin());
    return a;
}

RebuildCheck check_rebuilt_roots(const Derivation& node, const l1::Chain& chain, const Address& verifier,
                                 const ProofSystem& system) {
    if (node.config().format != BatchFormat::StateDiff) {
        throw InvalidArgument("check_rebuilt_roots: the node must derive the state_diff format");
    }
    RebuildCheck out;
    out.proven = verifier_status(chain, verifier).proven;
    const std::size_t n = std::min<std::size_t>(out.proven, node.batches().size());
    L2State state;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& diff = node.diffs()[i];
        auto mismatch = [&](std::string why) {
            out.mismatch = i;
            out.detail = "batch " + std::to_string(i) + ": " + std::move(why);
            return out;
        };
        if (diff) {
            try {
                apply_state_diff(state, *diff);
            } catch (const StateError& e) {
                return mismatch(e.what());
            }
        }
        const auto proven = verifier_batch_root(chain, verifier, i);
        if (!proven) return mismatch("the verifier holds no root for it");
        Hash32 rebuilt;
        try {
            rebuilt = system.state_root(state);
        } catch (const InvalidArgument& e) {
            return mismatch(std::string("the rebuilt state has no ") + system.name() + " root: " + e.what());
        }
        if (rebuilt != *proven) {
            const std::string applied = diff ? "the posted diffs rebuild " : "the node applied no diff (" +
                                                                                 node.batches()[i].decode_error +
                                                                                 ") and holds ";
            return mismatch(applied + rebuilt.hex() + ", the verifier proved " + proven->hex());
        }
        out.checked = i + 1;
    }
    return out;
}

ZkRollup deploy_zk_rollup(sim::World& world, const ZkRollupConfig& c) {
    auto proof_system = c.proof_system ? c.proof_system : std::make_shared<WitnessProofSystem>();
    sim::Account seq_account = world.new_account(c.sequencer_balance);
    sim::Account prover_account = world.new_account(c.prover_balance);
    const Address deployer = seq_account.address;
    auto& chain = world.chain();
    const std::uint64_t n = chain.nonce(deployer);
    const Address inbox_at = create_address(deployer, n);
    const Address verifier_at = create_address(deployer, n + 1);
    const StfConfig stf{c.chain_id, deployer};
    auto inbox = std::make_shared<const InboxContract>(
        InboxConfig{deployer, verifier_at, std::make_shared<const ProvenFinality>(verifier_at)});
    const Address inbox_addr = chain.deploy(inbox, deployer);
    auto verifier = std::make_shared<const ZkVerifier>(
        VerifierConfig{inbox_addr, stf, c.forced_window, proof_system, proof_system->state_root(L2State{})});
    const Address verifier_addr = chain.deploy(verifier, deployer);
    if (inbox_addr != inbox_at || verifier_addr != verifier_at) {
        throw StateError("zk rollup: contracts did not land at their CREATE addresses");
    }
    const DerivationConfig derivation{inbox_addr, stf, c.forced_window, c.max_decompressed,
                                      BatchFormat::StateDiff};
    SequencerConfig sc;
    sc.derivation = derivation;
    sc.codec = c.codec;
    sc.level = c.level;
    sc.da = c.da;
    sc.ordering = c.ordering;
    sc.max_batch_txs = c.max_batch_txs;
    sc.max_batch_bytes = c.max_batch_bytes;
    sc.post_every_blocks = c.post_every_blocks;
    sc.propose_every_blocks = 0;  // roots come from the verifier
    sc.max_wait_blocks = c.max_wait_blocks;
    sc.max_delay_blocks = c.max_delay_blocks;
    auto sequencer = std::make_shared<Sequencer>(seq_account, sc);
    world.add_actor(sequencer);
    std::shared_ptr<ProverActor> prover;
    if (c.with_prover) {
        prover = std::make_shared<ProverActor>(
            prover_account, ProverConfig{inbox_addr, verifier_addr, derivation, proof_system}, sequencer);
        world.add_actor(prover);
    }
    return ZkRollup{inbox_addr, verifier_addr, std::move(seq_account), std::move(prover_account), stf,
                    derivation, std::move(sequencer), std::move(prover), std::move(proof_system)};
}

}  // namespace l2lab::validity
