"""Optimistic fault proofs: bonded proposals as dispute games on L1 (``l2lab.fault``).

The protocol runs in C++ (``l2lab._core.fault``): the derivation machine (the rollup's
derivation as small steps over (L2 root, cursor)), traces and one-step proofs, the dispute game
contract (bisection or k-ary dissection, OP chess clocks and bond curve, bottom-up resolution,
credits, forwarding of defender-won roots to the inbox), and players (:class:`TracePlayer`:
proposers and challengers, honest or believing a cheating :class:`StfVariant`). This module
re-exports it and adds :class:`FaultRollup`, a rollup whose roots come only from the dispute
game, with named players and DataFrame-ready tables.

>>> import l2lab
>>> from l2lab.fault import FaultRollup
>>> w = l2lab.World(seed=1)
>>> r = FaultRollup(w)                                # quick clocks: 10 blocks per team
>>> users = r.traffic()                               # deposits, transfers, skipped txs
>>> r.wrong_root_proposer("tampered"); r.honest_challenger()   # doctest: +SKIP
>>> r.settle(); r.games_table()["status"]          # doctest: +SKIP
['challenger_wins']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._core.fault import (
    MAX_ONE_STEP_PROOF_BYTES,
    Cheat,
    CheatSpec,
    ChainSource,
    ClaimInfo,
    Cursor,
    Deployment,
    DisputeGameContract,
    ExhaustivePlayer,
    FaultProofFinality,
    GameConfig,
    GameInfo,
    MachineConfig,
    MachineState,
    MissingDataError,
    NonInteractiveProof,
    OneStepProof,
    PlayerOptions,
    PlayerStats,
    RecordCaps,
    StfVariant,
    Trace,
    TraceBook,
    TracePlayer,
    VerifiedMachineStep,
    batch_txs_root,
    blob_versioned_hash_of,
    cheat_kind_names,
    check_deployable,
    deploy_fault_proofs,
    end_of_block_state,
    execute_step,
    frame_from_blob_bytes,
    game_claim_credit,
    game_count,
    game_credit,
    game_depth,
    game_error_names,
    game_forward,
    game_move,
    game_propose,
    game_prove_invalid,
    game_resolve,
    game_resolve_claim,
    game_status_names,
    game_step,
    genesis_state,
    is_end_of_block,
    make_noninteractive_proof,
    proposal_invalid,
    read_claim,
    read_game,
    required_bond,
    skip_reason_names,
    step_kind_names,
    topic_claim_moved,
    topic_claim_resolved,
    topic_claim_stepped,
    topic_credit_claimed,
    topic_game_created,
    topic_game_resolved,
    topic_root_forwarded,
    verify_one_step,
)
from ._fault_tables import FaultTables
from .core import rlp_decode
from .crypto import Address
from .rollup import (
    DerivationConfig,
    L2Tx,
    Rollup,
    RollupConfig,
    Sequencer,
    SequencerConfig,
    StfConfig,
    inbox_deposit,
    inbox_force_tx,
)

ETH = 10**18
_ZERO_ADDRESS = Address(bytes(20))

#: Cheats by name (SCENARIOS F1 / issue 5 item 6): what the cheater's STF does differently.
CHEATS = ("overspend", "bad_signature", "wrong_nonce", "wrong_fee", "tampered")


def quick_game_config(**overrides: Any) -> GameConfig:
    """A game sized for simulation: each team's clock is 10 L1 blocks (120 s, extension 24 s)
    and bonds are priced at 1 gwei per bond gas (0.0004 ETH at depth 0); OP's bond curve and
    bisection otherwise. For deployment-faithful values use ``l2lab.presets.optimism()``."""
    values: dict[str, Any] = {"max_clock_duration": 120, "clock_extension": 24,
                              "bond_gas_price": 10**9}
    values.update(overrides)
    return GameConfig(**values)


def make_cheat(name: str, *, account: Any = None, step: int = 2, amount: int = 10**6) -> Cheat:
    """The :class:`Cheat` called ``name`` (one of :data:`CHEATS`): ``overspend`` / ``bad_signature``
    / ``wrong_nonce`` apply a tx the STF skips for that reason, ``wrong_fee`` credits the fee
    recipient twice, ``tampered`` mints ``amount`` wei to ``account`` after machine step
    ``step``. ValueError for another name."""
    reasons = {"overspend": "insufficient_balance", "bad_signature": "bad_signature",
               "wrong_nonce": "wrong_nonce"}
    if name in reasons:
        return Cheat(CheatSpec(kind="apply_skipped", reason=reasons[name]))
    if name == "wrong_fee":
        return Cheat(CheatSpec(kind="wrong_fee"))
    if name == "tampered":
        if account is None:
            raise ValueError("the 'tampered' cheat needs the account that receives the minted wei")
        return Cheat(CheatSpec(kind="mint", step=step, account=account, amount=amount))
    raise ValueError(f"unknown cheat {name!r}; known: {list(CHEATS)}")


#: Decompression cap of a fault-proof rollup's batches (bytes): an OpenBatch step decodes a whole
#: batch in one L1 transaction, at GameConfig.decode_gas_per_byte (16) per byte, so the cap must
#: keep that within a block (the rollup's default 16 MiB cap would not).
FAULT_MAX_DECOMPRESSED = 1 << 19


def fault_rollup_config(**overrides: Any) -> RollupConfig:
    """A RollupConfig for a fault-proof rollup: forced window 3 blocks and the decompression cap
    :data:`FAULT_MAX_DECOMPRESSED`; keyword overrides win."""
    values: dict[str, Any] = {"forced_window": 3, "max_decompressed": FAULT_MAX_DECOMPRESSED}
    values.update(overrides)
    return RollupConfig(**values)


@dataclass(frozen=True)
class FaultRollupConfig:
    """How a fault-proof rollup is deployed: the rollup's own parameters (``RollupConfig``,
    default :func:`fault_rollup_config`; its ``finality_*`` and ``propose_every_blocks`` fields
    do not apply: roots come from the game), the dispute game (``GameConfig``; None: :func:`quick_game_config`), the finality
    delay of a forwarded root in L1 blocks, and the L1 balance given to each player."""

    rollup: RollupConfig = field(default_factory=lambda: fault_rollup_config())
    game: Any = None
    finality_delay_blocks: int = 0
    player_balance: int = 100 * ETH

    def __post_init__(self) -> None:
        if self.rollup.mode != "optimistic":
            raise ValueError("a fault-proof rollup needs RollupConfig(mode='optimistic')")
        if self.game is not None and not isinstance(self.game, GameConfig):
            raise TypeError(f"game must be a GameConfig or None, got {type(self.game).__name__}")
        if isinstance(self.finality_delay_blocks, bool) or self.finality_delay_blocks < 0:
            raise ValueError("finality_delay_blocks must be a non-negative int")

    @classmethod
    def from_preset(cls, preset: Any, **overrides: Any) -> FaultRollupConfig:
        """From ``l2lab.presets.optimism()`` / ``arbitrum()``: its game config and finality
        delay (keyword overrides for the other fields)."""
        overrides.setdefault("game", preset.game_config())
        overrides.setdefault("finality_delay_blocks", preset.finality_delay_blocks())
        return cls(**overrides)


class FaultRollup(FaultTables, Rollup):
    """A rollup whose state roots come from the dispute game: its inbox accepts roots only from
    the game contract, which forwards defender-won proposals. Everything of
    :class:`~l2lab.rollup.Rollup` works (deposits, L2 txs, ``verifier()``, ``roots()``,
    ``withdrawal_claim``, the batch tables); players are added by role and named in the
    tables."""

    def __init__(self, world: Any, config: FaultRollupConfig | None = None) -> None:  # noqa: D107
        self.fault_config = config or FaultRollupConfig()
        self.world = world
        self.config = self.fault_config.rollup
        c = self.config
        game = self.fault_config.game
        game = quick_game_config() if game is None else game.__copy__()
        game.machine = MachineConfig(c.forced_window, c.max_decompressed)
        # Refuse a bad config before anything is added to the World.
        check_deployable(game, world.chain.config.block_gas_limit)
        self.sequencer_account = world.new_account(balance=c.sequencer_balance)
        addr = self.sequencer_account.address
        self.stf = StfConfig(chain_id=c.chain_id, fee_recipient=addr)
        game.stf = self.stf
        self.deployment: Deployment = deploy_fault_proofs(
            world, addr, game, self.fault_config.finality_delay_blocks, addr)
        self.inbox = self.deployment.inbox
        self.game_contract = self.deployment.games
        self.inbox_contract = None  # type: ignore[assignment]  # deployed by deploy_fault_proofs
        self.derivation_config = DerivationConfig(
            self.inbox, self.stf, forced_window=c.forced_window, max_decompressed=c.max_decompressed)
        self.sequencer = Sequencer(self.sequencer_account, SequencerConfig(
            self.derivation_config, codec=c.codec, level=c.level, da=c.da, ordering=c.ordering,
            max_batch_txs=c.max_batch_txs, max_batch_bytes=c.max_batch_bytes,
            post_every_blocks=c.post_every_blocks, propose_every_blocks=0,
            max_wait_blocks=c.max_wait_blocks, max_delay_blocks=c.max_delay_blocks))
        world.add_actor(self.sequencer)
        self.players: dict[str, TracePlayer] = {}
        self._next_key = 0xFA000

    # ---- configuration ----
    @property
    def game_config(self) -> GameConfig:
        return self.deployment.config

    @property
    def block_time(self) -> int:
        return int(self.world.chain.config.block_time)

    def bond(self, depth: int) -> int:
        """Wei required for a claim at ``depth``."""
        return int(required_bond(self.game_config, depth))

    # ---- players ----
    def add_player(self, name: str, *, believes: Any = "honest", options: PlayerOptions | None = None,
                   kind: type | None = None, balance: int | None = None,
                   **option_values: Any) -> TracePlayer:
        """Add a :class:`TracePlayer` (or ``kind``, a subclass) named ``name`` with a fresh funded
        account. ``believes``: ``"honest"``, a cheat name (:data:`CHEATS`; ``tampered`` mints to
        the player's own address), or an :class:`StfVariant`. ``option_values`` set
        :class:`PlayerOptions` fields; ``balance``: its L1 funds in wei (default
        ``FaultRollupConfig.player_balance``). ValueError for a taken name or unknown cheat."""
        if name in self.players:
            raise ValueError(f"a player named {name!r} already exists")
        opts = options.__copy__() if options is not None else PlayerOptions()
        for key, value in option_values.items():
            if not hasattr(opts, key):
                raise TypeError(f"unknown player option {key!r}")
            setattr(opts, key, value)
        funds = self.fault_config.player_balance if balance is None else balance
        account = self.world.new_account(balance=funds)
        variant = self._variant(believes, account.address)
        player = (kind or TracePlayer)(name, account, self.deployment, opts, variant)
        self.world.add_actor(player)
        self.players[name] = player
        return player

    def _variant(self, believes: Any, address: Any) -> StfVariant | None:
        if believes is None or (isinstance(believes, str) and believes == "honest"):
            return None
        if isinstance(believes, StfVariant):
            return believes
        if isinstance(believes, str):
            return make_cheat(believes, account=address)
        if isinstance(believes, CheatSpec):
            spec = CheatSpec(kind=believes.kind, reason=believes.reason, step=believes.step,
                             account=believes.account, amount=believes.amount)
            if spec.kind == "mint" and spec.account == _ZERO_ADDRESS:
                spec.account = address
            return Cheat(spec)
        raise TypeError("believes must be 'honest', a cheat name, a CheatSpec or an StfVariant, "
                        f"got {believes!r}")

    def honest_proposer(self, name: str = "proposer", *, every_blocks: int = 1000,
                        **options: Any) -> TracePlayer:
        """Proposes the honest end state every ``every_blocks`` L1 blocks (from its first
        block) and defends it."""
        return self.add_player(name, propose_every_blocks=every_blocks, **options)

    def honest_challenger(self, name: str = "challenger", **options: Any) -> TracePlayer:
        """Answers every wrong claim in every game; proposes nothing."""
        return self.add_player(name, **options)

    def wrong_root_proposer(self, cheat: Any = "tampered", name: str = "cheater", *,
                            every_blocks: int = 1000, **options: Any) -> TracePlayer:
        """Proposes (and defends) the end state of a cheating STF."""
        return self.add_player(name, believes=cheat, propose_every_blocks=every_blocks, **options)

    def valid_root_attacker(self, cheat: Any = "tampered", name: str = "attacker",
                            **options: Any) -> TracePlayer:
        """Challenges valid roots: it believes a cheating trace and counters what disagrees."""
        return self.add_player(name, believes=cheat, **options)

    def clock_burner(self, cheat: Any = "tampered", name: str = "burner", *, propose: bool = True,
                     left_seconds: int | None = None, **options: Any) -> TracePlayer:
        """A cheater that answers only when about ``left_seconds`` (default 2 blocks) remain on
        its clock; it proposes its wrong root when ``propose``."""
        left = 2 * self.block_time if left_seconds is None else left_seconds
        if propose:
            options.setdefault("propose_every_blocks", 1000)
        return self.add_player(name, believes=cheat, respond_when_left_seconds=left, **options)

    def sybils(self, n: int, name: str = "sybil", **options: Any) -> list[TracePlayer]:
        """``n`` attackers named ``<name>0``.. each believing a different tampered trace
        (1000 + i wei minted to itself after machine step 1 + i % 3), so each posts its own
        wrong claims against valid roots."""
        if n < 1:
            raise ValueError("n must be >= 1")
        return [self.add_player(f"{name}{i}", believes=CheatSpec(kind="mint", step=1 + i % 3,
                                                                 amount=1000 + i), **options)
                for i in range(n)]

    def exhaustive_player(self, name: str = "exhaustive", *, max_claims_per_game: int = 200) -> ExhaustivePlayer:
        """The :class:`ExhaustivePlayer`: every legal move of small games, on both sides."""
        if name in self.players:
            raise ValueError(f"a player named {name!r} already exists")
        account = self.world.new_account(balance=self.fault_config.player_balance)
        player = ExhaustivePlayer(name, account, self.deployment, max_claims_per_game)
        self.world.add_actor(player)
        self.players[name] = player
        return player

    def crash(self, player: TracePlayer | str, *, offline: bool = True) -> TracePlayer:
        """Crash a player: it forgets its traces and in-flight transactions, and (``offline``)
        gets no blocks until :meth:`restart`."""
        p = self._player(player)
        p.crash()
        if offline:
            self.world.set_online(p, False)
        return p

    def restart(self, player: TracePlayer | str) -> TracePlayer:
        """Bring a crashed player back; it rebuilds everything from the chain at its next block."""
        p = self._player(player)
        self.world.set_online(p, True)
        return p

    def _player(self, player: TracePlayer | str) -> TracePlayer:
        if isinstance(player, str):
            try:
                return self.players[player]
            except KeyError:
                raise KeyError(f"no player {player!r}; players: {sorted(self.players)}") from None
        return player

    # ---- traffic ----
    def traffic(self, *, users: int = 3, transfers: int = 4, skipped: bool = True,
                blocks: int = 2) -> list[Any]:
        """A small history for disputes to be about: L1 deposits of 1 ETH to ``users`` L2 keys,
        ``transfers`` transfers (fee 10 wei) from the first to the second, and when ``skipped``
        three forced txs the STF skips: an unfunded transfer (``insufficient_balance``), one
        with an unrecoverable signature (``bad_signature``) and one with a future nonce
        (``wrong_nonce``), so every named cheat changes the root. Runs ``blocks`` blocks after each phase; returns the L2 keys (the last is
        unfunded)."""
        from . import PrivateKey

        keys = [PrivateKey.from_int(self._next_key + i) for i in range(users + 1)]
        self._next_key += users + 1
        payer = self.world.new_account(balance=(users + 10) * ETH)
        for k in keys[:users]:
            self.world.call(payer, self.inbox, inbox_deposit(k.address), ETH)
        self.world.run(blocks)
        if users < 2:
            raise ValueError("traffic needs users >= 2")
        base = self.nonce(keys[0].address)
        for i in range(transfers):
            self.submit(self.transfer(keys[0], keys[1].address, 1000 + i, fee=10, nonce=base + i))
        if skipped:
            poor = keys[users]
            unfunded = L2Tx(chain_id=self.config.chain_id, nonce=0, fee=10,
                            to=keys[0].address, value=5)
            unfunded.sign(poor)
            self.world.call(payer, self.inbox, inbox_force_tx(unfunded.encode()))
            forged = self.transfer(keys[users - 1], keys[0].address, 123, fee=10,
                                   nonce=self.nonce(keys[users - 1].address))
            sig = bytearray(forged.signature)
            sig[64] = 7  # recovery id out of range: never recovers
            forged.signature = bytes(sig)
            self.world.call(payer, self.inbox, inbox_force_tx(forged.encode()))
            early = self.transfer(keys[0], keys[1].address, 9, fee=10, nonce=base + transfers + 5)
            self.world.call(payer, self.inbox, inbox_force_tx(early.encode()))
        self.world.run(blocks + self.config.forced_window)
        return keys

    # ---- reading the game ----
    def game_infos(self) -> list[GameInfo]:
        chain = self.world.chain
        return [read_game(chain, self.game_contract, g)
                for g in range(game_count(chain, self.game_contract))]

    def claim_infos(self, game: int) -> list[ClaimInfo]:
        chain = self.world.chain
        info = read_game(chain, self.game_contract, game)
        return [read_claim(chain, self.game_contract, game, c) for c in range(info.claim_count)]

    def games_balance(self) -> int:
        """Wei held by the game contract."""
        return int(self.world.chain.balance(self.game_contract))

    def unresolved_bonds(self) -> int:
        """Σ bonds of claims not yet resolved (wei)."""
        return sum(int(c.bond) for g in self.game_infos() for c in self.claim_infos(g.index)
                   if not c.resolved)

    def unclaimed_credits(self) -> int:
        """Σ unclaimed credits of every address that ever held a claim, countered one, or is a
        player (wei)."""
        return sum(int(game_credit(self.world.chain, self.game_contract, a))
                   for a in self._participants())

    def credits_paid(self) -> dict[str, int]:
        """Wei paid out by ``claim_credit`` so far, by recipient address (text), from the
        contract's CreditClaimed logs."""
        out: dict[str, int] = {}
        for log in self.world.chain.logs(self.game_contract, [topic_credit_claimed()]):
            recipient, amount = rlp_decode(log.data)
            key = str(Address(bytes(recipient)))
            out[key] = out.get(key, 0) + int.from_bytes(amount, "big")
        return out

    def bonds_posted(self) -> dict[str, int]:
        """Wei posted as bonds so far, by claimant address (text): every accepted bond is a
        claim's."""
        out: dict[str, int] = {}
        for g in self.game_infos():
            for c in self.claim_infos(g.index):
                key = str(c.claimant)
                out[key] = out.get(key, 0) + int(c.bond)
        return out

    def solvency_gap(self) -> int:
        """Game contract balance − (unresolved bonds + unclaimed credits): 0 when solvent."""
        return self.games_balance() - self.unresolved_bonds() - self.unclaimed_credits()

    def _participants(self) -> list[Any]:
        seen: dict[str, Any] = {str(p.account.address): p.account.address
                                for p in self.players.values()}
        for g in self.game_infos():
            for c in self.claim_infos(g.index):
                seen.setdefault(str(c.claimant), c.claimant)
                if c.countered_by is not None:
                    seen.setdefault(str(c.countered_by), c.countered_by)
        return list(seen.values())

    def forwardable(self, game: int) -> bool:
        """Whether ``forward(game)`` would succeed now (asked of the contract by a view call:
        a defender-won game whose parent is final and that no later root supersedes)."""
        data = game_forward(game)
        return bool(self.world.chain.view_call(self.sequencer_account.address, self.game_contract,
                                               data, 400_000).success)

    def settled(self) -> bool:
        """Every game resolved, no defender-won game still waiting to be forwarded, and the game
        contract empty (every credit claimed)."""
        if game_count(self.world.chain, self.game_contract) == 0:
            return False
        for g in self.game_infos():
            if g.status == "in_progress":
                return False
            if g.status == "defender_wins" and not g.forwarded and self.forwardable(g.index):
                return False
        return self.games_balance() == 0

    def settle(self, max_blocks: int = 400) -> int:
        """Run block by block until :meth:`settled` (or ``max_blocks``); the blocks run."""
        for i in range(max_blocks):
            if self.settled():
                return i
            self.world.run(1)
        return max_blocks

    def verify_step(self, proof: OneStepProof | bytes, target_block: int) -> VerifiedMachineStep:
        """Check a one-step proof (object or its bytes) as the game contract would, off-chain."""
        if not isinstance(proof, OneStepProof):
            proof = OneStepProof.decode(bytes(proof))
        return verify_one_step(self.world.chain, self.inbox, proof, target_block,
                               self.game_config.machine, self.game_config.stf)

    def trace(self, from_block: int, to_block: int, believes: Any = "honest") -> Trace:
        """The machine trace from the believed end of ``from_block`` (0: genesis) to the end of
        ``to_block``, honest or as ``believes`` would compute it (as in :meth:`add_player`; a
        ``tampered`` named cheat mints to the sequencer account: pass a :class:`Cheat` to
        choose)."""
        variant = self._variant(believes, self.sequencer_account.address)
        book = TraceBook(self.deployment, variant)  # type: ignore[arg-type]  # None: honest
        book.sync(self.world.chain)
        return book.trace_between(from_block, to_block)

    def config_dict(self) -> dict[str, Any]:
        d = super().config_dict()
        g = self.game_config
        d.update({"game." + k: getattr(g, k) for k in (
            "branching", "max_depth", "max_clock_duration", "clock_extension", "bond_base_gas",
            "bond_multiplier_wad", "bond_gas_price")})
        d["finality_delay_blocks"] = self.fault_config.finality_delay_blocks
        return d

    def __repr__(self) -> str:
        return (f"FaultRollup(inbox={self.inbox}, games={self.game_contract}, "
                f"players={sorted(self.players)})")


__all__ = [
    "CHEATS", "ETH", "FAULT_MAX_DECOMPRESSED", "MAX_ONE_STEP_PROOF_BYTES", "ChainSource", "Cheat", "CheatSpec", "ClaimInfo",
    "Cursor", "Deployment", "DisputeGameContract", "ExhaustivePlayer", "FaultProofFinality",
    "FaultRollup", "FaultRollupConfig", "GameConfig", "GameInfo", "MachineConfig", "MachineState",
    "MissingDataError", "NonInteractiveProof", "OneStepProof", "PlayerOptions", "PlayerStats",
    "RecordCaps", "StfVariant", "Trace", "TraceBook", "TracePlayer", "VerifiedMachineStep",
    "batch_txs_root", "blob_versioned_hash_of", "cheat_kind_names", "check_deployable",
    "deploy_fault_proofs",
    "end_of_block_state", "execute_step", "fault_rollup_config", "frame_from_blob_bytes", "game_claim_credit",
    "game_count", "game_credit", "game_depth", "game_error_names", "game_forward", "game_move",
    "game_propose", "game_prove_invalid", "game_resolve", "game_resolve_claim",
    "game_status_names", "game_step", "genesis_state", "is_end_of_block", "make_cheat",
    "make_noninteractive_proof", "proposal_invalid", "quick_game_config", "read_claim",
    "read_game", "required_bond", "skip_reason_names", "step_kind_names", "topic_claim_moved",
    "topic_claim_resolved", "topic_claim_stepped", "topic_credit_claimed", "topic_game_created",
    "topic_game_resolved", "topic_root_forwarded", "verify_one_step",
]
