"""Slips a person makes while modelling, which would otherwise quietly drop a check.

Each is an outcome of rule `input` (a warning by default) at the claim, with a did-you-mean:

  - a measure used by one claim only that is a near spelling of another measure of the
    file ("arrestd" beside "arrested"): the claim is compared with nothing;
  - a scope value that is no part or whole of any breakdown but is close to a part's name
    ("Kentuky" beside the part "Kentucky"): no sum or rank sees it;
  - claims of one measure in units of different dimensions ("arrested" in people and in USD):
    one of them is not what the measure counts.  Percent is left out (a share of a
    measure is often written under its name), and currencies are one dimension here (an
    amount given in pounds and in dollars is one measure; converting them is another check).
  - a line still marked `# guessed` by `verify extract --draft`: the guess is read as
    written, so it says so until a person reviews it and deletes the comment.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache

from verify.model import Claim, ClaimsFile, Location, Outcome, Verdict
from verify.values import units
from verify.values.vocabulary import measure_words, typed_apart

CLOSE = 0.8        # difflib ratio from which two spellings may be one slip apart ...
SLIPS = 2          # ... confirmed by at most this many typed characters wrong, missing, extra
                   # or swapped ("arrestd", "arrests" beside "arrested"; not "new roads budget"
                   # beside "road budget", which are two measures)
_GUESSED = re.compile(r"#\s*guessed\b")


def slips(claims_file: ClaimsFile, text: str | None = None) -> list[Outcome]:
    """The modelling slips of a claims file; `text` is its YAML, for the `# guessed` marks."""
    return (_measures(claims_file) + _scopes(claims_file) + _dimensions(claims_file)
            + (_guessed(claims_file.path, text) if text else []))


def of_file(claims_file: ClaimsFile) -> list[Outcome]:
    """The slips of a loaded claims file, its `# guessed` marks read from its text."""
    try:
        with open(claims_file.path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:        # read a moment ago by the loader; gone now: no marks to report
        text = None
    return slips(claims_file, text)


def _warning(message: str, loc: Location, claims: tuple[str, ...]) -> Outcome:
    return Outcome(Verdict.INVALID, message, claims, location=loc)


class _Choices:
    """Spellings to compare words with, lowered and sorted once for every word."""

    def __init__(self, choices: list[str]) -> None:
        self.by_lower = {c.lower(): c for c in choices}     # of two alike, the later one
        self.lowered = sorted(self.by_lower)


def _closest(word: str, choices: _Choices) -> str | None:
    """The choice `word` is most likely a slip of (another spelling than its own): close by
    difflib's ratio, and confirmed by the typed characters that differ; ties go to the first
    in sorted order."""
    lowered = word.lower()
    limit = 1 if len(word) < 6 else SLIPS
    others = [c for c in choices.lowered if c != lowered]
    size = len(lowered)
    if not any(_within(lowered, c, limit) for c in others if abs(len(c) - size) <= limit):
        return None     # no choice is `limit` slips away: none of the close matches can be
    for found in difflib.get_close_matches(lowered, others, n=3, cutoff=CLOSE):
        if typed_apart(lowered, found, limit) <= limit:
            return choices.by_lower[found]
    return None


def _within(word: str, choice: str, limit: int) -> bool:
    """Is `choice`, of a length within `limit` of `word`'s, at most `limit` typed characters
    from `word`?  The letters the two share (each slip changes at most one letter of either)
    are counted first: they rule out almost every choice, for far less than the slips."""
    longer = max(len(word), len(choice))
    counts: dict[str, int] = {}
    for char in word:
        counts[char] = counts.get(char, 0) + 1
    shared = 0
    for char in choice:
        left = counts.get(char, 0)
        if left:
            counts[char] = left - 1
            shared += 1
    return shared >= longer - limit and typed_apart(word, choice, limit) <= limit


def _slip_of(a: str, b: str) -> bool:
    """Of two spellings one slip apart, is `a` the slip?  The one whose words are not all
    words verify knows (measures.txt, nouns.txt) is; else the shorter (a letter dropped is
    the commoner slip); else the later in sorted order."""
    known_a, known_b = _known(a), _known(b)
    if known_a != known_b:
        return known_b
    return (len(a), b) < (len(b), a)


def _known(spelling: str) -> bool:
    return all(w in _known_words() for w in re.findall(r"[a-z]+", spelling.lower()))


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Every word of the shipped measure and noun vocabularies, lowercased."""
    measures = measure_words()
    names = {w for measure in measures.values() for w in re.findall(r"[a-z]+", measure.lower())}
    return frozenset(set(measures) | names | set(units.vocabulary()))


