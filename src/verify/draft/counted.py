"""What a drafted figure counts: its unit, guessed from the words after it, or from a
figure before it whose noun it leaves out.

  unit     the unit the figure carries ("$", "%", "12-state"), else the plural noun after
           it, past a few words that are not nouns ("other", "of the") and at most two
           modifiers ("27 road deaths" -> deaths, "12 public schools" -> schools); nouns of
           people ("persons", "victims", "offenders") are `people`.
  bare     a count with no noun of its own takes the noun counted before it in its
           sentence ("In Ames, 420 homes were damaged, and in Boone 318" -> homes), or
           the plural noun it follows after a comma or colon ("had the most arrests, 31"
           -> arrests), and the measure that goes with it.
"""
from __future__ import annotations

import re

from verify.draft.guess import SPACE, Drafted, Guess, one_line, sentence_of
from verify.extract.figures import Extracted
from verify.model import record
from verify.values.vocabulary import measure_words

PEOPLE = {"people", "persons", "person", "victims", "offenders", "men", "women", "children",
           "adults", "residents", "voters", "students", "officers", "suspects", "workers",
           "employees", "fans", "participants", "patients", "members", "migrants"}
_SKIP_BEFORE_NOUN = {"other", "more", "new", "additional", "extra", "fewer", "of", "the", "its",
                     "their", "his", "her", "these", "those", "total", "than"}
_FOLLOWING = re.compile(rf"((?:(?:{SPACE}|\u00a0+)[a-z]+\b(?![-'’]))*)")   # plain lowercase words only
# words that are no modifier of a noun to come: the count's noun is not after them
_NOT_MODIFIERS = {"in", "on", "at", "to", "of", "for", "from", "with", "by", "into", "over", "under",
                  "and", "or", "but", "than", "per", "each", "every", "a", "an", "this", "that",
                  "last", "next", "were", "was", "are", "is", "be", "been", "had", "have", "has",
                  "will", "would", "could", "can", "may", "did", "do", "does", "said", "says",
                  "who", "which", "whom", "where", "when", "while", "as", "so", "out", "up",
                  "down", "off", "about", "ago", "later", "earlier", "before", "after", "since"}
MAX_MODIFIERS = 2
MAX_WORDS = 60           # a longer quote of the words borrowed from is shortened
_NEXT_TOKEN = re.compile(r"\s*([A-Za-z]+|[^\sA-Za-z0-9]|$)")
# words that may follow a count whose noun is left out: "and in Boone 318.", "18 each",
# "2,510 voted no" (and any word of the measure vocabulary)
_AFTER_BARE = {"in", "at", "on", "for", "from", "each", "apiece", "were", "was", "had", "did",
               "made", "went", "came"}
_BARE_KINDS = ("number", "words")


def counted_before(text: str, f: Extracted, earlier: list[Drafted]) -> Drafted | None:
    """The drafted figure whose noun a bare count leaves out: the nearest earlier one of its
    sentence with a noun guessed from its words, when no noun follows the count ("In Ames,
    420 homes were damaged, and in Boone 318"; "Adults received 2.0 million of the shots
    and children 1.2 million"; "4,100 residents voted yes, 2,510 voted no").  Not a count
    after "per" ("18 per 100,000") nor one before a word that is no verb of the vocabulary."""
    if f.kind not in _BARE_KINDS or _after_a_bound(text, f):
        return None
    token = _NEXT_TOKEN.match(text, f.end)
    word = token.group(1) if token else ""
    if word.isalpha() and word.lower() not in _AFTER_BARE and word.lower() not in measure_words():
        return None
    lo, _ = sentence_of(text, f.start, f.end)
    for c in reversed(earlier):             # drafted in order: stop at the sentence's start
        if c.figure.start < lo:
            break
        if c.figure.end <= f.start and c.figure.kind in _BARE_KINDS and c.unit is not None \
                and c.unit_guessed:
            return c
    return None


