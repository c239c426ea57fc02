"""Exact reasoning without z3: bound propagation and a checked witness, in Fractions.

`decide()` answers whether a set of linear rows over a few quantities can hold together, for
the common small parts of an article (sums, bounds, ranks, repeats), so that z3 runs only for
what this cannot decide.  It never guesses:

- "unsat" only when propagation empties a quantity's domain.  Each bound carries the groups of
  the rows that produced it, so the emptied domain names groups that alone cannot hold (a
  candidate conflict: verify.evaluate.smt still shrinks it by deletion).
- "sat" only with a witness: the quantities are given values one by one (an end of what is
  left, else a middle value; whole numbers for integers), re-propagating after each, and the
  full assignment is then checked against every row exactly.
- "unknown" otherwise; the caller asks z3.

Propagation: a row  sum(c*x) <op> rhs  bounds each x by what the others allow
(c*x <= rhs - min(others), c*x >= rhs - max(others)); an end is open when the row is strict
or an end it was computed from is open; integers are rounded inward (2 < n <= 5/2 leaves
nothing).  Rows whose quantities changed are revisited until nothing changes or a cap on
revisits is reached (a cut-off propagation is still sound: its domains are still implied).

`extreme()` gives the exact optimum of a sum of quantities, when propagation bounds it and a
witness attains the bound (whole-number sums: the gap is closed by bisection, each step
decided as above; reals only: an open end's supremum is the closed rows' maximum, once a
witness shows the rows can hold); otherwise it says it did not decide, and the caller asks z3.

Example: total 10 = A 4 + B 3 + C + D, C and D non-negative integers -> sat, C 0, D 3.
Example: the same with total 20 and "A had the most" (A >= C, A >= D) -> unsat: C + D = 13
but each is at most 4.
"""
from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, cast

from quicktions import Fraction

ROUNDS = 40          # revisits per row before propagation stops (it stays sound)

# An exact number: rows scaled to whole numbers (see `scaled`) keep ints, which are much faster
# than Fractions; a quotient that does not divide is a Fraction.
Exact = int | Fraction
Why = frozenset[str]                              # the groups of the rows a bound rests on
Uses = dict[int, list[int]]                       # quantity -> the rows to revisit when it changes
_NOTHING: Why = frozenset()


class Row(NamedTuple):
    """sum(c * x[i] for i, c in terms) <op> rhs, from `group` (None: always on)."""
    group: str | None
    terms: tuple[tuple[int, Exact], ...]
    op: str
    rhs: Exact


class Answer(NamedTuple):
    status: str                                  # "sat" | "unsat" | "unknown"
    core: tuple[str, ...] = ()                   # unsat: groups that alone cannot hold
    model: dict[int, Exact] | None = None        # sat: a checked witness (`decide()`: Fractions)


UNKNOWN = Answer("unknown")


def holds(row: Row, model: Mapping[int, Exact]) -> bool:
    """Does the exact assignment satisfy the row?"""
    return all_hold((row,), model)


def all_hold(rows: Iterable[Row], model: Mapping[int, Exact]) -> bool:
    """Does the exact assignment satisfy every row?"""
    for row in rows:
        terms = row.terms
        if len(terms) == 1:
            ((i, c),) = terms
            total = c * model[i]
        else:
            total = sum(c * model[i] for i, c in terms)
        op = row.op
        rhs = row.rhs
        if not (total == rhs if op == "==" else total <= rhs if op == "<=" else
                total >= rhs if op == ">=" else total < rhs if op == "<" else total > rhs):
            return False
    return True


class _Empty(Exception):
    """A domain became empty; `why` holds the groups whose rows emptied it."""

    def __init__(self, why: Why) -> None:
        super().__init__()
        self.why = why


