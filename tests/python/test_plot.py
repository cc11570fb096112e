"""l2lab.plot: each plot drawn from real channel/rollup output on the Agg backend, returning the
Axes it drew on (ours or a new one), with the artists the data implies; bad input is refused."""

from __future__ import annotations

import doctest

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import l2lab  # noqa: E402
import l2lab.channel as ch  # noqa: E402
import l2lab.plot as lp  # noqa: E402
from l2lab.rollup import RollupConfig  # noqa: E402
from l2lab.testing.channel import build_channel  # noqa: E402
from l2lab.testing.fixtures import funded_rollup  # noqa: E402


@pytest.fixture(scope="module")
def stale_close() -> lp.ChannelTrace:
    """Three payments, then the cheater registers version 0 and the victim challenges."""
    c = build_channel(l2lab.World(seed=1), 2, kinds=[ch.StaleRegistrar, ch.Party],
                      challenge_period=6)
    trace = lp.ChannelTrace(c)
    for _ in range(3):
        c.parties[0].pay(c.world, 1, 10**17)
        trace.run(2)
    c.parties[0].cheat(c.world, 0)
    trace.run(12)
    return trace


@pytest.fixture(autouse=True)
def _close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


def test_docstring_example() -> None:
    res = doctest.testmod(lp)
    assert res.attempted > 0 and res.failed == 0


def test_channel_balances_with_dispute_events(stale_close: lp.ChannelTrace) -> None:
    events = stale_close.events()
    assert [e["event"] for e in events] == ["registered", "challenged", "closed"]
    assert events[1]["version"] == 3  # the victim's latest state replaced the stale one
    ax = lp.channel_balances(stale_close.frame(), events)
    assert len(ax.get_lines()) == 2 + 3  # one step line per party, one marker per event
    p1 = ax.get_lines()[1].get_ydata()
    assert p1[0] == pytest.approx(2.0) and p1[-1] == pytest.approx(2.3)
    assert [t.get_text() for t in ax.texts] == ["registered", "challenged", "closed"]


def test_own_axes_are_used(stale_close: lp.ChannelTrace) -> None:
    ax = Figure().add_subplot()
    assert lp.channel_balances(stale_close.frame(), ax=ax) is ax


def test_dispute_timeline_from_a_channel_dispute(stale_close: lp.ChannelTrace) -> None:
    ev = lp.channel_dispute_events(stale_close)
    assert list(ev.columns) == list(lp.DISPUTE_EVENT_COLUMNS)
    assert list(ev["move"]) == ["register", "challenge", "resolve"]
    assert (ev["clock"].iloc[:2] > 0).all()
    ax = lp.dispute_timeline(ev)
    assert len(ax.collections) == 3 + 1  # three move markers + the clock windows
    bonded = ev.assign(bond=[10**18, 2 * 10**18, 0])  # a bonded game (fault area) annotates
    assert any("bond 2 ETH" in t.get_text() for t in lp.dispute_timeline(bonded).texts)


def test_l1_cost_per_tx_from_real_rollups() -> None:
    df = lp.rollup_costs((1, 20), codecs=("none", "zstd"))
    assert set(zip(df["codec"], df["da"])) == {(c, d) for c in ("none", "zstd")
                                               for d in ("calldata", "blob")}
    assert set(df["tx_count"]) == {1, 20}
    ax = lp.l1_cost_per_tx(df)
    assert len(ax.get_lines()) == 4
    per_tx = {line.get_label(): line.get_ydata() for line in ax.get_lines()}
    # Amortisation: bigger batches cost less per tx in every mode.
    assert all(y[1] < y[0] for y in per_tx.values())


def test_finality_distribution_from_rollup_roots() -> None:
    """Two real 'trusted' rollups that differ only in the finality window N: time to finality
    of each tx = block its root is proposed + N - block it was submitted."""
    rows = []
    for n in (2, 6):
        fr = funded_rollup(l2lab.World(seed=4), users=4,
                           config=RollupConfig(finality_blocks=n))
        for i in range(12):
            fr.pay(i % 4, (i + 1) % 4, 1 + i)
            fr.world.run(1)
        fr.world.run(3)
        roots = fr.roots()
        for r in fr.tx_records():
            root = next(x for x in roots if x.l1_block >= r["included_block"])
            rows.append({"mode": f"trusted N={n}",
                         "blocks": root.proposed_block + n - r["submitted_block"]})
    df = pd.DataFrame(rows)
    assert df.groupby("mode")["blocks"].median()["trusted N=6"] > \
        df.groupby("mode")["blocks"].median()["trusted N=2"]
    ax = lp.finality_distribution(df)
    assert len(ax.patches) == 2  # one step histogram per mode
    assert sorted(t.get_text().split(" (")[0] for t in ax.get_legend().get_texts()) == \
        ["trusted N=2", "trusted N=6"]


def test_finality_samples_from_both_settlements() -> None:
    """The same invalid batch settled both ways: one sample per run and mode, from Results and
    from a sweep's DataFrame alike; zk renamed to validity."""
    grid = {"max_clock": [120, 240], "cheater_timing": ["prompt", "last_minute"]}
    df = l2lab.sweep("validity.both_settlements", grid, seeds=1, jobs=1, progress=False)
    samples = lp.finality_samples(df, labels={"zk": "validity"})
    assert sorted(samples["mode"].unique()) == ["optimistic", "validity"] and len(samples) == 8
    by_mode = samples.groupby("mode")["blocks"]
    assert by_mode.min()["optimistic"] > by_mode.max()["validity"]
    assert by_mode.nunique()["optimistic"] == 4 and by_mode.nunique()["validity"] == 1
    res = l2lab.scenarios.get("validity.both_settlements").run(seed=1)
    one = lp.finality_samples([res])
    assert one.to_dict("records") == [
        {"mode": "optimistic", "blocks": res.metrics["optimistic.finality_blocks"]},
        {"mode": "zk", "blocks": res.metrics["zk.finality_blocks"]}]
    ax = lp.finality_distribution(samples)
    assert len(ax.patches) == 2
    events = res.kept["fault_rollup"].dispute_events(0)  # a dict of columns, drawn as it is
    ax = lp.dispute_timeline(events)
    assert "challenger: step" in [t.get_text() for t in ax.get_legend().get_texts()]
    with pytest.raises(ValueError, match="finality_blocks"):
        lp.finality_samples([l2lab.scenarios.get("l1.censored_transfer").run(seed=1)])


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match=r"finality_distribution needs column\(s\) \['blocks'\]"):
        lp.finality_distribution(pd.DataFrame({"mode": ["x"]}))
    with pytest.raises(ValueError, match="dispute_timeline needs"):
        lp.dispute_timeline([{"block": 1}])
