"""Shared evaluation for figures derived from two others (shares and changes).

A stated result S = f(x, y) where f grows with x and shrinks with y: a share is 100·part/whole,
a percent change 100·(to − from)/from, a multiple to/from, a difference to − from.  Three
verdicts: the printed inputs give a value S allows (holds); only values their rounding allows
do (holds only if, with the exact condition); none do (contradiction).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quicktions import Fraction

from verify.evaluate.rules import Context, Outcome, Value, described, total, values
from verify.model import Interval, Verdict
from verify.values.numbers import fmt, fmt_interval, overlap, whole_numbers

Inverse = Callable[[Fraction, Fraction], Fraction | None]


@dataclass(frozen=True)
class Form:
    """f and its inverses: x_for(y, s) and y_for(x, s) solve f(x, y) = s."""

    name: str
    f: Callable[[Fraction, Fraction], Fraction | None]
    x_for: Inverse
    y_for: Inverse
    symbol: str          # how the arithmetic is written, with {x} and {y}


def image(form: Form, x: Interval, y: Interval) -> Interval:
    """Every value f takes over the two intervals (f grows with x, shrinks with y)."""
    lo = None if x.lo is None or y.hi is None else form.f(x.lo, y.hi)
    hi = None if x.hi is None or y.lo is None else form.f(x.hi, y.lo)
    return Interval(lo, hi, x.lo_closed and y.hi_closed, x.hi_closed and y.lo_closed)


def evaluate(form: Form, result: Value, x: Value, y: Value, what: str, ids: tuple[str, ...]) -> Outcome:
    unit = result.unit
    shown = form.symbol.format(x=x.text, y=y.text)
    printed = image(form, x.reading, y.reading)
    arithmetic = (f"{shown} = {fmt_interval(printed, unit)}; \"{result.text}\" allows "
                  f"{fmt_interval(result.interval, unit)}",)
    if overlap([printed, result.interval], False) is not None:
        return Outcome(Verdict.HOLDS, f"{what}: {shown} = {fmt_interval(printed, unit)}, "
                       f"which is \"{result.text}\"", ids, arithmetic)
    allowed = image(form, x.interval, y.interval)
    if overlap([allowed, result.interval], False) is None:
        stated = "" if result.interval.is_point else f" ({fmt_interval(result.interval, unit)})"
        return Outcome(Verdict.CONTRADICTION,
                       f"{what}: {shown} = {fmt_interval(printed, unit)}, which is not "
                       f"\"{result.text}\"{stated}", ids,
                       arithmetic + (f"even within the rounding of {x.text} and {y.text} it is "
                                     f"{fmt_interval(allowed, unit)}",))
    return Outcome(Verdict.CONDITIONAL,
                   f"{what}: {shown} = {fmt_interval(printed, unit)} as printed, which is not "
                   f"\"{result.text}\"; it holds only if {_condition(form, result, x, y)}",
                   ids, arithmetic)


def _condition(form: Form, result: Value, x: Value, y: Value) -> str:
    """The exact range one input must lie in, the other as printed."""
    s = result.interval
    if x.reading.is_point:
        ends = (_solve(form.y_for, x.reading.lo, s.hi), _solve(form.y_for, x.reading.lo, s.lo))
        needed = Interval(ends[0], ends[1], s.hi_closed, s.lo_closed).intersect(y.interval)
        if not needed.is_empty():
            return _words(y, needed)
    if y.reading.is_point:
        ends = (_solve(form.x_for, y.reading.lo, s.lo), _solve(form.x_for, y.reading.lo, s.hi))
        needed = Interval(ends[0], ends[1], s.lo_closed, s.hi_closed).intersect(x.interval)
        if not needed.is_empty():
            return _words(x, needed)
    return (f"{x.text} and {y.text} both lie towards the ends of what their wording allows "
            f"({fmt_interval(x.interval, x.unit)}, {fmt_interval(y.interval, y.unit)})")


def _solve(inverse: Inverse, known: Fraction | None, target: Fraction | None) -> Fraction | None:
    return None if known is None or target is None else inverse(known, target)


def _words(value: Value, needed: Interval) -> str:
    """The condition on one input, worded against what its figure allows."""
    name, unit, allows = name_of(value), value.unit, value.interval
    upper = needed.hi is not None and needed.hi == allows.hi and needed.lo is not None
    lower = needed.lo is not None and needed.lo == allows.lo and needed.hi is not None
    if value.claim.stated_figure.integer:        # a count: "at most 1,158,301", not "1,158,301.15..."
        needed = whole_numbers(needed)
    if upper:
        bound = "at least" if needed.lo_closed else "more than"
        return (f"{name} was {bound} {fmt(needed.lo, unit)} (\"{value.text}\" allows up to "
                f"{fmt(allows.hi, unit)})")
    if lower:
        bound = "at most" if needed.hi_closed else "less than"
        return (f"{name} was {bound} {fmt(needed.hi, unit)} (\"{value.text}\" allows down to "
                f"{fmt(allows.lo, unit)})")
    return f"{name} was in {fmt_interval(needed, unit)}"


@dataclass(frozen=True)
class Combined(Value):
    """A figure made of others ("4,100 + 2,510"), named by what it adds up."""

    label: str = ""


def name_of(value: Value) -> str:
    """How an editor names a figure: its claim's measure and scope, or what it adds up."""
    return value.label if isinstance(value, Combined) else described(value.claim)


def combined(ctx: Context, plus: tuple[str, ...], minus: tuple[str, ...], unit: str) -> Value:
    """The sum of the claims `plus` less the claims `minus`, in `unit`: every value their
    wording allows, as printed and unhedged, with the arithmetic written out ("4,100 + 2,510")."""
    added, taken = values(ctx, plus, unit), values(ctx, minus, unit) if minus else []
    if len(added) == 1 and not taken:
        return added[0]

    def of(pick: Callable[[Value], Interval]) -> Interval:
        return _minus(total([pick(v) for v in added]), total([pick(v) for v in taken]))

    text = " + ".join(v.text for v in added) + "".join(f" − {v.text}" for v in taken)
    names = " + ".join(described(v.claim) for v in added) + \
        "".join(f" − {described(v.claim)}" for v in taken)
    ids = tuple(i for v in added + taken for i in v.ids)
    return Combined(added[0].claim, of(lambda v: v.interval), of(lambda v: v.reading), unit, ids,
                    f"({text})", of(lambda v: v.unhedged), names)


def _minus(a: Interval, b: Interval) -> Interval:
    """Every x − y with x in a and y in b."""
    lo = None if a.lo is None or b.hi is None else a.lo - b.hi
    hi = None if a.hi is None or b.lo is None else a.hi - b.lo
    return Interval(lo, hi, a.lo_closed and b.hi_closed, a.hi_closed and b.lo_closed)


def divide(a: Fraction, b: Fraction) -> Fraction | None:
    return None if b <= 0 else a / b


def quotient(name: str, per: Fraction = Fraction(1)) -> Form:
    """s = per × x / y: an average, a frequency, a multiple, a rate per so many (`per`)."""
    return Form(name,
                f=lambda x, y: divide(per * x, y),
                x_for=lambda y, s: y * s / per,
                y_for=lambda x, s: divide(per * x, s),
                symbol=("" if per == 1 else f"{fmt(per)} × ") + "{x} / {y}")
