"""The text index: a source with typesetting folded away (runs of white space, typographic quotes
and apostrophes, dashes), a map back to original offsets, and a word index that finds a quote's
occurrences without scanning the whole text.  Anchoring, coverage and drafting all read sources
through it."""
from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence
from itertools import compress, islice, repeat

from verify.model import Span

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                       "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                       "\u00a0": " "})

# a run of two or more: written to start with one white space character, so the engine skips
# to the next one (a pattern opening with a repeat is tried at every place: twice the time)
_RUNS = re.compile(r"\s\s+")


class Folded:
    """A source text with typesetting folded away, and a map back to original offsets.

    Folding keeps every character but the second and later of a run of white space, so the
    map is kept as the (few) places where offsets shift, not one entry per character: a
    source at the size limit costs a few regex passes, not a Python loop and a list of ints
    per character."""

    def __init__(self, text: str):
        translated = _folded(text)              # one character for one: offsets unchanged
        self.text, self.original = _one_space(translated), text
        self._at, self._shift = [0], [0]        # from folded offset _at[i] on, add _shift[i]
        for run in _RUNS.finditer(translated):
            shift = self._shift[-1] + len(run.group()) - 1
            self._at.append(run.end() - shift)
            self._shift.append(shift)
        self._lines: list[int] | None = None
        self._lowered: str | None = None
        self._searches = 0                          # find_all calls of this text so far
        self._words: _WordIndex | None = None       # built once it has been searched often

    def lowered(self) -> str | None:
        """The folded text in lower case, when that keeps every offset ('İ' does not)."""
        if self._lowered is None:
            self._lowered = self.text.lower()
        return self._lowered if len(self._lowered) == len(self.text) else None

    def folded_offset(self, original: int) -> int:
        """The first folded offset whose original offset is at or after `original`."""
        return bisect.bisect_left(range(len(self.text) + 1), original, key=self.original_offset)

    def original_offset(self, folded: int) -> int:
        return folded + self._shift[bisect.bisect_right(self._at, folded) - 1]

    def find_all(self, needle: str, limit: int | None = None) -> list[int]:
        """Offsets of `needle` in the folded text (overlapping), the first `limit` of them."""
        self._searches += 1
        if self._searches == _INDEX_AFTER and len(self.text) >= _INDEX_CHARS:
            self._words = _WordIndex(self.text)
        starts = self._words.candidates(needle) if self._words is not None else None
        if starts is not None:      # each search a scan of the whole text would be quadratic
            # the places checked in C (map, compress), not one by one in Python: a quote of a
            # story that recurs through a long source has a place in every recurrence
            hits = compress(starts, map(self.text.startswith, repeat(needle), starts))
            return list(hits if limit is None else islice(hits, limit))
        found: list[int] = []
        start = self.text.find(needle) if needle else -1
        while start != -1 and (limit is None or len(found) < limit):
            found.append(start)
            start = self.text.find(needle, start + 1)
        return found

    def span(self, source_id: str, start: int, end: int) -> Span:
        """Folded [start, end) -> Span in the original text with its line and column."""
        first = self.original_offset(start)
        last = self.original_offset(end - 1) + 1 if end > start else first
        if self._lines is None:
            self._lines = line_starts(self.original)
        return Span(source_id, first, last, *line_col(self._lines, first))


def _folded(text: str) -> str:
    """`text` with its typographic quotes, dashes and no-break spaces made plain, one character
    for one.  An ASCII text has none (every one folded is outside ASCII), and translate()
    looks each character up (a claim's quote: most of its fold's time)."""
    return text if text.isascii() else text.translate(_FOLD)


def _one_space(text: str) -> str:
    r"""`text` with each run of white space one " ", as `re.sub(r"\s+", " ", text)` makes it:
    split() splits where \s matches (str.isspace()), in C, without a match object per run (a
    third of the time: 0.055 -> 0.018 ms for an archive's source)."""
    words = text.split()
    if not words:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + " ".join(words) + (" " if text[-1].isspace() else "")


def line_starts(text: str) -> list[int]:
    """Where each line of `text` starts: 0, then after each newline (for `line_col`)."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """The 1-based line and column of `offset`, from its text's `line_starts`."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


_INDEX_AFTER = 32         # searches of one text before its words are indexed ...
_INDEX_CHARS = 100_000    # ... if it is this long: an article's worth is scanned in microseconds
_WORD_RUN = re.compile(r"\w+")
_CHUNK = 65_536           # words of a long text indexed at a time
_EDGE = 3                 # characters of a run's first and last word in its key


class _WordIndex:
    """Where each run of three words of a long text stands, keyed by the last three characters
    of its first word, its middle word and the first three of its last word.  Any three words
    in a row of a quote give such a key, its edge words too: a quote's first word is the end
    of a word of the text, its last word the start of one, so their three characters at that
    end are the text's when they are three (a quote ending "Falcon Shield" is looked up by
    "Shi", found before "Shield" and "Shields").  A quote can only stand where its rarest
    key does, so a few places are checked instead of the whole text; the offsets found are
    exactly those a scan finds.  (The edge words matter: a generated source whose stories
    recur has inner words that recur with them, and its quotes end in the story's name.)"""

    def __init__(self, text: str):
        # the places as machine integers (a list of ints took 54 MiB for a source of 8.6 MB)
        self.places: dict[tuple[str, str, str], array[int]] = {}
        words: list[str] = []
        starts: list[int] = []
        for match in _WORD_RUN.finditer(text):
            words.append(match.group())
            starts.append(match.start())
            if len(words) == _CHUNK:       # a chunk's words at a time, not the whole text's
                self._add(words, starts)
                words, starts = words[-2:], starts[-2:]     # the runs starting there: next
        self._add(words, starts)

    def _add(self, words: list[str], starts: list[int]) -> None:
        """The runs starting at each word of `words` but the last two, each at the place
        of its middle word (a quote's first word may start before it does)."""
        places = self.places
        for first, middle, last, at in zip(words, words[1:], words[2:], starts[1:], strict=False):
            key = (first[-_EDGE:], middle, last[:_EDGE])
            if (known := places.get(key)) is None:
                places[key] = array("q", (at,))
            else:
                known.append(at)

    def candidates(self, needle: str) -> list[int] | None:
        """Offsets where `needle` may start, in order; None when no three of its words in a row
        give a key (its edge words shorter than three characters: a text's word may be longer)."""
        runs = [(m.start(), m.end(), m.group()) for m in _WORD_RUN.finditer(needle)]
        best: tuple[int, Sequence[int]] | None = None
        for (start, _, first), (offset, _, middle), (_, end, last) in \
                zip(runs, runs[1:], runs[2:], strict=False):
            if (start == 0 and len(first) < _EDGE) or (end == len(needle) and len(last) < _EDGE):
                continue
            places = self.places.get((first[-_EDGE:], middle, last[:_EDGE]), ())
            if best is None or len(places) < len(best[1]):
                best = (offset, places)
        if best is None:
            return None
        offset, rarest = best
        return list(map(offset.__rsub__, rarest[bisect.bisect_left(rarest, offset):]))


def fold(text: str) -> str:
    """A quote or figure as Folded reads a source, without the map back (one per claim)."""
    return " ".join(_folded(text).split())   # split() splits where \s matches: isspace()