class _Domains:
    """Each quantity's interval, with the groups each end was derived from (kept while
    `tracking`: in the first propagation of a set of rows, whose emptied domain names a core)."""

    __slots__ = ("hi", "hi_open", "hi_why", "integer", "lo", "lo_open", "lo_why", "tracking")

    def __init__(self, integer: Sequence[bool]) -> None:
        n = len(integer)
        self.integer = integer
        self.lo: list[Exact | None] = [None] * n
        self.hi: list[Exact | None] = [None] * n
        self.lo_open = [False] * n
        self.hi_open = [False] * n
        self.lo_why: list[Why] = [_NOTHING] * n
        self.hi_why: list[Why] = [_NOTHING] * n
        self.tracking = True      # whys are kept: a core is read from the first propagation

    def copy(self) -> _Domains:
        other = _Domains(())      # filled below (a compiled class has no bare __new__)
        other.integer = self.integer
        other.tracking = False    # a copy is for a witness or an optimum: no core is read from it
        other.lo, other.hi = self.lo[:], self.hi[:]
        other.lo_open, other.hi_open = self.lo_open[:], self.hi_open[:]
        other.lo_why, other.hi_why = self.lo_why[:], self.hi_why[:]
        return other

    def extended(self, integer: bool) -> _Domains:
        """A copy with one more quantity, unbounded."""
        other = self.copy()
        other.integer = list(self.integer) + [integer]
        for name, empty in (("lo", None), ("hi", None), ("lo_open", False), ("hi_open", False),
                            ("lo_why", _NOTHING), ("hi_why", _NOTHING)):
            getattr(other, name).append(empty)
        return other

    def round_lo(self, i: int, value: Exact, is_open: bool) -> tuple[Exact, bool]:
        """A lower end as stored: whole numbers rounded up for integers (closed)."""
        if self.integer[i]:
            if type(value) is int:
                return (value + 1 if is_open else value), False
            return (math.floor(value) + 1 if is_open else math.ceil(value)), False
        return value, is_open

    def round_hi(self, i: int, value: Exact, is_open: bool) -> tuple[Exact, bool]:
        if self.integer[i]:
            if type(value) is int:
                return (value - 1 if is_open else value), False
            return (math.ceil(value) - 1 if is_open else math.floor(value)), False
        return value, is_open

    def tightens_lo(self, i: int, value: Exact, is_open: bool) -> bool:
        lo = self.lo[i]
        return lo is None or value > lo or (value == lo and is_open and not self.lo_open[i])

    def tightens_hi(self, i: int, value: Exact, is_open: bool) -> bool:
        hi = self.hi[i]
        return hi is None or value < hi or (value == hi and is_open and not self.hi_open[i])

    def set_lo(self, i: int, value: Exact, is_open: bool, why: Why) -> None:
        """Store a tighter (rounded) lower end; raises _Empty when nothing is left."""
        self.lo[i], self.lo_open[i], self.lo_why[i] = value, is_open, why
        hi = self.hi[i]
        if hi is not None and (value > hi or (value == hi and (is_open or self.hi_open[i]))):
            raise _Empty(why | self.hi_why[i])

    def set_hi(self, i: int, value: Exact, is_open: bool, why: Why) -> None:
        self.hi[i], self.hi_open[i], self.hi_why[i] = value, is_open, why
        lo = self.lo[i]
        if lo is not None and (value < lo or (value == lo and (is_open or self.lo_open[i]))):
            raise _Empty(why | self.lo_why[i])

    def fix(self, i: int, value: Exact) -> None:
        """i = value (a value inside its domain, whole for an integer); raises _Empty."""
        if self.tightens_lo(i, value, False):
            self.set_lo(i, value, False, _NOTHING)
        if self.tightens_hi(i, value, False):
            self.set_hi(i, value, False, _NOTHING)


def _div(a: Exact, c: Exact) -> Exact:
    """a / c, an int when it divides."""
    if type(a) is int:
        q, r = divmod(a, c)
        return q if not r else Fraction(a, c)
    return cast(Fraction, a) / c       # not an int: a Fraction


