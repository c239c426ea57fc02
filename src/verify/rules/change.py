"""change: a stated change against the figures before and after.

`change: claim, from: a, to: b` checks the claim against b compared with a, in the form its
unit implies (or `as:`): percent ("up 15%": 100·(b − a)/a), multiple ("doubled", "three
times": b/a) or difference ("up 15", "3 more": b − a).  Three verdicts as for shares.

Passing example:
    claims:
      - {id: a, quote: "200 last year", measure: cases, scope: {year: "2020"}, value: "200", unit: people}
      - {id: b, quote: "230 this year", measure: cases, scope: {year: "2021"}, value: "230", unit: people}
      - {id: c, quote: "up 15%", measure: change in cases, value: "15%", unit: percent}
    relations: [{change: c, from: a, to: b}]
    -> holds: (230 − 200) / 200 = 15%

Failing example:
    claims: (as above, with "doubled" for c, unit 1)
    -> error change: 230 / 200 = 1.15, which is not "doubled"
"""
from __future__ import annotations

from verify.rules import described, values
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


def check(relation, ctx):
    claim = ctx.claims[relation.get("change")]
    form = relation.get("as") or _form_of(claim)
    target_unit = "percent" if form == "percent" else ("1" if form == "multiple" else None)
    (result,) = values(ctx, (claim.id,), target_unit)
    before, after = values(ctx, (relation.get("from"), relation.get("to")))
    if form == "difference":
        (result,) = values(ctx, (claim.id,), before.unit)
    what = f"the change from {described(before.claim)} to {described(after.claim)}"
    yield evaluate(FORMS[form], result, after, before, what,
                   (claim.id, before.claim.id, after.claim.id))


def _form_of(claim) -> str:
    """15% -> percent change; "doubled", "3 times" (no unit) -> multiple; 15 people -> difference."""
    return {"percent": "percent", "1": "multiple"}.get(claim.figure.unit, "difference")
