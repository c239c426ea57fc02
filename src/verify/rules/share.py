"""share: a stated share against its part and whole.

`share: claim, part: p, whole: w` checks 100·p/w against the claim's percent or fraction
("25%", "a quarter", "nearly half", "a little less than half").  The printed part and whole
must give a value the wording allows; when only their rounding does, the finding says the
exact condition ("holds only if the total was more than $1,334,000").  Hedge tolerances are
set in checks/ (hedges: nearly: 10%).

Passing example:
    claims:
      - {id: w, quote: "960 residents", measure: residents, value: "960", unit: people}
      - {id: p, quote: "470 of them voted", measure: voters, value: "470", unit: people}
      - {id: s, quote: "nearly half voted", measure: turnout, value: "nearly half", unit: percent}
    relations: [{share: s, part: p, whole: w}]
    -> holds: 470 / 960 = 48.95...%, which is "nearly half"

Failing example:
    claims: (as above, with "a third voted" for s)
    -> error share: 470 / 960 = 48.95...%, which is not "a third"
"""
from __future__ import annotations

from verify.rules import described, values
from verify.rules._ratio import Form, divide, evaluate

ID = "share"
SUMMARY = "a percentage or fraction must match its part and whole"
APPLIES = "relation"
KIND = "share"

PERCENT = Form("share",
               f=lambda p, w: divide(100 * p, w),
               x_for=lambda w, s: w * s / 100,
               y_for=lambda p, s: divide(100 * p, s),
               symbol="{x} / {y}")


def check(relation, ctx):
    (result,) = values(ctx, (relation.get("share"),), "percent")
    part, whole = values(ctx, (relation.get("part"), relation.get("whole")))
    what = f"{described(part.claim)} as a share of {described(whole.claim)}"
    yield evaluate(PERCENT, result, part, whole, what,
                   (result.claim.id, part.claim.id, whole.claim.id))

