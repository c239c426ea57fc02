"""Guesses for what a drafted claim measures and where: rules over the text, no model.

`verify extract --draft` fills `measure:` and `scope:` with these guesses, each marked
`# guessed` with the words it came from, so a person reviews it:

  measure  the nearest word of the figure's clause that names a measure in the shipped
           vocabulary (data/measures.txt): "arrested 102 persons" -> arrested, "47 victims
           ... rescued" -> rescued, "Two persons were detained" -> arrested, "Turnout was
           12,480 votes" -> turnout.  A count of a noun that no such word governs is a count
           of that noun ("a 12-state sting" -> states; "11 other states" -> other states).
  scope    a place (data/places.txt, or a name of a list the text gives) in the figure's
           clause, the nearest one; else the only place its sentence names; else, when the
           text lists the parts of a whole ("all states"), that whole; else nothing
           (`{}`, overall) when the sentence names no place at all.  A place followed by a
           capitalised word is part of a longer name ("Missouri Attorney General",
           "Kansas City") and scopes nothing.

A clause is the part of a sentence between commas, semicolons, "and", "but", "while".
"""
from __future__ import annotations

import bisect
import itertools
import json
import re
from functools import lru_cache

from verify.extract.figures import Extracted
from verify.model import record
from verify.values.dates import DAYS, MONTHS
from verify.values.vocabulary import measure_words, shipped

