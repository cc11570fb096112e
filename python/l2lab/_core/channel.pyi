"""
payment channels: adjudicator, protocol engine, watchtower
"""
from __future__ import annotations
import collections.abc
import l2lab._core.crypto
import l2lab._core.l1
import l2lab._core.sim
import typing
__all__: list = ['MAX_PARTICIPANTS', 'channel_error_names', 'ChannelParams', 'State', 'SignedState', 'state_digest', 'initial_state', 'check_state', 'check_signatures', 'decode_message', 'encode_propose', 'encode_ack', 'encode_sync', 'ChannelRecord', 'deploy_adjudicator', 'read_channel', 'open_calldata', 'deposit_calldata', 'refund_calldata', 'cooperative_close_calldata', 'register_calldata', 'challenge_calldata', 'finalize_calldata', 'Store', 'MemoryStore', 'DurableStore', 'Engine', 'bench_update_rounds', 'PartyStats', 'Party', 'StaleRegistrar', 'SilentParty', 'Colluder', 'setup_channel', 'Watchtower', 'AdjudicatorSolvency', 'NoUsableBeforeFunded', 'check_conservation', 'check_honest_safety']
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
    def arm_crash(self, point: str) -> None:
        """
        Crash at the next such boundary of the update cycle.
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
    def crashed(self) -> bool:
        ...
    @property
    def has_pending_proposal(self) -> bool:
        ...
    @property
    def highest_signed(self) -> int:
        ...
    @property
    def index(self) -> int:
        ...
    @property
    def latest(self) -> SignedState:
        """
        Latest fully signed state (StateError when crashed).
        """
class PartyStats:
    """
    Counters of one party.
    """
    @property
    def challenges_submitted(self) -> int:
        ...
    @property
    def crashes(self) -> int:
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
    A channel participant actor (honest by default). Subclass and override respond_to(sender, payload) -> bool, state_to_register(world) -> SignedState, should_challenge(record) -> bool to make an adversary that still runs the real protocol code.
    """
    def __init__(self, name: str, account: l2lab._core.sim.Account, store: Store = None) -> None:
        ...
    def arm_crash(self, point: str) -> None:
        ...
    def attach(self, world: l2lab._core.sim.World, params: ChannelParams, index: typing.SupportsInt | typing.SupportsIndex, adjudicator: l2lab._core.crypto.Address) -> None:
        ...
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
    def set_resend_interval(self, blocks: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def set_watchtower(self, tower: typing.SupportsInt | typing.SupportsIndex, fee_per_update: int) -> None:
        ...
    def should_challenge(self, record: ChannelRecord) -> bool:
        ...
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
    def funded_seen(self) -> bool:
        ...
    @property
    def last_known_balance(self) -> int:
        ...
    @property
    def latest_balance(self) -> int:
        ...
    @property
    def queued(self) -> int:
        ...
    @property
    def stats(self) -> PartyStats:
        ...
    @property
    def synced(self) -> bool:
        ...
class StaleRegistrar(Party):
    """
    Adversary: keeps every fully signed state and registers an older one with cheat().
    """
    def __init__(self, name: str, account: l2lab._core.sim.Account, store: Store = None) -> None:
        ...
    def cheat(self, world: l2lab._core.sim.World, version: typing.SupportsInt | typing.SupportsIndex | None = None) -> bytes:
        """
        Register the state with `version` (random older one when None); returns the tx hash.
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
    Watchtower actor: receives states from parties, challenges stale registrations.
    """
    def __init__(self, name: str, account: l2lab._core.sim.Account, adjudicator: l2lab._core.crypto.Address, fee_per_update: int = 0) -> None:
        ...
    def gas_used(self, world: l2lab._core.sim.World) -> int:
        ...
    def version_held(self, channel_id: bytes) -> int | None:
        ...
    @property
    def challenges_submitted(self) -> int:
        ...
    @property
    def channels_watched(self) -> int:
        ...
    @property
    def fees_earned(self) -> int:
        ...
    @property
    def updates_received(self) -> int:
        ...
    @property
    def updates_refused(self) -> int:
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
def encode_propose(state: State, signature: bytes) -> bytes:
    """
    Encode a Propose message.
    """
def encode_sync(channel_id: bytes, version: typing.SupportsInt | typing.SupportsIndex) -> bytes:
    """
    Encode a Sync message.
    """
def finalize_calldata(params: ChannelParams, registered: State) -> bytes:
    """
    Calldata of finalize() with the registered state.
    """
def initial_state(params: ChannelParams, channel_id: bytes) -> State:
    """
    The funding state: version 0, balances == deposits.
    """
def open_calldata(params: ChannelParams) -> bytes:
    """
    Calldata of open().
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
MAX_PARTICIPANTS: int = 64
