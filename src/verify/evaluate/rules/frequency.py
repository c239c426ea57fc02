"""frequency: "one death every seven minutes" against a count in a period of known length.

`frequency: f, of: c, period: 1 year` checks the period's length over the count against the
figure, when the figure is a time between events (`unit: minutes`: "one death every seven
minutes" against 75,000 deaths in a year is 525,600 / 75,000 = 7.008 minutes), or the count
over the period's length when it is events per time (`unit: deaths per day`: "about 205 a
day").  The period is a length of time the relation states (`1 year`, `365 days`, `24 hours`,
`a week`), converted exactly: a year is 365 days (525,600 minutes) and a month a twelfth of
one; a leap year is written `366 days`.  `of:` may list several claims whose figures add up
to the count.  The frequency is read by its words, rounded to its last digit ("seven" is
[6.5, 7.5)); the count counts as printed (docs/claims.md, "Two readings"), so when only its
rounding gives the frequency the finding is a warning with the exact condition.  A time
between events is checked in the figure's own unit of time, a count per time in its own.

Passing example:
    article: Last year 75,000 people died on the roads, one death every seven minutes.
    claims:
      - {id: deaths, quote: "75,000 people died", measure: road deaths, value: "75,000", unit: deaths}
      - {id: every, quote: every seven minutes, measure: time between road deaths, value: seven,
         unit: minutes}
    relations: [{frequency: every, of: deaths, period: 1 year}]
    -> holds frequency (every, deaths): 1 year (525,600 minutes) / 75,000 = 7.008 minutes

Failing example:
    article: Last year 75,000 people died on the roads, one death every five minutes.
    claims:
      - {id: deaths, quote: "75,000 people died", measure: road deaths, value: "75,000", unit: deaths}
      - {id: every, quote: every five minutes, measure: time between road deaths, value: five,
         unit: minutes}
    relations: [{frequency: every, of: deaths, period: 1 year}]
    -> error frequency (every, deaths): 1 year (525,600 minutes) / 75,000 = 7.008 minutes, not "five (5)"
"""
from __future__ import annotations

from collections.abc import Iterator

from verify.evaluate.rules import Context, Outcome, described, values
from verify.evaluate.rules._per import constant, convert, split, stated
from verify.evaluate.rules._ratio import combined, evaluate, quotient
from verify.model import Relation
from verify.values import units
from verify.values.numbers import duration, fmt

ID = "frequency"
SUMMARY = "a time between events, or events per time, must match the count in its period"
APPLIES = "relation"
KIND = "frequency"

FREQUENCY = quotient("frequency")


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    result = stated(ctx, relation.get("frequency"))
    of = relation.get("of")
    plus = of if isinstance(of, tuple) else (of,)
    first = values(ctx, plus[:1])[0]
    count = combined(ctx, plus, (), first.unit)
    period_of = duration(relation.get("period"))
    if period_of is None:       # the loader accepts only a length of time
        raise units.UnitError(f"'{relation.get('period')}' is not a length of time")
    length, unit = period_of
    what = described(result.claim)
    top, bottom = split(result.unit)
    time = result.unit if bottom is None else bottom
    if units.dimension(time) != "[time]":
        raise units.UnitError(f"{what} is in {result.unit}: a frequency is a time between events "
                              "(minutes) or a count per time (deaths per day)")
    exact = length * units.factor(unit, time)
    written = f"{relation.get('period')}" + ("" if unit == time else f" ({fmt(exact, time)})")
    period = constant(result.claim, exact, time, written, f"the period ({relation.get('period')})")
    ids = result.ids + count.ids
    if bottom is None:          # a time between events: the period over the count
        yield evaluate(FREQUENCY, result, period, count, what, ids)
    else:                       # events per time: the count over the period
        yield evaluate(FREQUENCY, result, convert(count, top), period, what, ids)
