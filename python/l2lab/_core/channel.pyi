"""
payment channels: adjudicator, protocol engine, watchtower
"""
from __future__ import annotations
import collections.abc
import l2lab._core.crypto
import l2lab._core.l1
import l2lab._core.sim
import typing
__all__: list = ['MAX_PARTICIPANTS', 'channel_error_names', 'ChannelParams', 'State', 'SignedState', 'state_digest', 'initial_state', 'check_state', 'check_signatures', 'decode_message', 'encode_propose', 'encode_ack', 'encode_sync', 'encode_countersign', 'encode_reject', 'encode_sync_reply', 'ChannelRecord', 'deploy_adjudicator', 'read_channel', 'open_calldata', 'deposit_calldata', 'refund_calldata', 'cooperative_close_calldata', 'register_calldata', 'challenge_calldata', 'finalize_calldata', 'Store', 'MemoryStore', 'DurableStore', 'Engine', 'bench_update_rounds', 'PartyStats', 'Party', 'StaleRegistrar', 'SilentParty', 'Colluder', 'setup_channel', 'Watchtower', 'TowerBlob', 'tower_hint', 'make_tower_blob', 'open_tower_blob', 'AdjudicatorSolvency', 'NoUsableBeforeFunded', 'check_conservation', 'check_honest_safety', 'check_no_honest_penalised', 'check_no_usable_before_funded']
class ChannelParams:
    """
    Fixed part of a channel: participants, exact deposits (wei), challenge_period and funding_timeout (blocks), policy ('penalty' | 'latest_state_wins'), nonce.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def decode(data: bytes) -> ChannelParams:
        """
        Strict inverse of encode(); DecodeError otherwise.
        """
    def __eq__(self, arg0: ChannelParams) -> bool:
        ...
    def __init__(self, participants: collections.abc.Sequence[l2lab._core.crypto.Address], deposits: collections.abc.Sequence[int], challenge_period: typing.SupportsInt | typing.SupportsIndex = 10, funding_timeout: typing.SupportsInt | typing.SupportsIndex = 10, policy: str = 'latest_state_wins', nonce: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        """
        Validated: InvalidArgumentError naming the problem.
        """
    def __repr__(self) -> str:
        ...
    def channel_id(self, chain_id: typing.SupportsInt | typing.SupportsIndex, adjudicator: l2lab._core.crypto.Address) -> bytes:
        """
        keccak256 of the params in the (chain id, adjudicator) domain.
        """
    def encode(self) -> bytes:
        """
        Canonical RLP.
        """
    @property
    def challenge_period(self) -> int:
        ...
    @property
    def deposits(self) -> list[int]:
        ...
    @property
    def funding_timeout(self) -> int:
        ...
    @property
    def nonce(self) -> int:
        ...
    @property
    def participants(self) -> list[l2lab._core.crypto.Address]:
        ...
    @property
    def policy(self) -> str:
        ...
    @property
    def total_deposit(self) -> int:
        """
        Sum of deposits, wei.
        """
class State:
    """
    An off-chain channel state: channel_id, version, balances (wei), is_final.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def decode(data: bytes) -> State:
        """
        Strict inverse of encode(); DecodeError otherwise.
        """
    def __eq__(self, arg0: State) -> bool:
        ...
    def __init__(self, channel_id: bytes, version: typing.SupportsInt | typing.SupportsIndex, balances: collections.abc.Sequence[int], is_final: bool = False) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def encode(self) -> bytes:
        """
        Canonical RLP.
        """
    @property
    def balances(self) -> list[int]:
        ...
    @property
    def channel_id(self) -> bytes:
        ...
    @property
    def is_final(self) -> bool:
        ...
    @property
    def version(self) -> int:
        ...
