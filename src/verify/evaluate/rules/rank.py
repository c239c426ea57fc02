"""rank: superlatives and comparisons ("had the most arrests", "more than Texas").

`rank: most|least, claim: X, among: <breakdown whole or claim ids>` says X's figure is the
largest (smallest) of the group; ties are allowed.  Parts of the breakdown with no figure are
then bounded by X ("the 7 states without figures had at most 46 each").
`rank: more|fewer, claim: X, than: Y` compares two figures.  A comparison is judged as
printed: if only rounding rescues it, the finding is a warning with the value X must have had.

Passing example:
    article: Kentucky had the most arrests, 46. Iowa made 11 and Texas 4.
    breakdowns: [{dimension: place, whole: all states, parts: [Kentucky, Iowa, Texas, Ohio]}]
    claims:
      - {id: ky, quote: "the most arrests, 46", measure: arrested, scope: {place: Kentucky},
         value: "46", unit: people}
      - {id: ia, quote: Iowa made 11, measure: arrested, scope: {place: Iowa}, value: "11", unit: people}
      - {id: tx, quote: Texas 4, measure: arrested, scope: {place: Texas}, value: "4", unit: people}
    relations: [{rank: most, claim: ky, among: all states}]
    -> note rank (ky, ia, tx): 46 >= 11, 4; Ohio, which has no figure, had at most 46

Failing example:
    article: Kentucky had the most arrests, 46. Iowa made 50 and Texas 4.
    claims:
      - {id: ky, quote: "the most arrests, 46", measure: arrested, scope: {place: Kentucky},
         value: "46", unit: people}
      - {id: ia, quote: Iowa made 50, measure: arrested, scope: {place: Iowa}, value: "50", unit: people}
      - {id: tx, quote: Texas 4, measure: arrested, scope: {place: Texas}, value: "4", unit: people}
    relations: [{rank: most, claim: ky, among: [ia, tx]}]
    -> error rank (ky, ia): Kentucky's 46 is not the most: Iowa has 50
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from verify.evaluate.rules import Context, Outcome, Value, described, values
from verify.model import Interval, Relation, Verdict
from verify.relate.quantities import unnamed_parts
from verify.relate.relations import part_name, ranked_parts
from verify.values.numbers import fmt, fmt_interval

ID = "rank"
SUMMARY = "a superlative or comparison must hold against every figure it ranks"
APPLIES = "relation"
KIND = "rank"


def members(relation: Relation, ctx: Context) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(claim ids compared, names of parts without figures) for most/least: the parts of a
    breakdown at the ranked quantity's other coordinates, one claim for each stated part."""
    top = ctx.claims[relation.get("claim")]
    among = relation.get("among")
    if among is None and relation.get("than"):
        return (relation.get("than"),), ()
    if isinstance(among, tuple):
        return tuple(i for i in among if i != top.id), ()
    article = ctx.article
    if article is None or top.id not in article.of_claim:
        raise KeyError(f"rank relation {relation.id}: '{among}' is not a breakdown of this file "
                       "nor a list of claim ids")
    try:
        others, unnamed = ranked_parts(article, article.of_claim[top.id], among)
    except KeyError:
        raise KeyError(f"rank relation {relation.id}: '{among}' is not a breakdown of this file "
                       "nor a list of claim ids") from None
    quantities = article.quantities
    stated = tuple(quantities[i].statements[0].claims[0] for i in others if quantities[i].statements)
    missing = tuple(part_name(article, quantities[i], among) for i in others if not quantities[i].statements)
    return stated, missing + tuple(unnamed_parts(q.unnamed) for q in unnamed)


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    order = relation.get("rank")
    others, unreported = members(relation, ctx)
    top, *rest = values(ctx, (relation.get("claim"),) + others)
    larger = order in ("most", "more")
    unit, sign = top.unit, (">=" if larger else "<=")
    ids = top.ids + tuple(i for o in rest for i in o.ids)
    word = {"most": "the most", "least": "the least", "more": "more", "fewer": "fewer"}[order]
    name = f"{described(top.claim)}, {top.text},"
    arithmetic = (f"{top.text} {sign} " + ", ".join(o.text for o in rest),) if rest else ()
    beaten = [o for o in rest if not _may_lead(top.interval, o.interval, larger)]
    if beaten:
        yield Outcome(Verdict.CONTRADICTION, f"{name} is not {word}: " + ", ".join(
                          f"{described(o.claim)} is {o.text}" for o in beaten),
                      top.ids + tuple(i for o in beaten for i in o.ids),
                      tuple(_beaten(top, o, larger) for o in beaten))
        return
    shy = [o for o in rest if not _may_lead(top.reading, o.reading, larger)]
    if shy:
        yield Outcome(Verdict.CONDITIONAL,
                      f"{name} is {word} only if rounding or a hedge favours it: " + ", ".join(
                          f"{described(o.claim)} is printed as {o.text}" for o in shy)
                      + f"; it holds only if {_condition(top, shy, larger)}", ids, arithmetic)
        return
    derived: tuple[str, ...] = ()
    if unreported and top.interval.is_point:      # exact: implied whatever the rest says
        bound = "at most" if larger else "at least"
        derived = (f"the parts without figures ({', '.join(unreported)}) had "
                   f"{bound} {fmt(top.interval.lo, unit)} each" if len(unreported) > 1 else
                   f"{unreported[0]}, which has no figure, had {bound} {fmt(top.interval.lo, unit)}",)
    compared = "of the figures given" if order in ("most", "least") else \
        "than " + ", ".join(f"{described(o.claim)}, {o.text}" for o in rest)
    yield Outcome(Verdict.HOLDS, f"{name} is {word} {compared}", ids, arithmetic, derived)


def _beaten(top: Value, other: Value, larger: bool) -> str:
    if top.interval.is_point and other.interval.is_point:
        return f"{top.text} {'<' if larger else '>'} {other.text}"
    return (f"{top.text} allows {fmt_interval(top.interval, top.unit)}; {other.text} allows "
            f"{fmt_interval(other.interval, top.unit)}")


def _condition(top: Value, shy: Sequence[Value], larger: bool) -> str:
    """What the leader's true value must be for it to lead the figures printed against it."""
    unit = top.unit
    ends = [o.interval.lo if larger else o.interval.hi for o in shy]
    known = [end for end in ends if end is not None]
    if larger:
        need = max(known) if len(known) == len(ends) else None
        end = f"allows up to {fmt(top.interval.hi, unit)}"
        words = "at least"
    else:
        need = min(known) if len(known) == len(ends) else None
        end = f"allows down to {fmt(top.interval.lo, unit)}"
        words = "at most"
    exact = all(o.interval.is_point for o in shy)
    return (f"{described(top.claim)} was {words} {fmt(need, unit)} (\"{top.text}\" {end})"
            + ("" if exact else ", with the others at the ends of what their wording allows"))


def _may_lead(a: Interval, b: Interval, larger: bool) -> bool:
    """Can a value of interval a be >= (or <=) a value of interval b?"""
    if not larger:
        a, b = b, a
    if a.hi is None or b.lo is None:
        return True
    return a.hi > b.lo or (a.hi == b.lo and a.hi_closed and b.lo_closed)
