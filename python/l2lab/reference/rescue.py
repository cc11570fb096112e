"""Pure-Python reference of Rescue-Prime Rp64_256 over Goldilocks (deliberately slow, independent).

The instance is Winterfell's ``Rp64_256`` (winter-crypto, ``crypto/src/hash/rescue/rp64_256``):
field p = 2^64 - 2^32 + 1, state width 12 (capacity = elements 0..3, rate = elements 4..11),
digest = elements 4..7, 7 rounds, S-box x^7 and inverse S-box x^(1/7 mod p-1). Each round is
``sbox -> MDS -> ARK1[r] -> inverse sbox -> MDS -> ARK2[r]`` (Rescue-XLIX, algorithm 3 of
https://eprint.iacr.org/2020/1143.pdf). The MDS matrix is the circulant with first row
``MDS_FIRST_ROW`` (Polygon Zero's small-coefficient matrix, as used by Winterfell); ARK1/ARK2 are
the round constants published in the same Winterfell file. They are data, copied as facts.

Everything else here is written from the specification: big-int modular arithmetic, the inverse
S-box as a plain ``pow`` with the inverse exponent (the C++ uses an addition chain), the sponge
conventions (first capacity element = number of absorbed elements, zero padding), 2-to-1 merge,
hash chains and Merkle paths. ``PERMUTATION_KAT`` is Winterfell's published known-answer test
(``tests.rs::apply_permutation``, produced by the Sage reference implementation).
"""

from __future__ import annotations

from collections.abc import Sequence

P = 2**64 - 2**32 + 1
STATE_WIDTH = 12
CAPACITY = 4
RATE = 8
DIGEST_SIZE = 4
RATE_START = 4  # rate = state[4:12]
DIGEST_START = 4  # digest = state[4:8]
NUM_ROUNDS = 7
ALPHA = 7
INV_ALPHA = pow(ALPHA, -1, P - 1)  # 10540996611094048183

#: First row of the circulant MDS matrix (row i is this row rotated right by i).
MDS_FIRST_ROW = (7, 23, 8, 26, 13, 10, 9, 7, 6, 22, 21, 8)
MDS: tuple[tuple[int, ...], ...] = tuple(
    tuple(MDS_FIRST_ROW[(j - i) % STATE_WIDTH] for j in range(STATE_WIDTH))
    for i in range(STATE_WIDTH)
)

# Round constants, facebook/winterfell crypto/src/hash/rescue/rp64_256/mod.rs (ARK1, ARK2).
ARK1: tuple[tuple[int, ...], ...] = (
    (
        13917550007135091859, 16002276252647722320, 4729924423368391595, 10059693067827680263,
        9804807372516189948, 15666751576116384237, 10150587679474953119, 13627942357577414247,
        2323786301545403792, 615170742765998613, 8870655212817778103, 10534167191270683080,
    ),
    (
        14572151513649018290, 9445470642301863087, 6565801926598404534, 12667566692985038975,
        7193782419267459720, 11874811971940314298, 17906868010477466257, 1237247437760523561,
        6829882458376718831, 2140011966759485221, 1624379354686052121, 50954653459374206,
    ),
    (
        16288075653722020941, 13294924199301620952, 13370596140726871456, 611533288599636281,
        12865221627554828747, 12269498015480242943, 8230863118714645896, 13466591048726906480,
        10176988631229240256, 14951460136371189405, 5882405912332577353, 18125144098115032453,
    ),
    (
        6076976409066920174, 7466617867456719866, 5509452692963105675, 14692460717212261752,
        12980373618703329746, 1361187191725412610, 6093955025012408881, 5110883082899748359,
        8578179704817414083, 9311749071195681469, 16965242536774914613, 5747454353875601040,
    ),
    (
        13684212076160345083, 19445754899749561, 16618768069125744845, 278225951958825090,
        4997246680116830377, 782614868534172852, 16423767594935000044, 9990984633405879434,
        16757120847103156641, 2103861168279461168, 16018697163142305052, 6479823382130993799,
    ),
    (
        13957683526597936825, 9702819874074407511, 18357323897135139931, 3029452444431245019,
        1809322684009991117, 12459356450895788575, 11985094908667810946, 12868806590346066108,
        7872185587893926881, 10694372443883124306, 8644995046789277522, 1422920069067375692,
    ),
    (
        17619517835351328008, 6173683530634627901, 15061027706054897896, 4503753322633415655,
        11538516425871008333, 12777459872202073891, 17842814708228807409, 13441695826912633916,
        5950710620243434509, 17040450522225825296, 8787650312632423701, 7431110942091427450,
    ),
)
ARK2: tuple[tuple[int, ...], ...] = (
    (
        7989257206380839449, 8639509123020237648, 6488561830509603695, 5519169995467998761,
        2972173318556248829, 14899875358187389787, 14160104549881494022, 5969738169680657501,
        5116050734813646528, 12120002089437618419, 17404470791907152876, 2718166276419445724,
    ),
    (
        2485377440770793394, 14358936485713564605, 3327012975585973824, 6001912612374303716,
        17419159457659073951, 11810720562576658327, 14802512641816370470, 751963320628219432,
        9410455736958787393, 16405548341306967018, 6867376949398252373, 13982182448213113532,
    ),
    (
        10436926105997283389, 13237521312283579132, 668335841375552722, 2385521647573044240,
        3874694023045931809, 12952434030222726182, 1972984540857058687, 14000313505684510403,
        976377933822676506, 8407002393718726702, 338785660775650958, 4208211193539481671,
    ),
    (
        2284392243703840734, 4500504737691218932, 3976085877224857941, 2603294837319327956,
        5760259105023371034, 2911579958858769248, 18415938932239013434, 7063156700464743997,
        16626114991069403630, 163485390956217960, 11596043559919659130, 2976841507452846995,
    ),
    (
        15090073748392700862, 3496786927732034743, 8646735362535504000, 2460088694130347125,
        3944675034557577794, 14781700518249159275, 2857749437648203959, 8505429584078195973,
        18008150643764164736, 720176627102578275, 7038653538629322181, 8849746187975356582,
    ),
    (
        17427790390280348710, 1159544160012040055, 17946663256456930598, 6338793524502945410,
        17715539080731926288, 4208940652334891422, 12386490721239135719, 10010817080957769535,
        5566101162185411405, 12520146553271266365, 4972547404153988943, 5597076522138709717,
    ),
    (
        18338863478027005376, 115128380230345639, 4427489889653730058, 10890727269603281956,
        7094492770210294530, 7345573238864544283, 6834103517673002336, 14002814950696095900,
        15939230865809555943, 12717309295554119359, 4130723396860574906, 7706153020203677238,
    ),
)

