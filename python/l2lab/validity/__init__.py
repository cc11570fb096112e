"""Validity proofs.

For now only the STARK lives here (:mod:`l2lab.validity.stark`: Goldilocks field, NTT, AIR
framework, FRI prover and verifier). The ``ProofSystem`` interface that plugs proof systems into
the zk-rollup mode (issue 6) comes later; until then the STARK is not wired into the rollup.
"""

from __future__ import annotations

from . import stark

__all__ = ["stark"]