def _revise(d: _Domains, row: Row) -> list[int]:
    """Tighten every quantity of one row by what the others allow; the ones that changed."""
    terms = row.terms
    if len(terms) == 1:
        return _revise_one(d, row)
    if not terms:
        if not holds(row, {}):
            raise _Empty(frozenset((row.group,)) if row.group is not None else _NOTHING)
        return []
    # The least (for <=) and greatest (for >=) value of each term c*x, taken before any of
    # them changes, with the groups each rests on while tracking.
    lo, hi, lo_open, hi_open = d.lo, d.hi, d.lo_open, d.hi_open
    op = row.op
    mins = _ends(terms, lo, hi, lo_open, hi_open) if op != ">=" and op != ">" else None
    maxs = _ends(terms, hi, lo, hi_open, lo_open) if op != "<=" and op != "<" else None
    min_whys = max_whys = None
    if d.tracking:
        lo_why, hi_why = d.lo_why, d.hi_why
        if mins is not None:
            min_whys = [lo_why[i] if c > 0 else hi_why[i] for i, c in terms]
        if maxs is not None:
            max_whys = [hi_why[i] if c > 0 else lo_why[i] for i, c in terms]
    if mins is not None and maxs is not None and mins[4] < 0 and maxs[4] < 0:
        mins, maxs = _loose(row, mins, maxs)
    changed: list[int] = []
    if mins is not None:      # c*x <= rhs - min(others)
        _bound_each(d, row, mins, min_whys, True, op == "<", changed)
    if maxs is not None:      # c*x >= rhs - max(others)
        _bound_each(d, row, maxs, max_whys, False, op == ">", changed)
    return changed


def _loose(row: Row, mins: Ends, maxs: Ends) -> tuple[Ends | None, Ends | None]:
    """The sides of an equation with every term bounded that can tighten something; None
    for a side that cannot (most revisits of an equation tighten nothing).

    Each term c*x lies in [m, M], the row's least total is L and its greatest G.  The upper
    side bounds c*x by rhs - (L - m), which is at least M when rhs - L >= M - m: when that
    holds for the widest term and no end on that side is open, each bound is at or beyond
    the end it would tighten, equal only where nothing is strict, which tightens nothing,
    for whole numbers too (their ends are whole).  The lower side likewise, with G - rhs.
    A quantity the row names twice is not judged here: one side's bound could move an end
    the other side's reads."""
    terms = row.terms
    if len({i for i, _ in terms}) != len(terms):
        return mins, maxs
    widest = max(b - a for a, b in zip(mins[0], maxs[0], strict=True))     # type: ignore[operator]
    rhs = row.rhs
    return (None if mins[3] == 0 and rhs - mins[2] >= widest else mins,
            None if maxs[3] == 0 and maxs[2] - rhs >= widest else maxs)


# The ends of a row's terms on one side (`_ends`): each term's value (None: unbounded) and
# whether it is open, their total and number open, and the unbounded term (-1: none).
Ends = tuple[list[Exact | None], list[bool], Exact, int, int]


def _ends(terms: Sequence[tuple[int, Exact]], near: list[Exact | None], far: list[Exact | None],
          near_open: list[bool], far_open: list[bool]) -> Ends | None:
    """Each term's end on one side: c*near[i] for c > 0, c*far[i] for c < 0 (near is lo for
    the least values); None when two are unbounded (no term is bounded by the others)."""
    values: list[Exact | None] = []
    opens: list[bool] = []
    total: Exact = 0
    n_open = 0
    unbounded = -1
    for k, (i, c) in enumerate(terms):
        if c > 0:
            a, is_open = near[i], near_open[i]
        else:
            a, is_open = far[i], far_open[i]
        if a is None:
            if unbounded >= 0:
                return None
            unbounded = k
            values.append(None)
            opens.append(False)
        else:
            value = c * a
            total += value
            values.append(value)
            opens.append(is_open)
            if is_open:
                n_open += 1
    return values, opens, total, n_open, unbounded


