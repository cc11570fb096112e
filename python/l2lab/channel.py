"""Payment channels: the adjudicator contract, off-chain states and engine, parties, watchtowers,
adversaries and invariant checkers (C++ core, ``l2lab._core.channel``).

>>> import l2lab, l2lab.channel as ch
>>> w = l2lab.World(seed=1)
>>> adj = ch.deploy_adjudicator(w)
>>> a, b = w.new_account(balance=10**20), w.new_account(balance=10**20)
>>> params = ch.ChannelParams([a.address, b.address], [10**18, 10**18], challenge_period=5)
>>> pa, pb = ch.Party("alice", a), ch.Party("bob", b)
>>> ch.setup_channel(w, [pa, pb], params, adj)
>>> for p in (pa, pb): _ = w.add_actor(p)
>>> _ = pa.submit_open(w); w.run(1); _ = pa.submit_deposit(w); _ = pb.submit_deposit(w); w.run(2)
>>> pa.pay(w, 1, 10**17); w.run(2); pb.engine.latest.state.balances
[900000000000000000, 1100000000000000000]

The :class:`Watchtower` holds only encrypted justice blobs keyed by the client's signature on
each superseded state (see :func:`make_tower_blob`); it can read one only once that state is
registered on L1. Parties and towers have strict ``save_state()`` / ``load_state(bytes)`` images.

Rejections are values: the engine returns reason names (``"invalid_signature"``, ...) and the
adjudicator reverts with the same names (see :func:`channel_error_names`). Adversaries subclass
:class:`Party` (or :class:`StaleRegistrar`, :class:`SilentParty`, :class:`Colluder`) and override
``respond_to``, ``state_to_register`` or ``should_challenge``, ``choose_stale_version`` (a
StaleRegistrar: which of the versions in ``engine.history`` ``cheat()`` registers), or the actor
hooks ``on_block``, ``on_message``, ``on_event``, ``on_timer`` (the World calls them; ``super()``
keeps the protocol). Every message type has an encoder (``encode_propose``,
``encode_countersign``, ``encode_ack``, ``encode_reject``, ``encode_sync``,
``encode_sync_reply``), so an adversary can send anything the protocol allows, and more.

Network adversaries: the World's network has no per-message policy object. Random loss,
duplication, delay and reordering (jitter) and disconnects are per-link
:class:`l2lab.sim.LinkConfig` settings (``world.network.set_link``); a targeted dropper or
reorderer is a Party subclass whose ``on_message`` override drops a message (does not call
``super()``) or keeps it and hands it to ``super().on_message`` later (from ``on_block`` or
``on_timer``) in the order it chooses.
"""

from __future__ import annotations

from ._core.channel import (
    MAX_PARTICIPANTS,
    AdjudicatorSolvency,
    ChannelParams,
    ChannelRecord,
    Colluder,
    DurableStore,
    Engine,
    MemoryStore,
    NoUsableBeforeFunded,
    Party,
    PartyStats,
    SignedState,
    SilentParty,
    StaleRegistrar,
    State,
    Store,
    TowerBlob,
    Watchtower,
    bench_update_rounds,
    challenge_calldata,
    channel_error_names,
    check_conservation,
    check_honest_safety,
    check_no_honest_penalised,
    check_no_usable_before_funded,
    check_signatures,
    check_state,
    cooperative_close_calldata,
    decode_message,
    deploy_adjudicator,
    deposit_calldata,
    encode_ack,
    encode_countersign,
    encode_propose,
    encode_reject,
    encode_sync,
    encode_sync_reply,
    finalize_calldata,
    initial_state,
    make_tower_blob,
    open_calldata,
    open_tower_blob,
    read_channel,
    refund_calldata,
    register_calldata,
    setup_channel,
    state_digest,
    tower_hint,
)

__all__ = [
    "MAX_PARTICIPANTS",
    "AdjudicatorSolvency",
    "ChannelParams",
    "ChannelRecord",
    "Colluder",
    "DurableStore",
    "Engine",
    "MemoryStore",
    "NoUsableBeforeFunded",
    "Party",
    "PartyStats",
    "SignedState",
    "SilentParty",
    "StaleRegistrar",
    "State",
    "Store",
    "TowerBlob",
    "Watchtower",
    "bench_update_rounds",
    "challenge_calldata",
    "channel_error_names",
    "check_conservation",
    "check_honest_safety",
    "check_no_honest_penalised",
    "check_no_usable_before_funded",
    "check_signatures",
    "check_state",
    "cooperative_close_calldata",
    "decode_message",
    "deploy_adjudicator",
    "deposit_calldata",
    "encode_ack",
    "encode_countersign",
    "encode_propose",
    "encode_reject",
    "encode_sync",
    "encode_sync_reply",
    "finalize_calldata",
    "initial_state",
    "make_tower_blob",
    "open_calldata",
    "open_tower_blob",
    "read_channel",
    "refund_calldata",
    "register_calldata",
    "setup_channel",
    "state_digest",
    "tower_hint",
]

# The measured L1 gas table (imported last: l2lab.channel_gas uses this module).
from .channel_gas import GasRow, format_gas_table, gas_table  # noqa: E402

__all__ += ["GasRow", "format_gas_table", "gas_table"]