SPACE = r"(?:[ \t]*\n[ \t]*|[ \t]+)"     # white space within a paragraph: at most one line break
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘'(]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]*")
# A line that starts an item of its own: a list item ("- ", "* ", "• ", "1. ", "2) ") or a
# label and its value ("Ballots cast: 4,777").
_ITEM = re.compile(r"[ \t]*(?:[-*•][ \t]|\d{1,2}[.)][ \t]|[A-Z][\w’'-]*(?:[ \t]+[\w’'-]+){0,2}:[ \t])")
_ABBREVIATION = re.compile(r"(?:\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Mt|No|Jr|Sr|"
                           r"Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Inc|Co|Corp|Ltd|Ave|vs)|(?:\b[A-Z]\.)+[A-Z])\.$")
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s(?:and|but|while|whereas|although)\s")
_PUNCTUATION = re.compile(r"[,;:()—–]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CAPITALISED = re.compile(rf"{SPACE}(?:of{SPACE})?[A-Z][a-z]")
_IN_NAME = re.compile(rf"\b(?:[Ii]n|[Aa]cross|[Tt]hroughout){SPACE}([A-Z][a-z]+(?:{SPACE}[A-Z][a-z]+)*)")
_NOT_PLACES = {*MONTHS, *DAYS, "The", "A", "An", "His", "Her", "Their", "Its", "Our", "My",
               "This", "That", "All", "Some", "Each", "Total", "Addition"}
_BODIES = {"General", "Department", "Office", "Police", "Court", "Council", "Agency", "Service",
           "Services", "Bureau", "University", "College", "School", "Hospital", "Company",
           "Corporation", "Party", "Senate", "House", "Congress", "Committee", "Board"}
Scope = tuple[tuple[str, str], ...]          # (dimension, value) pairs, sorted
Place = tuple[int, int, str, str, bool]     # start, end, name, dimension, known (see place_names)
# A place named with its kind, the kind its dimension: "Harlan County" -> county: Harlan,
# "the north district" -> district: north, "The North region" -> region: North.
KINDS = ("county", "parish", "borough", "district", "region", "ward")
PLACE_NOUNS = {"states", "counties", "cities", "countries", "towns", "provinces", "regions",
               "districts", "neighborhoods", "villages", "parishes", "boroughs", "territories"}
_KIND_NAME = re.compile(rf"\b((?:(?:San|Santa|St\.|Saint|Los|Las|New|El|La|Fort|Port){SPACE})?[A-Z][a-z]+)"
                        rf"{SPACE}(County|Parish|Borough|District|Region|Ward)\b")
_KIND_COMPASS = re.compile(rf"\b[Tt]he{SPACE}((?i:north|south|east|west|northern|southern|eastern|western|"
                           rf"central|centre|center|inner|outer)){SPACE}((?i:district|region|ward|zone))\b")
_INTRODUCED = re.compile(r"\s*(?:In|At|Across|Throughout|For)\s+(?:the\s+)?")    # "In Ames, ..."
_ALONE = re.compile(r"[\s,;:()—–]*(?:about|nearly|almost|some|just|only|roughly|around)?[\s,;:()—–]*")
_OTHER = re.compile(rf"{SPACE}(other|more|additional|new)\b")
MAX_MEASURE_DISTANCE = 8      # words between a figure and the word naming its measure


@record()
class Guess:
    """A guessed value and the article's words it came from."""

    value: str
    words: str


@record()
class Drafted:
    """One drafted claim: its figure, and the guesses for what a person must say."""

    id: str
    source: str
    figure: Extracted
    measure: Guess | None
    scope: Scope | None       # None: the placeholder
    scope_words: str
    unit: str | None
    unit_guessed: bool
    unit_words: str = ""        # the words a unit taken from another figure came from


@lru_cache(maxsize=1)
def places() -> tuple[str, ...]:
    """The shipped place names (data/places.txt), longest first."""
    names = [line.strip() for line in shipped("places.txt").splitlines()
             if line.strip() and not line.startswith("#")]
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=8)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences (and headline lines) of a text, as spans.  A blank line ends one, and so
    does the line break before and after a list item or a label line ("Yes: 4,562"); any other
    line break is a hard wrap inside a paragraph and ends nothing.  "Aug. 27", "Mr. Smith"
    and "U.S. officials" end no sentence."""
    out: list[tuple[int, int]] = []
    for lo, hi in _blocks(text):
        for m in _SENTENCE_END.finditer(text, lo, hi):
            if _ABBREVIATION.search(text, max(lo, m.start() - 8), m.start()):
                continue
            out.append((lo, m.start()))
            lo = m.end()
        out.append((lo, hi))
    return tuple(out)


def _blocks(text: str) -> list[tuple[int, int]]:
    """The paragraphs and items of a text, as spans: its lines, joined where a line break
    is a hard wrap."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)
             if m.start() == 0 or text[m.start() - 1] == "\n"]
    blocks = [lines[0]]
    for (p_lo, p_hi), (lo, hi) in itertools.pairwise(lines):
        wrapped = (text[p_lo:p_hi].strip() and text[lo:hi].strip()
                   and not _ITEM.match(text, p_lo, p_hi) and not _ITEM.match(text, lo, hi))
        if wrapped:
            blocks[-1] = (blocks[-1][0], hi)
        else:
            blocks.append((lo, hi))
    return blocks


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end] (the first one it starts in)."""
    spans = sentences(text)
    i = bisect.bisect_right(_sentence_ends(text), start)     # the first that ends after start
    if i == len(spans):
        i = next((j for j, (_, hi) in enumerate(spans) if hi == len(text)), len(spans))
    if i == len(spans):
        return 0, len(text)
    lo, hi = spans[i]
    return lo, max(hi, end)


@lru_cache(maxsize=8)
def _sentence_ends(text: str) -> tuple[int, ...]:
    return tuple(hi for _, hi in sentences(text))


def clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence holding text[start:end]; a break inside the figure
    ("1,234", "10 and 20") does not count."""
    s_lo, s_hi = sentence_of(text, start, end)
    lo, hi = s_lo, s_hi
    for m in _CLAUSE_BREAK.finditer(text, s_lo, s_hi):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def guess_measure(text: str, f: Extracted, unit: str | None) -> Guess | None:
    """The measure a figure states, from the words of its clause (nearest first; after the
    figure on a tie).  The noun right after the figure is what it counts, so it names the
    measure only when no other word does ("Turnout was 12,480 votes": turnout; "made 100
    arrests": arrested).  A clause that names none is read on to the next comma ("47 victims
    and sex workers were rescued"); else the figure counts its noun."""
    if unit in PLACE_NOUNS:         # "police in four states made 100 arrests": four states
        return _count_of(text, f, unit)
    if f.kind == "compound" and (f.unit or "").endswith("-old"):     # "a 90-year-old main"
        return Guess("age", f.text)
    lo, hi = clause_of(text, f.start, f.end)
    s_lo, s_hi = sentence_of(text, f.start, f.end)
    wide = list(_PUNCTUATION.finditer(text, s_lo, s_hi))
    w_lo = max([m.end() for m in wide if m.end() <= f.start], default=s_lo)
    w_hi = min([m.start() for m in wide if m.start() >= f.end], default=s_hi)
    for start, end, counted in ((lo, hi, False), (lo, hi, True), (w_lo, w_hi, True)):
        found = _nearest(text, f, start, end, counted)
        if found is not None:
            return found
    if unit and unit not in ("people", "percent", "points") and unit.isalpha() and unit.islower():
        return _count_of(text, f, unit)
    return None


def _count_of(text: str, f: Extracted, unit: str) -> Guess | None:
    """A count of the noun after the figure: "12-state" -> states, "11 other states" ->
    other states; None when the noun is not right after it."""
    if not (f.kind == "compound" or _counts_noun(text, f, unit)):
        return None
    other = _OTHER.match(text, f.end)
    if other:
        return Guess(f"{other.group(1)} {unit}", one_line(text[f.start:f.end + len(other.group())]))
    return Guess(unit, f.text)


