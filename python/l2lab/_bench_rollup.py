"""Rollup cases and summary of ``l2lab bench``.

Cases (operation ``rollup STF transfers+root``, all on the same 2,000 signed Zipf transfers over
1,000 funded accounts, the state root included):

- ``python-reference``: the pure-Python reference STF (l2lab.reference.rollup: coincurve
  recovery, pycryptodome Keccak, the SMT root from its recursive definition) on the first 100
  of them; the operation's baseline;
- ``l2lab 1 thread`` / ``l2lab 2 threads``: ``apply_batch`` with signature recovery on 1 and 2
  threads; the 2-thread row's ratio is against the 1-thread row;
- ``recover (bulk)``: ``l2lab.crypto.recover_many`` on the same signatures, the crypto bound as
  reachable through the Python API (libsecp256k1 underneath, plus Keccak of each public key).

:func:`rollup_report` prints, after the table, the STF rates and their ratios (2 threads vs 1,
1 thread vs raw libsecp256k1 recovery measured in the same run by ``l2lab_rollup_bench`` when
the native benchmarks ran, vs the Python reference) and the bytes and L1 gas per transfer for
batches of 10, 100, 1,000 and 10,000 transfers under each codec (:func:`bytes_gas_table`):
deterministic figures, computed here through the Python API and, when the native benchmark ran,
checked against its counters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

STF_TXS = 2000
REFERENCE_TXS = 100
ACCOUNTS = 1000
TRAFFIC_SEED = 1  # the native benchmark's workload: TrafficConfig(accounts=1000, seed=1)
BATCH_SIZES = (10, 100, 1000, 10_000)
CODECS = (("none", 0), ("zstd", 3), ("brotli", 9))
STF_OPERATION = "rollup STF transfers+root"
_COUNTERS = ("bytes_per_tx", "raw_bytes_per_tx", "calldata_gas_per_tx", "blob_gas_per_tx",
             "blobs")


def rollup_cases(case: Callable[..., Any]) -> Iterator[Any]:
    """The rollup cases, built with ``case(operation, implementation, fn, baseline="")``."""
    from . import rollup as R
    from .crypto import Signature, recover_many

    gen = R.TrafficGenerator(R.TrafficConfig(accounts=ACCOUNTS, seed=TRAFFIC_SEED))
    cfg = R.StfConfig(chain_id=901)
    funded = R.L2State()
    R.apply_batch(funded, cfg, [R.Deposit(to=a, amount=2**100) for a in gen.addresses()])
    txs = gen.next(STF_TXS)

    def l2lab_stf(threads: int) -> Callable[[], int]:
        def run() -> int:
            st = funded.clone()
            res = R.apply_batch(st, cfg, txs, threads=threads)
            assert res.applied == len(txs)
            return len(txs)

        return run

    digests = [t.signing_hash() for t in txs]
    signatures = [Signature(t.signature) for t in txs]

    def recover_bulk() -> int:
        assert all(a is not None for a in recover_many(digests, signatures))
        return len(txs)

    try:
        from .reference import rollup as ref
    except ImportError:  # pycryptodome / coincurve missing
        ref = None
    if ref is not None:
        few = txs[:REFERENCE_TXS]
        ref_txs = [ref.RefTx(int(t.kind), t.chain_id, t.nonce, t.fee, bytes(t.to), t.value,
                             bytes(t.signature)) for t in few]
        ref_funded = ref.RefState()
        for a in gen.addresses():
            ref.apply(ref_funded, ref.RefDeposit(bytes(a), 2**100), 901, bytes(20))

        def python_reference() -> int:
            st = ref.RefState(dict(ref_funded.accounts), dict(ref_funded.withdrawals))
            for t in ref_txs:
                assert ref.apply(st, t, 901, bytes(20)) is None
            st.root()
            return len(ref_txs)

        yield case(STF_OPERATION, "python-reference", python_reference)
    yield case(STF_OPERATION, "l2lab 1 thread", l2lab_stf(1))
    yield case(STF_OPERATION, "l2lab 2 threads", l2lab_stf(2), baseline="l2lab 1 thread")
    yield case(STF_OPERATION, "recover (bulk)", recover_bulk)


def bytes_gas_table(sizes: Sequence[int] = BATCH_SIZES) -> list[dict[str, Any]]:
    """Bytes and L1 gas per transfer, one row per (batch size, codec), for the first ``n`` of
    the benchmark's Zipf transfers in one batch frame. ``calldata_gas_per_tx``: the frame as the
    calldata of an L1 tx, 21000 + EIP-2028 data gas or the EIP-7623 floor when higher;
    ``blob_gas_per_tx``: 2^17 blob gas (EIP-4844) per blob the length-prefixed frame fills
    (a whole blob is paid for however little of it is used); ``raw_bytes_per_tx``: the
    uncompressed payload."""
    from . import rollup as R
    from .l1 import gas

    gen = R.TrafficGenerator(R.TrafficConfig(accounts=ACCOUNTS, seed=TRAFFIC_SEED))
    txs = gen.next(max(sizes))
    rows = []
    for n in sizes:
        batch = R.Batch(queue_index=0, txs=txs[:n])
        raw = len(R.encode_batch_payload(batch))
        for codec, level in CODECS:
            frame = R.encode_batch(batch, codec, level)
            calldata = max(gas.intrinsic_gas(frame), gas.calldata_floor_gas(frame))
            blobs = -(-(len(frame) + 4) // gas.BYTES_PER_BLOB)
            rows.append({"txs": n, "codec": _codec_label(codec, level),
                         "bytes_per_tx": len(frame) / n, "raw_bytes_per_tx": raw / n,
                         "calldata_gas_per_tx": calldata / n,
                         "blob_gas_per_tx": blobs * gas.GAS_PER_BLOB / n, "blobs": blobs})
    return rows


def _codec_label(codec: str, level: int) -> str:
    return codec if codec == "none" else f"{codec}-{level}"


def _row(rows: Sequence[Any], operation: str, implementation: str) -> Any:
    return next((r for r in rows if r.operation == operation
                 and r.implementation == implementation), None)


def _ratio(a: Any, b: Any) -> float:
    return a.per_second / b.per_second if a is not None and b is not None and b.per_second > 0 \
        else math.nan


def stf_lines(rows: Sequence[Any]) -> list[str]:
    """The STF summary: rates and ratios from rows measured in the same run."""
    lines = ["rollup STF, signed Zipf transfers (recovery, nonce/balance checks, state root):"]
    n1 = _row(rows, "rollup_stf_transfers", "l2lab_1thread")
    n2 = _row(rows, "rollup_stf_transfers", "l2lab_2threads")
    raw = _row(rows, "rollup_stf_transfers", "libsecp256k1_recover")
    raw1 = _row(rows, "rollup_sig_recovery", "libsecp256k1_1thread")
    raw2 = _row(rows, "rollup_sig_recovery", "libsecp256k1_2threads")
    if n1 is not None and raw is not None:
        lines.append(f"  native 1 thread:  {n1.per_second:9,.0f}/s = {_ratio(n1, raw):.2f}x raw "
                     f"libsecp256k1 recovery ({raw.per_second:,.0f}/s)")
    if n2 is not None and n1 is not None:
        line = f"  native 2 threads: {n2.per_second:9,.0f}/s = {_ratio(n2, n1):.2f}x 1 thread"
        if raw1 is not None and raw2 is not None:
            line += f" (raw recovery: {_ratio(raw2, raw1):.2f}x)"
        lines.append(line)
    p1 = _row(rows, STF_OPERATION, "l2lab 1 thread")
    p2 = _row(rows, STF_OPERATION, "l2lab 2 threads")
    bulk = _row(rows, STF_OPERATION, "recover (bulk)")
    ref = _row(rows, STF_OPERATION, "python-reference")
    if p1 is not None:
        line = f"  Python API 1 thread:  {p1.per_second:9,.0f}/s"
        if bulk is not None:
            line += f" = {_ratio(p1, bulk):.2f}x recover_many alone"
        lines.append(line)
    if p2 is not None and p1 is not None:
        lines.append(f"  Python API 2 threads: {p2.per_second:9,.0f}/s = {_ratio(p2, p1):.2f}x "
                     f"1 thread")
    if ref is not None:
        lines.append(f"  pure-Python reference STF: {ref.per_second:,.0f}/s; l2lab 1 thread is "
                     f"{_ratio(p1, ref):,.1f}x it (Python API)" +
                     (f", {_ratio(n1, ref):,.1f}x (native)" if n1 is not None else ""))
    if len(lines) == 1:
        lines.append("  (no rollup STF rows in this run)")
    return lines


def native_bytes_gas(rows: Sequence[Any]) -> dict[tuple[int, str], dict[str, float]]:
    """Counters of the native ``rollup_batch_encode/l2lab_<codec>/<txs>`` rows (operation
    ``rollup_batch_encode/<txs>``, implementation ``l2lab_<codec>``), by (txs, codec)."""
    out = {}
    for r in rows:
        parts = r.operation.split("/")
        if len(parts) == 2 and parts[0] == "rollup_batch_encode" and r.counters:
            out[(int(parts[1]), r.implementation.removeprefix("l2lab_"))] = r.counters
    return out


def check_against_native(table: Sequence[dict[str, Any]],
                         native: dict[tuple[int, str], dict[str, float]]) -> list[str]:
    """Where the native counters disagree with the Python-computed table (empty: they agree)."""
    problems = []
    for row in table:
        got = native.get((row["txs"], row["codec"]))
        if got is None:
            problems.append(f"{row['codec']}/{row['txs']}: no native row")
            continue
        for k in _COUNTERS:
            if not math.isclose(got.get(k, math.nan), row[k], rel_tol=1e-9):
                problems.append(f"{row['codec']}/{row['txs']} {k}: native {got.get(k)} != "
                                f"{row[k]}")
    return problems


def format_bytes_gas(table: Sequence[dict[str, Any]]) -> str:
    lines = [f"{'txs/batch':>9}  {'codec':<9} {'raw B/tx':>8} {'B/tx':>7} {'calldata gas/tx':>15} "
             f"{'blob gas/tx':>11} {'blobs':>5}"]
    for r in table:
        lines.append(f"{r['txs']:>9,}  {r['codec']:<9} {r['raw_bytes_per_tx']:8.1f} "
                     f"{r['bytes_per_tx']:7.1f} {r['calldata_gas_per_tx']:15,.0f} "
                     f"{r['blob_gas_per_tx']:11,.0f} {r['blobs']:5}")
    return "\n".join(lines)


def rollup_report(rows: Sequence[Any], table: Sequence[dict[str, Any]] | None = None) -> str:
    """The rollup section printed after the bench table (see the module docstring)."""
    table = bytes_gas_table() if table is None else table
    lines = stf_lines(rows)
    lines.append("")
    lines.append("rollup bytes and L1 gas per transfer (Zipf transfers in one batch frame;")
    lines.append("  calldata: 21000 + EIP-2028, or the EIP-7623 floor; blob: 2^17 gas per blob):")
    lines.append(format_bytes_gas(table))
    native = native_bytes_gas(rows)
    if native:
        problems = check_against_native(table, native)
        lines.append("native l2lab_rollup_bench counters: " +
                     ("identical" if not problems else "DIFFER: " + "; ".join(problems)))
    return "\n".join(lines)
