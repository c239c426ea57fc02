"""subset: a part cannot exceed the whole it is part of.

`subset: part, of: whole` says every one counted in `part` is also counted in `whole`
("41 given medical care" of "47 rescued"), so part <= whole.  This is a comparison: as printed
the part must not be larger; if only rounding lets it fit ("1.2 million of the 1,180,000
residents"), the finding is a warning that says exactly when it would hold.

Passing example:
    article: Officers rescued 47 people; 41 received medical services.
    claims:
      - {id: rescued, quote: rescued 47 people, measure: rescued, value: "47", unit: people}
      - {id: care, quote: 41 received medical services, measure: given care, value: "41", unit: people}
    relations: [{subset: care, of: rescued}]
    -> note subset (care, rescued): 41 <= 47; 6 of those rescued were not given care

Failing example:
    article: Officers rescued 47 people; 52 received medical services.
    claims:
      - {id: rescued, quote: rescued 47 people, measure: rescued, value: "47", unit: people}
      - {id: care, quote: 52 received medical services, measure: given care, value: "52", unit: people}
    relations: [{subset: care, of: rescued}]
    -> error subset (care, rescued): given care, 52, is more than the 47 rescued
"""
from __future__ import annotations

from collections.abc import Iterator

from verify.evaluate.rules import Context, Outcome, Value, described, values
from verify.model import Interval, Relation, Verdict
from verify.values.numbers import fmt, fmt_interval

ID = "subset"
SUMMARY = "a part must not be larger than the whole it belongs to"
APPLIES = "relation"
KIND = "subset"


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    part, whole = values(ctx, (relation.get("subset"), relation.get("of")))
    ids = part.ids + whole.ids
    unit = whole.unit
    names = f"{described(part.claim)} ({part.text}) and {described(whole.claim)} ({whole.text})"
    if not _can_be_at_most(part.interval, whole.interval):
        yield Outcome(Verdict.CONTRADICTION,
                      f"{described(part.claim)}, {part.text}, is more than the whole it is part of, "
                      f"{described(whole.claim)}, {whole.text}", ids,
                      (f"{part.text} allows {fmt_interval(part.interval, unit)}; {whole.text} allows "
                       f"{fmt_interval(whole.interval, unit)}: every value of the part is larger",))
    elif not _can_be_at_most(part.reading, whole.reading):
        yield Outcome(Verdict.CONDITIONAL,
                      f"{names}: as printed the part is larger; this holds only if "
                      + _condition(part, whole, unit), ids,
                      (f"{part.text} allows {fmt_interval(part.interval, unit)}; {whole.text} allows "
                       f"{fmt_interval(whole.interval, unit)}",))
    else:
        yield Outcome(Verdict.HOLDS, f"{described(part.claim)} is within {described(whole.claim)}",
                      ids, (f"{part.text} <= {whole.text}",),
                      _left(part, whole, unit))


def _condition(part: Value, whole: Value, unit: str) -> str:
    """Say only what a rounded figure must have been; an exact one was what it says."""
    wanted = []
    if not part.interval.is_point:
        wanted.append(f"{described(part.claim)} was at most {fmt(whole.interval.hi, unit)} "
                      f"(\"{part.text}\" allows down to {fmt(part.interval.lo, unit)})")
    if not whole.interval.is_point:
        wanted.append(f"{described(whole.claim)} was at least {fmt(part.interval.lo, unit)} "
                      f"(\"{whole.text}\" allows up to {fmt(whole.interval.hi, unit)})")
    return " and ".join(wanted)


def _can_be_at_most(a: Interval, b: Interval) -> bool:
    """Is there a value of a that is <= some value of b?"""
    if a.lo is None or b.hi is None:
        return True
    return a.lo < b.hi or (a.lo == b.hi and a.lo_closed and b.hi_closed)


def _left(part: Value, whole: Value, unit: str) -> tuple[str, ...]:
    of_whole, of_part = whole.reading.lo, part.reading.lo
    if part.interval.is_point and whole.interval.is_point \
            and of_whole is not None and of_part is not None:     # exact figures: implied
        return (f"{fmt(of_whole - of_part, unit)} of {described(whole.claim)} "
                f"are not in {described(part.claim)}",)
    return ()
