"""L1 scenarios: the base chain's own guarantees under adversarial block builders."""

from __future__ import annotations

from ..l1 import CensorPolicy, DelayPolicy, HonestPolicy
from ..scenario import Context, Param, Scenario, register

ETH = 10**18


@register
class CensoredTransfer(Scenario):
    name = "l1.censored_transfer"
    description = (
        "A builder censors the victim's transactions for at most max_blocks blocks while other "
        "traffic flows; the victim's transfer must still land within max_blocks + 1 blocks."
    )
    tags = {"area": "l1", "adversary": "censoring builder", "harness": "SC"}
    params = {
        "max_blocks": Param(5, "blocks the builder may censor the victim", minimum=0, maximum=10_000),
        "background_txs": Param(20, "other users' transfers per block", minimum=0, maximum=5_000),
    }

    def body(self, ctx: Context) -> None:
        w, p = ctx.world, ctx.params
        victim, other, sink = (w.new_account(balance=100 * ETH) for _ in range(3))
        w.chain.inclusion_policy = CensorPolicy([victim.address], p["max_blocks"])
        ctx.step(f"builder censors {victim.address} for at most {p['max_blocks']} blocks")
        sent_at = w.block_number
        out = w.transfer(victim, sink, ETH)
        ctx.check("victim transfer accepted by the mempool", bool(out), str(out))
        latency = None
        for _ in range(p["max_blocks"] + 1):
            for _ in range(p["background_txs"]):
                w.transfer(other, sink, 1)
            w.mine(1)
            r = w.chain.receipt(out.tx_hash)
            if r is not None:
                latency = r.block_number - sent_at
                break
        ctx.step(f"victim transfer included after {latency} block(s)" if latency is not None
                 else "victim transfer still not included")
        ctx.check("included within max_blocks + 1 blocks", latency is not None,
                  f"bound {p['max_blocks'] + 1} blocks")
        if latency is not None:
            ctx.check("not included before the censorship window ended",
                      p["max_blocks"] == 0 or latency >= min(p["max_blocks"], 1),
                      f"latency {latency}")
            ctx.metric("inclusion_latency_blocks", latency)
        ctx.metric("victim_balance_wei", w.chain.balance(victim.address))


@register
class SnapshotWhatIf(Scenario):
    name = "l1.snapshot_what_if"
    description = (
        "Explore a branch (delayed inclusion) from a snapshot, restore, and replay the honest "
        "branch: the restored world must reach the same trace digest as a fresh one."
    )
    tags = {"area": "l1", "adversary": "delaying builder", "harness": "SC"}
    params = {"delay_blocks": Param(3, "delay imposed in the explored branch", minimum=1, maximum=100)}

    def body(self, ctx: Context) -> None:
        w = ctx.world
        a, b = w.new_account(balance=10 * ETH), w.new_account()
        snap = w.snapshot()
        w.chain.inclusion_policy = DelayPolicy(ctx.params["delay_blocks"])
        out = w.transfer(a, b, ETH)
        w.mine(ctx.params["delay_blocks"] + 1)
        r = w.chain.receipt(out.tx_hash)
        ctx.step(f"branch with DelayPolicy: included in block {r.block_number if r else None}")
        ctx.check("delayed branch includes after the delay", r is not None
                  and r.block_number > ctx.params["delay_blocks"])
        w.restore(snap)
        w.chain.inclusion_policy = HonestPolicy()
        ctx.step("restored the snapshot; replaying the honest branch")
        out = w.transfer(a, b, ETH)
        w.mine(3)
        ctx.check("honest branch includes in the next block",
                  (w.chain.receipt(out.tx_hash) or None) is not None
                  and w.chain.receipt(out.tx_hash).block_number == 1)
        ctx.metric("digest_prefix", int(w.trace_digest()[:4].hex(), 16))
