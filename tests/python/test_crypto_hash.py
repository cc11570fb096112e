"""Keccak-256 and SHA-256 through the bindings: published vectors, then random inputs against
pycryptodome's Keccak (digest_bits=256) and hashlib's SHA-256 as independent oracles."""

from __future__ import annotations

import hashlib

import pytest
from Crypto.Hash import keccak as pycryptodome_keccak
from hypothesis import given
from hypothesis import strategies as st

import l2lab


def oracle_keccak(data: bytes) -> bytes:
    h = pycryptodome_keccak.new(digest_bits=256)
    h.update(data)
    return h.digest()


def test_keccak_empty_is_ethereums_empty_hash() -> None:
    assert l2lab.keccak256(b"").hex() == (
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    )


def test_keccak_abc_and_fox() -> None:
    assert l2lab.keccak256(b"abc").hex() == (
        "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
    )
    assert l2lab.keccak256(b"The quick brown fox jumps over the lazy dog").hex() == (
        "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15"
    )


def test_sha256_nist_vectors() -> None:
    assert l2lab.sha256(b"").hex() == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    assert l2lab.sha256(b"abc").hex() == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


@pytest.mark.parametrize("n", [0, 1, 135, 136, 137, 271, 272, 273, 1000])
def test_rate_boundaries_match_oracle(n: int) -> None:
    data = bytes(i % 251 for i in range(n))
    assert l2lab.keccak256(data) == oracle_keccak(data)
    assert l2lab.sha256(data) == hashlib.sha256(data).digest()


def test_large_input_releases_gil_and_still_matches() -> None:
    data = bytes(range(256)) * 1024  # 256 KiB: takes the GIL-released path
    assert l2lab.keccak256(data) == oracle_keccak(data)
    assert l2lab.sha256(data) == hashlib.sha256(data).digest()


def test_bytes_like_inputs_accepted() -> None:
    assert l2lab.keccak256(bytearray(b"abc")) == l2lab.keccak256(b"abc")
    assert l2lab.keccak256(memoryview(b"abc")) == l2lab.keccak256(b"abc")


@pytest.mark.parametrize("bad", ["abc", 123, None, [1, 2]])
def test_non_bytes_rejected_with_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        l2lab.keccak256(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        l2lab.sha256(bad)  # type: ignore[arg-type]


def test_hash_bytes_by_name() -> None:
    assert l2lab.crypto.hash_bytes("keccak256", b"x") == l2lab.keccak256(b"x")
    assert l2lab.crypto.hash_bytes("sha256", b"x") == l2lab.sha256(b"x")
    with pytest.raises(l2lab.InvalidArgumentError, match="unknown hash kind"):
        l2lab.crypto.hash_bytes("md5", b"x")


@given(st.binary(max_size=2048))
def test_keccak_matches_pycryptodome(data: bytes) -> None:
    assert l2lab.keccak256(data) == oracle_keccak(data)


@given(st.binary(max_size=2048))
def test_sha256_matches_hashlib(data: bytes) -> None:
    assert l2lab.sha256(data) == hashlib.sha256(data).digest()
