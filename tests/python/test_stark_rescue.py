"""Rescue-Prime Rp64_256 and the example AIRs from Python.

The C++ hash is checked against Winterfell's published permutation vector and, differentially,
against the independent pure-Python model ``l2lab.reference.rescue`` (Hypothesis); the
hash-chain and Merkle-update AIRs prove and verify from Python and reject wrong statements; a
toy AIR defined in Python (``l2lab.validity.stark_expr``) is proved and verified in C++.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l2lab._core.validity import stark
from l2lab.reference import rescue as ref

P = ref.P
felt = st.integers(min_value=0, max_value=P - 1)
digest = st.tuples(felt, felt, felt, felt)
OPTIONS = stark.ProofOptions.default_96()


def test_permutation_matches_winterfell_kat_and_reference() -> None:
    kat_in, kat_out = ref.PERMUTATION_KAT
    assert ref.permute(kat_in) == list(kat_out)  # the reference alone reproduces the KAT
    assert stark.rescue_permute(list(kat_in)) == list(kat_out)
    assert ref.INV_ALPHA == 10540996611094048183


@settings(max_examples=20)
@given(st.lists(felt, min_size=12, max_size=12))
def test_permutation_matches_reference(state: list[int]) -> None:
    assert stark.rescue_permute(state) == ref.permute(state)


@settings(max_examples=20)
@given(st.lists(felt, min_size=0, max_size=20))
def test_hash_elements_matches_reference(elements: list[int]) -> None:
    assert stark.rescue_hash_elements(elements) == ref.hash_elements(elements)


@settings(max_examples=15)
@given(digest, digest)
def test_merge_matches_reference(left: tuple, right: tuple) -> None:
    assert stark.rescue_merge(left, right) == ref.merge(left, right)
    assert stark.rescue_merge(left, right) == stark.rescue_hash_elements(list(left + right))


def test_chain_and_merkle_match_reference() -> None:
    seed = (1, 2, 3, 4)
    assert stark.rescue_hash_chain(seed, 3) == ref.hash_chain(seed, 3)
    leaves = [(i, i * 7, P - 1 - i, 5) for i in range(8)]
    assert stark.rescue_merkle_root(leaves) == ref.merkle_root(leaves)
    for index in (0, 5, 7):
        path = stark.rescue_merkle_path(leaves, index)
        assert [tuple(d) for d in path] == ref.merkle_path(leaves, index)
        assert stark.rescue_root_from_path(leaves[index], index, path) == ref.merkle_root(leaves)


def test_bad_inputs_raise() -> None:
    with pytest.raises(ValueError):
        stark.rescue_permute([P] + [0] * 11)  # not canonical
    with pytest.raises(ValueError):
        stark.rescue_merkle_root([(0, 0, 0, 0)] * 3)
    with pytest.raises(ValueError):
        stark.HashChainAir((0, 0, 0, 0), (0, 0, 0, 0), 3)
    with pytest.raises(ValueError):
        stark.MerkleUpdateAir(8, 3, (0,) * 4, (0,) * 4, (0,) * 4, (0,) * 4)


def test_hash_chain_proof_from_python() -> None:
    seed, n = (7, 7, 7, 7), 16
    result = stark.rescue_hash_chain(seed, n)
    air = stark.HashChainAir(seed, result, n)
    assert air.trace_length == 8 * n and air.trace_width == 12
    proof = stark.prove_hash_chain(seed, n, OPTIONS)
    assert stark.verify(air, proof, OPTIONS).ok
    # The generic path (trace columns through Python) gives the same proof bytes.
    assert stark.prove(air, stark.build_hash_chain_trace(seed, n), OPTIONS) == proof
    wrong = (result[0], result[1], result[2], (result[3] + 1) % P)
    res = stark.verify(stark.HashChainAir(seed, wrong, n), proof, OPTIONS)
    assert not res.ok and res.failure != "none"
    with pytest.raises(stark.UnsatisfiedTraceError):
        stark.prove(stark.HashChainAir(seed, wrong, n), stark.build_hash_chain_trace(seed, n),
                    OPTIONS)


def test_merkle_update_proof_from_python() -> None:
    leaves = [(i, 1, 2, 3) for i in range(16)]
    index, new_leaf = 11, (99, 98, 97, 96)
    path = stark.rescue_merkle_path(leaves, index)
    air = stark.MerkleUpdateAir.for_update(index, leaves[index], new_leaf, path)
    assert air.old_root == ref.merkle_root(leaves)
    updated = list(leaves)
    updated[index] = new_leaf
    assert air.new_root == ref.merkle_root(updated)
    trace = stark.build_merkle_update_trace(index, leaves[index], new_leaf, path)
    proof = stark.prove(air, trace, OPTIONS)
    assert stark.verify(air, proof, OPTIONS).ok
    other = stark.MerkleUpdateAir(index ^ 1, 4, leaves[index], new_leaf, air.old_root,
                                  air.new_root)
    assert not stark.verify(other, proof, OPTIONS).ok


def test_toy_air_defined_in_python() -> None:
    from l2lab.validity.stark_expr import AirBuilder

    n = 64
    # Trace: x' = y, y' = x + y, z' = z + k x^2 with k alternating 1, 2 (a periodic column).
    cols = [[1], [1], [0]]
    for r in range(n - 1):
        x, y, z = cols[0][r], cols[1][r], cols[2][r]
        k = 1 if r % 2 == 0 else 2
        cols[0].append(y)
        cols[1].append((x + y) % P)
        cols[2].append((z + k * x * x) % P)

    def build(claimed_z: int):
        b = AirBuilder("toy_fib_square", width=3, length=n)
        x, y, z = b.current(0), b.current(1), b.current(2)
        k = b.periodic([1, 2])
        b.enforce(b.next(0) - y)
        b.enforce(b.next(1) - (x + y))
        b.enforce(b.next(2) - (z + k * x**2))
        b.assert_value(0, 0, 1)
        b.assert_value(1, 0, 1)
        b.assert_value(2, 0, 0)
        b.assert_value(2, n - 1, claimed_z, public=True)
        assert b.degrees == [1, 1, 3]
        return b.build()

    air = build(cols[2][-1])
    assert air.transition_degrees == [1, 1, 3]
    proof = stark.prove(air, cols, OPTIONS)
    assert stark.verify(air, proof, OPTIONS).ok
    assert not stark.verify(build(cols[2][-1] + 1), proof, OPTIONS).ok
    bad = [list(c) for c in cols]
    bad[2][10] = (bad[2][10] + 1) % P
    with pytest.raises(stark.UnsatisfiedTraceError):
        stark.prove(air, bad, OPTIONS)


def test_expr_builder_refuses_bad_constraints() -> None:
    from l2lab.validity.stark_expr import AirBuilder

    b = AirBuilder("bad", width=1, length=8)
    with pytest.raises(ValueError):
        b.enforce(b.constant(3))
    with pytest.raises(ValueError):
        b.enforce(b.current(0) ** 17)
    with pytest.raises(ValueError):
        b.current(1)
    b2 = AirBuilder("other", width=1, length=8)
    with pytest.raises(ValueError):
        b.current(0) + b2.current(0)
    with pytest.raises(ValueError):
        stark.ExprAir("raw", 1, 8, [("current", 0, 0), ("cube", 0, 0)], [0], [], [], [])
