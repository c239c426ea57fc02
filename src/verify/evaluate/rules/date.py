"""date: weekday names against dates, and days named relative to publication.

For a claim with unit `date` or `weekday`:
- each weekday the value names is paired with the date written next to it, and must be that
  date's weekday: "Monday, March 14, 2023", "Friday 15 January", "March 14, a Monday";
  several pairs in one value ("late Sunday night September 22 into Monday morning, September
  23"); names and days in order ("Thursday and Friday, August 26 and 27");
- a date written without a year takes the year written with another date of the value; else
  it is read around publication: in the year of publication or, when that puts it far away,
  the nearest such date (published 2021-12-28, "Monday, Jan. 3" is 2022-01-03); else around
  the claim's `date:`.  The finding says which reading was used.  With none of these, whether
  the weekday fits cannot be told: a warning says so;
- the dates written in the value must agree with the claim's `date:` (one day; or a range,
  whose start is the first day named and whose end the last); a claim measuring the
  publication date must equal the source's `published:`;
- a bare weekday (no day of the month beside it: "On Friday", "Thursday night into Friday
  morning") is checked against the claim's `date:`, else read relative to publication.  When
  the value writes no day of the month, the date must lie within the week around the
  publication date; without `date:` the rule derives the date meant (the latest such day on or
  before publication) and says so in a note.

Dates are read as "2021-08-27", "August 27, 2021", "Aug. 27", "Sept. 22", "27 August 2021",
"May 12th", "August 26 and 27"; weekdays as "Friday", "Fridays" and "Fri.".  A date that
cannot exist ("February 30, 2023", "2021-02-30") and a misspelt weekday ("Fridy": did you
mean 'Friday'?) in the value are input errors at the claim, reported before any rule runs.

Passing example:
    article: The shooting happened late Sunday night September 22 into Monday morning, September 23.
    published: 2013-10-01
    claims:
      - id: d
        quote: late Sunday night September 22 into Monday morning, September 23
        value: late Sunday night September 22 into Monday morning, September 23
        unit: weekday
        date: 2013-09-22/2013-09-23
    -> note date (d): 2013-09-22 is a Sunday, 2013-09-23 a Monday (read as 2013, the year of publication)

Failing example:
    article: The hearing is set for Monday, March 14.
    published: 2023-03-10
    claims:
      - {id: d, quote: "Monday, March 14", value: "Monday, March 14", unit: date}
    -> error date (d): 2023-03-14 is a Tuesday, not a Monday (read as 2023, the year of publication)
"""
from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterator, Sequence

from verify.evaluate.rules import Context, Outcome
from verify.model import Claim, Verdict
from verify.values import dates as written_dates
from verify.values.dates import DAYS, Mention, Written

ID = "date"
SUMMARY = "weekday names must match their dates; relative days must fit the publication date"
APPLIES = "claim"

RELATIVE_DAYS = 6
LONGEST_RANGE = 31


def applies(claim: Claim) -> bool:
    return claim.written is not None and claim.figure is None


def check(claim: Claim, ctx: Context) -> Iterator[Outcome]:
    source = ctx.claims_file.source(claim.source)
    published = _iso(source.published) if source and source.published else None
    field = [_iso(d) for d in claim.date.split("/")] if claim.date else []
    mentions = written_dates.read(claim.written or "")     # `applies`: a claim with its words
    days, readings, problems, unknown = _read_days(mentions, published, field, claim.date)
    facts: list[str] = []
    derived = list(readings)
    first = field[0] if field else next((d for d in days if d is not None), None)
    if (claim.measure or "").casefold().startswith("publication") and published and first:
        (facts if first == published else problems).append(
            f"{first} {'is' if first == published else 'is not'} the publication date {published}")
    _against_dates(mentions, days, field, claim.date, problems, facts, derived, published)
    ids = (claim.id,)
    reading = f" ({'; '.join(readings)})" if readings else ""
    if not (problems or unknown or facts or derived) and any(m.name for m in mentions):
        unknown.append("no date is given for it and the source has no publication date, so "
                       "which day it means cannot be checked; add `date:` to the claim or "
                       "`published:` to the source")      # never a silent pass
    if problems:
        yield Outcome(Verdict.CONTRADICTION, f"\"{claim.written}\": " + "; ".join(problems) + reading,
                      ids, tuple(problems + facts), tuple(derived))
    elif unknown:
        yield Outcome(Verdict.CONDITIONAL, f"\"{claim.written}\": " + "; ".join(unknown), ids,
                      tuple(facts + unknown), tuple(derived))
    elif facts or derived:
        yield Outcome(Verdict.HOLDS, f"\"{claim.written}\" fits its date{reading}", ids, tuple(facts),
                      tuple(derived))


def _read_days(mentions: Sequence[Mention], published: datetime.date | None, field: list[datetime.date],
               field_text: str | None) -> tuple[list[datetime.date | None], list[str], list[str], list[str]]:
    """The date of each mention that writes one (None for a bare weekday), and how dates
    written without a year were read: from a year written in the value, else around
    publication, else around the claim's `date:`."""
    days: list[datetime.date | None] = []
    readings: dict[str, None] = {}      # in order, each once
    problems: list[str] = []
    unknown: list[str] = []
    with_year = [i for i, m in enumerate(mentions) if m.date is not None and m.date.year is not None]
    for index, mention in enumerate(mentions):
        written = mention.date
        if written is None:
            days.append(None)
            continue
        year, why = written.year, None
        if year is None:
            after = bisect.bisect(with_year, index)     # the next date written with its year
            other = mentions[with_year[min(after, len(with_year) - 1)]].date if with_year else None
            year, why = _year(written, other, published, field, field_text)
        if year is None:
            days.append(None)
            if mention.name:
                unknown.append(f"no year is written with {written.label} and the source has no "
                               f"publication date, so whether it is a {mention.name} cannot be "
                               "told; add `published:` to the source or `date:` to the claim")
            continue
        if why:
            readings[why] = None
        try:
            days.append(datetime.date(year, written.month, written.day))
        except ValueError:
            days.append(None)
            problems.append(f"{written.label} does not exist in {year}")
    return days, list(readings), problems, unknown


