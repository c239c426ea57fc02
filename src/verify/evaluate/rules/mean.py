"""mean: an overall figure must lie between the figures of the groups it is made of.

`mean: overall, of: [a, b, ...]` says the overall figure is a weighted average of its
subgroups' (a rate, a share or an average over the whole, its groups' over each part), so it
lies between the lowest and the highest of them, whatever the groups' sizes: "83% of pupils
passed", with 86% of girls and 87% of boys, cannot hold.  Every figure is read by its words
("86%" is [85.5%, 86.5%)); the groups count as printed (docs/claims.md, "Two readings").  It
holds when the overall figure's wording allows a value between the lowest and the highest
group as printed; when only the groups' rounding or hedges reach it, the finding is a warning
saying so; when even they do not, a contradiction.  The figures are compared in one unit.
The sizes of the groups are not needed; a mean that states them is an average (`average`).

Passing example:
    article: 85% of pupils passed, 86% of girls and 84% of boys.
    claims:
      - {id: all, quote: 85% of pupils, measure: pass rate, scope: {group: all}, value: 85%, unit: percent}
      - {id: girls, quote: 86% of girls, measure: pass rate, scope: {group: girls}, value: 86%, unit: percent}
      - {id: boys, quote: 84% of boys, measure: pass rate, scope: {group: boys}, value: 84%, unit: percent}
    relations: [{mean: all, of: [girls, boys]}]
    -> holds mean (all, girls, boys): 85% lies between 84% and 86%

Failing example:
    article: 83% of pupils passed, 86% of girls and 87% of boys.
    claims:
      - {id: all, quote: 83% of pupils, measure: pass rate, scope: {group: all}, value: 83%, unit: percent}
      - {id: girls, quote: 86% of girls, measure: pass rate, scope: {group: girls}, value: 86%, unit: percent}
      - {id: boys, quote: 87% of boys, measure: pass rate, scope: {group: boys}, value: 87%, unit: percent}
    relations: [{mean: all, of: [girls, boys]}]
    -> error mean (all, girls, boys): 83% is not between 86% and 87%
"""
from __future__ import annotations

from collections.abc import Iterator

from verify.evaluate.rules import Context, Outcome, described, values
from verify.model import Interval, Relation, Verdict
from verify.values.numbers import fmt, fmt_interval, overlap

ID = "mean"
SUMMARY = "an overall figure must lie between its subgroups' figures"
APPLIES = "relation"
KIND = "mean"


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    (overall,) = values(ctx, (relation.get("mean"),))
    groups = values(ctx, relation.get("of"), overall.unit)
    unit, what = overall.unit, described(overall.claim)
    ids = overall.ids + tuple(i for g in groups for i in g.ids)
    printed = _between([g.reading for g in groups])
    names = " and ".join(g.text for g in groups) if len(groups) < 3 else \
        ", ".join(g.text for g in groups)
    arithmetic = (f"between the lowest and the highest of {names} as printed: "
                  f"{fmt_interval(printed, unit)}; \"{overall.text}\" allows "
                  f"{fmt_interval(overall.interval, unit)}",)
    low, high = fmt(printed.lo, unit), fmt(printed.hi, unit)
    if overlap([printed, overall.interval], False) is not None:
        yield Outcome(Verdict.HOLDS, f"{what}: {overall.text} lies between {low} and {high}",
                      ids, arithmetic)
        return
    allowed = _between([g.interval for g in groups])
    if overlap([allowed, overall.interval], False) is None:
        yield Outcome(Verdict.CONTRADICTION, f"{what}: {overall.text} is not between {low} and "
                      f"{high}, the lowest and the highest of its groups", ids,
                      arithmetic + (f"even within the rounding of {names}, the groups lie in "
                                    f"{fmt_interval(allowed, unit)}",))
        return
    yield Outcome(Verdict.CONDITIONAL, f"{what}: {overall.text} is not between {low} and {high} "
                  f"as printed; it holds only if the groups' figures lie towards the ends of what "
                  f"their wording allows ({fmt_interval(allowed, unit)})", ids, arithmetic)


def _between(intervals: list[Interval]) -> Interval:
    """Every value a weighted average of one value from each interval can take: from the
    lowest low end to the highest high end (an unbounded end stays unbounded)."""
    lows = [i for i in intervals if i.lo is not None]
    highs = [i for i in intervals if i.hi is not None]
    lo = None if len(lows) < len(intervals) else min(lows, key=lambda i: (i.lo, not i.lo_closed))
    hi = None if len(highs) < len(intervals) else max(highs, key=lambda i: (i.hi, i.hi_closed))
    return Interval(None if lo is None else lo.lo, None if hi is None else hi.hi,
                    True if lo is None else lo.lo_closed, True if hi is None else hi.hi_closed)
