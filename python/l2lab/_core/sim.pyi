"""
World, network and actors
"""
from __future__ import annotations
import collections.abc
import l2lab._core.core
import l2lab._core.crypto
import l2lab._core.l1
import typing
__all__: list = ['OfflinePolicy', 'LinkConfig', 'NetworkConfig', 'SendResult', 'NetworkStats', 'Network', 'Actor', 'Invariant', 'Violation', 'Account', 'WorldConfig', 'WorldStats', 'TraceCounts', 'WorldSnapshot', 'World']
class OfflinePolicy:
    """
    What happens to messages whose recipient is offline when they fall due: DROP (lost) or QUEUE (delivered when it is back online).
    
    Members:
    
      DROP
    
      QUEUE
    """
    DROP: typing.ClassVar[OfflinePolicy]
    QUEUE: typing.ClassVar[OfflinePolicy]
    __members__: typing.ClassVar[dict[str, OfflinePolicy]]
    @typing.overload
    def __eq__(self, other: OfflinePolicy) -> bool:
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
    def __ne__(self, other: OfflinePolicy) -> bool:
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
class LinkConfig:
    """
    Behaviour of one directed link: latency and uniform jitter (ms), drop and duplicate probabilities, up/down. Reordering comes from jitter.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: LinkConfig) -> bool:
        ...
    def __init__(self, *, latency_ms: typing.SupportsInt | typing.SupportsIndex = 100, jitter_ms: typing.SupportsInt | typing.SupportsIndex = 0, drop_probability: typing.SupportsFloat | typing.SupportsIndex = 0.0, duplicate_probability: typing.SupportsFloat | typing.SupportsIndex = 0.0, up: bool = True) -> None:
        """
        Probabilities must be in [0, 1] and delays at most 2**40 ms (InvalidArgumentError).
        """
    def __repr__(self) -> str:
        ...
    @property
    def drop_probability(self) -> float:
        ...
    @property
    def duplicate_probability(self) -> float:
        ...
    @property
    def jitter_ms(self) -> int:
        """
        Each copy adds uniform [0, jitter_ms] ms.
        """
    @property
    def latency_ms(self) -> int:
        """
        Fixed delay, ms.
        """
    @property
    def up(self) -> bool:
        """
        False: disconnected, everything on it is lost.
        """
class NetworkConfig:
    """
    Network-wide settings.
    """
    def __init__(self, *, default_link: LinkConfig | None = None, offline_policy: typing.Any = 'drop', max_offline_queue: typing.SupportsInt | typing.SupportsIndex = 10000, max_message_bytes: typing.SupportsInt | typing.SupportsIndex = 16777216) -> None:
        """
        default_link applies to every link without an override; offline_policy is 'drop' (default) or 'queue' (bounded by max_offline_queue per actor).
        """
    def __repr__(self) -> str:
        ...
    @property
    def default_link(self) -> LinkConfig:
        ...
    @property
    def max_message_bytes(self) -> int:
        ...
    @property
    def max_offline_queue(self) -> int:
        ...
    @property
    def offline_policy(self) -> OfflinePolicy:
        ...
class SendResult:
    """
    Outcome of a send: message id, copies scheduled.
    """
    def __repr__(self) -> str:
        ...
    @property
    def copies(self) -> int:
        """
        0 (lost at send), 1, or 2 (duplicated).
        """
    @property
    def lost(self) -> str | None:
        """
        None, or why nothing was scheduled: 'dropped', 'link_down', 'sender_offline'.
        """
    @property
    def message_id(self) -> int:
        ...
class NetworkStats:
    """
    Network counters since the World began.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: NetworkStats) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def as_dict(self) -> dict:
        """
        All counters as a dict.
        """
    @property
    def copies_scheduled(self) -> int:
        ...
    @property
    def delivered(self) -> int:
        ...
    @property
    def dropped(self) -> int:
        ...
    @property
    def duplicated(self) -> int:
        ...
    @property
    def lost_disconnected(self) -> int:
        ...
    @property
    def lost_link_down(self) -> int:
        ...
    @property
    def lost_queue_full(self) -> int:
        ...
    @property
    def lost_recipient_offline(self) -> int:
        ...
    @property
    def lost_sender_offline(self) -> int:
        ...
    @property
    def queued_offline(self) -> int:
        ...
    @property
    def sent(self) -> int:
        ...
