"""The zk rollup mode from Python: ``Rollup(world, RollupConfig(mode="zk"))`` proves every batch,
roots become final when proven and withdrawals are claimable right after, a node rebuilt from the
posted diffs reaches the proven roots, a forged proof reverts and nothing is withdrawable against
it, runs are deterministic (trace digest), and a ProofSystem written in Python plugs in."""

from __future__ import annotations

import pytest

import l2lab
from l2lab import rollup as R
from l2lab import validity as V

ETH = 10**18
KEYS = [l2lab.PrivateKey.from_int(3000 + i) for i in range(5)]


def deploy(seed: int = 1, **cfg) -> tuple[l2lab.World, V.ZkRollup, object]:
    w = l2lab.World(seed=seed)
    r = R.Rollup(w, R.RollupConfig(mode="zk", forced_window=4, **cfg))
    user = w.new_account(balance=100 * ETH)
    for k in KEYS:
        r.deposit(user, k.address, ETH)
    w.run(2)
    return w, r, user


def test_batches_are_proven_and_withdrawals_paid_right_after():
    w, r, user = deploy()
    for i in range(3):
        r.submit(r.transfer(KEYS[0], KEYS[1 + i].address, 1000, fee=1))
        w.run(1)
    r.submit(r.transfer(KEYS[2], user.address, ETH // 2, kind=R.TxKind.WITHDRAWAL))
    asked = w.block_number
    w.run(3)  # the batch is posted, included, then proven
    st = r.status()
    assert st.proven == len(r.sequencer.node.batches)
    assert bytes(st.root) == r.state_root
    assert all(rec.accepted for rec in r.prover.records), [rec.failure for rec in r.prover.records]
    claim = r.withdrawal_claim(KEYS[2].address, 0)
    before = w.chain.balance(user.address)
    out = w.call(w.new_account(balance=ETH), r.inbox, claim)
    w.mine(1)
    assert w.chain.receipt(out.tx_hash).success
    assert w.chain.balance(user.address) == before + ETH // 2
    assert w.block_number - asked <= 5  # post, include, prove, claim
    table = r.proof_table()
    assert table["accepted"] == [True] * len(table["accepted"]) and min(table["l1_gas_used"]) > 21000


def test_a_node_rebuilt_from_the_posted_diffs_reaches_the_proven_roots():
    w, r, _ = deploy(da="blob", codec="brotli", level=9)
    for i in range(4):
        r.submit(r.transfer(KEYS[i], KEYS[(i + 1) % 5].address, 10 + i, fee=1))
        w.run(1)
    w.run(2)
    node = r.verifier()
    proven = r.proven_roots()
    assert len(proven) == len(node.batches) >= 5
    assert [bytes(b.post_root) for b in node.batches] == proven
    check = r.check_rebuild(node)  # the frames carry no root: the proven roots are the reference
    assert check.ok and check.checked == check.proven == len(proven), check.detail
    assert all(b.decoded and b.blob for b in node.batches)
    assert V.batch_format(r.derivation_config) == "state_diff"
    assert V.applied_diff(node, 0) is not None and V.batch_queue_range(node, 0) == (0, 5)


def test_a_forged_proof_reverts_the_rollup_does_not_advance_and_nothing_is_withdrawable():
    w = l2lab.World(seed=2)
    r = R.Rollup(w, R.RollupConfig(mode="zk"))
    w.set_online(r.prover.id, False)  # the honest prover sleeps; a forger acts first
    user = w.new_account(balance=10 * ETH)
    r.deposit(user, KEYS[0].address, ETH)
    w.run(2)
    node = r.verifier()
    b = node.batches[0]
    # The sequencer's batch credits KEYS[0] with 1 ETH; the forger claims a root where the
    # deposit went to itself, with a witness proof built for that false statement.
    pre = R.L2State()
    dep = node.queue[0].op
    lie = V.prepare_batch(pre, r.stf, 0, 0, [R.Deposit(0, dep.l1_sender, user.address, dep.amount)], [])
    args = V.SubmitProof(0, V.BatchRecord("calldata", b.commitment, b.l1_block, b.queue_count),
                         [V.QueueRecord(R.op_hash(dep), node.queue[0].enqueue_block)], None,
                         lie.statement.post_root, 1,
                         V.WitnessProofSystem().prove(lie.statement, lie.witness))
    out = w.call(user, r.verifier_address, V.verifier_submit_proof(args), gas_limit=5_000_000)
    w.mine(1)
    assert w.chain.receipt(out.tx_hash).revert_reason == "invalid proof: statement_mismatch"
    assert r.status().proven == 0 and r.roots() == []
    wd = R.WithdrawalRecord(user.address, 0, user.address, ETH)
    claim = w.call(user, r.inbox, R.inbox_finalize_withdrawal(0, wd, lie.post_state.prove_account(user.address)))
    w.mine(1)
    assert w.chain.receipt(claim.tx_hash).revert_reason == "unknown root index"
    w.set_online(r.prover.id, True)
    w.run(2)
    assert r.status().proven == len(r.verifier().batches)


def test_zk_runs_are_deterministic():
    def run() -> bytes:
        w, r, _ = deploy(seed=9, proof_system="modelled")
        gen = R.TrafficGenerator(R.TrafficConfig(accounts=20, seed=4))
        for a in gen.addresses():
            r.deposit(w.accounts[0], a, ETH)
        w.run(2)
        r.submit_many(gen.next(60))
        w.run(30)
        assert r.status().proven == len(r.sequencer.node.batches)
        return bytes(w.trace_digest())

    assert run() == run()


def test_rollup_config_mode_is_checked():
    with pytest.raises(ValueError):
        R.RollupConfig(proof_system="witness")  # optimistic mode takes no proof system
    with pytest.raises(ValueError, match="mode"):
        R.RollupConfig(mode="pessimistic")
    with pytest.raises(TypeError):
        R.Rollup(l2lab.World(seed=1), R.RollupConfig(mode="zk", proof_system=42))
    w = l2lab.World(seed=1)
    assert type(R.Rollup(w, R.RollupConfig())) is R.Rollup
    with pytest.raises(ValueError, match="finality"):
        V.ZkRollup(w, R.RollupConfig(mode="zk", finality_rule=R.TrustedFinality(3)))
class Counting(V.ProofSystem):
    """A Python proof system: delegates to `witness` and counts calls."""

    def __init__(self) -> None:
        super().__init__()
        self.inner = V.WitnessProofSystem()
        self.proved = 0
        self.verified = 0

    def name(self) -> str:
        return "counting-witness"

    def properties(self) -> V.ProofProperties:
        return V.ProofProperties(succinct=False, zero_knowledge=False, soundness="as witness")

    def prove(self, statement, witness) -> bytes:
        self.proved += 1
        assert witness.pre_state.state_root == statement.pre_root
        return self.inner.prove(statement, witness)

    def verify(self, statement, proof) -> bool:
        self.verified += 1
        return self.inner.verify(statement, proof)

    def verify_gas(self, statement, proof) -> int:
        return self.inner.verify_gas(statement, proof)


def test_a_python_proof_system_plugs_into_the_zk_rollup():
    ps = Counting()
    w = l2lab.World(seed=3)
    r = R.Rollup(w, R.RollupConfig(mode="zk", proof_system=ps, forced_window=4))
    assert isinstance(r, V.ZkRollup)
    user = w.new_account(balance=10 * ETH)
    r.deposit(user, KEYS[0].address, ETH)
    w.run(2)
    r.submit(r.transfer(KEYS[0], KEYS[1].address, 123, fee=1))
    w.run(3)
    assert r.status().proven == len(r.sequencer.node.batches) >= 2
    assert ps.proved >= 2 and ps.verified >= 2
    assert r.config_dict()["proof_system"] == "counting-witness"


class Refusing(Counting):
    def prove(self, statement, witness) -> bytes:
        err = V.ProofRefusedError("this prover refuses everything")
        err.failure = "witness_incomplete"
        raise err


def test_a_python_refusal_stalls_the_prover():
    w = l2lab.World(seed=3)
    r = R.Rollup(w, R.RollupConfig(mode="zk", proof_system=Refusing()))
    user = w.new_account(balance=10 * ETH)
    r.deposit(user, KEYS[0].address, ETH)
    w.run(3)
    assert r.status().proven == 0
    assert "witness_incomplete" in r.prover.stall_reason