def _revise_one(d: _Domains, row: Row) -> list[int]:
    """`_revise` of a row of one quantity: c*x <op> rhs bounds x alone."""
    ((i, c),) = row.terms
    op = row.op
    rhs = row.rhs
    if type(rhs) is int:                # _div
        q, r = divmod(rhs, c)
        bound: Exact = q if not r else Fraction(rhs, c)
    else:
        bound = cast(Fraction, rhs) / c
    why = (frozenset((row.group,)) if row.group is not None else _NOTHING) if d.tracking else _NOTHING
    changed: list[int] = []
    if op != ">=" and op != ">":        # c*x <= rhs
        _one_end(d, i, bound, op == "<", c > 0, why, changed)
    if op != "<=" and op != "<":        # c*x >= rhs
        _one_end(d, i, bound, op == ">", c <= 0, why, changed)
    return changed


def _one_end(d: _Domains, i: int, bound: Exact, strict: bool, upper: bool, why: Why,
             changed: list[int]) -> None:
    """x <= bound (`upper`) or x >= bound, strict or not, stored where it tightens."""
    if upper:
        value, is_open = d.round_hi(i, bound, strict)
        if d.tightens_hi(i, value, is_open):
            d.set_hi(i, value, is_open, why)
            changed.append(i)
    else:
        value, is_open = d.round_lo(i, bound, strict)
        if d.tightens_lo(i, value, is_open):
            d.set_lo(i, value, is_open, why)
            changed.append(i)


def _bound_each(d: _Domains, row: Row, ends: Ends, whys: list[Why] | None, upper: bool,
                strict: bool, changed: list[int]) -> None:
    """c*x <op> rhs - (sum of the other terms' ends), for each term; `upper` for <=.  With one
    term unbounded, only that term is bounded.  (`_div`, `round_hi`/`round_lo` and
    `tightens_hi`/`tightens_lo` written out: the hot loop.)"""
    values, opens, total, n_open, unbounded = ends
    rhs = row.rhs
    terms = row.terms
    integer, lo, hi, lo_open, hi_open = d.integer, d.lo, d.hi, d.lo_open, d.hi_open
    for k in (range(len(terms)) if unbounded < 0 else (unbounded,)):
        i, c = terms[k]
        value = values[k]
        if value is None:
            a = rhs - total
            is_strict = strict or n_open > 0
        else:
            a = rhs - (total - value)
            is_strict = strict or (n_open - opens[k]) > 0
        if c == 1:                              # _div: most coefficients are 1 or -1
            bound: Exact = a
        elif c == -1:
            bound = -a
        elif type(a) is int:
            q, r = divmod(a, c)
            bound = q if not r else Fraction(a, c)
        else:
            bound = cast(Fraction, a) / c       # a Fraction: ints were divided above
        if (c > 0) == upper:
            if integer[i]:                      # round_hi
                if type(bound) is int:
                    bound = bound - 1 if is_strict else bound
                else:
                    bound = math.ceil(bound) - 1 if is_strict else math.floor(bound)
                is_strict = False
            end = hi[i]                         # tightens_hi
            if not (end is None or bound < end or (bound == end and is_strict and not hi_open[i])):
                continue
            d.set_hi(i, bound, is_strict, _why(row, whys, k) if whys is not None else _NOTHING)
        else:
            if integer[i]:                      # round_lo
                if type(bound) is int:
                    bound = bound + 1 if is_strict else bound
                else:
                    bound = math.floor(bound) + 1 if is_strict else math.ceil(bound)
                is_strict = False
            end = lo[i]                         # tightens_lo
            if not (end is None or bound > end or (bound == end and is_strict and not lo_open[i])):
                continue
            d.set_lo(i, bound, is_strict, _why(row, whys, k) if whys is not None else _NOTHING)
        changed.append(i)


def _why(row: Row, whys: list[Why], k: int) -> Why:
    """The groups a bound from the row on its k-th term rests on: the row's, the others' ends'."""
    sets = [w for j, w in enumerate(whys) if j != k and w]
    base = frozenset((row.group,)) if row.group is not None else _NOTHING
    return base.union(*sets) if sets else base


