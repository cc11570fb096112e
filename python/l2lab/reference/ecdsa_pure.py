"""Recoverable secp256k1 ECDSA in pure Python (point arithmetic from python-ecdsa, no C library).

The slow baseline of the channel benchmark: the same signatures libsecp256k1 makes (RFC 6979
nonce with HMAC-SHA256, low-s, recovery id = parity of R.y, +2 when R.x >= n) and the same
recovery (SEC 1 v2, section 4.1.6), so a state signed here recovers to the same address through
coincurve and through l2lab. Not constant-time: a benchmark and test oracle, never for keys that
matter.
"""

from __future__ import annotations

import hashlib

from Crypto.Hash import keccak
from ecdsa import SECP256k1
from ecdsa.ellipticcurve import PointJacobi
from ecdsa.numbertheory import inverse_mod, square_root_mod_prime
from ecdsa.rfc6979 import generate_k

_G = SECP256k1.generator
_N = SECP256k1.order
_P = SECP256k1.curve.p()
_B = SECP256k1.curve.b()


def _address(point: PointJacobi) -> bytes:
    pub = point.x().to_bytes(32, "big") + point.y().to_bytes(32, "big")
    h = keccak.new(digest_bits=256)
    h.update(pub)
    return h.digest()[12:]


def address_of(secret: int) -> bytes:
    """Ethereum address of the key with secret scalar `secret`."""
    return _address(_G * secret)


def sign(secret: int, digest: bytes) -> bytes:
    """65 bytes r || s || v (v in {0, 1}) over the 32-byte `digest`."""
    z = int.from_bytes(digest, "big")
    k = generate_k(_N, secret, hashlib.sha256, digest)
    R = _G * k
    r = R.x() % _N
    s = inverse_mod(k, _N) * (z + r * secret) % _N
    if r == 0 or s == 0:  # probability ~2^-256; RFC 6979 would retry with the next k
        raise ValueError("degenerate signature")
    v = (R.y() & 1) | (2 if R.x() >= _N else 0)
    if s > _N // 2:
        s, v = _N - s, v ^ 1
    if v > 1:
        raise ValueError("recovery id above 1 (R.x >= n): not representable in 65 bytes")
    return r.to_bytes(32, "big") + s.to_bytes(32, "big") + bytes([v])


def recover(digest: bytes, sig: bytes) -> bytes | None:
    """Address whose key made `sig` over `digest`, or None for an invalid signature."""
    if len(sig) != 65 or sig[64] > 1:
        return None
    r, s, v = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:64], "big"), sig[64]
    if not (0 < r < _N and 0 < s <= _N // 2):
        return None
    y2 = (pow(r, 3, _P) + _B) % _P
    try:
        y = square_root_mod_prime(y2, _P)
    except Exception:  # noqa: BLE001 - r is not the x of a curve point
        return None
    if y & 1 != v:
        y = _P - y
    R = PointJacobi(SECP256k1.curve, r, y, 1, _N)
    z = int.from_bytes(digest, "big")
    r_inv = inverse_mod(r, _N)
    Q = R * (s * r_inv % _N) + _G * (-z * r_inv % _N)
    if Q == 0 or Q.x() is None:  # point at infinity
        return None
    return _address(Q)
