"""
rollups: L2 state, STF, sequencer, batches, bridge
"""
from __future__ import annotations
import collections.abc
import l2lab._core.crypto
import l2lab._core.l1
import l2lab._core.sim
import typing
__all__: list = ['L2Account', 'WithdrawalRecord', 'account_key', 'account_leaf', 'withdrawal_key', 'withdrawal_leaf', 'L2Checkpoint', 'L2State', 'TxKind', 'L2Tx', 'Deposit', 'UndecodableOp', 'encode_op', 'decode_op', 'op_hash', 'StfConfig', 'StepOutcome', 'StepReceipt', 'WitnessAccount', 'StepWitness', 'apply_op', 'VerifiedStep', 'verify_step', 'BatchResult', 'apply_batch', 'Batch', 'compress', 'decompress', 'encode_batch', 'encode_batch_payload', 'decode_batch', 'DEFAULT_MAX_DECOMPRESSED', 'account_index_key', 'account_count_key', 'registry_leaf', 'AccountChange', 'IndexedChange', 'NewAccountChange', 'DiffWithdrawal', 'StateDiff', 'account_change', 'apply_change', 'register_accounts', 'make_state_diff', 'apply_state_diff', 'FinalityRule', 'TrustedFinality', 'InboxContract', 'inbox_append_batch', 'inbox_append_blob_batch', 'inbox_deposit', 'inbox_force_tx', 'inbox_propose_root', 'inbox_finalize_withdrawal', 'blob_payload', 'ProposedRoot', 'inbox_batch_count', 'inbox_queue_count', 'inbox_root_count', 'inbox_batch_record_hash', 'inbox_queue_record_hash', 'inbox_root', 'inbox_withdrawal_finalized', 'DerivationConfig', 'QueueItem', 'DerivedBatch', 'Derivation', 'SequencerConfig', 'BatchMetrics', 'TxRecord', 'Sequencer', 'TrafficConfig', 'TrafficItem', 'TrafficSubmitted', 'submit_traffic', 'TrafficGenerator', 'apportion', 'batch_metrics_table', 'tx_metrics_table', 'receipts_table', 'queue_metrics_table']
class L2Account:
    """
    An L2 account: nonce and balance (wei).
    """
    __hash__: typing.ClassVar[None] = None
    balance: int
    def __eq__(self, arg0: L2Account) -> bool:
        ...
    def __init__(self, nonce: typing.SupportsInt | typing.SupportsIndex = 0, balance: int = 0) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def nonce(self) -> int:
        ...
    @nonce.setter
    def nonce(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class WithdrawalRecord:
    """
    A withdrawal recorded on L2: (sender, nonce) -> l1_recipient, amount (wei).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: WithdrawalRecord) -> bool:
        ...
    def __init__(self, sender: l2lab._core.crypto.Address, nonce: typing.SupportsInt | typing.SupportsIndex, l1_recipient: l2lab._core.crypto.Address, amount: int) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def amount(self) -> int:
        ...
    @property
    def l1_recipient(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def nonce(self) -> int:
        ...
    @property
    def sender(self) -> l2lab._core.crypto.Address:
        ...
class L2Checkpoint:
    """
    Opaque journal position from L2State.checkpoint().
    """
class L2State:
    """
    L2 state: accounts and withdrawals committed by a Keccak sparse Merkle tree.
    """
    def __init__(self) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def account(self, address: l2lab._core.crypto.Address) -> L2Account:
        """
        The account (empty if untouched).
        """
    def account_index(self, address: l2lab._core.crypto.Address) -> int | None:
        """
        Registry index of the account (zk mode), None when it is not registered.
        """
    def accounts(self) -> dict:
        """
        Dict Address -> L2Account of all non-empty accounts.
        """
    def add_withdrawal(self, withdrawal: WithdrawalRecord) -> None:
        """
        Record a withdrawal; StateError when (sender, nonce) is already recorded.
        """
    def balance(self, address: l2lab._core.crypto.Address) -> int:
        """
        Balance in wei.
        """
    def checkpoint(self) -> L2Checkpoint:
        """
        Open a (nestable) checkpoint; close it with commit(), also after rollback().
        """
    def clone(self) -> L2State:
        """
        Deep copy (empty journal).
        """
    def commit(self, checkpoint: L2Checkpoint) -> None:
        """
        Close checkpoint keeping the contents (the outermost one ends journalling); StateError for a foreign one.
        """
    def nonce(self, address: l2lab._core.crypto.Address) -> int:
        ...
    def prove_account(self, address: l2lab._core.crypto.Address) -> l2lab._core.crypto.SmtProof:
        """
        Inclusion (or non-inclusion, when empty) SmtProof of the account.
        """
    def prove_withdrawal(self, sender: l2lab._core.crypto.Address, nonce: typing.SupportsInt | typing.SupportsIndex) -> l2lab._core.crypto.SmtProof:
        ...
    def register_account(self, address: l2lab._core.crypto.Address) -> int:
        """
        Register under the next index and return it; StateError when already registered.
        """
    def registered_address(self, index: typing.SupportsInt | typing.SupportsIndex) -> l2lab._core.crypto.Address | None:
        """
        The address registered under index, None when index >= registered_count.
        """
    def rollback(self, checkpoint: L2Checkpoint) -> None:
        """
        Undo everything since checkpoint; StateError for a foreign one.
        """
    def set_account(self, address: l2lab._core.crypto.Address, account: L2Account) -> None:
        """
        Overwrite an account (empty = removed).
        """
    def withdrawal(self, sender: l2lab._core.crypto.Address, nonce: typing.SupportsInt | typing.SupportsIndex) -> WithdrawalRecord | None:
        ...
    def withdrawals(self) -> list[WithdrawalRecord]:
        """
        All withdrawals ordered by (sender, nonce).
        """
    @property
    def journal_depth(self) -> int:
        """
        Number of journalled writes.
        """
    @property
    def journaling(self) -> bool:
        """
        Whether a checkpoint is open (writes are journalled).
        """
    @property
    def registered_count(self) -> int:
        """
        Number of registered accounts (the next index).
        """
    @property
    def state_root(self) -> bytes:
        """
        Sparse Merkle root (32 bytes).
        """
    @property
    def total_supply(self) -> int:
        """
        Sum of balances (wei).
        """
    @property
    def total_withdrawn(self) -> int:
        """
        Sum of recorded withdrawals (wei).
        """
class TxKind:
    """
    What a signed L2 tx does.
    
    Members:
    
      TRANSFER
    
      WITHDRAWAL
    """
    TRANSFER: typing.ClassVar[TxKind]
    WITHDRAWAL: typing.ClassVar[TxKind]
    __members__: typing.ClassVar[dict[str, TxKind]]
    @typing.overload
    def __eq__(self, other: TxKind) -> bool:
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
    def __ne__(self, other: TxKind) -> bool:
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
class L2Tx:
    """
    A signed L2 transaction (transfer or withdrawal); amounts in wei.
    """
    __hash__: typing.ClassVar[None] = None
    fee: int
    kind: TxKind
    to: l2lab._core.crypto.Address
    value: int
    @staticmethod
    def decode(data: bytes) -> L2Tx:
        """
        Strict decode; DecodeError otherwise.
        """
    def __eq__(self, arg0: L2Tx) -> bool:
        ...
    def __init__(self, kind: TxKind = TxKind.TRANSFER, chain_id: typing.SupportsInt | typing.SupportsIndex = 901, nonce: typing.SupportsInt | typing.SupportsIndex = 0, fee: int = 0, to: l2lab._core.crypto.Address = ..., value: int = 0) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def encode(self) -> bytes:
        ...
    def hash(self) -> bytes:
        ...
    def recover_sender(self) -> l2lab._core.crypto.Address | None:
        """
        Signer Address or None.
        """
    def sign(self, key: l2lab._core.crypto.PrivateKey) -> None:
        """
        Sign with a PrivateKey (returns None).
        """
    def signing_hash(self) -> bytes:
        ...
    @property
    def chain_id(self) -> int:
        ...
    @chain_id.setter
    def chain_id(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def nonce(self) -> int:
        ...
    @nonce.setter
    def nonce(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def signature(self) -> bytes:
        """
        65 raw bytes r||s||v (not validated; the STF skips bad ones).
        """
    @signature.setter
    def signature(self, arg1: bytes) -> None:
        ...
class Deposit:
    """
    An L2 credit from an L1 deposit (amount in wei).
    """
    __hash__: typing.ClassVar[None] = None
    amount: int
    l1_sender: l2lab._core.crypto.Address
    to: l2lab._core.crypto.Address
    @staticmethod
    def decode(data: bytes) -> Deposit:
        ...
    def __eq__(self, arg0: Deposit) -> bool:
        ...
    def __init__(self, queue_index: typing.SupportsInt | typing.SupportsIndex = 0, l1_sender: l2lab._core.crypto.Address = ..., to: l2lab._core.crypto.Address = ..., amount: int = 0) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def encode(self) -> bytes:
        ...
    @property
    def queue_index(self) -> int:
        ...
    @queue_index.setter
    def queue_index(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class UndecodableOp:
    """
    A forced payload that is not an L2 tx (always skipped).
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: UndecodableOp) -> bool:
        ...
    def __init__(self, data: bytes) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def data(self) -> bytes:
        ...
