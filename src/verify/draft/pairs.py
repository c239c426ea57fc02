"""Two figures of one quantity at two times: "from A to B", "B, up from A" (a proposed
`change`, or a `rank ... than` where no percent is stated).

The figure whose words say no unit or measure takes its partner's ("4,212 new cardholders
this year, up from 2,106 last year": 2,106 new cardholders), and the two are told apart by
the periods their words name:

  "this year", "last month"          -> year: this, month: last
  "a year ago"                       -> year: last
  "in 2023"                          -> year: 2023
  "the year before", "the previous year", "a year earlier"
                                     -> the period before the partner's ("last" -> "before
                                        last", "2023" -> "2022")

Where the words name no period, the scopes are left for a person to say.
"""
from __future__ import annotations

import re
from dataclasses import replace

from verify.draft.arithmetic import Relation
from verify.draft.counted import MAX_WORDS
from verify.draft.guess import SPACE, Drafted, Guess, clause_of, one_line
from verify.model import record

BEFORE = "before"       # a period given relative to another: "the year before", "a year earlier"
_PERIODS = "year|month|week|quarter|season"
_PERIOD = re.compile(
    rf"\b(?P<when>this|last|next){SPACE}(?P<a>{_PERIODS})\b"
    rf"|\bthe{SPACE}(?P<b>{_PERIODS}){SPACE}before\b"
    rf"|\bthe{SPACE}(?:previous|prior|preceding){SPACE}(?P<c>{_PERIODS})\b"
    rf"|\ba{SPACE}(?P<d>{_PERIODS}){SPACE}(?:earlier|before)\b"
    rf"|\ba{SPACE}(?P<e>{_PERIODS}){SPACE}ago\b"
    rf"|\bin{SPACE}(?P<year>(?:19|20)\d\d)\b")


@record()
class Period:
    """A period the words name: a dimension ("year") and its value ("last", "2022", or
    BEFORE, to be read against the period it is compared with)."""

    dimension: str
    value: str
    words: str


def guess_period(text: str, start: int, end: int) -> Period | None:
    """The period the clause of text[start:end] names, the nearest: "this year" -> year:
    this, "last month" -> month: last, "a year ago" -> year: last, "in 2022" -> year: 2022;
    "the year before", "the previous year", "a year earlier" -> year: BEFORE."""
    lo, hi = clause_of(text, start, end)
    found = []
    for m in _PERIOD.finditer(text, lo, hi):
        if m.group("year"):
            dimension, value = "year", m.group("year")
        elif m.group("a"):
            dimension, value = m.group("a"), m.group("when")
        elif m.group("e"):
            dimension, value = m.group("e"), "last"
        else:
            dimension, value = m.group("b") or m.group("c") or m.group("d"), BEFORE
        distance = min(abs(m.start() - end), abs(start - m.end()))
        found.append((distance, Period(dimension, value, re.sub(r"\s+", " ", m.group()))))
    return min(found, key=lambda x: x[0])[1] if found else None


def before(value: str) -> str | None:
    """The period just before one ("last" -> "before last", "2023" -> "2022"), or None when
    the words cannot say."""
    if value.isdigit():
        return str(int(value) - 1)
    return {"this": "last", "last": "before last", "next": "this"}.get(value)


