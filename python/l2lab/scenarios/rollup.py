"""Rollup scenarios R1-R5 (SCENARIOS.md): invalid batches, censorship and forced inclusion, data
withholding, bridge accounting, supply conservation. Every party runs the real protocol code;
adversaries only choose where the protocol lets them (what to batch, whether to publish data)."""

from __future__ import annotations

from typing import Any

from .. import rollup as R
from ..scenario import Context, Param, Scenario, register

ETH = 10**18


def _deploy(ctx: Context, **overrides: Any) -> R.Rollup:
    cfg = R.RollupConfig(**overrides)
    r = R.Rollup(ctx.world, cfg)
    ctx.step(f"deployed inbox {r.inbox} (codec {cfg.codec}, da {cfg.da}, W={cfg.forced_window}, "
             f"finality N={cfg.finality_blocks})")
    return r


def _agree(ctx: Context, r: R.Rollup) -> None:
    a = r.verifier()  # the rollup's verifier node, advanced block by block during the run
    b = R.Derivation(r.derivation_config)  # a second node, deriving everything now
    b.advance(ctx.world.chain)
    ctx.check("two independent derivations from L1 data agree",
              a.state.state_root == b.state.state_root == r.state.state_root
              and a.save_state() == b.save_state(),
              f"derived through block {a.derived_block}")
    bad = [m for m in r.sequencer.batch_metrics if m.root_matches is False]
    ctx.check("every batch's derived root equals the sequencer's predicted root", not bad,
              f"{len(bad)} mismatching batches")
    _cost_metrics(ctx, r)


def _cost_metrics(ctx: Context, r: R.Rollup) -> None:
    """The suite's cost columns from the sequencer's batch table: ``l1_gas`` (every included batch
    post) and ``bytes_per_tx`` (compressed L1 data bytes per L2 transaction in those batches)."""
    t = r.batch_table()
    included = [i for i, g in enumerate(t["l1_gas_used"]) if g is not None]  # None: still pending
    ctx.metric("l1_gas", sum(t["l1_gas_used"][i] for i in included))
    txs = sum(t["tx_count"][i] for i in included)
    if txs:
        ctx.metric("bytes_per_tx", sum(t["compressed_bytes"][i] for i in included) / txs)


