"""
the simulated base chain
"""
from __future__ import annotations
import collections.abc
import l2lab._core.core
import l2lab._core.crypto
from l2lab.l1 import OutOfGas
from l2lab.l1 import Revert
import typing
from . import gas
__all__: list = ['TxStatus', 'DropReason', 'Log', 'Receipt', 'DroppedTx', 'SubmitOutcome', 'TxLookup', 'CallResult', 'BlockHeader', 'Block', 'Blob', 'versioned_hash_from_commitment', 'Transaction', 'PendingTx', 'BlockContext', 'effective_tip', 'InclusionPolicy', 'HonestPolicy', 'CensorPolicy', 'DelayPolicy', 'ReorderPolicy', 'Revert', 'OutOfGas', 'CallContext', 'NativeContract', 'ChainConfig', 'ChainSnapshot', 'TransferBatchResult', 'Chain', 'gas', 'gas_table']
class TxStatus:
    """
    How an included transaction ended.
    
    Members:
    
      success
    
      reverted
    
      out_of_gas
    """
    __members__: typing.ClassVar[dict[str, TxStatus]]
    out_of_gas: typing.ClassVar[TxStatus]
    reverted: typing.ClassVar[TxStatus]
    success: typing.ClassVar[TxStatus]
    @typing.overload
    def __eq__(self, other: TxStatus) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: TxStatus) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class DropReason:
    """
    Why a transaction was dropped, never included.
    
    Members:
    
      invalid_signature
    
      wrong_chain_id
    
      nonce_too_low
    
      insufficient_funds
    
      intrinsic_gas_too_low
    
      gas_limit_above_block
    
      tip_above_fee_cap
    
      fee_cap_below_base_fee
    
      blobs_disabled
    
      blob_count_invalid
    
      blob_sidecar_mismatch
    
      blob_version_invalid
    
      blob_fee_cap_too_low
    
      duplicate_transaction
    
      replaced_by_policy
    """
    __members__: typing.ClassVar[dict[str, DropReason]]
    blob_count_invalid: typing.ClassVar[DropReason]
    blob_fee_cap_too_low: typing.ClassVar[DropReason]
    blob_sidecar_mismatch: typing.ClassVar[DropReason]
    blob_version_invalid: typing.ClassVar[DropReason]
    blobs_disabled: typing.ClassVar[DropReason]
    duplicate_transaction: typing.ClassVar[DropReason]
    fee_cap_below_base_fee: typing.ClassVar[DropReason]
    gas_limit_above_block: typing.ClassVar[DropReason]
    insufficient_funds: typing.ClassVar[DropReason]
    intrinsic_gas_too_low: typing.ClassVar[DropReason]
    invalid_signature: typing.ClassVar[DropReason]
    nonce_too_low: typing.ClassVar[DropReason]
    replaced_by_policy: typing.ClassVar[DropReason]
    tip_above_fee_cap: typing.ClassVar[DropReason]
    wrong_chain_id: typing.ClassVar[DropReason]
    @typing.overload
    def __eq__(self, other: DropReason) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: DropReason) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Log:
    """
    An event emitted by a contract.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Log) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def address(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def block_number(self) -> int:
        ...
    @property
    def data(self) -> bytes:
        ...
    @property
    def log_index(self) -> int:
        """
        index of the log within its block
        """
    @property
    def topics(self) -> list[bytes]:
        """
        list of 32-byte topics (0..4)
        """
    @property
    def tx_hash(self) -> bytes:
        ...
    @property
    def tx_index(self) -> int:
        ...
class Receipt:
    """
    Result of an included transaction. Gas in gas units, fees in wei.
    """
    def __repr__(self) -> str:
        ...
    @property
    def blob_gas_price(self) -> int:
        """
        wei per blob gas
        """
    @property
    def blob_gas_used(self) -> int:
        ...
    @property
    def block_number(self) -> int:
        ...
    @property
    def effective_gas_price(self) -> int:
        """
        wei per gas
        """
    @property
    def fee_burned(self) -> int:
        """
        wei
        """
    @property
    def gas_refunded(self) -> int:
        """
        EIP-3529 refund (already subtracted)
        """
    @property
    def gas_used(self) -> int:
        """
        after refund and EIP-7623 floor
        """
    @property
    def logs(self) -> list[Log]:
        ...
    @property
    def priority_fee_paid(self) -> int:
        """
        wei, to the coinbase
        """
    @property
    def return_data(self) -> bytes:
        ...
    @property
    def revert_reason(self) -> str:
        ...
    @property
    def sender(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def status(self) -> TxStatus:
        ...
    @property
    def success(self) -> bool:
        ...
    @property
    def to(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def tx_hash(self) -> bytes:
        ...
    @property
    def tx_index(self) -> int:
        ...
class DroppedTx:
    """
    A transaction refused without inclusion (a `dropped` event).
    """
    def __repr__(self) -> str:
        ...
    @property
    def block_number(self) -> int:
        ...
    @property
    def detail(self) -> str:
        ...
    @property
    def reason(self) -> DropReason:
        ...
    @property
    def sender(self) -> l2lab._core.crypto.Address | None:
        """
        None when the signature did not recover
        """
    @property
    def tx_hash(self) -> bytes:
        ...
class SubmitOutcome:
    """
    Answer of Chain.submit: accepted, or dropped with a reason.
    """
    def __bool__(self) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def accepted(self) -> bool:
        ...
    @property
    def detail(self) -> str:
        ...
    @property
    def reason(self) -> DropReason | None:
        """
        DropReason or None
        """
    @property
    def tx_hash(self) -> bytes:
        ...
class TxLookup:
    """
    Where a transaction is: status 'unknown', 'pending', 'included' or 'dropped'.
    """
    def __repr__(self) -> str:
        ...
    @property
    def dropped(self) -> DroppedTx | None:
        ...
    @property
    def receipt(self) -> Receipt | None:
        ...
    @property
    def status(self) -> str:
        ...
class CallResult:
    """
    Outcome of a view call or nested call.
    """
    def __repr__(self) -> str:
        ...
    @property
    def return_data(self) -> bytes:
        ...
    @property
    def revert_reason(self) -> str:
        ...
    @property
    def status(self) -> TxStatus:
        ...
    @property
    def success(self) -> bool:
        ...
class BlockHeader:
    """
    Block header; hash() = keccak256(encode()).
    """
    def encode(self) -> bytes:
        ...
    def hash(self) -> bytes:
        ...
    @property
    def base_fee_per_gas(self) -> int:
        ...
    @property
    def blob_gas_used(self) -> int:
        ...
    @property
    def coinbase(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def excess_blob_gas(self) -> int:
        ...
    @property
    def gas_limit(self) -> int:
        ...
    @property
    def gas_used(self) -> int:
        ...
    @property
    def number(self) -> int:
        ...
    @property
    def parent_hash(self) -> bytes:
        ...
    @property
    def receipts_root(self) -> bytes:
        ...
    @property
    def state_digest(self) -> bytes:
        ...
    @property
    def timestamp(self) -> int:
        """
        seconds
        """
    @property
    def tx_hashes(self) -> list[bytes]:
        ...
class Block:
    """
    A produced block (immutable).
    """
    def __repr__(self) -> str:
        ...
    @property
    def blob_base_fee(self) -> int:
        """
        wei per blob gas
        """
    @property
    def dropped(self) -> list[DroppedTx]:
        """
        DroppedTx events reported in this block
        """
    @property
    def hash(self) -> bytes:
        ...
    @property
    def header(self) -> BlockHeader:
        ...
    @property
    def number(self) -> int:
        ...
    @property
    def receipts(self) -> list[Receipt]:
        ...
    @property
    def timestamp(self) -> int:
        ...
    @property
    def transactions(self) -> list[...]:
        ...
class Blob:
    """
    An EIP-4844 blob of exactly 131,072 bytes. The commitment is MODELLED as sha256(data) (no KZG); versioned_hash = 0x01 || sha256(commitment)[1:].
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Blob) -> bool:
        ...
    def __init__(self, data: bytes) -> None:
        """
        Blob holding data zero-padded to 131,072 bytes; InvalidArgumentError if longer.
        """
    def __repr__(self) -> str:
        ...
    @property
    def data(self) -> bytes:
        ...
    @property
    def modelled_commitment(self) -> bytes:
        ...
    @property
    def versioned_hash(self) -> bytes:
        ...
