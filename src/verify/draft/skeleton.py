"""A claims-file skeleton from an article's figures (`verify extract --draft`).

One claim per figure, each quoting a short verbatim window around it (grown word by word
until it occurs once in the article; `occurrence` says which one when it never does),
the value as written and a guessed unit.  What only a person can say is left as the
placeholder PLACEHOLDER ("FILL-IN"), which the claims loader rejects until replaced:
`measure` and `scope` of quantities, `date` of weekday names, `unit` when no guess.  A
weekday followed by the date it names ("Monday, March 14, 2023") is one date claim with its
`date:` filled in (a date written without a year is read around publication, as the date
rule reads it), not a weekday claim and a separate date claim.
"""
from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from verify.anchor.textindex import Folded
from verify.draft import pairs, propose
from verify.draft.arithmetic import Relation
from verify.draft.counted import borrowed, guess_unit
from verify.draft.guess import (
    KINDS,
    Drafted,
    Guess,
    Place,
    Scope,
    guess_measure,
    guess_scope,
    place_names,
    sentence_of,
)
from verify.draft.propose import Breakdown, ListClaim
from verify.draft.quoting import (
    PLACEHOLDER,
    date_line,
    dated_weekdays,
    guess_published,
    guess_title,
    quote_for,
    weekday_hint,
)
from verify.extract.figures import Extracted, extract_figures
from verify.model import record
from verify.values import units
from verify.values.numbers import FigureError, hedge_before, read_written

SCHEMA_LINE = "# yaml-language-server: $schema=../docs/claims.schema.json"


@record()
class Text:
    """One source text to draft: its id, file name (relative to the claims file) and words."""

    id: str
    file: str
    text: str
    title: str | None = None
    published: str | None = None


@dataclass
class Plan:
    """Everything a draft proposes, before it is written as YAML."""

    texts: list[Text]
    claims: list[Drafted] = field(default_factory=list)
    lists: list[ListClaim] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def draft_claims(source_file: str, text: str, title: str | None = None,
                 published: str | None = None) -> str:
    """The YAML text of a claims file for `text`, one claim per figure, to be completed."""
    return render(plan([Text("article", source_file, text, title, published)]))


def draft_sources(files: list[tuple[str, str]]) -> str:
    """One claims file for several texts, given as (file name, text): one source each, its
    id from the file name."""
    ids = unique_ids([_slug_words(re.sub(r"\.[^.]*$", "", name)) or "source" for name, _ in files])
    return render(plan([Text(i, name, text) for i, (name, text) in zip(ids, files, strict=False)]))


def plan(texts: list[Text]) -> Plan:
    """Guess every claim and propose structure for the texts (see verify.draft.guess,
    verify.draft.counted, verify.draft.propose, verify.draft.arithmetic, verify.draft.pairs)."""
    result = Plan(texts)
    taken: set[str] = set()
    for t in texts:
        found = propose.lists(t.text)
        extra = {name: listed.dimension for listed in found for name in listed.names}
        wholes = {listed.dimension: "all " + listed.noun for listed in found
                  if listed.dimension == "place" or listed.dimension in KINDS}
        nouns = {listed.noun for listed in found}
        named = place_names(t.text, extra)
        drafted: list[Drafted] = []
        for f in dated_weekdays(extract_figures(t.text), t.text):
            drafted.append(_drafted(t, f, named, wholes, nouns, taken, drafted))
        result.claims += _distinct(t.text, drafted)
        lists, breakdowns, relations = propose.structure(
            t.id, t.text, [c for c in result.claims if c.source == t.id], found, taken,
            result.breakdowns)
        result.lists += lists
        result.breakdowns += breakdowns
        result.relations += relations
    before = {c.id: c for c in result.claims}
    result.claims = pairs.changed({t.id: t.text for t in texts}, result.claims, result.relations)
    _renamed(result, before, taken)
    return result


def _distinct(text: str, drafted: list[Drafted]) -> list[Drafted]:
    """Different figures of one sentence are rarely one quantity told twice: where the guesses
    give two of them one measure, scope and unit, the scope is left for a person to say."""
    groups: dict[tuple[tuple[int, int], str, Scope, str | None], set[str]] = {}
    for c in drafted:
        if c.measure is not None and c.scope is not None:
            key = (sentence_of(text, c.figure.start, c.figure.end), c.measure.value, c.scope, c.unit)
            groups.setdefault(key, set()).add(c.figure.value)
    out = []
    for c in drafted:
        if c.measure is not None and c.scope is not None and len(groups[(
                sentence_of(text, c.figure.start, c.figure.end), c.measure.value, c.scope, c.unit)]) > 1:
            c = replace(c, scope=None, scope_words="")
        out.append(c)
    return out


