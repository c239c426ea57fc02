"""same: a quantity stated more than once must agree with itself.

Claims with the same measure and scope (in one source or several) state one quantity, so
their intervals must share a value; an explicit `same: [a, b]` ties claims worded
differently.  Written precision counts: "1.2 million" allows [1,150,000, 1,250,000), so
"1,180,000" elsewhere agrees with it; "about 1,000" allows 900 to 1,100 (hedges: about: 10%);
two exact counts must be equal, and counts are whole numbers ("more than 4" and "fewer than 5"
people never agree).  Units convert where they are compatible ("12 miles" and "about 20 km"
agree).  Repeated figures are an equality, so rounding is never held against them.

Passing example:
    article: The city has 1.2 million residents. The census counted 1,180,000 residents.
    claims:
      - {id: a, quote: 1.2 million residents, measure: residents, value: 1.2 million, unit: people}
      - {id: b, quote: "1,180,000 residents", measure: residents, value: "1,180,000", unit: people}
    -> holds same (a, b): 1,180,000 is inside [1,150,000, 1,250,000)

Failing example:
    article: Police rescued 47 people. On Thursday and Friday, 41 people were rescued.
    claims:
      - {id: a, quote: rescued 47 people, measure: rescued, value: "47", unit: people}
      - {id: b, quote: 41 people were rescued, measure: rescued, value: "41", unit: people}
    -> error same (a, b): rescued is stated as 47 and as 41
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from verify.evaluate.rules import Context, Outcome, Value, described, values
from verify.model import Relation, Verdict
from verify.values.numbers import IntervalKey, fmt_interval, interval_key, overlap

ID = "same"
SUMMARY = "a quantity stated twice (or in two sources) must agree within its written precision"
APPLIES = "relation"
KIND = "same"


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    # Each claim by its own figure: the rule compares the statements of one quantity.
    members = values(replace(ctx, article=None, choice=None), relation.get("same"))
    name = described(members[0].claim)
    # Every pair is compared, once per distinct figure: "47, 47, 41" is one disagreement, and
    # in "about 1,000, 960, more than 1,050" the last two disagree though each fits the first.
    keys = [interval_key(m.interval) for m in members]
    distinct = list(dict(zip(reversed(keys), reversed(members), strict=True)).values())[::-1]
    # interval -> every claim stating it: all cited, all marked
    stated: dict[IntervalKey, list[str]] = {}
    for key, member in zip(keys, members, strict=True):
        stated.setdefault(key, []).append(member.claim.id)
    for index, first in enumerate(distinct):
        for other in distinct[index + 1:]:
            if overlap([first.interval, other.interval], _integer([first, other])) is None:
                yield Outcome(Verdict.CONTRADICTION,
                              f"{name} is stated as {_times(first, stated)} and as {_times(other, stated)}",
                              tuple(stated[interval_key(first.interval)]
                                    + stated[interval_key(other.interval)]),
                              (f"{first.text} allows {fmt_interval(first.interval, first.unit)}; "
                               f"{other.text} allows {fmt_interval(other.interval, other.unit)}: "
                               "no value is in both",) + _by_source(members))
    agreeing = [members[0]]
    for other in members[1:]:
        if overlap([m.interval for m in agreeing + [other]], _integer(agreeing + [other])) is not None:
            agreeing.append(other)
    if len(agreeing) > 1:
        common = overlap([m.interval for m in agreeing], False)
        assert common is not None, "figures that agree as whole numbers agree as numbers"
        yield Outcome(Verdict.HOLDS, f"{name} is stated {len(agreeing)} times and agrees: "
                      + " = ".join(m.text for m in agreeing), tuple(m.claim.id for m in agreeing),
                      (f"common values: {fmt_interval(common, members[0].unit)}",))


def _by_source(members: Sequence[Value]) -> tuple[str, ...]:
    """Who says what, when several sources state the quantity: "article: 4 · county: 5"."""
    said: dict[str, list[str]] = {}
    for member in members:
        said.setdefault(member.claim.source, []).append(member.text)
    if len(said) < 2:
        return ()
    return (" · ".join(f"{source}: {', '.join(texts)}" for source, texts in sorted(said.items())),)


def _times(member: Value, stated: dict[IntervalKey, list[str]]) -> str:
    count = len(stated[interval_key(member.interval)])
    return member.text + ({1: "", 2: " (twice)"}.get(count, f" ({count} times)"))


def _integer(members: Sequence[Value]) -> bool:
    return all(m.claim.stated_figure.integer for m in members)
