"""Validity-proof scenarios V1-V4 (SCENARIOS.md): invalid witnesses, tampered proofs and
statement binding, determinism of the post-root, and the prover path against the plain STF; and
the stark system's liveness under forced txs the state skips.
Everything runs through a zk-mode rollup on a World; cheaters use the real protocol code and only
choose what a sequencer or prover can choose (what to post, what to submit)."""

from __future__ import annotations

from typing import Any

from .. import rollup as R
from .. import validity as V
from ..scenario import Context, Param, Scenario, register

ETH = 10**18


def _deploy(ctx: Context, **overrides: Any) -> V.ZkRollup:
    cfg = R.RollupConfig(mode="zk", forced_window=4, **overrides)
    r = R.Rollup(ctx.world, cfg)
    ctx.step(f"deployed a zk rollup: inbox {r.inbox}, verifier {r.verifier_address}, proof "
             f"system {r.proof_system.name()!r}, da {cfg.da}")
    return r


def _keys(n: int, base: int) -> list[Any]:
    import l2lab

    return [l2lab.PrivateKey.from_int(base + i) for i in range(n)]


def _submit(ctx: Context, r: V.ZkRollup, who: Any, args: V.SubmitProof) -> str:
    """Submit a proof by hand; the receipt's revert reason ('' on success)."""
    w = ctx.world
    out = w.call(who, r.verifier_address, V.verifier_submit_proof(args), gas_limit=20_000_000)
    w.mine(1)
    rec = w.chain.receipt(out.tx_hash)
    return "" if rec.success else rec.revert_reason


def _lenient(pre: R.L2State, stf: R.StfConfig, shadow: R.L2Tx, sender: Any) -> R.L2State:
    """What a cheating sequencer claims: `shadow` (a validly signed twin of the invalid tx) took
    effect although the sender could not pay: its balance is first topped up from nothing."""
    post = pre.clone()
    s = post.account(sender)
    post.set_account(sender, R.L2Account(s.nonce, max(s.balance, shadow.value + shadow.fee)))
    assert R.apply_op(post, stf, shadow).applied
    return post


def _accounts_root(state: R.L2State) -> bytes:
    """The root of `state`'s accounts and withdrawals alone: what an optimistic-mode root commits
    to (a zk-mode root also commits to the account registry its diffs name accounts by)."""
    bare = R.L2State()
    for a, acct in state.accounts().items():
        bare.set_account(a, acct)
    for w in state.withdrawals():
        bare.add_withdrawal(w)
    return bytes(bare.state_root)


