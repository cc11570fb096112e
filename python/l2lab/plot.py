"""Plots over l2lab results (matplotlib). Every function takes ``ax=None`` (a new pyplot figure is
made when None) and returns the ``Axes`` it drew on; none calls ``plt.show()``, so they work under
the Agg backend, in reports (``ax.figure.savefig(...)``) and in notebooks alike.

* :func:`channel_balances` — off-chain balances per party over blocks, with dispute events
  (data: :class:`ChannelTrace`).
* :func:`l1_cost_per_tx` — L1 cost per L2 tx vs batch size, one line per codec and DA mode
  (data: :func:`rollup_costs` or ``Rollup.batch_records()`` with ``codec``/``da`` columns).
* :func:`finality_distribution` — time-to-finality distributions per mode (generic data:
  columns ``mode``, ``blocks``; :func:`finality_samples` makes them from runs of a scenario that
  records ``<mode>.finality_blocks`` metrics, such as ``validity.both_settlements``).
* :func:`dispute_timeline` — a dispute's moves, clocks and bonds over blocks (generic event
  table; :func:`channel_dispute_events` turns a channel dispute into one, the fault area's
  bisection games will produce the same columns).

>>> import matplotlib; matplotlib.use("Agg")
>>> import l2lab, l2lab.plot
>>> from l2lab.testing.channel import build_channel
>>> c = build_channel(l2lab.World(seed=1), n=2)
>>> trace = l2lab.plot.ChannelTrace(c)
>>> c.parties[0].pay(c.world, 1, 10**17); trace.run(4)
>>> ax = l2lab.plot.channel_balances(trace.frame(), trace.events())
>>> ax.get_ylabel()
'balance (ether)'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ETHER = 10**18

#: Columns of the generic dispute event table read by :func:`dispute_timeline`.
DISPUTE_EVENT_COLUMNS = ("block", "actor", "move", "position", "bond", "clock")


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    # Through pyplot (like pandas and seaborn) so Jupyter's inline backend displays the figure;
    # never shown from here, and headless machines get matplotlib's default Agg backend.
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(7, 4))[1]


def _frame(data: Any, required: tuple[str, ...], what: str) -> Any:
    """``data`` as a DataFrame: a DataFrame, a dict of columns (the ``*_table()`` /
    ``dispute_events()`` shape of l2lab's tables) or an iterable of row dicts."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        df = data
    elif isinstance(data, Mapping):
        df = pd.DataFrame(dict(data))
    else:
        df = pd.DataFrame(list(data))
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(f"{what} needs column(s) {missing}; got {list(df.columns)}")
    return df


# ---- channels ---------------------------------------------------------------------------------

class ChannelTrace:
    """Records a channel block by block while the world runs: every party's latest off-chain
    balance (its own view), the on-chain status and registered version.

    ``trace.run(n)`` runs the world n blocks (one at a time) recording after each; ``frame()``
    returns the samples (columns ``block``, ``party``, ``balance``, ``status``,
    ``registered_version``); ``events()`` the on-chain dispute events derived from them."""

    def __init__(self, channel: Any) -> None:
        self.channel = channel
        self.rows: list[dict[str, Any]] = []
        self.sample()

    def sample(self) -> None:
        c = self.channel
        rec = c.record()
        for i, p in enumerate(c.parties):
            self.rows.append({
                "block": c.world.block_number, "party": p.name,
                "balance": int(p.engine.latest.state.balances[i]),
                "status": rec.status, "registered_version": rec.registered_version,
                "deadline": rec.deadline,
            })

    def run(self, blocks: int) -> None:
        for _ in range(blocks):
            self.channel.world.run(1)
            self.sample()

    def frame(self) -> Any:
        import pandas as pd

        return pd.DataFrame(self.rows)

    def events(self) -> list[dict[str, Any]]:
        """``[{"block", "event", "version"}]``: ``registered`` (status became disputed),
        ``challenged`` (the registered version rose), ``closed``."""
        out: list[dict[str, Any]] = []
        prev_status, prev_version = None, None
        for r in self.rows[:: max(1, len(self.channel.parties))]:
            if r["status"] == "disputed" and prev_status != "disputed":
                out.append({"block": r["block"], "event": "registered",
                            "version": r["registered_version"]})
            elif (r["status"] == "disputed" and prev_version is not None
                  and r["registered_version"] > prev_version):
                out.append({"block": r["block"], "event": "challenged",
                            "version": r["registered_version"]})
            if r["status"] == "closed" and prev_status not in (None, "closed"):
                out.append({"block": r["block"], "event": "closed",
                            "version": prev_version if prev_status == "disputed"
                            else r["registered_version"]})
            prev_status, prev_version = r["status"], r["registered_version"]
        return out


def channel_balances(history: Any, events: Any = (), *, ax: Any = None) -> Any:
    """Each party's off-chain balance (ether) over blocks, as steps; `events` (rows with
    ``block`` and ``event``, e.g. :meth:`ChannelTrace.events`) as labelled vertical lines.
    `history` needs columns ``block``, ``party``, ``balance`` (wei)."""
    df = _frame(history, ("block", "party", "balance"), "channel_balances")
    ax = _axes(ax)
    for party, g in df.groupby("party", sort=False):
        ax.step(g["block"], g["balance"].astype(float) / ETHER, where="post", label=str(party))
    colours = {"registered": "tab:red", "challenged": "tab:orange", "closed": "tab:green"}
    for e in list(events):
        ax.axvline(e["block"], color=colours.get(e["event"], "grey"), ls="--", lw=1)
        ax.annotate(e["event"], (e["block"], 1.0), xycoords=("data", "axes fraction"),
                    rotation=90, va="top", ha="right", fontsize=8)
    ax.set_xlabel("L1 block")
    ax.set_ylabel("balance (ether)")
    ax.set_title("channel balances")
    ax.legend(loc="best")
    return ax


# ---- rollup costs -----------------------------------------------------------------------------

def rollup_costs(batch_sizes: tuple[int, ...] = (1, 10, 100),
                 codecs: tuple[str, ...] = ("none", "zstd", "brotli"),
                 das: tuple[str, ...] = ("calldata", "blob"), *, seed: int = 1) -> Any:
    """Measure L1 cost per batch on real rollups: for every (codec, DA mode, batch size) deploy a
    rollup with ``max_batch_txs = batch size`` on a fresh World(seed), submit one batch worth of
    signed transfers and collect ``Rollup.batch_records()`` tagged with ``codec``, ``da`` and
    ``batch_size`` (a DataFrame, one row per posted batch)."""
    import pandas as pd

    from . import World
    from .rollup import RollupConfig
    from .testing.fixtures import funded_rollup

    rows: list[dict[str, Any]] = []
    for codec in codecs:
        for da in das:
            for size in batch_sizes:
                fr = funded_rollup(World(seed=seed), users=8, config=RollupConfig(
                    codec=codec, da=da, max_batch_txs=size))
                done = len(fr.batch_records())
                txs = []
                for i in range(size):
                    s = i % len(fr.keys)
                    txs.append(fr.rollup.transfer(fr.keys[s], fr.keys[(s + 1) % len(fr.keys)]
                                                  .address, 1 + i, 1, nonce=i // len(fr.keys)))
                fr.rollup.submit_many(txs)
                fr.world.run(3)
                for r in fr.batch_records()[done:]:
                    if r["tx_count"]:
                        rows.append({"codec": codec, "da": da, "batch_size": size, **r})
    return pd.DataFrame(rows)


def l1_cost_per_tx(batches: Any, *, metric: str = "l1_fee_wei", ax: Any = None) -> Any:
    """L1 cost per L2 tx against batch size (log-log), one line per (codec, DA mode).

    `batches` needs columns ``codec``, ``da``, ``tx_count`` and `metric` (``l1_fee_wei``: what
    the sequencer paid for the batch, execution plus blob fee; or ``l1_gas_used``,
    ``compressed_bytes``, ...). Rows of equal (codec, da, tx_count) are averaged."""
    df = _frame(batches, ("codec", "da", "tx_count", metric), "l1_cost_per_tx")
    df = df[df["tx_count"] > 0].copy()
    df["per_tx"] = df[metric].astype(float) / df["tx_count"]
    ax = _axes(ax)
    styles = {"calldata": "-", "blob": "--"}
    for (codec, da), g in df.groupby(["codec", "da"], sort=True):
        g = g.groupby("tx_count", as_index=False)["per_tx"].mean()
        ax.plot(g["tx_count"], g["per_tx"], styles.get(str(da), ":"), marker="o",
                label=f"{codec} / {da}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("txs per batch")
    ax.set_ylabel(f"{metric} per tx")
    ax.set_title("L1 cost per L2 tx")
    ax.legend(loc="best", fontsize=8)
    return ax


# ---- finality ---------------------------------------------------------------------------------

def finality_distribution(samples: Any, *, ax: Any = None, bins: int = 30) -> Any:
    """Histograms (step outlines) of time to finality in L1 blocks per mode.

    `samples` needs columns ``mode`` (e.g. ``"optimistic"``, ``"validity"``) and ``blocks``.
    Generic on purpose: any area that measures finality can feed it; :func:`finality_samples`
    turns scenario runs into this table."""
    df = _frame(samples, ("mode", "blocks"), "finality_distribution")
    ax = _axes(ax)
    lo, hi = float(df["blocks"].min()), float(df["blocks"].max())
    edges = None if lo == hi else [lo + (hi - lo) * i / bins for i in range(bins + 1)]
    for mode, g in df.groupby("mode", sort=True):
        med = float(g["blocks"].median())
        ax.hist(g["blocks"], bins=edges if edges else 1, histtype="step", lw=1.5,
                label=f"{mode} (median {med:g})")
    ax.set_xlabel("time to finality (L1 blocks)")
    ax.set_ylabel("count")
    ax.set_title("time to finality")
    ax.legend(loc="best", fontsize=8)
    return ax


def finality_samples(runs: Any, *, labels: dict[str, str] | None = None) -> Any:
    """The table :func:`finality_distribution` reads (columns ``mode``, ``blocks``) from scenario
    runs that record time to finality per settlement mode as ``<mode>.finality_blocks`` metrics
    (``validity.both_settlements`` records ``optimistic.`` and ``zk.``).

    `runs`: a DataFrame from :func:`l2lab.sweep` (columns ``metric.<mode>.finality_blocks``) or
    an iterable of :class:`~l2lab.scenario.Result`. One row per run and mode that has the
    metric, in run order; `labels` renames modes (``{"zk": "validity"}``). ValueError when no
    run records such a metric."""
    import pandas as pd

    suffix = ".finality_blocks"
    if isinstance(runs, pd.DataFrame):
        records = [{k.removeprefix("metric."): v for k, v in row.items()
                    if isinstance(k, str) and k.startswith("metric.")}
                   for row in runs.to_dict("records")]
    else:
        records = [dict(r.metrics) for r in runs]
    rows = []
    for metrics in records:
        for key, value in metrics.items():
            if key.endswith(suffix) and value is not None and value == value:  # not NaN
                mode = key[:-len(suffix)]
                rows.append({"mode": (labels or {}).get(mode, mode), "blocks": value})
    if not rows:
        raise ValueError("finality_samples: no run records a '<mode>.finality_blocks' metric "
                         "(e.g. run validity.both_settlements)")
    return pd.DataFrame(rows, columns=["mode", "blocks"])


# ---- dispute timeline -------------------------------------------------------------------------

def channel_dispute_events(trace: ChannelTrace) -> Any:
    """A channel dispute as a generic dispute event table (see :func:`dispute_timeline`):
    ``register``/``challenge`` moves at their block by the party whose version they carry,
    ``position`` = the registered version, ``bond`` = 0 (channels post no bond), ``clock`` =
    blocks left until the deadline, and a ``resolve`` move when the channel closes."""
    import pandas as pd

    rows = []
    for e in trace.events():
        rec = next(r for r in trace.rows if r["block"] == e["block"])
        move = {"registered": "register", "challenged": "challenge", "closed": "resolve"}[e["event"]]
        clock = max(0, rec["deadline"] - e["block"]) if move != "resolve" else 0
        rows.append({"block": e["block"], "actor": "adjudicator" if move == "resolve" else
                     ("registrant" if move == "register" else "challenger"),
                     "move": move, "position": e["version"], "bond": 0, "clock": clock})
    return pd.DataFrame(rows, columns=list(DISPUTE_EVENT_COLUMNS))


def dispute_timeline(events: Any, *, ax: Any = None) -> Any:
    """A dispute over time: moves as markers at (block, position) per actor, the clock each
    move leaves as a dashed segment from its block to block + clock, bonds (wei, when > 0) as
    annotations.

    `events` columns (:data:`DISPUTE_EVENT_COLUMNS`): ``block``, ``actor``, ``move``
    (claim, attack, defend, step, register, challenge, resolve, ...), ``position`` (claim depth
    or registered version), ``bond`` (wei), ``clock`` (blocks the actor has left), as a
    DataFrame, a dict of columns or row dicts. Generic:
    fault-proof games emit these columns through ``FaultRollup.dispute_events(game)``, channel
    disputes through :func:`channel_dispute_events`."""
    df = _frame(events, DISPUTE_EVENT_COLUMNS, "dispute_timeline")
    ax = _axes(ax)
    markers = {"claim": "o", "attack": "v", "defend": "^", "step": "s", "register": "o",
               "challenge": "^", "resolve": "*"}
    for actor, g in df.groupby("actor", sort=False):
        for move, m in g.groupby("move", sort=False):
            ax.scatter(m["block"], m["position"], marker=markers.get(str(move), "x"),
                       label=f"{actor}: {move}", zorder=3)
        for _, r in g.iterrows():
            if r["bond"] and float(r["bond"]) > 0:
                ax.annotate(f"bond {float(r['bond']) / ETHER:g} ETH", (r["block"], r["position"]),
                            textcoords="offset points", xytext=(4, 4), fontsize=7)
    windows = df[(df["move"] != "resolve") & (df["clock"].astype(float) > 0)]
    if len(windows):
        ax.hlines(windows["position"], windows["block"],
                  windows["block"] + windows["clock"].astype(float), colors="grey",
                  linestyles="--", lw=1, label="clock left (blocks)")
    ax.margins(0.12)
    ax.set_xlabel("L1 block")
    ax.set_ylabel("position (depth / version)")
    ax.set_title("dispute timeline")
    ax.legend(loc="best", fontsize=8)
    return ax


__all__ = [
    "DISPUTE_EVENT_COLUMNS", "ChannelTrace", "channel_balances", "channel_dispute_events",
    "dispute_timeline", "finality_distribution", "finality_samples", "l1_cost_per_tx",
    "rollup_costs",
]
