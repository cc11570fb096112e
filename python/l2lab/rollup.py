"""Rollup: L2 state, steppable STF, batches, inbox/bridge contract, sequencer and verifier.

The protocol runs in C++ (``l2lab._core.rollup``); this module re-exports it and adds a
deployment helper, :class:`Rollup`, configured by :class:`RollupConfig`, plus DataFrame-ready
records of metrics.

>>> import l2lab
>>> from l2lab.rollup import Rollup, RollupConfig
>>> w = l2lab.World(seed=1)
>>> r = Rollup(w, RollupConfig(codec="brotli", da="blob"))
>>> alice = w.new_account(balance=10**19)
>>> r.deposit(alice, alice.address, 10**18)          # doctest: +SKIP
>>> w.run(3); r.balance(alice.address)               # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from ._core import InvalidArgumentError, StateError
from ._core.l1 import gas as _gas
from ._core.rollup import (
    DEFAULT_MAX_DECOMPRESSED,
    AccountChange,
    Batch,
    BatchMetrics,
    BatchResult,
    Deposit,
    Derivation,
    DerivationConfig,
    DerivedBatch,
    DiffWithdrawal,
    FinalityRule,
    InboxContract,
    IndexedChange,
    L2Account,
    L2Checkpoint,
    L2State,
    L2Tx,
    NewAccountChange,
    ProposedRoot,
    QueueItem,
    Sequencer,
    SequencerConfig,
    StepOutcome,
    StepReceipt,
    StateDiff,
    StepWitness,
    StfConfig,
    TrafficConfig,
    TrafficGenerator,
    TrafficItem,
    TrafficSubmitted,
    TrustedFinality,
    TxKind,
    TxRecord,
    UndecodableOp,
    VerifiedStep,
    WithdrawalRecord,
    WitnessAccount,
    account_change,
    account_count_key,
    account_index_key,
    account_key,
    account_leaf,
    apply_batch,
    apply_change,
    apportion,
    batch_metrics_table,
    apply_op,
    apply_state_diff,
    blob_payload,
    compress,
    decode_batch,
    decode_op,
    decompress,
    encode_batch,
    encode_batch_payload,
    encode_op,
    inbox_append_batch,
    inbox_append_blob_batch,
    inbox_batch_count,
    inbox_deposit,
    inbox_finalize_withdrawal,
    inbox_force_tx,
    inbox_propose_root,
    inbox_queue_count,
    inbox_root,
    inbox_root_count,
    inbox_withdrawal_finalized,
    make_state_diff,
    op_hash,
    queue_metrics_table,
    receipts_table,
    register_accounts,
    registry_leaf,
    submit_traffic,
    tx_metrics_table,
    verify_step,
    withdrawal_key,
    withdrawal_leaf,
)

ETH = 10**18


@dataclass(frozen=True)
class RollupConfig:
    """How a rollup is deployed. Windows are in L1 blocks; fees and balances in wei."""

    chain_id: int = 901
    codec: str = "zstd"  # none | zstd | brotli
    level: int = 3
    da: str = "calldata"  # calldata | blob
    ordering: str = "fifo"  # fifo | fee | adversarial
    forced_window: int = 10  # W
    finality_blocks: int = 10  # `trusted` finality N
    max_batch_txs: int = 1000
    max_batch_bytes: int = 120_000
    post_every_blocks: int = 1
    propose_every_blocks: int = 1
    sequencer_balance: int = 1000 * ETH
    max_decompressed: int = DEFAULT_MAX_DECOMPRESSED
    max_wait_blocks: int = 64  # mempool eviction of txs that stay unincludable (0 = never)
    # hold a non-full batch until its oldest tx has waited this many L1 blocks (0 = off)
    max_delay_blocks: int = 0
    # wei per blob gas the sequencer offers for blob batches (EIP-4844 max_fee_per_blob_gas); a
    # batch priced below the blob base fee waits in the L1 mempool, and the sequencer with it
    max_fee_per_blob_gas: int = 10**9
    # A FinalityRule object (e.g. a Python subclass) replacing `trusted` finality_blocks.
    finality_rule: Any = None
    # "optimistic" (tx batches, roots final after `finality_rule`) or "zk" (state-diff batches,
    # roots final when their validity proof is verified on L1: l2lab.validity.ZkRollup).
    mode: str = "optimistic"
    # zk mode: a proof-system name ("witness", "modelled") or a l2lab.validity.ProofSystem.
    proof_system: Any = None

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check every field, as construction does: TypeError for a value of the wrong type,
        l2lab.InvalidArgumentError (a ValueError) for one out of range, each naming the field.
        ``Rollup`` calls it again before touching the World."""
        for name in ("chain_id", "forced_window", "finality_blocks", "propose_every_blocks",
                     "max_wait_blocks", "max_delay_blocks"):
            _check_int(self, name, 0, _U64)
        for name in ("max_batch_txs", "max_batch_bytes", "post_every_blocks", "max_decompressed"):
            _check_int(self, name, 1, _U64)
        for name in ("sequencer_balance", "max_fee_per_blob_gas"):
            _check_int(self, name, 0, _U256)
        _check_choice(self, "codec", ("none", "zstd", "brotli"))
        _check_choice(self, "da", ("calldata", "blob"))
        _check_choice(self, "ordering", ("fifo", "fee", "adversarial"))
        _check_int(self, "level", -(2**31), 2**31 - 1)
        try:  # the codec's own range (zstd 1..22, brotli 0..11), from the C++ compressor
            compress(self.codec, b"", self.level)
        except ValueError as exc:
            raise InvalidArgumentError(f"RollupConfig.level: {exc} (got {self.level})") from None
        if self.da == "blob" and self.max_batch_bytes > BLOB_MAX_BATCH_BYTES:
            raise InvalidArgumentError(
                f"RollupConfig.max_batch_bytes: at most {BLOB_MAX_BATCH_BYTES:,} for blob batches "
                f"(a batch and its compression overhead must fit one blob), got "
                f"{self.max_batch_bytes:,}")
        _check_choice(self, "mode", ("optimistic", "zk"))
        if self.mode != "zk" and self.proof_system is not None:
            raise InvalidArgumentError("RollupConfig.proof_system applies to mode='zk' only")
        if self.finality_rule is not None and not isinstance(self.finality_rule, FinalityRule):
            raise TypeError(f"RollupConfig.finality_rule must be a FinalityRule or None, got "
                            f"{type(self.finality_rule).__name__}")


