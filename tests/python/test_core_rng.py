"""The seeded RNG matches an independent pure-Python xoshiro256** (SplitMix64 seeding)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from l2lab import _core

M64 = (1 << 64) - 1


def _splitmix64(state: int) -> tuple[int, int]:
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)


def _rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (64 - k))) & M64


def reference_stream(seed: int, n: int) -> list[int]:
    st_, s = seed, []
    for _ in range(4):
        st_, w = _splitmix64(st_)
        s.append(w)
    out = []
    for _ in range(n):
        out.append((_rotl((s[1] * 5) & M64, 7) * 9) & M64)
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 45)
    return out


@given(st.integers(min_value=0, max_value=M64))
def test_stream_matches_reference(seed: int) -> None:
    rng = _core.core.Rng(seed)
    assert [rng.next_u64() for _ in range(8)] == reference_stream(seed, 8)


def test_same_seed_same_bytes_different_seed_different() -> None:
    assert _core.core.Rng(5).bytes(64) == _core.core.Rng(5).bytes(64)
    assert _core.core.Rng(5).bytes(64) != _core.core.Rng(6).bytes(64)


def test_uniform_zero_bound_is_a_typed_error() -> None:
    import l2lab
    import pytest

    with pytest.raises(l2lab.InvalidArgumentError, match="bound"):
        _core.core.Rng(1).uniform(0)
