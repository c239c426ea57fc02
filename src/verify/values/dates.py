"""Dates and weekday names written in a claim's value, as the date rule reads them.

`read(text)` finds the weekday names ("Monday", "Mondays", the AP abbreviation "Tues.") and
the dates with a day of the month ("2021-08-27", "March 14, 2023", "Sept. 22", "15 January",
"May 12th", "August 26 and 27") in the order written, and pairs each weekday with the date
written next to it: "Sunday night September 22 into Monday morning, September 23" is two
pairs; "Thursday and Friday, August 26 and 27" pairs the names and the days in order; "March
14, 2023, a Monday" pairs a weekday written after its date.  A weekday with no date beside
it is bare.  A date keeps the year written with it, or None.

`problems(text)` lists what makes a value unreadable, for the loader to report at the claim:
a date that cannot exist ("February 30", "2021-02-30") and a misspelt weekday ("Fridy").
This module sits below the loader and the rules, so both read a value the same way.
"""
from __future__ import annotations

import calendar
import datetime
import difflib
import re
from dataclasses import dataclass

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3,
                  "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
_MONTH_OF = {m.lower(): i + 1 for i, m in enumerate(MONTHS)} | {
    m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_LONGEST_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_WEEKDAY = re.compile(r"\b(?:(?P<full>" + "|".join(DAYS) + r")(?:s\b|\b)"
                      r"|(?P<abbr>" + "|".join(_ABBREVIATIONS) + r")\b\.?)", re.IGNORECASE)
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTH_OF, key=len, reverse=True)) + r")\b\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?![\d:])"
MAX_LISTED = 7      # days one date may list: "August 26 and 27", "May 1, 2, 3 and 4"
_JOIN = r"(?:\s*[-\u2013\u2014]\s*|,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through|until)\s+)"
_DAYS_LIST = rf"(?P<days>{_DAY}(?:{_JOIN}{_DAY}){{0,{MAX_LISTED - 1}}})"   # bounded: linear time
_YEAR = r"(?:,?\s+(?P<year>\d{4})\b)?"
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<days>\d{2})\b")
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAYS_LIST}{_YEAR}", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"\b{_DAYS_LIST}\s+(?:of\s+)?{_MONTH}{_YEAR}", re.IGNORECASE)
_ONE_DAY = re.compile(r"\d{1,2}")
_CONNECTOR = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|&|to|through|-|\u2013|\u2014)\s*)?", re.IGNORECASE)
_NEAR = 2           # words that may stand between a weekday and its date ("Sunday late night")
_WORD = re.compile(r"[A-Za-z]+")
MAX_WORD = 20       # longer words are no misspelt weekday (and difflib need not read them)
TYPO_CUTOFF = 0.8   # difflib ratio: "Fridy" 0.91, "Wendesday" 0.89; "money" 0.73


@dataclass(frozen=True)
class Written:
    """A date with a day of the month as written: year None when none is written."""

    month: int
    day: int
    year: int | None
    text: str         # the words of the date, as written

    @property
    def label(self) -> str:
        """'March 14' or 'March 14, 2023': the date in words, for messages."""
        return f"{MONTHS[self.month - 1]} {self.day}" + (f", {self.year}" if self.year else "")

    def exists(self) -> bool:
        """Can the date exist (in its year, or in some year when none is written)?"""
        if not 1 <= self.month <= 12 or self.day < 1:
            return False
        if self.year is None:
            return self.day <= _LONGEST_DAYS[self.month - 1]
        return self.year >= 1 and self.day <= calendar.monthrange(self.year, self.month)[1]


@dataclass(frozen=True)
class Mention:
    """One day the value names, in the order written: a weekday, a date, or a weekday with
    the date written next to it."""

    name: str | None
    date: Written | None


@dataclass
class _Run:
    """Weekdays, or dates, joined only by "and", "or", commas or dashes: where they are
    written, and the names (kind "name") or the days (kind "date") they give."""

    start: int
    end: int
    kind: str
    names: list[str]
    days: list[Written]

    @property
    def size(self) -> int:
        return len(self.names) + len(self.days)


def read(text: str) -> list[Mention]:
    """The days `text` names, in order, each weekday paired with the date next to it."""
    runs = _runs(text, [_Run(m.start(), m.end(), "name", [_name(m)], []) for m in _WEEKDAY.finditer(text)
                        if _counts(m)] + [_Run(s, e, "date", [], list(d)) for s, e, d in _dates(text)])
    mentions: list[Mention] = []
    paired: set[int] = set()
    for index, run in enumerate(runs):
        if index in paired:
            continue
        partner = _partner(text, runs, index, paired)
        if partner is None:     # one of the two lists is empty: a run is of one kind
            mentions += [Mention(n, None) for n in run.names] + [Mention(None, d) for d in run.days]
            continue
        paired.add(partner)
        other = runs[partner]
        names, days = (run.names, other.days) if run.kind == "name" else (other.names, run.days)
        mentions += [Mention(n, d) for n, d in zip(names, days, strict=True)]   # as many: _partner
    return mentions