_BOUND = re.compile(r"\b(?:over|under|above|below|aged?|ages|than|per|of|to|from|between|by|at|"
                    r"number|no|page|route|highway|top)\s+$", re.I)


def _after_a_bound(text: str, f: Extracted) -> bool:
    """A count after "over", "aged", "per", "from"... is an age, a bound or a rate, not a
    count of the noun before it ("residents over 65", "18 per 100,000")."""
    return _BOUND.search(text, max(0, f.start - 12), f.start) is not None


_NOUN_BEFORE = re.compile(rf"\b([a-z]+){SPACE}?[,:]{SPACE}$")


def noun_before(text: str, f: Extracted) -> str | None:
    """The plural noun a bare count follows, set off by a comma or colon, when no noun
    follows it: "Kentucky had the most arrests, 31, ahead of ..." -> arrests."""
    if f.kind not in _BARE_KINDS:
        return None
    m = _NOUN_BEFORE.search(text, max(0, f.start - 30), f.start)
    token = _NEXT_TOKEN.match(text, f.end)
    word = token.group(1).lower() if token else ""
    if m is None or not plural(m.group(1)) or m.group(1) in _NOT_MODIFIERS \
            or (word.isalpha() and word not in _AFTER_BARE):
        return None
    return m.group(1)


@record()
class Borrowed:
    """The unit (and measure) a bare count takes from words before it, and those words."""

    unit: str
    measure: Guess | None
    words: str


def borrowed(text: str, f: Extracted, earlier: list[Drafted]) -> Borrowed | None:
    """What a count with no noun after it counts: the noun of the figure before it in its
    sentence (`counted_before`), else the noun it follows (`noun_before`)."""
    source = counted_before(text, f, earlier)
    if source is not None and source.unit is not None:
        words = one_line(text[source.figure.start:f.end])
        if len(words) > MAX_WORDS:
            words = f"{source.figure.text} ... {f.text}"
        measure = Guess(source.measure.value, words) if source.measure is not None else None
        return Borrowed(source.unit, measure, words)
    noun = noun_before(text, f)
    if noun is not None:
        words = one_line(text[text.rindex(noun, 0, f.start):f.end])
        return Borrowed("people" if noun in PEOPLE else noun,
                        Guess(measure_words().get(noun, noun), words), words)
    return None


def guess_unit(f: Extracted, text: str) -> tuple[str | None, bool]:
    """The unit the claim states: from the figure itself, else the next plain noun."""
    if f.kind == "share":
        return "percent", False
    if f.unit == "percentage points":
        return "percentage points", False   # a difference of two percents: a unit of its own
    if f.unit:
        unit = f.unit.split("-")[0]             # "year-old" -> "year": units are single words
        if f.kind == "compound" and unit in ("date", "weekday", "time"):
            unit += "s"                         # "two-time champion": times, not a time of day
        return unit, False
    if f.kind in ("pair", "ordinal"):
        return None, False
    following = _FOLLOWING.match(text, f.end)
    words = following.group(1).split()[:6] if following else []
    modifiers = 0
    for i, word in enumerate(words):
        if word in _SKIP_BEFORE_NOUN:
            continue
        if word in PEOPLE:
            return "people", True
        if word in _NOT_MODIFIERS:
            break
        if (plural(word) and f.value != "1") or f.value == "1":
            return word, True
        if modifiers == MAX_MODIFIERS or word.endswith(("ed", "ing", "ly")) or word in measure_words():
            if modifiers < MAX_MODIFIERS and words[i + 1:i + 2] and words[i + 1] in PEOPLE:
                return "people", True       # "960 registered voters", "3 injured workers"
            break               # "470 cast ballots": a verb, perhaps, and its object
        modifiers += 1          # "27 road deaths", "12 public schools"
    return None, False


def plural(word: str) -> bool:
    """A word that reads as a plural noun: "homes", "buses"; not "previous", "across", "this"."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