class Network:
    """
    The World's off-chain message network (World.network). Actors are named by Actor object or int id.
    """
    def __repr__(self) -> str:
        ...
    def clear_link(self, sender: typing.Any, recipient: typing.Any) -> None:
        """
        Return a link to the default config.
        """
    def is_online(self, actor: typing.Any) -> bool:
        ...
    def link(self, sender: typing.Any, recipient: typing.Any) -> LinkConfig:
        """
        Effective LinkConfig of sender -> recipient.
        """
    def queued_for(self, actor: typing.Any) -> int:
        """
        Messages parked for an offline actor (queue policy).
        """
    def send(self, sender: typing.Any, recipient: typing.Any, payload: bytes) -> SendResult:
        """
        Send payload (bytes) at the current time; same as World.send.
        """
    def set_link(self, sender: typing.Any, recipient: typing.Any, link: LinkConfig, *, symmetric: bool = False) -> None:
        """
        Override the directed link sender -> recipient (both directions if symmetric).
        """
    def set_link_up(self, a: typing.Any, b: typing.Any, up: bool) -> None:
        """
        Connect or disconnect a <-> b (both directions). In-flight copies on a link that is down at delivery time are lost.
        """
    @property
    def config(self) -> NetworkConfig:
        """
        The NetworkConfig; assigning replaces it (per-link overrides are kept).
        """
    @config.setter
    def config(self, arg1: NetworkConfig) -> None:
        ...
    @property
    def links(self) -> dict:
        """
        Per-link overrides: {(sender_id, recipient_id): LinkConfig}.
        """
    @property
    def stats(self) -> NetworkStats:
        """
        NetworkStats counters.
        """
class Actor:
    """
    Base class of actors. Subclass it and override any of on_start(world), on_block(world, block), on_message(world, sender, payload), on_event(world, log), on_timer(world, tag); call super().__init__(name). For World.snapshot/restore, override save_state() -> object and load_state(state): the World does not capture a Python actor's attributes otherwise (the object returned is kept by reference, so return a copy of anything you mutate later).
    """
    def __init__(self, name: str = 'actor') -> None:
        ...
    def __repr__(self) -> str:
        ...
    def load_state(self, state: typing.Any) -> None:
        """
        Receive what save_state returned when the snapshot was taken.
        """
    def on_block(self, world: ..., block: l2lab._core.l1.Block) -> None:
        """
        Called after every block produced by World.run.
        """
    def on_event(self, world: ..., log: l2lab._core.l1.Log) -> None:
        """
        A log matching one of this actor's subscriptions (World.subscribe).
        """
    def on_message(self, world: ..., sender: typing.SupportsInt | typing.SupportsIndex, payload: bytes) -> None:
        """
        A network message (bytes) from actor id `sender`.
        """
    def on_start(self, world: ...) -> None:
        """
        Called once before any other hook.
        """
    def on_timer(self, world: ..., tag: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        A timer set with World.schedule_timer fell due.
        """
    def save_state(self) -> None:
        """
        Return the state World.snapshot must keep for this actor (default: None).
        """
    @property
    def id(self) -> int | None:
        """
        Id in its World, or None before World.add_actor.
        """
    @property
    def name(self) -> str:
        ...
class Invariant:
    """
    A safety property checked after every block. Subclass and implement name() -> str and check(world) -> str | None (None: holds; str: what is wrong). Or pass a function to World.add_invariant(name, fn).
    """
    def __init__(self) -> None:
        ...
    def check(self, world: ...) -> str | None:
        ...
    def name(self) -> str:
        ...
class Violation:
    """
    A recorded invariant violation.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Violation) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def block_number(self) -> int:
        ...
    @property
    def detail(self) -> str:
        ...
    @property
    def invariant(self) -> str:
        ...
    @property
    def time_ms(self) -> int:
        ...
