"""Structure a draft proposes from the words of a text: lists, breakdowns, counts, ranks,
subsets, shares, changes and sums.

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
  share      a percent ("47%", "nearly half") that no rise or fall word governs, in a sentence
             with a whole and a smaller part: "564 of the 1,200 wells, or 47%", "Of the 960
             registered voters, 470 cast ballots, nearly half" (the whole is the figure after
             "of"), or two figures of one noun ("tested 1,200 wells and found 564 wells
             fouled, 47%"; the larger is the whole).  One percent and one such pair only.
  change     a percent a rise or fall word governs (verify.values.direction's vocabulary: "up 15%",
             "a cut of 20%") in a sentence with "from <figure> to <figure>", not two percents
             (points or percent: a person says).
  sum        a total, a colon, then its parts and nothing else: "arrested 102 people: 40 in
             Iowa, 35 in Ohio and 27 in Utah" (complete); "including 40 in Iowa and 35 in
             Ohio" after the total: parts of it, not all (complete: false).

Each proposal keeps the words it came from, for the draft to quote.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from verify.draft import guess
from verify.draft.guess import SPACE, sentence_of
from verify.extract.figures import Extracted
from verify.values import direction, units
from verify.values.numbers import FigureError, read_written

_S = SPACE
_GAP = r"(?:[ \t]+|(?<![.!?])[ \t]*\n[ \t]*)"     # on past a wrap, not past a full stop
_NAME = rf"[A-Z][\w.'’-]*(?:{_GAP}(?:of{_S})?[A-Z][\w.'’-]*){{0,3}}"
_LIST = re.compile(rf"({_NAME})((?:,{_S}{_NAME}){{1,}}),?{_S}and{_S}({_NAME})")
_LEADING = re.compile(rf"^(?:(?:In|On|At|The|And|But|From|For|With|By|Of|While){_S})+")
_NOUN_AFTER = re.compile(rf"{_GAP}(?:\w+{_S}){{0,3}}?(?:the|these|those|all){_S}([a-z]+)")
_RANK = re.compile(rf"({_NAME}){_S}(?:had|has|have|saw|made|reported|recorded){_S}the{_S}"
                   rf"(most|fewest|least|highest|lowest|largest|smallest){_S}(?:number{_S}of{_S})?([a-z]+)")
_RANK_KIND = {"most": "most", "highest": "most", "largest": "most",
              "fewest": "least", "least": "least", "lowest": "least", "smallest": "least"}
_SUBSET = re.compile(rf"{_S}of{_S}(?:the|those|these|them|all){_S}(?:\w+{_S})?([a-z]+)")


Relation = tuple[str, list[tuple[str, str]], str]     # kind, [(role, YAML value)], comment


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
        names = [_one_line(n) for n in [first, *m.group(2).split(","), m.group(3)] if n.strip()]
        if names[-1].endswith(".") and names[-1].count(".") == 1:
            names[-1] = names[-1][:-1]          # "... Lee and Polk." ends its sentence
        if len(set(names)) < 3 or any(guess.measure_words().get(n.lower()) for n in names):
            continue
        noun, end = _noun(text, start, m.end())
        if noun is None:
            continue
        places = set(guess.places())
        dimension = "place" if all(n in places for n in names) or noun in _PLACE_NOUNS else \
            units.vocabulary()[noun][0]
        found.append(Listed(start, end, tuple(names), noun, dimension, _one_line(text[start:end])))
    return found


_PLACE_NOUNS = {"states", "counties", "cities", "countries", "towns", "provinces", "regions",
                "districts", "neighborhoods", "villages", "parishes", "boroughs", "territories"}


def _noun(text: str, start: int, end: int) -> tuple[str | None, int]:
    """The plural noun the names are: "were among the states" after them, else the nearest
    counted noun before them in their sentence ("six counties: Adams, ...")."""
    vocabulary = units.vocabulary()
    after = _NOUN_AFTER.match(text, end)
    lo, hi = guess.sentence_of(text, start, end)
    if after and after.group(1) in vocabulary and after.end() <= hi:
        return vocabulary[after.group(1)][1], after.end()
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
            out.append(Ranked(_one_line(part), _RANK_KIND[m.group(2)], measure, start,
                              _one_line(text[start:m.end()])))
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


def structure(source: str, text: str, claims: list, found: list[Listed], taken: set[str],
              breakdowns: list) -> tuple[list, list, list]:
    """The list claims (id, source, Listed), breakdowns (dimension, whole, parts, words) and
    relations (kind, [(role, YAML value)], comment) one text's drafted claims suggest;
    `breakdowns` are those proposed already (a whole is broken down once)."""
    lists_out: list = []
    breakdowns_out: list = []
    relations: list = []
    mine = [c for c in claims if c.figure.kind not in ("pair", "ordinal")]
    for listed in found:
        list_id = unique(slug(f"{source}-{listed.noun}-named"), taken)
        lists_out.append((list_id, source, listed))
        counts = [c for c in mine if c.unit == listed.noun and _integer(c.figure) is not None]
        extra = None
        for c in counts:
            if c.measure and c.measure.value.startswith("other ") and _integer(c.figure) == len(listed.names):
                extra = other_place(text, listed, c.figure.start, c.figure.end)
                relations.append(("count", [("count", c.id), ("items", f"[{list_id}]")],
                                         f"from {_q(_figure_words(text, c.figure))} and the "
                                         f"{len(listed.names)} {listed.noun} listed"))
        parts = ((extra,) if extra else ()) + listed.names
        if not any(b[1] == "all " + listed.noun for b in breakdowns + breakdowns_out):
            breakdowns_out.append((listed.dimension, "all " + listed.noun, parts,
                                      listed.words + (f" (and {extra}, the one other)" if extra else "")))
        for c in counts:
            n = _integer(c.figure)
            if c.measure and c.measure.value.startswith("other "):
                continue
            if n == len(listed.names) or _same_sentence(text, c.figure, listed):
                relations.append(("count", [("count", c.id), ("items", f"[{list_id}]")],
                                         f"from {_q(_figure_words(text, c.figure))} and the "
                                         f"{len(listed.names)} {listed.noun} listed"))
            elif extra and n == len(parts):
                relations.append(("count", [("count", c.id), ("items", f"[{_q(extra)}, {list_id}]")],
                                         f"from {_q(_figure_words(text, c.figure))}: {extra} and "
                                         f"the {len(listed.names)} {listed.noun} listed"))
    wholes = {name: "all " + listed.noun for listed in found for name in listed.names}
    for b in breakdowns + breakdowns_out:
        wholes.update(dict.fromkeys(b[2], b[1]))
    for ranked in ranks(text):
        lo, hi = sentence_of(text, ranked.start, ranked.start + len(ranked.words))
        claim = next((c for c in mine if lo <= c.figure.start < hi and c.measure
                      and c.measure.value == ranked.measure and c.scope
                      and (("place", ranked.part) in c.scope or any(v == ranked.part for _, v in c.scope))), None)
        if claim is not None and ranked.part in wholes:
            relations.append(("rank", [("rank", ranked.kind), ("claim", claim.id),
                                              ("among", _q(wholes[ranked.part]))], f"from {_q(ranked.words)}"))
    for i, c in enumerate(mine):
        noun = subset_noun(text, c.figure.end)
        whole = next((w for w in reversed(mine[:i]) if noun and w.unit == noun), None)
        if whole is not None:
            words = text[c.figure.start:c.figure.end + len(_SUBSET.match(text, c.figure.end).group())]
            relations.append(("subset", [("subset", c.id), ("of", whole.id)], f"from {_q(words)}"))
    relations += arithmetic(text, mine)
    return lists_out, breakdowns_out, relations


_FROM_TO = re.compile(rf"{_S}(?:[a-z]+{_S}){{0,3}}?to{_S}")     # "from $2.50 a ride to $2"
_OF_BEFORE = re.compile(rf"\b[Oo]f{_S}(?:[\w'’]+{_S}){{0,3}}$")  # "Of the village's 960"
_TOTAL_GAP = re.compile(rf"[^\d:;.!?$]{{0,80}}?:(?:{_S})?$")      # "102 people: " before the parts
_INCLUDING = re.compile(rf"[^\d:;.!?$]{{0,80}}?,?{_S}including{_S}$")
_PART_GAP = re.compile(rf"[^\d:;.!?$]*?(?:,(?:{_S})?(?:and{_S})?|{_S}and{_S})$")


def arithmetic(text: str, claims: list) -> list:
    """The share, change and sum relations (kind, [(role, id)], comment) the words of a text
    support, each quoting its words; nothing where they do not."""
    out: list = []
    by_sentence: dict[tuple[int, int], list] = {}
    for c in claims:
        by_sentence.setdefault(sentence_of(text, c.figure.start, c.figure.end), []).append(c)
    for (lo, hi), here in sorted(by_sentence.items()):
        percents = [c for c in here if _percent(c)]
        counts = [c for c in here if not _percent(c) and c.unit != "percent" and _number(c) is not None]
        out += _changes(text, lo, hi, percents, counts)
        share = [c for c in percents if direction.read(text[lo:hi], c.figure.start - lo,
                                                       c.figure.end - lo).way is None]
        if len(share) == 1 and len(percents) == 1 and _number(share[0]) <= 100:
            out += _share(text, share[0], counts)
        out += _sum(text, here, counts)
    return out


_UP_FROM = re.compile(rf"(?:(?:[^\d;:!?.]|\b(?:19|20)\d\d\b){{0,80}}?,{_S})?(up|down|higher|lower)"
                      rf"(?:{_S}(?:by{_S})?[\d.,]+(?:%|{_S}percent))?{_S}from{_S}")  # "B, up 5% from A"
_SAID_FROM = re.compile(rf"(?:\b([A-Za-z]+){_S})?\b(from){_S}$")                 # "fell from A"


@dataclass(frozen=True)
class Pair:
    """Two figures the words give as a quantity before and after: "from A to B", "B, up
    from A".  `way` is what the words between them say (rise, fall), or None."""

    first: Any
    then: Any
    words: str
    way: str | None


