"""Every figure in a text, with its exact span: the raw material of a claims file.

`extract_figures(text)` finds candidates with a few precompiled patterns, then keeps the
longest where they overlap ("$1.2 million" beats "1.2 million" beats "1.2").  Each figure
has one of a fixed set of kinds; `value` is exact (a Fraction printed as a decimal when it
terminates, else "n/d"):

  number    digits: "102", "1,234.5" (1234.5), "-15", "1.2 million" (1200000), "54°F" (unit degF)
  words     number words: "two", "Twenty-one", "one hundred two", "a dozen", "two and a half"
  share     fractions in words: "half", "a third", "one-third", "two-thirds" (value "2/3")
  compound  a number joined to a noun: "12-state" (value 12, unit "state"), "two-run", "3.4-mile"
  pair      two numbers joined: a score, vote, record or range: "7-2", "3-for-4" (value "3-4")
  money     "$1.2 million", "$3.20" (3.2), "€50,000", "five million dollars"; unit USD, EUR, ...
  percent   "47%", "12 percent", "3.5 per cent"; "3 percentage points" (unit "percentage points")
  date      ISO 8601 values: "2021-08-27"; "August 27, 2021"; "Aug. 27" (--08-27); "May 2024" (2024-05)
  year      a bare year 1900-2099 written without a comma, "in 2021" (value "2021", unit date)
  weekday   "Friday" (also in "Friday's", "Thursday night"); unit weekday
  time      "10 a.m." (10:00), "9:30 p.m." (21:30), "21:30", "noon", "midnight"; unit time
  ordinal   digits with a suffix, or "No. 1": "14th" (value 14)

What is deliberately NOT a figure (precision over recall where the words are ambiguous):
  - "one" as a pronoun or selector: "no one", "one of", "one another", "one's", "the one",
    "one by one", "one game at a time", and the idioms "one-on-one", "one-time", "one-off",
    "one-sided", "one-way".  Every other "one" is a figure ("one walk", "one count"), so "said
    one resident" is a false positive we accept and measure (bench/extract_quality.py).
  - "once", "twice", "single", "both", "doubled": frequencies and multiples, not counts;
    "once-in-a-lifetime" and "multi-state" therefore yield nothing.
  - word ordinals ("first", "third inning", "a third term"): "a third" is a share only
    before "of" or punctuation, after a hedge ("about a third"), or hyphenated ("one-third").
  - vague amounts: "dozens", "hundreds", "several", "a couple of", decades ("the 1990s",
    "mid-40s"); a month alone ("in March"); plural weekdays ("on Fridays").
  - identifiers: "COVID-19", "I-70", "Measure 4", "Game 7", phone numbers.
  - "6 to 10 inches" is two numbers; only hyphenated pairs ("7-2") are one figure.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quicktions import Fraction

from verify.extract.finders import FINDERS, Candidate, Scan

_NEWLINE = re.compile("\n")
KINDS = ("number", "words", "share", "compound", "pair", "money", "percent", "date", "year",
         "weekday", "time", "ordinal")


@dataclass(frozen=True)
class Extracted:
    """One figure: characters [start, end) of the text, 1-based line/col of start."""

    start: int
    end: int
    line: int
    col: int
    text: str        # exactly text[start:end]
    kind: str        # one of KINDS
    value: str       # exact value: "102", "1200000", "1/3", "2021-08-27", "Friday", "21:30", "7-2"
    unit: str | None  # "percent", "USD", the compound noun ("state"), "date", "weekday", ...


def extract_figures(text: str) -> list[Extracted]:
    """Every figure of `text`, sorted by start, non-overlapping (the longest match wins)."""
    return extract_scanned(Scan(text))


def extract_scanned(scan: Scan) -> list[Extracted]:
    """Every figure of the text `scan` reads (extract_figures)."""
    text = scan.text
    candidates: list[Candidate] = []
    for finder in FINDERS:
        candidates.extend(finder(scan))
    # Longest first; among equals, the finder listed first; then leftmost.
    order = sorted(range(len(candidates)),
                   key=lambda i: (candidates[i][0] - candidates[i][1], i, candidates[i][0]))
    taken = bytearray(len(text))
    chosen: list[Candidate] = []
    for i in order:
        start, end, kind, value, unit = candidates[i]
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        if kind is not None:
            chosen.append(candidates[i])
    chosen.sort()
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    figures = []
    for start, end, kind, value, unit in chosen:
        if kind is None or value is None:
            continue            # never: a candidate without a kind only blocks, and is not chosen
        line = bisect.bisect_left(newlines, start)
        col = start - (newlines[line - 1] + 1 if line else 0) + 1
        if isinstance(value, str):
            shown = value
        elif kind == "share":           # a share reads as a fraction: "1/2", "2/3"
            shown = f"{value.numerator}/{value.denominator}"
        else:
            shown = fmt_value(value)
        figures.append(Extracted(start, end, line + 1, col, text[start:end], kind, shown, unit))
    return figures


def fmt_value(value: Fraction) -> str:
    """An exact value as text: a terminating decimal without trailing zeros, else 'n/d'."""
    den = value.denominator
    if den == 1:
        return str(value.numerator)
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives)
    scaled = value * 10 ** places
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)
