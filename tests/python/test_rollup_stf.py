"""Rollup STF from Python: typed skip reasons, witnesses, and Hypothesis differential testing of
the C++ STF against the pure-Python reference (independent keccak, ECDSA and SMT root)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import l2lab
from l2lab import rollup as R
from l2lab.reference import rollup as ref

KEYS = [l2lab.PrivateKey.from_int(i) for i in range(1, 5)]
FEE_TO = l2lab.Address("0x" + "fe" * 20)
CFG = R.StfConfig(chain_id=901, fee_recipient=FEE_TO)


def addr_bytes(a: object) -> bytes:
    return bytes(a)  # type: ignore[call-overload]


def to_ref(op: object) -> object:
    if isinstance(op, R.L2Tx):
        return ref.RefTx(int(op.kind), op.chain_id, op.nonce, op.fee, addr_bytes(op.to), op.value,
                         bytes(op.signature))
    if isinstance(op, R.Deposit):
        return ref.RefDeposit(addr_bytes(op.to), op.amount)
    assert isinstance(op, R.UndecodableOp)
    return ref.RefUndecodable(bytes(op.data))


ADDRS = [k.address for k in KEYS] + [FEE_TO]


@st.composite
def ops(draw: st.DrawFn) -> object:
    pick = draw(st.integers(0, 9))
    to = draw(st.sampled_from(ADDRS))
    value = draw(st.one_of(st.integers(0, 2000), st.just(2**256 - 1)))
    if pick < 3:
        return R.Deposit(to=to, amount=value)
    if pick == 3:
        return R.UndecodableOp(draw(st.binary(max_size=8)))
    tx = R.L2Tx(kind=R.TxKind.WITHDRAWAL if pick == 4 else R.TxKind.TRANSFER,
                chain_id=902 if pick == 5 else 901, nonce=draw(st.integers(0, 3)),
                fee=draw(st.integers(0, 30)), to=to, value=value)
    tx.sign(draw(st.sampled_from(KEYS)))
    if pick == 6:
        sig = bytearray(tx.signature)
        sig[draw(st.integers(0, 64))] ^= draw(st.integers(1, 255))
        tx.signature = bytes(sig)
    return tx


def test_skip_reasons_are_names_and_state_is_unchanged() -> None:
    s = R.L2State()
    a, b = KEYS[0].address, KEYS[1].address
    assert R.apply_op(s, CFG, R.Deposit(to=a, amount=100)).applied
    root = s.state_root
    tx = R.L2Tx(chain_id=901, nonce=5, fee=1, to=b, value=1)
    tx.sign(KEYS[0])
    out = R.apply_op(s, CFG, tx)
    assert (out.applied, out.reason) == (False, "wrong_nonce")
    assert s.state_root == root
    assert R.apply_op(s, CFG, R.Deposit(to=a, amount=0)).reason == "zero_amount"


def test_bad_signature_bytes_rejected_with_clear_error() -> None:
    tx = R.L2Tx()
    with pytest.raises(ValueError):
        tx.signature = b"\x00" * 64


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ops(), max_size=12))
def test_cpp_stf_matches_python_reference(seq: list[object]) -> None:
    s = R.L2State()
    r = ref.RefState()
    for op in seq:
        out = R.apply_op(s, CFG, op)
        expect = ref.apply(r, to_ref(op), 901, addr_bytes(FEE_TO))
        assert out.reason == expect
        assert bytes(s.state_root) == r.root()
        if r.supply() <= ref.U256_MAX:
            assert s.total_supply == r.supply()
        else:  # several accounts near 2^256: the sum is not a u256 and says so
            with pytest.raises(OverflowError):
                _ = s.total_supply


@settings(max_examples=40, deadline=None)
@given(st.lists(ops(), min_size=1, max_size=10))
def test_witness_recomputes_each_post_root(seq: list[object]) -> None:
    s = R.L2State()
    for op in seq:
        pre = s.state_root
        out, w = R.apply_op(s, CFG, op, witness=True)
        v = R.verify_step(CFG, pre, op, R.StepWitness.decode(w.encode()))
        assert v is not None and v.post_root == s.state_root and v.outcome.applied == out.applied


def test_apply_batch_trace_and_threads() -> None:
    gen = R.TrafficGenerator(R.TrafficConfig(accounts=20, seed=3))
    deposits = [R.Deposit(to=a, amount=10**9) for a in gen.addresses()]
    txs = gen.next(200)
    a, b = R.L2State(), R.L2State()
    ra = R.apply_batch(a, CFG, deposits + txs, trace=True)
    rb = R.apply_batch(b, CFG, deposits + txs, threads=2)
    assert ra.post_root == rb.post_root and ra.applied == rb.applied == 220
    assert ra.receipts[-1].post_root == ra.post_root
    with pytest.raises(ValueError):
        R.apply_batch(a, CFG, [], threads=0)


def test_state_diff_rebuilds_post_state() -> None:
    gen = R.TrafficGenerator(R.TrafficConfig(accounts=10, seed=5, withdrawal_fraction=0.2))
    pre = R.L2State()
    R.apply_batch(pre, CFG, [R.Deposit(to=a, amount=10**9) for a in gen.addresses()])
    assert R.register_accounts(R.L2State(), pre) == 10  # a warm set: every account has an index
    post = pre.clone()
    R.apply_batch(post, CFG, gen.next(50))
    with pytest.raises(l2lab.InvalidArgumentError, match="register_accounts"):
        R.make_state_diff(pre, post)  # the batch is not closed: the fee recipient has no index
    assert R.register_accounts(pre, post) == 1
    assert post.account_index(CFG.fee_recipient) == 10 and post.registered_address(10) == CFG.fee_recipient
    d = R.make_state_diff(pre, post)
    assert R.StateDiff.decode(d.encode()) == d
    assert d.registered_before == 10 and [n.address for n in d.new_accounts] == [CFG.fee_recipient]
    assert d.new_accounts[0].change.balance_delta == 50  # fee 1 wei per tx
    for u in d.updates:
        a = pre.registered_address(u.index)
        assert u.change.balance_delta == post.balance(a) - pre.balance(a)
        assert u.change.nonce_increase == post.nonce(a) - pre.nonce(a)
    assert {(w.sender_index, w.nonce) for w in d.withdrawals} == {
        (post.account_index(w.sender), w.nonce) for w in post.withdrawals()}
    rebuilt = pre.clone()
    R.apply_state_diff(rebuilt, d)
    assert rebuilt.state_root == post.state_root and rebuilt.registered_count == 11
    assert not rebuilt.journaling and rebuilt.journal_depth == 0  # committed, no open checkpoint
    with pytest.raises(l2lab.StateError):
        R.apply_state_diff(rebuilt, d)  # the registry has moved on
    # A diff that misses the expected (proven) root is rolled back: state and journal as before.
    s = pre.clone()
    cp = s.checkpoint()
    root, accounts, depth = s.state_root, s.accounts(), s.journal_depth
    with pytest.raises(l2lab.StateError, match="expected root"):
        R.apply_state_diff(s, d, expected_root=bytes(32))
    assert (s.state_root, s.accounts(), s.journal_depth, s.registered_count) == (root, accounts, depth, 10)
    assert s.journaling  # the caller's checkpoint is still open ...
    s.commit(cp)
    assert not s.journaling  # ... until the caller closes it


def test_state_diff_format_is_strict() -> None:
    """The encoding of state_diff.hpp's example, and typed errors for bad input."""
    change = R.AccountChange(nonce_increase=1, balance_change=1000, balance_decreases=True)
    assert change.balance_delta == -1000
    d = R.StateDiff(300, [R.IndexedChange(5, change), R.IndexedChange(7, R.AccountChange(0, 255))],
                    [R.NewAccountChange(l2lab.Address("0x" + "aa" * 20), R.AccountChange(0, 1))],
                    [R.DiffWithdrawal(300, 0, l2lab.Address("0x" + "bb" * 20), 50)])
    enc = d.encode()
    assert enc == (bytes.fromhex("ac02" "02" "05c20103e8" "0101ff" "01") + b"\xaa" * 20
                   + bytes.fromhex("0101" "01ac0200") + b"\xbb" * 20 + bytes.fromhex("0132"))
    assert R.StateDiff.decode(enc) == d
    far = R.StateDiff(300, [R.IndexedChange(299, change)]).encode()
    with pytest.raises(l2lab.DecodeError, match="unknown account index"):  # registered_before 260
        R.StateDiff.decode(bytes.fromhex("8402") + far[2:])
    with pytest.raises(l2lab.DecodeError, match="after the end"):
        R.StateDiff.decode(enc + b"\x00")
    for cut in range(len(enc)):
        with pytest.raises(l2lab.DecodeError):
            R.StateDiff.decode(enc[:cut])
    d.updates = [R.IndexedChange(7, change), R.IndexedChange(5, change)]
    with pytest.raises(l2lab.InvalidArgumentError, match="ascending"):
        d.encode()
    with pytest.raises(l2lab.InvalidArgumentError, match="nonce decrease"):
        R.account_change(R.L2Account(2, 0), R.L2Account(1, 0))
    with pytest.raises(l2lab.StateError):
        R.apply_change(R.L2Account(0, 5), R.AccountChange(0, 6, True))