def pairs(text: str, counts: list[Any]) -> list[Pair]:
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
            out.append(Pair(a, b, _span(text, said.start(2), b.figure.end), way))
            continue
        before = [b for b in counts if b.figure.end <= said.start()]
        up = _UP_FROM.fullmatch(text, before[-1].figure.end, a.figure.start) if before else None
        if up is not None:
            way = direction.RISE if up.group(1) in ("up", "higher") else direction.FALL
            out.append(Pair(a, before[-1], _span(text, before[-1].figure.start, a.figure.end), way))
    return out


def _changes(text: str, lo: int, hi: int, percents: list[Any], counts: list[Any]) -> list[Relation]:
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
                 f"from {_q(way.words)} ... {_q(pair.words)}: a {way.way}")]
    if not governed and pair.way is not None:
        rank = "more" if pair.way == direction.RISE else "fewer"
        return [("rank", [("rank", rank), ("claim", pair.then.id), ("than", pair.first.id)],
                 f"from {_q(pair.words)}: a {pair.way}")]
    return []


def _share(text: str, pct, counts: list) -> list:
    of = [c for c in counts if _OF_BEFORE.search(text, 0, c.figure.start)]
    if len(of) == 1:
        whole = of[0]
        parts = [c for c in counts if c is not whole and _number(c) < _number(whole)]
    else:
        pairs = [(p, w) for p in counts for w in counts
                 if p.unit is not None and p.unit == w.unit and _number(p) < _number(w)]
        if len(pairs) != 1 or len([c for c in counts if c.unit == pairs[0][0].unit]) != 2:
            return []
        (part, whole), parts = pairs[0], [pairs[0][0]]
    if len(parts) != 1:
        return []
    part = parts[0]
    first = min(pct.figure.start, part.figure.start, whole.figure.start)
    last = max(pct.figure.end, part.figure.end, whole.figure.end)
    return [("share", [("share", pct.id), ("part", part.id), ("whole", whole.id)],
             f"from {_q(_span(text, first, last))}")]


