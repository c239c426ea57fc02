"""count: a stated number of things against the things actually named.

`count: claim, items: [...]` compares the claim's figure ("12-state", "11 other states",
"three suspects") with the number of distinct items: names written out in the relation, and
the items of list claims named by id (a name listed twice counts once).  Counts are exact: a
hedged count ("more than 10 states") is compared as hedged.

Passing example:
    article: A 3-state sting covered Iowa, Ohio and Texas.
    claims:
      - {id: n, quote: 3-state sting, measure: states, value: 3-state, unit: states}
      - {id: named, quote: "Iowa, Ohio and Texas", items: [Iowa, Ohio, Texas]}
    relations: [{count: n, items: [named]}]
    -> holds count (n, named): Iowa + Ohio + Texas = 3

Failing example:
    article: A 3-state sting covered Iowa, Ohio, Texas and Kansas.
    claims:
      - {id: n, quote: 3-state sting, measure: states, value: 3-state, unit: states}
      - {id: named, quote: "Iowa, Ohio, Texas and Kansas", items: [Iowa, Ohio, Texas, Kansas]}
    relations: [{count: n, items: [named]}]
    -> error count (n, named): "3-state" but there are 4 named
"""
from __future__ import annotations

from collections.abc import Iterator

from quicktions import Fraction

from verify.evaluate.rules import Context, Outcome, values
from verify.model import Relation, Verdict
from verify.relate.relations import count_of
from verify.values.numbers import fmt_interval

ID = "count"
SUMMARY = "a stated count must match the number of items the article names"
APPLIES = "relation"
KIND = "count"


def named(relation: Relation, ctx: Context) -> tuple[list[str], list[str], tuple[str, ...]]:
    """(every name given, the distinct names, ids of the list claims they came from)."""
    names: list[str] = []
    lists: list[str] = []
    for entry in relation.get("items", ()) or ():
        claim = ctx.claims.get(entry)
        if claim is not None and claim.items:
            lists.append(claim.id)
            names.extend(claim.items)
        else:
            names.append(entry)
    return names, list(dict.fromkeys(n.strip() for n in names)), tuple(lists)


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    (stated,) = values(ctx, (relation.get("count"),))
    names, distinct, lists = named(relation, ctx)
    counted = Fraction(count_of(relation, ctx.claims, ctx.article.dims)) if ctx.article else \
        Fraction(len(distinct))
    whole = relation.get("breakdown")
    if whole is not None and counted != len(distinct):     # parts the breakdown does not name
        distinct = distinct + [f"{int(counted) - len(distinct)} parts of {whole}"
                               + (" not named" if distinct else "")]
    counted_what = f"{int(counted)} parts of {whole}" if whole is not None and not names else \
        f"{int(counted)} named"
    ids = stated.ids + tuple(lists)
    listing = " + ".join(distinct) if len(distinct) <= 15 else f"{len(distinct)} names"
    arithmetic: tuple[str, ...] = (f"{listing} = {int(counted)}",)
    if len(distinct) < len(names):
        arithmetic += (f"{len(names) - len(distinct)} name(s) listed twice were counted once",)
    if stated.interval.contains(counted):
        yield Outcome(Verdict.HOLDS, f"\"{stated.text}\" matches the {counted_what}",
                      ids, arithmetic)
    else:
        allows = "" if stated.interval.is_point else f" ({fmt_interval(stated.interval)})"
        yield Outcome(Verdict.CONTRADICTION,
                      f"\"{stated.text}\"{allows} but there are {counted_what}", ids, arithmetic)
