"""Hypothesis strategies over l2lab's core types: keys, addresses, u256 amounts, L2 txs (signed,
including deliberately defective ones), batches, channel updates and adversary schedules.

>>> from hypothesis import given
>>> from l2lab.testing import strategies as lst
>>> @given(lst.amounts())
... def test_amounts_are_u256(x):
...     assert 0 <= x <= lst.U256_MAX
>>> test_amounts_are_u256()

Every strategy draws real core objects (keys are secp256k1 keys, txs are signed by the C++ core),
so what a test sees is what the protocol sees. Strategies shrink towards simple values: the first
key, amount 0, the well-formed tx, the empty schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from ..crypto import Address, PrivateKey
from ..rollup import Batch, L2Tx, TxKind

#: Order of the secp256k1 group (SEC 2, section 2.4.1): valid private keys are 1 .. N-1.
SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
U256_MAX = 2**256 - 1
#: Values where u256 arithmetic and encodings tend to break (word and limb boundaries).
U256_EDGES = (0, 1, 2, 2**8 - 1, 2**8, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**128 - 1, 2**128,
              2**255, U256_MAX - 1, U256_MAX)
#: Defects :func:`l2_txs` can inject; the rollup STF must skip each with a typed reason.
TX_DEFECTS = ("bad_signature", "wrong_chain_id", "unsigned")
#: The channel adversary vocabulary understood by :func:`l2lab.testing.adversary.run_schedule`.
CHANNEL_ACTIONS = ("pay", "mine", "drop_messages", "victim_offline", "crash", "register_stale")


def private_keys(*, edges: bool = True) -> st.SearchStrategy[PrivateKey]:
    """secp256k1 private keys (scalar 1 .. N-1), with the extremes 1, 2 and N-1 when `edges`."""
    scalars = st.integers(1, SECP256K1_N - 1)
    if edges:
        scalars = st.one_of(st.sampled_from([1, 2, SECP256K1_N - 1]), scalars)
    return scalars.map(PrivateKey.from_int)


def addresses(*, with_keys: bool = True) -> st.SearchStrategy[Address]:
    """20-byte addresses: arbitrary bytes (including zero) and, when `with_keys`, addresses of
    drawn keys (so some are spendable)."""
    raw = st.binary(min_size=20, max_size=20).map(Address)
    if not with_keys:
        return raw
    return st.one_of(private_keys().map(lambda k: k.address), raw)


def amounts(max_value: int = U256_MAX, *, min_value: int = 0,
            edges: bool = True) -> st.SearchStrategy[int]:
    """Amounts in wei in [min_value, max_value] (default: the whole u256 range), mixing uniform
    draws with :data:`U256_EDGES` and the bounds themselves. ValueError for an empty range or a
    bound outside u256."""
    if not 0 <= min_value <= max_value <= U256_MAX:
        raise ValueError(f"need 0 <= min_value <= max_value <= 2**256-1, got "
                         f"[{min_value}, {max_value}]")
    uniform = st.integers(min_value, max_value)
    if not edges:
        return uniform
    special = sorted({e for e in U256_EDGES if min_value <= e <= max_value} | {min_value, max_value})
    return st.one_of(st.sampled_from(special), uniform)


@st.composite
def l2_txs(draw: Any, keys: list[PrivateKey] | None = None, *, chain_id: int = 901,
           recipients: list[Address] | None = None, max_nonce: int = 4,
           max_value: int = 10**19, max_fee: int = 10**6,
           defects: tuple[str, ...] = TX_DEFECTS) -> L2Tx:
    """A signed L2 transfer or withdrawal from one of `keys` (default: drawn keys) to one of
    `recipients` (default: other keys' addresses or arbitrary addresses).

    Most txs are well formed; overspends and wrong nonces occur naturally from the value and
    nonce ranges. With probability ~1/4 one of `defects` (see :data:`TX_DEFECTS`) is injected:
    a signature whose r is 0, another chain id, no signature (65 zero bytes). Each is skipped by
    the STF with the reason of the same name (``unsigned`` as ``bad_signature``). Pass
    ``defects=()`` for well-formed signed txs only. The defect is recorded nowhere: check the
    STF's typed skip reason, or use :func:`labelled_l2_txs`."""
    return draw(labelled_l2_txs(keys, chain_id=chain_id, recipients=recipients,
                                max_nonce=max_nonce, max_value=max_value, max_fee=max_fee,
                                defects=defects))[0]


@st.composite
def labelled_l2_txs(draw: Any, keys: list[PrivateKey] | None = None, *, chain_id: int = 901,
                    recipients: list[Address] | None = None, max_nonce: int = 4,
                    max_value: int = 10**19, max_fee: int = 10**6,
                    defects: tuple[str, ...] = TX_DEFECTS) -> tuple[L2Tx, str | None]:
    """Like :func:`l2_txs` but returns ``(tx, defect)`` with `defect` None or a name from
    :data:`TX_DEFECTS`."""
    unknown = set(defects) - set(TX_DEFECTS)
    if unknown:
        raise ValueError(f"unknown tx defect(s) {sorted(unknown)}; known: {list(TX_DEFECTS)}")
    key = draw(st.sampled_from(keys)) if keys else draw(private_keys())
    if recipients:
        to = draw(st.sampled_from(recipients))
    elif keys:
        to = draw(st.sampled_from(keys)).address
    else:
        to = draw(addresses())
    kind = draw(st.sampled_from([TxKind.TRANSFER, TxKind.WITHDRAWAL]))
    defect = draw(st.one_of(st.just(None), st.just(None), st.just(None),
                            st.sampled_from(defects))) if defects else None
    tx = L2Tx(kind=kind, chain_id=chain_id, nonce=draw(st.integers(0, max_nonce)),
              fee=draw(amounts(max_fee)), to=to, value=draw(amounts(max_value)))
    if defect == "wrong_chain_id":
        tx.chain_id = draw(st.integers(0, 2**32).filter(lambda c: c != chain_id))
    if defect != "unsigned":
        tx.sign(key)
    if defect == "bad_signature":  # r = 0 is outside [1, N-1]: no key recovers from it
        tx.signature = bytes(32) + bytes(tx.signature)[32:]
    return tx, defect


def batches(keys: list[PrivateKey] | None = None, *, max_txs: int = 8, chain_id: int = 901,
            defects: tuple[str, ...] = TX_DEFECTS) -> st.SearchStrategy[Batch]:
    """Sequencer batches (queue index 0..3, up to `max_txs` txs from :func:`l2_txs`); encode with
    ``l2lab.rollup.encode_batch(batch, codec)``."""
    return st.builds(Batch, queue_index=st.integers(0, 3),
                     txs=st.lists(l2_txs(keys, chain_id=chain_id, defects=defects),
                                  max_size=max_txs))


@dataclass(frozen=True)
class ChannelUpdate:
    """One off-chain payment: participant `payer` pays `amount` wei to `payee`."""

    payer: int
    payee: int
    amount: int


def channel_updates(n: int = 2, *, max_amount: int = 3 * 10**18, max_size: int = 10
                    ) -> st.SearchStrategy[list[ChannelUpdate]]:
    """Sequences of payments among `n` participants (payer != payee); amounts may exceed the
    payer's balance, which the engine must reject as a value (``insufficient_balance``)."""
    if n < 2:
        raise ValueError(f"a channel has at least 2 participants, got n={n}")

    @st.composite
    def one(draw: Any) -> ChannelUpdate:
        payer = draw(st.integers(0, n - 1))
        payee = (payer + draw(st.integers(1, n - 1))) % n
        return ChannelUpdate(payer, payee, draw(amounts(max_amount)))

    return st.lists(one(), max_size=max_size)


@dataclass(frozen=True)
class ScheduleStep:
    """At `block` (relative to the schedule's start), do `action` with `arg` (see
    :data:`CHANNEL_ACTIONS`; `arg` is an amount, a block count or a probability in percent)."""

    block: int
    action: str
    arg: int = 0


def adversary_schedules(actions: tuple[str, ...] = CHANNEL_ACTIONS, *, max_steps: int = 12,
                        horizon: int = 30) -> st.SearchStrategy[list[ScheduleStep]]:
    """Adversary schedules: up to `max_steps` :class:`ScheduleStep`s at blocks 0..`horizon`,
    sorted by block. Shrinks towards fewer, earlier steps. Run one on a channel with
    :func:`l2lab.testing.adversary.run_schedule`."""
    unknown = set(actions) - set(CHANNEL_ACTIONS)
    if unknown:
        raise ValueError(f"unknown action(s) {sorted(unknown)}; known: {list(CHANNEL_ACTIONS)}")
    step = st.builds(ScheduleStep, block=st.integers(0, horizon),
                     action=st.sampled_from(actions), arg=st.integers(0, 100))
    return st.lists(step, max_size=max_steps).map(
        lambda steps: sorted(steps, key=lambda s: s.block))


__all__ = [
    "CHANNEL_ACTIONS", "SECP256K1_N", "TX_DEFECTS", "U256_EDGES", "U256_MAX", "ChannelUpdate",
    "ScheduleStep", "addresses", "adversary_schedules", "amounts", "batches", "channel_updates",
    "l2_txs", "labelled_l2_txs", "private_keys",
]