def _nearest(text: str, f: Extracted, lo: int, hi: int, counted: bool) -> Guess | None:
    vocabulary = measure_words()
    before = list(_WORD.finditer(text, lo, f.start))[::-1]
    after = list(_WORD.finditer(text, f.end, hi))
    for distance in range(MAX_MEASURE_DISTANCE):
        for words in (after, before):
            if distance < len(words) and (counted or words is before or distance > 0):
                word = words[distance]
                measure = vocabulary.get(word.group().lower().rstrip("'’"))
                if measure is not None:
                    return Guess(measure, _between(text, f, word))
    return None


def _counts_noun(text: str, f: Extracted, unit: str) -> bool:
    following = _WORD.findall(text[f.end:f.end + 40])[:2]
    return any(w.lower().startswith(unit[:-1]) for w in following)


def _between(text: str, f: Extracted, word: re.Match[str]) -> str:
    start, end = min(f.start, word.start()), max(f.end, word.end())
    return re.sub(r"\s+", " ", text[start:end])


def place_names(text: str, extra: dict[str, str]) -> list[tuple[int, int, str, str, bool]]:
    """Every place the text names, as (start, end, name, dimension, known), longest name first
    where they overlap; `extra` adds names (a list's parts) with their dimension.  A name is
    known when it is shipped or listed; other capitalised names after "in" are places too,
    and a name with its kind ("Harlan County", "the north district") is a place of that
    dimension (county: Harlan; district: north)."""
    found: list[Place] = []
    taken = bytearray(len(text))
    for m in [*_KIND_NAME.finditer(text), *_KIND_COMPASS.finditer(text)]:   # "Harlan County"
        if taken.find(1, m.start(), m.end()) == -1:
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            found.append((m.start(), m.end(), one_line(m.group(1)), m.group(2).lower(), True))
    names = dict.fromkeys(places(), "place")
    names.update(extra)
    known = set(names)
    for m in _IN_NAME.finditer(text):         # "in Ames", "in Boone County": a place too
        if m.group(1).split()[0] not in _NOT_PLACES and m.group(1).split()[-1] not in _BODIES:
            names.setdefault(m.group(1), "place")
    for name in sorted(names, key=lambda n: (-len(n), n)):
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if taken.find(1, m.start(), m.end()) == -1:
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
                found.append((m.start(), m.end(), name, names[name], name in known))
    return sorted(found)


def _scoping(text: str, place: tuple[int, int, str, str, bool]) -> bool:
    """A place name followed by a capitalised word is part of a longer name."""
    return not _CAPITALISED.match(text, place[1])


def guess_scope(text: str, f: Extracted, named: list[tuple[int, int, str, str, bool]],
                wholes: dict[str, str]) -> tuple[tuple[tuple[str, str], ...], str] | None:
    """The scope of a figure and the words it came from, or None when the sentence names
    several places and the figure's clause none of them."""
    lo, hi = clause_of(text, f.start, f.end)
    s_lo, s_hi = sentence_of(text, f.start, f.end)
    if _ALONE.fullmatch(text[lo:f.start] + " " + text[f.end:hi]) and lo - 2 > s_lo:
        lo, _ = clause_of(text, lo - 2, lo - 1)     # "Adams County had the most arrests, 24,"
    in_clause = [p for p in named if lo <= p[0] and p[1] <= hi and _scoping(text, p)]
    if not in_clause and lo - 2 > s_lo:      # "In Ames, 420 homes were damaged"
        p_lo, p_hi = clause_of(text, lo - 2, lo - 1)
        in_clause = [p for p in named if p_lo <= p[0] and p[1] <= p_hi and _scoping(text, p)
                     and _INTRODUCED.fullmatch(text[p_lo:p[0]]) and not text[p[1]:p_hi].strip()]
    if in_clause:
        nearest = min(in_clause, key=lambda p: min(abs(p[0] - f.end), abs(f.start - p[1])))
        return ((nearest[3], nearest[2]),), _span(text, f, nearest)
    in_sentence = [p for p in named if s_lo <= p[0] and p[1] <= s_hi and _scoping(text, p)]
    distinct = {(p[3], p[2]) for p in in_sentence}
    if len(distinct) > 1:      # "in Missouri, which took place ... in Kansas City": the known one
        in_sentence = [p for p in in_sentence if p[4]]
        distinct = {(p[3], p[2]) for p in in_sentence}
    if len(distinct) == 1:
        return (distinct.pop(),), _span(text, f, in_sentence[0])
    if distinct:
        return None
    if wholes:
        return tuple(sorted(wholes.items())), ""
    return (), ""


def _span(text: str, f: Extracted, place: tuple[int, int, str, str, bool]) -> str:
    start, end = min(f.start, place[0]), max(f.end, place[1])
    words = re.sub(r"\s+", " ", text[start:end])
    if len(words) > 60:
        return place[2]
    return words


def one_line(words: str) -> str:
    """Words as one line: a hard wrap (any run of white space) inside them is a space."""
    return re.sub(r"\s+", " ", words).strip()


def span(text: str, start: int, end: int) -> str:
    """text[start:end] as one line."""
    return one_line(text[max(0, start):end])


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
