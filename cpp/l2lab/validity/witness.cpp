#include "l2lab/validity/witness.hpp"

#include <map>
#include <set>
#include <string_view>

#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/inbox.hpp"
#include "l2lab/rollup/state_diff.hpp"
#include "l2lab/validity/batch_builder.hpp"

namespace l2lab::validity {

namespace {

using namespace l2lab::rollup;
constexpr std::string_view kTag = "l2lab/validity/witness/v1";

// The failure that ends a check: thrown internally, turned into a Verdict.
struct Reject {
    Failure failure;
    std::string detail;
};
[[noreturn]] void reject(Failure f, std::string detail = {}) { throw Reject{f, std::move(detail)}; }

std::uint64_t keccak_gas(std::size_t bytes) { return l1::gas::keccak_cost(bytes); }

Bytes account_rlp(const L2Account& a) {
    rlp::ListBuilder b;
    b.add_u64(a.nonce).add_u256(a.balance);
    return b.finish();
}

// The whole verification; `gas` accumulates what an EVM verifier would pay.
void run_check(const Statement& st, BytesView proof_bytes, const WitnessOptions& opt,
               std::uint64_t& gas) {
    gas += kCopyGasPerWord * l1::gas::words(proof_bytes.size());
    WitnessProof p = [&] {
        try {
            return WitnessProof::decode(proof_bytes);
        } catch (const DecodeError& e) {
            const std::string what = e.what();
            if (what.find("witness proof: tag") != std::string::npos) reject(Failure::WrongSystem, what);
            reject(Failure::MalformedProof, what);
        }
    }();
    gas += keccak_gas(st.encode().size());
    if (p.statement_hash != st.hash()) reject(Failure::StatementMismatch, "the proof is for another statement");
    // 2. data commitment (keccak of the calldata frame, or the versioned hash of its blob)
    gas += st.da == BatchDa::Calldata ? keccak_gas(p.frame.size()) : kPointEvaluationGas;
    try {
        if (data_commitment(st.da, p.frame) != st.data_commitment) reject(Failure::DataCommitmentMismatch);
    } catch (const InvalidArgument& e) {
        reject(Failure::DataCommitmentMismatch, e.what());
    }
    // 3. the frame
    DiffBatch batch;
    try {
        batch = decode_diff_batch(p.frame, opt.max_decompressed);
    } catch (const DecodeError& e) {
        reject(Failure::MalformedData, e.what());
    }
    gas += kDecompressGasPerByte * encode_diff_batch_payload(batch).size();
    if (batch.queue_start != st.queue_start || batch.queue_end != st.queue_end) {
        reject(Failure::QueueMismatch, "the frame's queue range differs from the statement's");
    }
    // 4. queue items
    if (p.queue_ops.size() != st.queue_end - st.queue_start) {
        reject(Failure::QueueMismatch, "one queue op per consumed item expected");
    }
    Hash32 digest{};
    for (const auto& op : p.queue_ops) {
        const Bytes enc = encode_op(op);
        gas += keccak_gas(enc.size()) + keccak_gas(64);
        digest = queue_digest_step(digest, crypto::keccak256(enc));
    }
    if (digest != st.queue_digest) reject(Failure::QueueMismatch, "queue digest differs");
    // 5. the multiproof and the listed accounts
    gas += keccak_gas(65) * p.tree.hashes();
    if (p.tree.root() != st.pre_root) reject(Failure::PreRootMismatch, "the multiproof's root");
    L2State mini;
    std::set<Hash32> keyed;  // account keys already hashed
    for (const auto& [addr, acct] : p.accounts) {
        const Hash32 key = account_key(addr);
        keyed.insert(key);
        gas += keccak_gas(40) + keccak_gas(account_rlp(acct).size());
        Hash32 leaf;
        const auto found = p.tree.lookup(key, &leaf);
        if (found == TreeLookup::Unknown) reject(Failure::WitnessIncomplete, "listed account not in the multiproof");
        if (found != TreeLookup::Present || leaf != *account_leaf(acct)) {
            reject(Failure::WitnessInconsistent, "listed account differs from the multiproof");
        }
        mini.set_account(addr, acct);
    }
    const L2State mini_pre = mini.clone();
    // 6. re-execution
    const StfConfig cfg{st.chain_id, st.fee_recipient};
    Hash32 root = st.pre_root;
    const std::size_t n_queue = p.queue_ops.size();
    const std::size_t n_ops = n_queue + p.txs.size();
    // value_bytes: the preimage hashed into the leaf value (0: the value is written as is).
    auto write = [&](const Hash32& key, const std::optional<Hash32>& leaf, std::size_t value_bytes) {
        const std::uint64_t before = p.tree.hashes();
        if (!p.tree.set(key, leaf)) reject(Failure::WitnessIncomplete, "a written key is not revealed");
        gas += keccak_gas(65) * (p.tree.hashes() - before) + (value_bytes != 0 ? keccak_gas(value_bytes) : 0);
    };
    for (std::size_t i = 0; i < n_ops; ++i) {
        const Op op = i < n_queue ? p.queue_ops[i] : Op{p.txs[i - n_queue]};
        std::optional<Address> sender;
        if (const auto* tx = std::get_if<L2Tx>(&op)) {
            gas += l1::gas::kEcrecover + keccak_gas(tx->encode().size());
            sender = tx->recover_sender();
        }
        StepWitness mine;
        const StepOutcome out = apply_op(mini, cfg, op, &sender, &mine);
        if (i >= n_queue && !out.applied) {
            reject(Failure::SkippedTx, "sequencer tx " + std::to_string(i - n_queue) + " is skipped (" +
                                           std::string(skip_reason_name(*out.reason)) + ")");
        }
        StepWitness w;
        for (const auto& wa : mine.accounts) {
            const Hash32 key = account_key(wa.address);
            if (keyed.insert(key).second) gas += keccak_gas(40);
            auto proof = p.tree.prove(key);
            if (!proof) reject(Failure::WitnessIncomplete, "a touched account is not revealed");
            w.accounts.push_back({wa.address, wa.pre, std::move(*proof)});
            if (out.applied) {
                const L2Account now = mini.account(wa.address);
                write(key, account_leaf(now), account_rlp(now).size());
            }
        }
        if (out.applied && mine.withdrawal_proof) {
            const auto& tx = std::get<L2Tx>(op);
            const Hash32 key = withdrawal_key(*out.sender, tx.nonce);
            gas += keccak_gas(48);
            auto proof = p.tree.prove(key);
            if (!proof) reject(Failure::WitnessIncomplete, "a withdrawal key is not revealed");
            w.withdrawal_proof = std::move(*proof);
            write(key, withdrawal_leaf(tx.to, tx.value), 64);
        }
        const auto vs = verify_step(cfg, root, op, w);
        if (!vs || vs->outcome.applied != out.applied || vs->post_root != p.tree.root()) {
            reject(Failure::WitnessInconsistent, "stateless re-execution of op " + std::to_string(i));
        }
        root = vs->post_root;
    }
    // 7. the batch closes (rollup::register_accounts): the changed accounts without an index
    // receive the next ones, ascending address. Indices and the registry size are read from the
    // multiproof, so the diff's account names are bound to the pre-root and the registrations to
    // the post-root.
    auto registry_read = [&](const Hash32& key, const char* what) -> std::optional<std::uint64_t> {
        Hash32 leaf;
        const auto found = p.tree.lookup(key, &leaf);
        if (found == TreeLookup::Unknown) reject(Failure::WitnessIncomplete, std::string(what) + " is not revealed");
        if (found == TreeLookup::Absent) return std::nullopt;
        const auto v = registry_value(leaf);
        if (!v) reject(Failure::WitnessInconsistent, std::string(what) + " is not a 64-bit number");
        return v;
    };
    const std::uint64_t registered = registry_read(account_count_key(), "the registry size").value_or(0);
    auto index_before = [&](const Address& a) -> std::optional<std::uint64_t> {
        gas += keccak_gas(46);  // the index key
        const auto i = registry_read(account_index_key(a), "an account's index");
        if (i && *i >= registered) reject(Failure::WitnessInconsistent, "an account index beyond the registry size");
        return i;
    };
    StateDiff expect;
    try {
        expect = make_state_diff(mini_pre, mini, registered, index_before);
    } catch (const InvalidArgument& e) {
        reject(Failure::DiffMismatch, e.what());
    }
    for (std::size_t j = 0; j < expect.new_accounts.size(); ++j) {
        write(account_index_key(expect.new_accounts[j].address), registry_leaf(registered + j), 0);
    }
    if (!expect.new_accounts.empty()) {
        write(account_count_key(), registry_leaf(registered + expect.new_accounts.size()), 0);
    }
    // 8. the post-root
    if (p.tree.root() != st.post_root) reject(Failure::PostRootMismatch, "the transition reaches another root");
    // 9. the posted diff is exactly the transition's
    if (!(expect == batch.diff)) reject(Failure::DiffMismatch, "the posted state diff is not the transition's");
}

}  // namespace

// ---- proof encoding --------------------------------------------------------------------------

Bytes WitnessProof::encode() const {
    rlp::ListBuilder ops;
    for (const auto& op : queue_ops) ops.add_bytes(encode_op(op));
    rlp::ListBuilder txl;
    for (const auto& tx : txs) txl.add_bytes(tx.encode());
    rlp::ListBuilder accts;
    for (const auto& [a, acct] : accounts) {
        rlp::ListBuilder e;
        e.add_address(a).add_u64(acct.nonce).add_u256(acct.balance);
        accts.add_encoded(e.finish());
    }
    rlp::ListBuilder top;
    top.add_bytes(as_bytes(kTag)).add_hash(statement_hash).add_bytes(frame).add_encoded(ops.finish());
    top.add_encoded(txl.finish()).add_encoded(accts.finish()).add_bytes(tree.encode());
    return top.finish();
}

WitnessProof WitnessProof::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_input_bytes = kMaxWitnessProofBytes;
    lim.max_depth = 3;
    lim.max_items = 1u << 22;
    const auto item = rlp::decode(encoding, lim);
    const auto& f = item.fields(7);
    const BytesView tag = f[0].bytes();
    if (std::string_view(reinterpret_cast<const char*>(tag.data()), tag.size()) != kTag) {
        throw DecodeError(DecodeErrorKind::InvalidValue, f[0].offset(),
                          "witness proof: tag is not l2lab/validity/witness/v1");
    }
    const Hash32 statement_hash = f[1].hash();
    const BytesView frame = f[2].bytes();
    const auto& ops = f[3].items();
    const auto& txs = f[4].items();
    const auto& accts = f[5].items();
    std::vector<Op> queue_ops;
    queue_ops.reserve(ops.size());
    for (const auto& o : ops) queue_ops.push_back(decode_op(o.bytes()));
    std::vector<L2Tx> txl;
    txl.reserve(txs.size());
    for (const auto& t : txs) txl.push_back(L2Tx::decode(t.bytes()));
    std::vector<std::pair<Address, L2Account>> accounts;
    for (const auto& e : accts) {
        const auto& g = e.fields(3);
        const Address a = g[0].address();
        const L2Account acct{g[1].u64_value(), g[2].u256_value()};
        if (!accounts.empty() && !(accounts.back().first < a)) {
            throw DecodeError(DecodeErrorKind::NonCanonical, e.offset(),
                              "witness proof: accounts must be strictly ascending");
        }
        if (acct.is_empty()) {
            throw DecodeError(DecodeErrorKind::NonCanonical, e.offset(),
                              "witness proof: an empty account must not be listed");
        }
        accounts.emplace_back(a, acct);
    }
    return WitnessProof{statement_hash, Bytes(frame.begin(), frame.end()), std::move(queue_ops),
                        std::move(txl), std::move(accounts), PartialTree::decode(f[6].bytes())};
}