def _sum(text: str, here: list, counts: list) -> list:
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
        words = _q(_span(text, total.figure.start, parts[-1].figure.end))
        return [("sum", [("sum", total.id), ("parts", "[" + ", ".join(p.id for p in parts) + "]"),
                         ("complete", complete)], f"from {words}")]
    return []


def _percent(c) -> bool:
    return (c.figure.kind in ("percent", "share") and c.figure.unit != "percentage points"
            and _number(c) is not None)


def _number(c):
    """The figure's value as a Fraction, or None when it is not one number."""
    if c.figure.kind in ("pair", "ordinal", "date", "year", "time", "weekday", "dated weekday"):
        return None
    try:
        return read_written(c.figure.text).value
    except FigureError:
        try:
            return Fraction(c.figure.value)
        except (ValueError, ZeroDivisionError):
            return None


def _one_line(words: str) -> str:
    """Words as one line: a hard wrap inside them is a space."""
    return re.sub(r"\s+", " ", words).strip()


def _span(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[max(0, start):end]).strip()


def _figure_words(text: str, f: Extracted) -> str:
    """The figure and the noun it counts, as written: "11 other states", "12-state"."""
    m = re.match(rf"(?:{_S}(?:other|more|new|additional))?{_S}[a-z]+", text[f.end:])
    return f.text if f.kind == "compound" or m is None else text[f.start:f.end + m.end()]


def _same_sentence(text: str, f: Extracted, listed: Listed) -> bool:
    """A figure of the list's noun in the list's own sentence counts it, whatever its value
    ("six counties: Adams, Clay, Dale, Lee and Polk" is a count the checker then disputes)."""
    return sentence_of(text, f.start, f.end) == sentence_of(text, listed.start, listed.end)


def _integer(f: Extracted) -> int | None:
    try:
        value = read_written(f.text if f.kind != "compound" else f.value).value
    except (FigureError, AttributeError):
        try:
            return int(f.value)
        except ValueError:
            return None
    return int(value) if value == int(value) else None


def unique(ident: str, taken: set[str]) -> str:
    """`ident`, or `ident-2`, `ident-3`... the first not taken; then taken."""
    out, n = ident, 2
    while out in taken:
        out, n = f"{ident}-{n}", n + 1
    taken.add(out)
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)
