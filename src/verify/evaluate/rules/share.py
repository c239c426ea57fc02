"""share: a stated share against its part and whole.

`share: claim, part: p, whole: w` checks 100·p/w against the claim's percent or fraction
("47%", "a quarter", "nearly half", "a little less than half").  A share is arithmetic a reader
does with the printed figures: they must give a value the wording allows ("47%" is
[46.5%, 47.5%); "nearly half" is [45%, 50%) with hedges: nearly: 10%).  When only the rounding
of the part or whole does, the finding is a warning with the exact condition: $667,000 of
"$1.3 million" is "a little less than half" only if the total was more than $1,334,000.
The part and the whole count as printed: "about $667,000" is $667,000, and its hedge can only
make a contradiction a warning with the condition, never a pass (docs/claims.md, "Two
readings"); the share's own words ("a little less than half") are what it states.
The part and the whole are each judged by every statement of them and by what the article's
other figures allow: "about 100" arrests whose parts are 60 and 45 is 105, so 60 of it is 57%,
not "60%" (the parts are cited).  A share's whole may be a sum of claims, less others:
`whole: [yes, no]` ("62% of the votes cast for or against", when only the yes and no counts
are printed), `minus: spoiled` ("of the valid ballots"); the arithmetic shows it, as
"2,542 / (4,100 + 2,510)".  A share is not linear, so it is checked here, not in the
whole-article model; the model narrows its figures.

Passing example:
    article: Of the town's 960 residents, 470 voted -- nearly half.
    claims:
      - {id: residents, quote: 960 residents, measure: residents, value: "960", unit: people}
      - {id: voters, quote: 470 voted, measure: voters, value: "470", unit: people}
      - {id: turnout, quote: nearly half, measure: turnout, value: nearly half, unit: percent}
    relations: [{share: turnout, part: voters, whole: residents}]
    -> holds share (turnout, voters, residents): 470 / 960 = 48.96%, which is "nearly half"

Failing example:
    article: The district spent $667,000 of its $1.3 million grant on buses, a little less than half.
    claims:
      - {id: grant, quote: $1.3 million grant, measure: grant, value: $1.3 million, unit: USD}
      - {id: buses, quote: "$667,000", measure: spent on buses, value: "$667,000", unit: USD}
      - {id: share, quote: a little less than half, measure: share on buses,
         value: a little less than half, unit: percent}
    relations: [{share: share, part: buses, whole: grant}]
    -> warning share (share, buses, grant): 51.3% as printed; holds only if the grant was more than $1,334,000
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from verify.evaluate.rules import Context, Outcome, Value, described, values, written
from verify.evaluate.rules._ratio import Form, combined, divide, evaluate, name_of
from verify.model import Relation
from verify.values.numbers import fmt

ID = "share"
SUMMARY = "a percentage or fraction must match its part and whole"
APPLIES = "relation"
KIND = "share"

PERCENT = Form("share",
               f=lambda p, w: divide(100 * p, w),
               x_for=lambda w, s: w * s / 100,
               y_for=lambda p, s: divide(100 * p, s),
               symbol="{x} / {y}")


# A part that is one of the figures its whole adds up: 100·p/(p + r), r the rest of the whole.
# Computed as one form (it grows with p and shrinks with r), not as p over an interval of
# p + r, which would let p take two values at once.
OF_ITS_SUM = Form("share",
                  f=lambda p, r: divide(100 * p, p + r),
                  x_for=lambda r, s: divide(s * r, 100 - s),
                  y_for=lambda p, s: divide(p * (100 - s), s),
                  symbol="{x} / ({x} + {y})")


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    (result,) = values(ctx, (relation.get("share"),), "percent")
    (part,) = values(ctx, (relation.get("part"),))
    plus, minus = _ids(relation.get("whole")), _ids(relation.get("minus"))
    whole = combined(ctx, plus, minus, part.unit)
    what = f"{described(part.claim)} as a share of {name_of(whole)}"
    ids = result.ids + part.ids + whole.ids
    rest = _rest(ctx, relation.get("part"), plus, minus, part.unit)
    if rest is not None:
        outcome = evaluate(OF_ITS_SUM, result, part, rest, what, ids)
    else:
        outcome = evaluate(PERCENT, result, part, whole, what, ids)
    if whole.text != written(whole.claim) and whole.reading.is_point:   # a sum: show it
        outcome = replace(outcome, arithmetic=(
            f"{name_of(whole)} = {whole.text[1:-1]} = {fmt(whole.reading.lo, whole.unit)}",)
            + outcome.arithmetic)
    yield outcome


def _rest(ctx: Context, part: str, plus: tuple[str, ...], minus: tuple[str, ...],
          unit: str) -> Value | None:
    """The whole less the part, when the part is one of the figures the whole adds up and
    the rest cannot be negative (so the share grows with the part); else None."""
    if part not in plus or len(plus) + len(minus) < 2:
        return None
    others = tuple(i for i in plus if i != part)
    if not others or plus.count(part) > 1:
        return None
    rest = combined(ctx, others, minus, unit)
    if rest.interval.lo is None or rest.interval.lo < 0:
        return None
    return replace(rest, shown=rest.shown[1:-1]) if rest.shown.startswith("(") else rest


def _ids(role: str | tuple[str, ...] | None) -> tuple[str, ...]:
    return () if role is None else role if isinstance(role, tuple) else (role,)

