"""Seed corpus of fuzz/fuzz_stark_verify.cpp: valid small Fibonacci proofs.

Each seed is one selector byte (bit 0: 8 or 16 rows; bit 1: folding 2 or 4) followed by the
honest proof under the fuzz target's options. This test checks the committed seeds still verify
and are exactly what the prover produces today; L2LAB_WRITE_FUZZ_SEEDS=1 rewrites them.
"""

from __future__ import annotations

import os
from pathlib import Path

from l2lab.validity import stark

CORPUS = Path(__file__).resolve().parents[2] / "fuzz" / "corpus" / "fuzz_stark_verify"


def fuzz_options(folding: int) -> stark.ProofOptions:
    # Must match fuzz_options() in fuzz/fuzz_stark_verify.cpp.
    return stark.ProofOptions(
        num_queries=12, grinding_bits=8, folding_factor=folding, remainder_max_degree=3, allow_insecure=True
    )


def seeds() -> dict[str, bytes]:
    out = {}
    for selector in range(4):
        rows = 16 if selector & 1 else 8
        folding = 4 if selector & 2 else 2
        proof = stark.prove_fibonacci(rows, fuzz_options(folding))
        assert stark.verify_fibonacci(proof, rows, options=fuzz_options(folding)).ok
        out[f"fibonacci_{rows}_fold{folding}"] = bytes([selector]) + proof
    return out


def test_fuzz_seed_corpus_is_current():
    fresh = seeds()
    if os.environ.get("L2LAB_WRITE_FUZZ_SEEDS") == "1":
        CORPUS.mkdir(parents=True, exist_ok=True)
        for name, data in fresh.items():
            (CORPUS / name).write_bytes(data)
    for name, data in fresh.items():
        assert (CORPUS / name).read_bytes() == data, f"{name} is stale: rerun with L2LAB_WRITE_FUZZ_SEEDS=1"
