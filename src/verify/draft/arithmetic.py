"""The arithmetic a draft proposes from the words of one sentence: shares, changes, sums.

  share      a percent ("47%", "nearly half") that no rise or fall word governs, in a sentence
             with a whole and a smaller part: "564 of the 1,200 wells, or 47%", "Of the 960
             registered voters, 470 cast ballots, nearly half" (the whole is the figure after
             "of"), or two figures of one noun ("tested 1,200 wells and found 564 wells
             fouled, 47%"; the larger is the whole).  One percent and one such pair only.
  change     a before-and-after pair ("from <figure> to <figure>", "<B>, up from <A>",
             "<B>, down 5% from <A>") and the one percent a rise or fall word governs in its
             sentence (verify.values.direction's vocabulary: "up 15%", "an increase of 30%",
             "a cut of 20%"); not two percents (points or percent: a person says).  A pair
             whose words say which way ("up from", "fell from") and no such percent is a
             `rank: more` (or `fewer`) of the later figure than the earlier.
  sum        a total, a colon, then its parts and nothing else: "arrested 102 people: 40 in
             Iowa, 35 in Ohio and 27 in Utah" (complete); "including 40 in Iowa and 35 in
             Ohio" after the total: parts of it, not all (complete: false).

Each proposal keeps the words it came from, for the draft to quote.
"""
from __future__ import annotations

import re

from quicktions import Fraction

from verify.draft.guess import SPACE, Drafted, quoted, sentence_of, span
from verify.model import record
from verify.values import direction
from verify.values.numbers import FigureError, read_written

_S = SPACE
Relation = tuple[str, list[tuple[str, str]], str]     # kind, [(role, YAML value)], comment

_FROM_TO = re.compile(rf"{_S}(?:[a-z]+{_S}){{0,3}}?to{_S}")     # "from $2.50 a ride to $2"
_OF_BEFORE = re.compile(rf"\b[Oo]f{_S}(?:[\w'’]+{_S}){{0,3}}$")  # "Of the village's 960"
_TOTAL_GAP = re.compile(rf"[^\d:;.!?$]{{0,80}}?:(?:{_S})?$")      # "102 people: " before the parts
_INCLUDING = re.compile(rf"[^\d:;.!?$]{{0,80}}?,?{_S}including{_S}$")
_PART_GAP = re.compile(rf"[^\d:;.!?$]*?(?:,(?:{_S})?(?:and{_S})?|{_S}and{_S})$")


def arithmetic(text: str, claims: list[Drafted]) -> list[Relation]:
    """The share, change and sum relations (kind, [(role, id)], comment) the words of a text
    support, each quoting its words; nothing where they do not."""
    out: list[Relation] = []
    by_sentence: dict[tuple[int, int], list[Drafted]] = {}
    for c in claims:
        by_sentence.setdefault(sentence_of(text, c.figure.start, c.figure.end), []).append(c)
    for (lo, hi), here in sorted(by_sentence.items()):
        percents = [c for c in here if _percent(c)]
        counts = [c for c in here if not _percent(c) and c.unit != "percent" and _number(c) is not None]
        out += _changes(text, lo, hi, percents, counts)
        share = [c for c in percents if direction.read(text[lo:hi], c.figure.start - lo,
                                                       c.figure.end - lo).way is None]
        if len(share) == 1 and len(percents) == 1 and (_number(share[0]) or 0) <= 100:
            out += _share(text, share[0], counts)
        out += _sum(text, here, counts)
    return out


_UP_FROM = re.compile(rf"(?:(?:[^\d;:!?.]|\b(?:19|20)\d\d\b){{0,80}}?,{_S})?(up|down|higher|lower)"
                      rf"(?:{_S}(?:by{_S})?[\d.,]+(?:%|{_S}percent))?{_S}from{_S}")  # "B, up 5% from A"
_SAID_FROM = re.compile(rf"(?:\b([A-Za-z]+){_S})?\b(from){_S}$")                 # "fell from A"


@record()
class Pair:
    """Two figures the words give as a quantity before and after: "from A to B", "B, up
    from A".  `way` is what the words between them say (rise, fall), or None."""

    first: Drafted
    then: Drafted
    words: str
    way: str | None


