"""rate: a stated rate per so many people against its count and population.

`rate: r, of: c, population: p, per: 100,000` checks per × c / p against the rate's figure
("18 deaths per 100,000 residents" against 27 deaths among 150,000 residents: 100,000 × 27 /
150,000 = 18).  `of:` may list several claims whose figures add up to the count (`of: [road,
rail]`, the arithmetic shown as "(12 + 15)"); `per:` defaults to 1 ("3.2 arrests per
officer").  The rate is read by its words, rounded to its last digit ("18" is [17.5, 18.5)),
never as an exact count; the count and the population count as printed (docs/claims.md, "Two
readings"), so when only their rounding gives the rate the finding is a warning with the exact
condition.  Units carry through: the rate's unit is the count's (`unit: deaths`), or the
count's per the population's (`unit: deaths per resident`); any other is a units error.
A rate is not linear in its figures, so it is checked here, not in the whole-article model.

Passing example:
    article: The county recorded 27 road deaths among its 150,000 residents, 18 per 100,000.
    claims:
      - {id: deaths, quote: 27 road deaths, measure: road deaths, value: "27", unit: deaths}
      - {id: residents, quote: "150,000 residents", measure: residents, value: "150,000", unit: people}
      - {id: rate, quote: "18 per 100,000", measure: road death rate, value: "18", unit: deaths}
    relations: [{rate: rate, of: deaths, population: residents, per: "100,000"}]
    -> holds rate (rate, deaths, residents): 100,000 × 27 / 150,000 = 18 deaths

Failing example:
    article: The county recorded 27 road deaths among its 180,000 residents, 18 per 100,000.
    claims:
      - {id: deaths, quote: 27 road deaths, measure: road deaths, value: "27", unit: deaths}
      - {id: residents, quote: "180,000 residents", measure: residents, value: "180,000", unit: people}
      - {id: rate, quote: "18 per 100,000", measure: road death rate, value: "18", unit: deaths}
    relations: [{rate: rate, of: deaths, population: residents, per: "100,000"}]
    -> error rate (rate, deaths, residents): 100,000 × 27 / 180,000 = 15 deaths, which is not "18"
"""
from __future__ import annotations

from collections.abc import Iterator

from quicktions import Fraction

from verify.evaluate.rules import Context, Outcome, described, values
from verify.evaluate.rules._per import convert, require, split, stated
from verify.evaluate.rules._ratio import combined, evaluate, quotient
from verify.model import Relation

ID = "rate"
SUMMARY = "a rate per so many people must be its count over its population, scaled"
APPLIES = "relation"
KIND = "rate"


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    result = stated(ctx, relation.get("rate"))
    top, bottom = split(result.unit)
    of = relation.get("of")
    plus = of if isinstance(of, tuple) else (of,)
    first = values(ctx, plus[:1])[0]
    count = convert(combined(ctx, plus, (), first.unit), top)
    (population,) = values(ctx, (relation.get("population"),))
    what = described(result.claim)
    require(population.unit, bottom, "population", what)
    per = Fraction(str(relation.get("per") or "1").replace(",", ""))
    yield evaluate(quotient("rate", per), result, count, population, what,
                   result.ids + count.ids + population.ids)
