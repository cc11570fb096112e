#include "l2lab/validity/stark_state.hpp"

#include <string_view>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"

namespace l2lab::validity {

namespace {
constexpr std::string_view kHeaderTag = "l2lab/validity/stark/state/v2";
}

Hash32 stark_header_key() {
    static const Hash32 key = crypto::keccak256(as_bytes(kHeaderTag));
    return key;
}

Hash32 stark_header_leaf(const stark::rescue::Digest& account_root, std::uint64_t registered) {
    const Hash32 a = stark::digest_bytes(account_root);
    Bytes buf(a.bytes.begin(), a.bytes.end());
    for (int i = 7; i >= 0; --i) buf.push_back(static_cast<std::uint8_t>(registered >> (8 * i)));
    return crypto::keccak256(buf);
}

Hash32 StarkStateCommitment::header_leaf() const { return stark_header_leaf(account_root, registered); }

Bytes StarkStateCommitment::encode() const {
    rlp::ListBuilder b;
    b.add_hash(stark::digest_bytes(account_root)).add_u64(registered).add_hash(tree_root);
    return b.finish();
}

StarkStateCommitment StarkStateCommitment::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_input_bytes = 256;
    lim.max_depth = 1;
    const auto item = rlp::decode(encoding, lim);
    const auto& f = item.fields(3);
    StarkStateCommitment c;
    const Hash32 a = f[0].hash();
    for (std::size_t j = 0; j < stark::rescue::kDigestSize; ++j) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | a.bytes[8 * j + i];
        if (v >= stark::Fp::kModulus)
            throw DecodeError(DecodeErrorKind::InvalidValue, f[0].offset(), "stark state: digest word >= p");
        c.account_root[j] = stark::Fp::from_u64(v);
    }
    c.registered = f[1].u64_value();
    c.tree_root = f[2].hash();
    return c;
}

stark::RescueAccountTree stark_account_tree(const rollup::L2State& state, unsigned depth) {
    stark::RescueAccountTree tree(depth);
    const std::uint64_t n = state.registered_count();
    if (n > tree.capacity())
        throw stark::UnsupportedAccount("stark state: " + std::to_string(n) + " registered accounts exceed 2^" +
                                        std::to_string(depth));
    for (const auto& [a, acct] : state.accounts()) {
        if (!state.account_index(a))
            throw stark::UnsupportedAccount("stark state: account " + a.hex() +
                                            " is not empty but not registered (the commitment covers registered "
                                            "accounts; zk-mode batches register every account they change)");
    }
    for (std::uint64_t i = 0; i < n; ++i) {
        const Address a = *state.registered_address(i);
        const rollup::L2Account acct = state.account(a);
        tree.set_leaf(i, stark::account_leaf_digest(a, acct.nonce, acct.balance));
    }
    return tree;
}

crypto::SparseMerkleTree stark_keccak_tree(const rollup::L2State& state, const stark::rescue::Digest& account_root) {
    crypto::SparseMerkleTree t(crypto::HashKind::Keccak256);
    std::vector<crypto::SmtUpdate> updates;
    const std::uint64_t n = state.registered_count();
    const auto withdrawals = state.withdrawals();
    updates.reserve(n + withdrawals.size() + 1);
    updates.push_back({stark_header_key(), stark_header_leaf(account_root, n)});
    for (std::uint64_t i = 0; i < n; ++i) {
        updates.push_back({rollup::account_index_key(*state.registered_address(i)), rollup::registry_leaf(i)});
    }
    for (const auto& w : withdrawals) {
        updates.push_back({rollup::withdrawal_key(w.sender, w.nonce), rollup::withdrawal_leaf(w.l1_recipient, w.amount)});
    }
    t.update(updates);
    return t;
}

StarkStateCommitment stark_state_commitment(const rollup::L2State& state, unsigned depth) {
    const stark::rescue::Digest account_root = stark_account_tree(state, depth).root();
    return {account_root, state.registered_count(), stark_keccak_tree(state, account_root).root()};
}

crypto::SmtProof stark_withdrawal_proof(const rollup::L2State& state, unsigned depth, const Address& sender,
                                        std::uint64_t nonce) {
    if (!state.withdrawal(sender, nonce))
        throw StateError("stark withdrawal proof: no withdrawal (" + sender.hex() + ", " + std::to_string(nonce) +
                         ") in the state");
    const stark::rescue::Digest account_root = stark_account_tree(state, depth).root();
    return stark_keccak_tree(state, account_root).prove(rollup::withdrawal_key(sender, nonce));
}

}  // namespace l2lab::validity
