"""The Python-level benchmark cases of ``l2lab bench``.

Each case processes a batch and returns how many items it handled. Baselines are other libraries
measured in the same process: pycryptodome (Keccak), hashlib (OpenSSL SHA-256), coincurve
(libsecp256k1 through cffi, one call per item) and python-ecdsa (pure Python, the slow
reference).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from . import PrivateKey, World, keccak256
from .crypto import recover_many

BATCH = 2000


@dataclass
class Case:
    operation: str
    implementation: str
    fn: Callable[[], int]
    baseline: str = ""  # implementation of the same operation to compare with ("": the default)


def _messages(n: int, size: int = 64) -> list[bytes]:
    return [i.to_bytes(8, "big") * (size // 8) for i in range(n)]


def _hash_cases() -> Iterator[Case]:
    msgs = _messages(BATCH)

    def l2lab_keccak() -> int:
        for m in msgs:
            keccak256(m)
        return len(msgs)

    yield Case("keccak256 64 B (per call)", "l2lab", l2lab_keccak)
    try:
        from Crypto.Hash import keccak as _keccak

        def pycryptodome_keccak() -> int:
            for m in msgs:
                _keccak.new(digest_bits=256, data=m).digest()
            return len(msgs)

        yield Case("keccak256 64 B (per call)", "pycryptodome", pycryptodome_keccak)
    except ImportError:
        pass

    from . import sha256

    def l2lab_sha() -> int:
        for m in msgs:
            sha256(m)
        return len(msgs)

    def hashlib_sha() -> int:
        for m in msgs:
            hashlib.sha256(m).digest()
        return len(msgs)

    yield Case("sha256 64 B (per call)", "hashlib-openssl", hashlib_sha)
    yield Case("sha256 64 B (per call)", "l2lab", l2lab_sha)


def _ecdsa_cases() -> Iterator[Case]:
    key = PrivateKey.from_int(0xC0FFEE)
    digests = [keccak256(m) for m in _messages(BATCH, 32)]
    sigs = key.sign_many(digests)

    def l2lab_sign_bulk() -> int:
        key.sign_many(digests)
        return len(digests)

    def l2lab_recover_bulk() -> int:
        recover_many(digests, sigs)
        return len(digests)

    try:
        import coincurve

        ck = coincurve.PrivateKey(key.to_bytes())
        raw = [bytes(s) for s in sigs]

        def coincurve_sign() -> int:
            for d in digests:
                ck.sign_recoverable(d, hasher=None)
            return len(digests)

        def coincurve_recover() -> int:
            for d, s in zip(digests, raw):
                coincurve.PublicKey.from_signature_and_message(s, d, hasher=None)
            return len(digests)

        yield Case("ecdsa sign", "coincurve", coincurve_sign)
        yield Case("ecdsa recover", "coincurve", coincurve_recover)
    except ImportError:
        pass
    try:
        import ecdsa

        sk = ecdsa.SigningKey.from_secret_exponent(0xC0FFEE, curve=ecdsa.SECP256k1)
        few = digests[:20]

        def python_ecdsa_sign() -> int:
            for d in few:
                sk.sign_digest_deterministic(d, hashfunc=hashlib.sha256)
            return len(few)

        yield Case("ecdsa sign", "python-ecdsa", python_ecdsa_sign)
    except ImportError:
        pass
    yield Case("ecdsa sign", "l2lab (bulk)", l2lab_sign_bulk)
    yield Case("ecdsa recover", "l2lab (bulk)", l2lab_recover_bulk)


def _l1_cases() -> Iterator[Case]:
    n = BATCH

    def l2lab_transfers() -> int:
        w = World(seed=1)
        senders = [w.new_account(balance=10**21) for _ in range(10)]
        sink = w.new_account().address
        chain = w.chain
        txs = chain.sign_transfers(
            [a.key for a in senders], [(i % len(senders), sink, 1) for i in range(n)]
        )
        chain.submit_many(txs)
        chain.mine_until_empty(max_blocks=10_000)
        return n

    try:
        import coincurve

        key = coincurve.PrivateKey(PrivateKey.from_int(5).to_bytes())
        digests = [keccak256(m) for m in _messages(n, 32)]

        def coincurve_sign_recover() -> int:
            for d in digests:
                sig = key.sign_recoverable(d, hasher=None)
                coincurve.PublicKey.from_signature_and_message(sig, d, hasher=None)
            return n

        yield Case("l1 transfer sign+include", "coincurve s+r", coincurve_sign_recover)
    except ImportError:
        pass
    yield Case("l1 transfer sign+include", "l2lab", l2lab_transfers)


def _rollup_cases() -> Iterator[Case]:
    from ._bench_rollup import rollup_cases

    yield from rollup_cases(Case)


def _channel_cases() -> Iterator[Case]:
    from ._bench_channel import channel_cases

    yield from channel_cases(Case)


def cases() -> list[Case]:
    return [*_hash_cases(), *_ecdsa_cases(), *_l1_cases(), *_rollup_cases(), *_channel_cases()]
