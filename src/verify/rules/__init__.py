"""The rule catalogue.  One module per rule, each with the same small face:

    ID         the rule id used in reports, settings and waivers
    SUMMARY    one line for `verify rules`
    APPLIES    "relation" (checks one relation of KIND) or "claim" (checks single claims)
    KIND       the relation kind it checks (relation rules)
    check(subject, ctx) -> Iterator[Outcome]

The module docstring is the rule's manual, with a passing and a failing example (the
examples are run as tests).  Rules never print, never read files and never decide severity:
they say what holds and show the arithmetic; the engine stamps id and severity.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from verify import units as unitdefs
from verify.config import Config
from verify.model import Claim, ClaimsFile, Interval, Verdict
from verify.numbers import overlap, whole_numbers  # noqa: F401 (the rules use them from here)

NAMES = ("same", "sum", "subset", "count", "share", "change", "rank", "date", "units")


@dataclass(frozen=True)
class Outcome:
    """What a rule concluded about one relation or claim."""

    verdict: Verdict
    message: str
    claims: tuple[str, ...]
    arithmetic: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the file, its claims by id, the settings, and the article's
    quantities.  `choice` (quantity index -> statement) makes a rule judge a quantity by one
    of its statements, as the judge does to explain a conflict."""

    claims_file: ClaimsFile
    claims: dict[str, Claim]
    config: Config
    article: Any = None
    choice: Any = None
    implied: Any = None      # quantity index -> (the interval the article allows, claims saying so)


class Inconsistent(Exception):
    """A quantity whose statements disagree has no single value for a rule to judge by: the
    conflict is reported by the judge, and the rule is not run on it."""


@dataclass(frozen=True)
class Value:
    """A quantity's value in a common unit, from the statements that give it: all they allow,
    and as printed; `ids` are every claim stating it."""

    claim: Claim                 # the first claim stating it, for its measure and scope
    interval: Interval
    reading: Interval
    unit: str
    ids: tuple[str, ...] = ()
    shown: str = ""
    rounded: Interval | None = None    # all it allows without hedges (None: the interval)

    @property
    def unhedged(self) -> Interval:
        return self.interval if self.rounded is None else self.rounded

    @property
    def hedged(self) -> bool:
        return self.unhedged != self.interval

    @property
    def text(self) -> str:
        """The figure as written; words get their value beside them: 'four (4)'."""
        return self.shown or written(self.claim)


def written(claim: Claim) -> str:
    figure = claim.figure
    if any(ch.isdigit() for ch in figure.text) or figure.nominal is None:
        return figure.text
    from verify.numbers import fmt
    return f"{figure.text} ({fmt(figure.nominal, figure.unit)})"


def load(name: str):
    return importlib.import_module(f"verify.rules.{name}")


def catalogue() -> dict[str, tuple[str, str]]:
    """rule id -> (one-line summary, manual)."""
    return {name: (load(name).SUMMARY, (load(name).__doc__ or "").strip()) for name in NAMES}


# Checks the engine makes itself, outside the relation rules; their modules' docstrings
# are their manuals.
STAGES = {"anchor": "verify.anchor", "solve": "verify.judge", "coverage": "verify.coverage"}


def stages() -> dict[str, tuple[str, str]]:
    """stage id -> (first paragraph of its manual, manual)."""
    out = {}
    for name, module in STAGES.items():
        manual = (importlib.import_module(module).__doc__ or "").strip()
        out[name] = (manual.split("\n\n")[0].replace("\n", " "), manual)
    return out


def values(ctx: Context, ids, unit: str | None = None) -> list[Value]:
    """The values of the quantities claims `ids` state, converted to `unit` (default: the
    first one's unit).  A quantity stated several times is judged by all its statements
    together (or by the one `ctx.choice` picks).

    Raises unitdefs.UnitError when a unit cannot be converted (the units rule reports it),
    Inconsistent when a quantity's statements disagree."""
    out = []
    for claim_id in ids:
        claim = ctx.claims[claim_id]
        figure = claim.figure
        if figure is None:
            raise unitdefs.UnitError(f"claim '{claim_id}' states no figure")
        unit = unit or _unit_of(ctx, claim)
        out.append(_value(ctx, claim, unit))
    return out


def _unit_of(ctx: Context, claim: Claim) -> str:
    article = ctx.article
    if article is not None and claim.id in article.of_claim:
        return article.quantities[article.of_claim[claim.id]].unit
    return claim.figure.unit


def _value(ctx: Context, claim: Claim, unit: str) -> Value:
    article = ctx.article
    if article is None or claim.id not in article.of_claim:
        figure = claim.figure
        factor = unitdefs.factor(figure.unit, unit)
        found = (figure.interval, figure.reading, figure.rounded or figure.interval)
        if figure.integer:     # a count "fewer than 5" is at most 4: no rule may use 4.5
            found = tuple(whole_numbers(i) for i in found)
        interval, reading, rounded = (i.scale(factor) for i in found)
        return Value(claim, interval, reading, unit, (claim.id,), rounded=rounded)
    index = article.of_claim[claim.id]
    quantity = article.quantities[index]
    chosen = (ctx.choice or {}).get(index)
    statements = (chosen,) if chosen is not None else quantity.statements
    common = overlap([chosen.interval], quantity.integer) if chosen is not None else quantity.agreed
    if common is None:
        raise Inconsistent(quantity.name)
    reading = overlap([s.reading for s in statements], False) or common
    rounded = (overlap([s.rounded or s.interval for s in statements], False)
               or statements[0].rounded or statements[0].interval)   # agreed only by hedges
    factor = unitdefs.factor(quantity.unit, unit)
    ids = tuple(i for s in statements for i in s.claims)
    first = ctx.claims[ids[0]] if ids[0] in ctx.claims else claim
    shown = " / ".join(dict.fromkeys(written(ctx.claims[s.claims[0]]) for s in statements))
    narrowed = (ctx.implied or {}).get(index) if chosen is None else None
    if narrowed is not None:
        tighter = overlap([common, narrowed[0]], quantity.integer)
        if tighter is not None and tighter != common:     # what the other figures leave it
            from verify.numbers import fmt_interval
            common, ids = tighter, ids + narrowed[1]
            reading = overlap([reading, tighter], False) or tighter
            rounded = overlap([rounded, tighter], False) or tighter
            shown += f" (the other figures make it {fmt_interval(tighter, quantity.unit)})"
    return Value(first, common.scale(factor), reading.scale(factor), unit, ids, shown,
                 rounded.scale(factor))


def total(intervals: list[Interval]) -> Interval:
    """Interval sum: every value a sum of one value from each interval can take."""
    result = Interval.point(Fraction(0))
    for interval in intervals:
        result = result + interval
    return result


def described(claim: Claim) -> str:
    """'rescued (all states)': how an editor names the quantity."""
    what = claim.measure or claim.id
    return f"{what} ({claim.scope_text})" if claim.scope else what
