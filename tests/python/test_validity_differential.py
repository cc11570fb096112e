"""V4 differential: the prover path (prepare_batch -> witness/modelled proof -> verification ->
the posted diff applied to the pre-state) and the plain STF (apply_batch) agree on every random
batch; batches with a skipped sequencer tx are refused, and once the sequencer drops such txs the
rest proves."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import l2lab
from l2lab import rollup as R
from l2lab import validity as V

FEE = l2lab.Address("0xfee0000000000000000000000000000000000fee")
STF = R.StfConfig(chain_id=901, fee_recipient=FEE)
KEYS = [l2lab.PrivateKey.from_int(4000 + i) for i in range(6)]
WITNESS = V.WitnessProofSystem()
MODELLED = V.ModelledProofSystem()

tx_spec = st.tuples(
    st.integers(0, 5),                       # sender
    st.integers(0, 6),                       # recipient (6: a fresh address)
    st.sampled_from([0, 1, 10**6, 10**17, 2 * 10**18, 2**255]),  # value
    st.integers(0, 3),                       # fee
    st.integers(-1, 1),                      # nonce offset (-1, +1: wrong nonce)
    st.sampled_from(["transfer", "transfer", "withdrawal", "bad_sig", "wrong_chain"]),
)


def build(balances, deposits, specs):
    pre = R.L2State()
    for i, (k, bal) in enumerate(zip(KEYS, balances)):
        if bal:
            pre.set_account(k.address, R.L2Account(0, bal))
        if i % 2 == 0:  # a registered half (named by index in diffs), funded or not
            pre.register_account(k.address)
    fresh = l2lab.Address("0x" + "77" * 20)
    queue = [R.Deposit(queue_index=i, l1_sender=FEE, to=KEYS[to].address, amount=amt)
             for i, (to, amt) in enumerate(deposits)]
    nonces = [0] * len(KEYS)
    txs = []
    for sender, to, value, fee, off, kind in specs:
        nonce = max(0, nonces[sender] + off)
        t = R.L2Tx(kind=R.TxKind.WITHDRAWAL if kind == "withdrawal" else R.TxKind.TRANSFER,
                   chain_id=902 if kind == "wrong_chain" else 901, nonce=nonce, fee=fee,
                   to=fresh if to == 6 else KEYS[to].address, value=value)
        t.sign(KEYS[sender])
        if kind == "bad_sig":
            t.signature = b"\x00" * 65
        if off == 0 and kind in ("transfer", "withdrawal"):
            nonces[sender] += 1
        txs.append(t)
    return pre, queue, txs


batches = (st.lists(st.sampled_from([0, 5, 10**18]), min_size=6, max_size=6),
           st.lists(st.tuples(st.integers(0, 5), st.sampled_from([1, 10**9, 10**18])), max_size=3),
           st.lists(tx_spec, max_size=12))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(*batches)
def test_prover_path_agrees_with_the_plain_stf(balances, deposits, specs):
    check_differential(balances, deposits, specs)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(*batches)
def test_prover_path_agrees_with_the_plain_stf_deep(balances, deposits, specs):
    check_differential(balances, deposits, specs)


def check_differential(balances, deposits, specs):
    pre, queue, txs = build(balances, deposits, specs)
    b = V.prepare_batch(pre, STF, 0, 0, queue, txs)
    # Drop the txs the STF skips, as the zk sequencer does (repeat: a drop can break later nonces).
    while any(not o.applied for o in b.outcomes[len(queue):]):
        try:
            WITNESS.prove(b.statement, b.witness)
            raise AssertionError("a batch with a skipped tx was proved")
        except V.ProofRefusedError as e:
            assert e.failure == "skipped_tx"
        txs = [t for t, o in zip(txs, b.outcomes[len(queue):]) if o.applied]
        b = V.prepare_batch(pre, STF, 0, 0, queue, txs)
    plain = pre.clone()
    R.apply_batch(plain, STF, queue + txs)
    R.register_accounts(pre, plain)  # the batch closes: the accounts it names first get indices
    assert b.statement.post_root == plain.state_root == b.post_state.state_root
    for ps in (WITNESS, MODELLED):
        proof = ps.prove(b.statement, b.witness)
        assert ps.verify(b.statement, proof)
    rebuilt = pre.clone()
    R.apply_state_diff(rebuilt, V.decode_diff_batch(bytes(b.witness.frame)).diff, b.statement.post_root)
    assert rebuilt.state_root == plain.state_root
    assert rebuilt.accounts() == plain.accounts()