class Transaction:
    """
    An L1 transaction. Fees in wei per gas; value in wei. Sign with tx.sign(private_key); the chain recovers the sender. Fields left 0 are filled by World.submit.
    """
    data: bytes
    max_fee_per_blob_gas: int
    max_fee_per_gas: int
    max_priority_fee_per_gas: int
    signature: l2lab._core.crypto.Signature
    value: int
    @staticmethod
    def decode(data: bytes) -> Transaction:
        """
        Strict inverse of encode(); DecodeError on anything else.
        """
    def __init__(self, to: typing.Any = None, value: int = 0, data: bytes = b'', *, nonce: typing.SupportsInt | typing.SupportsIndex = 0, gas_limit: typing.SupportsInt | typing.SupportsIndex = 0, max_fee_per_gas: int = 0, max_priority_fee_per_gas: int = 0, chain_id: typing.SupportsInt | typing.SupportsIndex = 0, max_fee_per_blob_gas: int = 0, blob_versioned_hashes: collections.abc.Sequence[bytes] = [], blobs: collections.abc.Sequence[Blob] = []) -> None:
        """
        Transaction(to, value=0, data=b'', *, nonce, gas_limit, max_fee_per_gas, max_priority_fee_per_gas, chain_id, max_fee_per_blob_gas, blob_versioned_hashes, blobs). With blobs and no hashes, the hashes are taken from the blobs.
        """
    def __repr__(self) -> str:
        ...
    def encode(self) -> bytes:
        """
        Canonical RLP of the signed transaction (no sidecar).
        """
    def hash(self) -> bytes:
        """
        keccak256(encode()).
        """
    def recover_sender(self) -> l2lab._core.crypto.Address | None:
        """
        Sender Address, or None.
        """
    def sign(self, key: l2lab._core.crypto.PrivateKey) -> None:
        """
        Sign with a PrivateKey (overwrites signature).
        """
    def signing_hash(self) -> bytes:
        ...
    @property
    def blob_gas(self) -> int:
        ...
    @property
    def blob_versioned_hashes(self) -> list[bytes]:
        ...
    @blob_versioned_hashes.setter
    def blob_versioned_hashes(self, arg0: collections.abc.Sequence[bytes]) -> None:
        ...
    @property
    def blobs(self) -> list[Blob]:
        """
        sidecar (not signed, not encoded)
        """
    @blobs.setter
    def blobs(self, arg0: collections.abc.Sequence[Blob]) -> None:
        ...
    @property
    def chain_id(self) -> int:
        ...
    @chain_id.setter
    def chain_id(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def gas_limit(self) -> int:
        ...
    @gas_limit.setter
    def gas_limit(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def is_blob_tx(self) -> bool:
        ...
    @property
    def nonce(self) -> int:
        ...
    @nonce.setter
    def nonce(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def to(self) -> l2lab._core.crypto.Address:
        ...
    @to.setter
    def to(self, arg1: typing.Any) -> None:
        ...
class PendingTx:
    """
    A transaction waiting in the mempool.
    """
    def __repr__(self) -> str:
        ...
    @property
    def arrival_block(self) -> int:
        """
        first block that could include it
        """
    @property
    def arrival_seq(self) -> int:
        ...
    @property
    def sender(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def tx(self) -> Transaction:
        ...
    @property
    def tx_hash(self) -> bytes:
        ...
class BlockContext:
    """
    The block an inclusion policy orders for.
    """
    @property
    def base_fee(self) -> int:
        ...
    @property
    def blob_base_fee(self) -> int:
        ...
    @property
    def block_number(self) -> int:
        ...
    @property
    def timestamp(self) -> int:
        ...
class InclusionPolicy:
    """
    Decides which pending transactions the next block tries, in which order. Subclass it in Python and define order(block, pending, rng) -> list of indices into pending (left-out ones stay pending) and optionally describe(). Must be deterministic: draw randomness only from rng.
    """
    def __init__(self) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def describe(self) -> str:
        ...
    def order(self, block: BlockContext, pending: collections.abc.Sequence[PendingTx], rng: l2lab._core.core.Rng) -> list[int]:
        ...
class HonestPolicy(InclusionPolicy):
    """
    By effective tip (highest first), then arrival.
    """
    def __init__(self) -> None:
        ...
class CensorPolicy(InclusionPolicy):
    """
    Leaves out the listed senders' transactions for at most max_blocks blocks after arrival, then orders them with `inner` (default honest).
    """
    def __init__(self, senders: collections.abc.Iterable, max_blocks: typing.SupportsInt | typing.SupportsIndex, inner: InclusionPolicy = None) -> None:
        ...
    @property
    def max_blocks(self) -> int:
        ...
    @property
    def senders(self) -> list[l2lab._core.crypto.Address]:
        ...
class DelayPolicy(InclusionPolicy):
    """
    Every transaction waits delay_blocks blocks after arrival.
    """
    def __init__(self, delay_blocks: typing.SupportsInt | typing.SupportsIndex, inner: InclusionPolicy = None) -> None:
        ...
    @property
    def delay_blocks(self) -> int:
        ...
class ReorderPolicy(InclusionPolicy):
    """
    mode='random' (seeded permutation) or 'reverse' (honest order reversed).
    """
    def __init__(self, mode: str = 'random') -> None:
        ...
class CallContext:
    """
    What a contract sees while it runs; valid only during that call. Every method charges Ethereum's gas for the equivalent operation. Storage keys: 32 bytes or an int.
    """
    def balance_of(self, address: typing.Any) -> int:
        ...
    def blob_hash(self, index: typing.SupportsInt | typing.SupportsIndex) -> bytes:
        """
        BLOBHASH (3 gas); zero hash when out of range.
        """
    def call(self, to: typing.Any, data: bytes = b'', value: int = 0) -> CallResult:
        """
        Nested call; a callee revert is reported in the CallResult.
        """
    def charge(self, gas: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Charge contract-specific gas.
        """
    def ecrecover(self, digest: bytes, signature: bytes) -> l2lab._core.crypto.Address | None:
        """
        3000 gas; the signer Address or None.
        """
    def emit_log(self, topics: typing.Any, data: bytes = b'') -> None:
        """
        375 + 375/topic + 8/byte; at most 4 topics.
        """
    def keccak256(self, data: bytes) -> bytes:
        ...
    def revert(self, reason: str = '') -> None:
        """
        Raise Revert(reason).
        """
    def self_balance(self) -> int:
        ...
    def sha256(self, data: bytes) -> bytes:
        ...
    def sload(self, key: typing.Any) -> int:
        """
        Read a slot: 2100 cold / 100 warm (EIP-2929).
        """
    def sstore(self, key: typing.Any, value: int) -> None:
        """
        Write a slot (EIP-2200/2929/3529 metering).
        """
    def transfer(self, to: typing.Any, amount: int) -> None:
        """
        Send wei from this contract (9000 + access, +25000 to an empty account).
        """
    @property
    def blob_count(self) -> int:
        ...
    @property
    def block_number(self) -> int:
        ...
    @property
    def caller(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def chain_id(self) -> int:
        ...
    @property
    def depth(self) -> int:
        ...
    @property
    def gas_left(self) -> int:
        ...
    @property
    def origin(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def self_address(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def timestamp(self) -> int:
        ...
    @property
    def value(self) -> int:
        """
        wei sent with the call
        """
class NativeContract:
    """
    Base class of contracts. Subclass it and define call(ctx, data) -> bytes | None (optionally construct(ctx, args) and name()). RULE: keep ALL persistent state in storage (ctx.sload/ctx.sstore) and balance, never in Python attributes: revert, snapshot/restore and the state digest only see storage.
    """
    def __init__(self) -> None:
        ...
    def name(self) -> str:
        ...
class ChainConfig:
    """
    Chain parameters; defaults are Ethereum mainnet (Prague) values.
    """
    blobs: bool
    drop_underpriced: bool
    eip1559: bool
    eip7623: bool
    min_base_fee_per_blob_gas: int
    def __init__(self, **kwargs) -> None:
        """
        ChainConfig(**fields): any field below by keyword.
        """
    def __repr__(self) -> str:
        ...
    def validate(self) -> None:
        """
        InvalidArgumentError naming a bad field.
        """
    @property
    def base_fee_max_change_denominator(self) -> int:
        ...
    @base_fee_max_change_denominator.setter
    def base_fee_max_change_denominator(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def blob_base_fee_update_fraction(self) -> int:
        ...
    @blob_base_fee_update_fraction.setter
    def blob_base_fee_update_fraction(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def blob_retention_blocks(self) -> int:
        ...
    @blob_retention_blocks.setter
    def blob_retention_blocks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def block_gas_limit(self) -> int:
        """
        30,000,000
        """
    @block_gas_limit.setter
    def block_gas_limit(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def block_time(self) -> int:
        """
        seconds (12)
        """
    @block_time.setter
    def block_time(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def calldata_floor_per_token(self) -> int:
        ...
    @calldata_floor_per_token.setter
    def calldata_floor_per_token(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def chain_id(self) -> int:
        ...
    @chain_id.setter
    def chain_id(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def coinbase(self) -> l2lab._core.crypto.Address:
        ...
    @coinbase.setter
    def coinbase(self, arg1: typing.Any) -> None:
        ...
    @property
    def elasticity_multiplier(self) -> int:
        ...
    @elasticity_multiplier.setter
    def elasticity_multiplier(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def gas_target(self) -> int:
        ...
    @property
    def genesis_timestamp(self) -> int:
        """
        seconds
        """
    @genesis_timestamp.setter
    def genesis_timestamp(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def initial_base_fee(self) -> int:
        """
        wei per gas (EIP-1559: 1 gwei)
        """
    @initial_base_fee.setter
    def initial_base_fee(self, arg0: int) -> None:
        ...
    @property
    def max_blobs_per_block(self) -> int:
        ...
    @max_blobs_per_block.setter
    def max_blobs_per_block(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def target_blobs_per_block(self) -> int:
        ...
    @target_blobs_per_block.setter
    def target_blobs_per_block(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class ChainSnapshot:
    """
    Opaque copy of a whole Chain; restorable only into it.
    """
    def __repr__(self) -> str:
        ...
    @property
    def block_number(self) -> int:
        ...
    @property
    def state_digest(self) -> bytes:
        ...
class TransferBatchResult:
    """
    Counts from Chain.execute_transfers.
    """
    def __repr__(self) -> str:
        ...
    @property
    def accepted(self) -> int:
        ...
    @property
    def blocks(self) -> int:
        ...
    @property
    def gas_used(self) -> int:
        ...
    @property
    def included(self) -> int:
        ...
    @property
    def submitted(self) -> int:
        ...
class Chain:
    """
    The simulated L1. Deterministic in (config, seed, calls). Addresses may be given as Address, '0x' text, 20 bytes, or anything with .address.
    """
    def __init__(self, config: ChainConfig | None = None, seed: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def balance(self, address: typing.Any) -> int:
        """
        wei
        """
    def blob(self, versioned_hash: bytes) -> Blob | None:
        """
        Blob while retained and not withheld, else None.
        """
    def blob_withheld(self, versioned_hash: bytes) -> bool:
        """
        True after withhold_blob(versioned_hash).
        """
    def block(self, number: typing.SupportsInt | typing.SupportsIndex) -> Block:
        """
        Block by number; InvalidArgumentError beyond the head.
        """
    def deploy(self, contract: NativeContract, deployer: typing.Any, args: bytes = b'') -> l2lab._core.crypto.Address:
        """
        Deploy at the CREATE address of (deployer, nonce); runs construct(ctx, args). StateError when the constructor reverts (nothing changes).
        """
    def deploy_at(self, address: typing.Any, contract: NativeContract, args: bytes = b'') -> None:
        """
        Deploy at a fixed address (predeploy); StateError if code is there or the constructor fails.
        """
    def execute_transfers(self, keys: collections.abc.Sequence[l2lab._core.crypto.PrivateKey], requests: collections.abc.Iterable, *, max_fee_per_gas: int = 2000000000, max_priority_fee_per_gas: int = 1000000000, gas_limit: typing.SupportsInt | typing.SupportsIndex = 21000, max_blocks: typing.SupportsInt | typing.SupportsIndex = 1000) -> TransferBatchResult:
        """
        Sign, submit and execute (sender_index, to, value) transfers in one call, producing blocks until the mempool is empty; returns a TransferBatchResult.
        """
    def has_contract(self, address: typing.Any) -> bool:
        """
        True when a contract is deployed at address.
        """
    def logs(self, address: typing.Any = None, topics: typing.Any = None, *, from_block: typing.SupportsInt | typing.SupportsIndex = 0, to_block: typing.SupportsInt | typing.SupportsIndex | None = None) -> list[Log]:
        """
        Logs by address (one or a list), topics (up to 4 positions: None, 32 bytes, or a list of alternatives) and inclusive block range.
        """
    def lookup(self, tx_hash: bytes) -> TxLookup:
        """
        TxLookup: pending / included (with receipt) / dropped (with reason) / unknown.
        """
    def mine(self, n: typing.SupportsInt | typing.SupportsIndex = 1) -> None:
        """
        produce_block() n times
        """
    def mine_until_empty(self, max_blocks: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Produce blocks until the mempool is empty or max_blocks; returns how many.
        """
    def mint(self, address: typing.Any, amount: int) -> None:
        """
        Create wei for an account (set-up, not a tx).
        """
    def next_nonce(self, address: typing.Any) -> int:
        """
        account nonce, or one past the highest pending nonce
        """
    def nonce(self, address: typing.Any) -> int:
        ...
    def produce_block(self, timestamp: typing.SupportsInt | typing.SupportsIndex | None = None, coinbase: typing.Any = None) -> Block:
        """
        Build, execute and append the next block; returns it.
        """
    def receipt(self, tx_hash: bytes) -> Receipt | None:
        """
        Receipt or None.
        """
    def restore(self, snapshot: ChainSnapshot) -> None:
        """
        Back to the snapshot exactly; StateError for another chain's snapshot.
        """
    def sign_transfers(self, keys: collections.abc.Sequence[l2lab._core.crypto.PrivateKey], requests: collections.abc.Iterable, *, max_fee_per_gas: int = 2000000000, max_priority_fee_per_gas: int = 1000000000, gas_limit: typing.SupportsInt | typing.SupportsIndex = 21000) -> list[Transaction]:
        """
        Sign plain transfers in C++: requests are (sender_index, to, value) tuples; nonces continue from each sender's next_nonce().
        """
    def snapshot(self) -> ChainSnapshot:
        """
        ChainSnapshot of everything (state, blocks, mempool, fees, blobs, rng, policy).
        """
    def state_digest(self) -> bytes:
        """
        keccak256 of the canonical RLP of the whole state
        """
    def storage(self, address: typing.Any, key: typing.Any) -> int:
        ...
    def submit(self, tx: Transaction) -> SubmitOutcome:
        """
        Queue a signed Transaction or drop it with a typed reason (a value, not an exception).
        """
    def submit_many(self, txs: collections.abc.Sequence[Transaction]) -> list[SubmitOutcome]:
        """
        submit() each, in order; list of SubmitOutcome.
        """
    def view_call(self, sender: typing.Any, to: typing.Any, data: bytes = b'', gas_limit: typing.SupportsInt | typing.SupportsIndex = 30000000, value: int = 0) -> CallResult:
        """
        eth_call-like: run and roll back; changes nothing.
        """
    def withhold_blob(self, versioned_hash: bytes) -> None:
        """
        Make that blob's data unavailable from now on (data-availability scenarios); the tx stays valid.
        """
    @property
    def base_fee(self) -> int:
        """
        next block's base fee, wei per gas
        """
    @property
    def blob_base_fee(self) -> int:
        """
        next block's, wei per blob gas
        """
    @property
    def block_number(self) -> int:
        """
        head block number
        """
    @property
    def config(self) -> ChainConfig:
        """
        The ChainConfig (a copy).
        """
    @property
    def excess_blob_gas(self) -> int:
        """
        next block's excess blob gas (EIP-4844)
        """
    @property
    def head(self) -> Block:
        """
        The latest Block.
        """
    @property
    def inclusion_policy(self) -> str:
        """
        Set an InclusionPolicy; reads back its description.
        """
    @inclusion_policy.setter
    def inclusion_policy(self, arg1: InclusionPolicy) -> None:
        ...
    @property
    def pending(self) -> list[PendingTx]:
        """
        PendingTx list in arrival order.
        """
    @property
    def pending_count(self) -> int:
        """
        number of pending transactions
        """
    @property
    def timestamp(self) -> int:
        """
        head timestamp, seconds
        """
    @property
    def total_balance(self) -> int:
        """
        sum of all balances, wei
        """
    @property
    def total_burned(self) -> int:
        """
        wei burned (EIP-1559 base fees + blob fees)
        """
    @property
    def total_minted(self) -> int:
        """
        wei created by mint()
        """
def effective_tip(tx: Transaction, base_fee: int) -> int:
    """
    min(max_priority_fee, max_fee - base_fee), 0 when underpriced (EIP-1559).
    """
def gas_table() -> list[tuple]:
    """
    The gas schedule as a list of (name, gas, source) tuples.
    """
def versioned_hash_from_commitment(commitment: bytes) -> bytes:
    """
    EIP-4844 kzg_to_versioned_hash: 0x01 || sha256(commitment)[1:].
    """
