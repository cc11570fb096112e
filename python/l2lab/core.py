"""Core types exposed to Python: the strict canonical RLP codec, u256 helpers, the seeded RNG.

- ``rlp_encode(obj)``: ``obj`` is bytes-like, an int in ``[0, 2**256)``, or nested lists/tuples
  of those. ``rlp_decode(data, max_depth=64, max_input_bytes=16 MiB, max_items=2**20)`` returns
  bytes or nested lists of bytes, or raises :class:`l2lab.DecodeError` whose ``kind`` is one of
  ``DecodeErrorKind``'s names and whose ``offset`` is the byte position.
- ``Rng(seed)``: xoshiro256** seeded through SplitMix64; ``fork(label)`` gives independent streams.
"""

from __future__ import annotations

from ._core.core import (
    RLP_MAX_DEPTH_CAP,
    U256_MAX,
    DecodeErrorKind,
    Rng,
    rlp_decode,
    rlp_encode,
    u256_add,
    u256_from_bytes,
    u256_mul,
    u256_sub,
    u256_to_bytes,
)

__all__ = [
    "RLP_MAX_DEPTH_CAP",
    "U256_MAX",
    "DecodeErrorKind",
    "Rng",
    "rlp_decode",
    "rlp_encode",
    "u256_add",
    "u256_from_bytes",
    "u256_mul",
    "u256_sub",
    "u256_to_bytes",
]