@register
class InvalidBatches(Scenario):
    name = "rollup.invalid_batches"
    description = ("R1: bad signature, wrong nonce, overspend, wrong chain id, undecodable and "
                   "bomb-compressed batches. Invalid txs are skipped with a typed reason, a "
                   "malformed batch is an empty batch, and independent derivations agree.")
    tags = {"area": "rollup", "adversary": "malicious batch poster", "harness": "SC"}
    params = {"bomb_mib": Param(32, "decompressed size of the zstd bomb (MiB)", minimum=1, maximum=256),
              "codec": Param("zstd", "codec of honest batches", choices=("none", "zstd", "brotli"))}

    def body(self, ctx: Context) -> None:
        import l2lab

        w = ctx.world
        r = _deploy(ctx, codec=ctx.params["codec"], max_decompressed=4 << 20)
        alice_l1 = w.new_account(balance=10 * ETH)
        k = l2lab.PrivateKey.from_int(0xA11CE)
        other = l2lab.PrivateKey.from_int(0xB0B).address
        r.deposit(alice_l1, k.address, ETH)
        w.run(2)
        good = r.transfer(k, other, 1000, fee=1, nonce=0)
        bad_sig = r.transfer(k, other, 5, nonce=1)
        sig = bytearray(bad_sig.signature)
        sig[64] = 5  # recovery id outside {0, 1}: no signer (a flipped r would recover a stranger)
        bad_sig.signature = bytes(sig)
        wrong_nonce = r.transfer(k, other, 5, nonce=7)
        overspend = r.transfer(k, other, 2 * ETH, nonce=1)
        wrong_chain = R.L2Tx(chain_id=999, nonce=1, to=other, value=1)
        wrong_chain.sign(k)
        # The sequencer mempool drops invalid txs; a malicious poster puts them in a batch anyway.
        batch = R.Batch(queue_index=1, txs=[good, bad_sig, wrong_nonce, overspend, wrong_chain])
        frame = R.encode_batch(batch, ctx.params["codec"], 3)
        seq = r.sequencer_account
        w.call(seq, r.inbox, R.inbox_append_batch(frame), gas_limit=2_000_000)
        w.mine(1)
        ctx.step("posted a batch with one valid and four invalid txs")
        node = r.verifier()
        reasons = [rc.reason for rc in node.receipts[-5:]]
        expect = [None, "bad_signature", "wrong_nonce", "insufficient_balance", "wrong_chain_id"]
        ctx.check("invalid txs skipped with their typed reasons", reasons == expect, str(reasons))
        root = node.state.state_root
        bomb = R.compress("zstd", bytes(ctx.params["bomb_mib"] << 20), 19)
        garbage = [b"\x01\x01" + bomb, b"\x01\x00\xc1", b"\x07\x00", b"\x01\x02\xff\xff"]
        for g in garbage:
            w.call(seq, r.inbox, R.inbox_append_batch(g), gas_limit=2_000_000)
        w.mine(1)
        ctx.step(f"posted 4 malformed batches incl. a {len(bomb)}-byte zstd bomb of "
                 f"{ctx.params['bomb_mib']} MiB")
        node = r.verifier()
        last = node.batches[-4:]
        ctx.check("every malformed batch is an empty batch",
                  all(not b.decoded and b.step_count == 0 for b in last),
                  "; ".join(b.decode_error[:60] for b in last))
        ctx.check("state root unchanged by malformed batches", node.state.state_root == root)
        ctx.check("the bomb is rejected as oversized", "exceeds" in last[0].decode_error,
                  last[0].decode_error)
        w.run(3)
        _agree(ctx, r)
        ctx.metric("bomb_compressed_bytes", len(bomb))


@register
class CensorshipForcedInclusion(Scenario):
    name = "rollup.forced_inclusion"
    description = ("R2: the sequencer censors a user and ignores deposits; every forced tx and "
                   "deposit is in L2 within W L1 blocks through forced derivation.")
    tags = {"area": "rollup", "adversary": "censoring sequencer", "harness": "SC"}
    params = {"window": Param(6, "forced-inclusion window W (L1 blocks)", minimum=1, maximum=1000),
              "users": Param(4, "victims forcing txs", minimum=1, maximum=50)}

    def body(self, ctx: Context) -> None:
        import l2lab

        w, p = ctx.world, ctx.params
        r = _deploy(ctx, forced_window=p["window"])
        keys = [l2lab.PrivateKey.from_int(1000 + i) for i in range(p["users"])]
        r.sequencer.set_censored({k.address for k in keys})
        r.sequencer.set_ignore_queue(True)
        ctx.step(f"sequencer censors {len(keys)} users and ignores the deposit queue")
        funder = w.new_account(balance=1000 * ETH)
        for k in keys:
            r.deposit(funder, k.address, ETH)
        w.run(1)
        outs = []
        for i, k in enumerate(keys):
            tx = r.transfer(k, keys[(i + 1) % len(keys)].address, 10**15, fee=1, nonce=0)
            r.submit(tx)
            outs.append(r.force_tx(funder, tx))
        w.run(p["window"] + 3)
        node = r.verifier()
        late = [q for q in node.queue
                if q.included_block is None or q.included_block > q.enqueue_block + p["window"]]
        ctx.check("every deposit and forced tx is in L2 within W blocks", not late,
                  f"{len(node.queue)} queue items, {len(late)} late")
        ctx.check("forced txs took effect",
                  all(node.state.nonce(k.address) == 1 for k in keys))
        lat = [q.included_block - q.enqueue_block for q in node.queue if q.included_block is not None]
        ctx.metric("max_forced_latency_blocks", max(lat) if lat else -1)
        _agree(ctx, r)