def changed(texts: dict[str, str], claims: list[Drafted], relations: list[Relation]) -> list[Drafted]:
    """The two figures of a proposed change ("from A to B", "B, up from A"; a `change` or a
    `rank ... than`) are one measure at two times: the one whose words say no unit or measure
    takes the other's ("4,212 new cardholders this year, up from 2,106 last year"), and the
    two get the periods their words name ("this year", "last year"; "the year before" is the
    one before the other's) or, when the words name none, scopes a person says.  A change's
    measure is "change in" that of its earlier figure.  The parts of a proposed `sum` with no
    measure of their own are parts of the total's ("$4.2 million parks budget for next year:
    $1.9 million for maintenance, ..."); what sets them apart is for a person to say."""
    by_id = {c.id: c for c in claims}
    for kind, fields, _ in relations:
        roles = dict(fields)
        if kind == "sum":
            total = by_id[roles["sum"]]
            for part in roles["parts"].strip("[]").split(", "):
                by_id[part] = _part_of(texts[total.source], total, by_id[part])
            continue
        if kind == "change":
            first_id, then_id = roles["from"], roles["to"]
        elif kind == "rank" and "than" in roles:
            first_id, then_id = roles["than"], roles["claim"]
        else:
            continue
        text = texts[by_id[then_id].source]
        first, then = _one_measure(text, by_id[first_id], by_id[then_id])
        if kind == "change":
            change = by_id[roles["change"]]
            named = change.measure.value if change.measure is not None else None
            if first.measure is not None and named in (None, first.measure.value):
                said = change.measure.words if change.measure is not None else change.figure.text
                by_id[change.id] = replace(change, measure=Guess("change in " + first.measure.value, said),
                                           scope=(), scope_words="")
        if first.measure is not None and then.measure is not None \
                and first.measure.value == then.measure.value and first.scope == then.scope:
            first, then = _periods(text, first, then)
        by_id[first.id], by_id[then.id] = first, then
    return [by_id[c.id] for c in claims]


def _part_of(text: str, total: Drafted, part: Drafted) -> Drafted:
    """A part of a sum takes the total's measure (and unit) when its words give none."""
    if part.measure is not None or total.measure is None or part.unit not in (None, total.unit):
        return part
    words = one_line(text[total.figure.start:part.figure.end])
    if len(words) > MAX_WORDS:
        words = f"{total.figure.text} ... {part.figure.text}"
    return replace(part, measure=Guess(total.measure.value, words), unit=total.unit,
                   unit_guessed=part.unit_guessed or part.unit is None,
                   unit_words=part.unit_words or (words if part.unit is None else ""))


def _one_measure(text: str, first: Drafted, then: Drafted) -> tuple[Drafted, Drafted]:
    """A figure of a pair with no unit or measure of its own takes its partner's (and its
    scope, when it has none)."""
    lo, hi = sorted((first, then), key=lambda c: c.figure.start)
    words = re.sub(r"\s+", " ", text[lo.figure.start:hi.figure.end])
    out = []
    for c, other in ((first, then), (then, first)):
        if c.unit is None and other.unit is not None:
            c = replace(c, unit=other.unit, unit_guessed=True, unit_words=words)
        if c.measure is None and other.measure is not None and c.unit == other.unit:
            c = replace(c, measure=Guess(other.measure.value, words),
                        scope=other.scope if c.scope is None else c.scope, scope_words=other.scope_words)
        out.append(c)
    return out[0], out[1]


def _periods(text: str, first: Drafted, then: Drafted) -> tuple[Drafted, Drafted]:
    """The scopes of a pair of one measure and scope, told apart by the periods their words
    name; a person says them (the placeholder) where the words do not."""
    was = guess_period(text, first.figure.start, first.figure.end)
    now = guess_period(text, then.figure.start, then.figure.end)
    if was is not None and now is not None and was.value == BEFORE and now.value != BEFORE:
        was = replace(was, value=before(now.value) or BEFORE)
    if was is None or now is None or was.dimension != now.dimension or BEFORE in (was.value, now.value) \
            or was.value == now.value or first.scope is None:
        return replace(first, scope=None, scope_words=""), replace(then, scope=None, scope_words="")
    return _with_period(first, was), _with_period(then, now)


def _with_period(c: Drafted, period: Period) -> Drafted:
    scope = tuple(sorted((*(c.scope or ()), (period.dimension, period.value))))
    return replace(c, scope=scope, scope_words=" ... ".join(w for w in (c.scope_words, period.words) if w))
