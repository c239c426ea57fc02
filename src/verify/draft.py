"""A claims-file skeleton from an article's figures (`verify extract --draft`).

One claim per figure, each quoting a short verbatim window around it (grown word by word
until it occurs once in the article; `occurrence` says which one when it never does),
the value as written and a guessed unit.  What only a person can say is left as the
placeholder PLACEHOLDER ("FILL-IN"), which the claims loader rejects until replaced:
`measure` and `scope` of quantities, `date` of weekday names, `unit` when no guess.
"""
from __future__ import annotations

import datetime
import json
import re

from verify.extract import Extracted, extract_figures
from verify.numbers import FigureError, read_written

PLACEHOLDER = "FILL-IN"
SCHEMA_LINE = "# yaml-language-server: $schema=../docs/claims.schema.json"
QUOTE_WORDS = 2          # words either side of the figure to start with
MAX_QUOTE_WORDS = 24

_PEOPLE = {"people", "persons", "person", "victims", "offenders", "men", "women", "children",
           "adults", "residents", "voters", "students", "officers", "suspects", "workers",
           "employees", "fans", "participants", "patients", "members", "migrants", "workers"}
_SKIP_BEFORE_NOUN = {"other", "more", "new", "additional", "extra", "fewer", "of", "the", "its",
                     "their", "his", "her", "these", "those", "total", "more", "than"}
_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = "\"'“”‘’()[],.;:!?—–"
_DATELINE = re.compile(r"^\s*(?:date\s+)?\d{4}-\d{2}-\d{2}\s+", re.I)
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def draft_claims(source_file: str, text: str, title: str | None = None,
                 published: str | None = None) -> str:
    """The YAML text of a claims file for `text`, one claim per figure, to be completed."""
    figures = extract_figures(text)
    published = published or guess_published(text, figures)
    out = [SCHEMA_LINE,
           f"# Draft claims for {source_file}, written by `verify extract --draft`.",
           f"# Replace every {PLACEHOLDER}: the checker rejects this file until none is left.",
           "# Delete claims that state nothing checkable, or move them to `unchecked:` with a reason.",
           "version: 1", "", "sources:", "  - id: article",
           f"    file: {_q(source_file)}"]
    if title is None:
        out.append(f"    title: {_q(guess_title(text))}   # guessed from the first line")
    else:
        out.append(f"    title: {_q(title)}")
    if published:
        out.append(f"    published: {published}")
    else:
        out.append("    # published: YYYY-MM-DD   (no dateline found; weekday names need it)")
    out += ["", "claims:"]
    for number, figure in enumerate(figures, 1):
        out += [""] + _claim(number, figure, text, published)
    if not figures:
        out[-1] = "claims: []   # no figures found"
    return "\n".join(out) + "\n"


def _claim(number: int, f: Extracted, text: str, published: str | None) -> list[str]:
    quote, occurrence = quote_for(text, f)
    lines = [f"  - id: {_slug(number, f.text)}", f"    quote: {_q(quote)}"]
    if occurrence:
        lines.append(f"    occurrence: {occurrence}   # the quote occurs more than once")
    if f.kind == "weekday":
        return lines + [f"    value: {_q(f.text)}", "    unit: weekday",
                        f"    date: {PLACEHOLDER}   # which day? {_weekday_hint(f.value, published)}"]
    if f.kind in ("date", "year", "time"):
        return lines + [f"    measure: {PLACEHOLDER}   # what happened then?",
                        f"    value: {_q(f.text)}", f"    unit: {f.unit}"]
    lines += [f"    measure: {PLACEHOLDER}   # what is counted?",
              f"    scope: {PLACEHOLDER}   # whose, where, when? e.g. {{place: Missouri}}; {{}} for all",
              f"    value: {_q(f.text)}"]
    if f.kind == "pair":
        lines[-1] += f"   # two figures: split into two claims ({f.value.replace('-', ' and ')})"
    elif not _readable(f.text):
        lines[-1] += "   # the checker cannot read this wording; write the number"
    unit, guessed = _unit_guess(f, text)
    if unit is None:
        lines.append(f"    unit: {PLACEHOLDER}   # people, states, USD, percent, ...?")
    else:
        lines.append(f"    unit: {_q(unit)}" + ("   # guessed from the next words" if guessed else ""))
    return lines


def quote_for(text: str, f: Extracted) -> tuple[str, int | None]:
    """A verbatim window around the figure, on its line, grown until it occurs once.

    Returns the quote and, when even the longest window repeats, its 1-based occurrence."""
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.end)
    line_end = len(text) if line_end == -1 else line_end
    words = [m.span() for m in _TOKEN.finditer(text, line_start, line_end)]
    first = next(i for i, (s, e) in enumerate(words) if e > f.start)
    last = next(i for i, (s, e) in reversed(list(enumerate(words))) if s < f.end)
    lo, hi = max(0, first - QUOTE_WORDS), min(len(words) - 1, last + QUOTE_WORDS)
    grow_right = True
    while True:
        start, end = _trim(text, words[lo][0], words[hi][1], f)
        quote = text[start:end]
        if _count(text, quote) == 1:
            return quote, None
        can_right, can_left = hi < len(words) - 1, lo > 0
        if hi - lo + 1 >= MAX_QUOTE_WORDS or not (can_right or can_left):
            return quote, _count(text, quote, before=start) + 1
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


def _count(text: str, quote: str, before: int | None = None) -> int:
    """Occurrences of quote in text (overlapping ones too), or those starting before `before`."""
    count, at = 0, text.find(quote)
    while at != -1 and (before is None or at < before):
        count += 1
        at = text.find(quote, at + 1)
    return count


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


def guess_title(text: str) -> str:
    first = next((line for line in text.split("\n") if line.strip()), "")
    return _DATELINE.sub("", first).strip().rstrip(".")[:200]


def _unit_guess(f: Extracted, text: str) -> tuple[str | None, bool]:
    if f.kind == "share":
        return "percent", False
    if f.unit:
        return f.unit, False
    words = re.findall(r"[A-Za-z]+", text[f.end:f.end + 60].split("\n")[0])[:4]
    for word in words:
        if word.lower() in _SKIP_BEFORE_NOUN:
            continue
        if word.lower() in _PEOPLE:
            return "people", True
        return (word.lower(), True) if word.islower() else (None, False)
    return None, False


def _weekday_hint(weekday: str, published: str | None) -> str:
    if not published:
        return "an ISO date, e.g. 2021-08-27"
    day = datetime.date.fromisoformat(published)
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
