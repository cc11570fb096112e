"""The simulated base chain (L1): blocks every ``block_time`` seconds, accounts, signed
transactions, native contracts, Ethereum's gas schedule, EIP-1559 fees, EIP-4844/7691 blobs,
a mempool with pluggable inclusion policies, logs, snapshots.

Everything here is implemented in C++ (``l2lab._core.l1``); this module gives it stable names.

- ``Chain(config=None, seed=0)``: ``mint``, ``submit(tx)`` -> ``SubmitOutcome``,
  ``produce_block()`` / ``mine(n)``, ``receipt(tx_hash)``, ``lookup``, ``logs(address, topics,
  from_block=, to_block=)``, ``deploy(contract, deployer, args)``, ``view_call``,
  ``snapshot()`` / ``restore(snap)``, ``state_digest()``, ``blob(versioned_hash)``,
  ``withhold_blob``, ``execute_transfers`` or ``sign_transfers`` + ``submit_many`` + ``mine_until_empty`` (bulk).
- ``ChainConfig(**fields)``: defaults are Ethereum mainnet (Prague) values, each from its EIP.
- ``Transaction(to, value, data, *, nonce, gas_limit, max_fee_per_gas, ...)`` + ``tx.sign(key)``.
- ``Receipt`` (``status``: ``TxStatus.success | reverted | out_of_gas``), ``Log``, ``Block``,
  ``DroppedTx`` (``reason``: ``DropReason``).
- ``NativeContract``: subclass with ``call(ctx, data)``; ``ctx`` is a ``CallContext`` (metered
  ``sload``/``sstore``/``emit_log``/``transfer``/``keccak256``/``sha256``/``ecrecover``/
  ``blob_hash``/``call``/``revert``). Keep ALL persistent state in storage.
- Inclusion policies: ``HonestPolicy``, ``CensorPolicy(senders, max_blocks)``,
  ``DelayPolicy(delay_blocks)``, ``ReorderPolicy("random" | "reverse")``, or subclass
  ``InclusionPolicy``.
- ``gas``: the schedule constants (``gas.COLD_SLOAD`` ...) and formulas
  (``gas.intrinsic_gas``, ``gas.calldata_floor_gas``, ``gas.next_base_fee``,
  ``gas.fake_exponential``, ``gas.blob_base_fee``); ``gas_table()`` -> ``[(name, gas, source)]``.
- ``Blob(data)``: 131,072 bytes; its commitment is MODELLED as sha256(data) (no KZG here).
"""

from __future__ import annotations

from ._core.l1 import (
    Blob,
    Block,
    BlockContext,
    BlockHeader,
    CallContext,
    CallResult,
    CensorPolicy,
    Chain,
    ChainConfig,
    ChainSnapshot,
    DelayPolicy,
    DroppedTx,
    DropReason,
    HonestPolicy,
    InclusionPolicy,
    Log,
    NativeContract,
    OutOfGas,
    PendingTx,
    Receipt,
    ReorderPolicy,
    Revert,
    SubmitOutcome,
    Transaction,
    TransferBatchResult,
    TxLookup,
    TxStatus,
    effective_tip,
    gas,
    gas_table,
    versioned_hash_from_commitment,
)

__all__ = [
    "Blob",
    "Block",
    "BlockContext",
    "BlockHeader",
    "CallContext",
    "CallResult",
    "CensorPolicy",
    "Chain",
    "ChainConfig",
    "ChainSnapshot",
    "DelayPolicy",
    "DropReason",
    "DroppedTx",
    "HonestPolicy",
    "InclusionPolicy",
    "Log",
    "NativeContract",
    "OutOfGas",
    "PendingTx",
    "Receipt",
    "ReorderPolicy",
    "Revert",
    "SubmitOutcome",
    "Transaction",
    "TransferBatchResult",
    "TxLookup",
    "TxStatus",
    "effective_tip",
    "gas",
    "gas_table",
    "versioned_hash_from_commitment",
]