@register
class InvalidWitnesses(Scenario):
    name = "validity.invalid_witnesses"
    description = ("V1: a cheating sequencer posts a state diff in which an invalid tx (overspend, "
                   "bad signature, out-of-range value) took effect. The honest prover refuses, a "
                   "forged proof is rejected on L1, the rollup does not advance, nothing is "
                   "withdrawable against the invalid state.")
    tags = {"area": "validity", "adversary": "cheating sequencer + prover", "harness": "SC"}
    params = {"defect": Param("overspend", "the invalid tx",
                              choices=("overspend", "bad_signature", "out_of_range")),
              "proof_system": Param("witness", "proof system", choices=("witness", "modelled"))}

    def body(self, ctx: Context) -> None:
        w, p = ctx.world, ctx.params
        r = _deploy(ctx, proof_system=p["proof_system"])
        alice, bob = _keys(2, 0xA100)
        user = w.new_account(balance=10 * ETH)
        r.deposit(user, alice.address, ETH)
        r.deposit(user, bob.address, ETH)
        w.run(3)
        if p["proof_system"] == "modelled":
            w.run(22)  # 240 s of modelled proving
        honest = r.status()
        ctx.check("the honest batches are proven", honest.proven == len(r.verifier().batches) >= 1)
        bridge = w.chain.balance(r.inbox)
        w.set_online(r.sequencer.id, False)  # from here the sequencer cheats by hand
        pre = r.verifier().state
        user_to = user.address
        if p["defect"] == "bad_signature":  # bob's funds, with a signature that does not verify
            shadow = R.L2Tx(kind=R.TxKind.WITHDRAWAL, chain_id=901, nonce=0, fee=0, to=user_to, value=ETH // 2)
            shadow.sign(bob)
            tx = R.L2Tx(kind=R.TxKind.WITHDRAWAL, chain_id=901, nonce=0, fee=0, to=user_to, value=ETH // 2)
            tx.signature = shadow.signature[:64] + b"\x09"
            victim, withdrawal = bob.address, True
        elif p["defect"] == "out_of_range":  # a transfer of 2^255 wei mints money
            shadow = R.L2Tx(chain_id=901, nonce=0, fee=1, to=bob.address, value=2**255)
            shadow.sign(alice)
            tx, victim, withdrawal = shadow, alice.address, False
        else:  # alice withdraws twice what she has
            shadow = R.L2Tx(kind=R.TxKind.WITHDRAWAL, chain_id=901, nonce=0, fee=0, to=user_to, value=2 * ETH)
            shadow.sign(alice)
            tx, victim, withdrawal = shadow, alice.address, True
        post = _lenient(pre, r.stf, shadow, victim)
        R.register_accounts(pre, post)  # the batch closes as an honest one would
        data = V.DiffBatch(honest.queue_cursor, honest.queue_cursor, R.make_state_diff(pre, post))
        frame = V.encode_diff_batch(data)
        w.call(r.sequencer_account, r.inbox, R.inbox_append_batch(frame), gas_limit=2_000_000)
        w.mine(1)
        index = honest.proven
        ctx.step(f"the sequencer posted batch {index}: a diff in which the {p['defect']} tx took effect")
        node = r.verifier()
        b = node.batches[index]
        st = V.make_statement(r.stf, index, pre.state_root, post.state_root, data, "calldata", frame, [])
        witness = V.BatchWitness(pre, [], [tx], frame)
        try:
            r.proof_system.prove(st, witness)
            refused = ""
        except V.ProofRefusedError as e:
            refused = e.failure
        ctx.check("the honest prover refuses the invalid batch", refused != "", refused)
        forged = (V.WitnessProofSystem().forge(st, witness) if p["proof_system"] == "witness"
                  else bytes(256))
        args = V.SubmitProof(index, V.BatchRecord("calldata", b.commitment, b.l1_block, b.queue_count),
                             [], None, st.post_root, honest.queue_cursor, forged)
        reason = _submit(ctx, r, r.prover_account, args)
        ctx.step(f"a cheating prover submitted a forged proof: {reason!r}")
        ctx.check("the forged proof is rejected on L1", reason.startswith("invalid proof: "), reason)
        after = r.status()
        ctx.check("the rollup does not advance", after.proven == honest.proven and
                  after.root == honest.root and len(r.roots()) == honest.roots)
        if withdrawal:
            wd = post.withdrawal(victim, 0)
            claims = [w.call(user, r.inbox, R.inbox_finalize_withdrawal(i, wd, post.prove_withdrawal(victim, 0)))
                      for i in range(len(r.roots()) + 1)]
            w.mine(1)
            reasons = {w.chain.receipt(c.tx_hash).revert_reason for c in claims}
            ctx.check("nothing is withdrawable against the invalid state",
                      reasons <= {"invalid withdrawal proof", "unknown root index"}, str(reasons))
        ctx.check("the bridge keeps every deposit", w.chain.balance(r.inbox) == bridge)
        w.set_online(r.sequencer.id, True)
        w.run(3)
        ctx.check("settlement stays halted at the unprovable batch (the verifier takes batches in order)",
                  r.status().proven == honest.proven and r.prover.stall_reason != "",
                  r.prover.stall_reason)
        ctx.metric("forged_proofs_rejected", 1 if reason.startswith("invalid proof") else 0)


@register
class TamperedProofs(Scenario):
    name = "validity.tampered_proofs"
    description = ("V2: every single-byte mutation of an honest proof and every altered public "
                   "input is rejected; a sample of mutations and a proof for another batch are "
                   "submitted on L1 and revert; the honest proof then settles.")
    tags = {"area": "validity", "adversary": "tampering prover", "harness": "SC"}
    params = {"proof_system": Param("witness", "proof system", choices=("witness", "modelled")),
              "on_chain": Param(6, "mutated proofs also submitted on L1", minimum=0, maximum=200)}

    def body(self, ctx: Context) -> None:
        w, p = ctx.world, ctx.params
        r = _deploy(ctx, proof_system=p["proof_system"])
        keys = _keys(3, 0xB200)
        user = w.new_account(balance=10 * ETH)
        for k in keys:
            r.deposit(user, k.address, ETH)
        w.run(3)
        w.set_online(r.prover.id, False)  # the scenario proves by hand from here
        r.submit(r.transfer(keys[0], keys[1].address, 1234, fee=1))
        r.submit(r.transfer(keys[1], keys[2].address, 99, fee=2, kind=R.TxKind.WITHDRAWAL))
        w.run(2)
        index = r.status().proven
        job = r.proof_job(index)
        ps = r.proof_system
        proof = ps.prove(job.statement, job.witness)
        ctx.step(f"honest proof of batch {index}: {len(proof)} bytes")
        bad = 0
        for i in range(len(proof)):
            m = bytearray(proof)
            m[i] ^= 0xFF
            bad += not ps.verify(job.statement, bytes(m))
        ctx.check("every single-byte mutation is rejected", bad == len(proof), f"{bad}/{len(proof)}")
        altered = 0
        st0 = job.statement
        for fields in (("chain_id",), ("batch_index",), ("queue_start", "queue_end"), ("queue_end",)):
            s = st0.copy()
            for field in reversed(fields):
                setattr(s, field, getattr(s, field) + 1)
            altered += not ps.verify(s, proof)
        for field in ("pre_root", "post_root", "data_commitment", "queue_digest", "fee_recipient"):
            s = st0.copy()
            v = bytearray(bytes(getattr(s, field)))
            v[0] ^= 1
            setattr(s, field, bytes(v))
            altered += not ps.verify(s, proof)
        s = st0.copy()
        s.da = "blob"
        altered += not ps.verify(s, proof)
        ctx.check("every altered public input is rejected (the proof binds the statement hash)",
                  altered == 10, f"{altered}/10")
        reverted = 0
        for k in range(p["on_chain"]):
            m = bytearray(proof)
            m[(k * 7919) % len(m)] ^= 0x01
            args = job.args
            args.proof = bytes(m)
            reverted += _submit(ctx, r, r.prover_account, args).startswith("invalid proof")
        ctx.check("mutated proofs revert on L1", reverted == p["on_chain"], f"{reverted}/{p['on_chain']}")
        args = job.args
        args.proof = proof
        args.batch_index = index + 1
        ctx.check("a proof submitted for another batch index reverts",
                  _submit(ctx, r, r.prover_account, args) != "")
        args.batch_index = index
        ctx.check("the honest proof settles", _submit(ctx, r, r.prover_account, args) == "")
        ctx.check("the verifier's root is the batch's post-root", r.status().root == st0.post_root)
        ctx.metric("mutations_checked", len(proof))
        ctx.metric("proof_bytes", len(proof))


@register
class UniquePostRoot(Scenario):
    name = "validity.unique_post_root"
    description = ("V3: one statement cannot have two valid post-roots: for every batch the prover "
                   "refuses any other post-root and forged proofs of them are rejected; proofs are "
                   "deterministic and a replay of the whole run has the same trace digest.")
    tags = {"area": "validity", "adversary": "equivocating prover", "harness": "SC"}
    params = {"batches": Param(3, "batches of traffic", minimum=1, maximum=50)}

    def _run(self, ctx: Context, world: Any) -> tuple[V.ZkRollup, bytes]:
        r = R.Rollup(world, R.RollupConfig(mode="zk", forced_window=4))
        keys = _keys(4, 0xC300)
        user = world.new_account(balance=10 * ETH)
        for k in keys:
            r.deposit(user, k.address, ETH)
        world.run(2)
        for b in range(ctx.params["batches"]):
            r.submit(r.transfer(keys[b % 4], keys[(b + 1) % 4].address, 10 + b, fee=1))
            world.run(1)
        world.run(2)
        return r, bytes(world.trace_digest())

    def body(self, ctx: Context) -> None:
        import l2lab

        r, digest = self._run(ctx, ctx.world)
        node = r.verifier()
        n = r.status().proven
        ctx.step(f"{n} batches proven")
        refused = forged_rejected = checked = 0
        ws = V.WitnessProofSystem()
        for i in range(n):
            job = r.proof_job(i, node)
            again = r.proof_job(i, node)
            ctx.check(f"batch {i}: proving twice gives the same proof",
                      ws.prove(job.statement, job.witness) == ws.prove(again.statement, again.witness))
            for flip in range(3):
                other = job.statement.copy()
                root = bytearray(bytes(other.post_root))
                root[flip] ^= 0x10
                other.post_root = bytes(root)
                checked += 1
                try:
                    ws.prove(other, job.witness)
                except V.ProofRefusedError:
                    refused += 1
                forged_rejected += not ws.verify(other, ws.forge(other, job.witness))
        ctx.check("every other post-root is refused by the prover", refused == checked, f"{refused}/{checked}")
        ctx.check("every forged proof of another post-root is rejected", forged_rejected == checked)
        ctx.check("the registered roots are the proven post-roots",
                  [bytes(b.post_root) for b in node.batches[:n]] == r.proven_roots())
        _, replay = self._run(ctx, l2lab.World(seed=ctx.seed))
        ctx.check("a replay with the same seed has the same trace digest", replay == digest)
        ctx.metric("alternative_roots_checked", checked)


@register
class ProverDifferential(Scenario):
    name = "validity.differential"
    description = ("V4: Zipf traffic with deposits and withdrawals through the zk rollup; every "
                   "proven batch's root equals the plain STF applied to the same ops, and the "
                   "posted diffs rebuild the same state.")
    tags = {"area": "validity", "adversary": "none (random traffic)", "harness": "SC"}
    params = {"txs": Param(300, "L2 transfers submitted", minimum=1, maximum=100_000),
              "blocks": Param(8, "L1 blocks to run", minimum=1, maximum=1000),
              "proof_system": Param("witness", "proof system", choices=("witness", "modelled"))}

    def body(self, ctx: Context) -> None:
        w, p = ctx.world, ctx.params
        r = _deploy(ctx, proof_system=p["proof_system"], max_batch_txs=100)
        gen = R.TrafficGenerator(R.TrafficConfig(accounts=50, seed=ctx.seed, withdrawal_fraction=0.05))
        payer = w.new_account(balance=10**22)
        for a in gen.addresses():
            r.deposit(payer, a, ETH)
        w.run(2)
        r.submit_many(gen.next(p["txs"]))
        w.run(p["blocks"])
        if p["proof_system"] == "modelled":
            w.run(25 * (len(r.sequencer.node.batches) + 1))  # 20 blocks of modelled proving each
        node = r.verifier()
        n, agree, plain, posted, _ = _replay_proven(r)
        ctx.check("every batch is proven", n == len(node.batches) >= 2, f"{n}/{len(node.batches)}")
        ctx.check("prover path and plain STF agree on every batch", agree == n, f"{agree}/{n}")
        ctx.check("the diffs rebuild the plain STF's state", node.state.state_root == plain.state_root)
        rebuild = r.check_rebuild(node)
        ctx.check("the node's rebuild check matches every proven root", rebuild.ok and rebuild.checked == n,
                  rebuild.detail)
        table = r.proof_table()
        ok = [i for i, a in enumerate(table["accepted"]) if a]
        ctx.metric("batches", n)
        ctx.metric("l1_gas", sum(table["l1_gas_used"][i] for i in ok))
        txs = sum(len(posted[i]["txs"]) for i in range(n))
        if txs:
            data = sum(node.batches[i].frame_bytes for i in range(n))
            ctx.metric("bytes_per_tx", data / txs)
            ctx.metric("proof_gas_per_tx", sum(table["l1_gas_used"][i] for i in ok) / txs)


def _replay_proven(r: Any) -> tuple[int, int, R.L2State, list[Any], int]:
    """Replay every proven batch's ops (queue range and posted txs) on a plain L2State with the
    plain STF; (proven batches, batches whose proven root equals the replay's root under the
    rollup's proof system, the replayed state, the posted batch of each of the verifier's
    batches, queue items consumed)."""
    node = r.verifier()
    posted = [V.posted_diff_batch(r.sequencer, b.commitment, b.l1_block) for b in node.batches]
    plain = R.L2State()
    agree = consumed = 0
    n = r.status().proven
    for i in range(n):
        x = posted[i]
        ops = [q.op for q in node.queue[x["queue_start"]:x["queue_end"]]] + list(x["txs"])
        before = plain.clone()
        R.apply_batch(plain, r.stf, ops)
        R.register_accounts(before, plain)  # the batch closes: its new accounts get indices
        agree += r.proof_system.state_root(plain) == V.verifier_batch_root(r.world.chain, r.verifier_address, i)
        consumed = x["queue_end"]
    return n, agree, plain, posted, consumed


@register
class ForcedSkips(Scenario):
    name = "validity.forced_skips"
    description = ("Liveness of the zk mode under forced txs the STF skips for a reason only the "
                   "state shows: round after round an attacker forces an unfunded transfer, one at a "
                   "future nonce and one from a sender with no account through the L1 queue while a "
                   "user transacts. The sequencer must include them; the prover proves the skips "
                   "(with `stark`, in the AIR: the sender's leaf opened and kept, the nonce gap or the "
                   "balance shortfall proven; an unknown sender's absence by the registry "
                   "multiproof), so every batch settles and the proven roots equal the plain STF's.")
    tags = {"area": "validity", "adversary": "forced-tx griefer", "harness": "SC"}
    params = {"rounds": Param(3, "attack rounds (three forced txs each)", minimum=1, maximum=50),
              "proof_system": Param("stark", "proof system", choices=("stark", "witness"))}

    def body(self, ctx: Context) -> None:
        w, p = ctx.world, ctx.params
        r = _deploy(ctx, proof_system=p["proof_system"], max_batch_txs=16)
        alice, bob = _keys(2, 0xA800)
        user = w.new_account(balance=10 * ETH)
        attacker = w.new_account(balance=10 * ETH)
        r.deposit(user, alice.address, ETH)
        w.run(3)
        strangers = _keys(p["rounds"], 0xA900)
        for k in range(p["rounds"]):
            forced = [r.transfer(bob, alice.address, 5 * ETH, fee=1, nonce=0),              # bob cannot pay
                      r.transfer(alice, bob.address, 1, fee=1, nonce=k + 7),               # a future nonce
                      r.transfer(strangers[k], alice.address, 1, fee=1, nonce=0)]          # no account
            accepted = sum(bool(r.force_tx(attacker, t).accepted) for t in forced)
            r.submit(r.transfer(alice, bob.address, 1000 + k, fee=2, nonce=k))
            ctx.step(f"round {k}: the attacker forced {accepted} txs the state skips (unfunded, future "
                     f"nonce, unknown sender); alice sent bob {1000 + k} wei")
            w.run(3)
        for _ in range(60):
            if r.status().proven == len(r.verifier().batches) and r.verifier().batches:
                break
            w.run(1)
        node = r.verifier()
        n, agree, plain, _, consumed = _replay_proven(r)
        ctx.step(f"{n} of {len(node.batches)} batches proven, {consumed} queue items consumed")
        ctx.check("every batch is proven (settlement does not stall)", n == len(node.batches) >= 2,
                  f"{n}/{len(node.batches)}")
        ctx.check("every forced tx was included", consumed == 1 + 3 * p["rounds"], f"{consumed} queue items")
        ctx.check("prover path and plain STF agree on every batch", agree == n, f"{agree}/{n}")
        ctx.check("the forced txs changed nothing: alice sent only her own txs, bob and the strangers "
                  "never moved", plain.nonce(alice.address) == p["rounds"] and plain.nonce(bob.address) == 0
                  and all(plain.nonce(s.address) == 0 and plain.balance(s.address) == 0 for s in strangers))
        ctx.check("the diffs rebuild the plain STF's state", node.state.state_root == plain.state_root)
        table = r.proof_table()
        ctx.metric("batches", n)
        ctx.metric("forced_skipped", 3 * p["rounds"])
        ctx.metric("l1_gas", sum(g for g, ok in zip(table["l1_gas_used"], table["accepted"]) if ok))


def _forced_skipped_txs(r: Any, keys: list[Any], payer: Any) -> None:
    """Enqueue the forced txs FaultRollup.traffic() ends with (an unfunded transfer, one with an
    unrecoverable signature, one with a future nonce: all skipped by the STF), on either rollup."""
    users = len(keys) - 1
    unfunded = R.L2Tx(chain_id=r.config.chain_id, nonce=0, fee=10, to=keys[0].address, value=5)
    unfunded.sign(keys[users])
    r.world.call(payer, r.inbox, R.inbox_force_tx(unfunded.encode()))
    forged = r.transfer(keys[users - 1], keys[0].address, 123, fee=10, nonce=r.nonce(keys[users - 1].address))
    forged.signature = forged.signature[:64] + b"\x07"  # recovery id out of range: never recovers
    r.world.call(payer, r.inbox, R.inbox_force_tx(forged.encode()))
    early = r.transfer(keys[0], keys[1].address, 9, fee=10, nonce=r.nonce(keys[0].address) + 5)
    r.world.call(payer, r.inbox, R.inbox_force_tx(early.encode()))


@register
class BothSettlements(Scenario):
    name = "validity.both_settlements"
    description = ("Issue 6 item 6: one L2 history whose last batch carries forced txs the STF "
                   "skips, settled optimistically (a proposer claims the root in which the "
                   "unfunded or badly signed tx took effect; an honest challenger wins the dispute "
                   "game, then an honest root is proposed and becomes final) and with validity "
                   "proofs (a prover submits a proof of the very same wrong root for that batch; "
                   "it is rejected and the honest proof settles). Side by side: blocks and seconds "
                   "to finality, L1 gas per party, bonds moved, bytes posted (quick game clocks: "
                   "max_clock s per side, default 120; finality delay 2 blocks). A last_minute "
                   "cheater answers only when 2 blocks are left on its clock: it can delay the "
                   "optimistic root by up to its clock, the validity root not at all. Keeps "
                   "'fault_rollup' and 'zk_rollup' (Result.kept).")
    tags = {"area": "validity", "adversary": "wrong-root proposer / forging prover", "harness": "SC"}
    params = {"cheat": Param("overspend", "the skipped tx the cheater applies",
                             choices=("overspend", "bad_signature")),
              "proof_system": Param("witness", "zk path's proof system", choices=("witness", "modelled")),
              "max_clock": Param(120, "each team's dispute-game clock (seconds; OP: 3.5 days)",
                                 minimum=36, maximum=2400),
              "cheater_timing": Param("prompt", "when the wrong-root proposer answers a move: at once, "
                                      "or only when 2 blocks are left on its clock",
                                      choices=("prompt", "last_minute"))}

    def body(self, ctx: Context) -> None:
        opt = self._optimistic(ctx)
        if "wrong_root" not in opt:
            return
        zk = self._validity(ctx, opt.pop("wrong_root"), opt.pop("honest_root"))
        if not zk:
            return
        ctx.step("side by side: " + ", ".join(
            f"{k}: optimistic {opt.get(k)} / zk {zk.get(k)}"
            for k in ("finality_blocks", "finality_s", "l1_gas", "bonds_moved_wei", "bytes_posted")))
        for k, v in opt.items():
            ctx.metric(f"optimistic.{k}", v)
        for k, v in zk.items():
            ctx.metric(f"zk.{k}", v)
        ctx.metric("finality_blocks", zk["finality_blocks"])
        ctx.metric("l1_gas", zk["l1_gas"])
        ctx.check("the validity path finalises sooner", zk["finality_blocks"] < opt["finality_blocks"],
                  f"{zk['finality_blocks']} vs {opt['finality_blocks']} blocks")

    def _optimistic(self, ctx: Context) -> dict[str, Any]:
        from .. import fault as F
        from .fault import deploy, settle, wait_for_game

        r = ctx.keep("fault_rollup", deploy(ctx, max_clock=ctx.params["max_clock"]))
        keys = r.traffic(skipped=False)
        payer = ctx.world.new_account(balance=10 * ETH)
        _forced_skipped_txs(r, keys, payer)
        ctx.world.run(2 + r.config.forced_window)
        posted = ctx.world.block_number
        ctx.step(f"optimistic: history posted (txs batches), forced txs included by block {posted}")
        if ctx.params["cheater_timing"] == "last_minute":
            cheater = r.clock_burner(ctx.params["cheat"], "cheater")
        else:
            cheater = r.wrong_root_proposer(ctx.params["cheat"])
        r.honest_challenger()
        out: dict[str, Any] = {}
        budget = 400 + 4 * ctx.params["max_clock"] // r.block_time  # both clocks run out, twice
        if not wait_for_game(ctx, r) or not settle(ctx, r, budget):
            return out
        g = r.game_infos()[0]
        ctx.check("optimistic: the wrong root loses its game and never reaches the inbox",
                  g.status == "challenger_wins" and not r.roots(), g.status)
        r.honest_proposer("proposer")
        if not wait_for_game(ctx, r, 2, 20) or not settle(ctx, r, budget):
            return out
        roots = r.roots()
        if not ctx.check("optimistic: an honest root becomes final", len(roots) == 1):
            return out
        final = roots[0].proposed_block + r.fault_config.finality_delay_blocks
        t = r.players_table()
        gas = dict(zip(t["player"], t["gas_used"]))
        batches = r.batch_table()
        gas["sequencer"] = sum(x for x in batches["l1_gas_used"] if x is not None)
        out["finality_blocks"] = final - posted
        out["finality_s"] = out["finality_blocks"] * r.block_time
        out.update({f"gas.{k}": v for k, v in gas.items()})
        out["l1_gas"] = sum(gas.values())
        out["bonds_moved_wei"] = max(0, -dict(zip(t["player"], t["bond_net"]))[cheater.name])
        out["bytes_posted"] = sum(batches["compressed_bytes"])
        out["wrong_root"] = bytes(g.state_root)
        out["honest_root"] = bytes(roots[0].root)
        _ = F  # the fault area drives this half
        return out

    def _validity(self, ctx: Context, wrong_root: bytes, honest_root: bytes) -> dict[str, Any]:
        import l2lab

        from .. import fault as F

        w = l2lab.World(seed=ctx.seed)  # a second world: the same history, settled by proofs
        r = ctx.keep("zk_rollup", R.Rollup(w, R.RollupConfig(
            mode="zk", forced_window=3, proof_system=ctx.params["proof_system"])))
        r._next_key = 0xFA000  # FaultRollup.traffic's keys: the same L2 history
        keys = F.FaultRollup.traffic(r, skipped=False)
        w.run(25 if ctx.params["proof_system"] == "modelled" else 2)
        w.set_online(r.prover.id, False)  # the wrong prover moves first on the next batch
        _forced_skipped_txs(r, keys, w.new_account(balance=10 * ETH))
        w.run(2)
        posted = w.block_number
        index = r.status().proven
        job = r.proof_job(index)
        ctx.check("zk: the forced txs are in the next unproven batch",
                  job.statement.queue_end > job.statement.queue_start)
        ctx.check("zk: both paths settle the same honest state (accounts and withdrawals; the zk root "
                  "also commits to the account registry)",
                  _accounts_root(job.post_state) == honest_root and job.statement.post_root == job.post_state.state_root)
        claim = job.statement.copy()
        claim.post_root = wrong_root  # the optimistic cheater's root, for this batch
        forged = (V.WitnessProofSystem().forge(claim, job.witness) if ctx.params["proof_system"] == "witness"
                  else r.proof_system.prove(job.statement, job.witness))  # a real proof, of another root
        args = job.args
        args.post_root = wrong_root
        args.proof = forged
        cheater = w.new_account(balance=10 * ETH)
        out_tx = w.call(cheater, r.verifier_address, V.verifier_submit_proof(args), gas_limit=20_000_000)
        w.mine(1)
        rc = w.chain.receipt(out_tx.tx_hash)
        ctx.check("zk: the proof of the wrong root is rejected", not rc.success, rc.revert_reason)
        ctx.check("zk: the verifier did not advance", r.status().proven == index)
        w.set_online(r.prover.id, True)
        for _ in range(60):
            if r.status().proven == len(r.verifier().batches):
                break
            w.run(1)
        proofs = r.proof_table()
        done = [i for i, (b, ok) in enumerate(zip(proofs["batch_index"], proofs["accepted"])) if ok and b == index]
        if not ctx.check("zk: the honest proof settles the batch", bool(done)):
            return {}
        final = proofs["included_block"][done[0]]
        batches = r.batch_table()
        seq_gas = sum(x for x in batches["l1_gas_used"] if x is not None)
        prover_gas = sum(g for g, ok in zip(proofs["l1_gas_used"], proofs["accepted"]) if ok)
        proof_bytes = sum(b for b, ok in zip(proofs["proof_bytes"], proofs["accepted"]) if ok)
        return {"finality_blocks": final - posted, "finality_s": (final - posted) * w.chain.config.block_time,
                "gas.sequencer": seq_gas, "gas.prover": prover_gas, "gas.cheater": rc.gas_used,
                "l1_gas": seq_gas + prover_gas + rc.gas_used, "bonds_moved_wei": 0,
                "bytes_posted": sum(batches["compressed_bytes"]) + proof_bytes,
                "data_bytes": sum(batches["compressed_bytes"]), "proof_bytes": proof_bytes}
