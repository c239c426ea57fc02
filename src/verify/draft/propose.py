"""Structure a draft proposes from the words of a text: lists, breakdowns, counts, ranks
and subsets (shares, changes and sums: verify.draft.arithmetic).

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

import itertools
import re

from verify.draft import guess
from verify.draft.arithmetic import Relation, arithmetic
from verify.draft.guess import SPACE, Drafted, one_line, quoted, sentence_of
from verify.extract.figures import Extracted
from verify.model import record
from verify.values import units
from verify.values.numbers import FigureError, read_written
from verify.values.vocabulary import measure_words

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
_KIND_SUFFIX = re.compile(r" (?:County|Parish|Borough|District|Region|Ward)$")
_SUBSET = re.compile(rf"{_S}of{_S}(?:the|those|these|them|all){_S}([a-z]+)(?:{_S}([a-z]+))?")
_OF_THE = re.compile(rf"\b[Oo]f{_S}the{_S}(?:[\w'’]+{_S}){{0,2}}$")             # "Of the 2,410 people"
_THEN_PART = re.compile(rf"[^\d;:.!?]{{0,60}}?,{_S}(?:(?:about|nearly|almost|some|only|just){_S})?")
ListClaim = tuple[str, str, "Listed"]                      # claim id, source, the list
Breakdown = tuple[str, str, tuple[str, ...], str]          # dimension, whole, parts, words


@record()
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
        names = [one_line(n) for n in [first, *m.group(2).split(","), m.group(3)] if n.strip()]
        if names[-1].endswith(".") and names[-1].count(".") == 1:
            names[-1] = names[-1][:-1]          # "... Lee and Polk." ends its sentence
        if len(set(names)) < 3 or any(measure_words().get(n.lower()) for n in names):
            continue
        noun, end = _noun(text, start, m.end())
        if noun is None:
            continue
        places = set(guess.places())
        singular = units.vocabulary()[noun][0]
        dimension = singular if singular in guess.KINDS else \
            "place" if all(n in places for n in names) or noun in guess.PLACE_NOUNS else singular
        found.append(Listed(start, end, tuple(names), noun, dimension, one_line(text[start:end])))
    return found




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


@record()
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
        measure = measure_words().get(m.group(3))
        part = _LEADING.sub("", m.group(1))
        if measure is not None:
            start = m.end(1) - len(part)
            out.append(Ranked(one_line(part), _RANK_KIND[m.group(2)], measure, start,
                              one_line(text[start:m.end()])))
    return out


def subset_noun(text: str, end: int) -> tuple[str, int] | None:
    """The plural noun of "<figure> of the/those [new] <noun>" right after a figure ending at
    `end`, and where those words end."""
    m = _SUBSET.match(text, end)
    vocabulary = units.vocabulary()
    for group in (1, 2) if m else ():
        assert m is not None
        if m.group(group) in vocabulary:
            return vocabulary[m.group(group)][1], m.end(group)
    return None


def other_place(text: str, listed: Listed, start: int, end: int) -> str | None:
    """The one place of the list's kind its sentence names besides the list ("Missouri ... 11
    other states"), for a figure at [start, end): the part the list leaves out."""
    lo, hi = guess.sentence_of(text, start, end)
    names = {p[2] for p in guess.place_names(text[lo:hi], {})} - set(listed.names)
    return names.pop() if len(names) == 1 else None


def structure(source: str, text: str, claims: list[Drafted], found: list[Listed], taken: set[str],
              breakdowns: list[Breakdown]) -> tuple[list[ListClaim], list[Breakdown], list[Relation]]:
    """The list claims, breakdowns and relations one text's drafted claims suggest;
    `breakdowns` are those proposed already (a whole is broken down once)."""
    lists_out: list[ListClaim] = []
    breakdowns_out: list[Breakdown] = []
    relations: list[Relation] = []
    mine = [c for c in claims if c.figure.kind not in ("pair", "ordinal")]
    for listed in found:
        list_id = unique(slug(f"{source}-{listed.noun}-named"), taken)
        lists_out.append((list_id, source, listed))
        extra, counted = _counts(text, listed, list_id, mine)
        relations += counted
        parts = ((extra,) if extra else ()) + listed.names
        if not any(b[1] == "all " + listed.noun for b in breakdowns + breakdowns_out):
            breakdowns_out.append((listed.dimension, "all " + listed.noun, parts,
                                   listed.words + (f" (and {extra}, the one other)" if extra else "")))
    wholes = {name: "all " + listed.noun for listed in found for name in listed.names}
    for b in breakdowns + breakdowns_out:
        wholes.update(dict.fromkeys(b[2], b[1]))
    relations += _ranks(text, mine, wholes)
    shares = arithmetic(text, mine)
    relations += _subsets(text, mine, shares) + shares
    return lists_out, breakdowns_out, relations