def _propagate(d: _Domains, rows: Sequence[Row], uses: Uses,
               start: Iterable[int] | None = None) -> None:
    """Revise rows until nothing changes or the cap; raises _Empty."""
    n = len(rows)
    if start is None:
        queue = deque(range(n))
        queued = [True] * n
    else:
        first = sorted(set(start))
        queue = deque(first)
        queued = [False] * n
        for k in first:
            queued[k] = True
    budget = ROUNDS * max(n, 1)
    while queue and budget > 0:
        budget -= 1
        k = queue.popleft()
        queued[k] = False
        for i in _revise(d, rows[k]):
            for other in uses.get(i, ()):
                if not queued[other]:
                    queued[other] = True
                    queue.append(other)


def _first(integer: Sequence[bool], rows: Sequence[Row],
           uses: Uses) -> tuple[_Domains | None, tuple[str, ...]]:
    """The rows propagated from nothing: (domains, ()), or (None, a core) when they cannot
    hold.  The groups each bound rests on are traced only then, by propagating again: the
    same bounds in the same order (tracing changes no bound), so the same domain empties,
    and most parts of an article hold."""
    d = _Domains(integer)
    d.tracking = False
    try:
        _propagate(d, rows, uses)
    except _Empty:
        d = _Domains(integer)
        try:
            _propagate(d, rows, uses)
        except _Empty as empty:
            return None, tuple(sorted(empty.why))
    return d, ()


def _uses(rows: Sequence[Row]) -> Uses:
    """quantity -> the rows to revisit when its domain changes.  A row of one quantity gives
    the same bound whenever it is revised, so it is revised once, at the start."""
    uses: Uses = {}
    for k, row in enumerate(rows):
        if len(row.terms) > 1:
            for i, _ in row.terms:
                uses.setdefault(i, []).append(k)
    return uses


def _order(rows: Sequence[Row]) -> list[int]:
    """The quantities of the rows, in the order they are given values: by index."""
    return sorted({i for row in rows for i, _ in row.terms})