class StfConfig:
    """
    STF parameters: L2 chain id and fee recipient.
    """
    fee_recipient: l2lab._core.crypto.Address
    def __init__(self, chain_id: typing.SupportsInt | typing.SupportsIndex = 901, fee_recipient: l2lab._core.crypto.Address = ...) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def chain_id(self) -> int:
        ...
    @chain_id.setter
    def chain_id(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class StepOutcome:
    """
    Applied, or skipped with a reason name.
    """
    def __repr__(self) -> str:
        ...
    @property
    def applied(self) -> bool:
        ...
    @property
    def reason(self) -> typing.Any:
        """
        Stable skip reason name (e.g. 'wrong_nonce') or None.
        """
    @property
    def sender(self) -> l2lab._core.crypto.Address | None:
        ...
class StepReceipt:
    """
    Receipt of one step.
    """
    def __repr__(self) -> str:
        ...
    @property
    def applied(self) -> bool:
        ...
    @property
    def index(self) -> int:
        ...
    @property
    def op_hash(self) -> bytes:
        ...
    @property
    def outcome(self) -> StepOutcome:
        ...
    @property
    def post_root(self) -> bytes:
        """
        Root after the step (zero unless traced).
        """
    @property
    def reason(self) -> typing.Any:
        ...
class WitnessAccount:
    """
    A touched account, its pre-value and SmtProof.
    """
    @property
    def address(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def pre(self) -> L2Account:
        ...
    @property
    def proof(self) -> l2lab._core.crypto.SmtProof:
        ...
class StepWitness:
    """
    Witness of one step for stateless re-execution.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def decode(data: bytes) -> StepWitness:
        ...
    def __eq__(self, arg0: StepWitness) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def encode(self) -> bytes:
        ...
    @property
    def accounts(self) -> list[WitnessAccount]:
        ...
    @property
    def withdrawal_proof(self) -> l2lab._core.crypto.SmtProof | None:
        ...
class VerifiedStep:
    """
    Post-root and outcome recomputed statelessly.
    """
    @property
    def outcome(self) -> StepOutcome:
        ...
    @property
    def post_root(self) -> bytes:
        ...
class BatchResult:
    """
    Receipts and post-root of apply_batch.
    """
    def __repr__(self) -> str:
        ...
    @property
    def applied(self) -> int:
        ...
    @property
    def post_root(self) -> bytes:
        ...
    @property
    def receipts(self) -> list[StepReceipt]:
        ...
    @property
    def skipped(self) -> int:
        ...
class Batch:
    """
    A sequencer batch: queue_index and txs.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Batch) -> bool:
        ...
    def __init__(self, queue_index: typing.SupportsInt | typing.SupportsIndex = 0, txs: collections.abc.Sequence[L2Tx] = []) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def queue_index(self) -> int:
        ...
    @queue_index.setter
    def queue_index(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def txs(self) -> list[L2Tx]:
        ...
    @txs.setter
    def txs(self, arg0: collections.abc.Sequence[L2Tx]) -> None:
        ...
class AccountChange:
    """
    How a state diff moves one account: nonce += nonce_increase, balance +/-= balance_change (wei).
    """
    __hash__: typing.ClassVar[None] = None
    balance_change: int
    balance_decreases: bool
    def __eq__(self, arg0: AccountChange) -> bool:
        ...
    def __init__(self, nonce_increase: typing.SupportsInt | typing.SupportsIndex = 0, balance_change: int = 0, balance_decreases: bool = False) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def balance_delta(self) -> int:
        """
        The signed balance change (wei).
        """
    @property
    def nonce_increase(self) -> int:
        ...
    @nonce_increase.setter
    def nonce_increase(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class IndexedChange:
    """
    A change to an account registered before the batch.
    """
    __hash__: typing.ClassVar[None] = None
    change: AccountChange
    def __eq__(self, arg0: IndexedChange) -> bool:
        ...
    def __init__(self, index: typing.SupportsInt | typing.SupportsIndex, change: AccountChange) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def index(self) -> int:
        ...
    @index.setter
    def index(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class NewAccountChange:
    """
    A change to an account the batch registers.
    """
    __hash__: typing.ClassVar[None] = None
    address: l2lab._core.crypto.Address
    change: AccountChange
    def __eq__(self, arg0: NewAccountChange) -> bool:
        ...
    def __init__(self, address: l2lab._core.crypto.Address, change: AccountChange) -> None:
        ...
    def __repr__(self) -> str:
        ...
class DiffWithdrawal:
    """
    A withdrawal a state diff records, its sender by index.
    """
    __hash__: typing.ClassVar[None] = None
    amount: int
    l1_recipient: l2lab._core.crypto.Address
    def __eq__(self, arg0: DiffWithdrawal) -> bool:
        ...
    def __init__(self, sender_index: typing.SupportsInt | typing.SupportsIndex, nonce: typing.SupportsInt | typing.SupportsIndex, l1_recipient: l2lab._core.crypto.Address, amount: int) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def nonce(self) -> int:
        ...
    @nonce.setter
    def nonce(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def sender_index(self) -> int:
        ...
    @sender_index.setter
    def sender_index(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class StateDiff:
    """
    Compact state diff (validity-mode data format): the registry size before, changes to registered accounts by index, changes to newly registered accounts by address, and added withdrawals. It carries no root.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def decode(data: bytes) -> StateDiff:
        """
        Strict decode; DecodeError for malformed, truncated, non-canonical, unsorted, duplicate or unknown-index entries.
        """
    def __eq__(self, arg0: StateDiff) -> bool:
        ...
    def __init__(self, registered_before: typing.SupportsInt | typing.SupportsIndex = 0, updates: collections.abc.Sequence[IndexedChange] = [], new_accounts: collections.abc.Sequence[NewAccountChange] = [], withdrawals: collections.abc.Sequence[DiffWithdrawal] = []) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def encode(self) -> bytes:
        """
        Canonical encoding; InvalidArgumentError for a diff outside the canonical form.
        """
    @property
    def new_accounts(self) -> list[NewAccountChange]:
        """
        List of NewAccountChange, ascending address.
        """
    @new_accounts.setter
    def new_accounts(self, arg0: collections.abc.Sequence[NewAccountChange]) -> None:
        ...
    @property
    def registered_before(self) -> int:
        ...
    @registered_before.setter
    def registered_before(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def updates(self) -> list[IndexedChange]:
        """
        List of IndexedChange, ascending index.
        """
    @updates.setter
    def updates(self, arg0: collections.abc.Sequence[IndexedChange]) -> None:
        ...
    @property
    def withdrawals(self) -> list[DiffWithdrawal]:
        """
        List of DiffWithdrawal, ascending (sender_index, nonce).
        """
    @withdrawals.setter
    def withdrawals(self, arg0: collections.abc.Sequence[DiffWithdrawal]) -> None:
        ...
class FinalityRule:
    """
    Pluggable finality of proposed roots, consulted by the inbox when a withdrawal is claimed. Subclass it in Python: call super().__init__(), define is_final(ctx, root_index, proposed_block, block_number) -> bool (ctx: the inbox's l1 CallContext, valid during the call only; ctx.sload charges gas; raise l1.Revert to revert the claim) and optionally name() -> str. The inbox keeps the rule alive.
    """
    def __init__(self) -> None:
        ...
    def is_final(self, ctx: l2lab._core.l1.CallContext, root_index: typing.SupportsInt | typing.SupportsIndex, proposed_block: typing.SupportsInt | typing.SupportsIndex, block_number: typing.SupportsInt | typing.SupportsIndex) -> bool:
        """
        Whether root `root_index`, proposed in L1 block `proposed_block`, is final in L1 block `block_number`.
        """
    def name(self) -> str:
        """
        Stable name, e.g. 'trusted'.
        """
class TrustedFinality(FinalityRule):
    """
    Baseline rule: a proposer's root is final finality_blocks L1 blocks after its proposal.
    """
    def __init__(self, finality_blocks: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def finality_blocks(self) -> int:
        ...
class InboxContract(l2lab._core.l1.NativeContract):
    """
    The rollup's L1 inbox/bridge contract with `trusted` finality (a root is final finality_blocks L1 blocks after its proposal). Deploy with Chain.deploy.
    """
    @typing.overload
    def __init__(self, sequencer: l2lab._core.crypto.Address, proposer: l2lab._core.crypto.Address, finality_blocks: typing.SupportsInt | typing.SupportsIndex = 10) -> None:
        ...
    @typing.overload
    def __init__(self, sequencer: l2lab._core.crypto.Address, proposer: l2lab._core.crypto.Address, finality: FinalityRule) -> None:
        """
        Inbox with any finality rule (e.g. a Python FinalityRule subclass).
        """
    def __repr__(self) -> str:
        ...
    @property
    def finality(self) -> str:
        ...
    @property
    def finality_rule(self) -> FinalityRule:
        """
        The FinalityRule object itself.
        """
class ProposedRoot:
    """
    A root in the inbox's registry.
    """
    def __repr__(self) -> str:
        ...
    @property
    def l1_block(self) -> int:
        ...
    @property
    def proposed_block(self) -> int:
        ...
    @property
    def root(self) -> bytes:
        ...
class DerivationConfig:
    """
    Inbox address, STF config, forced window W (L1 blocks), decompression cap.
    """
    inbox: l2lab._core.crypto.Address
    stf: StfConfig
    def __init__(self, inbox: l2lab._core.crypto.Address, stf: StfConfig = ..., forced_window: typing.SupportsInt | typing.SupportsIndex = 10, max_decompressed: typing.SupportsInt | typing.SupportsIndex = 16777216) -> None:
        ...
    @property
    def forced_window(self) -> int:
        ...
    @forced_window.setter
    def forced_window(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_decompressed(self) -> int:
        ...
    @max_decompressed.setter
    def max_decompressed(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class QueueItem:
    """
    An L1 queue item (deposit or forced tx) as derived.
    """
    @property
    def enqueue_block(self) -> int:
        ...
    @property
    def forced(self) -> bool:
        ...
    @property
    def included_block(self) -> int | None:
        ...
    @property
    def op(self) -> L2Tx | Deposit | UndecodableOp:
        ...
    @property
    def step(self) -> int | None:
        """
        Index of its receipt once applied, else None.
        """
class DerivedBatch:
    """
    A batch as derived from L1.
    """
    @property
    def batch_index(self) -> int:
        ...
    @property
    def blob(self) -> bool:
        ...
    @property
    def commitment(self) -> bytes:
        ...
    @property
    def decode_error(self) -> str:
        ...
    @property
    def decoded(self) -> bool:
        ...
    @property
    def first_step(self) -> int:
        ...
    @property
    def frame_bytes(self) -> int:
        ...
    @property
    def l1_block(self) -> int:
        ...
    @property
    def post_root(self) -> bytes:
        ...
    @property
    def queue_count(self) -> int:
        """
        inbox queue length when the batch was appended
        """
    @property
    def step_count(self) -> int:
        ...
    @property
    def tx_count(self) -> int:
        ...
class Derivation:
    """
    Verifier node: rebuilds the L2 state from L1 data alone (see derivation.hpp).
    """
    def __init__(self, config: DerivationConfig) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def advance(self, chain: l2lab._core.l1.Chain) -> int:
        """
        Derive up to the chain head or until stalled; returns blocks derived.
        """
    def load_state(self, state: bytes) -> None:
        """
        Replace progress with save_state() bytes (replays the ops). DecodeError (ValueError) for anything else, node unchanged.
        """
    def ops_slice(self, start: typing.SupportsInt | typing.SupportsIndex, stop: typing.SupportsInt | typing.SupportsIndex) -> list[L2Tx | Deposit | UndecodableOp]:
        """
        ops[start:stop] without copying the rest (ops converts every op); InvalidArgumentError unless start <= stop <= len(ops).
        """
    def root_after(self, block: typing.SupportsInt | typing.SupportsIndex) -> bytes:
        ...
    def save_state(self) -> bytes:
        """
        Crash-recovery state: strict canonical bytes (ops, per-block steps, queue, batches).
        """
    def state_at(self, block: typing.SupportsInt | typing.SupportsIndex) -> L2State:
        """
        L2State after L1 blocks 0..block (replayed).
        """
    def steps_after(self, block: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Number of STF steps (ops) applied after deriving L1 blocks 0..block; InvalidArgumentError past derived_block.
        """
    @property
    def batches(self) -> list[DerivedBatch]:
        ...
    @property
    def deposited(self) -> int:
        """
        Sum of applied deposits (wei).
        """
    @property
    def derived_block(self) -> int:
        ...
    @property
    def ops(self) -> list[L2Tx | Deposit | UndecodableOp]:
        ...
    @property
    def queue(self) -> list[QueueItem]:
        ...
    @property
    def queue_consumed(self) -> int:
        ...
    @property
    def receipts(self) -> list[StepReceipt]:
        ...
    @property
    def stalled_at(self) -> int | None:
        ...
    @property
    def state(self) -> L2State:
        ...
class SequencerConfig:
    """
    Sequencer behaviour (see sequencer.hpp).
    """
    derivation: DerivationConfig
    ignore_queue: bool
    def __init__(self, derivation: DerivationConfig, codec: str = 'zstd', level: typing.SupportsInt | typing.SupportsIndex = 3, da: str = 'calldata', ordering: str = 'fifo', max_batch_txs: typing.SupportsInt | typing.SupportsIndex = 1000, max_batch_bytes: typing.SupportsInt | typing.SupportsIndex = 120000, post_every_blocks: typing.SupportsInt | typing.SupportsIndex = 1, propose_every_blocks: typing.SupportsInt | typing.SupportsIndex = 0, ignore_queue: bool = False, max_wait_blocks: typing.SupportsInt | typing.SupportsIndex = 64, max_delay_blocks: typing.SupportsInt | typing.SupportsIndex = 0, max_fee_per_blob_gas: int = 1000000000) -> None:
        ...
    @property
    def censored_senders(self) -> set[l2lab._core.crypto.Address]:
        ...
    @censored_senders.setter
    def censored_senders(self, arg0: collections.abc.Set[l2lab._core.crypto.Address]) -> None:
        ...
    @property
    def codec(self) -> str:
        ...
    @property
    def da(self) -> str:
        ...
    @property
    def level(self) -> int:
        ...
    @level.setter
    def level(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_batch_bytes(self) -> int:
        ...
    @max_batch_bytes.setter
    def max_batch_bytes(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_batch_txs(self) -> int:
        ...
    @max_batch_txs.setter
    def max_batch_txs(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_delay_blocks(self) -> int:
        """
        Hold a batch that is not full until its oldest tx has waited this many L1 blocks (0 = post whatever is ready).
        """
    @max_delay_blocks.setter
    def max_delay_blocks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_fee_per_blob_gas(self) -> int:
        """
        Wei per blob gas offered for blob batches (EIP-4844); a batch below the blob base fee waits in the L1 mempool (or is dropped with drop_underpriced), and no other batch is posted meanwhile.
        """
    @max_fee_per_blob_gas.setter
    def max_fee_per_blob_gas(self, arg0: int) -> None:
        ...
    @property
    def max_wait_blocks(self) -> int:
        """
        Evict a tx still not includable this many L1 blocks after submission (0 = never).
        """
    @max_wait_blocks.setter
    def max_wait_blocks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def ordering(self) -> str:
        ...
    @property
    def post_every_blocks(self) -> int:
        ...
    @post_every_blocks.setter
    def post_every_blocks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def propose_every_blocks(self) -> int:
        ...
    @propose_every_blocks.setter
    def propose_every_blocks(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class BatchMetrics:
    """
    Metrics of one posted batch (bytes, gas, fees in wei).
    """
    @property
    def base_fee(self) -> int:
        ...
    @property
    def blob(self) -> bool:
        ...
    @property
    def blob_base_fee(self) -> int:
        ...
    @property
    def blob_gas(self) -> int:
        ...
    @property
    def blob_gas_used(self) -> int:
        ...
    @property
    def calldata_gas(self) -> int:
        ...
    @property
    def compressed_bytes(self) -> int:
        ...
    @property
    def effective_gas_price(self) -> int:
        ...
    @property
    def included_block(self) -> int | None:
        ...
    @property
    def l1_fee_wei(self) -> int:
        ...
    @property
    def l1_gas_used(self) -> int:
        ...
    @property
    def l1_tx_hash(self) -> bytes:
        ...
    @property
    def predicted_root(self) -> bytes:
        ...
    @property
    def queue_items(self) -> int:
        ...
    @property
    def raw_bytes(self) -> int:
        ...
    @property
    def records(self) -> list[int]:
        """
        Indices into tx_records of its txs.
        """
    @property
    def root_matches(self) -> bool | None:
        ...
    @property
    def submitted_block(self) -> int:
        ...
    @property
    def tx_count(self) -> int:
        ...
class TxRecord:
    """
    Inclusion record of one L2 tx submitted to the sequencer.
    """
    @property
    def batch_index(self) -> int | None:
        ...
    @property
    def dropped(self) -> typing.Any:
        ...
    @property
    def included_block(self) -> int | None:
        ...
    @property
    def raw_bytes(self) -> int:
        ...
    @property
    def submitted_block(self) -> int:
        ...
    @property
    def tx_hash(self) -> bytes:
        ...
class Sequencer(l2lab._core.sim.Actor):
    """
    Sequencer actor: mempool, ordering, batches on calldata or blobs, root proposals.
    """
    def __init__(self, account: l2lab._core.sim.Account, config: SequencerConfig) -> None:
        ...
    def load_state(self, state: bytes) -> None:
        """
        Reload save_state() bytes into a Sequencer built with the same account and config; DecodeError (ValueError) for anything else, sequencer unchanged.
        """
    def save_state(self) -> bytes:
        """
        Crash-recovery state (bytes): derivation node, mempool, records, metrics, batch in flight.
        """
    def set_censored(self, senders: collections.abc.Set[l2lab._core.crypto.Address]) -> None:
        """
        Set the L2 senders this sequencer refuses to batch.
        """
    def set_ignore_queue(self, ignore: bool) -> None:
        """
        Stop (or resume) voluntarily including deposits and forced txs.
        """
    def submit(self, tx: L2Tx, block_number: typing.SupportsInt | typing.SupportsIndex) -> bool:
        """
        Queue an L2 tx; False for a duplicate.
        """
    def submit_many(self, txs: collections.abc.Sequence[L2Tx], block_number: typing.SupportsInt | typing.SupportsIndex) -> int:
        ...
    @property
    def batch_metrics(self) -> list[BatchMetrics]:
        ...
    @property
    def config(self) -> SequencerConfig:
        ...
    @property
    def mempool_size(self) -> int:
        ...
    @property
    def node(self) -> Derivation:
        ...
    @property
    def tx_records(self) -> list[TxRecord]:
        ...
class TrafficConfig:
    """
    Traffic generator parameters (see traffic.hpp).
    """
    def __init__(self, accounts: typing.SupportsInt | typing.SupportsIndex = 1000, zipf_s: typing.SupportsFloat | typing.SupportsIndex = 1.0, withdrawal_fraction: typing.SupportsFloat | typing.SupportsIndex = 0.0, min_value: int = 1, max_value: int = 1000000, fee: int = 1, chain_id: typing.SupportsInt | typing.SupportsIndex = 901, seed: typing.SupportsInt | typing.SupportsIndex = 0, deposit_fraction: typing.SupportsFloat | typing.SupportsIndex = 0.0, forced_fraction: typing.SupportsFloat | typing.SupportsIndex = 0.0, invalid_fraction: typing.SupportsFloat | typing.SupportsIndex = 0.0, min_deposit: int = 1000000000, max_deposit: int = 1000000000000000) -> None:
        ...
    @property
    def accounts(self) -> int:
        ...
    @property
    def deposit_fraction(self) -> float:
        ...
    @property
    def forced_fraction(self) -> float:
        ...
    @property
    def invalid_fraction(self) -> float:
        ...
    @property
    def seed(self) -> int:
        ...
    @property
    def withdrawal_fraction(self) -> float:
        ...
    @property
    def zipf_s(self) -> float:
        ...
class TrafficItem:
    """
    One generated traffic item (see TrafficGenerator.next_mix).
    """
    def __repr__(self) -> str:
        ...
    @property
    def deposit_amount(self) -> int:
        """
        Deposit amount (wei).
        """
    @property
    def deposit_to(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def invalid_reason(self) -> typing.Any:
        """
        The defect of an invalid tx (a skip reason name), else None.
        """
    @property
    def kind(self) -> str:
        """
        'transfer', 'withdrawal', 'deposit', 'forced_tx' or 'invalid'.
        """
    @property
    def tx(self) -> L2Tx:
        """
        The L2 tx (meaningless for a deposit).
        """
class TrafficSubmitted:
    """
    Counts of what submit_traffic did.
    """
    def __repr__(self) -> str:
        ...
    @property
    def deposits(self) -> int:
        ...
    @property
    def forced(self) -> int:
        ...
    @property
    def l1_rejected(self) -> int:
        ...
    @property
    def l2_submitted(self) -> int:
        ...
class TrafficGenerator:
    """
    Zipf-distributed signed L2 traffic, generated in C++.
    """
    def __init__(self, config: TrafficConfig) -> None:
        ...
    def addresses(self) -> list[l2lab._core.crypto.Address]:
        ...
    def next(self, n: typing.SupportsInt | typing.SupportsIndex) -> list[L2Tx]:
        """
        The next n signed txs.
        """
    def next_mix(self, n: typing.SupportsInt | typing.SupportsIndex) -> list[TrafficItem]:
        """
        The next n items of the configured mix (transfers, withdrawals, deposits, forced and invalid txs), signed in C++.
        """
    @property
    def keys(self) -> list[l2lab._core.crypto.PrivateKey]:
        ...
def account_change(before: L2Account, after: L2Account) -> AccountChange | None:
    """
    The AccountChange from one L2Account to another, None when equal; InvalidArgumentError for a nonce decrease.
    """
def account_count_key() -> bytes:
    """
    SMT key of the registry size.
    """
def account_index_key(address: l2lab._core.crypto.Address) -> bytes:
    """
    SMT key of an account's registry index.
    """
def account_key(address: l2lab._core.crypto.Address) -> bytes:
    """
    SMT key of an L2 account.
    """
def account_leaf(account: L2Account) -> bytes | None:
    """
    SMT value of an account: keccak256(rlp([nonce, balance])), None when empty.
    """
def apply_batch(state: L2State, config: StfConfig, ops: collections.abc.Sequence[L2Tx | Deposit | UndecodableOp], trace: bool = False, threads: typing.SupportsInt | typing.SupportsIndex = 1) -> BatchResult:
    """
    Apply ops in order (GIL released). trace=True records each step's post-root; threads (1..64) parallelise signature recovery.
    """
def apply_change(account: L2Account, change: AccountChange) -> L2Account:
    """
    The account moved by change; StateError on overflow or underflow.
    """
def apply_op(state: L2State, config: StfConfig, op: L2Tx | Deposit | UndecodableOp, witness: bool = False) -> typing.Any:
    """
    Apply one op; returns StepOutcome, or (StepOutcome, StepWitness) with witness=True.
    """
def apply_state_diff(state: L2State, diff: StateDiff, expected_root: bytes | None = None) -> None:
    """
    Apply a diff; StateError (state unchanged) when it does not apply or, given expected_root (e.g. the batch's proven root), does not reach it.
    """
def apportion(total: int, weights: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> list[int]:
    """
    Split total into integer shares proportional to weights, summing exactly to total.
    """
def batch_metrics_table(sequencer: Sequencer, chain: l2lab._core.l1.Chain) -> dict:
    """
    Columns (dict of equal-length lists, DataFrame-ready) with one row per posted batch: bytes, compression ratio, calldata and blob pricing, actual L1 cost, latency (see metrics.hpp).
    """
def blob_payload(frame: bytes) -> bytes:
    """
    4-byte length prefix || frame.
    """
def compress(codec: str, data: bytes, level: typing.SupportsInt | typing.SupportsIndex = 3) -> bytes:
    """
    Compress with 'none', 'zstd' (1..22) or 'brotli' (0..11).
    """
def decode_batch(frame: bytes, max_decompressed: typing.SupportsInt | typing.SupportsIndex = 16777216) -> Batch:
    """
    Strict frame decoder; DecodeError (kind, offset) otherwise.
    """
def decode_op(data: bytes) -> L2Tx | Deposit | UndecodableOp:
    """
    Strict inverse of encode_op.
    """
def decompress(codec: str, data: bytes, max_output: typing.SupportsInt | typing.SupportsIndex = 16777216) -> bytes:
    """
    Decompress one frame; DecodeError for corrupt, trailing or oversized (bomb) data.
    """
def encode_batch(batch: Batch, codec: str = 'zstd', level: typing.SupportsInt | typing.SupportsIndex = 3) -> bytes:
    """
    Batch frame bytes.
    """
def encode_batch_payload(batch: Batch) -> bytes:
    """
    Uncompressed payload rlp([queue_index, [tx...]]).
    """
def encode_op(op: L2Tx | Deposit | UndecodableOp) -> bytes:
    """
    Canonical encoding of an L2Tx/Deposit/UndecodableOp.
    """
def inbox_append_batch(frame: bytes) -> bytes:
    """
    Calldata: append a calldata batch.
    """
def inbox_append_blob_batch() -> bytes:
    """
    Calldata: append one batch per attached blob.
    """
def inbox_batch_count(chain: l2lab._core.l1.Chain, inbox: l2lab._core.crypto.Address) -> int:
    ...
def inbox_batch_record_hash(chain: l2lab._core.l1.Chain, inbox: l2lab._core.crypto.Address, index: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    """
    keccak256 of batch `index`'s record rlp([da, commitment, l1_block, queue_count]) as stored by the inbox. InvalidArgumentError when out of range.
    """
def inbox_deposit(l2_recipient: l2lab._core.crypto.Address) -> bytes:
    """
    Calldata: deposit msg.value to an L2 address.
    """
def inbox_finalize_withdrawal(root_index: typing.SupportsInt | typing.SupportsIndex, withdrawal: WithdrawalRecord, proof: l2lab._core.crypto.SmtProof) -> bytes:
    """
    Calldata: claim a withdrawal with its SmtProof.
    """
def inbox_force_tx(l2_tx: bytes) -> bytes:
    """
    Calldata: force-include encoded L2 tx bytes.
    """
def inbox_propose_root(l1_block: typing.SupportsInt | typing.SupportsIndex, root: bytes) -> bytes:
    ...
def inbox_queue_count(chain: l2lab._core.l1.Chain, inbox: l2lab._core.crypto.Address) -> int:
    ...
def inbox_queue_record_hash(chain: l2lab._core.l1.Chain, inbox: l2lab._core.crypto.Address, index: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    """
    keccak256 of queue item `index`'s record rlp([keccak256(encode_op(op)), enqueue_block]) as stored by the inbox. InvalidArgumentError when out of range.
    """
def inbox_root(chain: l2lab._core.l1.Chain, inbox: l2lab._core.crypto.Address, index: typing.SupportsInt | typing.SupportsIndex) -> ProposedRoot:
    ...
def inbox_root_count(chain: l2lab._core.l1.Chain, inbox: l2lab._core.crypto.Address) -> int:
    ...
def inbox_withdrawal_finalized(chain: l2lab._core.l1.Chain, inbox: l2lab._core.crypto.Address, sender: l2lab._core.crypto.Address, nonce: typing.SupportsInt | typing.SupportsIndex) -> bool:
    ...
def make_state_diff(pre: L2State, post: L2State) -> StateDiff:
    """
    The diff from state pre to state post (closed with register_accounts(pre, post); InvalidArgumentError otherwise).
    """
def op_hash(op: L2Tx | Deposit | UndecodableOp) -> bytes:
    ...
def queue_metrics_table(node: Derivation, chain: l2lab._core.l1.Chain) -> dict:
    """
    Columns with one row per L1 queue item (deposit / forced tx): L1-to-L2 inclusion latency, whether the forced rule applied it, outcome.
    """
def receipts_table(node: Derivation) -> dict:
    """
    Columns with one row per STF step the node applied: kind, op_hash, applied, skip reason, recovered sender, post-root.
    """
def register_accounts(pre: L2State, post: L2State) -> int:
    """
    Close a zk-mode batch: register in post, ascending address, every account whose value differs from pre and that has no index. Returns how many.
    """
def registry_leaf(n: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    """
    SMT value of a registry index or size: n, 32 bytes big-endian.
    """
def submit_traffic(world: l2lab._core.sim.World, sequencer: Sequencer, inbox: l2lab._core.crypto.Address, payer: l2lab._core.sim.Account, items: collections.abc.Sequence[TrafficItem]) -> TrafficSubmitted:
    """
    Route items in one call: L2 txs to the sequencer, deposits and forced txs as L1 txs from payer to the inbox.
    """
def tx_metrics_table(sequencer: Sequencer, chain: l2lab._core.l1.Chain) -> dict:
    """
    Columns with one row per L2 tx submitted to the sequencer: its attributed share of its batch's bytes and costs (share of compressed bytes + equal share of the fixed L1 tx overhead; see metrics.hpp), inclusion latency, drop reason.
    """
def verify_step(config: StfConfig, pre_root: bytes, op: L2Tx | Deposit | UndecodableOp, witness: StepWitness) -> VerifiedStep | None:
    """
    Stateless re-execution: VerifiedStep, or None when the witness is inconsistent.
    """
def withdrawal_key(sender: l2lab._core.crypto.Address, nonce: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    """
    SMT key of a withdrawal (sender, nonce).
    """
def withdrawal_leaf(l1_recipient: l2lab._core.crypto.Address, amount: int) -> bytes:
    """
    SMT value of a withdrawal: keccak256(rlp([l1_recipient, amount])).
    """
DEFAULT_MAX_DECOMPRESSED: int = 16777216
