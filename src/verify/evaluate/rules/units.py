"""units: figures related to each other must measure the same kind of thing.

Every relation is first checked here.  Compatible units convert exactly ("a 12-mile trail,
about 20 kilometers": 12 mi = 19.312128 km, inside about 20 km); people, each currency and
each counted noun are dimensions of their own, so a relation that adds people to dollars, or
compares states with people, is a modelling error naming both units, and the relation is not
evaluated further.  Currencies never convert: an exchange rate is a fact to check, not a unit.

Every claim's unit must be known, whether or not the claim is in a relation: a unit of
measure (km, miles, kg, hours, percent), an ISO 4217 currency code (USD, EUR, CHF), `points`,
or a counted noun.  verify ships a vocabulary of a few hundred nouns of news copy (people,
arrests, votes, states, counties, cases, deaths, jobs, students, homes, vehicles ...); a
project adds its own in checks/ (`nouns: [sandwiches, loaf loaves]`).  A noun is one unit in
the singular and the plural ("a 12-state sting" and "12 states").  Anything else stops the
file at the unit, exit 2, with the closest known word: `unit 'peolpe' is not a known unit,
currency or counted noun; did you mean 'people'?`.

Percentage points (`points`, `percentage points`) are a unit of their own: a difference of
two percents.  They convert to nothing else, so 5 points and 5% are a units error; a
`change` stated in points between two percent figures is their difference (45% - 40% = 5
points).

Passing example:
    article: The new 12-mile trail, about 20 kilometers, opens in May.
    claims:
      - {id: mi, quote: 12-mile trail, measure: trail length, value: 12-mile, unit: miles}
      - {id: km, quote: about 20 kilometers, measure: trail length, value: about 20, unit: km}
    -> holds units (mi, km): 20 km = 12.4274... miles

Failing example:
    article: The raid netted $5,000 and 12 arrests.
    claims:
      - {id: cash, quote: "netted $5,000", measure: seized, value: "$5,000", unit: USD}
      - {id: arrests, quote: 12 arrests, measure: arrests, value: "12", unit: people}
    relations: [{sum: cash, parts: [arrests]}]
    -> error units (cash, arrests): people cannot be compared with USD
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from verify.evaluate.rules import Context, Outcome
from verify.load.schema import compared_roles
from verify.model import Relation, Verdict
from verify.values import units
from verify.values.numbers import fmt

ID = "units"
SUMMARY = "related figures must have compatible units; conversions are exact"
APPLIES = "relation"
KIND = None   # every relation kind



_compared_roles = cache(compared_roles)     # a table of the schema, asked once a relation


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    ids: list[str] = []
    for role in _compared_roles(relation.kind):
        value = relation.get(role)
        ids.extend(v for v in (value if isinstance(value, tuple) else (value,))
                   if v in ctx.claims)
    figures = [(i, figure) for i in ids if (figure := ctx.claims[i].figure) is not None]
    missing = [i for i in ids if ctx.claims[i].figure is None]
    if missing:
        yield Outcome(Verdict.INVALID, f"{relation.kind} relation {relation.id} relates "
                      f"{', '.join(missing)}, which state no figure", tuple(ids))
        return
    if not figures:
        return
    first_id, first = figures[0]
    conversions: list[str] = []
    for other_id, other in figures[1:]:
        if other.unit == first.unit:
            continue
        try:
            factor = units.factor(other.unit, first.unit)
        except units.UnitError as error:
            yield Outcome(Verdict.INVALID, f"{relation.kind} relation {relation.id} relates "
                          f"{first_id} in {first.unit} with {other_id} in {other.unit}: {error}",
                          (first_id, other_id))
            return
        assert other.nominal is not None, "a figure read from text has its number as printed"
        converted = fmt(other.nominal * factor, first.unit)
        conversions.append(f"{fmt(other.nominal, other.unit)} = {converted}")
    if conversions:
        yield Outcome(Verdict.HOLDS, f"{relation.kind} relation {relation.id}: units convert",
                      tuple(ids), tuple(conversions))