def _counts(text: str, listed: Listed, list_id: str,
            mine: list[Drafted]) -> tuple[str | None, list[Relation]]:
    """The count relations of a list's figures, and the one place the list leaves out when
    "11 other states" says there is one."""
    out: list[Relation] = []
    counts = [c for c in mine if c.unit == listed.noun and _integer(c.figure) is not None]
    extra = None
    listed_words = f"{len(listed.names)} {listed.noun} listed"
    for c in counts:
        if c.measure and c.measure.value.startswith("other ") and _integer(c.figure) == len(listed.names):
            extra = other_place(text, listed, c.figure.start, c.figure.end)
            out.append(("count", [("count", c.id), ("items", f"[{list_id}]")],
                        f"from {quoted(_figure_words(text, c.figure))} and the {listed_words}"))
    for c in counts:
        n = _integer(c.figure)
        if c.measure and c.measure.value.startswith("other "):
            continue
        if n == len(listed.names) or _same_sentence(text, c.figure, listed):
            out.append(("count", [("count", c.id), ("items", f"[{list_id}]")],
                        f"from {quoted(_figure_words(text, c.figure))} and the {listed_words}"))
        elif extra and n == len(listed.names) + 1:
            out.append(("count", [("count", c.id), ("items", f"[{quoted(extra)}, {list_id}]")],
                        f"from {quoted(_figure_words(text, c.figure))}: {extra} and the {listed_words}"))
    return extra, out


def _ranks(text: str, mine: list[Drafted], wholes: dict[str, str]) -> list[Relation]:
    """"Kentucky had the most arrests": a rank of Kentucky's figure of that measure in the
    sentence, among the whole Kentucky is a part of; where no list or breakdown names that
    whole, among the text's other figures of that measure and unit scoped to a place of the
    same dimension ("Indiana with 33", "Ohio ... 18")."""
    out: list[Relation] = []
    for ranked in ranks(text):
        lo, hi = sentence_of(text, ranked.start, ranked.start + len(ranked.words))
        part = _KIND_SUFFIX.sub("", ranked.part)           # "Adams County" -> county: Adams
        claim = next((c for c in mine if lo <= c.figure.start < hi and c.measure
                      and c.measure.value == ranked.measure and c.scope
                      and any(v == part for _, v in c.scope)), None)
        if claim is None:
            continue
        if part in wholes:
            among = quoted(wholes[part])
        else:
            dimensions = {d for d, _ in claim.scope or ()}
            others = [c.id for c in mine if c is not claim and c.measure is not None
                      and c.measure.value == ranked.measure
                      and c.unit == claim.unit and c.scope and c.scope != claim.scope
                      and {d for d, _ in c.scope} == dimensions]
            if not others:
                continue
            among = "[" + ", ".join(others) + "]"
        out.append(("rank", [("rank", ranked.kind), ("claim", claim.id), ("among", among)],
                    f"from {quoted(ranked.words)}"))
    return out


def _subsets(text: str, mine: list[Drafted], shares: list[Relation]) -> list[Relation]:
    """"Three of those counties": part of the nearest earlier figure of that noun.  "Of the
    2,410 people vaccinated, 2,450 had booked": the figure after the comma is part of the
    one after "Of the" (unless a share says so already)."""
    out: list[Relation] = []
    for i, c in enumerate(mine):
        noun = subset_noun(text, c.figure.end)
        whole = next((w for w in reversed(mine[:i]) if noun and w.unit == noun[0]), None)
        if whole is not None and noun is not None:
            out.append(("subset", [("subset", c.id), ("of", whole.id)],
                        f"from {quoted(one_line(text[c.figure.start:noun[1]]))}"))
    shared = {(dict(fields)["part"], dict(fields)["whole"]) for kind, fields, _ in shares if kind == "share"}
    for whole, part in itertools.pairwise(mine):
        of = _OF_THE.search(text, max(0, whole.figure.start - 40), whole.figure.start)
        if of and _THEN_PART.fullmatch(text, whole.figure.end, part.figure.start) \
                and whole.unit is not None and part.unit == whole.unit and (part.id, whole.id) not in shared:
            out.append(("subset", [("subset", part.id), ("of", whole.id)],
                        f"from {quoted(one_line(text[of.start():part.figure.end]))}"))
    return out


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

