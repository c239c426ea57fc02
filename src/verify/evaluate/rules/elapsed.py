"""elapsed: a time said to have passed between two dates must be the calendar's.

`elapsed: claim, from: dated claim, to: dated claim` says the claim states the time between
the two dates: "the 80th anniversary" of D-Day is 80 years, "aged 47" is 47 years since the
birth, "three days later" is 3 days.  Without `to:` the time runs to the publication date of
the claim's source ("247 years since his birth" in an article of his birthday).  When the words
print no figure ("the day after the debate", "a year later"), `elapsed:` states the duration
itself: `elapsed: 1 day`.  The unit is the claim's: days, weeks, months or years.

The count is exact calendar arithmetic, never a year of 365.25 days:
- `as: full` (the default) counts whole units completed: an age, "N years since", "three
  days later".  47 full years from 1977-03-03 holds from 2024-03-03 to 2025-03-02.  A year
  counted from February 29, or a month from a day its end month lacks (January 31 to
  February 28), is complete on a day that depends on the convention: both counts are allowed,
  so a figure that needs one of them holds only if that convention is meant;
- `as: calendar` counts the calendar years (or months) between the two dates, whatever the
  day: an anniversary is in the year it falls, so "the 80th anniversary" of 1944-06-06 holds
  anywhere in 2024, before or after June 6.  Days and weeks are always full.

A date is the claim's `date:` (one day, or a range), else the date its value writes
("June 6, 1944", "2024-06-06"), else a month ("November 2007": its first to its last day) or a
year ("1944").  A date that is a range gives a range of counts: the claim holds if it holds for
every day, is a contradiction if it holds for none, and otherwise holds only if the date was
one of the days that fit (the finding says which).  A date written without a year, or no
publication date for a claim without `to:`, cannot be counted: a warning says what to add.

Passing example:
    article: Smith, aged 47, was born on March 3, 1977.
    published: 2024-06-06
    claims:
      - {id: age, quote: aged 47, measure: age, value: "47", unit: years}
      - {id: born, quote: "March 3, 1977", value: "March 3, 1977", unit: date}
    relations: [{elapsed: age, from: born}]
    -> holds elapsed (age, born): 47 years from "March 3, 1977" to publication (2024-06-06)

Failing example:
    article: Today is the 80th anniversary of D-Day, June 6, 1945.
    published: 2024-06-06
    claims:
      - {id: ann, quote: 80th anniversary, measure: years since D-Day, value: "80", unit: years}
      - {id: dday, quote: "June 6, 1945", value: "June 6, 1945", unit: date}
    relations: [{elapsed: ann, from: dday, as: calendar}]
    -> error elapsed (ann, dday): from "June 6, 1945" to publication (2024-06-06) is 79 years, not 80
"""
from __future__ import annotations

import calendar
import datetime
import math
import re
from collections.abc import Iterator

from quicktions import Fraction

from verify.evaluate.rules import Context, Outcome, values
from verify.model import Interval, Relation, Verdict
from verify.values import dates as written_dates

ID = "elapsed"
SUMMARY = "a time said to have passed between two dates must be the calendar's"
APPLIES = "relation"
KIND = "elapsed"

UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}
_STATED = re.compile(r"(?:(\d+)|an?|one)\s+(day|week|month|year)s?", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"\b(" + "|".join(sorted(
    list(written_dates.MONTHS) + [m[:3] for m in written_dates.MONTHS] + ["Sept"],
    key=len, reverse=True)) + r")\.?,?\s+(\d{4})\b", re.IGNORECASE)
_YEAR = re.compile(r"\s*(?:in\s+)?(\d{4})\s*")
LISTED_DAYS = 400       # a range of dates up to this long is searched for the days that fit

When = tuple[datetime.date, datetime.date, str, str]    # first day, last day, label, short label


class _Unreadable(Exception):
    """A date or duration that cannot be counted; the message says what to add."""


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    try:
        claimed, shown, unit, ids, source = _duration(relation, ctx)
        start = _when(ctx, relation.get("from"))
        end = _when(ctx, relation.get("to")) if relation.get("to") else _published(ctx, source)
    except _Unreadable as problem:
        verdict, why = problem.args
        yield Outcome(verdict, why, _ids(relation, ctx))
        return
    ids = tuple(dict.fromkeys(ids + tuple(r for r in (relation.get("from"), relation.get("to"))
                                          if r in ctx.claims)))
    form = relation.get("as") or "full"
    if unit in ("days", "weeks"):
        form = "full"
    lo = _count(start[1], end[0], unit, form)[0]
    hi = _count(start[0], end[1], unit, form)[1]
    span = _units(lo, unit) if lo == hi else f"{lo} to {hi} {unit}"
    where = f"from {start[2]} to {end[2]}"
    detail = _arithmetic(start, end, unit, form)
    if _inside(lo, claimed) and _inside(hi, claimed):
        yield Outcome(Verdict.HOLDS, f"{shown} {where}", ids, detail)
    elif not _meets(lo, hi, claimed):
        before = f"; {end[2]} is before {start[2]}" if hi < 0 else ""
        yield Outcome(Verdict.CONTRADICTION, f"{where} is {span}, not {shown}{before}", ids, detail)
    else:
        yield Outcome(Verdict.CONDITIONAL, f"{where} is {span}: {shown} holds only if "
                      + _condition(start, end, unit, form, claimed), ids, detail)