def pairs(text: str, counts: list[Drafted]) -> list[Pair]:
    """The before-and-after pairs among one sentence's figures: "rose from A to B", "from A
    to B", "B, up from A", "B, down 5% from A"."""
    out = []
    for a in counts:
        said = _SAID_FROM.search(text, max(0, a.figure.start - 40), a.figure.start)
        if said is None:
            continue
        b = next((b for b in counts if b.figure.start > a.figure.end
                  and _FROM_TO.fullmatch(text, a.figure.end, b.figure.start)), None)
        if b is not None:
            way = direction.WORDS.get((said.group(1) or "").lower())
            out.append(Pair(a, b, span(text, said.start(2), b.figure.end), way))
            continue
        before = [b for b in counts if b.figure.end <= said.start()]
        up = _UP_FROM.fullmatch(text, before[-1].figure.end, a.figure.start) if before else None
        if up is not None:
            way = direction.RISE if up.group(1) in ("up", "higher") else direction.FALL
            out.append(Pair(a, before[-1], span(text, before[-1].figure.start, a.figure.end), way))
    return out


def _changes(text: str, lo: int, hi: int, percents: list[Drafted], counts: list[Drafted]) -> list[Relation]:
    """A change for a pair and the one percent a rise or fall word governs in its sentence;
    without such a percent, a pair whose words say which way is a rank: "B, up from A" says
    B is more than A."""
    governed = [(p, way) for p in percents
                if (way := direction.read(text[lo:hi], p.figure.start - lo, p.figure.end - lo)).way]
    found = pairs(text, counts)
    if len(found) != 1:
        return []
    pair = found[0]
    if len(governed) == 1:
        pct, way = governed[0]
        return [("change", [("change", pct.id), ("from", pair.first.id), ("to", pair.then.id)],
                 f"from {quoted(way.words)} ... {quoted(pair.words)}: a {way.way}")]
    if not governed and pair.way is not None:
        rank = "more" if pair.way == direction.RISE else "fewer"
        return [("rank", [("rank", rank), ("claim", pair.then.id), ("than", pair.first.id)],
                 f"from {quoted(pair.words)}: a {pair.way}")]
    return []


def _share(text: str, pct: Drafted, counts: list[Drafted]) -> list[Relation]:
    of = [c for c in counts if _OF_BEFORE.search(text, max(0, c.figure.start - 60), c.figure.start)]
    if len(of) == 1:
        whole = of[0]
        parts = [c for c in counts if c is not whole and _less(c, whole)]
    else:
        pairs = [(p, w) for p in counts for w in counts
                 if p.unit is not None and p.unit == w.unit and _less(p, w)]
        if len(pairs) != 1 or len([c for c in counts if c.unit == pairs[0][0].unit]) != 2:
            return []
        (part, whole), parts = pairs[0], [pairs[0][0]]
    if len(parts) != 1:
        return []
    part = parts[0]
    first = min(pct.figure.start, part.figure.start, whole.figure.start)
    last = max(pct.figure.end, part.figure.end, whole.figure.end)
    return [("share", [("share", pct.id), ("part", part.id), ("whole", whole.id)],
             f"from {quoted(span(text, first, last))}")]


def _sum(text: str, here: list[Drafted], counts: list[Drafted]) -> list[Relation]:
    for i, total in enumerate(here):
        if total not in counts:
            continue
        rest = here[i + 1:]
        complete = next((value for gap, value in ((_TOTAL_GAP, "true"), (_INCLUDING, "false"))
                         if rest and gap.fullmatch(text, total.figure.end, rest[0].figure.start)), None)
        if complete is None:
            continue
        parts = [rest[0]]
        for c in rest[1:]:
            if not _PART_GAP.fullmatch(text, parts[-1].figure.end, c.figure.start):
                break
            parts.append(c)
        if len(parts) < 2 or any(p not in counts for p in parts) \
                or not re.search(rf"(?:,(?:{_S})?|{_S})and{_S}$",
                                 text[parts[-2].figure.end:parts[-1].figure.start]):
            continue
        words = quoted(span(text, total.figure.start, parts[-1].figure.end))
        return [("sum", [("sum", total.id), ("parts", "[" + ", ".join(p.id for p in parts) + "]"),
                         ("complete", complete)], f"from {words}")]
    return []


def _percent(c: Drafted) -> bool:
    return (c.figure.kind in ("percent", "share") and c.figure.unit != "percentage points"
            and _number(c) is not None)


def _number(c: Drafted) -> Fraction | None:
    """The figure's value as a Fraction, or None when it is not one number."""
    if c.figure.kind in ("pair", "ordinal", "date", "year", "time", "weekday", "dated weekday"):
        return None
    try:
        value: Fraction = read_written(c.figure.text).value
        return value
    except FigureError:
        try:
            return Fraction(c.figure.value)
        except (ValueError, ZeroDivisionError):
            return None


def _less(a: Drafted, b: Drafted) -> bool:
    x, y = _number(a), _number(b)
    return x is not None and y is not None and x < y
