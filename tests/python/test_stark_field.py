"""Goldilocks field, cubic extension and NTT against Python big-int reference arithmetic."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from l2lab import InvalidArgumentError
from l2lab.validity import stark

P = 2**64 - 2**32 + 1
elems = st.one_of(st.integers(0, P - 1), st.sampled_from([0, 1, P - 1, 2**32 - 1, 2**32, 2**63, P - 2**32]))


def ref_fp3_mul(a, b):
    c = [0] * 5
    for i in range(3):
        for j in range(3):
            c[i + j] += a[i] * b[j]
    # x^3 = x + 1, x^4 = x^2 + x
    return ((c[0] + c[3]) % P, (c[1] + c[3] + c[4]) % P, (c[2] + c[4]) % P)


def test_modulus_and_generator():
    assert stark.MODULUS == P
    assert stark.GENERATOR == 7
    assert pow(7, (P - 1) // 2, P) == P - 1  # 7 is a non-residue
    assert stark.two_adic_root(32) == pow(7, (P - 1) >> 32, P)
    assert pow(stark.two_adic_root(32), 2**31, P) == P - 1


@settings(max_examples=200)
@given(elems, elems)
def test_base_field_matches_big_int(a, b):
    assert stark.fp_add(a, b) == (a + b) % P
    assert stark.fp_sub(a, b) == (a - b) % P
    assert stark.fp_mul(a, b) == (a * b) % P
    assert stark.fp_pow(a, b) == pow(a, b, P)
    if a:
        assert stark.fp_inv(a) == pow(a, P - 2, P)


@settings(max_examples=100)
@given(st.tuples(elems, elems, elems), st.tuples(elems, elems, elems))
def test_extension_matches_reference(a, b):
    assert tuple(stark.fp3_mul(a, b)) == ref_fp3_mul(a, b)
    if any(a):
        assert tuple(stark.fp3_mul(a, stark.fp3_inv(a))) == (1, 0, 0)


@settings(max_examples=50)
@given(st.lists(st.integers(1, P - 1), max_size=40))
def test_batch_inverse(values):
    assert stark.fp_batch_inverse(values) == [pow(v, P - 2, P) for v in values]


@settings(max_examples=30)
@given(st.integers(0, 6).flatmap(lambda k: st.lists(st.integers(0, P - 1), min_size=2**k, max_size=2**k)))
def test_ntt_matches_naive_evaluation(coeffs):
    n = len(coeffs)
    w = pow(7, (P - 1) // n, P)
    naive = [sum(c * pow(w, i * j, P) for j, c in enumerate(coeffs)) % P for i in range(n)]
    assert stark.ntt(coeffs) == naive
    assert stark.intt(naive) == coeffs


def test_lde_contains_trace_values():
    values = [3, 1, 4, 1, 5, 9, 2, 6]
    lde = stark.low_degree_extend(values, 4, 1)
    assert lde[::4] == values


def test_typed_errors():
    with pytest.raises(InvalidArgumentError):
        stark.fp_add(P, 0)  # non-canonical input
    with pytest.raises(ValueError):
        stark.fp_inv(0)
    with pytest.raises(InvalidArgumentError):
        stark.fp_batch_inverse([1, 0])
    with pytest.raises(InvalidArgumentError):
        stark.ntt([1, 2, 3])
