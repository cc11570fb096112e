"""Proof systems from Python: statements and their codec, honest proofs, every single-byte
mutation of a witness proof and every altered public input rejected (V2), invalid batches refused
by the prover and their forged proofs rejected (V1), and typed errors for bad input."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import rollup as R
from l2lab import validity as V

FEE = l2lab.Address("0xfee0000000000000000000000000000000000fee")
STF = R.StfConfig(chain_id=901, fee_recipient=FEE)
KEYS = [l2lab.PrivateKey.from_int(2000 + i) for i in range(6)]
ETH = 10**18


def tx(k: int, to, value: int, nonce: int, fee: int = 1, kind=R.TxKind.TRANSFER, chain_id=901):
    t = R.L2Tx(kind=kind, chain_id=chain_id, nonce=nonce, fee=fee, to=to, value=value)
    t.sign(KEYS[k])
    return t


def funded() -> R.L2State:
    s = R.L2State()
    for k in KEYS[:4]:
        s.set_account(k.address, R.L2Account(0, ETH))
    for i in range(40):  # bystanders: the multiproof must prune them
        s.set_account(l2lab.Address("0xbb" + f"{i:038x}"), R.L2Account(2, 1000 + i))
    return s


def small_batch(da: str = "calldata") -> V.PreparedBatch:
    queue = [R.Deposit(queue_index=0, l1_sender=KEYS[5].address, to=KEYS[1].address, amount=999)]
    txs = [tx(0, KEYS[1].address, 1000, 0), tx(1, KEYS[2].address, 7, 0, fee=2),
           tx(2, KEYS[3].address, 50, 0, kind=R.TxKind.WITHDRAWAL)]
    return V.prepare_batch(funded(), STF, 4, 0, queue, txs, da=da)


@pytest.fixture(scope="module")
def prepared() -> V.PreparedBatch:
    return small_batch()


def test_statement_round_trip_and_strict_decoding(prepared):
    st = prepared.statement
    assert V.Statement.decode(st.encode()) == st
    assert st.hash() == l2lab.keccak256(st.encode())
    with pytest.raises(l2lab.DecodeError):
        V.Statement.decode(st.encode()[:-1])
    with pytest.raises(l2lab.DecodeError):
        V.Statement.decode(st.encode() + b"\x00")
    with pytest.raises(ValueError):
        st.copy().da = "carrier pigeon"
    with pytest.raises(ValueError, match="32 bytes"):  # a 31-byte root is not a Hash32
        V.Statement(901, FEE, 0, b"\x00" * 31, b"\x00" * 32, "calldata", b"\x00" * 32, 0, 0, b"\x00" * 32)


@pytest.mark.parametrize("name", ["witness", "modelled"])
@pytest.mark.parametrize("da", ["calldata", "blob"])
def test_honest_batch_proves_and_verifies(name, da):
    b = small_batch(da)
    ps = V.make_proof_system(name)
    proof = ps.prove(b.statement, b.witness)
    v = ps.check(b.statement, proof)
    assert v.ok and v.failure == "" and v.gas == ps.verify_gas(b.statement, proof) > 0
    props = ps.properties()
    assert props.succinct == (name == "modelled") and props.modelled == (name == "modelled")


def test_every_single_byte_mutation_of_a_witness_proof_is_rejected(prepared):
    ws = V.WitnessProofSystem()
    proof = ws.prove(prepared.statement, prepared.witness)
    assert ws.verify(prepared.statement, proof)
    rejected = 0
    for i in range(len(proof)):
        for flip in (0x01, 0x80):
            m = bytearray(proof)
            m[i] ^= flip
            assert not ws.verify(prepared.statement, bytes(m)), f"byte {i} ^ {flip:#x}"
            rejected += 1
    assert rejected > 2000


def _altered(st: V.Statement) -> list[V.Statement]:
    out = []
    for field in ("chain_id", "batch_index", "queue_start", "queue_end"):
        s = st.copy()
        setattr(s, field, getattr(s, field) + 1)
        if s.queue_end >= s.queue_start:
            out.append(s)
    for field in ("pre_root", "post_root", "data_commitment", "queue_digest"):
        s = st.copy()
        v = bytearray(getattr(s, field))
        v[-1] ^= 1
        setattr(s, field, bytes(v))
        out.append(s)
    s = st.copy()
    s.fee_recipient = KEYS[5].address
    out.append(s)
    s = st.copy()
    s.da = "blob" if st.da == "calldata" else "calldata"
    out.append(s)
    return out


@pytest.mark.parametrize("name", ["witness", "modelled"])
def test_every_altered_public_input_is_rejected(prepared, name):
    ps = V.make_proof_system(name)
    proof = ps.prove(prepared.statement, prepared.witness)
    altered = _altered(prepared.statement)
    assert len(altered) == 10
    for s in altered:
        assert not ps.verify(s, proof), s
        assert ps.check(s, proof).failure != ""


@pytest.mark.parametrize("case,reason", [
    ("overspend", "skipped_tx"), ("bad_signature", "skipped_tx"), ("wrong_chain", "skipped_tx"),
    ("out_of_range", "skipped_tx"), ("wrong_post_root", "post_root_mismatch"),
])
def test_invalid_batches_are_refused_and_forged_proofs_rejected(case, reason):
    to = KEYS[4].address
    if case == "wrong_post_root":
        b = small_batch()
        minted = b.post_state.clone()  # the sequencer also credits itself out of thin air
        minted.set_account(KEYS[5].address, R.L2Account(0, 10**6))
        R.register_accounts(b.witness.pre_state, minted)
        lie = V.DiffBatch(0, 1, R.make_state_diff(b.witness.pre_state, minted))
        frame = V.encode_diff_batch(lie)
        st = V.make_statement(STF, 4, b.statement.pre_root, minted.state_root, lie, "calldata", frame,
                              b.witness.queue_ops)
        w = V.BatchWitness(b.witness.pre_state, b.witness.queue_ops, b.witness.txs, frame)
    else:
        t = {"overspend": tx(0, to, 2 * ETH, 0), "wrong_chain": tx(0, to, 1, 0, chain_id=5),
             "out_of_range": tx(0, to, 2**256 - 1, 0, fee=2), "bad_signature": tx(0, to, 1, 0)}[case]
        if case == "bad_signature":
            t.signature = t.signature[:64] + b"\x09"
        b = V.prepare_batch(funded(), STF, 0, 0, [], [t])
        st, w = b.statement, b.witness
    for name in ("witness", "modelled"):
        with pytest.raises(V.ProofRefusedError) as info:
            V.make_proof_system(name).prove(st, w)
        assert info.value.failure == reason
        assert isinstance(info.value, l2lab.Error) and isinstance(info.value, ValueError)


def test_bad_input_gives_typed_errors(prepared):
    ws = V.WitnessProofSystem()
    proof = ws.prove(prepared.statement, prepared.witness)
    assert ws.check(prepared.statement, proof[:100]).failure == "malformed_proof"
    assert ws.check(prepared.statement, b"").failure == "malformed_proof"
    assert ws.check(prepared.statement, proof + b"\x00").failure == "malformed_proof"
    assert not ws.verify(prepared.statement, b"\xff" * (40 << 20))  # oversized
    ms = V.ModelledProofSystem()
    assert ms.check(prepared.statement, b"\x00" * 255).failure == "malformed_proof"
    with pytest.raises(V.UnknownProofSystemError, match="unknown proof system 'plonk'"):
        V.make_proof_system("plonk")
    with pytest.raises(ValueError):
        V.make_proof_system("")
    with pytest.raises(l2lab.InvalidArgumentError):
        V.ModelledProofSystem(V.CostModel(proof_bytes=8))
    with pytest.raises(l2lab.DecodeError):
        V.decode_diff_batch(b"\x01\x00")
    summary = V.witness_proof_summary(proof)
    assert summary["txs"] == 3 and summary["queue_ops"] == 1 and summary["accounts"] == 3
    assert summary["statement_hash"] == prepared.statement.hash()
    for bad in (proof[:-1], proof + b"\x00", b"", b"\xc0", proof[:50]):
        with pytest.raises(l2lab.DecodeError):
            V.witness_proof_summary(bad)
    with pytest.raises(l2lab.DecodeError, match="oversized"):
        V.witness_proof_summary(b"\xba" + (40 << 20).to_bytes(4, "big") + bytes(40 << 20))
    assert set(V.proof_system_names()) == {"witness", "modelled", "stark"}
    assert "post_root_mismatch" in V.failure_names()
