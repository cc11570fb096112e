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

:func:`channel_report` adds the sections ``l2lab bench`` prints after its table: the update
rounds per second as a fraction of the crypto bound (and of the raw-libsecp256k1 bound when the
native benchmarks ran) and as a multiple of both Python references, then the L1 gas table of the
adjudicator for 2 and 5 parties (:mod:`l2lab.channel_gas`, from real receipts).
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


def _row(rows: list[Any], operation: str, implementation: str) -> Any:
    return next((r for r in rows if r.operation == operation
                 and r.implementation == implementation), None)


def channel_report(rows: list[Any], parties: tuple[int, ...] = (2, 5)) -> str:
    """The channel summary printed after the bench table (see the module docstring)."""
    from .channel_gas import format_gas_table, gas_table

    lines = ["channel update round (propose, countersign, both verify):"]
    ours = _row(rows, "channel round: crypto", "l2lab (bulk)")
    if ours is not None:
        lines.append(f"  l2lab: {ours.per_second:,.0f} rounds/s = {ours.ratio:.2f}x the crypto "
                     f"bound through l2lab's bulk calls")
    native = _row(rows, "channel_update_round", "l2lab")
    if native is not None:
        lines.append(f"  native: {native.per_second:,.0f} rounds/s = {native.ratio:.2f}x the raw "
                     f"libsecp256k1 bound ({native.baseline})")
    for op, name in (("channel round: py-ref cc", "Python reference + coincurve"),
                     ("channel round: py-ref pure", "Python reference + pure-Python ECDSA")):
        r = _row(rows, op, "l2lab (bulk)")
        if r is not None:
            lines.append(f"  {r.ratio:,.1f}x the {name}")
    lines.append("")
    lines.append(f"adjudicator L1 gas ({', '.join(str(n) for n in parties)} parties; "
                 f"lsw = latest_state_wins):")
    lines.append(format_gas_table(gas_table(parties=parties)))
    return "\n".join(lines)
