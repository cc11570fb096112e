"""The scenario framework: parameters, outcomes, narration, determinism, the registry."""

from __future__ import annotations

import pytest

import l2lab
import l2lab.scenarios
from l2lab.scenario import Context, Param, Scenario


class Toy(Scenario):
    name = "test.toy"
    params = {"n": Param(3, "transfers", minimum=1, maximum=50),
              "break_it": Param(False), "offline": Param(False)}

    def body(self, ctx: Context) -> None:
        a, b = ctx.world.new_account(balance=10**20), ctx.world.new_account()
        for _ in range(ctx.params["n"]):
            ctx.world.transfer(a, b, 5)
        ctx.world.mine(1)
        ctx.step(f"sent {ctx.params['n']} transfers")
        got = ctx.world.chain.balance(b.address)
        expected = 5 * ctx.params["n"] + (1 if ctx.params["break_it"] else 0)
        ctx.check("receiver got everything", got == expected, f"{got} vs {expected}",
                  assumption_violated=ctx.params["offline"])
        ctx.metric("received", got)


def test_ok_run_narrates_and_measures() -> None:
    r = Toy.run(seed=3, n=4)
    assert r.ok and r.outcome == "ok"
    assert r.metrics == {"received": 20}
    assert "sent 4 transfers" in r.story()
    assert r.params == {"n": 4, "break_it": False, "offline": False}


def test_failing_invariant_is_not_ok() -> None:
    r = Toy.run(seed=3, break_it=True)
    assert not r.ok and r.outcome == "invariant failed"
    assert "[FAILED] receiver got everything" in r.story()


def test_violated_assumption_is_reported_not_failed() -> None:
    r = Toy.run(seed=3, break_it=True, offline=True)
    assert r.ok and r.outcome == "loss reported (assumption violated)"
    assert "[assumption violated]" in r.story()


def test_same_seed_same_digest_different_seed_different() -> None:
    assert Toy.run(seed=9).trace_digest == Toy.run(seed=9).trace_digest
    assert Toy.run(seed=9).trace_digest != Toy.run(seed=10).trace_digest


@pytest.mark.parametrize("bad,exc", [({"n": 0}, ValueError), ({"n": "3"}, TypeError),
                                     ({"n": True}, TypeError), ({"nope": 1}, TypeError)])
def test_bad_params_raise_before_running(bad: dict, exc: type) -> None:  # type: ignore[type-arg]
    with pytest.raises(exc):
        Toy.run(seed=1, **bad)


def test_exception_in_body_is_recorded() -> None:
    class Boom(Scenario):
        name = "test.boom"

        def body(self, ctx: Context) -> None:
            ctx.step("about to fail")
            raise RuntimeError("kaput")

    r = Boom.run(seed=0)
    assert not r.ok and r.outcome == "error" and "kaput" in r.error


def test_dataframe_and_html() -> None:
    r = Toy.run(seed=1)
    df = r.to_dataframe()
    assert list(df["invariant_outcome"]) == ["held"]
    assert df["metric.received"].iloc[0] == 15
    assert "test.toy" in r._repr_html_()


def test_kept_objects_reach_the_caller_and_nothing_else() -> None:
    import pickle

    class Keeper(Scenario):
        name = "test.keeper"

        def body(self, ctx: Context) -> None:
            acct = ctx.keep("account", ctx.world.new_account(balance=7))
            ctx.keep("world", ctx.world)
            ctx.check("kept objects are returned as given", acct is ctx.kept["account"])

    r = Keeper.run(seed=1)
    assert r.ok and sorted(r.kept) == ["account", "world"]
    assert r.kept["world"].chain.balance(r.kept["account"].address) == 7
    assert "kept" not in r.to_dict() and "kept" not in repr(r)
    again = pickle.loads(pickle.dumps(r))  # live objects stay in this process
    assert again.kept == {} and again.to_dict() == r.to_dict()
    assert Toy.run(seed=1).kept == {}


@pytest.mark.parametrize("name,exc", [(3, TypeError), ("", ValueError)])
def test_keep_needs_a_name(name: object, exc: type) -> None:  # type: ignore[type-arg]
    ctx = Context(l2lab.World(seed=1), {}, 1)
    with pytest.raises(exc):
        ctx.keep(name, object())  # type: ignore[arg-type]


def test_registry_has_l1_scenarios_and_they_pass() -> None:
    assert "l1.censored_transfer" in l2lab.scenarios.names()
    for name in ("l1.censored_transfer", "l1.snapshot_what_if"):
        r = l2lab.scenarios.get(name).run(seed=2)
        assert r.ok, r.story()
    r = l2lab.scenarios.get("l1.censored_transfer").run(seed=2, max_blocks=4)
    assert r.metrics["inclusion_latency_blocks"] == 5


def test_unknown_scenario_names_known_ones() -> None:
    with pytest.raises(KeyError, match="l1.censored_transfer"):
        l2lab.scenarios.get("nope")