class SignedState:
    """
    A state with one 65-byte signature per participant.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def decode(data: bytes) -> SignedState:
        """
        Strict inverse of encode(); DecodeError otherwise.
        """
    def __eq__(self, arg0: SignedState) -> bool:
        ...
    def __init__(self, state: State, signatures: collections.abc.Sequence[bytes]) -> None:
        """
        CryptoError for a malformed signature.
        """
    def __repr__(self) -> str:
        ...
    def encode(self) -> bytes:
        """
        Canonical RLP.
        """
    @property
    def signatures(self) -> list:
        ...
    @property
    def state(self) -> State:
        ...
class ChannelRecord:
    """
    A channel's on-chain record (read without gas).
    """
    def __repr__(self) -> str:
        ...
    @property
    def deadline(self) -> int:
        ...
    @property
    def deposited(self) -> list[int]:
        ...
    @property
    def penalised(self) -> int | None:
        """
        Penalty policy, more than 2 parties: the first registrant once its state was challenged (it forfeits its balance at finalize), else None.
        """
    @property
    def registered_version(self) -> int:
        ...
    @property
    def registrant(self) -> int | None:
        ...
    @property
    def status(self) -> str:
        ...
class Store:
    """
    Where a party persists its channel record.
    """
    def read(self) -> typing.Any:
        """
        The stored record bytes, or None.
        """
    @property
    def durable(self) -> bool:
        """
        True when the record survives a crash.
        """
    @property
    def writes(self) -> int:
        """
        Records written so far.
        """
class MemoryStore(Store):
    """
    RAM store: a crash loses it.
    """
    def __init__(self) -> None:
        ...
class DurableStore(Store):
    """
    Disk store: survives crashes; restore_backup(k) brings back the record k writes old.
    """
    def __init__(self) -> None:
        ...
    def restore_backup(self, versions_back: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        InvalidArgumentError when there is no such backup.
        """
    @property
    def history_length(self) -> int:
        ...