#: Winterfell's permutation KAT: permute([0, 1, ..., 11]).
PERMUTATION_KAT: tuple[tuple[int, ...], tuple[int, ...]] = (
    tuple(range(12)),
    (
        11084501481526603421, 6291559951628160880, 13626645864671311919, 18397438323058963117,
        7443014167353970324, 17930833023906771425, 4275355080008025761, 7676681476902901785,
        3460534574143792217, 11912731278641497187, 8104899243369883110, 674509706691634438,
    ),
)

Digest = tuple[int, int, int, int]


def _mds(state: Sequence[int]) -> list[int]:
    return [sum(MDS[i][j] * state[j] for j in range(STATE_WIDTH)) % P for i in range(STATE_WIDTH)]


def apply_round(state: Sequence[int], r: int) -> list[int]:
    """One Rescue-XLIX round ``r`` (0 <= r < 7) on a 12-element state of canonical integers."""
    s = [pow(x, ALPHA, P) for x in state]
    s = _mds(s)
    s = [(x + k) % P for x, k in zip(s, ARK1[r])]
    s = [pow(x, INV_ALPHA, P) for x in s]
    s = _mds(s)
    return [(x + k) % P for x, k in zip(s, ARK2[r])]


def permute(state: Sequence[int]) -> list[int]:
    """The Rp64_256 permutation (7 rounds). Elements must be integers in [0, p)."""
    if len(state) != STATE_WIDTH or any(not 0 <= x < P for x in state):
        raise ValueError("state must be 12 canonical Goldilocks elements")
    s = list(state)
    for r in range(NUM_ROUNDS):
        s = apply_round(s, r)
    return s


def hash_elements(elements: Sequence[int]) -> Digest:
    """Sponge hash: capacity[0] = len(elements), absorb 8 at a time (added), zero padding."""
    state = [0] * STATE_WIDTH
    state[0] = len(elements) % P
    i = 0
    for e in elements:
        if not 0 <= e < P:
            raise ValueError("element out of range")
        state[RATE_START + i] = (state[RATE_START + i] + e) % P
        i += 1
        if i == RATE:
            state = permute(state)
            i = 0
    if i > 0:
        state = permute(state)
    return tuple(state[DIGEST_START : DIGEST_START + DIGEST_SIZE])  # type: ignore[return-value]


def merge(left: Sequence[int], right: Sequence[int]) -> Digest:
    """2-to-1 compression of two digests (equal to ``hash_elements(left + right)``)."""
    state = [0] * STATE_WIDTH
    state[0] = RATE
    state[4:8] = list(left)
    state[8:12] = list(right)
    state = permute(state)
    return tuple(state[4:8])  # type: ignore[return-value]


def hash_chain(seed: Sequence[int], n: int) -> Digest:
    """Apply ``hash_elements`` to a 4-element digest ``n`` times, starting from ``seed``."""
    h: Digest = tuple(seed)  # type: ignore[assignment]
    for _ in range(n):
        h = hash_elements(h)
    return h


def merkle_root(leaves: Sequence[Sequence[int]]) -> Digest:
    """Root of a binary Merkle tree of digests (power-of-two count) with ``merge`` as node hash."""
    level = [tuple(x) for x in leaves]
    if not level or len(level) & (len(level) - 1):
        raise ValueError("leaf count must be a power of two")
    while len(level) > 1:
        level = [merge(level[i], level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]  # type: ignore[return-value]


def merkle_path(leaves: Sequence[Sequence[int]], index: int) -> list[Digest]:
    """Authentication path (siblings bottom-up) of leaf ``index``."""
    level = [tuple(x) for x in leaves]
    path = []
    while len(level) > 1:
        path.append(level[index ^ 1])
        level = [merge(level[i], level[i + 1]) for i in range(0, len(level), 2)]
        index >>= 1
    return path  # type: ignore[return-value]


def root_from_path(leaf: Sequence[int], index: int, path: Sequence[Sequence[int]]) -> Digest:
    """Recompute the root from a leaf, its index (bit k = side at level k) and its path."""
    h = tuple(leaf)
    for sibling in path:
        h = merge(sibling, h) if index & 1 else merge(h, sibling)
        index >>= 1
    return h  # type: ignore[return-value]