_U64 = 2**64 - 1
_U256 = 2**256 - 1
#: Largest max_batch_bytes for blob batches: the frame (the txs plus up to 1 KiB of compression
#: overhead) and its 4-byte length prefix fit one 131,072-byte blob (the Sequencer's own rule).
BLOB_MAX_BATCH_BYTES = _gas.BYTES_PER_BLOB - 4 - 1024


def _check_int(config: RollupConfig, name: str, lo: int, hi: int) -> None:
    value = getattr(config, name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"RollupConfig.{name} must be an int, got {type(value).__name__}")
    if not lo <= value <= hi:
        raise InvalidArgumentError(f"RollupConfig.{name} must be in {lo}..{hi}, got {value}")


def _check_choice(config: RollupConfig, name: str, choices: tuple[str, ...]) -> None:
    value = getattr(config, name)
    if not isinstance(value, str):
        raise TypeError(f"RollupConfig.{name} must be a str, got {type(value).__name__}")
    if value not in choices:
        raise InvalidArgumentError(f"RollupConfig.{name} must be one of {', '.join(choices)}; "
                                   f"got {value!r}")


class Rollup:
    """A rollup deployed on a World: inbox contract, sequencer actor (also the proposer).

    ``deposit``/``force_tx`` go through L1; ``submit``/``submit_many`` go to the sequencer's
    mempool. ``verifier()`` is an independent derivation node built from L1 data alone.
    """

    def __new__(cls, world: Any, config: RollupConfig | None = None) -> Rollup:
        if cls is Rollup and isinstance(config, RollupConfig) and config.mode == "zk":
            from .validity.zk import ZkRollup  # the zk mode (validity area)

            return super().__new__(ZkRollup)
        return super().__new__(cls)

    def __init__(self, world: Any, config: RollupConfig | None = None) -> None:
        if config is not None and not isinstance(config, RollupConfig):
            raise TypeError(f"config must be a RollupConfig, got {type(config).__name__}")
        c = config or RollupConfig()
        c.validate()  # before anything reaches the World: a bad config leaves nothing behind
        self.world = world
        self.config = c
        self.sequencer_account = world.new_account(balance=c.sequencer_balance)
        addr = self.sequencer_account.address
        contract = (InboxContract(addr, addr, c.finality_blocks) if c.finality_rule is None
                    else InboxContract(addr, addr, finality=c.finality_rule))
        self.inbox_contract = contract
        self.inbox = world.chain.deploy(contract, addr)
        self.stf = StfConfig(chain_id=c.chain_id, fee_recipient=addr)
        self.derivation_config = DerivationConfig(
            self.inbox, self.stf, forced_window=c.forced_window, max_decompressed=c.max_decompressed
        )
        self.sequencer = Sequencer(
            self.sequencer_account,
            SequencerConfig(
                self.derivation_config,
                codec=c.codec,
                level=c.level,
                da=c.da,
                ordering=c.ordering,
                max_batch_txs=c.max_batch_txs,
                max_batch_bytes=c.max_batch_bytes,
                post_every_blocks=c.post_every_blocks,
                propose_every_blocks=c.propose_every_blocks,
                max_wait_blocks=c.max_wait_blocks,
                max_delay_blocks=c.max_delay_blocks,
                max_fee_per_blob_gas=c.max_fee_per_blob_gas,
            ),
        )
        world.add_actor(self.sequencer)

    # ---- L1 entry points ----
    def deposit(self, account: Any, l2_recipient: Any, amount: int) -> Any:
        """Lock ``amount`` wei in the inbox for ``l2_recipient``; the L1 SubmitOutcome."""
        return self.world.call(account, self.inbox, inbox_deposit(l2_recipient), amount)

    def force_tx(self, account: Any, tx: L2Tx | bytes) -> Any:
        """Submit an L2 tx (or raw bytes) to the inbox's forced-inclusion queue."""
        data = tx.encode() if isinstance(tx, L2Tx) else bytes(tx)
        return self.world.call(account, self.inbox, inbox_force_tx(data))

    # ---- L2 entry points ----
    def transfer(self, key: Any, to: Any, value: int, fee: int = 0, *, nonce: int | None = None,
                 kind: TxKind = TxKind.TRANSFER) -> L2Tx:
        """Build and sign an L2 tx from ``key`` (nonce from the sequencer's view by default)."""
        n = self.sequencer.node.state.nonce(key.address) if nonce is None else nonce
        tx = L2Tx(kind=kind, chain_id=self.config.chain_id, nonce=n, fee=fee, to=to, value=value)
        tx.sign(key)
        return tx

    def submit(self, tx: L2Tx) -> bool:
        return bool(self.sequencer.submit(tx, self.world.block_number))

    def submit_many(self, txs: list[L2Tx]) -> int:
        return int(self.sequencer.submit_many(txs, self.world.block_number))

    def submit_traffic(self, items: list[TrafficItem], payer: Any) -> TrafficSubmitted:
        """Route generated traffic (``TrafficGenerator.next_mix``) in one C++ call: L2 txs to the
        sequencer, deposits and forced txs as L1 txs from ``payer`` (who pays deposits and gas)."""
        return submit_traffic(self.world, self.sequencer, self.inbox, payer, items)

    # ---- reading ----
    @property
    def state(self) -> L2State:
        """The sequencer's derived (safe) L2 state."""
        return self.sequencer.node.state

    def balance(self, address: Any) -> int:
        return int(self.state.balance(address))

    def nonce(self, address: Any) -> int:
        return int(self.state.nonce(address))

    @property
    def state_root(self) -> bytes:
        return bytes(self.state.state_root)

    def verifier(self) -> Derivation:
        """The rollup's verifier node: derived from L1 data alone, up to the chain's head (or to
        where it stalls on unavailable data). One node serves every call and is advanced
        incrementally, so a long run pays only for its new blocks; it is rebuilt from genesis
        when the chain no longer holds the last block it derived (a World restored to an earlier
        snapshot). Read it, do not change it (``load_state``, ``advance`` on another chain); for
        a node of your own: ``Derivation(rollup.derivation_config)`` and ``advance(chain)``."""
        chain = self.world.chain
        node = getattr(self, "_node", None)
        tip = getattr(self, "_node_tip", (0, b""))
        if node is None or tip[0] > chain.block_number or bytes(chain.block(tip[0]).hash) != tip[1]:
            node = Derivation(self.derivation_config)
            self._node = node
            self._claim_state: L2State | None = None  # state after _claim_steps of node's ops
            self._claim_steps = 0
        node.advance(chain)
        self._node_tip = (node.derived_block, bytes(chain.block(node.derived_block).hash))
        return node

    def _state_at(self, l1_block: int) -> L2State:
        """The verifier's L2 state after L1 block ``l1_block`` (what a root proposed for that
        block commits to), kept between calls and moved forward by applying only the ops derived
        since (from genesis again for an earlier block). Equal to ``verifier().state_at(...)``,
        which replays the whole history each time. Internal: do not modify the result."""
        node = self.verifier()
        n = node.steps_after(l1_block)
        if self._claim_state is None or self._claim_steps > n:
            self._claim_state, self._claim_steps = L2State(), 0
        if n > self._claim_steps:
            apply_batch(self._claim_state, self.derivation_config.stf,
                        node.ops_slice(self._claim_steps, n))
            self._claim_steps = n
        return self._claim_state

    def roots(self) -> list[ProposedRoot]:
        n = inbox_root_count(self.world.chain, self.inbox)
        return [inbox_root(self.world.chain, self.inbox, i) for i in range(n)]

    def withdrawal_claim(self, sender: Any, nonce: int, root_index: int | None = None) -> bytes:
        """Calldata to finalise withdrawal (sender, nonce) against a proposed root (default: the
        latest). Raises StateError when no root is proposed yet or the withdrawal is not in the
        state at that root, InvalidArgumentError when ``root_index`` is not a proposed root's."""
        roots = self.roots()
        if not roots:
            raise StateError("withdrawal_claim: no state root has been proposed yet (the "
                             "sequencer proposes every propose_every_blocks L1 blocks)")
        ri = len(roots) - 1 if root_index is None else root_index
        if isinstance(ri, bool) or not isinstance(ri, int):
            raise TypeError(f"root_index must be an int, got {type(ri).__name__}")
        if not 0 <= ri < len(roots):
            raise InvalidArgumentError(f"root_index {ri} is out of range: {len(roots)} root(s) "
                                       f"proposed, indices 0..{len(roots) - 1}")
        at = self._state_at(roots[ri].l1_block)
        w = at.withdrawal(sender, nonce)
        if w is None:
            raise StateError(f"withdrawal ({sender}, {nonce}) is not under root {ri}")
        return bytes(inbox_finalize_withdrawal(ri, w, at.prove_withdrawal(sender, nonce)))

    # ---- metrics: columns (dict of equal-length lists; ``pandas.DataFrame(table)``) ----
    def batch_table(self) -> dict[str, list[Any]]:
        """One row per posted batch: raw/compressed bytes, compression ratio, calldata and blob
        pricing (gas and wei, both computed for every batch), actual L1 gas/fee, latency in L1
        blocks and seconds, root check. Built in C++ (see ``metrics.hpp`` for the rules)."""
        return dict(batch_metrics_table(self.sequencer, self.world.chain))

    def tx_table(self) -> dict[str, list[Any]]:
        """One row per L2 tx submitted to the sequencer: its attributed share of its batch
        (compressed bytes by raw size; data gas/fees by compressed bytes plus an equal share of
        the fixed 21000 + execution overhead; shares sum exactly to the batch totals), inclusion
        latency, drop reason."""
        return dict(tx_metrics_table(self.sequencer, self.world.chain))

    def queue_table(self, node: Derivation | None = None) -> dict[str, list[Any]]:
        """One row per L1 queue item (deposit, forced tx): L1-to-L2 latency, forced or not,
        outcome. ``node`` defaults to the sequencer's own derivation node."""
        return dict(queue_metrics_table(node or self.sequencer.node, self.world.chain))

    def receipts_table(self, node: Derivation | None = None) -> dict[str, list[Any]]:
        """One row per STF step: kind, op_hash, applied, skip reason, sender, post-root."""
        return dict(receipts_table(node or self.sequencer.node))

    def batch_records(self) -> list[dict[str, Any]]:
        """``batch_table()`` as one dict per batch."""
        return _rows(self.batch_table())

    def tx_records(self) -> list[dict[str, Any]]:
        """``tx_table()`` as one dict per tx (``tx_hash`` as hex)."""
        t = self.tx_table()
        t["tx_hash"] = [h.hex() for h in t["tx_hash"]]
        return _rows(t)

    def config_dict(self) -> dict[str, Any]:
        rule = self.config.finality_rule
        d = asdict(replace(self.config, finality_rule=None, proof_system=None))
        d["finality_rule"] = None if rule is None else rule.name()
        return d

    def __repr__(self) -> str:
        return f"Rollup(inbox={self.inbox}, codec={self.config.codec}, da={self.config.da})"


