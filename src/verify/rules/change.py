"""change: a stated change against the figures before and after.

`change: claim, from: a, to: b` checks the claim against b compared with a, in the form its
unit implies (or `as:`): percent ("up 15%": 100·(b − a)/a), multiple ("doubled", "three
times": b/a) or difference ("up 15", "3 more": b − a).  A percent or difference whose quote
says it went down ("fell 20%", "a drop of 20%", "three fewer", "cut by $2 million") is a
decrease: "20%" is then compared as −20%.  Three verdicts as for shares: the printed figures
give the stated change (holds); only their rounding does (holds only if, with the exact
condition); nothing they allow does (contradiction).  The figures
compared are judged by every statement of them and by what the article's other figures allow
them (a hedged total whose parts are given).

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
    article: The fleet doubled, from 40 buses to 70.
    claims:
      - {id: before, quote: from 40 buses, measure: buses, scope: {time: before}, value: "40", unit: buses}
      - {id: after, quote: to 70, measure: buses, scope: {time: after}, value: "70", unit: buses}
      - {id: doubled, quote: The fleet doubled, measure: change in buses, value: doubled}
    relations:
      - {change: doubled, from: before, to: after}
    -> error change (doubled, before, after): 70 / 40 = 1.75, which is not "doubled"
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from verify.model import Interval
from verify.rules import Value, described, values
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
# Words that make a change a decrease.  Multiples carry their direction ("halved").
DOWN = re.compile(r"\b(fell|fall(s|en|ing)?|drop(s|ped|ping)?|down|declin\w*|decreas\w*|cuts?|"
                  r"lower\w*|fewer|less|lost|loss(es)?|shr[aiu]nk\w*|sank|slid|slump\w*|"
                  r"plung\w*|plummet\w*|reduc\w*|dipped|dip)\b", re.IGNORECASE)


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
    word = "change"
    if form != "multiple" and DOWN.search(claim.quote) and _not_negative(result.interval):
        result = _Decrease(result.claim, _negated(result.interval), _negated(result.reading),
                           result.unit, result.ids, result.shown)
        word = "fall"
    what = f"the {word} from {described(before.claim)} to {described(after.claim)}"
    yield evaluate(FORMS[form], result, after, before, what,
                   result.ids + before.ids + after.ids)


def _form_of(claim) -> str:
    """15% -> percent change; "doubled", "3 times" (no unit) -> multiple; 15 people -> difference."""
    return {"percent": "percent", "1": "multiple"}.get(claim.figure.unit, "difference")


def _not_negative(interval: Interval) -> bool:
    return interval.lo is not None and interval.lo >= 0


def _negated(interval: Interval) -> Interval:
    return Interval(None if interval.hi is None else -interval.hi,
                    None if interval.lo is None else -interval.lo,
                    interval.hi_closed, interval.lo_closed)
