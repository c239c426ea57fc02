"""Bounds carried from constraint to constraint: the arithmetic that shows why a set of
statements cannot hold, and what the rest of an article allows a figure that a share or a
change compares.

Each step solves one linear constraint for one quantity, given intervals for the others
("Ames = 5 + 2 = 7"; "the total is at most 6 + 6 + 6 = 18").  Every bound found this way is
implied by the constraints used (sound), though not always the tightest: exact bounds come
from verify.evaluate.optimise.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from quicktions import Fraction

from verify.evaluate import optimise
from verify.model import Interval, Relation
from verify.relate.quantities import Article, Constraint, Quantity, Statement
from verify.values.numbers import fmt, fmt_interval, integer_in


def variable(index: int) -> str:
    """A quantity's name in the solver's problems."""
    return f"q{index}"


@dataclass(frozen=True)
class Step:
    """One constraint solved for one quantity: `bound` is what the others allow it, `tighter`
    what it is left with; `empty` when that is no value at all."""

    constraint: Constraint
    target: int
    coefficient: Fraction
    others: list[tuple[int, Fraction]]          # the constraint's other terms: (quantity, coefficient)
    values: list[tuple[Interval, Fraction]]     # their intervals, with their coefficients
    bound: Interval
    current: Interval
    tighter: Interval
    empty: bool


def carry(known: dict[int, Interval], cons: list[Constraint], quantities: list[Quantity],
          rounds: int, whole_steps: bool = False, explain: bool = True) -> Iterator[Step]:
    """Every step that tightens a bound, in rounds over the constraints (wholes first), until
    none does.  `known` is updated by each step that leaves a value; `whole_steps` skips steps
    that divide ("the top is at least a seventh of the rest" helps nobody reading); without
    `explain` a step's `values` are left empty (only the arithmetic in words reads them).

    A constraint whose last pass tightened nothing is passed over until one of its
    quantities changes: it would tighten nothing again (the same steps, found sooner)."""
    order = [sorted(c.terms, key=lambda t: t[1] < 0) for c in cons]
    # a constraint naming each quantity once, with no coefficient 0: its bounds are taken
    # from sums over every term (`_totals`), and kept as whole numbers until one narrows
    distinct = [len({i for i, _ in c.terms}) == len(c.terms) and all(f for _, f in c.terms)
                for c in cons]
    step = 0                          # steps that changed a bound so far
    changed_at: dict[int, int] = {}   # quantity -> the step that last changed it
    still_at: list[int] = [-1] * len(cons)   # constraint -> steps when its pass tightened nothing
    for _ in range(rounds):
        progress = False
        for k, c in enumerate(cons):
            if still_at[k] >= 0 and all(changed_at.get(i, -1) < still_at[k] for i, _ in c.terms):
                continue
            quiet = True
            totals: _Totals | None = None     # the whole row's ends, until a bound changes
            for target, coefficient in order[k]:
                if whole_steps and abs(coefficient) != 1:
                    continue
                current = known.get(target) or _open(quantities[target])
                if distinct[k]:
                    if totals is None:
                        totals = _totals(c, known, quantities)
                    ends = _bound_by(c, totals, current, coefficient)
                    if not _ends_narrow(current, ends):
                        continue
                    bound = _interval(ends)
                else:
                    bound = _bound(c, target, coefficient, known, quantities)
                    if not _narrows(current, bound):
                        continue
                tighter = current.intersect(bound)
                quiet = False
                others = [(i, f) for i, f in c.terms if i != target]
                values = [(known.get(i) or _open(quantities[i]), f) for i, f in others] if explain else []
                empty = tighter.is_empty() or (quantities[target].integer and not integer_in(tighter))
                if not empty:
                    known[target] = tighter
                    totals = None
                    step += 1
                    changed_at[target] = step
                    progress = True
                yield Step(c, target, coefficient, others, values, bound, current, tighter, empty)
            still_at[k] = step + 1 if quiet else -1
        if not progress:
            return


def _narrows(current: Interval, bound: Interval) -> bool:
    """current.intersect(bound) != current, without making the intersection (most bounds
    narrow nothing)."""
    return _end_narrows(current.lo, current.lo_closed, bound.lo, bound.lo_closed, True) or \
        _end_narrows(current.hi, current.hi_closed, bound.hi, bound.hi_closed, False)


def _ends_narrow(current: Interval, ends: _Ends) -> bool:
    """`_narrows` of the bound `_interval(ends)`, compared as whole numbers."""
    lo_n, lo_d, hi_n, hi_d, lo_closed, hi_closed = ends
    return _whole_end_narrows(current.lo, current.lo_closed, lo_n, lo_d, lo_closed, True) or \
        _whole_end_narrows(current.hi, current.hi_closed, hi_n, hi_d, hi_closed, False)


def _whole_end_narrows(a: Fraction | None, a_closed: bool, b_n: int, b_d: int, b_closed: bool,
                       lower: bool) -> bool:
    """`_end_narrows` of the end b = b_n/b_d (b_d > 0; 0: unbounded)."""
    if a is None:
        return b_d != 0 or b_closed != a_closed
    if not b_d:
        return False
    above = b_n * a.denominator - a.numerator * b_d       # the sign of b - a
    if not above:
        return a_closed and not b_closed
    return above > 0 if lower else above < 0


def _end_narrows(a: Fraction | None, a_closed: bool, b: Fraction | None, b_closed: bool,
                 lower: bool) -> bool:
    """Does the end b (of the bound) change the end a (of the current interval), as
    Interval.intersect takes the tighter: an unbounded end takes the other (and its
    closedness), equal ends are closed only if both are, else the greater lower end or the
    lesser upper end."""
    if a is None:
        return b is not None or b_closed != a_closed
    if b is None:
        return False
    if a == b:
        return a_closed and not b_closed
    return b > a if lower else b < a


def narrate(stated: list[Statement], cons: list[Constraint], article: Article) -> list[str]:
    """The arithmetic that makes a minimal set impossible, as bounds carried from constraint to
    constraint until one quantity is left with no possible value."""
    quantities = article.quantities
    known: dict[int, Interval] = {}
    for s in stated:
        known[s.quantity] = known[s.quantity].intersect(s.interval) if s.quantity in known \
            else s.interval
    lines: list[str] = []
    ordered = sorted(cons, key=lambda c: (c.group, c.words))
    for step in carry(known, ordered, quantities, 2 * len(cons) + 2, whole_steps=True):
        q = quantities[step.target]
        expression = _expression(step.values, step.coefficient, quantities, step.others)
        if step.empty:
            lines.append(f"{q.name} = {expression} = {fmt_interval(step.bound, q.unit)}, "
                         f"which is not {fmt_interval(step.current, q.unit)}")
            return lines
        lines.append(f"so {q.name} = {expression} = {fmt_interval(step.bound, q.unit)}"
                     if step.constraint.op == "==" and step.bound == step.tighter else
                     f"so {q.name} is {fmt_interval(step.tighter, q.unit)} ({step.constraint.words})")
    return []


def _solve_for(values: Iterable[tuple[Interval, Fraction]], coefficient: Fraction, op: str,
               rhs: Fraction) -> Interval:
    """The interval of x in: coefficient*x + sum(f*v) <op> rhs."""
    rest = Interval(Fraction(0), Fraction(0))
    for interval, f in values:
        rest = rest + _scale(interval, -f)
    bound = _scale(rest + Interval(rhs, rhs), 1 / coefficient)      # x = (rhs - rest)/c
    if op == "==":
        return bound
    upper = (op in ("<=", "<")) == (coefficient > 0)
    if upper:
        return Interval(None, bound.hi, True, bound.hi_closed and op != "<" and op != ">")
    return Interval(bound.lo, None, bound.lo_closed and op != ">" and op != "<", True)


def _bound(c: Constraint, target: int, coefficient: Fraction, known: dict[int, Interval],
           quantities: list[Quantity]) -> Interval:
    """`_solve_for` of the constraint's other terms, without an interval per term: the
    interval of x in coefficient*x + sum(f*v) <op> rhs.  Only the end an inequality bounds is
    computed, a sum with an unbounded term stops adding (its end is None), and the sums are
    kept as whole numerator and denominator, made a Fraction once (the same exact values)."""
    op = c.op
    want_lo = op != "<=" and op != "<"      # rest's lower end: for ==, >=, >
    want_hi = op != ">=" and op != ">"      # rest's upper end: for ==, <=, <
    rhs = c.rhs
    lo_n, lo_d = (rhs.numerator, rhs.denominator) if want_lo else (0, 0)   # d 0: None
    hi_n, hi_d = (rhs.numerator, rhs.denominator) if want_hi else (0, 0)
    lo_closed = hi_closed = True
    for i, f in c.terms:
        if i == target:
            continue
        a, a_closed, b, b_closed, g_n, g_d = _term_ends(f, known.get(i) or _open(quantities[i]))
        lo_closed = lo_closed and a_closed
        hi_closed = hi_closed and b_closed
        if lo_d:
            lo_n, lo_d = _plus(lo_n, lo_d, a, g_n, g_d)
        if hi_d:
            hi_n, hi_d = _plus(hi_n, hi_d, b, g_n, g_d)
    return _solved(op, coefficient, lo_n, lo_d, hi_n, hi_d, lo_closed, hi_closed)


# A constraint's other side summed over all its terms, each term -f*v at the end of v that
# bounds: (numerator, denominator) of the lower and upper sums (denominator 0: not wanted),
# how many lower and upper ends are unbounded, and how many are open.
_Totals = tuple[int, int, int, int, int, int, int, int]


def _totals(c: Constraint, known: dict[int, Interval], quantities: list[Quantity]) -> _Totals:
    """`_bound`'s sums over every term of the constraint, for `_bound_by` to take one out."""
    op = c.op
    rhs = c.rhs
    lo_n, lo_d = (rhs.numerator, rhs.denominator) if op != "<=" and op != "<" else (0, 0)
    hi_n, hi_d = (rhs.numerator, rhs.denominator) if op != ">=" and op != ">" else (0, 0)
    lo_none = hi_none = lo_opens = hi_opens = 0
    for i, f in c.terms:
        a, a_closed, b, b_closed, g_n, g_d = _term_ends(f, known.get(i) or _open(quantities[i]))
        lo_opens += not a_closed
        hi_opens += not b_closed
        if a is None:
            lo_none += 1
        elif lo_d:
            lo_n, lo_d = _plus(lo_n, lo_d, a, g_n, g_d)
        if b is None:
            hi_none += 1
        elif hi_d:
            hi_n, hi_d = _plus(hi_n, hi_d, b, g_n, g_d)
    return lo_n, lo_d, lo_none, lo_opens, hi_n, hi_d, hi_none, hi_opens


