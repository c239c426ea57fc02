"""change: a stated change against the figures before and after.

`change: claim, from: a, to: b` checks the claim against b compared with a, in the form its
unit implies (or `as:`): percent ("up 15%": 100·(b − a)/a), multiple ("doubled", "three
times": b/a) or difference ("up 15", "3 more": b − a).  A percent or difference is a rise or
a fall by the words that govern its figure, the word just before or just after it ("slipped
15%", "a drop of 20%", "cut by $2 million", "15% lower", "three fewer"; the words are listed
in verify.direction and docs/claims.md); no other word of the quote counts ("rose 15% even
as fares were cut" is a rise).  A fall is compared as negative: "20%" as −20%.  When the
words do not say ("a 15% change", "did not fall 15%"), the claim's `direction: rise|fall`
does; without it the finding is a question to the writer (a warning saying what each way
gives), never a pass and never a guess.  A signed figure ("−15%") and a multiple ("halved")
carry their own direction; a `direction:` that the words or the figure contradict is an
error in the claims file.  Three verdicts as for shares: the printed figures give the stated
change (holds); only their rounding does (holds only if, with the exact condition); nothing
they allow does (contradiction).  The figures compared are judged by every statement of them
and by what the article's other figures allow them (a hedged total whose parts are given).

Passing example:
    article: Cases rose from 200 last year to 230 this year, up 15%.
    claims:
      - {id: before, quote: from 200 last year, measure: cases, scope: {year: "2020"}, value: "200", unit: cases}
      - {id: after, quote: to 230 this year, measure: cases, scope: {year: "2021"}, value: "230", unit: cases}
      - {id: up, quote: up 15%, measure: change in cases, value: 15%, unit: percent}
    relations:
      - {change: up, from: before, to: after}
    -> holds change (up, before, after): (230 − 200) / 200 = 15%

Failing example:
    article: Ridership went from 1,000 to 1,150. Ridership slipped 15% even as fares rose.
    claims:
      - {id: before, quote: "from 1,000", measure: riders, scope: {year: "2020"}, value: "1,000", unit: riders}
      - {id: after, quote: "to 1,150", measure: riders, scope: {year: "2021"}, value: "1,150", unit: riders}
      - {id: slipped, quote: Ridership slipped 15%, measure: change in riders, value: 15%, unit: percent}
    relations:
      - {change: slipped, from: before, to: after}
    -> error change (slipped, before, after): (1,150 − 1,000) / 1,000 = 15%, which is not "down 15%"
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from fractions import Fraction

from verify import direction
from verify.anchor import figure_at
from verify.direction import FALL, RISE
from verify.model import Interval, Verdict
from verify.rules import Outcome, Value, described, values
from verify.rules._ratio import Form, divide, evaluate

ID = "change"
SUMMARY = "a stated change (percent, multiple, difference) must match the figures it compares"
APPLIES = "relation"
KIND = "change"

FORMS = {
    "percent": Form("percent", f=lambda b, a: divide(100 * (b - a), a),
                    x_for=lambda a, s: a * (100 + s) / 100,
                    y_for=lambda b, s: divide(100 * b, 100 + s),
                    symbol="({x} − {y}) / {y}"),
    "multiple": Form("multiple", f=lambda b, a: divide(b, a), x_for=lambda a, s: a * s,
                     y_for=lambda b, s: divide(b, s), symbol="{x} / {y}"),
    "difference": Form("difference", f=lambda b, a: b - a, x_for=lambda a, s: a + s,
                       y_for=lambda b, s: b - s, symbol="{x} − {y}"),
}
_WENT = {RISE: "rose", FALL: "fell"}


@dataclass(frozen=True)
class _Decrease(Value):
    """A change worded as a fall: its figure counts as negative."""

    @property
    def text(self) -> str:
        return f"down {super().text}"


def check(relation, ctx):
    claim = ctx.claims[relation.get("change")]
    form = relation.get("as") or _form_of(claim)
    target_unit = "percent" if form == "percent" else ("1" if form == "multiple" else None)
    before, after = values(ctx, (relation.get("from"), relation.get("to")))
    if form == "difference":     # points of a percentage: the difference of two percents
        points = (claim.figure.unit, before.unit) == ("points", "percent")
        target_unit = "points" if points else before.unit
    (result,) = values(ctx, (claim.id,), target_unit)
    ids = result.ids + before.ids + after.ids
    between = f"from {described(before.claim)} to {described(after.claim)}"

    def judged(way: str | None) -> Outcome:
        value = result if way is None else _sized(result, way)
        word = {RISE: "rise", FALL: "fall"}.get(way, "change")
        return evaluate(FORMS[form], value, after, before, f"the {word} {between}", ids)

    if form == "multiple" or _signed(claim):       # "halved", "−20%": their own direction
        way = _signed_way(result.interval, 1 if form == "multiple" else 0)
        if claim.direction is not None and way is not None and claim.direction != way:
            yield _against(claim, f"its figure, {result.text}, says it {_WENT[way]}")
            return
        yield judged(None)
        return
    reading = _reading(claim)
    if reading.way is not None and claim.direction not in (None, reading.way):
        yield _against(claim, f"its quote says it {_WENT[reading.way]} (\"{reading.words}\")")
        return
    if reading.way is not None:
        outcome = judged(reading.way)
        yield replace(outcome, arithmetic=outcome.arithmetic + (
            f"\"{reading.words}\" says it {_WENT[reading.way]}",))
    elif claim.direction is not None:
        outcome = judged(claim.direction)
        yield replace(outcome, arithmetic=outcome.arithmetic + (
            f"direction: {claim.direction} (claim '{claim.id}') says it {_WENT[claim.direction]}",))
    else:
        yield _question(claim, reading, judged(RISE), judged(FALL), between, ids)


def _reading(claim) -> direction.Reading:
    """Which way the words governing the claim's figure in its quote say it went."""
    found = figure_at(claim)
    if found is None:
        return direction.Reading(None, why_not="its figure is not in its quote")
    return direction.read(*found)


