"""Validity proofs (``l2lab.validity``).

Pluggable proof systems for the zk rollup mode (``RollupConfig(mode="zk")``): the
:class:`ProofSystem` interface (subclass it in Python), the sound but not succinct ``witness``
system (the proof carries the batch and a Merkle multiproof; the verifier re-executes it with the
rollup's own STF) and the ``modelled`` system (a MODEL of a succinct prover: refuses what
``witness`` refuses, sizes and costs from a sourced cost model) and the ``stark`` system
(:class:`StarkProofSystem`: a real STARK of the batch's account updates over a Rescue account
tree; signatures checked by the verifier); :class:`Statement`, the L1 verifier contract and its
readers, the prover actor, and :class:`ZkRollup`. The STARK lives in :mod:`l2lab.validity.stark`.

>>> import l2lab
>>> from l2lab.rollup import Rollup, RollupConfig
>>> w = l2lab.World(seed=1)
>>> r = Rollup(w, RollupConfig(mode="zk", proof_system="witness"))   # a ZkRollup
"""

from __future__ import annotations

from .._core.validity import (
    BatchRecord,
    BatchWitness,
    CostModel,
    DiffBatch,
    ModelledProofSystem,
    PreparedBatch,
    ProofJob,
    ProofProperties,
    ProofRecord,
    ProofRefusedError,
    ProofSystem,
    ProvenFinality,
    ProverActor,
    QueueRecord,
    RebuildCheck,
    Statement,
    SubmitProof,
    UnknownProofSystemError,
    Verdict,
    VerifierStatus,
    WitnessProofSystem,
    ZkDeployment,
    ZkRollupConfig,
    ZkVerifier,
    applied_diff,
    batch_format,
    batch_queue_range,
    check_rebuilt_roots,
    data_commitment,
    decode_diff_batch,
    deploy_zk_rollup,
    encode_diff_batch,
    encode_diff_batch_payload,
    failure_names,
    make_proof_job,
    make_proof_system,
    make_statement,
    posted_diff_batch,
    posted_diff_batches,
    prepare_batch,
    proof_system_names,
    queue_digest,
    state_after_batch,
    topic_batch_proven,
    verifier_batch_root,
    verifier_root_batch,
    verifier_root_proven,
    verifier_status,
    verifier_submit_proof,
    witness_proof_summary,
)
from . import stark
from .stark import StarkProofSystem
from .zk import ZkRollup

__all__ = [
    "BatchRecord", "BatchWitness", "CostModel", "DiffBatch", "ModelledProofSystem",
    "PreparedBatch", "ProofJob", "ProofProperties", "ProofRecord", "ProofRefusedError", "ProofSystem",
    "ProvenFinality", "ProverActor", "QueueRecord", "RebuildCheck", "StarkProofSystem", "Statement", "SubmitProof",
    "UnknownProofSystemError", "Verdict", "VerifierStatus", "WitnessProofSystem", "ZkDeployment",
    "ZkRollup", "ZkRollupConfig", "ZkVerifier", "applied_diff", "batch_format",
    "batch_queue_range", "check_rebuilt_roots", "data_commitment", "decode_diff_batch", "deploy_zk_rollup",
    "encode_diff_batch", "encode_diff_batch_payload", "failure_names", "make_proof_job", "make_proof_system",
    "make_statement", "posted_diff_batch", "posted_diff_batches", "prepare_batch", "proof_system_names",
    "queue_digest", "stark", "state_after_batch", "topic_batch_proven", "verifier_batch_root",
    "verifier_root_batch", "verifier_root_proven", "verifier_status", "verifier_submit_proof",
    "witness_proof_summary",
]