// ---- the system --------------------------------------------------------------------------------

ProofProperties WitnessProofSystem::properties() const {
    return {false, false,
            "none beyond Keccak-256 collision resistance and secp256k1: the verifier re-executes "
            "the batch itself from a Merkle multiproof of every touched key",
            false};
}

Verdict WitnessProofSystem::check(const Statement& statement, BytesView proof) const {
    Verdict v;
    try {
        run_check(statement, proof, m_options, v.gas);
        v.ok = true;
    } catch (const Reject& r) {
        v.failure = std::string(failure_name(r.failure));
    }
    return v;
}

bool WitnessProofSystem::verify(const Statement& statement, BytesView proof) const {
    return check(statement, proof).ok;
}

std::uint64_t WitnessProofSystem::verify_gas(const Statement& statement, BytesView proof) const {
    return check(statement, proof).gas;
}

WitnessProof WitnessProofSystem::build(const Statement& statement, const BatchWitness& witness) const {
    if (!witness.pre_state) throw InvalidArgument("BatchWitness.pre_state must not be null");
    const L2State& pre = *witness.pre_state;
    if (pre.state_root() != statement.pre_root) {
        throw ProofRefused(Failure::StatementMismatch, "the witness's pre-state root is not the statement's pre_root");
    }
    const StfConfig cfg{statement.chain_id, statement.fee_recipient};
    // Run the batch once to learn every key it touches.
    L2State run = pre.clone();
    std::set<Address> touched;
    std::vector<Hash32> keys;
    std::set<Hash32> seen;
    auto touch = [&](const Hash32& key) {
        if (seen.insert(key).second) keys.push_back(key);
    };
    auto step = [&](const Op& op) {
        StepWitness w;
        const StepOutcome out = apply_op(run, cfg, op, nullptr, &w);
        for (const auto& wa : w.accounts) {
            touched.insert(wa.address);
            touch(account_key(wa.address));
            touch(account_index_key(wa.address));  // read when the batch closes
        }
        if (out.applied && w.withdrawal_proof) {
            touch(withdrawal_key(*out.sender, std::get<L2Tx>(op).nonce));
        }
    };
    for (const auto& op : witness.queue_ops) step(op);
    for (const auto& tx : witness.txs) step(Op{tx});
    touch(account_count_key());
    std::vector<std::pair<Hash32, crypto::SmtProof>> proofs;
    proofs.reserve(keys.size());
    for (const auto& k : keys) proofs.emplace_back(k, pre.prove_key(k));
    WitnessProof p{statement.hash(), witness.frame, witness.queue_ops, witness.txs, {},
                   PartialTree::from_proofs(statement.pre_root, proofs)};
    for (const auto& a : touched) {
        const L2Account acct = pre.account(a);
        if (!acct.is_empty()) p.accounts.emplace_back(a, acct);
    }
    return p;
}

Bytes WitnessProofSystem::prove(const Statement& statement, const BatchWitness& witness) const {
    const Bytes proof = build(statement, witness).encode();
    std::uint64_t gas = 0;
    try {
        run_check(statement, proof, m_options, gas);
    } catch (const Reject& r) {
        throw ProofRefused(r.failure, r.detail);
    }
    return proof;
}

}  // namespace l2lab::validity