def _question(claim, reading, rise: Outcome, fall: Outcome, between: str, ids) -> Outcome:
    """The words do not say which way: a question for the writer, with what each way gives.
    If neither way can hold it is a contradiction whatever they meant; if both hold as
    printed (a change of 0) nothing depends on it."""
    if rise.verdict is Verdict.HOLDS and fall.verdict is Verdict.HOLDS:
        return rise
    if rise.verdict is Verdict.CONTRADICTION and fall.verdict is Verdict.CONTRADICTION:
        return replace(rise, message=f"{rise.message}, and not a fall of it either",
                       arithmetic=rise.arithmetic + fall.arithmetic[:1])
    summary = "; ".join(f"as a {way}, {_verdict_words(outcome)}"
                        for way, outcome in ((RISE, rise), (FALL, fall)))
    arithmetic = tuple(f"as a {way}: {line}" for way, outcome in ((RISE, rise), (FALL, fall))
                       if outcome.verdict is not Verdict.CONTRADICTION
                       for line in outcome.arithmetic)
    return Outcome(Verdict.CONDITIONAL,
                   f"the change {between}: the quote does not say whether it rose or fell "
                   f"({reading.why_not}): \"{claim.quote}\"; {summary}; add direction: rise or "
                   f"direction: fall to claim '{claim.id}'", ids, arithmetic)


def _verdict_words(outcome: Outcome) -> str:
    if outcome.verdict is Verdict.HOLDS:
        return "it holds"
    if outcome.verdict is Verdict.CONDITIONAL:
        return "it holds only if" + outcome.message.split("it holds only if", 1)[1]
    return "it cannot hold"


def _against(claim, what: str) -> Outcome:
    return Outcome(Verdict.INVALID, f"claim '{claim.id}' says direction: {claim.direction}, but "
                   f"{what}; expected the direction its words give, or no direction",
                   (claim.id,))


def _signed_way(interval: Interval, unchanged: int) -> str | None:
    """Which way a figure that carries its own direction says: a multiple above or below 1,
    a signed figure above or below 0; None when it allows both."""
    if interval.lo is not None and interval.lo > unchanged:
        return RISE
    if interval.hi is not None and interval.hi < unchanged:
        return FALL
    return None


def _form_of(claim) -> str:
    """15% -> percent change; "doubled", "3 times" (no unit) -> multiple; 15 people -> difference."""
    return {"percent": "percent", "1": "multiple"}.get(claim.figure.unit, "difference")


def _signed(claim) -> bool:
    """A figure written with a minus ("−15%") is a change with its sign, not a size."""
    return claim.figure.nominal is not None and claim.figure.nominal < 0


_SIZE = Interval(Fraction(0), None)


def _sized(result: Value, way: str) -> Value:
    """An unsigned figure worded as a rise or a fall: its size is at least 0 ("rose by up to
    15%" is 0% to 15%, never a fall), and counts as negative for a fall."""
    def turn(interval: Interval | None) -> Interval | None:
        if interval is None:
            return None
        size = interval.intersect(_SIZE)
        return _negated(size) if way == FALL else size
    kept = {f.name: getattr(result, f.name) for f in fields(result)}
    turned = {name: turn(kept[name]) for name in ("interval", "reading", "rounded")}
    return (_Decrease if way == FALL else Value)(**(kept | turned))


def _negated(interval: Interval) -> Interval:
    return Interval(None if interval.hi is None else -interval.hi,
                    None if interval.lo is None else -interval.lo,
                    interval.hi_closed, interval.lo_closed)
