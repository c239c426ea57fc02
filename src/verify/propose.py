"""Structure a draft proposes from the words of a text: lists, breakdowns, counts, ranks, subsets.

  list       three or more capitalised names joined by commas and "and", with the noun they
             are ("Illinois, Iowa, ... and Wisconsin were among the states"; "six counties:
             Adams, Clay, Dale, Lee and Polk"): a list claim, and a breakdown of the whole
             "all <noun>" into the names.  A figure "11 other states", as many as the list
             names, beside one more place of the kind ("Missouri ... 11 other states") makes
             that place a part too.
  count      a figure counting the list's noun ("12-state", "five counties") that equals the
             number of names (with the extra place when it is one more).
  rank       "<part> had the most <noun>": the part's figure of that measure is the most
             among the breakdown's whole.
  subset     "<figure> of the/those <noun>": part of the nearest earlier figure of that noun.

Each proposal keeps the words it came from, for the draft to quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from verify import guess, units

_NAME = r"[A-Z][\w.'’-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w.'’-]*){0,3}"
_LIST = re.compile(rf"({_NAME})((?:,[ \t]+{_NAME}){{1,}}),?[ \t]+and[ \t]+({_NAME})")
_LEADING = re.compile(r"^(?:(?:In|On|At|The|And|But|From|For|With|By|Of|While)[ \t]+)+")
_NOUN_AFTER = re.compile(r"[ \t]+(?:\w+[ \t]+){0,3}?(?:the|these|those|all)[ \t]+([a-z]+)")
_RANK = re.compile(rf"({_NAME})[ \t]+(?:had|has|have|saw|made|reported|recorded)[ \t]+the[ \t]+"
                   r"(most|fewest|least|highest|lowest|largest|smallest)[ \t]+(?:number[ \t]+of[ \t]+)?([a-z]+)")
_RANK_KIND = {"most": "most", "highest": "most", "largest": "most",
              "fewest": "least", "least": "least", "lowest": "least", "smallest": "least"}
_SUBSET = re.compile(r"[ \t]+of[ \t]+(?:the|those|these|them|all)[ \t]+(?:\w+[ \t]+)?([a-z]+)")


@dataclass(frozen=True)
class Listed:
    """Names a text lists, and what they are."""

    start: int
    end: int
    names: tuple[str, ...]
    noun: str                  # the counted noun, plural: "states"
    dimension: str             # "place" when the names are places, else the noun's singular
    words: str                 # the verbatim words, list and noun: the list claim's quote


def lists(text: str) -> list[Listed]:
    """Every list of names the text gives with the noun they are."""
    found = []
    for m in _LIST.finditer(text):
        first = _LEADING.sub("", m.group(1))
        start = m.start(1) + len(m.group(1)) - len(first)
        names = [first] + [n.strip() for n in m.group(2).split(",") if n.strip()] + [m.group(3)]
        if len(set(names)) < 3 or any(guess.measure_words().get(n.lower()) for n in names):
            continue
        noun, end = _noun(text, start, m.end())
        if noun is None:
            continue
        places = set(guess.places())
        dimension = "place" if all(n in places for n in names) or noun in _PLACE_NOUNS else \
            units.vocabulary()[noun][0]
        found.append(Listed(start, end, tuple(names), noun, dimension, text[start:end]))
    return found


_PLACE_NOUNS = {"states", "counties", "cities", "countries", "towns", "provinces", "regions",
                "districts", "neighborhoods", "villages", "parishes", "boroughs", "territories"}


def _noun(text: str, start: int, end: int) -> tuple[str | None, int]:
    """The plural noun the names are: "were among the states" after them, else the nearest
    counted noun before them in their sentence ("six counties: Adams, ...")."""
    vocabulary = units.vocabulary()
    after = _NOUN_AFTER.match(text, end)
    if after and after.group(1) in vocabulary:
        return vocabulary[after.group(1)][1], after.end()
    lo, _ = guess.sentence_of(text, start, end)
    for word in reversed(re.findall(r"[a-z]+", text[lo:start])[-6:]):
        if word in vocabulary and vocabulary[word][1] == word:
            return word, end
    return None, end


@dataclass(frozen=True)
class Ranked:
    part: str
    kind: str          # most | least
    measure: str
    start: int
    words: str


def ranks(text: str) -> list[Ranked]:
    """"Kentucky had the most arrests": (Kentucky, most, arrested)."""
    out = []
    for m in _RANK.finditer(text):
        measure = guess.measure_words().get(m.group(3))
        part = _LEADING.sub("", m.group(1))
        if measure is not None:
            start = m.end(1) - len(part)
            out.append(Ranked(part, _RANK_KIND[m.group(2)], measure, start, text[start:m.end()]))
    return out


def subset_noun(text: str, end: int) -> str | None:
    """The plural noun of "<figure> of the/those <noun>" right after a figure ending at `end`."""
    m = _SUBSET.match(text, end)
    if m and m.group(1) in units.vocabulary():
        return units.vocabulary()[m.group(1)][1]
    return None


def other_place(text: str, listed: Listed, start: int, end: int) -> str | None:
    """The one place of the list's kind its sentence names besides the list ("Missouri ... 11
    other states"), for a figure at [start, end): the part the list leaves out."""
    lo, hi = guess.sentence_of(text, start, end)
    names = {p[2] for p in guess.place_names(text[lo:hi], {})} - set(listed.names)
    return names.pop() if len(names) == 1 else None