@register
class DataWithholding(Scenario):
    name = "rollup.data_withholding"
    description = ("R3: a blob batch's commitment lands but its data is withheld. Nothing derived "
                   "from it becomes final and no withdrawal proves against it.")
    tags = {"area": "rollup", "adversary": "withholding sequencer", "harness": "SC"}
    params = {"finality": Param(3, "trusted finality N (L1 blocks)", minimum=1, maximum=100)}

    def body(self, ctx: Context) -> None:
        import l2lab

        w = ctx.world
        r = _deploy(ctx, da="blob", finality_blocks=ctx.params["finality"])
        k = l2lab.PrivateKey.from_int(0xDA)
        user = w.new_account(balance=10 * ETH)
        r.deposit(user, k.address, ETH)
        w.run(3)
        r.submit(r.transfer(k, user.address, ETH // 2, nonce=0, kind=R.TxKind.WITHDRAWAL))
        w.run(1)
        withheld = [h for p in w.chain.pending for h in p.tx.blob_versioned_hashes]
        for h in withheld:
            w.chain.withhold_blob(h)
        stall_block = w.block_number + 1
        ctx.step(f"sequencer withholds {len(withheld)} blob(s) landing in block {stall_block}")
        w.run(ctx.params["finality"] + 5)
        node = r.verifier()
        ctx.check("derivation stalls at the withheld batch", node.stalled_at == stall_block,
                  f"stalled_at={node.stalled_at}")
        roots = r.roots()
        ctx.check("no proposed root covers the withheld data",
                  all(x.l1_block < stall_block for x in roots), f"{len(roots)} roots")
        ctx.check("the withdrawal is in no derivable state", node.state.withdrawal(k.address, 0) is None)
        # The state the withheld data would produce holds the withdrawal; its proof must not be
        # accepted against any proposed root, once every root is final.
        would_be = node.state.clone()
        tx = r.transfer(k, user.address, ETH // 2, nonce=0, kind=R.TxKind.WITHDRAWAL)
        R.apply_op(would_be, r.stf, tx)
        wd = would_be.withdrawal(k.address, 0)
        proof = would_be.prove_withdrawal(k.address, 0)
        w.mine(ctx.params["finality"])
        claims = [w.call(user, r.inbox, R.inbox_finalize_withdrawal(i, wd, proof)) for i in range(len(roots))]
        w.mine(1)
        reasons = {w.chain.receipt(c.tx_hash).revert_reason for c in claims}
        ctx.check("no withdrawal proves against any (final) root", wd is not None and roots != [] and
                  reasons == {"invalid withdrawal proof"}, str(reasons))
        ctx.metric("roots_proposed", len(roots))


@register
class BridgeAccounting(Scenario):
    name = "rollup.bridge_accounting"
    description = ("R4: replayed withdrawals, claims against unfinalised roots, forged amounts, "
                   "deposit and withdraw in the same block. Bridge balance = deposits - finalised "
                   "withdrawals; each withdrawal finalises once.")
    tags = {"area": "rollup", "adversary": "replaying user", "harness": "SC"}
    params = {"finality": Param(4, "trusted finality N", minimum=1, maximum=100),
              "users": Param(3, "withdrawing users", minimum=1, maximum=20)}

    def body(self, ctx: Context) -> None:
        import l2lab

        w, p = ctx.world, ctx.params
        r = _deploy(ctx, finality_blocks=p["finality"])
        keys = [l2lab.PrivateKey.from_int(0xB00 + i) for i in range(p["users"])]
        l1 = [w.new_account(balance=10 * ETH) for _ in keys]
        deposited = 0
        for a, k in zip(l1, keys):
            r.deposit(a, k.address, 2 * ETH)
            deposited += 2 * ETH
        w.run(2)
        requested = w.block_number
        for i, k in enumerate(keys):
            r.submit(r.transfer(k, l1[i].address, ETH, nonce=0, kind=R.TxKind.WITHDRAWAL))
        w.run(3)
        claims = [r.withdrawal_claim(k.address, 0) for k in keys]
        early = [w.call(l1[i], r.inbox, c) for i, c in enumerate(claims)]
        # same block: another deposit while claiming
        r.deposit(l1[0], keys[0].address, ETH)
        deposited += ETH
        w.mine(1)
        ctx.check("claims against an unfinalised root revert",
                  all(w.chain.receipt(o.tx_hash).revert_reason == "root is not final" for o in early))
        w.mine(p["finality"])
        first = [w.call(l1[i], r.inbox, c) for i, c in enumerate(claims)]
        replay = [w.call(l1[i], r.inbox, c) for i, c in enumerate(claims)]
        w.mine(1)
        ok = [w.chain.receipt(o.tx_hash).success for o in first]
        rep = [w.chain.receipt(o.tx_hash).revert_reason for o in replay]
        ctx.check("each withdrawal finalises once", all(ok) and
                  all(x == "withdrawal already finalized" for x in rep), f"{ok} {rep}")
        finalised = ETH * sum(ok)
        bal = w.chain.balance(r.inbox)
        ctx.check("bridge balance = deposits - finalised withdrawals", bal == deposited - finalised,
                  f"{bal} vs {deposited - finalised}")
        ctx.metric("bridge_balance_wei", bal)
        ctx.metric("finalised_withdrawals", sum(ok))
        paid = [w.chain.receipt(o.tx_hash).block_number for o, good in zip(first, ok) if good]
        if paid:  # L1 blocks from the withdrawal request to the earliest successful claim
            ctx.metric("finality_blocks", min(paid) - requested)
        _cost_metrics(ctx, r)


@register
class SupplyConservation(Scenario):
    name = "rollup.supply_conservation"
    description = ("R5: random Zipf traffic with deposits and withdrawals. L2 supply = bridged in "
                   "- bridged out after every L1 block.")
    tags = {"area": "rollup", "adversary": "none (random programs)", "harness": "SC"}
    params = {"blocks": Param(12, "L1 blocks to run", minimum=1, maximum=1000),
              "txs_per_block": Param(40, "L2 txs submitted per block", minimum=0, maximum=10_000),
              "withdrawal_fraction": Param(0.1, "share of withdrawals", minimum=0.0, maximum=1.0)}

    @classmethod
    def cost(cls, params: dict[str, Any]) -> float:
        # The L2 txs dominate (signature recovery, state updates, batch encoding); the
        # deployment, the deposits and the two derivations cost about as much as forty of them.
        return 40 + params["blocks"] * params["txs_per_block"]

    def body(self, ctx: Context) -> None:
        w, p = ctx.world, ctx.params
        r = _deploy(ctx)
        gen = R.TrafficGenerator(R.TrafficConfig(accounts=30, seed=ctx.seed,
                                                 withdrawal_fraction=p["withdrawal_fraction"],
                                                 max_value=10**12, fee=1))
        funder = w.new_account(balance=10**6 * ETH)
        for a in gen.addresses():
            r.deposit(funder, a, 10**15)
        w.run(1)
        broken = []
        for _ in range(p["blocks"]):
            r.submit_many(gen.next(p["txs_per_block"]))
            w.run(1)
            s = r.state
            node = r.sequencer.node
            if s.total_supply != node.deposited - s.total_withdrawn:
                broken.append(w.block_number)
        ctx.check("L2 supply = bridged in - bridged out at every block", not broken, str(broken))
        ctx.metric("applied_steps", sum(1 for x in r.sequencer.node.receipts if x.applied))
        ctx.metric("skipped_steps", sum(1 for x in r.sequencer.node.receipts if not x.applied))
        _agree(ctx, r)
