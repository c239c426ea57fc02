"""date: weekday names against dates, and days named relative to publication.

For a claim with unit `date` or `weekday`:
- a date written in the value ("2021-08-27", "August 27, 2021", "27 August 2021") must equal
  the claim's `date:`; a claim measuring the publication date must equal the source's
  `published:`;
- every weekday the value names must be the weekday of its date: one name for one date, or
  the first and last day of a range ("Thursday night into Friday morning" with
  `date: 2021-08-26/2021-08-27`);
- a bare weekday ("On Friday") is read relative to publication: its date must lie within the
  week around the publication date.  Without `date:`, the rule derives the date it means (the
  latest such day on or before publication) and says so in a note.

Passing example:
    article: On Friday, the attorney general's office said the sting had ended.
    published: 2021-08-27
    claims:
      - {id: d, quote: On Friday, value: Friday, unit: weekday, date: 2021-08-27}
    -> holds date (d): 2021-08-27 is a Friday

Failing example:
    article: The hearing is set for Monday, March 14, 2023.
    claims:
      - {id: d, quote: "Monday, March 14, 2023", value: "Monday, March 14, 2023", unit: date}
    -> error date (d): 2023-03-14 is a Tuesday, not a Monday
"""
from __future__ import annotations

import datetime
import re

from verify.model import Verdict
from verify.rules import Outcome

ID = "date"
SUMMARY = "weekday names must match their dates; relative days must fit the publication date"
APPLIES = "claim"

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_WEEKDAY = re.compile(r"\b(" + "|".join(DAYS) + r")\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY = re.compile(r"\b(" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.? (\d{1,2}),? (\d{4})\b",
                        re.IGNORECASE)
_DAY_MONTH = re.compile(r"\b(\d{1,2}) (" + "|".join(m[:3] for m in MONTHS) + r")[a-z]* (\d{4})\b",
                        re.IGNORECASE)
RELATIVE_DAYS = 6


def applies(claim) -> bool:
    return claim.written is not None and claim.figure is None


def check(claim, ctx):
    source = ctx.claims_file.source(claim.source)
    published = _iso(source.published) if source and source.published else None
    written_date = _written_date(claim.written)
    dates = [_iso(d) for d in claim.date.split("/")] if claim.date else []
    if written_date and not dates:
        dates = [written_date]
    names = [m.group(1).capitalize() for m in _WEEKDAY.finditer(claim.written)]
    ids = (claim.id,)
    problems, facts, derived = [], [], []
    if written_date and claim.date and written_date != dates[0]:
        problems.append(f"the value says {written_date} but date is {claim.date}")
    if (claim.measure or "").casefold().startswith("publication") and published and dates:
        (facts if dates[0] == published else problems).append(
            f"{dates[0]} {'is' if dates[0] == published else 'is not'} the publication date {published}")
    if names and not dates and published:
        dates = [_recent(names[0], published)]
        derived.append(f"\"{names[0]}\" read relative to publication ({published}) is {dates[0]}")
    if names and dates:
        _weekdays(names, dates, problems, facts)
        if published and not written_date:
            gap = abs((dates[0] - published).days)
            (facts if gap <= RELATIVE_DAYS else problems).append(
                f"{dates[0]} is {gap} day(s) from publication ({published})"
                + ("" if gap <= RELATIVE_DAYS else "; a bare weekday means the week around it"))
    if problems:
        yield Outcome(Verdict.CONTRADICTION, f"\"{claim.written}\": " + "; ".join(problems), ids,
                      tuple(problems + facts))
    elif facts or derived:
        yield Outcome(Verdict.HOLDS, f"\"{claim.written}\" fits its date", ids, tuple(facts),
                      tuple(derived))


def _weekdays(names, dates, problems, facts) -> None:
    start, end = dates[0], dates[-1]
    if (end - start).days > 31:
        problems.append(f"the range {start}/{end} is longer than a month")
        return
    span = [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)] or [start]
    expected = {0: start, len(names) - 1: end} if len(dates) > 1 else {i: start for i in range(len(names))}
    for index, name in enumerate(names):
        day = expected.get(index)
        if day is not None:
            actual = DAYS[day.weekday()]
            (facts if actual == name else problems).append(
                f"{day} is a {actual}" + ("" if actual == name else f", not a {name}"))
        elif name not in {DAYS[d.weekday()] for d in span}:
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


def _written_date(text: str) -> datetime.date | None:
    try:
        if match := _ISO.search(text):
            return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _MONTH_DAY.search(text):
            month = [m[:3] for m in MONTHS].index(match.group(1).lower()) + 1
            return datetime.date(int(match.group(3)), month, int(match.group(2)))
        if match := _DAY_MONTH.search(text):
            month = [m[:3] for m in MONTHS].index(match.group(2).lower()) + 1
            return datetime.date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None
    return None
