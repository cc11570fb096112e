"""A sweep's report folder (``l2lab sweep SPEC --report DIR``): ``sweep.html`` and ``runs.csv``.

``sweep.html`` is self-contained (inline CSS, charts as base64 PNG): one row per grid point with
its outcome counts over seeds, invariants held and the mean of every metric; then, for each
numeric metric (up to :data:`MAX_CHARTS`), its mean over seeds against the first swept parameter,
one line per combination of the other swept parameters; then the narrated story of every run
that failed unexpectedly. ``runs.csv`` is the DataFrame of :func:`l2lab.sweep`, one row per run.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .report import _CSS, _cls, _png

MAX_CHARTS = 8
_SHORT = {"ok": "ok", "loss reported (assumption violated)": "loss*",
          "invariant failed": "FAILED", "error": "ERROR"}


def _metric_columns(df: Any) -> list[str]:
    import pandas as pd

    return [c for c in df.columns if c.startswith("metric.")
            and pd.api.types.is_numeric_dtype(df[c]) and df[c].notna().any()]


def point_table(df: Any, grid_names: Sequence[str]) -> Any:
    """One row per grid point: swept values, ``runs``, ``outcomes`` (e.g. ``ok 2 loss* 1``),
    ``held`` and the mean of every numeric metric over seeds."""
    import pandas as pd

    cols = [f"param.{n}" for n in grid_names]
    metrics = _metric_columns(df)
    rows = []
    groups = df.groupby(cols, sort=False, dropna=False) if cols else [((), df)]
    for values, g in groups:
        values = values if isinstance(values, tuple) else (values,)
        row: dict[str, Any] = dict(zip(grid_names, values))
        row["runs"] = len(g)
        row["outcomes"] = " ".join(f"{_SHORT.get(k, k)} {v}"
                                   for k, v in g["outcome"].value_counts().items())
        row["held"] = f"{int(g['invariants_held'].sum())}/{int(g['invariants_total'].sum())}"
        for m in metrics:
            row[m.removeprefix("metric.")] = float(g[m].mean())
        rows.append(row)
    return pd.DataFrame(rows)


def charts(df: Any, grid_names: Sequence[str]) -> list[tuple[str, str]]:
    """(title, data URI) per numeric metric: mean over seeds vs the first swept parameter."""
    if not grid_names or not len(df):
        return []
    from matplotlib.figure import Figure

    x = f"param.{grid_names[0]}"
    others = [f"param.{n}" for n in grid_names[1:]]
    out = []
    for m in _metric_columns(df)[:MAX_CHARTS]:
        fig = Figure(figsize=(5, 3.2))
        ax = fig.subplots()
        series = df.groupby(others, sort=False, dropna=False) if others else [((), df)]
        for key, g in series:
            key = key if isinstance(key, tuple) else (key,)
            mean = g.groupby(x, sort=False)[m].mean()
            xs = list(mean.index)
            numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in xs)
            pos = xs if numeric else list(range(len(xs)))
            label = ", ".join(f"{n}={v}" for n, v in zip(grid_names[1:], key)) or None
            ax.plot(pos, list(mean.values), marker="o", label=label)
            if not numeric:
                ax.set_xticks(pos, [str(v) for v in xs])
        ax.set_xlabel(grid_names[0])
        ax.set_ylabel(m.removeprefix("metric."))
        ax.set_title(f"{m.removeprefix('metric.')} (mean over seeds)")
        if others:
            ax.legend(fontsize=7)
        out.append((m, _png(fig)))
    return out


def render_html(df: Any, scenario: str, grid_names: Sequence[str],
                settings: dict[str, Any]) -> str:
    e = html.escape
    table = point_table(df, grid_names)
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'>",
             f"<title>l2lab sweep {e(scenario)}</title><style>", _CSS, "</style></head><body>",
             f"<h1>Sweep of {e(scenario)}</h1>",
             f"<p>{len(df)} runs; grid {e(str(settings.get('grid')))}; fixed "
             f"{e(str(settings.get('params') or {}))}; seeds {e(str(settings.get('seeds')))}; "
             f"results database {e(str(settings.get('db')))}.</p>",
             "<h2>Points</h2><table><tr>"]
    parts += [f"<th>{e(str(c))}</th>" for c in table.columns]
    parts.append("</tr>")
    for _, row in table.iterrows():
        cells = []
        for c in table.columns:
            v = row[c]
            if c == "outcomes":
                cls = "fail" if ("FAILED" in v or "ERROR" in v) else (
                    "loss" if "loss*" in v else "ok")
                cells.append(f"<td class='{cls}'>{e(v)}</td>")
            elif isinstance(v, float):
                cells.append("<td></td>" if v != v else f"<td class='num'>{v:,.6g}</td>")
            else:
                cells.append(f"<td>{e(str(v))}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table>")
    figs = charts(df, grid_names)
    if figs:
        parts.append("<h2>Metrics</h2><div>")
        parts += [f"<img alt='{e(t)}' title='{e(t)}' src='{uri}'>" for t, uri in figs]
        parts.append("</div>")
    bad = df[df["outcome"].isin(["invariant failed", "error"])] if len(df) else df
    if len(bad):
        parts.append(f"<h2 class='fail'>{len(bad)} run(s) failed unexpectedly</h2><table>"
                     "<tr><th>params</th><th>seed</th><th>outcome</th><th>error</th></tr>")
        pcols = [c for c in df.columns if c.startswith("param.")]
        for _, r in bad.iterrows():
            params = ", ".join(f"{c[6:]}={r[c]}" for c in pcols)
            parts.append(f"<tr><td>{e(params)}</td><td class='num'>{r['seed']}</td>"
                         f"<td class='{_cls(r['outcome'])}'>{e(r['outcome'])}</td>"
                         f"<td>{e(str(r['error']))}</td></tr>")
        parts.append("</table><p>Their narrated steps are in the results database "
                     "(column <code>steps</code>).</p>")
    parts.append("</body></html>")
    return "".join(parts)


def write_sweep_report(out_dir: str | Path, df: Any, scenario: str, grid_names: Sequence[str],
                       settings: dict[str, Any]) -> dict[str, Path]:
    """Write ``sweep.html`` and ``runs.csv`` into ``out_dir``; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"html": out / "sweep.html", "csv": out / "runs.csv"}
    df.to_csv(paths["csv"], index=False)
    paths["html"].write_text(render_html(df, scenario, grid_names, settings), encoding="utf-8")
    return paths
