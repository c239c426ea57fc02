"""What a drafted claim quotes, and the dates a text gives: a verbatim window around each
figure that occurs once, the headline and the dateline, and weekdays with the date they name.
"""
from __future__ import annotations

import bisect
import datetime
import re

from verify.anchor.textindex import Folded, fold
from verify.extract.figures import Extracted
from verify.load.validate import DRAFT_PLACEHOLDER
from verify.values import dates

PLACEHOLDER = DRAFT_PLACEHOLDER      # the one the loader refuses (verify.load.validate)
QUOTE_WORDS = 2          # words either side of the figure to start with
MAX_QUOTE_WORDS = 24
MAX_TITLE_WORDS = 20      # a longer first line is the lead paragraph, not a headline
_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = "\"'“”‘’()[],.;:!?—–"
_DATELINE = re.compile(r"^\s*(?:date\s+)?\d{4}-\d{2}-\d{2}\s+", re.I)
_WEEKDAY_GAP = re.compile(r",?[ \u00a0]+")     # "Monday, March 14": the weekday of that day
_DAY_OF_MONTH = re.compile(r"(?:\d{4}|-)-\d{2}-\d{2}")    # "2023-03-14", "--03-14" (no year)
_WEEKDAYS = list(dates.DAYS)


def quote_for(folded: Folded, f: Extracted) -> tuple[str, int | None]:
    """A verbatim window around the figure, on its line, grown until it occurs once.

    Occurrences are counted as the anchoring step finds quotes (typography folded).  The
    figure must be the first match of its own words in the quote, since that is where
    anchoring looks for the value.  Returns the quote and, when even the longest window
    repeats, its 1-based occurrence."""
    text = folded.original
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.end)
    line_end = len(text) if line_end == -1 else line_end
    words = [m.span() for m in _TOKEN.finditer(text, line_start, line_end)]
    first = next(i for i, (s, e) in enumerate(words) if e > f.start)
    last = next(i for i, (s, e) in reversed(list(enumerate(words))) if s < f.end)
    lo, hi = max(0, first - QUOTE_WORDS), min(len(words) - 1, last + QUOTE_WORDS)
    if _earlier_match(text, words[lo][0], f):
        lo = first              # "47 ... 47": start the quote at the figure
    grow_right = True
    while True:
        start, end = _trim(text, words[lo][0], words[hi][1], f)
        quote = text[start:end]
        hits = folded.find_all(fold(quote))
        if len(hits) == 1:
            return quote, None
        can_right = hi < len(words) - 1
        can_left = lo > 0 and not _earlier_match(text, words[lo - 1][0], f)
        if hi - lo + 1 >= MAX_QUOTE_WORDS or not (can_right or can_left):
            at = folded.folded_offset(start)
            return quote, bisect.bisect_left(hits, at) + 1
        if (grow_right and can_right) or not can_left:
            hi += 1
        else:
            lo -= 1
        grow_right = not grow_right


def _trim(text: str, start: int, end: int, f: Extracted) -> tuple[int, int]:
    """Drop punctuation at the ends of the window, never into the figure itself."""
    while start < f.start and text[start] in _EDGE_PUNCT:
        start += 1
    while end > f.end and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


def _earlier_match(text: str, start: int, f: Extracted) -> bool:
    """Do the figure's words occur in text[start:f.start] (where anchoring would look first)?"""
    pattern = r"(?<![\w.,])" + re.escape(fold(f.text)) + r"(?!\w)"
    return re.search(pattern, fold(text[start:f.start] + " "), re.I) is not None


def guess_published(text: str, figures: list[Extracted]) -> str | None:
    """A full date in a dateline: in parentheses or after at most six words of its line,
    within the first three non-empty lines."""
    heads = [i for i, line in enumerate(text.split("\n")) if line.strip()][:3]
    for f in figures:
        if f.kind != "date" or len(f.value) != 10 or f.line - 1 not in heads:
            continue
        before = text[text.rfind("\n", 0, f.start) + 1:f.start]
        if before.rstrip().endswith("(") or len(before.split()) <= 6:
            return f.value
    return None


def guess_title(text: str) -> str | None:
    """The first line, when it reads like a headline (not a whole paragraph)."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    title = _DATELINE.sub("", first).strip().rstrip(".")
    return title if 0 < len(title.split()) <= MAX_TITLE_WORDS else None


def dated_weekdays(figures: list[Extracted], text: str) -> list[Extracted]:
    """A weekday followed by the day of the month it names ("Monday, March 14, 2023") is one
    figure, of kind "dated weekday": one claim, checked by the date rule, not two."""
    out: list[Extracted] = []
    for f in figures:
        last = out[-1] if out else None
        if (last is not None and last.kind == "weekday" and f.kind == "date"
                and _DAY_OF_MONTH.fullmatch(f.value) and _WEEKDAY_GAP.fullmatch(text, last.end, f.start)):
            out[-1] = Extracted(last.start, f.end, last.line, last.col, text[last.start:f.end],
                                "dated weekday", f.value, "date")
        else:
            out.append(f)
    return out


def date_line(value: str, published: str | None) -> str:
    """The `date:` of a dated weekday: its day, the year read around publication when none is
    written ("--03-14" published 2023-03-10 is 2023-03-14), or the placeholder."""
    month, day = int(value[-5:-3]), int(value[-2:])
    year, why = None if value.startswith("--") else int(value[:4]), ""
    if year is None:
        try:
            anchor = datetime.date.fromisoformat(published or "")
        except ValueError:
            return f"    date: {PLACEHOLDER}   # which year? none is written, and no publication date"
        year = dates.nearest(dates.Written(month, day, None, value), anchor)
        why = "   # no year is written: read as " + (
            f"{year}, the year of publication" if year == anchor.year else
            f"{year}, the nearest {dates.MONTHS[month - 1]} {day} to publication")
    try:
        return f"    date: {datetime.date(year, month, day).isoformat()}{why}"
    except ValueError:
        return (f"    date: {PLACEHOLDER}   # there is no {dates.MONTHS[month - 1]} {day}"
                + (f" in {year}" if year else "") + ": check the article")


def weekday_hint(weekday: str, published: str | None) -> str:
    try:
        day = datetime.date.fromisoformat(published or "")
    except ValueError:
        return "an ISO date, e.g. 2021-08-27"
    back = (day.weekday() - _WEEKDAYS.index(weekday)) % 7
    before = day - datetime.timedelta(days=back)
    after = before + datetime.timedelta(days=7)
    return f"{before.isoformat()} (on or before publication) or {after.isoformat()} (after)"
