"""A claims-file skeleton from an article's figures (`verify extract --draft`).

One claim per figure, each quoting a short verbatim window around it (grown word by word
until it occurs once in the article; `occurrence` says which one when it never does),
the value as written and a guessed unit.  What only a person can say is left as the
placeholder PLACEHOLDER ("FILL-IN"), which the claims loader rejects until replaced:
`measure` and `scope` of quantities, `date` of weekday names, `unit` when no guess.  A
weekday followed by the date it names ("Monday, March 14, 2023") is one date claim with its
`date:` filled in (a date written without a year is read around publication, as the date
rule reads it), not a weekday claim and a separate date claim.
"""
from __future__ import annotations

import bisect
import datetime
import json
import re

from verify import dates
from verify.anchor import Folded, fold
from verify.extract import Extracted, extract_figures
from verify.numbers import FigureError, read_written

PLACEHOLDER = "FILL-IN"
SCHEMA_LINE = "# yaml-language-server: $schema=../docs/claims.schema.json"
QUOTE_WORDS = 2          # words either side of the figure to start with
MAX_QUOTE_WORDS = 24
MAX_TITLE_WORDS = 20      # a longer first line is the lead paragraph, not a headline

_PEOPLE = {"people", "persons", "person", "victims", "offenders", "men", "women", "children",
           "adults", "residents", "voters", "students", "officers", "suspects", "workers",
           "employees", "fans", "participants", "patients", "members", "migrants", "workers"}
_SKIP_BEFORE_NOUN = {"other", "more", "new", "additional", "extra", "fewer", "of", "the", "its",
                     "their", "his", "her", "these", "those", "total", "more", "than"}
_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = "\"'“”‘’()[],.;:!?—–"
_FOLLOWING = re.compile(r"((?:[ \u00a0]+[a-z]+\b(?![-'’]))*)")   # plain lowercase words only
_DATELINE = re.compile(r"^\s*(?:date\s+)?\d{4}-\d{2}-\d{2}\s+", re.I)
_WEEKDAY_GAP = re.compile(r",?[ \u00a0]+")     # "Monday, March 14": the weekday of that day
_DAY_OF_MONTH = re.compile(r"(?:\d{4}|-)-\d{2}-\d{2}")    # "2023-03-14", "--03-14" (no year)
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def draft_claims(source_file: str, text: str, title: str | None = None,
                 published: str | None = None) -> str:
    """The YAML text of a claims file for `text`, one claim per figure, to be completed."""
    figures = extract_figures(text)
    published = published or guess_published(text, figures)
    folded = Folded(text)
    out = [SCHEMA_LINE,
           f"# Draft claims for {source_file}, written by `verify extract --draft`.",
           f"# Replace every {PLACEHOLDER}: the checker rejects this file until none is left.",
           "# Delete claims that state nothing checkable, or move them to `unchecked:` with a reason.",
           "version: 1", "", "sources:", "  - id: article",
           f"    file: {_q(source_file)}"]
    if title is not None:
        out.append(f"    title: {_q(title)}")
    elif (guessed := guess_title(text)) is not None:
        out.append(f"    title: {_q(guessed)}   # guessed from the first line")
    else:
        out.append(f"    title: {PLACEHOLDER}   # the headline")
    if published:
        out.append(f"    published: {published}")
    else:
        out.append("    # published: YYYY-MM-DD   (no dateline found; weekday names need it)")
    out += ["", "claims:"]
    for number, figure in enumerate(_dated_weekdays(figures, text), 1):
        out += _claims(number, figure, folded, published)
    if not figures:
        out[-1] = "claims: []   # no figures found"
    return "\n".join(out) + "\n"


def _claims(number: int, f: Extracted, folded: Folded, published: str | None) -> list[str]:
    """The YAML lines of the claim(s) for one figure: two for a pair ("7-2"), one per side."""
    quote, occurrence = quote_for(folded, f)
    head = [""]
    ident = _slug(number, f.text)
    if f.kind == "pair":
        first, second = f.value.split("-")
        head += [f"  # {f.text!r} states two figures (a score, vote, record or range): one claim each"]
        return (head + _claim(ident + "-a", quote, occurrence, f, first, folded.original, published)
                + [""] + _claim(ident + "-b", quote, occurrence, f, second, folded.original, published))
    return head + _claim(ident, quote, occurrence, f, _value(f), folded.original, published)


