"""`l2lab bench` for the rollup: native counters and per-row baselines are read from Google
Benchmark's JSON, the 2-thread STF row is compared with the 1-thread row, and the bytes and L1
gas per transfer are recomputed here from the EIP formulas (no timing is asserted)."""

from __future__ import annotations

import math

import pytest

from l2lab import _bench_rollup as BR
from l2lab import bench
from l2lab import rollup as R

# A Google Benchmark document shaped like l2lab_rollup_bench's output (--benchmark_format=json).
NATIVE = {
    "benchmarks": [
        {"name": "rollup_stf_transfers/libsecp256k1_recover/real_time", "run_type": "iteration",
         "real_time": 500.0, "time_unit": "ms", "items_per_second": 20_000.0},
        {"name": "rollup_stf_transfers/l2lab_1thread/real_time", "run_type": "iteration",
         "real_time": 550.0, "time_unit": "ms", "items_per_second": 18_000.0},
        {"name": "rollup_stf_transfers/l2lab_2threads/real_time", "run_type": "iteration",
         "real_time": 290.0, "time_unit": "ms", "items_per_second": 34_200.0,
         "label": "vs=l2lab_1thread"},
        {"name": "rollup_sig_recovery/libsecp256k1_1thread/real_time", "run_type": "iteration",
         "real_time": 500.0, "time_unit": "ms", "items_per_second": 20_000.0},
        {"name": "rollup_sig_recovery/libsecp256k1_2threads/real_time",
         "run_type": "iteration", "real_time": 260.0, "time_unit": "ms",
         "items_per_second": 38_000.0, "label": "vs=libsecp256k1_1thread"},
        {"name": "rollup_batch_encode/l2lab_zstd-3/10", "run_type": "iteration", "real_time": 0.01,
         "time_unit": "ms", "items_per_second": 1e6, "iterations": 5000, "bytes_per_tx": 94.5,
         "calldata_gas_per_tx": 6000.0, "blobs": 1.0},
    ]
}


def test_native_labels_name_the_baseline_and_counters_are_kept() -> None:
    rows = bench.attach_ratios(bench.parse_google_benchmark(NATIVE, "l2lab_rollup_bench"))
    by = {(r.operation, r.implementation): r for r in rows}
    two = next(r for r in rows if r.implementation == "l2lab_2threads")
    assert two.baseline == "l2lab_1thread"  # not the raw recovery row
    assert math.isclose(two.ratio, 34_200 / 18_000)
    one = next(r for r in rows if r.implementation == "l2lab_1thread")
    assert one.baseline == "libsecp256k1_recover" and math.isclose(one.ratio, 0.9)
    raw2 = next(r for r in rows if r.implementation == "libsecp256k1_2threads")
    assert raw2.baseline == "libsecp256k1_1thread" and math.isclose(raw2.ratio, 1.9)
    assert {r.operation for r in rows} == {"rollup_stf_transfers", "rollup_sig_recovery",
                                           "rollup_batch_encode/10"}  # no /real_time
    bytes_row = by[("rollup_batch_encode/10", "l2lab_zstd-3")]
    # User counters only: the standard fields (iterations, times, rates) are not counters.
    assert bytes_row.counters == {"bytes_per_tx": 94.5, "calldata_gas_per_tx": 6000.0,
                                  "blobs": 1.0}
    assert all(len(line) <= 80 for line in bench.format_table(rows).splitlines())


def test_a_baseline_missing_from_the_run_is_an_error() -> None:
    rows = [bench.Row("op", "raw", 10.0), bench.Row("op", "l2lab 2", 30.0, baseline="l2lab 1")]
    with pytest.raises(ValueError, match="'l2lab 1' is not measured"):
        bench.attach_ratios(rows)


def test_report_ratios_come_from_the_same_run() -> None:
    rows = bench.attach_ratios(bench.parse_google_benchmark(NATIVE, "l2lab_rollup_bench"))
    rows += bench.attach_ratios([
        bench.Row(BR.STF_OPERATION, "python-reference", 2_000.0),
        bench.Row(BR.STF_OPERATION, "l2lab 1 thread", 16_000.0),
        bench.Row(BR.STF_OPERATION, "l2lab 2 threads", 30_400.0, baseline="l2lab 1 thread"),
        bench.Row(BR.STF_OPERATION, "recover (bulk)", 20_000.0),
    ])
    text = "\n".join(BR.stf_lines(rows))
    assert "native 1 thread:     18,000/s = 0.90x raw libsecp256k1 recovery (20,000/s)" in text
    assert "native 2 threads:    34,200/s = 1.90x 1 thread (raw recovery: 1.90x)" in text
    assert "Python API 1 thread:     16,000/s = 0.80x recover_many alone" in text
    assert "Python API 2 threads:    30,400/s = 1.90x 1 thread" in text
    assert "l2lab 1 thread is 8.0x it (Python API), 9.0x (native)" in text
    # The Python table row of 2 threads is against 1 thread, not against the reference.
    two = next(r for r in rows if r.implementation == "l2lab 2 threads")
    assert two.baseline == "l2lab 1 thread" and math.isclose(two.ratio, 1.9)


