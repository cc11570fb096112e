"""Define a small STARK AIR in Python; it is evaluated in C++.

Constraints are written with ordinary arithmetic on symbolic cells; the builder records them as
a straight-line program that ``ExprAir`` (C++) interprets row by row without the GIL, over
F_p for the prover and over F_p^3 for the verifier. Degrees are computed, not declared.

    b = AirBuilder("fibonacci2", width=2, length=64)
    x, y = b.current(0), b.current(1)
    b.enforce(b.next(0) - y)             # x' = y
    b.enforce(b.next(1) - (x + y))       # y' = x + y
    b.assert_value(0, 0, 1); b.assert_value(1, 0, 1)
    b.assert_value(1, 63, result, public=True)
    air = b.build()                      # an l2lab.validity.stark Air

Cost: one interpreted step per node and row (a few times slower than a hand-written C++ AIR);
meant for toy and teaching AIRs up to ~2^16 rows, not for production-size statements.
"""

from __future__ import annotations

from collections.abc import Sequence

from l2lab._core.validity import stark as _stark

P = 2**64 - 2**32 + 1
MAX_DEGREE = 16

__all__ = ["AirBuilder", "Expr", "P"]


class Expr:
    """A symbolic field expression (a node of the builder's program). Combine with + - * **."""

    __slots__ = ("_builder", "index", "degree")

    def __init__(self, builder: AirBuilder, index: int, degree: int) -> None:
        self._builder = builder
        self.index = index
        self.degree = degree

    def _lift(self, other: Expr | int) -> Expr:
        if isinstance(other, Expr):
            if other._builder is not self._builder:
                raise ValueError("expressions from different AirBuilders cannot be combined")
            return other
        if isinstance(other, bool) or not isinstance(other, int):
            return NotImplemented  # type: ignore[return-value]
        return self._builder.constant(other)

    def _binary(self, op: str, a: Expr, b: Expr) -> Expr:
        return self._builder._node(op, a, b)

    def __add__(self, other: Expr | int) -> Expr:
        o = self._lift(other)
        return NotImplemented if o is NotImplemented else self._binary("add", self, o)

    def __radd__(self, other: int) -> Expr:
        o = self._lift(other)
        return NotImplemented if o is NotImplemented else self._binary("add", o, self)

    def __sub__(self, other: Expr | int) -> Expr:
        o = self._lift(other)
        return NotImplemented if o is NotImplemented else self._binary("sub", self, o)

    def __rsub__(self, other: int) -> Expr:
        o = self._lift(other)
        return NotImplemented if o is NotImplemented else self._binary("sub", o, self)

    def __mul__(self, other: Expr | int) -> Expr:
        o = self._lift(other)
        return NotImplemented if o is NotImplemented else self._binary("mul", self, o)

    def __rmul__(self, other: int) -> Expr:
        o = self._lift(other)
        return NotImplemented if o is NotImplemented else self._binary("mul", o, self)

    def __neg__(self) -> Expr:
        return self._binary("sub", self._builder.constant(0), self)

    def __pow__(self, exponent: int) -> Expr:
        if isinstance(exponent, bool) or not isinstance(exponent, int) or exponent < 1:
            raise ValueError("exponent must be an int >= 1")
        result: Expr | None = None
        base = self
        while exponent:
            if exponent & 1:
                result = base if result is None else result * base
            exponent >>= 1
            if exponent:
                base = base * base
        assert result is not None
        return result

    def __repr__(self) -> str:
        return f"Expr(node={self.index}, degree={self.degree})"


class AirBuilder:
    """Collects cells, constraints, assertions, periodic columns and public inputs of an AIR."""

    def __init__(self, name: str, width: int, length: int) -> None:
        if not name:
            raise ValueError("name must be non-empty")
        if width < 1:
            raise ValueError("width must be >= 1")
        self.name = name
        self.width = width
        self.length = length
        self._nodes: list[tuple[str, int, int]] = []
        self._degrees: list[int] = []
        self._cache: dict[tuple[str, int, int], Expr] = {}
        self._constraints: list[int] = []
        self._assertions: list[tuple[int, int, int]] = []
        self._public: list[int] = []
        self._periodic: list[list[int]] = []

    # -- leaves -------------------------------------------------------------------------------
    def _node(self, op: str, a: Expr | int, b: Expr | int = 0) -> Expr:
        ia = a.index if isinstance(a, Expr) else a
        ib = b.index if isinstance(b, Expr) else b
        key = (op, ia, ib)
        if key in self._cache:
            return self._cache[key]
        if op in ("add", "sub"):
            degree = max(self._degrees[ia], self._degrees[ib])
        elif op == "mul":
            degree = self._degrees[ia] + self._degrees[ib]
        else:
            degree = 0 if op == "constant" else 1
        e = Expr(self, len(self._nodes), degree)
        self._nodes.append(key)
        self._degrees.append(degree)
        self._cache[key] = e
        return e

    def constant(self, value: int) -> Expr:
        """The field constant ``value mod p`` (negative ints wrap)."""
        return self._node("constant", value % P)

    def current(self, column: int) -> Expr:
        """The cell of ``column`` in the current row."""
        self._check_column(column)
        return self._node("current", column)

    def next(self, column: int) -> Expr:
        """The cell of ``column`` in the next row."""
        self._check_column(column)
        return self._node("next", column)

    def periodic(self, values: Sequence[int]) -> Expr:
        """A periodic column (power-of-two length <= trace length) read at the current row."""
        self._periodic.append([v % P for v in values])
        return self._node("periodic", len(self._periodic) - 1)

    # -- statement ----------------------------------------------------------------------------
    def enforce(self, expr: Expr) -> None:
        """Require ``expr == 0`` on every row but the last (a transition constraint)."""
        if not isinstance(expr, Expr) or expr._builder is not self:
            raise ValueError("enforce() takes an expression of this builder")
        if expr.degree == 0:
            raise ValueError("a constant constraint is either always or never satisfied")
        if expr.degree > MAX_DEGREE:
            raise ValueError(f"constraint degree {expr.degree} exceeds {MAX_DEGREE}")
        self._constraints.append(expr.index)

    def assert_value(self, column: int, row: int, value: int, *, public: bool = False) -> None:
        """Boundary constraint: trace[row][column] == value (also a public input if asked)."""
        self._check_column(column)
        if not 0 <= row < self.length:
            raise ValueError(f"row {row} outside the trace of {self.length} rows")
        self._assertions.append((column, row, value % P))
        if public:
            self._public.append(value % P)

    def public_input(self, value: int) -> None:
        """Bind an extra value into the statement (Fiat-Shamir)."""
        self._public.append(value % P)

    def build(self) -> _stark.ExprAir:
        """The C++ AIR (ValueError for whatever ExprAir refuses)."""
        return _stark.ExprAir(
            self.name, self.width, self.length, list(self._nodes), list(self._constraints),
            list(self._assertions), list(self._public), [list(c) for c in self._periodic],
        )

    @property
    def degrees(self) -> list[int]:
        """Degree of each constraint so far (cells and periodic values count 1)."""
        return [self._degrees[i] for i in self._constraints]

    def _check_column(self, column: int) -> None:
        if not 0 <= column < self.width:
            raise ValueError(f"column {column} outside width {self.width}")
