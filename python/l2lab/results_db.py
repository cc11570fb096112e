"""The SQLite results store shared by ``l2lab run`` (``results.sqlite``) and sweeps.

One table, ``results``, holds one row per (scenario, params, seed), keyed by ``key`` =
SHA-256 of the canonical JSON ``[scenario, params, seed]`` (params with sorted keys). A second
run of the same point replaces its row (``l2lab run``) or is skipped (sweeps resume). The
database is opened in WAL mode and every row is committed as soon as its run finishes, so a
process killed with SIGKILL loses at most the runs that were still in flight.

Columns: ``key``, ``scenario``, ``params`` (JSON object), ``seed``, ``outcome`` (see
:attr:`l2lab.scenario.Result.outcome`), ``ok`` (0/1), ``invariants_held``,
``invariants_total``, ``invariants`` (JSON list of {name, held, detail, assumption_violated}),
``metrics`` (JSON object), ``steps`` (JSON list), ``tags`` (JSON object), ``error``,
``trace_digest`` (hex), ``version`` (l2lab), ``seconds`` (wall time of the run).

A file that is not an SQLite database, or a database whose ``results`` table has another shape,
raises :class:`ResultsDatabaseError` naming the file and what to do; nothing is overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SCHEMA_NAME = "l2lab-results"
SCHEMA_VERSION = "1"

COLUMNS = (
    "key", "scenario", "params", "seed", "outcome", "ok", "invariants_held", "invariants_total",
    "invariants", "metrics", "steps", "tags", "error", "trace_digest", "version", "seconds",
)
_JSON_COLUMNS = ("params", "invariants", "metrics", "steps", "tags")

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    scenario TEXT NOT NULL,
    params TEXT NOT NULL,
    seed INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    ok INTEGER NOT NULL,
    invariants_held INTEGER NOT NULL,
    invariants_total INTEGER NOT NULL,
    invariants TEXT NOT NULL,
    metrics TEXT NOT NULL,
    steps TEXT NOT NULL,
    tags TEXT NOT NULL,
    error TEXT NOT NULL,
    trace_digest TEXT NOT NULL,
    version TEXT NOT NULL,
    seconds REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS results_scenario ON results (scenario, seed);
"""


class ResultsDatabaseError(RuntimeError):
    """The results database cannot be used (corrupt, foreign schema, unwritable)."""


def canonical_params(params: dict[str, Any]) -> str:
    """The JSON text a point's parameters are stored and keyed under (sorted keys)."""
    return json.dumps(params, sort_keys=True, separators=(",", ":"), default=_json_default)