class Account:
    """
    A funded L1 account of a World: .key and .address.
    """
    def __eq__(self, arg0: Account) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def address(self) -> l2lab._core.crypto.Address:
        ...
    @property
    def key(self) -> l2lab._core.crypto.PrivateKey:
        """
        The PrivateKey (derived from the World's seed).
        """
class WorldConfig:
    """
    Configuration of a World: chain and network.
    """
    def __init__(self, *, chain: l2lab._core.l1.ChainConfig | None = None, network: NetworkConfig | None = None, max_recorded_violations: typing.SupportsInt | typing.SupportsIndex = 10000) -> None:
        ...
    @property
    def chain(self) -> l2lab._core.l1.ChainConfig:
        ...
    @property
    def max_recorded_violations(self) -> int:
        ...
    @property
    def network(self) -> NetworkConfig:
        ...
class WorldStats:
    """
    What the World's driver did.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: WorldStats) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def as_dict(self) -> dict:
        ...
    @property
    def blocks_mined(self) -> int:
        ...
    @property
    def events_delivered(self) -> int:
        ...
    @property
    def messages_delivered(self) -> int:
        ...
    @property
    def steps(self) -> int:
        ...
    @property
    def timers_fired(self) -> int:
        ...
    @property
    def timers_lost(self) -> int:
        ...
class TraceCounts:
    """
    Records absorbed into the trace digest.
    """
    def __repr__(self) -> str:
        ...
    @property
    def allocations(self) -> int:
        ...
    @property
    def blocks(self) -> int:
        ...
    @property
    def deliveries(self) -> int:
        ...
class WorldSnapshot:
    """
    Opaque capture of a World; restore it with World.restore (only into the World that took it).
    """
    def __repr__(self) -> str:
        ...
    @property
    def block_number(self) -> int:
        ...
    @property
    def now_ms(self) -> int:
        ...
    @property
    def trace_digest(self) -> bytes:
        ...
class World:
    """
    A deterministic simulated universe: L1 chain, clock, seeded randomness, message network, actors, invariants. Same seed and same calls give the same trace_digest().
    """
    def __init__(self, seed: typing.SupportsInt | typing.SupportsIndex, config: WorldConfig | None = None, *, chain: l2lab._core.l1.ChainConfig | None = None, network: NetworkConfig | None = None, block_time: typing.SupportsInt | typing.SupportsIndex | None = None) -> None:
        """
        World(seed, config=None, *, chain=None, network=None, block_time=None). seed: 0 <= seed < 2**64. chain/network/block_time override the matching parts of config.
        """
    def __repr__(self) -> str:
        ...
    def actor(self, id: typing.SupportsInt | typing.SupportsIndex) -> Actor:
        """
        The actor with this id.
        """
    def actor_of(self, address: typing.Any) -> int | None:
        """
        Id of the actor that registered the address, or None.
        """
    def add_actor(self, actor: Actor) -> int:
        """
        Register an Actor; returns its id. It is started at the next run() step.
        """
    @typing.overload
    def add_invariant(self, invariant: Invariant) -> None:
        """
        Check an Invariant after every block.
        """
    @typing.overload
    def add_invariant(self, name: str, check: collections.abc.Callable) -> None:
        """
        Check fn(world) after every block: None/True = holds, False or a str = violated.
        """
    def call(self, sender: Account, contract: typing.Any, data: bytes = b'', value: int = 0, *, nonce: typing.SupportsInt | typing.SupportsIndex | None = None, gas_limit: typing.SupportsInt | typing.SupportsIndex | None = None, max_fee_per_gas: int | None = None, max_priority_fee_per_gas: int | None = None) -> l2lab._core.l1.SubmitOutcome:
        """
        Sign and submit a contract call (default gas limit 1,000,000).
        """
    def check_invariants(self) -> int:
        """
        Run every invariant now; returns the number of new violations.
        """
    def is_online(self, actor: typing.Any) -> bool:
        ...
    def mine(self, n: typing.SupportsInt | typing.SupportsIndex = 1) -> None:
        """
        Produce n blocks: chain and clock only, no actor hooks (invariants still run).
        """
    def new_account(self, balance: int = 0) -> Account:
        """
        A new Account whose key derives from the seed; balance wei are allocated genesis-style and recorded in the trace.
        """
    def register_address(self, actor: typing.Any, address: typing.Any) -> None:
        """
        Let the actor be named by this address (Address, Account or text) in send, set_online, subscribe, schedule_timer. One actor per address.
        """
    def restore(self, snapshot: WorldSnapshot) -> None:
        """
        Return to a snapshot of this World (StateError for another World's).
        """
    def run(self, blocks: typing.SupportsInt | typing.SupportsIndex = 1) -> None:
        """
        Advance `blocks` full steps: deliver due messages/timers, produce the block, deliver its logs to subscribers, call on_block, check invariants.
        """
    def schedule_timer(self, actor: typing.Any, delay_ms: typing.SupportsInt | typing.SupportsIndex, tag: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        """
        Call actor.on_timer(world, tag) after delay_ms simulated milliseconds.
        """
    def send(self, sender: typing.Any, recipient: typing.Any, payload: bytes) -> SendResult:
        """
        Send payload (bytes) over the network at the current time. sender/recipient: Actor, id, or an address registered with register_address.
        """
    def set_online(self, actor: typing.Any, online: bool) -> None:
        """
        Offline actors get no hooks; messages to them follow the network's offline_policy.
        """
    def snapshot(self) -> WorldSnapshot:
        """
        Capture the whole World (calls save_state() on actors).
        """
    def stream(self, label: str) -> l2lab._core.core.Rng:
        """
        The persistent seeded Rng stream named label (captured by snapshots).
        """
    def submit(self, sender: Account, tx: l2lab._core.l1.Transaction, *, nonce: typing.SupportsInt | typing.SupportsIndex | None = None, gas_limit: typing.SupportsInt | typing.SupportsIndex | None = None, max_fee_per_gas: int | None = None, max_priority_fee_per_gas: int | None = None) -> l2lab._core.l1.SubmitOutcome:
        """
        Fill chain id, nonce and unset fee/gas fields of a Transaction, sign it, submit it.
        """
    def subscribe(self, actor: typing.Any, address: typing.Any = None, topics: typing.Any = None, *, from_block: typing.SupportsInt | typing.SupportsIndex = 0, to_block: typing.SupportsInt | typing.SupportsIndex | None = None) -> int:
        """
        Deliver matching logs of future run() blocks to actor.on_event. address: Address, Account or a list of them (None: any). topics: up to 4 positions, each None (any), 32 bytes, or a list of alternatives.
        """
    def trace_digest(self) -> bytes:
        """
        32-byte running Keccak-256 over blocks, allocations and delivered messages.
        """
    def transfer(self, sender: Account, to: typing.Any, value: int, *, nonce: typing.SupportsInt | typing.SupportsIndex | None = None, gas_limit: typing.SupportsInt | typing.SupportsIndex | None = None, max_fee_per_gas: int | None = None, max_priority_fee_per_gas: int | None = None) -> l2lab._core.l1.SubmitOutcome:
        """
        Sign (in C++) and submit a value transfer; `to` is an Address or Account. Returns the chain's SubmitOutcome (protocol rejections are values, not exceptions).
        """
    @property
    def accounts(self) -> list[Account]:
        """
        Accounts in creation order.
        """
    @property
    def actors(self) -> list[Actor]:
        """
        Actors in id order.
        """
    @property
    def block_number(self) -> int:
        """
        Head block number.
        """
    @property
    def chain(self) -> l2lab._core.l1.Chain:
        """
        The L1 Chain.
        """
    @property
    def network(self) -> Network:
        """
        The Network.
        """
    @property
    def now_ms(self) -> int:
        """
        Simulated time in milliseconds.
        """
    @property
    def pending_events(self) -> int:
        """
        Messages in flight plus pending timers.
        """
    @property
    def seed(self) -> int:
        ...
    @property
    def stats(self) -> WorldStats:
        ...
    @property
    def timestamp(self) -> int:
        """
        Simulated time in seconds (the head block's timestamp right after a block).
        """
    @property
    def trace_counts(self) -> TraceCounts:
        ...
    @property
    def violation_count(self) -> int:
        ...
    @property
    def violations(self) -> list[Violation]:
        """
        Recorded Violations.
        """
