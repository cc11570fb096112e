"""Seed corpus of fuzz/fuzz_validity_proof.cpp: the honest proofs of its fixed small batch.

Seeds are one selector byte (0: witness proof of the calldata statement, 1: witness proof of the
blob statement, 2: modelled proof, 3: a statement / partial-tree / diff-batch encoding) followed
by the bytes. This test checks the committed seeds are exactly what the provers produce today
and still verify; L2LAB_WRITE_FUZZ_SEEDS=1 rewrites them.
"""

from __future__ import annotations

import os
from pathlib import Path

import l2lab
from l2lab import rollup as R
from l2lab import validity as V

CORPUS = Path(__file__).resolve().parents[2] / "fuzz" / "corpus" / "fuzz_validity_proof"


def batch(da: str) -> V.PreparedBatch:
    # Must match batch() in fuzz/fuzz_validity_proof.cpp.
    def addr(k: int) -> l2lab.Address:
        return l2lab.PrivateKey.from_int(k).address

    def tx(k: int, to, value: int, nonce: int, fee: int, kind=R.TxKind.TRANSFER) -> R.L2Tx:
        t = R.L2Tx(kind=kind, chain_id=901, nonce=nonce, fee=fee, to=to, value=value)
        t.sign(l2lab.PrivateKey.from_int(k))
        return t

    pre = R.L2State()
    for k in range(1001, 1005):
        pre.set_account(addr(k), R.L2Account(0, 10**18))
        if k != 1004:  # 1004 stays unregistered
            pre.register_account(addr(k))
    for i in range(3):
        pre.set_account(l2lab.Address("0xbb" + "00" * 18 + f"{i:02x}"), R.L2Account(3, 1000 + i))
        pre.register_account(l2lab.Address("0xbb" + "00" * 18 + f"{i:02x}"))
    fresh = l2lab.Address("0x77" + "00" * 19)
    stf = R.StfConfig(chain_id=901, fee_recipient=l2lab.Address("0xfee0000000000000000000000000000000000fee"))
    queue = [R.Deposit(queue_index=0, l1_sender=addr(1004), to=addr(1002), amount=12345)]
    txs = [tx(1001, addr(1002), 1000, 0, 1), tx(1002, addr(1003), 7, 0, 2),
           tx(1003, addr(1001), 50, 0, 1, R.TxKind.WITHDRAWAL), tx(1001, fresh, 1, 1, 1)]
    return V.prepare_batch(pre, stf, 0, 0, queue, txs, da=da, codec="zstd", level=3)


def seeds() -> dict[str, bytes]:
    ws, ms = V.WitnessProofSystem(), V.ModelledProofSystem()
    cd, blob = batch("calldata"), batch("blob")
    out = {
        "witness_calldata": bytes([0]) + ws.prove(cd.statement, cd.witness),
        "witness_blob": bytes([1]) + ws.prove(blob.statement, blob.witness),
        "modelled": bytes([2]) + ms.prove(cd.statement, cd.witness),
        "statement": bytes([3]) + cd.statement.encode(),
        "diff_batch": bytes([3]) + bytes(cd.witness.frame),
    }
    assert ws.verify(cd.statement, out["witness_calldata"][1:])
    assert ws.verify(blob.statement, out["witness_blob"][1:])
    assert ms.verify(cd.statement, out["modelled"][1:])
    return out


def test_fuzz_seed_corpus_is_current():
    fresh = seeds()
    if os.environ.get("L2LAB_WRITE_FUZZ_SEEDS") == "1":
        CORPUS.mkdir(parents=True, exist_ok=True)
        for name, data in fresh.items():
            (CORPUS / name).write_bytes(data)
    for name, data in fresh.items():
        assert (CORPUS / name).read_bytes() == data, f"seed {name} is stale"
