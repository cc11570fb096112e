"""Channel cases of ``l2lab bench``: the full 2-party update round (propose, countersign, both
verify, persisted) through one bulk C++ call, next to baselines measured in the same run:

- ``channel round: crypto``: the crypto a round cannot avoid (2 signs + 2 recoveries through
  l2lab's bulk crypto calls, libsecp256k1 underneath); the ratio is the fraction of the crypto
  bound the engine reaches. The raw-libsecp256k1 bound is measured by bench/channel_bench.cpp;
- ``channel round: py-ref cc``: the pure-Python reference engine (l2lab.reference.channel) with
  coincurve, i.e. libsecp256k1 through cffi: its crypto is C, only the protocol code is Python
  (and its Ack handler recovers both signatures again: 2 signs + 4 recoveries per round);
- ``channel round: py-ref pure``: the same reference with pure-Python ECDSA
  (l2lab.reference.ecdsa_pure on python-ecdsa's point arithmetic).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

ROUNDS = 400


def channel_cases(case: Callable[[str, str, Callable[[], int]], Any]) -> Iterator[Any]:
    from . import PrivateKey, keccak256
    from . import channel as ch
    from .crypto import recover_many

    def l2lab_rounds() -> int:
        assert ch.bench_update_rounds(ROUNDS) == ROUNDS
        return ROUNDS

    keys = [PrivateKey.from_int(11), PrivateKey.from_int(12)]
    digests = [keccak256(i.to_bytes(8, "big")) for i in range(ROUNDS)]

    def crypto_bound() -> int:
        for k in keys:  # each side signs once and recovers the other's signature
            recover_many(digests, k.sign_many(digests))
        return ROUNDS

    yield case("channel round: crypto", "crypto (bulk)", crypto_bound)
    yield case("channel round: crypto", "l2lab (bulk)", l2lab_rounds)
    try:
        from .reference import channel as ref
    except ImportError:  # coincurve / pycryptodome missing
        return
    yield case("channel round: py-ref cc", "coincurve ref", lambda: ref.update_rounds(100))
    yield case("channel round: py-ref cc", "l2lab (bulk)", l2lab_rounds)
    try:
        import ecdsa  # noqa: F401
    except ImportError:
        return
    yield case("channel round: py-ref pure", "pure-py ref",
               lambda: ref.update_rounds(5, ecdsa="python-ecdsa"))
    yield case("channel round: py-ref pure", "l2lab (bulk)", l2lab_rounds)
