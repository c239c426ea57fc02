"""change: a stated change against the figures before and after.

`change: claim, from: a, to: b` checks the claim against b compared with a, in the form its
unit implies (or `as:`): percent ("up 15%": 100·(b − a)/a), multiple ("doubled", "three
times": b/a) or difference ("up 15", "3 more": b − a).  A percent or difference is a rise or
a fall by the words that govern its figure, the word just before or just after it ("slipped
15%", "a drop of 20%", "cut by $2 million", "15% lower", "three fewer"; the words are listed
in verify.values.direction and docs/claims.md); no other word of the quote counts ("rose 15% even
as fares were cut" is a rise).  A fall is compared as negative: "20%" as −20%.  When the
words do not say ("a 15% change", "did not fall 15%"), the claim's `direction: rise|fall`
does; without it the finding is a question to the writer (a warning saying what each way
gives), never a pass and never a guess.  A signed figure ("−15%") and a multiple ("halved")
carry their own direction; a `direction:` that the words or the figure contradict is an
error in the claims file.  Three verdicts as for shares: the printed figures give the stated
change (holds); only their rounding does (holds only if, with the exact condition); nothing
they allow does (contradiction).  An earlier figure printed nowhere ("a rise of 140% on the
previous year") is named by measure and scope, `from: {measure: thefts, scope: {year: "2022"}}`:
it is an unknown of the whole-article model, 100·b/(100 + p) for the change's interval p (a
note gives its bounds), and every other figure about it is checked against that (its
districts' parts, a sum).  The figures compared are judged by every statement of them
and by what the article's other figures allow them (a hedged total whose parts are given).

Passing example:
    article: Cases rose from 200 last year to 230 this year, up 15%.
    claims:
      - {id: before, quote: from 200 last year, measure: cases, scope: {year: "2020"}, value: "200",
         unit: cases}
      - {id: after, quote: to 230 this year, measure: cases, scope: {year: "2021"}, value: "230", unit: cases}
      - {id: up, quote: up 15%, measure: change in cases, value: 15%, unit: percent}
    relations:
      - {change: up, from: before, to: after}
    -> holds change (up, before, after): (230 − 200) / 200 = 15%

Failing example:
    article: Ridership went from 1,000 to 1,150. Ridership slipped 15% even as fares rose.
    claims:
      - {id: before, quote: "from 1,000", measure: riders, scope: {year: "2020"}, value: "1,000",
         unit: riders}
      - {id: after, quote: "to 1,150", measure: riders, scope: {year: "2021"}, value: "1,150", unit: riders}
      - {id: slipped, quote: Ridership slipped 15%, measure: change in riders, value: 15%, unit: percent}
    relations:
      - {change: slipped, from: before, to: after}
    -> error change (slipped, before, after): (1,150 − 1,000) / 1,000 = 15%, which is not "down 15%"
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, replace

from quicktions import Fraction

from verify.anchor.quotes import figure_at
from verify.evaluate.rules import Context, Outcome, Value, described, values
from verify.evaluate.rules._ratio import Form, divide, evaluate, quotient
from verify.model import Claim, Interval, Relation, Unstated, Verdict
from verify.relate.relations import change_form, signed
from verify.values import direction, units
from verify.values.direction import FALL, RISE
from verify.values.numbers import fmt_interval

ID = "change"
SUMMARY = "a stated change (percent, multiple, difference) must match the figures it compares"
APPLIES = "relation"
KIND = "change"

FORMS = {
    "percent": Form("percent", f=lambda b, a: divide(100 * (b - a), a),
                    x_for=lambda a, s: a * (100 + s) / 100,
                    y_for=lambda b, s: divide(100 * b, 100 + s),
                    symbol="({x} − {y}) / {y}"),
    "multiple": quotient("multiple"),
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


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    claim = ctx.claims[relation.get("change")]
    if isinstance(relation.get("from"), Unstated):
        yield _from_unstated(relation, claim, ctx)
        return
    form = relation.get("as") or _form_of(claim)
    target_unit = "percent" if form == "percent" else ("1" if form == "multiple" else None)
    before, after = values(ctx, (relation.get("from"), relation.get("to")))
    if form == "difference":     # points of a percentage: the difference of two percents
        points = (claim.stated_figure.unit, before.unit) == ("points", "percent")
        target_unit = "points" if points else before.unit
    (result,) = values(ctx, (claim.id,), target_unit)
    ids = result.ids + before.ids + after.ids
    between = f"from {described(before.claim)} to {described(after.claim)}"

    def judged(way: str | None) -> Outcome:
        value = result if way is None else _sized(result, way)
        word = "change" if way is None else {RISE: "rise", FALL: "fall"}.get(way, "change")
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


def _from_unstated(relation: Relation, claim: Claim, ctx: Context) -> Outcome:
    """A change from a figure printed nowhere: what the change and the later figure say it
    was (a = 100·b/(100 + p), b/m or b − d over their intervals).  Whether that agrees with
    the article's other figures about it is the whole-article check's (a linear constraint
    for the change's interval)."""
    named, form = relation.get("from"), change_form(relation, claim)
    (after,) = values(ctx, (relation.get("to"),))
    p, why_not = signed(claim, form)
    ids = (claim.id,) + after.ids
    if p is None:
        return Outcome(Verdict.CONDITIONAL, f"the change to {described(after.claim)}: the quote "
                       f"does not say whether it rose or fell ({why_not}): \"{claim.quote}\"; add "
                       f"direction: rise or direction: fall to claim '{claim.id}'", ids)
    figure = claim.stated_figure
    if form == "difference":
        p = p.scale(units.factor(figure.unit, after.unit))
    before = _before(FORMS[form], after.interval, p)
    sign = {"percent": "%", "multiple": "×"}.get(form, "")
    if before is None:
        return Outcome(Verdict.CONTRADICTION, f"{named.id}, printed nowhere: no figure changed by "
                       f"{figure.text} gives {described(after.claim)}, {after.text}", ids)
    return Outcome(Verdict.HOLDS, f"{named.id}, printed nowhere, follows from the change to "
                   f"{described(after.claim)}", ids,
                   (f"{named.id} = {_inverse_words(form, after.text, figure.text)}",),
                   (f"{named.id}, printed nowhere: {fmt_interval(before, after.unit)} "
                    f"({after.text} after a change of "
                    f"{fmt_interval(p, sign if sign != '%' else 'percent')})",))


def _before(form: Form, after: Interval, p: Interval) -> Interval | None:
    """Every earlier figure a that a change in `p` takes to a value in `after` (a >= 0 for a
    percent or a multiple); None when there is none."""
    if form.name == "difference":
        lo = None if after.lo is None or p.hi is None else after.lo - p.hi
        hi = None if after.hi is None or p.lo is None else after.hi - p.lo
        return Interval(lo, hi, after.lo_closed and p.hi_closed, after.hi_closed and p.lo_closed)
    floor = Fraction(-100) if form.name == "percent" else Fraction(0)
    if (p.hi is not None and p.hi <= floor) or (after.hi is not None and after.hi < 0):
        return None
    lo_p = p.lo if p.lo is not None and p.lo > floor else None
    lo = None if after.lo is None or p.hi is None else form.y_for(max(after.lo, Fraction(0)), p.hi)
    hi = None if after.hi is None or lo_p is None else form.y_for(after.hi, lo_p)
    return Interval(lo, hi, after.lo_closed and p.hi_closed, after.hi_closed and p.lo_closed)


def _inverse_words(form: str, after: str, change: str) -> str:
    return {"percent": f"100 × {after} / (100 + {change})", "multiple": f"{after} / {change}",
            "difference": f"{after} − {change}"}[form]


def _reading(claim: Claim) -> direction.Reading:
    """Which way the words governing the claim's figure in its quote say it went."""
    found = figure_at(claim)
    if found is None:
        return direction.Reading(None, why_not="its figure is not in its quote")
    return direction.read(*found)


def _question(claim: Claim, reading: direction.Reading, rise: Outcome, fall: Outcome, between: str,
              ids: tuple[str, ...]) -> Outcome:
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


def _against(claim: Claim, what: str) -> Outcome:
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


def _form_of(claim: Claim) -> str:
    """15% -> percent change; "doubled", "3 times" (no unit) -> multiple; 15 people -> difference."""
    return {"percent": "percent", "1": "multiple"}.get(claim.stated_figure.unit, "difference")


def _signed(claim: Claim) -> bool:
    """A figure written with a minus ("−15%") is a change with its sign, not a size."""
    nominal = claim.stated_figure.nominal
    return nominal is not None and nominal < 0


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