def _term_ends(f: Fraction, v: Interval) -> tuple[Fraction | None, bool, Fraction | None, bool, int, int]:
    """The ends of v that give the least and greatest -f*v (with their closedness), and -f as a
    numerator and denominator."""
    g_n, g_d = -f.numerator, f.denominator
    if g_n >= 0:       # keeps v's ends in place
        return v.lo, v.lo_closed, v.hi, v.hi_closed, g_n, g_d
    return v.hi, v.hi_closed, v.lo, v.lo_closed, g_n, g_d     # turns v over


# An interval's ends as whole numbers: (lower numerator, denominator, upper numerator,
# denominator, lower closed, upper closed), a denominator positive, or 0 for no end.
_Ends = tuple[int, int, int, int, bool, bool]


def _interval(ends: _Ends) -> Interval:
    lo_n, lo_d, hi_n, hi_d, lo_closed, hi_closed = ends
    return Interval(Fraction(lo_n, lo_d) if lo_d else None, Fraction(hi_n, hi_d) if hi_d else None,
                    lo_closed, hi_closed)


def _bound_by(c: Constraint, totals: _Totals, v: Interval, coefficient: Fraction) -> _Ends:
    """`_bound` of the term with interval v and a coefficient other than 0, from the sums over
    every term (`_totals`) with the term's own share taken out: the same exact interval, as
    whole numbers (`_interval` makes it)."""
    lo_n, lo_d, lo_none, lo_opens, hi_n, hi_d, hi_none, hi_opens = totals
    a, a_closed, b, b_closed, g_n, g_d = _term_ends(coefficient, v)
    lo_closed = lo_opens - (not a_closed) == 0
    hi_closed = hi_opens - (not b_closed) == 0
    lo_n, lo_d = _taken_out(lo_n, lo_d, lo_none, a, g_n, g_d)
    hi_n, hi_d = _taken_out(hi_n, hi_d, hi_none, b, g_n, g_d)
    return _solved_ends(c.op, coefficient, lo_n, lo_d, hi_n, hi_d, lo_closed, hi_closed)