def _claim(ident: str, quote: str, occurrence: int | None, f: Extracted, value: str, text: str,
           published: str | None) -> list[str]:
    lines = [f"  - id: {ident}", f"    quote: {_q(quote)}"]
    if occurrence:
        lines.append(f"    occurrence: {occurrence}   # the quote occurs more than once")
    if f.kind == "weekday":
        return lines + [f"    value: {_q(value)}", "    unit: weekday",
                        f"    date: {PLACEHOLDER}   # which day? {_weekday_hint(f.value, published)}"]
    if f.kind == "dated weekday":
        return lines + [f"    value: {_q(value)}", "    unit: date", _date_line(f.value, published)]
    if f.kind in ("date", "year", "time"):
        return lines + [f"    measure: {PLACEHOLDER}   # what happened then?",
                        f"    value: {_q(value)}", f"    unit: {f.unit}"]
    lines += [f"    measure: {PLACEHOLDER}   # what is counted?",
              f"    scope: {PLACEHOLDER}   # whose, where, when? e.g. {{place: Missouri}}; {{}} for all",
              f"    value: {_q(value)}"]
    if f.kind == "ordinal":
        lines[-1] += f"   # written {f.text!r}: a rank, or a count of a run"
    elif not _readable(value):
        lines[-1] += "   # the checker cannot read this wording yet: rewrite it, or list it as unchecked"
    unit, guessed = _unit_guess(f, text)
    if unit is None:
        lines.append(f"    unit: {PLACEHOLDER}   # people, states, USD, percent, ...?")
    else:
        lines.append(f"    unit: {_q(unit)}" + ("   # guessed from the next words" if guessed else ""))
    return lines


def _value(f: Extracted) -> str:
    """The value as written, or its digits where only they can be read ("54°F", "14th")."""
    if f.kind == "ordinal" or f.kind == "number" and f.unit and f.unit.startswith("deg"):
        return f.value
    return f.text


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
            at = bisect.bisect_left(folded.index, start)
            return quote, bisect.bisect_left(hits, at) + 1
        if grow_right and can_right or not can_left:
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


def _unit_guess(f: Extracted, text: str) -> tuple[str | None, bool]:
    """The unit the claim states: from the figure itself, else the next plain noun."""
    if f.kind == "share" or f.unit == "percentage points":
        return "percent", False     # points of a percentage are compared as percents
    if f.unit:
        unit = f.unit.split("-")[0]             # "year-old" -> "year": units are single words
        if f.kind == "compound" and unit in ("date", "weekday", "time"):
            unit += "s"                         # "two-time champion": times, not a time of day
        return unit, False
    if f.kind in ("pair", "ordinal"):
        return None, False
    for word in _FOLLOWING.match(text, f.end).group(1).split()[:4]:
        if word in _SKIP_BEFORE_NOUN:
            continue
        if word in _PEOPLE:
            return "people", True
        if word.endswith("s") and f.value != "1" or f.value == "1":
            return word, True
        break
    return None, False


def _dated_weekdays(figures: list[Extracted], text: str) -> list[Extracted]:
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


def _date_line(value: str, published: str | None) -> str:
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


def _weekday_hint(weekday: str, published: str | None) -> str:
    try:
        day = datetime.date.fromisoformat(published or "")
    except ValueError:
        return "an ISO date, e.g. 2021-08-27"
    back = (day.weekday() - _WEEKDAYS.index(weekday)) % 7
    before = day - datetime.timedelta(days=back)
    after = before + datetime.timedelta(days=7)
    return f"{before.isoformat()} (on or before publication) or {after.isoformat()} (after)"


def _readable(value: str) -> bool:
    try:
        read_written(value)
    except FigureError:
        return False
    return True


def _slug(number: int, text: str) -> str:
    return f"f{number:02d}-" + (re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "figure")


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