def point_key(scenario: str, params: dict[str, Any], seed: int) -> str:
    """The unique key of one (scenario, params, seed) point."""
    text = json.dumps([scenario, json.loads(canonical_params(params)), seed],
                      sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _json_default(value: Any) -> Any:
    """numpy scalars (``np.int64`` is not an ``int``) as Python numbers; bytes as hex; anything
    else as its ``str`` so a run's record can always be stored."""
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return item()
        except (TypeError, ValueError):
            pass
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    return str(value)


def _dumps(value: Any, sort_keys: bool = False) -> str:
    return json.dumps(value, sort_keys=sort_keys, default=_json_default)


def row_from_result(result: dict[str, Any]) -> dict[str, Any]:
    """A database row (column -> value) from ``Result.to_dict()``."""
    invs = result["invariants"]
    return {
        "key": point_key(result["scenario"], result["params"], result["seed"]),
        "scenario": result["scenario"],
        "params": canonical_params(result["params"]),
        "seed": int(result["seed"]),
        "outcome": result["outcome"],
        "ok": int(bool(result["ok"])),
        "invariants_held": sum(1 for i in invs if i["held"]),
        "invariants_total": len(invs),
        "invariants": _dumps(invs),
        "metrics": _dumps(result["metrics"], sort_keys=True),
        "steps": _dumps(result["steps"]),
        "tags": _dumps(result.get("tags", {}), sort_keys=True),
        "error": result.get("error", ""),
        "trace_digest": result["trace_digest"],
        "version": result["version"],
        "seconds": float(result["seconds"]),
    }


def _what_to_do(path: Path) -> str:
    return (f"move it aside (e.g. `mv {path} {path}.bad`) to start a fresh database, or choose "
            f"another path; `sqlite3 {path} .recover` may salvage its rows")


class ResultsDB:
    """An open results database. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise ResultsDatabaseError(f"results database {self.path} is a directory; "
                                       "give a file path")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(str(self.path), timeout=30.0)
        except sqlite3.Error as exc:
            raise ResultsDatabaseError(f"cannot open results database {self.path}: {exc}") from exc
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._check_or_create()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise ResultsDatabaseError(
                f"results database {self.path} is corrupt or not an SQLite database "
                f"(sqlite: {exc}); {_what_to_do(self.path)}") from exc
        except ResultsDatabaseError:
            self._conn.close()
            raise

    def _check_or_create(self) -> None:
        tables = {r[0] for r in self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        if "results" in tables:
            cols = tuple(r[1] for r in self._conn.execute("PRAGMA table_info(results)"))
            if cols != COLUMNS:
                raise ResultsDatabaseError(
                    f"{self.path} has a 'results' table of another shape (columns {list(cols)}); "
                    f"it is not an l2lab results database of schema {SCHEMA_VERSION}: "
                    f"{_what_to_do(self.path)}")
        if "meta" in tables:
            meta = dict(self._conn.execute("SELECT key, value FROM meta"))
            if meta.get("schema") not in (None, SCHEMA_NAME) or \
                    meta.get("schema_version") not in (None, SCHEMA_VERSION):
                raise ResultsDatabaseError(
                    f"{self.path} holds schema {meta.get('schema')!r} version "
                    f"{meta.get('schema_version')!r}; this l2lab writes {SCHEMA_NAME!r} version "
                    f"{SCHEMA_VERSION}: {_what_to_do(self.path)}")
        with self._conn:
            self._conn.executescript(_DDL)
            self._conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_NAME,))
            self._conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                               (SCHEMA_VERSION,))
        # A corrupt page elsewhere in the file shows up here rather than in the middle of a sweep.
        bad = self._conn.execute("PRAGMA quick_check").fetchone()[0]
        if bad != "ok":
            raise ResultsDatabaseError(f"results database {self.path} failed its integrity check "
                                       f"({bad}); {_what_to_do(self.path)}")

    def __enter__(self) -> ResultsDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def make_portable(self) -> None:
        """Leave WAL mode so the file is self-contained (copyable, readable from a read-only
        folder). Skipped silently while another connection holds the database."""
        try:
            self._conn.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError:
            pass

    def put(self, result: dict[str, Any], *, replace: bool = True) -> str:
        """Store one run (``Result.to_dict()``) and commit; returns its key."""
        row = row_from_result(result)
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        sql = f"{verb} INTO results ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
        try:
            with self._conn:
                self._conn.execute(sql, tuple(row[c] for c in COLUMNS))
        except sqlite3.Error as exc:
            raise ResultsDatabaseError(f"cannot write to results database {self.path}: {exc}") \
                from exc
        return row["key"]

    def existing_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` already have a row."""
        wanted = list(keys)
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            q = f"SELECT key FROM results WHERE key IN ({', '.join('?' * len(chunk))})"
            found.update(r[0] for r in self._conn.execute(q, chunk))
        return found

    def rows(self, keys: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts with JSON columns decoded; all rows, or those of ``keys`` in that order."""
        q = f"SELECT {', '.join(COLUMNS)} FROM results"
        if keys is None:
            raw = self._conn.execute(q + " ORDER BY scenario, params, seed").fetchall()
        else:
            wanted = list(keys)
            by_key = {}
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                for r in self._conn.execute(
                        q + f" WHERE key IN ({', '.join('?' * len(chunk))})", chunk):
                    by_key[r[0]] = r
            raw = [by_key[k] for k in wanted if k in by_key]
        out = []
        for r in raw:
            d = dict(zip(COLUMNS, r))
            for c in _JSON_COLUMNS:
                d[c] = json.loads(d[c])
            d["ok"] = bool(d["ok"])
            out.append(d)
        return out

    def count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM results").fetchone()[0])


def rows_to_dataframe(rows: list[dict[str, Any]]) -> Any:
    """A pandas DataFrame, one row per run: scenario, seed, outcome, ok, invariants_held,
    invariants_total, ``param.<name>`` and ``metric.<name>`` columns, seconds, trace_digest,
    error, key."""
    import pandas as pd

    flat = []
    for r in rows:
        d: dict[str, Any] = {"scenario": r["scenario"], "seed": r["seed"],
                             "outcome": r["outcome"], "ok": r["ok"],
                             "invariants_held": r["invariants_held"],
                             "invariants_total": r["invariants_total"]}
        d.update({f"param.{k}": v for k, v in r["params"].items()})
        d.update({f"metric.{k}": v for k, v in r["metrics"].items()})
        d.update({"seconds": r["seconds"], "trace_digest": r["trace_digest"],
                  "error": r["error"], "key": r["key"]})
        flat.append(d)
    return pd.DataFrame(flat)
