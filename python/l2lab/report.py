"""The report folder of ``l2lab run``: ``report.html``, ``results.json``, ``results.sqlite``.

``report.html`` is self-contained (inline CSS, plots as base64 PNG): the summary table, charts
of outcomes per area, L1 gas and run time per scenario, every run with its invariants and
metrics, and the narrated story of every run that did not end "ok". ``results.json`` holds the
same records (``Result.to_dict()`` of every run) with the run's settings; ``results.sqlite`` is
the store of :mod:`l2lab.results_db` (the schema sweeps use). The folder's name is chosen by the
caller (default ``l2lab-report``) and holds no timestamps, so re-running overwrites it.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import suite
from .results_db import ResultsDB, _json_default

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2em;color:#1f2328}
h1{font-size:1.5em} h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #d0d7de;padding:.25em .6em;text-align:left;vertical-align:top}
td{max-width:32em;overflow-wrap:anywhere}
th{background:#f6f8fa} td.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#1a7f37}.loss{color:#9a6700}.fail{color:#cf222e;font-weight:bold}
pre{background:#f6f8fa;padding:.8em;overflow-x:auto;font-size:.85em}
img{max-width:100%;margin:.5em 1em .5em 0}
"""


def _cls(outcome: str) -> str:
    if outcome in ("ok",):
        return "ok"
    if outcome.startswith("loss"):
        return "loss"
    return "fail"


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def figures(records: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """(title, data URI) of each chart. Uses matplotlib's object API (no pyplot state)."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        return []
    summaries = suite.summarise(records)
    out: list[tuple[str, str]] = []

    areas = sorted({s.area for s in summaries})
    kinds = [("ok", "#2da44e"), ("loss reported (assumption violated)", "#d4a72c"),
             ("invariant failed", "#cf222e"), ("error", "#8250df")]
    fig = Figure(figsize=(6, 0.5 + 0.45 * max(1, len(areas))))
    ax = fig.subplots()
    left = [0] * len(areas)
    for kind, colour in kinds:
        vals = [sum(r["outcome"] == kind for r in records
                    if r.get("tags", {}).get("area", r["scenario"].split(".")[0]) == a)
                for a in areas]
        if any(vals):
            ax.barh(areas, vals, left=left, color=colour, label=kind)
            left = [a + b for a, b in zip(left, vals)]
    ax.set_xlabel("runs")
    ax.set_title("Outcomes per area")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False)
    out.append(("Outcomes per area", _png(fig)))

    gas = [(s.scenario, s.l1_gas) for s in summaries if s.l1_gas is not None]
    if gas:
        fig = Figure(figsize=(6, 0.5 + 0.3 * len(gas)))
        ax = fig.subplots()
        ax.barh([g[0] for g in gas], [g[1] for g in gas], color="#0969da")
        ax.invert_yaxis()
        ax.set_xlabel("L1 gas per run (mean over seeds)")
        ax.set_title("L1 gas per scenario")
        out.append(("L1 gas per scenario", _png(fig)))

    fin = [{"mode": r["scenario"], "blocks": float(r["metrics"]["finality_blocks"])}
           for r in records if "finality_blocks" in r["metrics"]]
    if fin:
        fig = Figure(figsize=(6, 3.5))
        ax = fig.subplots()
        try:  # l2lab.plot's finality histogram when it is there
            from .plot import finality_distribution

            finality_distribution(fin, ax=ax)
        except ImportError:
            for mode in sorted({f["mode"] for f in fin}):
                ax.hist([f["blocks"] for f in fin if f["mode"] == mode], histtype="step",
                        label=mode)
            ax.set_xlabel("time to finality (L1 blocks)")
            ax.legend(fontsize=7)
        ax.set_title("Time to finality per scenario")
        out.append(("Time to finality per scenario", _png(fig)))

    fig = Figure(figsize=(6, 0.5 + 0.3 * len(summaries)))
    ax = fig.subplots()
    ax.barh([s.scenario for s in summaries], [1000 * s.seconds / s.runs for s in summaries],
            color="#6e7781")
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("wall time per run (ms, log scale)")
    ax.set_title("Run time per scenario")
    out.append(("Run time per scenario", _png(fig)))
    return out


def _description(name: str) -> str:
    from . import scenario

    try:
        return scenario.get(name).description
    except KeyError:
        return ""


_INV_CLASS = {"held": "ok", "assumption violated": "loss", "FAILED": "fail"}


def _inv_label(inv: dict[str, Any]) -> str:
    if inv["held"]:
        return "held"
    return "assumption violated" if inv["assumption_violated"] else "FAILED"


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


def render_html(records: Sequence[dict[str, Any]], settings: dict[str, Any]) -> str:
    """The report page as one HTML string."""
    e = html.escape
    summaries = suite.summarise(records)
    total_s = sum(r["seconds"] for r in records)
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'>",
             "<title>l2lab report</title><style>", _CSS, "</style></head><body>",
             "<h1>l2lab report</h1>",
             f"<p>l2lab {e(str(settings.get('version', '')))}; seeds "
             f"{e(str(settings.get('seeds')))}; filter {e(str(settings.get('patterns') or 'all'))}."
             f" {e(suite.totals_line(records, total_s))}.</p>",
             "<p>Outcomes: <span class='ok'>ok</span>; <span class='loss'>loss*</span> = a loss "
             "the scenario provoked by violating the protocol's assumption on purpose, reported "
             "as expected; <span class='fail'>FAILED</span>/<span class='fail'>ERROR</span> = an "
             "invariant failed or the run raised (the suite fails).</p>",
             "<h2>Summary</h2><table><tr>"]
    parts += [f"<th>{h}</th>" for h in ("scenario", "area", "adversary", "outcome",
                                         "invariants held", "L1 gas", "bytes/tx",
                                         "time to finality", "runs")]
    parts.append("</tr>")
    for s, cells in zip(summaries, suite.table_rows(summaries)):
        parts.append(
            f"<tr><td title='{e(_description(s.scenario))}'>{e(s.scenario)}</td>"
            f"<td>{e(s.area)}</td><td>{e(s.adversary)}</td>"
            f"<td class='{_cls(s.outcome)}'>{e(s.outcome)}"
            f"</td><td class='num'>{cells[4]}</td>"
            f"<td class='num'>{'' if s.l1_gas is None else f'{s.l1_gas:,.0f}'}</td>"
            f"<td class='num'>{'' if s.bytes_per_tx is None else f'{s.bytes_per_tx:.4g}'}</td>"
            f"<td class='num'>{e(s.finality)}</td><td class='num'>{s.runs}</td></tr>")
    parts.append("</table>")

    figs = figures(records)
    if figs:
        parts.append("<h2>Charts</h2><div>")
        parts += [f"<img alt='{e(t)}' title='{e(t)}' src='{uri}'>" for t, uri in figs]
        parts.append("</div>")

    bad = [r for r in records if r["outcome"] != "ok"]
    if bad:
        parts.append("<h2>Stories of runs that did not end ok</h2>")
        for r in bad:
            parts.append(f"<h3 class='{_cls(r['outcome'])}'>{e(r['scenario'])} seed {r['seed']}: "
                         f"{e(r['outcome'])}</h3><pre>{e(suite.story(r))}</pre>")

    parts.append("<h2>Every run</h2><table><tr><th>scenario</th><th>seed</th><th>outcome</th>"
                 "<th>invariants</th><th>metrics</th><th>params</th><th>ms</th>"
                 "<th>trace digest</th></tr>")
    for r in records:
        invs = "<br>".join(
            f"<span class='{_INV_CLASS[_inv_label(i)]}'>{_inv_label(i)}</span>: "
            f"{e(i['name'])}{(' — ' + e(i['detail'])) if i['detail'] else ''}"
            for i in r["invariants"])
        mets = "<br>".join(f"{e(k)} = {_fmt(v)}" for k, v in sorted(r["metrics"].items()))
        pars = "<br>".join(f"{e(k)} = {e(_fmt(v))}" for k, v in r["params"].items())
        err = f"<br><span class='fail'>{e(r['error'])}</span>" if r.get("error") else ""
        parts.append(f"<tr><td>{e(r['scenario'])}</td><td class='num'>{r['seed']}</td>"
                     f"<td class='{_cls(r['outcome'])}'>{e(r['outcome'])}</td>"
                     f"<td>{invs}{err}</td><td>{mets}</td><td>{pars}</td>"
                     f"<td class='num'>{1000 * r['seconds']:.1f}</td>"
                     f"<td><code>{e(r['trace_digest'][:16])}</code></td></tr>")
    parts.append("</table></body></html>")
    return "".join(parts)


def write_report(out_dir: str | Path, records: Sequence[dict[str, Any]],
                 settings: dict[str, Any]) -> dict[str, Path]:
    """Write the three files into ``out_dir`` (created if needed); returns their paths.
    ``results.sqlite`` is updated in place (a re-run replaces the rows of the points it ran;
    ``l2lab run`` has already stored each run as it finished, so this is idempotent)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"html": out / "report.html", "json": out / "results.json",
             "sqlite": out / "results.sqlite"}
    with ResultsDB(paths["sqlite"]) as db:
        for r in records:
            db.put(r, replace=True)
        db.make_portable()
    doc = {"settings": settings, "summary": [s.__dict__ | {"outcome": s.outcome}
                                             for s in suite.summarise(records)],
           "runs": list(records)}
    paths["json"].write_text(json.dumps(doc, indent=1, default=_json_default))
    paths["html"].write_text(render_html(records, settings), encoding="utf-8")
    return paths
