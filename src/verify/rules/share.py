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
not "60%" (the parts are cited).  A share is not linear, so it is checked here, not in the
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
      - {id: share, quote: a little less than half, measure: share on buses, value: a little less than half, unit: percent}
    relations: [{share: share, part: buses, whole: grant}]
    -> warning share (share, buses, grant): 51.3% as printed; holds only if the grant was more than $1,334,000
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
                   result.ids + part.ids + whole.ids)

