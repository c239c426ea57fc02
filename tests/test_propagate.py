"""Bounds carried from constraint to constraint (verify.evaluate.propagate.carry)."""
from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st
from quicktions import Fraction as F

from verify.evaluate.propagate import Step, _bound, _open, carry
from verify.model import Interval
from verify.relate.quantities import Constraint, Quantity
from verify.values.numbers import integer_in


def plain_carry(known: dict[int, Interval], cons: list[Constraint], quantities: list[Quantity],
                rounds: int, whole_steps: bool = False) -> Iterator[Step]:
    """carry as first written: every constraint solved for every term in every round."""
    for _ in range(rounds):
        progress = False
        for c in cons:
            for target, coefficient in sorted(c.terms, key=lambda t: t[1] < 0):
                if whole_steps and abs(coefficient) != 1:
                    continue
                bound = _bound(c, target, coefficient, known, quantities)
                current = known.get(target) or _open(quantities[target])
                tighter = current.intersect(bound)
                if tighter == current:
                    continue
                others = [(i, f) for i, f in c.terms if i != target]
                values = [(known.get(i) or _open(quantities[i]), f) for i, f in others]
                empty = tighter.is_empty() or (quantities[target].integer and not integer_in(tighter))
                if not empty:
                    known[target] = tighter
                    progress = True
                yield Step(c, target, coefficient, others, values, bound, current, tighter, empty)
        if not progress:
            return


@st.composite
def worlds(draw):
    n = draw(st.integers(2, 7))
    quantities = [Quantity(i, (f"q{i}", ()), f"q{i}", (), "people", draw(st.booleans()),
                           nonnegative=draw(st.booleans())) for i in range(n)]
    small = st.fractions(F(-20), F(60), max_denominator=4).map(F)
    known: dict[int, Interval] = {}
    for i in range(n):
        if draw(st.booleans()):
            lo = draw(small)
            known[i] = Interval(lo, lo + draw(st.sampled_from([F(0), F(1, 2), F(3), F(20)])),
                                draw(st.booleans()), draw(st.booleans()))
    cons = []
    for k in range(draw(st.integers(1, 6))):
        picked = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=n, unique=True))
        terms = tuple((i, draw(st.sampled_from([F(1), F(-1), F(2), F(1, 3)]))) for i in picked)
        cons.append(Constraint(f"c{k}", "sum", terms, draw(st.sampled_from(["==", "<=", ">=", "<"])),
                               draw(small), f"constraint {k}"))
    return known, cons, quantities


def _seen(steps: Iterator[Step]) -> list[tuple[object, ...]]:
    return [(s.constraint.group, s.target, s.bound, s.current, s.tighter, s.empty, tuple(s.values))
            for s in steps]


@settings(max_examples=300, deadline=None)
@given(worlds(), st.integers(1, 4), st.booleans())
def test_carry_passes_over_only_what_cannot_tighten(world, rounds, whole_steps):
    """Passing over a constraint that tightened nothing until one of its quantities changes
    gives the same steps, in the same order, and the same bounds, as solving every constraint
    for every term in every round."""
    known, cons, quantities = world
    mine, plain = dict(known), dict(known)
    assert _seen(carry(mine, cons, quantities, rounds, whole_steps)) == \
        _seen(plain_carry(plain, cons, quantities, rounds, whole_steps))
    assert mine == plain


@settings(max_examples=200, deadline=None)
@given(worlds(), st.integers(1, 4))
def test_carry_without_explaining_takes_the_same_steps(world, rounds):
    """Narrowing for shares and changes asks no arithmetic in words: its steps leave out the
    other terms' intervals, and are otherwise the same steps with the same bounds."""
    known, cons, quantities = world
    quiet, told = dict(known), dict(known)
    steps = list(carry(quiet, cons, quantities, rounds, explain=False))
    assert all(s.values == [] for s in steps)
    explained = _seen(carry(told, cons, quantities, rounds))
    assert [s[:-1] for s in _seen(iter(steps))] == [s[:-1] for s in explained]
    assert quiet == told