def _solved_ends(op: str, coefficient: Fraction, lo_n: int, lo_d: int, hi_n: int, hi_d: int,
                 lo_closed: bool, hi_closed: bool) -> _Ends:
    """x = (rhs - rest)/c, from the ends of rhs - rest as numerators and denominators (0: none),
    as whole numbers with positive denominators (`_interval` makes the Interval)."""
    c_n, c_d = coefficient.numerator, coefficient.denominator
    if lo_d:
        lo_n, lo_d = (lo_n * c_d, lo_d * c_n) if c_n > 0 else (-lo_n * c_d, -lo_d * c_n)
    if hi_d:
        hi_n, hi_d = (hi_n * c_d, hi_d * c_n) if c_n > 0 else (-hi_n * c_d, -hi_d * c_n)
    if c_n < 0:
        lo_n, lo_d, hi_n, hi_d, lo_closed, hi_closed = hi_n, hi_d, lo_n, lo_d, hi_closed, lo_closed
    if op == "==":
        return lo_n, lo_d, hi_n, hi_d, lo_closed, hi_closed
    if (op in ("<=", "<")) == (c_n > 0):
        return 0, 0, hi_n, hi_d, True, hi_closed and op != "<" and op != ">"
    return lo_n, lo_d, 0, 0, lo_closed and op != ">" and op != "<", True


