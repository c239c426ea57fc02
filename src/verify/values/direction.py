"""Which way a stated change went, read from the words that govern its figure.

"Ridership slipped 15%", "15% lower", "a drop of 15%", "down 15%", "three fewer": the word
just before the figure (past a few words that do not change its sense: "by", "of", "a
further", "nearly", "more than") or just after it ("15% lower", "a 15% increase") says
whether it rose or fell.  No other word of the quote does: in "rose 15% even as fares were
cut" the 15% is a rise.  The words on each side stop at a clause's punctuation and at any
other figure.  When neither side says, when the two sides disagree ("rose 15% less than
wages"), or when the word is negated ("did not fall 15%"), the words do not say which way,
and the reading is None: a question for the writer, never a guess.

VOCABULARY is the one table of words that say which way: each line a word and its
inflections.  docs/claims.md lists the same words (a test keeps the two equal).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from verify.values.numbers import HEDGES

RISE, FALL = "rise", "fall"

VOCABULARY = {
    RISE: (
        "rise rises rising rose risen",
        "climb climbs climbing climbed",
        "grow grows growing grew grown growth",
        "gain gains gaining gained",
        "increase increases increasing increased",
        "jump jumps jumping jumped",
        "surge surges surging surged",
        "soar soars soaring soared",
        "add adds adding added",
        "expand expands expanding expanded expansion",
        "raise raises raising raised",
        "boost boosts boosting boosted",
        "hike hikes hiking hiked",
        "rebound rebounds rebounding rebounded",
        "advance advances advancing advanced",
        "swell swells swelling swelled swollen",
        "spike spikes spiking spiked",
        "leap leaps leaping leaped leapt",
        "up",
        "higher",
        "more",
        "above",
        "greater",
        "larger",
        "bigger",
    ),
    FALL: (
        "fall falls falling fell fallen",
        "drop drops dropping dropped",
        "decline declines declining declined",
        "decrease decreases decreasing decreased",
        "slip slips slipping slipped",
        "tumble tumbles tumbling tumbled",
        "ease eases easing eased",
        "shed sheds shedding",
        "contract contracts contracting contracted contraction",
        "dwindle dwindles dwindling dwindled",
        "retreat retreats retreating retreated",
        "sag sags sagging sagged",
        "slide slides sliding slid",
        "sink sinks sinking sank sunk",
        "plunge plunges plunging plunged",
        "plummet plummets plummeting plummeted",
        "slump slumps slumping slumped",
        "dip dips dipping dipped",
        "dive dives diving dived dove",
        "lose loses losing lost loss losses",
        "cut cuts cutting",
        "reduce reduces reducing reduced reduction",
        "shrink shrinks shrinking shrank shrunk",
        "slash slashes slashing slashed",
        "trim trims trimming trimmed",
        "lower lowers lowering lowered",
        "down",
        "fewer",
        "less",
        "below",
        "smaller",
    ),
}
WORDS = {word: way for way, lines in VOCABULARY.items() for line in lines for word in line.split()}

# Words that stand between a governing word and its figure without changing which way it
# went: "fell by 15%", "a drop of 15%", "rose a further 15%", "15 percent higher".
# A hedge of one word is filler too, unless it says a direction itself ("below").
_BEFORE_FILLER = frozenset(
    ["a", "an", "the", "by", "of", "just", "only", "another", "further", "additional", "extra", "fully"]
    + [hedge for hedge in HEDGES if " " not in hedge and hedge not in WORDS])
_AFTER_FILLER = frozenset(
    ["percent", "per", "cent", "pct", "percentage", "point", "points", "hundred", "thousand",
     "million", "billion", "trillion", "dollars", "euros", "pounds", "annual", "yearly",
     "monthly", "overall", "year-on-year", "year-over-year"])
# Hedges of several words, longest first, so that "no more than 15%" is one hedge and "more" is
# never read as the word that governs the figure: "rose more than 15%", "up to 15%", "as much as".
_HEDGES = tuple(sorted((tuple(p.split()) for p in HEDGES if " " in p), key=lambda h: (-len(h), h)))
_NEGATIONS = frozenset(["not", "never", "no", "nor", "without"])
_OBJECT = 3      # words an object may take between a verb and "by": "cut the bus fare by 20%"
# A word, a number, or a mark that ends a clause ("." only before a space or the end).
_TOKEN = re.compile(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*|\d[\d,.]*|[,;:!?()\[\]\"]|\.(?!\S)| - ")


class Reading(NamedTuple):
    """Which way the words say (RISE, FALL or None), the words that say it, and why not."""

    way: str | None
    words: str = ""
    why_not: str = ""


def read(quote: str, start: int, end: int) -> Reading:
    """Which way the words governing the figure at quote[start:end] say it went."""
    before = _tokens(quote[:start])[::-1]
    after = _tokens(quote[end:])
    said_before, negated = _before(before)
    said_after = _first(after, _AFTER_FILLER)
    if negated:
        return Reading(None, negated, f"\"{negated}\" is negated")
    found = [(WORDS[w], w) for w in (said_before, said_after) if w in WORDS]
    ways = {way for way, _ in found}
    if not found:
        return Reading(None, why_not="no word next to the figure says whether it rose or fell")
    words = " ... ".join(w for _, w in found)
    if len(ways) > 1:
        return Reading(None, words, f"\"{found[0][1]}\" and \"{found[1][1]}\" say different "
                       "things")
    return Reading(ways.pop(), words)


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _before(tokens: list[str]) -> tuple[str | None, str]:
    """The word governing the figure from before it (tokens nearest first), and the word
    itself when a negation stands just before it ("did not fall 15%")."""
    i = 0
    while i < len(tokens):
        hedge = next((h for h in _HEDGES if tuple(tokens[i:i + len(h)]) == h[::-1]), None)
        if hedge is not None:
            i += len(hedge)
            if i < len(tokens) and tokens[i] in ("no", "not"):    # "no more than 15%"
                i += 1
            continue
        if tokens[i] in _BEFORE_FILLER or _adverb(tokens[i]):
            i += 1
            continue
        break
    if i >= len(tokens) or not _word(tokens[i]):
        return None, ""
    if "by" in tokens[:i]:      # "cut fares by 20%", "raised it by $2": the verb past its object
        i = next((j for j in range(i, min(i + _OBJECT + 1, len(tokens)))
                  if tokens[j] in WORDS or not _word(tokens[j]) or _negation(tokens[j])), i)
        if not _word(tokens[i]):
            return None, ""
    word = tokens[i]
    negated = i + 1 < len(tokens) and _negation(tokens[i + 1])
    return word, word if negated and word in WORDS else ""


def _negation(token: str) -> bool:
    return token in _NEGATIONS or token.endswith(("n't", "n\u2019t"))


def _first(tokens: list[str], fillers: frozenset[str]) -> str | None:
    for token in tokens:
        if token in fillers or _adverb(token):
            continue
        return token if _word(token) else None
    return None


def _adverb(token: str) -> bool:
    """"sharply", "slightly": an adverb between a verb and its figure."""
    return len(token) > 4 and token.endswith("ly") and token not in WORDS


def _word(token: str) -> bool:
    return token[0].isalpha()