def _rows(table: dict[str, list[Any]]) -> list[dict[str, Any]]:
    keys = list(table)
    return [dict(zip(keys, vals)) for vals in zip(*table.values())]


__all__ = [
    "BLOB_MAX_BATCH_BYTES", "DEFAULT_MAX_DECOMPRESSED", "ETH", "Batch", "BatchMetrics", "BatchResult", "Deposit",
    "Derivation", "DerivationConfig", "DerivedBatch", "FinalityRule", "InboxContract", "L2Account", "L2Checkpoint",
    "L2State", "L2Tx", "ProposedRoot", "QueueItem", "Rollup", "RollupConfig", "Sequencer",
    "SequencerConfig", "StateDiff", "StepOutcome", "StepReceipt", "StepWitness", "StfConfig", "TrafficConfig",
    "TrafficGenerator", "TrafficItem", "TrafficSubmitted", "TrustedFinality", "TxKind", "TxRecord", "UndecodableOp", "VerifiedStep", "WithdrawalRecord",
    "WitnessAccount", "account_key", "account_leaf", "apply_batch", "apply_op", "apportion", "batch_metrics_table", "apply_state_diff", "blob_payload",
    "compress", "decode_batch", "decode_op", "decompress", "encode_batch", "encode_batch_payload",
    "encode_op", "inbox_append_batch", "inbox_append_blob_batch", "inbox_batch_count",
    "inbox_deposit", "inbox_finalize_withdrawal", "inbox_force_tx", "inbox_propose_root",
    "inbox_queue_count", "inbox_root", "inbox_root_count", "inbox_withdrawal_finalized", "make_state_diff", "op_hash",
    "queue_metrics_table", "receipts_table", "submit_traffic", "tx_metrics_table",
    "verify_step", "withdrawal_key", "withdrawal_leaf",
    # account registry and state-diff format (zk mode)
    "AccountChange", "DiffWithdrawal", "IndexedChange", "NewAccountChange", "account_change",
    "account_count_key", "account_index_key", "apply_change", "register_accounts", "registry_leaf",
]