def _solved(op: str, coefficient: Fraction, lo_n: int, lo_d: int, hi_n: int, hi_d: int,
            lo_closed: bool, hi_closed: bool) -> Interval:
    """`_solved_ends` as an Interval."""
    return _interval(_solved_ends(op, coefficient, lo_n, lo_d, hi_n, hi_d, lo_closed, hi_closed))


def _taken_out(n: int, d: int, unbounded: int, end: Fraction | None, g_n: int,
               g_d: int) -> tuple[int, int]:
    """One end of a sum over every term (n/d, with `unbounded` terms unbounded there; d = 0:
    no end) with a term's share (g_n/g_d) * end taken out: d = 0 while another term is
    unbounded."""
    if not d:
        return n, d
    if end is None:
        unbounded -= 1
    else:
        n, d = _plus(n, d, end, -g_n, g_d)
    return (n, 0) if unbounded else (n, d)


def _plus(n: int, d: int, end: Fraction | None, g_n: int, g_d: int) -> tuple[int, int]:
    """n/d + (g_n/g_d) * end as a whole numerator and denominator; (0, 0) for an unbounded end."""
    if end is None:
        return 0, 0
    e_n, e_d = end.numerator * g_n, end.denominator * g_d
    return (n + e_n, 1) if d == 1 and e_d == 1 else (n * e_d + e_n * d, d * e_d)


def _scale(interval: Interval, factor: Fraction) -> Interval:
    if factor >= 0:
        return interval.scale(factor)
    lo = None if interval.hi is None else interval.hi * factor
    hi = None if interval.lo is None else interval.lo * factor
    return Interval(lo, hi, interval.hi_closed, interval.lo_closed)


def _expression(values: Sequence[tuple[Interval, Fraction]], coefficient: Fraction,
                quantities: Sequence[Quantity], others: Sequence[tuple[int, Fraction]]) -> str:
    """'5 + 2' for a whole from its parts, '10 − 6' for a part from its whole."""
    words: list[tuple[bool, str]] = []
    for (interval, f), (index, _) in zip(values, others, strict=True):
        term = fmt_interval(interval, quantities[index].unit)
        ratio = -f / coefficient
        if abs(ratio) != 1:
            term = f"{fmt(abs(ratio))} × {term}"
        words.append((ratio < 0, ("+ " if ratio > 0 else "− ") + term))
    text = " ".join(w for _, w in sorted(words, key=lambda w: w[0])).removeprefix("+ ")
    return text or "0"


PROPAGATION_ROUNDS = 3   # passes over the constraints when narrowing what shares compare


def narrowed(article: Article, parts: optimise.Parts, feasible: Collection[str],
             relations: Iterable[Relation]) -> dict[int, tuple[Interval, tuple[str, ...]]]:
    """What the whole article allows for each quantity a share or a change compares, where a
    sum or another relation narrows it ("about 100" that is 60 + 45 is 105), with the claims
    that narrow it: those rules are not linear, so they judge by these bounds instead of by the
    statements alone.  Bounds are carried from constraint to constraint over the parts of the
    article that hold (sound: each bound is implied; not always the tightest)."""
    wanted = {article.of_claim[i] for r in relations if r.kind in ("share", "change")
              for i in (r.get(role) for role in ("part", "whole", "from", "to")) if i in article.of_claim}
    wanted = {q for q in wanted    # an exact figure the model holds to cannot be narrowed
              if not all(s.interval.is_point for s in article.quantities[q].statements)}
    tied = {i for c in article.constraints for i, _ in c.terms}
    wanted &= tied
    if not wanted:
        return {}
    near = {c.group for c in parts.problem([variable(q) for q in sorted(wanted)]).constraints}
    cons = [c for c in article.constraints if c.group in feasible and c.group in near]
    if not cons:
        return {}
    quantities = article.quantities
    known: dict[int, Interval] = {}
    for q in quantities:
        if q.statements and all(s.group in feasible for s in q.statements):
            known[q.index] = q.agreed or q.statements[0].interval
    by: dict[int, set[str]] = {}
    for step in carry(known, cons, quantities, PROPAGATION_ROUNDS, explain=False):
        if step.empty:
            continue      # cannot happen in a part that holds; never narrow to nothing
        said = by.setdefault(step.target, set())
        said.update(i for j, _ in step.others for i in quantities[j].claims)
        said.update(i for j, _ in step.others for i in by.get(j, ()))
    return {q: (known[q], tuple(sorted(by[q] - set(quantities[q].claims))))
            for q in sorted(wanted) if q in by and q in known}


def _open(q: Quantity) -> Interval:
    return Interval(Fraction(0), None) if q.nonnegative else Interval(None, None)
