"""average: a stated average against the total and the count it divides.

`average: a, total: t, over: n` checks t / n against the average's figure ("the 12 schools
average 430 pupils" against "5,100 pupils" in all: 5,100 / 12 = 425, not 430).  The average is
read by its words ("430" is [429.5, 430.5); "about 430" as printed is 430, and its hedge can
only make a contradiction a warning with the condition); the total and the count count as
printed (docs/claims.md, "Two readings").  When only their rounding gives the average, the
finding is a warning with the exact condition: "5,000 pupils" over 12 schools is 416.67, and
an average of 430 needs the total to be at least 5,154.
Units carry through: the average's unit may be the total's (`unit: pupils`: it is still
read as printed, never narrowed to whole numbers) or the total's per the count's (`unit:
pupils per school`, `USD per household`), and a unit that does not match them is a units
error.  An average is not linear in its figures, so it is checked here, not in the
whole-article model; the model narrows its figures.

Passing example:
    article: The district's 12 schools teach 5,100 pupils, an average of 425 pupils per school.
    claims:
      - {id: schools, quote: 12 schools, measure: schools, value: "12", unit: schools}
      - {id: pupils, quote: "5,100 pupils", measure: pupils, value: "5,100", unit: pupils}
      - {id: avg, quote: an average of 425 pupils per school, measure: pupils per school,
         value: "425", unit: pupils per school}
    relations: [{average: avg, total: pupils, over: schools}]
    -> holds average (avg, pupils, schools): 5,100 / 12 = 425 pupils/schools

Failing example:
    article: The district's 12 schools teach 5,100 pupils; they average 430 pupils.
    claims:
      - {id: schools, quote: 12 schools, measure: schools, value: "12", unit: schools}
      - {id: pupils, quote: "5,100 pupils", measure: pupils, value: "5,100", unit: pupils}
      - {id: avg, quote: average 430 pupils, measure: pupils per school, value: "430", unit: pupils}
    relations: [{average: avg, total: pupils, over: schools}]
    -> error average (avg, pupils, schools): 5,100 / 12 = 425 pupils, which is not "430"
"""
from __future__ import annotations

from collections.abc import Iterator

from verify.evaluate.rules import Context, Outcome, described, values
from verify.evaluate.rules._per import convert, require, split, stated
from verify.evaluate.rules._ratio import evaluate, quotient
from verify.model import Relation

ID = "average"
SUMMARY = "an average must be its total divided by its count"
APPLIES = "relation"
KIND = "average"

AVERAGE = quotient("average")       # the total over the count


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    result = stated(ctx, relation.get("average"))
    top, bottom = split(result.unit)
    (total,) = values(ctx, (relation.get("total"),))
    (count,) = values(ctx, (relation.get("over"),))
    what = f"{described(result.claim)}"
    require(count.unit, bottom, "count", what)
    total = convert(total, top)
    yield evaluate(AVERAGE, result, total, count, what, result.ids + total.ids + count.ids)
