"""Prove and verify Fibonacci from Python; parameters, security level and typed errors."""

from __future__ import annotations

import pytest

from l2lab import DecodeError, InvalidArgumentError
from l2lab.validity import stark


def small() -> stark.ProofOptions:
    return stark.ProofOptions(num_queries=8, grinding_bits=4, allow_insecure=True)


def test_prove_verify_fibonacci_default_options():
    opts = stark.ProofOptions.default_96()
    assert opts.conjectured_security_bits(64) >= 96
    proof = stark.prove_fibonacci(64, opts)
    result = stark.verify_fibonacci(proof, 64, options=opts)
    assert result.ok and result.failure == "none"
    summary = stark.proof_summary(proof)
    assert summary["size_bytes"] == len(proof)
    assert summary["trace_width"] == 2


def test_security_report_and_presets():
    rep = stark.security_report(stark.ProofOptions.preset_128(), 2**16)
    assert rep["conjectured_security_bits"] == 128
    assert rep["field_extension_degree"] == 3
    assert stark.ProofOptions.default_96().conjectured_security_bits(2**16) == 99
    weak = stark.ProofOptions(num_queries=4, grinding_bits=0)
    with pytest.raises(stark.InsecureParametersError):
        weak.validate(1024)
    assert issubclass(stark.InsecureParametersError, InvalidArgumentError)
    weak.allow_insecure = True
    weak.validate(1024)
    with pytest.raises(InvalidArgumentError):
        stark.ProofOptions(hash="md5")


def test_wrong_statement_and_tampering_rejected():
    opts = small()
    proof = stark.prove_fibonacci(32, opts)
    assert stark.verify_fibonacci(proof, 32, options=opts).ok
    bad = stark.verify_fibonacci(proof, 32, result=stark.fibonacci_result(32) + 1, options=opts)
    assert not bad.ok and bad.failure == "ood_constraint_mismatch"
    flipped = bytearray(proof)
    flipped[len(flipped) // 2] ^= 1
    assert not stark.verify_fibonacci(bytes(flipped), 32, options=opts).ok
    malformed = stark.verify_fibonacci(proof[:-1], 32, options=opts)
    assert malformed.failure == "malformed"
    with pytest.raises(DecodeError):
        stark.proof_summary(proof + b"\x00")
    stronger = stark.ProofOptions(num_queries=9, grinding_bits=4, allow_insecure=True)
    assert not stark.verify_fibonacci(proof, 32, options=stronger).ok


def test_typed_prover_errors():
    with pytest.raises(stark.TraceShapeError):
        stark.FibonacciAir(100, 1)
    air = stark.FibonacciAir(16, stark.fibonacci_result(16))
    cols = stark.fibonacci_trace(16)
    with pytest.raises(stark.TraceShapeError):
        stark.prove(air, [c[:12] for c in cols], small())
    cols[0][5] = (cols[0][5] + 1) % stark.MODULUS
    with pytest.raises(stark.UnsatisfiedTraceError) as err:
        stark.prove(air, cols, small())
    assert err.value.row == 4 and err.value.constraint == "transition constraint 0"
    with pytest.raises(stark.InsecureParametersError):
        stark.prove_fibonacci(16, stark.ProofOptions(num_queries=2, grinding_bits=0))
    assert air.name == "fibonacci" and air.public_inputs == [stark.fibonacci_result(16)]


def test_cheating_prover_is_rejected():
    # One wrong cell (a_10 += 1): the honest prover refuses, the unchecked one produces a proof
    # that the verifier rejects; on the honest trace both provers agree byte for byte.
    opts = small()
    air = stark.FibonacciAir(32, stark.fibonacci_result(32))
    honest = stark.fibonacci_trace(32)
    assert stark.prove_unchecked(air, honest, opts) == stark.prove(air, honest, opts)
    bad = [list(c) for c in honest]
    bad[0][10] = (bad[0][10] + 1) % stark.MODULUS
    with pytest.raises(stark.UnsatisfiedTraceError):
        stark.prove(air, bad, opts)
    forced = stark.prove_unchecked(air, bad, opts)
    result = stark.verify(air, forced, opts)
    assert not result.ok and result.failure != "malformed"
