"""Withdrawals in the `stark` proof system from Python: on a World, a zk rollup proving with the
STARK takes deposits, transfers, an L2 withdrawal and a forced withdrawal through the L1 queue,
and the withdrawals are paid on L1 once the batch is proven (balances checked), once each; a
claim with an altered record or a proof of another tree reverts; a prover whose posted diff
omits or alters a withdrawal is refused; the claim proof opens the record under the stark root
and not under the pre-root."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import crypto as C
from l2lab import rollup as R
from l2lab import validity as V

KEYS = [l2lab.PrivateKey.from_int(5000 + i) for i in range(4)]
ETH = 10**18
FEE = l2lab.Address("0xfee0000000000000000000000000000000000fee")
STF = R.StfConfig(chain_id=901, fee_recipient=FEE)
L1_A = l2lab.Address("0x1100000000000000000000000000000000000001")
L1_B = l2lab.Address("0x1100000000000000000000000000000000000002")


def sign(k: int, to, value: int, nonce: int, fee: int = 1, kind=R.TxKind.TRANSFER) -> R.L2Tx:
    t = R.L2Tx(kind=kind, chain_id=901, nonce=nonce, fee=fee, to=to, value=value)
    t.sign(KEYS[k])
    return t


def reverted(w, out) -> str:
    r = w.chain.receipt(out.tx_hash)
    assert r is not None, "not included"
    return "" if r.success else r.revert_reason


def test_deposit_transfer_withdraw_prove_and_claim_on_l1():
    w = l2lab.World(seed=21)
    r = R.Rollup(w, R.RollupConfig(mode="zk", proof_system="stark", forced_window=4, max_batch_txs=8))
    user = w.new_account(balance=100 * ETH)
    for k in KEYS[:2]:
        r.deposit(user, k.address, ETH)
    w.run(2)
    r.submit(r.transfer(KEYS[0], KEYS[2].address, 10**15, fee=1, nonce=0))
    r.submit(r.transfer(KEYS[0], L1_A, ETH // 4, fee=3, nonce=1, kind=R.TxKind.WITHDRAWAL))
    r.force_tx(user, sign(1, L1_B, ETH // 10, 0, fee=0, kind=R.TxKind.WITHDRAWAL))
    for _ in range(12):
        w.run(1)
        node = r.verifier()
        if len(node.state.withdrawals()) == 2 and r.status().proven == len(node.batches):
            break
    node = r.verifier()
    assert r.status().proven == len(node.batches), r.prover.stall_reason
    assert all(rec.accepted for rec in r.prover.records), [rec.failure for rec in r.prover.records]
    assert bytes(r.status().root) == bytes(r.proof_system.state_root(node.state))
    assert [(x.sender, x.nonce, x.l1_recipient, x.amount) for x in node.state.withdrawals()] == sorted(
        [(KEYS[0].address, 1, L1_A, ETH // 4), (KEYS[1].address, 0, L1_B, ETH // 10)])
    payer = w.new_account(balance=ETH)
    # An altered record does not open under the root.
    good = r.withdrawal_claim(KEYS[0].address, 1)
    ri = len(r.roots()) - 1
    wd = node.state.withdrawal(KEYS[0].address, 1)
    inflated = R.WithdrawalRecord(wd.sender, wd.nonce, wd.l1_recipient, wd.amount + 1)
    at = V.state_after_batch(node, V.verifier_root_batch(w.chain, r.verifier_address, ri))
    proof = r.proof_system.withdrawal_proof(at, wd.sender, wd.nonce)
    out = w.call(payer, r.inbox, R.inbox_finalize_withdrawal(ri, inflated, proof))
    w.mine(1)
    assert reverted(w, out) == "invalid withdrawal proof"
    # The Keccak state tree's proof is for another root.
    out = w.call(payer, r.inbox, R.inbox_finalize_withdrawal(ri, wd, at.prove_withdrawal(wd.sender, wd.nonce)))
    w.mine(1)
    assert reverted(w, out) == "invalid withdrawal proof"
    assert w.chain.balance(L1_A) == 0
    out = w.call(payer, r.inbox, good)
    w.mine(1)
    assert reverted(w, out) == ""
    assert w.chain.balance(L1_A) == ETH // 4
    out = w.call(payer, r.inbox, good)
    w.mine(1)
    assert reverted(w, out) == "withdrawal already finalized"
    assert w.chain.balance(L1_A) == ETH // 4
    out = w.call(payer, r.inbox, r.withdrawal_claim(KEYS[1].address, 0))
    w.mine(1)
    assert reverted(w, out) == ""
    assert w.chain.balance(L1_B) == ETH // 10
    assert at.account(KEYS[0].address).balance == ETH - 10**15 - 1 - ETH // 4 - 3
    with pytest.raises(l2lab.StateError):
        r.withdrawal_claim(KEYS[0].address, 0)  # a transfer, not a withdrawal


def funded() -> R.L2State:
    s = R.L2State()
    for k in KEYS:
        s.set_account(k.address, R.L2Account(0, ETH))
        s.register_account(k.address)
    return s


def test_the_claim_proof_opens_the_record_under_the_stark_post_root_only():
    system = V.make_proof_system("stark")
    pre = funded()
    b = V.prepare_batch(pre, STF, 0, 0, [], [sign(0, L1_A, 777, 0, kind=R.TxKind.WITHDRAWAL)])
    st = b.statement.copy()
    st.pre_root = system.state_root(pre)
    st.post_root = system.state_root(b.post_state)
    assert system.verify(st, system.prove(st, b.witness))
    key = R.withdrawal_key(KEYS[0].address, 0)
    leaf = R.withdrawal_leaf(L1_A, 777)
    proof = system.withdrawal_proof(b.post_state, KEYS[0].address, 0)
    assert C.smt_verify(st.post_root, key, leaf, proof)
    assert not C.smt_verify(st.pre_root, key, leaf, proof)
    assert not C.smt_verify(st.post_root, key, R.withdrawal_leaf(L1_A, 778), proof)
    with pytest.raises(l2lab.StateError):
        system.withdrawal_proof(pre, KEYS[0].address, 0)


@pytest.mark.parametrize("lie", ["omit", "amount", "recipient"])
def test_a_prover_whose_diff_omits_or_alters_a_withdrawal_is_refused(lie):
    system = V.make_proof_system("stark")
    pre = funded()
    txs = [sign(0, KEYS[1].address, 5, 0), sign(0, L1_A, 777, 1, kind=R.TxKind.WITHDRAWAL)]
    b = V.prepare_batch(pre, STF, 0, 0, [], txs)
    data = V.decode_diff_batch(b.witness.frame)
    ws = list(data.diff.withdrawals)
    assert len(ws) == 1
    if lie == "omit":
        ws = []
    elif lie == "amount":
        ws[0].amount += 1
    else:
        ws[0].l1_recipient = L1_B
    diff = data.diff
    diff.withdrawals = ws
    data.diff = diff
    frame = V.encode_diff_batch(data, "zstd", 3)
    st = V.make_statement(STF, 0, system.state_root(pre), system.state_root(b.post_state), data, "calldata",
                          frame, [])
    with pytest.raises(V.ProofRefusedError) as e:
        system.prove(st, V.BatchWitness(pre, [], txs, frame))
    assert e.value.failure == "diff_mismatch"