def _eip_calldata_gas(data: bytes) -> int:
    """21000 + EIP-2028 (4 per zero byte, 16 per other) or the EIP-7623 floor (10 per token,
    a token per zero byte and four per other byte), whichever is higher."""
    zeros = data.count(0)
    nonzero = len(data) - zeros
    standard = 21000 + 4 * zeros + 16 * nonzero
    floor = 21000 + 10 * (zeros + 4 * nonzero)
    return max(standard, floor)


def test_bytes_and_gas_per_transfer_follow_the_eips() -> None:
    table = BR.bytes_gas_table(sizes=(10, 100))
    assert [(r["txs"], r["codec"]) for r in table] == [
        (10, "none"), (10, "zstd-3"), (10, "brotli-9"),
        (100, "none"), (100, "zstd-3"), (100, "brotli-9")]
    gen = R.TrafficGenerator(R.TrafficConfig(accounts=1000, seed=1))
    txs = gen.next(100)
    for row in table:
        n = row["txs"]
        codec, level = {"none": ("none", 0), "zstd-3": ("zstd", 3),
                        "brotli-9": ("brotli", 9)}[row["codec"]]
        frame = bytes(R.encode_batch(R.Batch(0, txs[:n]), codec, level))
        assert R.decode_batch(frame).txs == txs[:n]
        assert row["bytes_per_tx"] == len(frame) / n
        assert row["calldata_gas_per_tx"] == _eip_calldata_gas(frame) / n
        assert row["blobs"] == 1  # a 4-byte length prefix + the frame fit one 131,072-byte blob
        assert row["blob_gas_per_tx"] == 2**17 / n
    raw = {r["txs"]: r["raw_bytes_per_tx"] for r in table}
    assert 90 < raw[100] < 110  # a signed transfer is ~100 bytes of RLP
    zstd10 = next(r for r in table if r["codec"] == "zstd-3" and r["txs"] == 10)
    brotli100 = next(r for r in table if r["codec"] == "brotli-9" and r["txs"] == 100)
    assert zstd10["bytes_per_tx"] > brotli100["bytes_per_tx"]  # larger batches compress better


def test_native_counters_are_checked_against_the_python_figures() -> None:
    table = BR.bytes_gas_table(sizes=(10,))
    doc = {"benchmarks": [
        {"name": f"rollup_batch_encode/l2lab_{r['codec']}/{r['txs']}", "run_type": "iteration",
         "real_time": 0.01, "time_unit": "ms", "items_per_second": 1e6,
         **{k: float(r[k]) for k in ("bytes_per_tx", "raw_bytes_per_tx", "calldata_gas_per_tx",
                                     "blob_gas_per_tx", "blobs")}}
        for r in table]}
    rows = bench.parse_google_benchmark(doc, "l2lab_rollup_bench")
    native = BR.native_bytes_gas(rows)
    assert BR.check_against_native(table, native) == []
    assert "counters: identical" in BR.rollup_report(rows, table)
    native[(10, "brotli-9")]["calldata_gas_per_tx"] += 1
    problems = BR.check_against_native(table, native)
    assert len(problems) == 1 and "brotli-9/10 calldata_gas_per_tx" in problems[0]
    assert "DIFFER" in BR.rollup_report(rows, table)


def test_rollup_cases_run_and_compare_two_threads_with_one(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = list(BR.rollup_cases(lambda op, impl, fn, baseline="": (op, impl, fn, baseline)))
    rows = []
    for op, impl, fn, baseline in cases:
        n = fn()  # each case checks its own result (every transfer applied, every sender found)
        assert n == (BR.REFERENCE_TXS if impl == "python-reference" else BR.STF_TXS)
        rows.append(bench.Row(op, impl, float(n), baseline=baseline))
    bench.attach_ratios(rows)
    by = {r.implementation: r for r in rows}
    assert set(by) == {"python-reference", "l2lab 1 thread", "l2lab 2 threads", "recover (bulk)"}
    assert by["l2lab 2 threads"].baseline == "l2lab 1 thread"
    assert by["l2lab 1 thread"].baseline == "python-reference"
    # `l2lab bench` prints the rollup section (the full table is test_bytes_and_gas_... above).
    small = BR.bytes_gas_table(sizes=(10,))
    monkeypatch.setattr(BR, "bytes_gas_table", lambda sizes=BR.BATCH_SIZES: small)
    report = "\n".join(bench.report_sections(rows))
    assert "rollup STF" in report and "Python API 2 threads" in report
    assert "rollup bytes and L1 gas per transfer" in report and "       10  brotli-9" in report