def _drafted(t: Text, f: Extracted, named: list[Place], wholes: dict[str, str], nouns: set[str],
             taken: set[str], earlier: list[Drafted]) -> Drafted:
    unit, guessed = guess_unit(f, t.text)
    taken_from = borrowed(t.text, f, earlier) if unit is None else None
    if taken_from is not None:      # "and in Boone 318", "the most arrests, 31"
        unit, guessed = taken_from.unit, True
    if unit is not None:
        with contextlib.suppress(units.UnitError):
            unit = units.canonical(unit)
    if f.kind in ("weekday", "dated weekday", "date", "year", "time", "pair", "ordinal"):
        ident = _unique(f"{t.id}-{_slug_words(f.text)}", taken)
        return Drafted(ident, t.id, f, None, None, "", unit, guessed)
    measure = guess_measure(t.text, f, unit)
    if measure is None and taken_from is not None:
        measure = taken_from.measure
    if measure is not None and f.unit == "percentage points" and not measure.value.startswith("change"):
        # "turnout rose 3 percentage points": what changed, not the turnout itself
        measure = Guess("change in " + measure.value, measure.words)
    scope: Scope | None
    if unit in nouns:
        scope, scope_words = (), ""        # a count of the list's noun: of the whole list
    else:
        found = guess_scope(t.text, f, named, wholes) if measure is not None else None
        scope, scope_words = found if found is not None else (None, "")
    ident = _ident(t.id, f, measure, scope, unit, taken)
    return Drafted(ident, t.id, f, measure, scope, scope_words, unit, guessed,
                   taken_from.words if taken_from is not None else "")


def _ident(source: str, f: Extracted, measure: Guess | None, scope: Scope | None, unit: str | None,
           taken: set[str]) -> str:
    """A claim id that says what the claim is: `<source>-<measure>-<scope>`."""
    parts = [source, measure.value if measure else (unit or "figure")]
    parts += [v for _, v in scope or ()] or ([] if measure else [f.text])
    return _unique(_slug_words("-".join(parts)), taken)


def _renamed(p: Plan, before: dict[str, Drafted], taken: set[str]) -> None:
    """New ids for the claims whose measure or scope the proposed structure settled ("up
    from 2,106 last year": article-figure-2-106 -> article-new-cardholders-last), in the
    claims and the relations that name them."""
    names: dict[str, str] = {}
    for i, c in enumerate(p.claims):
        was = before[c.id]
        if (c.measure, c.scope) != (was.measure, was.scope) and c.measure is not None:
            new = _ident(c.source, c.figure, c.measure, c.scope, c.unit, taken)
            names[c.id] = new
            p.claims[i] = replace(c, id=new)
    if names:
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
        def rename(value: str) -> str:
            return pattern.sub(lambda m: names[m.group(1)], value)
        p.relations = [(kind, [(role, rename(value)) for role, value in fields], words)
                       for kind, fields, words in p.relations]


def render(p: Plan) -> str:
    """The YAML text of a plan."""
    several = len(p.texts) > 1
    names = ", ".join(t.file for t in p.texts)
    out = [SCHEMA_LINE,
           f"# Draft claims for {names}, written by `verify extract --draft`.",
           f"# Replace every {PLACEHOLDER}: the checker rejects this file until none is left.",
           "# Lines marked `# guessed` are the draft's reading of the words it quotes: correct them,",
           "# then delete the comment to accept them (`verify check` warns while it is there).",
           "# Delete claims that state nothing checkable, or move them to `unchecked:` with a reason.",
           "version: 1", "", "sources:"]
    for t in p.texts:
        out += _source(t)
    if p.breakdowns:
        out += ["", "breakdowns:"]
        for dimension, whole, parts, words in p.breakdowns:
            out += [f"  - dimension: {dimension}   # guessed from {_q(_short(words))}",
                    f"    whole: {_q(whole)}",
                    "    parts: [" + ", ".join(_q(part) for part in parts) + "]"]
    out += ["", "claims:"]
    published = {t.id: t.published or guess_published(t.text, extract_figures(t.text)) for t in p.texts}
    for c in p.claims:
        t = next(t for t in p.texts if t.id == c.source)
        out += [""] + _claim_lines(c, t, published[t.id], several)
    for list_id, source, listed in p.lists:
        out += ["", f"  - id: {list_id}   # guessed: a list of {listed.noun}"]
        if several:
            out.append(f"    source: {source}")
        out += [f"    quote: {_q(listed.words)}",
                "    items: [" + ", ".join(_q(n) for n in listed.names) + "]"]
    if not p.claims and not p.lists:
        out[-1] = "claims: []   # no figures found"
    if p.relations:
        out += ["", "relations:"]
        for _kind, fields, words in p.relations:
            first, *rest = fields
            out.append(f"  - {first[0]}: {first[1]}   # guessed {words}")
            out += [f"    {key}: {value}" for key, value in rest]
    return "\n".join(out) + "\n"


def _source(t: Text) -> list[str]:
    out = [f"  - id: {t.id}", f"    file: {_q(t.file)}"]
    if t.title is not None:
        out.append(f"    title: {_q(t.title)}")
    elif (guessed := guess_title(t.text)) is not None:
        out.append(f"    title: {_q(guessed)}   # guessed from the first line")
    else:
        out.append(f"    title: {PLACEHOLDER}   # the headline")
    published = t.published or guess_published(t.text, extract_figures(t.text))
    if published:
        out.append(f"    published: {published}")
    else:
        out.append("    # published: YYYY-MM-DD   (no dateline found; weekday names need it)")
    return out


