"""Shared reading for figures stated per something: averages, rates and frequencies.

An average, a rate or a frequency is a figure per unit of something else ("430 pupils per
school", "18 deaths per 100,000 residents", "one death every seven minutes"), so its unit is
made of the units of the figures it comes from.  Its claim may name the unit as `X per Y`
(pupils per school, deaths per minute): X must then convert from the numerator's unit and Y
from the denominator's, or it is a units error.  A stated average or rate is never a count,
even in a counted unit ("an average of 430 pupils"): its rounding is read as printed, never
narrowed to whole numbers.
"""
from __future__ import annotations

from quicktions import Fraction

from verify.evaluate.rules import Context, Value, values
from verify.evaluate.rules._ratio import Combined
from verify.model import Claim, Interval
from verify.values import units
from verify.values.numbers import fmt, read_written, rounded_interval


def split(unit: str) -> tuple[str, str | None]:
    """'pupils/schools' -> ('pupils', 'schools'); 'pupils' -> ('pupils', None)."""
    top, _, bottom = unit.partition("/")
    return top, bottom or None


def stated(ctx: Context, claim_id: str) -> Value:
    """The stated average, rate or frequency in its own unit: every value its words allow, as
    printed.  A quotient is rounded by whoever printed it, so plain digits ("430", "seven") are
    read as rounded to their last digit ([429.5, 430.5)), not as an exact count, and never
    narrowed to whole numbers (an average of 430 pupils may be 429.6)."""
    claim = ctx.claims[claim_id]
    figure = claim.figure
    if figure is None:
        raise units.UnitError(f"claim '{claim_id}' states no figure")
    if figure.precision == "exact" and figure.nominal is not None:
        step = read_written(figure.text).step or Fraction(1)
        rounded = rounded_interval(figure.nominal, step, ctx.config.tolerances.rounding)
        return Value(claim, rounded, figure.reading, figure.unit, (claim_id,), rounded=rounded)
    if not figure.integer:
        (value,) = values(ctx, (claim_id,), figure.unit)
        return value
    return Value(claim, figure.interval, figure.reading, figure.unit, (claim_id,),
                 rounded=figure.rounded or figure.interval)


def convert(value: Value, unit: str) -> Value:
    """`value` in `unit` (raises units.UnitError across dimensions)."""
    if value.unit == unit:
        return value
    factor = units.factor(value.unit, unit)
    return Value(value.claim, value.interval.scale(factor), value.reading.scale(factor), unit,
                 value.ids, value.shown, value.unhedged.scale(factor))


def require(unit: str, wanted: str | None, role: str, what: str) -> None:
    """A per-unit's part (`wanted`) must convert from the unit of the figure in `role`."""
    if wanted is not None and not units.compatible(unit, wanted):
        raise units.UnitError(f"{what} is stated per {wanted}, but its {role} is in {unit}; "
                              f"{unit} cannot be compared with {wanted}")


def constant(claim: Claim, number: Fraction, unit: str, text: str, label: str) -> Combined:
    """An exact figure the relation gives (a period of 1 year), shown as written."""
    point = Interval.point(number)
    return Combined(claim, point, point, unit, (), text or fmt(number, unit), point, label)