def _duration(relation: Relation,
              ctx: Context) -> tuple[Interval, str, str, tuple[str, ...], str | None]:
    """(claimed interval, as written, unit, claim ids, source id) of `elapsed:`."""
    said = relation.get("elapsed")
    claim = ctx.claims.get(said)
    if claim is None:
        match = _STATED.fullmatch(str(said).strip())
        if match is None:
            raise _Unreadable(Verdict.INVALID, f"'{said}' is neither a claim of this file "
                              "nor a duration; expected a claim id or a duration like '1 day', "
                              "'3 years'")
        number = int(match.group(1) or 1)
        start = ctx.claims.get(relation.get("from"))
        return (Interval.point(Fraction(number)), str(said).strip(),
                UNITS[match.group(2).lower()], (),
                relation.source or (start.source if start else None))
    figure = claim.figure
    if figure is None:
        raise _Unreadable(Verdict.INVALID, f"claim '{claim.id}' states no figure; an elapsed "
                          "time needs a number of days, weeks, months or years")
    unit = UNITS.get(figure.unit.casefold().removesuffix("s"))
    if unit is None:
        raise _Unreadable(Verdict.INVALID, f"claim '{claim.id}' is in {figure.unit}; an "
                          "elapsed time is counted in days, weeks, months or years")
    value = values(ctx, (claim.id,), figure.unit)[0]
    shown = value.text if value.text.endswith(")") else f"{value.text} {unit}"   # "three (3 days)"
    return value.interval, shown, unit, value.ids, claim.source


def _when(ctx: Context, claim_id: str) -> When:
    """(first day, last day, label, short label) of a dated claim."""
    claim = ctx.claims[claim_id]
    written = claim.written or claim_id
    if claim.date:
        days = [datetime.date.fromisoformat(d) for d in claim.date.split("/")]
        return days[0], days[-1], f"\"{written}\" ({claim.date})", f"\"{written}\""
    mentions = [m.date for m in written_dates.read(claim.written or "") if m.date is not None]
    if mentions and all(d.year is not None for d in mentions):
        try:
            days = sorted(datetime.date(d.year, d.month, d.day) for d in mentions if d.year is not None)
        except ValueError:      # reported by the loader at the claim
            raise _Unreadable(Verdict.INVALID, f"\"{written}\" is not a date") from None
        return days[0], days[-1], f"\"{written}\"" + (f" ({days[0]}/{days[-1]})"
                                                       if days[0] != days[-1] else ""), f"\"{written}\""
    if not mentions:
        month = _MONTH_YEAR.search(written)
        if month and int(month.group(2)) >= 1:
            number = written_dates.MONTHS.index(next(
                m for m in written_dates.MONTHS if m.lower().startswith(month.group(1).lower()))) + 1
            year = int(month.group(2))
            last = calendar.monthrange(year, number)[1]
            first, end = datetime.date(year, number, 1), datetime.date(year, number, last)
            return first, end, f"\"{written}\" ({first}/{end})", f"\"{written}\""
        alone = _YEAR.fullmatch(written)
        if alone and int(alone.group(1)) >= 1:
            first, end = datetime.date(int(alone.group(1)), 1, 1), datetime.date(int(alone.group(1)), 12, 31)
            return first, end, f"\"{written}\" ({first}/{end})", f"\"{written}\""
    raise _Unreadable(Verdict.CONDITIONAL, f"no year can be read from \"{written}\" (claim "
                      f"'{claim.id}'), so the time elapsed cannot be counted; add `date:` to the claim")


def _published(ctx: Context, source_id: str | None) -> When:
    source = ctx.claims_file.source(source_id) if source_id else None
    if source is None or not source.published:
        raise _Unreadable(Verdict.CONDITIONAL, "the time elapsed runs to publication, but the "
                          "source has no publication date, so it cannot be counted; add `to:` "
                          "to the relation or `published:` to the source")
    day = datetime.date.fromisoformat(source.published)
    return day, day, f"publication ({day})", "publication"