@lru_cache(maxsize=4)
def _folded(text: str) -> Folded:
    """A source folded once for all its claims' quotes (folding is linear in the text)."""
    return Folded(text)


def _claim_lines(c: Drafted, t: Text, published: str | None, several: bool) -> list[str]:
    """The YAML lines of the claim(s) for one figure: two for a pair ("7-2"), one per side."""
    quote, occurrence = quote_for(_folded(t.text), c.figure)
    f = c.figure
    if f.kind == "pair":
        first, second = f.value.split("-")
        head = [f"  # {f.text!r} states two figures (a score, vote, record or range): one claim each"]
        return (head + _claim(c, c.id + "-a", quote, occurrence, first, t.text, published, several)
                + [""] + _claim(c, c.id + "-b", quote, occurrence, second, t.text, published, several))
    value = _value(f)
    hedge = hedge_before(t.text, f.start) if f.kind not in ("date", "weekday", "pair") else None
    if hedge is not None and _readable(f"{hedge} {value}"):
        value = f"{hedge} {value}"          # "about 6,900": the article's words, not 6,900 exact
    return _claim(c, c.id, quote, occurrence, value, t.text, published, several)


def _claim(c: Drafted, ident: str, quote: str, occurrence: int | None, value: str, text: str,
           published: str | None, several: bool) -> list[str]:
    f = c.figure
    lines = [f"  - id: {ident}"] + ([f"    source: {c.source}"] if several else [])
    lines.append(f"    quote: {_q(quote)}")
    if occurrence:
        lines.append(f"    occurrence: {occurrence}   # the quote occurs more than once")
    if f.kind == "weekday":
        return lines + [f"    value: {_q(value)}", "    unit: weekday",
                        f"    date: {PLACEHOLDER}   # which day? {weekday_hint(f.value, published)}"]
    if f.kind == "dated weekday":
        return lines + [f"    value: {_q(value)}", "    unit: date", date_line(f.value, published)]
    if f.kind in ("date", "year", "time"):
        return lines + [f"    measure: {PLACEHOLDER}   # what happened then?",
                        f"    value: {_q(value)}", f"    unit: {f.unit}"]
    if c.measure is not None:
        lines.append(f"    measure: {_q(c.measure.value)}   # guessed from {_q(c.measure.words)}")
    else:
        lines.append(f"    measure: {PLACEHOLDER}   # what is counted?")
    if c.scope is not None:
        scope = "{" + ", ".join(f"{d}: {_q(v)}" for d, v in c.scope) + "}"
        why = (f"from {_q(c.scope_words)}" if c.scope_words else
               "the whole its text lists; no place named near it" if c.scope else
               "no place named near it")
        lines.append(f"    scope: {scope}   # guessed: {why}")
    else:
        lines.append(f"    scope: {PLACEHOLDER}   # whose, where, when? "
                     "e.g. {place: Missouri}; {} for all")
    lines.append(f"    value: {_q(value)}")
    if f.kind == "ordinal":
        lines[-1] += f"   # written {f.text!r}: a rank, or a count of a run"
    elif not _readable(value):
        lines[-1] += "   # the checker cannot read this wording yet: rewrite it, or list it as unchecked"
    if c.unit is None or (f.kind in ("pair", "ordinal") and not c.unit):
        lines.append(f"    unit: {PLACEHOLDER}   # people, states, USD, percent, ...?")
    elif not known_unit(c.unit):
        lines.append(f"    unit: {PLACEHOLDER}   # {_q(c.unit)}? not a unit verify knows: add it under "
                     "nouns: in checks/, or say people, ...")
    else:
        why = f"from {_q(c.unit_words)}" if c.unit_words else "from the next words"
        lines.append(f"    unit: {_q(c.unit)}" + (f"   # guessed {why}" if c.unit_guessed else ""))
    return lines


def _short(words: str) -> str:
    words = re.sub(r"\s+", " ", words)
    return words if len(words) <= 70 else words[:67] + "..."


def unique_ids(ids: list[str]) -> list[str]:
    taken: set[str] = set()
    return [_unique(i, taken) for i in ids]


_unique, _slug_words = propose.unique, propose.slug


def _value(f: Extracted) -> str:
    """The value as written, or its digits where only they can be read ("54°F", "14th",
    "90-year-old")."""
    if f.kind == "ordinal" or (f.kind == "number" and f.unit and f.unit.startswith("deg")) \
            or (f.kind == "compound" and not _readable(f.text)):
        return f.value
    if f.unit == "percentage points":           # "3 percentage points": value 3, in their unit
        number = _POINTS.sub("", f.text)
        return number if _readable(number) else f.value
    return f.text


_POINTS = re.compile(r"\s+percentage\s+points?$", re.IGNORECASE)


def known_unit(unit: str) -> bool:
    """Is `unit` one the checker reads (a unit, a currency, a counted noun it ships)?"""
    try:
        units.canonical(unit)
    except units.UnitError:
        return False
    return True


def _readable(value: str) -> bool:
    try:
        read_written(value)
    except FigureError:
        return False
    return True


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