def _year(written: Written, other: Written | None, published: datetime.date | None,
          field: list[datetime.date], field_text: str | None) -> tuple[int | None, str | None]:
    """The year of a date written without one, and the sentence that says how it was read:
    `other` is the date written with a year that it goes with, if any."""
    if other is not None and other.year is not None:
        anchor = datetime.date(other.year, other.month, min(other.day, 28))
        year = written_dates.nearest(written, anchor)
        return year, (f"no year is written with {written.label}; read as {year}, "
                      + (f"the year written with {other.label}" if year == other.year
                         else f"the nearest {written.label} to {other.label}"))
    if published:
        year = written_dates.nearest(written, published)
        return year, (f"no year is written; read as {year}, "
                      + ("the year of publication" if year == published.year
                         else f"the nearest {written.label} to publication ({published})"))
    if field:
        year = written_dates.nearest(written, field[0])
        return year, (f"no year is written and the source has no publication date; read as "
                      f"{year}, " + (f"the year of its date {field_text}" if year == field[0].year
                                     else f"the nearest {written.label} to its date {field_text}"))
    return None, None


def _against_dates(mentions: Sequence[Mention], days: Sequence[datetime.date | None],
                   field: list[datetime.date], field_text: str | None, problems: list[str],
                   facts: list[str], derived: list[str], published: datetime.date | None) -> None:
    """Each weekday against its date: the date written next to it, else the claim's `date:`
    (a range: the first day named is its start, the last its end), else the day it names
    relative to publication."""
    for mention, day in zip(mentions, days, strict=True):
        if mention.name and day is not None:
            _weekday(mention.name, day, problems, facts)
    bare = [m.name for m, d in zip(mentions, days, strict=True) if m.name and m.date is None]
    if field:
        _against_field(mentions, days, field, field_text, problems, facts)
    elif bare and published:
        field = [_recent(bare[0], published)]
        derived.append(f"\"{bare[0]}\" read relative to publication ({published}) is {field[0]}")
        _weekdays(bare, field, problems, facts)
    if bare and field and published and not any(m.date for m in mentions):
        gap = abs((field[0] - published).days)
        (facts if gap <= RELATIVE_DAYS else problems).append(
            f"{field[0]} is {gap} day(s) from publication ({published})"
            + ("" if gap <= RELATIVE_DAYS else "; a bare weekday means the week around it"))


def _against_field(mentions: Sequence[Mention], days: Sequence[datetime.date | None],
                   field: list[datetime.date], field_text: str | None, problems: list[str],
                   facts: list[str]) -> None:
    start, end = field[0], field[-1]
    if (end - start).days > LONGEST_RANGE:
        problems.append(f"the range {start}/{end} is longer than a month")
        return
    differ: list[str] = []
    for index, (mention, day) in enumerate(zip(mentions, days, strict=True)):
        expected = _expected(index, len(mentions), field)
        if day is not None:
            if day != expected if expected else not start <= day <= end:
                differ.append(str(day))
        elif mention.name and mention.date is None:
            if expected:
                _weekday(mention.name, expected, problems, facts)
            else:
                _weekdays([mention.name], field, problems, facts, within=True)
    if differ:
        problems.insert(0, f"the value says {' and '.join(differ)} but date is {field_text}")


def _expected(index: int, count: int, field: Sequence[datetime.date]) -> datetime.date | None:
    """The day of `date:` the index-th day named must be: its one day, or the start of a
    range for the first and its end for the last; None: any day of the range."""
    if len(field) == 1:
        return field[0]
    if count > 1 and index in (0, count - 1):
        return field[0] if index == 0 else field[-1]
    return None


def _weekday(name: str, day: datetime.date, problems: list[str], facts: list[str]) -> None:
    actual = DAYS[day.weekday()]
    (facts if actual == name else problems).append(
        f"{day} is a {actual}" + ("" if actual == name else f", not a {name}"))


def _weekdays(names: Sequence[str], dates: Sequence[datetime.date], problems: list[str],
              facts: list[str], within: bool = False) -> None:
    """Weekday names against one date, or a range: its first and last day, the names between
    (or, `within`, every name) on any day of it."""
    start, end = dates[0], dates[-1]
    span = [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)] or [start]
    for index, name in enumerate(names):
        day = start if len(dates) == 1 else None if within else _expected(index, len(names), dates)
        if day is not None:
            _weekday(name, day, problems, facts)
        elif name in {DAYS[d.weekday()] for d in span}:
            facts.append(f"{name} is a day of {start}/{end}")
        else:
            problems.append(f"{name} is not a day of {start}/{end}")


def _recent(name: str, published: datetime.date) -> datetime.date:
    """The latest such weekday on or before publication."""
    back = (published.weekday() - DAYS.index(name)) % 7
    try:
        return published - datetime.timedelta(days=back)
    except OverflowError:       # published in the first days of year 1
        return published + datetime.timedelta(days=7 - back if back else 0)


def _iso(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
