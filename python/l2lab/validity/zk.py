"""The zk mode of the rollup: :class:`ZkRollup` (``Rollup(world, RollupConfig(mode="zk"))``).

The sequencer posts state diffs, a prover actor proves every batch with the configured
:class:`~l2lab.validity.ProofSystem`, and the L1 verifier contract checks each proof against a
statement it builds from L1 data before it makes the batch's root final in the inbox (finality
rule ``proven``). Withdrawals are claimable from the block after the proof.
"""

from __future__ import annotations

from typing import Any

from .._core.validity import (
    ProofJob,
    ProofSystem,
    ZkRollupConfig,
    RebuildCheck,
    batch_queue_range,
    check_rebuilt_roots,
    deploy_zk_rollup,
    make_proof_job,
    make_proof_system,
    state_after_batch,
    verifier_batch_root,
    verifier_root_batch,
    verifier_status,
)
from ..rollup import Derivation, L2State, Rollup, RollupConfig, inbox_finalize_withdrawal


def _proof_system(spec: Any) -> ProofSystem:
    if spec is None:
        return make_proof_system("witness")
    if isinstance(spec, str):
        return make_proof_system(spec)
    if isinstance(spec, ProofSystem):
        return spec
    raise TypeError(f"proof_system must be a name or a ProofSystem, not {type(spec).__name__}")


class ZkRollup(Rollup):
    """A rollup in zk mode on a World: inbox, verifier contract, diff-posting sequencer, prover.

    Everything of :class:`~l2lab.rollup.Rollup` works (deposits, forced txs, L2 txs, tables);
    ``verifier()`` rebuilds the state from the posted diffs alone. Extra: ``verifier_address``,
    ``prover``, ``proof_system``, ``status()``, ``proven_roots()``, ``check_rebuild()``,
    ``proof_table()``.
    """

    def __init__(self, world: Any, config: RollupConfig | None = None) -> None:
        if config is not None and not isinstance(config, RollupConfig):
            raise TypeError(f"config must be a RollupConfig, got {type(config).__name__}")
        c = config or RollupConfig(mode="zk")
        c.validate()
        if c.mode != "zk":
            raise ValueError(f"ZkRollup needs RollupConfig(mode='zk'), got mode={c.mode!r}")
        if c.finality_rule is not None:
            raise ValueError("a zk rollup's finality rule is 'proven'; finality_rule must be None")
        self.world = world
        self.config = c
        self.proof_system = _proof_system(c.proof_system)
        self.deployment = deploy_zk_rollup(world, ZkRollupConfig(
            chain_id=c.chain_id, codec=c.codec, level=c.level, da=c.da, ordering=c.ordering,
            forced_window=c.forced_window, max_batch_txs=c.max_batch_txs,
            max_batch_bytes=c.max_batch_bytes, post_every_blocks=c.post_every_blocks,
            max_wait_blocks=c.max_wait_blocks, max_delay_blocks=c.max_delay_blocks,
            max_decompressed=c.max_decompressed, sequencer_balance=c.sequencer_balance,
            proof_system=self.proof_system))
        d = self.deployment
        self.sequencer_account = d.sequencer_account
        self.prover_account = d.prover_account
        self.inbox = d.inbox
        self.verifier_address = d.verifier
        self.inbox_contract = None
        self.stf = d.stf
        self.derivation_config = d.derivation
        self.sequencer = d.sequencer
        self.prover = d.prover

    # ---- settlement ----
    def status(self) -> Any:
        """The verifier contract's progress (proven batches, last root, queue cursor, roots)."""
        return verifier_status(self.world.chain, self.verifier_address)

    def proven_roots(self) -> list[bytes]:
        """Post-root of every proven batch, in batch order."""
        n = self.status().proven
        return [bytes(verifier_batch_root(self.world.chain, self.verifier_address, i))
                for i in range(n)]

    def verifier(self) -> Derivation:
        """A fresh node that has applied every posted diff available on L1 (``state_diff``)."""
        d = Derivation(self.derivation_config)
        d.advance(self.world.chain)
        return d

    def check_rebuild(self, node: Derivation | None = None) -> RebuildCheck:
        """The node's rebuild check: the state a node rebuilt from the posted diffs (default: a
        fresh ``verifier()``) after each proven batch, as the proof system commits to it, against
        the root the verifier contract proved. The frames carry no root, so this L1-held root is
        what a node checks its rebuilt state against; ``.ok``, ``.checked``, ``.mismatch``."""
        return check_rebuilt_roots(node or self.verifier(), self.world.chain, self.verifier_address,
                                   self.proof_system)

    def proof_job(self, batch_index: int, node: Derivation | None = None) -> ProofJob:
        """What proving batch ``batch_index`` takes (statement, witness, submit_proof arguments),
        built from L1 data and the sequencer's posted txs exactly as the prover actor builds it,
        on the state after the previous batch. For scenarios that prove, tamper or forge by hand."""
        node = node or self.verifier()
        pre = L2State() if batch_index == 0 else state_after_batch(node, batch_index - 1)
        start = 0 if batch_index == 0 else batch_queue_range(node, batch_index - 1)[1]
        return make_proof_job(node, self.sequencer, pre, start, batch_index)

    def withdrawal_claim(self, sender: Any, nonce: int, root_index: int | None = None) -> bytes:
        """Calldata to finalise withdrawal (sender, nonce) against a registered root (default:
        the latest), with the proof system's proof under that root (``withdrawal_proof``: the
        Keccak state tree's, or the stark Keccak tree's). Raises StateError when the withdrawal
        is not under that root."""
        roots = self.roots()
        if not roots:
            from .._core import StateError

            raise StateError("no root is registered yet (no batch proven)")
        ri = len(roots) - 1 if root_index is None else root_index
        batch = verifier_root_batch(self.world.chain, self.verifier_address, ri)
        at = state_after_batch(self.verifier(), batch)
        w = at.withdrawal(sender, nonce)
        if w is None:
            from .._core import StateError

            raise StateError(f"withdrawal ({sender}, {nonce}) is not under root {ri}")
        return bytes(inbox_finalize_withdrawal(ri, w, self.proof_system.withdrawal_proof(at, sender, nonce)))

    def proof_table(self) -> dict[str, list[Any]]:
        """One row per proving attempt of the prover actor (columns; ``pandas.DataFrame``-ready):
        batch, proof bytes, modelled seconds, verify gas, L1 gas, blocks, accepted, failure."""
        cols: dict[str, list[Any]] = {k: [] for k in (
            "batch_index", "proof_bytes", "prove_seconds", "verify_gas", "l1_gas_used",
            "started_block", "ready_block", "included_block", "accepted", "failure")}
        for r in self.prover.records:
            for k in cols:
                cols[k].append(getattr(r, k))
        return cols

    def config_dict(self) -> dict[str, Any]:
        d = super().config_dict()
        d["proof_system"] = self.proof_system.name()
        return d

    def __repr__(self) -> str:
        return (f"ZkRollup(inbox={self.inbox}, verifier={self.verifier_address}, "
                f"proof_system={self.proof_system.name()!r}, da={self.config.da})")


__all__ = ["ZkRollup"]
