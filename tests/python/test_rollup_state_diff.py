"""The zk mode's account registry and compact state-diff format against the pure-Python reference
(l2lab.reference.state_diff): on random batches over partly registered states the C++ core and
the reference register the same accounts in the same order, reach the same root (the registry is
committed by it), encode byte-identical diffs and rebuild the same post-state; on mutated
encodings both decoders accept exactly the same inputs and read them the same way."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import l2lab
from l2lab import rollup as R
from l2lab import validity as V
from l2lab.reference import state_diff as ref

FEE = l2lab.Address("0xfee0000000000000000000000000000000000fee")
STF = R.StfConfig(chain_id=901, fee_recipient=FEE)
KEYS = [l2lab.PrivateKey.from_int(7000 + i) for i in range(5)]
OTHERS = [l2lab.Address("0x" + f"{0xa0 + i:02x}" * 20) for i in range(3)]


def to_ref(s: R.L2State) -> ref.RefZkState:
    return ref.RefZkState(
        {bytes(a): (x.nonce, x.balance) for a, x in s.accounts().items()},
        {(bytes(w.sender), w.nonce): (bytes(w.l1_recipient), w.amount) for w in s.withdrawals()},
        [bytes(s.registered_address(i)) for i in range(s.registered_count)])


def cpp_tuple(d: R.StateDiff) -> ref.Diff:
    return (d.registered_before,
            [(u.index, u.change.nonce_increase, u.change.balance_delta) for u in d.updates],
            [(bytes(n.address), n.change.nonce_increase, n.change.balance_delta) for n in d.new_accounts],
            [(w.sender_index, w.nonce, bytes(w.l1_recipient), w.amount) for w in d.withdrawals])


op_spec = st.tuples(st.sampled_from(["deposit", "transfer", "transfer", "withdrawal"]),
                    st.integers(0, 4), st.integers(0, 7), st.integers(1, 2**70), st.integers(0, 3))


def build_ops(specs, nonces):
    ops = []
    for kind, frm, to, value, fee in specs:
        dest = KEYS[to].address if to < 5 else OTHERS[to - 5]
        if kind == "deposit":
            ops.append(R.Deposit(to=dest, amount=value))
            continue
        t = R.L2Tx(kind=R.TxKind.WITHDRAWAL if kind == "withdrawal" else R.TxKind.TRANSFER,
                   chain_id=901, nonce=nonces[frm], fee=fee, to=dest, value=value % 2**20)
        t.sign(KEYS[frm])
        nonces[frm] += 1  # a tx the STF skips leaves a gap: later ones of that sender skip too
        ops.append(t)
    return ops


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(op_spec, max_size=8), st.lists(st.booleans(), min_size=8, max_size=8),
       st.lists(op_spec, max_size=10))
def test_registry_and_diffs_match_the_reference(pre_specs, registered, specs):
    nonces = [0] * len(KEYS)
    pre = R.L2State()
    R.apply_batch(pre, STF, build_ops(pre_specs, nonces))
    for a, reg in zip([k.address for k in KEYS] + OTHERS, registered):
        if reg:  # a partly registered state: some accounts are named by index, others not yet
            pre.register_account(a)
    post = pre.clone()
    R.apply_batch(post, STF, build_ops(specs, nonces))
    ref_pre, ref_post = to_ref(pre), to_ref(post)
    R.register_accounts(pre, post)
    ref.close_batch(ref_pre, ref_post)
    assert to_ref(post).registry == ref_post.registry
    assert ref_pre.root() == bytes(pre.state_root) and ref_post.root() == bytes(post.state_root)
    d = R.make_state_diff(pre, post)
    enc = d.encode()
    assert enc == ref.encode(ref.make_diff(ref_pre, ref_post))
    assert ref.decode(enc) == cpp_tuple(d) == cpp_tuple(R.StateDiff.decode(enc))
    rebuilt = ref.apply(ref_pre, ref.decode(enc), ref_post.root())
    assert rebuilt == ref_post
    # The frame's payload (version 4): varint queue range, then the diff; both sides agree.
    batch = V.DiffBatch(len(pre_specs), len(pre_specs) + len(specs), d)
    payload = V.encode_diff_batch_payload(batch)
    assert payload == ref.encode_payload((len(pre_specs), len(pre_specs) + len(specs), ref.decode(enc)))
    assert V.decode_diff_batch(b"\x04\x00" + payload) == batch


def sample_encodings() -> list[bytes]:
    pre = R.L2State()
    R.apply_batch(pre, STF, [R.Deposit(to=k.address, amount=10**18) for k in KEYS])
    R.register_accounts(R.L2State(), pre)
    post = pre.clone()
    R.apply_batch(post, STF, build_ops([("transfer", 0, 6, 5, 1), ("withdrawal", 1, 2, 7, 2),
                                        ("transfer", 2, 0, 300, 0), ("deposit", 0, 7, 2**200, 0)], [0] * 5))
    R.register_accounts(pre, post)
    return [R.make_state_diff(pre, post).encode(), R.StateDiff(2**64 - 2).encode()]


SAMPLES = sample_encodings()
edit = st.tuples(st.sampled_from(["flip", "insert", "delete", "set"]), st.integers(0, 10**6), st.integers(0, 255))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SAMPLES), st.lists(edit, min_size=1, max_size=3))
def test_both_decoders_accept_exactly_the_same_bytes(sample, edits):
    data = bytearray(sample)
    for kind, pos, byte in edits:
        i = pos % (len(data) + 1)
        if kind == "insert":
            data.insert(i, byte)
        elif data and i < len(data):
            if kind == "flip":
                data[i] ^= 1 << (byte % 8)
            elif kind == "delete":
                del data[i]
            else:
                data[i] = byte
    data = bytes(data)
    try:
        mine = cpp_tuple(R.StateDiff.decode(data))
    except l2lab.DecodeError:
        mine = None
    try:
        theirs = ref.decode(data)
    except ref.RefDecodeError:
        theirs = None
    assert mine == theirs, data.hex()
    if mine is not None:
        assert R.StateDiff.decode(data).encode() == data == ref.encode(theirs)


PAYLOADS = [bytes(V.encode_diff_batch_payload(V.DiffBatch(3, 5, R.StateDiff.decode(SAMPLES[0])))),
            bytes(V.encode_diff_batch_payload(V.DiffBatch(2**64 - 1, 2**64 - 1, R.StateDiff(7))))]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PAYLOADS), st.lists(edit, min_size=1, max_size=3))
def test_both_frame_decoders_accept_exactly_the_same_payloads(sample, edits):
    """Raw frames (codec byte none): the C++ frame decoder and the reference payload reader agree
    on every mutated payload, and what they accept re-encodes to the same bytes."""
    data = bytearray(sample)
    for kind, pos, byte in edits:
        i = pos % (len(data) + 1)
        if kind == "insert":
            data.insert(i, byte)
        elif data and i < len(data):
            if kind == "flip":
                data[i] ^= 1 << (byte % 8)
            elif kind == "delete":
                del data[i]
            else:
                data[i] = byte
    data = bytes(data)
    try:
        b = V.decode_diff_batch(b"\x04\x00" + data)
        mine = (b.queue_start, b.queue_end, cpp_tuple(b.diff))
    except l2lab.DecodeError:
        mine = None
    try:
        theirs = ref.decode_payload(data)
    except ref.RefDecodeError:
        theirs = None
    assert mine == theirs, data.hex()
    if theirs is not None:
        assert ref.encode_payload(theirs) == data