def problems(text: str) -> list[str]:
    """What makes a value unreadable: impossible dates and misspelt weekday names."""
    out = [f"'{d.text}' is not a date: {_why(d)}; expected a day that exists"
           for _, _, days in _dates(text) for d in days if not d.exists()]
    known = {d.lower() for d in DAYS} | set(_ABBREVIATIONS) | set(_MONTH_OF)
    for word in dict.fromkeys(w.group() for w in _WORD.finditer(text)):
        lower = word.lower()
        if not word[0].isupper() or len(word) > MAX_WORD or lower.removesuffix("s") in known \
                or lower in known:
            continue
        guess = difflib.get_close_matches(lower, [d.lower() for d in DAYS], n=1, cutoff=TYPO_CUTOFF)
        if guess:
            out.append(f"'{word}' is not a weekday name; did you mean '{guess[0].capitalize()}'?")
    return out


def _why(d: Written) -> str:
    if not 1 <= d.month <= 12:
        return f"there is no month {d.month}"
    if d.year is not None and d.year < 1:
        return "there is no year 0"
    return f"{MONTHS[d.month - 1]} has no day {d.day}" + (f" in {d.year}" if d.year else "")


def nearest(written: Written, anchor: datetime.date) -> int:
    """The year that puts a date written without one nearest `anchor` (the anchor's own year
    on a tie): "Jan. 3" read around 2021-12-28 is 2022."""
    def distance(year: int) -> int:
        last = calendar.monthrange(year, written.month)[1]
        return abs((datetime.date(year, written.month, min(written.day, last)) - anchor).days)
    years = [y for y in (anchor.year, anchor.year - 1, anchor.year + 1) if 1 <= y <= 9999]
    return min(years, key=distance)


def _name(match: re.Match[str]) -> str:
    full: str | None = match.group("full")
    if full:
        return full.capitalize()
    return DAYS[_ABBREVIATIONS[match.group("abbr").lower()]]


def _counts(match: re.Match[str]) -> bool:
    """An abbreviation is a weekday only when capitalised: "sun", "sat" and "wed" are words."""
    return bool(match.group("full")) or match.group("abbr")[0].isupper()


def _dates(text: str) -> list[tuple[int, int, tuple[Written, ...]]]:
    """Each date written, as (start, end, the days it names): "August 26 and 27" names two."""
    found: list[tuple[int, int, tuple[Written, ...]]] = []
    taken = bytearray(len(text))
    for pattern in (_ISO, _MONTH_FIRST, _DAY_FIRST):
        for m in pattern.finditer(text):
            if taken.find(1, m.start(), m.end()) != -1:
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            month = int(m.group("mon")) if pattern is _ISO else \
                _MONTH_OF[m.group("mon").lower().rstrip(".")]
            year = int(m.group("year")) if m.group("year") else None
            found.append((m.start(), m.end(), tuple(
                Written(month, int(day.group()), year, m.group())
                for day in _ONE_DAY.finditer(m.group("days")))))
    return sorted(found, key=lambda f: f[0])


def _runs(text: str, items: list[_Run]) -> list[_Run]:
    """Weekdays, or dates, joined only by "and", "or", commas or dashes, are one run."""
    runs: list[_Run] = []
    for item in sorted(items, key=lambda i: i.start):
        last = runs[-1] if runs else None
        if last and last.kind == item.kind and _CONNECTOR.fullmatch(text, last.end, item.start):
            last.end, last.names, last.days = item.end, last.names + item.names, last.days + item.days
        else:
            runs.append(item)
    return runs


def _partner(text: str, runs: list[_Run], index: int, paired: set[int]) -> int | None:
    """The run of the other kind written next to run `index` (the next one first, then the
    one before) with as many entries, or None."""
    run = runs[index]
    for other in (index + 1, index - 1):
        if not 0 <= other < len(runs) or other in paired:
            continue
        near = runs[other]
        if near.kind == run.kind or near.size != run.size:
            continue
        between = text[run.end:near.start] if other > index else text[near.end:run.start]
        if len(_WORD.findall(between)) <= _NEAR and not any(ch.isdigit() for ch in between):
            return other
    return None
