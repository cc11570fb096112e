"""A STARK over the Goldilocks field (``l2lab._core.validity.stark``), and the ``stark`` proof
system of the zk rollup built on it.

Field p = 2^64 - 2^32 + 1 with the cubic extension F_p[x]/(x^3 - x - 1) for every challenge;
radix-2 NTT and coset low-degree extension; AIRs (C++ classes: :class:`FibonacciAir`, and the
Rescue-Prime :class:`HashChainAir` / :class:`MerkleUpdateAir` and data-described :class:`ExprAir`);
constraint composition, DEEP out-of-domain check, FRI (folding 2 or 4, clear remainder),
proof-of-work grinding; SHA-256 or Keccak-256 Merkle commitments; strict RLP proof encoding.

>>> from l2lab.validity import stark
>>> opts = stark.ProofOptions.default_96()
>>> opts.conjectured_security_bits(1024)
99
>>> proof = stark.prove_fibonacci(64, opts)
>>> stark.verify_fibonacci(proof, 64, options=opts).ok
True

The rollup proof system (:class:`StarkProofSystem`, also ``make_proof_system("stark")`` and
``RollupConfig(mode="zk", proof_system="stark")``) proves a batch's account updates in a Rescue
account tree; its statements' roots are :func:`stark_state_commitment` roots (``state_root()``).

Errors are typed: :class:`TraceShapeError` (non-power-of-two trace), :class:`UnsatisfiedTraceError`
(the prover refuses a trace violating a constraint; ``.constraint`` and ``.row``),
:class:`InsecureParametersError` (options below 80 bits without ``allow_insecure``); a rejected
proof is a :class:`VerifyResult` with ``ok == False`` and a stable ``failure`` name.
"""

from __future__ import annotations

from typing import Any

from .._core.validity.stark import (
    EXTENSION_DEGREE,
    GENERATOR,
    MODULUS,
    RESCUE_NUM_ROUNDS,
    RESCUE_STATE_WIDTH,
    Air,
    ExprAir,
    FibonacciAir,
    HashChainAir,
    MerkleUpdateAir,
    InsecureParametersError,
    ProofOptions,
    StarkProofSystem,
    StarkStateCommitment,
    StarkSystemOptions,
    UnsupportedAccountError,
    account_leaf_digest,
    stark_state_commitment,
    TraceShapeError,
    UnsatisfiedTraceError,
    VerifyResult,
    build_hash_chain_trace,
    build_merkle_update_trace,
    fibonacci_result,
    fibonacci_trace,
    fp3_inv,
    fp3_mul,
    fp_add,
    fp_batch_inverse,
    fp_inv,
    fp_mul,
    fp_pow,
    fp_sub,
    intt,
    low_degree_extend,
    ntt,
    proof_summary,
    prove,
    prove_hash_chain,
    prove_unchecked,
    rescue_hash_chain,
    rescue_hash_elements,
    rescue_merge,
    rescue_merkle_path,
    rescue_merkle_root,
    rescue_permute,
    rescue_root_from_path,
    two_adic_root,
    verify,
)
from .._core.validity.stark import prove_fibonacci as _prove_fibonacci


def prove_fibonacci(trace_length: int, options: ProofOptions | None = None) -> bytes:
    """Prove the Fibonacci statement of ``trace_length`` rows (default options: >= 96 bits)."""
    return _prove_fibonacci(trace_length, options or ProofOptions.default_96())


def verify_fibonacci(
    proof: bytes, trace_length: int, result: int | None = None, options: ProofOptions | None = None
) -> VerifyResult:
    """Verify a Fibonacci proof; ``result`` defaults to the honest last value."""
    claimed = fibonacci_result(trace_length) if result is None else result
    return verify(FibonacciAir(trace_length, claimed), proof, options or ProofOptions.default_96())


def security_report(options: ProofOptions, trace_length: int) -> dict[str, Any]:
    """The parameters and the conjectured security level (bits) they give for ``trace_length``."""
    return {
        "blowup": options.blowup,
        "num_queries": options.num_queries,
        "grinding_bits": options.grinding_bits,
        "folding_factor": options.folding_factor,
        "remainder_max_degree": options.remainder_max_degree,
        "hash": options.hash,
        "field_extension_degree": EXTENSION_DEGREE,
        "query_security_bits": options.query_security_bits(),
        "conjectured_security_bits": options.conjectured_security_bits(trace_length),
        "allow_insecure": options.allow_insecure,
    }


__all__ = [
    "EXTENSION_DEGREE",
    "GENERATOR",
    "MODULUS",
    "RESCUE_NUM_ROUNDS",
    "RESCUE_STATE_WIDTH",
    "Air",
    "ExprAir",
    "FibonacciAir",
    "HashChainAir",
    "MerkleUpdateAir",
    "InsecureParametersError",
    "ProofOptions",
    "StarkProofSystem",
    "StarkStateCommitment",
    "StarkSystemOptions",
    "UnsupportedAccountError",
    "account_leaf_digest",
    "stark_state_commitment",
    "TraceShapeError",
    "UnsatisfiedTraceError",
    "VerifyResult",
    "build_hash_chain_trace",
    "build_merkle_update_trace",
    "fibonacci_result",
    "fibonacci_trace",
    "fp3_inv",
    "fp3_mul",
    "fp_add",
    "fp_batch_inverse",
    "fp_inv",
    "fp_mul",
    "fp_pow",
    "fp_sub",
    "intt",
    "low_degree_extend",
    "ntt",
    "proof_summary",
    "prove",
    "prove_fibonacci",
    "prove_hash_chain",
    "prove_unchecked",
    "rescue_hash_chain",
    "rescue_hash_elements",
    "rescue_merge",
    "rescue_merkle_path",
    "rescue_merkle_root",
    "rescue_permute",
    "rescue_root_from_path",
    "security_report",
    "two_adic_root",
    "verify",
    "verify_fibonacci",
]
