"""Seed corpus of fuzz/fuzz_stark_batch.cpp: honest `stark` batch proofs of two small batches.

Each seed is one selector byte (0: a deposit, transfers, a created account and a withdrawal; 1: a
single transfer) followed by the honest proof under the fuzz target's options. This test checks
the committed seeds still verify and are exactly what the prover produces today;
L2LAB_WRITE_FUZZ_SEEDS=1 rewrites them.
"""

from __future__ import annotations

import os
from pathlib import Path

import l2lab
from l2lab import rollup as R
from l2lab import validity as V
from l2lab.validity import stark as S

CORPUS = Path(__file__).resolve().parents[2] / "fuzz" / "corpus" / "fuzz_stark_batch"
ETH = 10**18


def fuzz_options() -> S.StarkSystemOptions:
    # Must match fuzz_options() in fuzz/fuzz_stark_batch.cpp.
    proof = S.ProofOptions(num_queries=12, grinding_bits=8, hash="keccak256", allow_insecure=True)
    return S.StarkSystemOptions(depth=15, proof=proof)


def addr(k: int) -> l2lab.Address:
    return l2lab.PrivateKey.from_int(k).address


def signed(key: int, to, value: int, nonce: int, fee: int, kind=R.TxKind.TRANSFER) -> R.L2Tx:
    t = R.L2Tx(kind=kind, chain_id=901, nonce=nonce, fee=fee, to=to, value=value)
    t.sign(l2lab.PrivateKey.from_int(key))
    return t


def batch(system, small: bool):
    # Must match honest() in fuzz/fuzz_stark_batch.cpp.
    pre = R.L2State()
    for k in (1001, 1002, 1003):
        pre.set_account(addr(k), R.L2Account(0, ETH))
        pre.register_account(addr(k))
    stf = R.StfConfig(chain_id=901, fee_recipient=addr(1001))
    queue = []
    txs = [signed(1002, addr(1003), 1000, 0, 1)]
    if not small:
        fresh = l2lab.Address("0x7700000000000000000000000000000000000000")
        l1 = l2lab.Address("0x1100000000000000000000000000000000000000")
        queue.append(R.Deposit(0, addr(1003), addr(1002), 12345))
        txs.append(signed(1003, l1, 50, 0, 1, R.TxKind.WITHDRAWAL))
        txs.append(signed(1002, fresh, 1, 1, 1))
    b = V.prepare_batch(pre, stf, 0, 0, queue, txs)
    st = b.statement.copy()
    st.pre_root = system.state_root(pre)
    st.post_root = system.state_root(b.post_state)
    return b, st


def seeds() -> dict[str, bytes]:
    system = S.StarkProofSystem(fuzz_options())
    out = {}
    for selector, name in ((0, "withdrawal_batch"), (1, "one_transfer")):
        b, st = batch(system, small=bool(selector))
        proof = system.prove(st, b.witness)
        assert system.verify(st, proof)
        out[name] = bytes([selector]) + bytes(proof)
    return out


def test_fuzz_seed_corpus_is_current():
    fresh = seeds()
    if os.environ.get("L2LAB_WRITE_FUZZ_SEEDS") == "1":
        CORPUS.mkdir(parents=True, exist_ok=True)
        for name, data in fresh.items():
            (CORPUS / name).write_bytes(data)
    for name, data in fresh.items():
        assert (CORPUS / name).read_bytes() == data, f"{name} is stale: rerun with L2LAB_WRITE_FUZZ_SEEDS=1"