class Engine:
    """
    Pure off-chain protocol engine of one participant (no World): commands and incoming message bytes in, (to_index, bytes) messages out. Rejections are reason names (str).
    """
    def __init__(self, params: ChannelParams, index: typing.SupportsInt | typing.SupportsIndex, key: l2lab._core.crypto.PrivateKey, chain_id: typing.SupportsInt | typing.SupportsIndex, adjudicator: l2lab._core.crypto.Address, store: Store = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def after_send(self) -> bool:
        """
        Crash now if 'after_send' was armed; True if it did.
        """
    def arm_crash(self, point: str, occurrence: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        """
        Crash the (occurrence + 1)-th time the engine reaches `point` ('before_persist', 'after_persist' or 'after_send'; after_send counts after_send() calls). In one update the proposer persists its proposal then the completed state (before the Ack), a peer its countersignature then the adopted Ack: occurrence 1 is each side's second.
        """
    def completed_countersigned(self) -> SignedState | None:
        """
        The countersigned, uncompleted state completed with the proposer's and own signature (2-party, before any restart), else None.
        """
    def crash(self) -> None:
        """
        Forget volatile state.
        """
    def handle(self, sender: typing.SupportsInt | typing.SupportsIndex, payload: bytes) -> typing.Any:
        """
        Handle message bytes from participant `sender`.
        """
    def install_initial(self, signed_state: SignedState) -> str | None:
        """
        Install the fully signed funding state; None or a reason name.
        """
    def load_state(self, data: bytes) -> None:
        """
        Restore a save_state() image of the same channel and index; DecodeError otherwise.
        """
    def pay(self, to: typing.SupportsInt | typing.SupportsIndex, amount: int) -> typing.Any:
        """
        Propose a payment: dict(out=..., ...) or a reason name.
        """
    def propose_close(self) -> typing.Any:
        """
        Propose the final state.
        """
    def recover(self) -> bool:
        """
        Reload from the store; False when it holds nothing usable.
        """
    def resend(self) -> list:
        """
        Messages to re-send after silence.
        """
    def save_state(self) -> bytes:
        """
        Canonical bytes of the engine's whole state (volatile part included).
        """
    def sign_initial(self) -> bytes:
        """
        This participant's signature on the funding state.
        """
    @property
    def awaiting_completion(self) -> bool:
        ...
    @property
    def channel_id(self) -> bytes:
        ...
    @property
    def countersigned_unprovable(self) -> bool:
        """
        Countersigned a newer state it cannot register itself (a peer may hold it fully signed).
        """
    @property
    def crashed(self) -> bool:
        ...
    @property
    def has_pending_proposal(self) -> bool:
        ...
    @property
    def highest_signed(self) -> int:
        ...
    @property
    def history(self) -> list[SignedState]:
        """
        Fully signed states this engine adopted, oldest first (a copy; volatile: a restart keeps only what the store held). What a StaleRegistrar chooses from.
        """
    @property
    def index(self) -> int:
        ...
    @property
    def latest(self) -> SignedState:
        """
        A copy of the latest fully signed state (StateError when crashed).
        """
class PartyStats:
    """
    Counters of one party.
    """
    @property
    def auto_force_closes(self) -> int:
        ...
    @property
    def challenges_submitted(self) -> int:
        ...
    @property
    def crashes(self) -> int:
        ...
    @property
    def late_messages_ignored(self) -> int:
        ...
    @property
    def messages_received(self) -> int:
        ...
    @property
    def messages_sent(self) -> int:
        ...
    @property
    def payments_completed(self) -> int:
        ...
    @property
    def registrations_submitted(self) -> int:
        ...
    @property
    def rejects_received(self) -> int:
        ...
    @property
    def tower_fees_owed(self) -> int:
        ...
    @property
    def txs_submitted(self) -> int:
        ...
class Party(l2lab._core.sim.Actor):
    """
    A channel participant actor (honest by default). Subclass and override respond_to(sender, payload) -> bool, state_to_register(world) -> SignedState, should_challenge(record) -> bool, or the actor hooks on_block / on_message / on_event / on_timer (the World calls the Python override; super() runs the protocol's own hook) to make an adversary that still runs the real protocol code.
    """
    def __init__(self, name: str, account: l2lab._core.sim.Account, store: Store = None) -> None:
        ...
    def arm_crash(self, point: str, occurrence: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        """
        Crash the (occurrence + 1)-th time the engine reaches `point` (see Engine.arm_crash).
        """
    def attach(self, world: l2lab._core.sim.World, params: ChannelParams, index: typing.SupportsInt | typing.SupportsIndex, adjudicator: l2lab._core.crypto.Address) -> None:
        ...
    def challenge(self, world: l2lab._core.sim.World) -> bytes:
        """
        Challenge the registered state with the latest one now; StateError when not possible.
        """
    def close(self, world: l2lab._core.sim.World) -> None:
        """
        Queue a cooperative close.
        """
    def crash(self) -> None:
        ...
    def fees_paid(self, world: l2lab._core.sim.World) -> int:
        ...
    def force_close(self, world: l2lab._core.sim.World) -> bytes:
        """
        Register state_to_register() on-chain.
        """
    def gas_used(self, world: l2lab._core.sim.World) -> int:
        ...
    def load_state(self, data: bytes) -> None:
        """
        Restore a save_state() image of a party of the same channel and index; DecodeError (party unchanged) for anything else.
        """
    def on_block(self, world: l2lab._core.sim.World, block: l2lab._core.l1.Block) -> None:
        """
        The protocol's block hook (watch chain, drive updates).
        """
    def on_event(self, world: l2lab._core.sim.World, log: l2lab._core.l1.Log) -> None:
        ...
    def on_message(self, world: l2lab._core.sim.World, sender: typing.SupportsInt | typing.SupportsIndex, payload: bytes) -> None:
        """
        The protocol's message hook.
        """
    def on_start(self, world: l2lab._core.sim.World) -> None:
        ...
    def pay(self, world: l2lab._core.sim.World, to: typing.SupportsInt | typing.SupportsIndex, amount: int) -> None:
        """
        Queue a payment (wei) to participant index.
        """
    def received(self, world: l2lab._core.sim.World) -> int:
        """
        Wei paid back to this party by the channel so far.
        """
    def record(self, world: l2lab._core.sim.World) -> ChannelRecord:
        ...
    def respond_to(self, sender: typing.SupportsInt | typing.SupportsIndex, payload: bytes) -> bool:
        ...
    def restart(self, world: l2lab._core.sim.World) -> bool:
        ...
    def save_state(self) -> bytes:
        """
        Canonical bytes of everything the party holds (engine included, its Store excluded); StateError before attach.
        """
    def set_force_close_after(self, blocks: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Register the latest state after `blocks` blocks without progress on a pending update while the channel is open (0 disables, the default).
        """
    def set_resend_interval(self, blocks: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def set_watchtower(self, tower: typing.SupportsInt | typing.SupportsIndex, fee_per_update: int) -> None:
        ...
    def should_challenge(self, record: ChannelRecord) -> bool:
        ...
    def state_to_challenge_with(self) -> SignedState:
        """
        The newest state it can prove on-chain: its latest, or the countersigned state completed with the proposer's and its own signature when newer (2 parties).
        """
    def state_to_register(self, world: l2lab._core.sim.World) -> SignedState:
        ...
    def submit_deposit(self, world: l2lab._core.sim.World, amount: int | None = None) -> bytes:
        """
        Deposit (the exact amount when None); returns the tx hash.
        """
    def submit_open(self, world: l2lab._core.sim.World) -> bytes:
        """
        Submit open(); returns the tx hash.
        """
    def submit_refund(self, world: l2lab._core.sim.World) -> bytes:
        ...
    @property
    def account(self) -> l2lab._core.sim.Account:
        ...
    @property
    def crashed(self) -> bool:
        ...
    @property
    def engine(self) -> Engine:
        ...
    @property
    def force_close_after(self) -> int:
        ...
    @property
    def funded_seen(self) -> bool:
        ...
    @property
    def last_known_balance(self) -> int:
        """
        Its balance in the last fully signed state it adopted (its deposit before any update); kept through crashes.
        """
    @property
    def latest_balance(self) -> int:
        ...
    @property
    def penalty_trap(self) -> bool:
        """
        True when registering now could be penalised: the party does not register then (force_close raises StateError).
        """
    @property
    def queued(self) -> int:
        ...
    @property
    def registered_seen(self) -> State | None:
        """
        The registered state learnt from the logs, or None.
        """
    @property
    def scanned_to(self) -> int:
        """
        First block not yet scanned for adjudicator logs.
        """
    @property
    def stats(self) -> PartyStats:
        ...
    @property
    def status_seen(self) -> str:
        """
        The channel's on-chain status as last observed.
        """
    @property
    def synced(self) -> bool:
        ...
class StaleRegistrar(Party):
    """
    Adversary: keeps every fully signed state (engine.history) and registers an older one with cheat(). Subclass and override choose_stale_version(world) -> int to pick it.
    """
    def __init__(self, name: str, account: l2lab._core.sim.Account, store: Store = None) -> None:
        ...
    def challenge_with(self, world: l2lab._core.sim.World, version: typing.SupportsInt | typing.SupportsIndex) -> bytes:
        """
        Challenge the registered state with the fully signed state `version` it held (a colluder's choice); InvalidArgumentError when it never held it; the tx hash.
        """
    def cheat(self, world: l2lab._core.sim.World, version: typing.SupportsInt | typing.SupportsIndex | None = None) -> bytes:
        """
        Register the state with `version` (choose_stale_version(world) when None); InvalidArgumentError for a version it never held; returns the tx hash.
        """
    def choose_stale_version(self, world: l2lab._core.sim.World) -> int:
        """
        The version cheat() registers when given none. Default: uniform over the versions it held below its latest (world stream 'channel/adversary/<name>').
        """
    @property
    def cheat_version(self) -> int | None:
        """
        The version the last cheat() registered, or None.
        """
class SilentParty(Party):
    """
    Adversary: answers nothing while silent (griefing).
    """
    silent: bool
    def __init__(self, name: str, account: l2lab._core.sim.Account, store: Store = None) -> None:
        ...
class Colluder(Party):
    """
    Adversary: never challenges (profits from a partner's stale registration).
    """
    def __init__(self, name: str, account: l2lab._core.sim.Account, store: Store = None) -> None:
        ...
class Watchtower(l2lab._core.sim.Actor):
    """
    Watchtower actor that never sees channel states: parties hand it (hint, encrypted blob) pairs for superseded states; it scans adjudicator logs incrementally and challenges when a registered state's signature unlocks a blob. Subclass it and override on_block / on_message / on_event (call super() to keep the tower's behaviour).
    """
    def __init__(self, name: str, account: l2lab._core.sim.Account, adjudicator: l2lab._core.crypto.Address, fee_per_update: int = 0) -> None:
        ...
    def blobs_from(self, client: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Blobs the tower holds from client actor id `client` (only that client fills its slot under a hint, so a counterparty cannot squat a victim's hint).
        """
    def gas_used(self, world: l2lab._core.sim.World) -> int:
        ...
    def justice_version(self, channel_id: bytes) -> int | None:
        """
        Newest version it can challenge with in a breached channel, else None.
        """
    def load_state(self, data: bytes) -> None:
        """
        Restore a save_state() image; DecodeError (tower unchanged) for anything else.
        """
    def on_block(self, world: l2lab._core.sim.World, block: l2lab._core.l1.Block) -> None:
        """
        The tower's own block hook (scan logs, challenge).
        """
    def on_event(self, world: l2lab._core.sim.World, log: l2lab._core.l1.Log) -> None:
        ...
    def on_message(self, world: l2lab._core.sim.World, sender: typing.SupportsInt | typing.SupportsIndex, payload: bytes) -> None:
        """
        The tower's own message hook (store a blob).
        """
    def on_start(self, world: l2lab._core.sim.World) -> None:
        ...
    def save_state(self) -> bytes:
        """
        Canonical bytes of everything the tower keeps.
        """
    @property
    def account(self) -> l2lab._core.sim.Account:
        ...
    @property
    def blobs_held(self) -> int:
        """
        Candidate justice blobs held, over every hint and client.
        """
    @property
    def breaches_detected(self) -> int:
        ...
    @property
    def challenges_submitted(self) -> int:
        ...
    @property
    def channels_known(self) -> int:
        """
        Channels the tower can identify: only those with a detected breach.
        """
    @property
    def fees_earned(self) -> int:
        """
        Wei accrued (fee_per_update per blob).
        """
    @property
    def hints_held(self) -> int:
        """
        Distinct hints held (one candidate blob per client under each).
        """
    @property
    def scanned_to(self) -> int:
        """
        First block not yet scanned for logs.
        """
    @property
    def updates_received(self) -> int:
        ...
    @property
    def updates_refused(self) -> int:
        ...
class TowerBlob:
    """
    What a party hands its tower: a 16-byte hint and a ciphertext.
    """
    @staticmethod
    def decode(data: bytes) -> TowerBlob:
        """
        Strict inverse of encode(); DecodeError otherwise.
        """
    def encode(self) -> bytes:
        """
        Wire form (the message to the tower).
        """
    @property
    def ciphertext(self) -> bytes:
        ...
    @property
    def hint(self) -> bytes:
        ...
class AdjudicatorSolvency(l2lab._core.sim.Invariant):
    """
    Invariant: the adjudicator's balance equals the deposits of its live channels.
    """
    def __init__(self, adjudicator: l2lab._core.crypto.Address) -> None:
        ...
class NoUsableBeforeFunded(l2lab._core.sim.Invariant):
    """
    Invariant: no party holds a state above version 0 before its channel is funded.
    """
    def __init__(self, parties: collections.abc.Sequence[Party]) -> None:
        ...
def bench_update_rounds(rounds: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    Run `rounds` full 2-party update rounds in C++ (for benchmarks); returns the last version.
    """
def challenge_calldata(params: ChannelParams, state: SignedState) -> bytes:
    """
    Calldata of challenge().
    """
def channel_error_names() -> list[str]:
    """
    Every typed rejection reason (also the adjudicator's revert reasons), in enum order.
    """
def check_conservation(world: l2lab._core.sim.World, adjudicator: l2lab._core.crypto.Address, parties: collections.abc.Sequence[Party]) -> str | None:
    """
    None when the adjudicator holds 0 and payouts == deposits, else what is wrong.
    """
def check_honest_safety(world: l2lab._core.sim.World, party: Party) -> str | None:
    """
    None when the party received at least its latest balance, else what is wrong.
    """
def check_no_honest_penalised(world: l2lab._core.sim.World, party: Party) -> str | None:
    """
    None unless a challenge under the penalty policy punished a state this party registered.
    """
def check_no_usable_before_funded(world: l2lab._core.sim.World, party: Party) -> str | None:
    """
    None unless the party holds a state above version 0 while its channel is not funded.
    """
def check_signatures(params: ChannelParams, digest: bytes, signed_state: SignedState) -> str | None:
    """
    None when every participant signed `digest`, else the rejection reason name.
    """
def check_state(params: ChannelParams, channel_id: bytes, state: State) -> str | None:
    """
    None when the state's shape is valid, else the rejection reason name.
    """
def cooperative_close_calldata(params: ChannelParams, final_state: SignedState) -> bytes:
    """
    Calldata of cooperative_close().
    """
def decode_message(data: bytes) -> typing.Any:
    """
    Strictly decode a protocol message into a dict with 'type' and its fields; DecodeError otherwise.
    """
def deploy_adjudicator(world: l2lab._core.sim.World) -> l2lab._core.crypto.Address:
    """
    Deploy the adjudicator contract on the world's chain; returns its Address.
    """
def deposit_calldata(params: ChannelParams, index: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    """
    Calldata of deposit() for participant index.
    """
def encode_ack(signed_state: SignedState) -> bytes:
    """
    Encode an Ack message.
    """
def encode_countersign(channel_id: bytes, version: typing.SupportsInt | typing.SupportsIndex, digest: bytes, signature: bytes) -> bytes:
    """
    Encode a Countersign message (CryptoError for a malformed signature).
    """
def encode_propose(state: State, signature: bytes) -> bytes:
    """
    Encode a Propose message.
    """
def encode_reject(channel_id: bytes, version: typing.SupportsInt | typing.SupportsIndex, reason: str) -> bytes:
    """
    Encode a Reject message; InvalidArgumentError unless reason is in channel_error_names().
    """
def encode_sync(channel_id: bytes, version: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    """
    Encode a Sync message.
    """
def encode_sync_reply(signed_state: SignedState) -> bytes:
    """
    Encode a SyncReply message.
    """
def finalize_calldata(params: ChannelParams, registered: State) -> bytes:
    """
    Calldata of finalize() with the registered state.
    """
def initial_state(params: ChannelParams, channel_id: bytes) -> State:
    """
    The funding state: version 0, balances == deposits.
    """
def make_tower_blob(own_signature: bytes, params: ChannelParams, newer: SignedState) -> TowerBlob:
    """
    Justice blob for the state signed with own_signature, carrying (params, newer).
    """
def open_calldata(params: ChannelParams) -> bytes:
    """
    Calldata of open().
    """
def open_tower_blob(signature: bytes, ciphertext: bytes) -> typing.Any:
    """
    (params, newer SignedState) when `signature` unlocks the blob, else None.
    """
def read_channel(chain: l2lab._core.l1.Chain, adjudicator: l2lab._core.crypto.Address, channel_id: bytes, n: typing.SupportsInt | typing.SupportsIndex) -> ChannelRecord:
    """
    The on-chain record of a channel with n participants.
    """
def refund_calldata(params: ChannelParams) -> bytes:
    """
    Calldata of refund().
    """
def register_calldata(params: ChannelParams, state: SignedState) -> bytes:
    """
    Calldata of register() (unilateral close).
    """
def setup_channel(world: l2lab._core.sim.World, parties: collections.abc.Sequence[Party], params: ChannelParams, adjudicator: l2lab._core.crypto.Address) -> None:
    """
    Attach parties (in participant order) and install the fully signed funding state.
    """
def state_digest(chain_id: typing.SupportsInt | typing.SupportsIndex, adjudicator: l2lab._core.crypto.Address, state: State) -> bytes:
    """
    The digest every participant signs (domain: tag, chain id, adjudicator, channel id).
    """
def tower_hint(signature: bytes) -> bytes:
    """
    Hint derived from a 65-byte signature on a superseded state.
    """
MAX_PARTICIPANTS: int = 64