def _measures(claims_file: ClaimsFile) -> list[Outcome]:
    by_measure: dict[str, list[Claim]] = {}
    for claim in claims_file.claims:
        if claim.measure:
            by_measure.setdefault(claim.measure, []).append(claim)
    out = []
    choices = _Choices(list(by_measure))    # a measure's own spelling is never its slip
    for measure, claims in sorted(by_measure.items()):
        if len(claims) != 1:
            continue
        near = _closest(measure, choices)
        # two measures used once each: one warning, at the one more likely the slip (by the
        # words, never by the order of the file), naming both
        if near is not None and (len(by_measure[near]) > 1 or _slip_of(measure, near)):
            users = ", ".join(sorted(c.id for c in by_measure[near])[:3])
            out.append(_warning(
                f"measure '{measure}' of claim '{claims[0].id}' is used by no other claim, and "
                f"'{near}' ({users}) is one slip away; did you mean '{near}'? (a measure spelled "
                "two ways is two quantities, never compared)", claims[0].loc, (claims[0].id,)))
    return out


def _scopes(claims_file: ClaimsFile) -> list[Outcome]:
    """A value of a dimension with no breakdown, close to a part ({state: Kentuky} beside the
    place Kentucky); in a dimension with breakdowns the loader refuses such a value."""
    if not claims_file.breakdowns:
        return []
    broken_down = {b.dimension for b in claims_file.breakdowns}
    names = {n for b in claims_file.breakdowns for n in (b.whole,) + b.parts}
    parts = _Choices(sorted({p for b in claims_file.breakdowns for p in b.parts}
                            | {b.whole for b in claims_file.breakdowns}))
    out = []
    closest: dict[str, str | None] = {}      # a value seen again has the same nearest part
    for claim in claims_file.claims:
        for dimension, value in claim.scope:
            if value in names or dimension in broken_down:
                continue
            if value not in closest:
                closest[value] = _closest(value, parts)
            near = closest[value]
            if near is not None:
                out.append(_warning(
                    f"scope {dimension}: '{value}' of claim '{claim.id}' is in no breakdown, and "
                    f"'{near}' is; did you mean '{near}'? (a value of no breakdown is in no sum "
                    "or rank)", claim.loc, (claim.id,)))
    return out


def _dimensions(claims_file: ClaimsFile) -> list[Outcome]:
    by_measure: dict[str, dict[str, list[Claim]]] = {}
    of_unit: dict[str, str | None] = {}      # most claims of a file share a few units
    for claim in claims_file.claims:
        if claim.measure and claim.figure is not None:
            unit = claim.figure.unit
            if unit not in of_unit:
                of_unit[unit] = _dimension(unit)
            dimension = of_unit[unit]
            if dimension is not None and dimension != "dimensionless":
                by_measure.setdefault(claim.measure, {}).setdefault(dimension, []).append(claim)
    out = []
    for measure, dims in sorted(by_measure.items()):
        if len(dims) < 2:
            continue
        # the dimension most claims use is taken as meant; each other one is the slip
        ranked = sorted(dims.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        main_unit = ranked[0][1][0].stated_figure.unit
        main_scopes = {c.scope for c in ranked[0][1]}
        for _, claims in ranked[1:]:
            for claim in claims:
                if claim.scope in main_scopes:     # one quantity in two units: the units rule's error
                    continue
                out.append(_warning(
                    f"claim '{claim.id}' gives measure '{measure}' in {claim.stated_figure.unit}, which "
                    f"does not convert to {main_unit}, the unit of {ranked[0][1][0].id}; did you "
                    f"mean another measure, or unit {main_unit}?", claim.loc, (claim.id,)))
    return out


def _dimension(unit: str) -> str | None:
    """A unit's dimension, currencies as one; None when the unit is unknown."""
    try:
        dimension = units.dimension(units.canonical(unit))
    except (units.UnitError, ValueError):
        return None
    return "[currency]" if dimension.startswith("[currency_") else dimension  # "£1 million ($1.3 million)"


def _guessed(path: str, text: str) -> list[Outcome]:
    out: list[Outcome] = []
    if "guessed" not in text:       # no mark at all: no line to look at
        return out
    for number, line in enumerate(text.splitlines(), 1):
        m = _GUESSED.search(line)
        if m and not line.lstrip().startswith("#"):
            field = line.split("#")[0].strip().lstrip("- ").split(":")[0]
            out.append(_warning(
                f"'{field}' is still marked '# guessed' by `verify extract --draft`; check it "
                "against the words its comment quotes, then delete the comment to accept it",
                Location(path, number, m.start() + 1), ()))
    return out