def _count(a: datetime.date, b: datetime.date, unit: str, form: str) -> tuple[int, int]:
    """The units from a to b, as (least, most): two counts only when when a year or month
    is complete depends on the convention (from February 29, from January 31)."""
    if unit == "days":
        n = (b - a).days
        return n, n
    if unit == "weeks":
        n = (b - a).days // 7
        return n, n
    n = b.year - a.year if unit == "years" else (b.year - a.year) * 12 + b.month - a.month
    if form == "calendar":
        return n, n
    short = (b.month, b.day) < (a.month, a.day) if unit == "years" else b.day < a.day
    if not short:
        return n, n
    if b.day == calendar.monthrange(b.year, b.month)[1] and (unit == "months" or b.month == a.month):
        return n - 1, n     # the day a lacks in b's month: complete on its last day, or the next
    return n - 1, n - 1


def _inside(k: int, claimed: Interval) -> bool:
    return claimed.contains(Fraction(k))


def _meets(lo: int, hi: int, claimed: Interval) -> bool:
    """Is some whole number of lo..hi inside the claimed interval (which is convex)?"""
    first = lo
    if claimed.lo is not None:
        first = max(lo, math.ceil(claimed.lo))
        if first == claimed.lo and not claimed.lo_closed:
            first += 1
    return first <= hi and _inside(first, claimed)


def _condition(start: When, end: When, unit: str, form: str, claimed: Interval) -> str:
    """Which days of a range make the claim hold; or the convention it needs."""
    for side, other, name in ((start, end, "from"), (end, start, "to")):
        if side[0] == side[1] or other[0] != other[1] or (side[1] - side[0]).days > LISTED_DAYS:
            continue
        fits: list[datetime.date] = []
        for offset in range((side[1] - side[0]).days + 1):
            day = side[0] + datetime.timedelta(days=offset)
            counts = _count(day, other[0], unit, form) if name == "from" else \
                _count(other[0], day, unit, form)
            if all(_inside(k, claimed) for k in counts):
                fits.append(day)
        if fits:
            return f"{side[3]} was {fits[0]}" + (f" to {fits[-1]}" if fits[-1] != fits[0] else "")
        break
    if start[0] == start[1] and end[0] == end[1]:
        return (f"a {unit[:-1]} counted from {start[0]} is complete on {end[0]}, the last day "
                f"of {written_dates.MONTHS[end[0].month - 1]} (a convention: else the next day)")
    return "the dates were ones that fit"


def _arithmetic(start: When, end: When, unit: str, form: str) -> tuple[str, ...]:
    pairs = [(start[0], end[0])] if start[0] == start[1] and end[0] == end[1] else \
        [(start[1], end[0]), (start[0], end[1])]
    return tuple(_explain(a, b, unit, form) for a, b in pairs)


def _explain(a: datetime.date, b: datetime.date, unit: str, form: str) -> str:
    lo, hi = _count(a, b, unit, form)
    got = f"{lo}" if lo == hi else f"{lo} or {hi}"
    if unit == "days":
        return f"{b} - {a} = {_units(lo, 'days')}"
    if unit == "weeks":
        return f"{b} - {a} = {(b - a).days} days = {lo} full weeks"
    if unit == "years":
        base = f"{b.year} - {a.year} = {b.year - a.year}"
    else:
        base = (f"({b.year} - {a.year}) x 12 + {b.month} - {a.month} = "
                f"{(b.year - a.year) * 12 + b.month - a.month}")
    if form == "calendar":
        return f"{a} to {b}: {base} calendar {unit}"
    if lo == hi and lo == (b.year - a.year if unit == "years"
                           else (b.year - a.year) * 12 + b.month - a.month):
        reached = (f"{_day(b)} is on or after {_day(a)}" if unit == "years"
                   else f"day {b.day} is on or after day {a.day}")
        return f"{a} to {b}: {base}; {reached}: {got} full {unit}"
    before = (f"{_day(b)} is before {_day(a)}" if unit == "years"
              else f"day {b.day} is before day {a.day}")
    if lo == hi:
        return f"{a} to {b}: {base}; {before}, less 1: {got} full {unit}"
    return (f"{a} to {b}: {base}; {before}, the last day of its month: less 1, or not, by "
            f"convention: {got} full {unit}")


def _units(n: int, unit: str) -> str:
    return f"{n} {unit[:-1] if abs(n) == 1 else unit}"


def _day(day: datetime.date) -> str:
    return f"{written_dates.MONTHS[day.month - 1]} {day.day}"


def _ids(relation: Relation, ctx: Context) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for _, v in relation.members
                               if isinstance(v, str) and v in ctx.claims))