def _choices(d: _Domains, i: int) -> list[Exact]:
    """Values to try for i, in order: its lower end, its upper end, a middle value (whole
    numbers for an integer; 0 or a step inside an end where it is unbounded)."""
    lo, hi = d.lo[i], d.hi[i]
    if d.integer[i]:                 # its ends are whole numbers, closed
        if lo is None:
            return [0] if hi is None else list(dict.fromkeys((hi, min(hi, 0))))
        if hi is None:
            return list(dict.fromkeys((lo, max(lo, 0))))
        return list(dict.fromkeys((lo, hi, (lo + hi) // 2)))
    ends: list[Exact] = []
    if lo is not None and not d.lo_open[i]:
        ends.append(lo)
    if hi is not None and not d.hi_open[i]:
        ends.append(hi)
    if lo is not None and hi is not None:
        ends.append(_div(lo + hi, 2))
    elif lo is not None:
        ends.append(max(lo + 1, 0))
    elif hi is not None:
        ends.append(min(hi - 1, 0))
    else:
        ends.append(0)
    return list(dict.fromkeys(ends))


def _label(d: _Domains, rows: Sequence[Row], uses: Uses, order: Sequence[int]) -> dict[int, Exact] | None:
    """A checked witness from propagated domains, or None."""
    if not uses:      # no row links two quantities: each takes its first choice, nothing to carry
        chosen = {i: _choices(d, i)[0] for i in order}
        return chosen if all_hold(rows, chosen) else None
    for i in order:
        if d.lo[i] is not None and d.lo[i] == d.hi[i]:
            continue
        for value in _choices(d, i):
            trial = d.copy()
            try:
                trial.fix(i, value)
                _propagate(trial, rows, uses, uses.get(i, ()))
            except _Empty:
                continue
            d = trial
            break
        else:
            return None
    model: dict[int, Exact] = {}
    for i in order:
        end = d.lo[i]
        if end is None or end != d.hi[i] or (d.integer[i] and end != math.floor(end)):
            return None
        model[i] = end
    if all_hold(rows, model):
        return model
    return None


def decide(integer: Sequence[bool], rows: Sequence[Row]) -> Answer:
    """Can the rows all hold?  `integer[i]` for whole-number quantities (the rows' indices);
    quantities are given values in the order of their indices.  Rows are fastest with
    integer coefficients and right-hand sides (see `scaled`)."""
    uses = _uses(rows)
    d, core = _first(integer, rows, uses)
    if d is None:
        return Answer("unsat", core)
    model = _label(d, rows, uses, _order(rows))
    if model is None:
        return UNKNOWN
    return Answer("sat", model={i: Fraction(v) for i, v in model.items()})


def scaled(group: str | None, terms: Sequence[tuple[int, Exact]], op: str, rhs: Exact) -> Row:
    """The row with whole-number coefficients and right-hand side (the same solutions)."""
    nonzero = terms if len(terms) == 1 and terms[0][1] else [(i, c) for i, c in terms if c]
    if len(nonzero) == 1:
        ((i, c),) = nonzero
        one = c.numerator if c.denominator == 1 else 0     # (numerator and denominator: no ==)
        if one == 1 or one == -1:       # a figure's bound: the common case
            if rhs.denominator == 1:
                return Row(group, ((i, one),), op, rhs.numerator)
            return Row(group, ((i, one * rhs.denominator),), op, rhs.numerator)
    exact_rhs = Fraction(rhs) if type(rhs) is not Fraction else rhs
    parts: list[tuple[int, int, int]] = []      # (i, numerator, denominator), in one pass
    scale = exact_rhs.denominator
    for i, c in nonzero:
        exact_c = c if type(c) is Fraction else Fraction(c)
        d = exact_c.denominator
        parts.append((i, exact_c.numerator, d))
        if d != 1:
            scale = math.lcm(scale, d)
    if scale == 1:
        return Row(group, tuple((i, n) for i, n, _ in parts), op, exact_rhs.numerator)
    return Row(group, tuple((i, n * (scale // d)) for i, n, d in parts), op,
               exact_rhs.numerator * (scale // exact_rhs.denominator))


# -- optima ------------------------------------------------------------------

_SEARCH_STEPS = 64      # bisection steps at most for a whole-number optimum
_STRICT = {"<": "<=", ">": ">="}


def extreme(integer: Sequence[bool], rows: Sequence[Row], names: Sequence[int],
            maximise: bool) -> tuple[bool, Fraction | None]:
    """(decided, optimum) of sum(x[i] for i in names) over the rows: the exact infimum or
    supremum, attained by a checked witness; None when the rows cannot hold (as z3's answer
    is) or the sum is unbounded (shown by a ray: a direction every row allows that moves the
    sum).  Not decided: (False, None), and the caller asks z3.  `Prepared` answers many
    questions over the same rows."""
    return Prepared(integer, rows).extreme(names, maximise)


# the rows as propagated once: (rows, uses, order, domains or None if they cannot hold)
_Base = tuple[list[Row], Uses, list[int], _Domains | None]
# with a sum as one more quantity: (rows, uses, order, domains, the sum's index)
_WithSum = tuple[list[Row], Uses, list[int], _Domains, int]


_WITNESSES = 16        # witnesses kept by a Prepared, to show later bounds attained


class Prepared:
    """Rows propagated once, for every optimum asked of them: each sum asked adds itself as
    one more quantity and is propagated from there (the same domains as propagating all of it
    from nothing), and its lower and upper ends share that.

    Every checked witness found on the way (by `decide` and by the optima) is kept: a bound
    that one of them attains needs no search of its own.  Which witness shows it changes
    nothing: the bound is proven by propagation, the witness only shows it reached."""

    def __init__(self, integer: Sequence[bool], rows: Sequence[Row]) -> None:
        self.integer, self.rows = list(integer), list(rows)
        self.base: _Base | None = None
        self.core: tuple[str, ...] = ()              # when the rows cannot hold: why
        self.strict: Answer | None = None            # `_strict()`, once made
        self.sums: dict[tuple[int, ...], _WithSum | None] = {}
        self.witnesses: deque[dict[int, Exact]] = deque(maxlen=_WITNESSES)

    def decide(self) -> Answer:
        """`decide()` of the rows, sharing its propagation with the optima asked after (and
        keeping its witness for them)."""
        if not any(self.integer) and any(r.op in _STRICT for r in self.rows):
            answer = self._strict()     # the optima propagate the closed rows
        else:
            rows, uses, order, d = self._base()
            if d is None:
                return Answer("unsat", self.core)
            model = _label(d, rows, uses, order)
            if model is None:
                return UNKNOWN
            answer = Answer("sat", model=model)      # as exact as Fractions: ints where whole
        if answer.model is not None:
            self.witnesses.append(dict(answer.model))
        return answer

    def _strict(self) -> Answer:
        """`decide()` of rows over reals with a strict comparison, made once: asked for the
        feasibility of the part and again before its optima."""
        if self.strict is None:
            self.strict = decide(self.integer, self.rows)
        return self.strict

    def release(self, names: Sequence[int]) -> None:
        """Forget the propagation with the sum of `names` (asked for both its ends): a large
        file asks thousands of sums, and their domains are not needed again."""
        self.sums.pop(tuple(names), None)

    def _attained(self, names: Sequence[int], value: Exact) -> bool:
        """Does a kept witness give the sum of `names` exactly `value`?"""
        return any(all(i in w for i in names) and sum(w[i] for i in names) == value
                   for w in self.witnesses)

    def _keep(self, found: Mapping[int, Exact]) -> None:
        """Keep a witness of the rows with a sum (its own quantity, past the rows', left out)."""
        n = len(self.integer)
        self.witnesses.append({i: v for i, v in found.items() if i < n})

    def _base(self) -> _Base:
        if self.base is None:
            rows = self.rows
            if not any(self.integer) and any(r.op in _STRICT for r in rows):
                # Reals only: when the rows can hold, the closure of what they allow is what
                # the rows allow with every strict comparison made non-strict, so the infimum
                # and the supremum are those of the closed rows (attained there, perhaps not
                # here).
                first = self._strict()
                if first.status == "unsat":
                    self.base = (rows, {}, [], None)
                    return self.base
                if first.status == "sat":
                    rows = [r._replace(op=_STRICT[r.op]) if r.op in _STRICT else r for r in rows]
            uses = _uses(rows)
            d, self.core = _first(self.integer, rows, uses)
            self.base = (rows, uses, _order(rows), d)
        return self.base

    def _with_sum(self, names: Sequence[int]) -> _WithSum | None:
        """(rows, uses, order, domains, the sum's index) with the sum as one more quantity;
        None when the rows cannot hold."""
        rows, uses, order, base = self._base()
        if base is None:
            return None
        if len(names) == 1 and names[0] in order:
            # one quantity: its own domain is the sum's (the domains are copied, never changed)
            return rows, uses, order, base, names[0]
        s = len(self.integer)
        link = Row(None, tuple((i, 1) for i in names) + ((s, -1),), "==", 0)
        extra = [link] + _implied(rows, names, s)
        first = len(rows)
        rows = rows + extra
        uses = dict(uses)
        for k, row in enumerate(extra, first):
            for i, _ in row.terms:
                uses[i] = uses.get(i, []) + [k]
        d = base.extended(all(self.integer[i] for i in names))
        try:
            _propagate(d, rows, uses, range(first, len(rows)))
        except _Empty:
            return None
        return rows, uses, sorted(set(order).union(names, (s,))), d, s

    def extreme(self, names: Sequence[int], maximise: bool) -> tuple[bool, Fraction | None]:
        """See `extreme()`."""
        key = tuple(names)
        if key not in self.sums:
            self.sums[key] = self._with_sum(names)
        state = self.sums[key]
        if state is None:
            return True, None
        rows, uses, order, d, s = state
        whole = d.integer[s]
        sign = 1 if maximise else -1
        bound = d.hi[s] if maximise else d.lo[s]
        if bound is None:
            return _unbounded(d, rows, uses, order, s, names, sign)
        if (d.hi_open[s] if maximise else d.lo_open[s]):
            return False, None       # an open end: whether it is the supremum is z3's to say
        if self._attained(names, bound):
            return True, Fraction(bound)
        found = _attain(d, rows, uses, order, s, bound)
        if found is not None:
            self._keep(found)
            return True, Fraction(bound)
        if not whole:
            return False, None
        # Whole numbers: bisect between a witness and the proven bound.
        found = _label(d.copy(), rows, uses, order)
        if found is None:
            return False, None
        reached, limit = sign * found[s], sign * bound       # reached attained, limit proven
        for _ in range(_SEARCH_STEPS):
            if reached == limit:
                return True, Fraction(sign * reached)
            middle = (reached + limit + 1) // 2            # reached < middle <= limit
            trial = d.copy()
            try:
                if maximise:
                    trial.set_lo(s, middle, False, _NOTHING)
                else:
                    trial.set_hi(s, -middle, False, _NOTHING)
                _propagate(trial, rows, uses, uses.get(s, ()))
            except _Empty:
                limit = middle - 1
                continue
            found = _label(trial, rows, uses, order)
            if found is None:
                return False, None
            reached = sign * found[s]
        return False, None


def _attain(d: _Domains, rows: Sequence[Row], uses: Uses, order: Sequence[int], s: int,
            value: Exact) -> dict[int, Exact] | None:
    """A witness with the sum at `value`, or None."""
    trial = d.copy()
    try:
        trial.fix(s, value)
        _propagate(trial, rows, uses, uses.get(s, ()))
    except _Empty:
        return None
    return _label(trial, rows, uses, order)


def _unbounded(d: _Domains, rows: Sequence[Row], uses: Uses, order: Sequence[int], s: int,
               names: Sequence[int], sign: int) -> tuple[bool, Fraction | None]:
    """(True, None) when witnesses and a ray show the sum unbounded; else undecided.  The ray
    is the difference of two witnesses with the sum far out, a million apart: each is given
    values the same way, so what the sum does not force stays where it was."""
    start = _label(d.copy(), rows, uses, order)
    if start is None:
        return False, None
    far = math.floor(start[s]) + sign * 10 ** 6 if sign > 0 else math.ceil(start[s]) + sign * 10 ** 6
    first = _attain(d, rows, uses, order, s, far)
    second = _attain(d, rows, uses, order, s, far + sign * 10 ** 6)
    if first is None or second is None:
        return False, None
    ray = {i: second[i] - first[i] for i in first}
    for row in rows:
        change = sum(c * ray[i] for i, c in row.terms)
        if (row.op == "==" and change != 0) or (row.op in ("<=", "<") and change > 0) \
                or (row.op in (">=", ">") and change < 0):
            return False, None
    moved = sum(ray[i] for i in names)   # its own statement: compiled, `sign * sum(...)` reads
    if sign * moved <= 0:                 # the sum as whole (mypy types it in int's context)
        return False, None
    return True, None


def _implied(rows: Sequence[Row], names: Sequence[int], s: int) -> list[Row]:
    """Rows rewritten with the sum in place of its parts, where the parts appear with one
    coefficient: a breakdown's total minus its stated parts bounds its unstated parts as a
    whole, which bounds on each part alone cannot show."""
    wanted = set(names)
    out: list[Row] = []
    if len(wanted) < 2:
        return out
    for row in rows:
        coeffs = {i: c for i, c in row.terms if i in wanted}
        if len(coeffs) != len(wanted) or len(set(coeffs.values())) != 1:
            continue
        c = next(iter(coeffs.values()))
        terms = tuple((i, f) for i, f in row.terms if i not in wanted) + ((s, c),)
        out.append(Row(row.group, terms, row.op, row.rhs))
    return out
