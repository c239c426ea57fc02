"""The rule registry: every rule id verify reports, what it checks and where its manual is.

The engine loops over it; `verify rules`, docs/rules.md (docs/gen_rules.py), the claims
schema (a waiver's `rule:`) and the settings loader (`rules:` in checks/) read it.  Adding a
rule is adding its module to this package and its case file tests/cases/<id>.yaml (its
severity is error unless data/defaults.yaml says otherwise); docs/rules.md is generated.

A rule module (rules/<id>.py) has the same small face:

    ID         the rule id used in reports, settings and waivers
    SUMMARY    one line for `verify rules`
    APPLIES    "relation" (checks one relation of KIND) or "claim" (checks single claims)
    KIND       the relation kind it checks (relation rules); None: every relation
    check(subject, ctx) -> Iterator[Outcome]
    applies(claim) -> bool   (claim rules: the claims it checks)

The module docstring is the rule's manual, with a passing and a failing example (the
examples are run as tests).  Rules never print, never read files and never decide severity:
they say what holds and show the arithmetic; the engine stamps id and severity.  The other
ids are stages the engine runs itself; their modules' docstrings are their manuals.
"""
from __future__ import annotations

import ast
import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from quicktions import Fraction

from verify import ruleids
from verify.config import Config
from verify.model import Claim, ClaimsFile, Interval
from verify.model import Outcome as Outcome  # re-exported: the rules take it from here
from verify.relate.quantities import Article, Statement
from verify.values import units as unitdefs
from verify.values.numbers import fmt, fmt_interval, overlap, whole_numbers

# rule id -> the module whose docstring is its manual, in the order `verify rules` and
# docs/rules.md list them (verify/ruleids.py): this package's modules, then the stages.
IDS, MODULES, NAMES, STAGES = ruleids.IDS, ruleids.MODULES, ruleids.NAMES, ruleids.STAGES


@dataclass(frozen=True)
class Rule:
    """One rule id of the registry."""

    id: str
    applies: str                  # "relation", "claim", or "stage" (run by the engine itself)
    kind: str | None              # a relation rule's relation kind; None: every relation
    summary: str                  # one line
    manual: str                   # its module's docstring


@dataclass(frozen=True)
class Checker(Rule):
    """A rule of a rule module: what the engine calls (a stage is run by the engine itself)."""

    # check(subject, ctx): the subject is a Relation (relation rules) or a Claim (claim rules)
    check: Callable[[Any, Context], Iterator[Outcome]]
    wants: Callable[[Claim], bool] | None = None       # claim rules: the claims it checks


@cache       # a pure function of the code: the same registry whatever ran before
def registry() -> dict[str, Rule]:
    """rule id -> Rule, in the order of MODULES; a rule module's ID, APPLIES and KIND say
    what it checks."""
    out: dict[str, Rule] = {}
    for rule_id, name in MODULES.items():
        module = importlib.import_module(name)
        manual = _docstring(module)
        if rule_id not in NAMES:
            out[rule_id] = Rule(rule_id, "stage", None,
                                manual.split("\n\n")[0].replace("\n", " "), manual)
            continue
        if rule_id != module.ID or module.APPLIES not in ("relation", "claim"):
            raise ValueError(f"{name}: ID {module.ID!r}, APPLIES {module.APPLIES!r}; expected "
                             f"ID {rule_id!r} and APPLIES relation or claim")
        out[rule_id] = Checker(rule_id, module.APPLIES, getattr(module, "KIND", None),
                               module.SUMMARY, manual, module.check, getattr(module, "applies", None))
    return out


def _docstring(module: ModuleType) -> str:
    """A module's docstring.  A module compiled with mypyc (setup.py) keeps none, so it is read
    from the module's source, which is installed beside it."""
    if module.__doc__ is None and module.__file__ and not module.__file__.endswith(".py"):
        text = Path(module.__file__).with_name(module.__name__.rpartition(".")[2] + ".py") \
            .read_text(encoding="utf-8")
        if text.startswith('"""'):     # the literal alone: parsing the module takes ~9 ms
            docstring = ast.literal_eval(text[:text.index('"""', 3) + 3])
        else:
            docstring = ast.get_docstring(ast.parse(text), clean=False)
        return (docstring or "").strip()
    return (module.__doc__ or "").strip()


def _checkers() -> list[Checker]:
    return [r for r in registry().values() if isinstance(r, Checker)]


# The views below are asked for once a relation: each is made once (from the registry, itself
# made once), and every caller gets its own copy.

def by_kind() -> dict[str, Checker]:
    """relation kind -> the rule that checks it."""
    return dict(_by_kind())


@cache
def _by_kind() -> dict[str, Checker]:
    return {r.kind: r for r in _checkers() if r.applies == "relation" and r.kind}


def every_relation() -> list[Checker]:
    """The rules that check every relation, whatever its kind (units), before its own rule."""
    return list(_every_relation())


@cache
def _every_relation() -> tuple[Checker, ...]:
    return tuple(r for r in _checkers() if r.applies == "relation" and r.kind is None)


def of_claims() -> list[Checker]:
    """The rules that check single claims (date)."""
    return list(_of_claims())


@cache
def _of_claims() -> tuple[Checker, ...]:
    return tuple(r for r in _checkers() if r.applies == "claim")


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the file, its claims by id, the settings, and the article's
    quantities.  `choice` (quantity index -> statement) makes a rule judge a quantity by one
    of its statements, as the judge does to explain a conflict."""

    claims_file: ClaimsFile
    claims: dict[str, Claim]
    config: Config
    article: Article | None = None
    choice: dict[int, Statement] | None = None
    # quantity index -> (the interval the article allows, the claims saying so)
    implied: dict[int, tuple[Interval, tuple[str, ...]]] | None = None
    # (quantity index or claim id, unit) -> its Value, each worked out once for every rule
    # that asks; not an argument, so a context made from this one (another choice) starts
    # with none
    known: dict[tuple[str | int, str], Value] = field(default_factory=dict, init=False,
                                                      repr=False, compare=False)


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
    figure = claim.stated_figure
    if any(ch.isdigit() for ch in figure.text) or figure.nominal is None:
        return figure.text
    return f"{figure.text} ({fmt(figure.nominal, figure.unit)})"


def load(name: str) -> ModuleType:
    """The module of rule `name` (a rule module: one of NAMES)."""
    return importlib.import_module(MODULES[name])


def catalogue() -> dict[str, tuple[str, str]]:
    """rule id -> (one-line summary, manual), every id of the registry."""
    return {r.id: (r.summary, r.manual) for r in registry().values()}


def values(ctx: Context, ids: Iterable[str], unit: str | None = None) -> list[Value]:
    """The values of the quantities claims `ids` state, converted to `unit` (default: the
    first one's unit).  A quantity stated several times is judged by all its statements
    together (or by the one `ctx.choice` picks).

    Raises unitdefs.UnitError when a unit cannot be converted (the units rule reports it),
    Inconsistent when a quantity's statements disagree."""
    out: list[Value] = []
    for claim_id in ids:
        claim = ctx.claims[claim_id]
        figure = claim.figure
        if figure is None:
            raise unitdefs.UnitError(f"claim '{claim_id}' states no figure")
        unit = unit or _unit_of(ctx, claim)
        out.append(_known_value(ctx, claim, unit))
    return out


def _known_value(ctx: Context, claim: Claim, unit: str) -> Value:
    """_value, read once a context: for a claim of a quantity, once for the quantity (its
    claims have one value, named by the quantity's first claim)."""
    article = ctx.article
    index = article.of_claim.get(claim.id) if article is not None else None
    key: tuple[str | int, str] = (claim.id, unit) if index is None else (index, unit)
    found = ctx.known.get(key)
    if found is None or found.ids[0] not in ctx.claims:     # else named by the claim asking
        found = _value(ctx, claim, unit)
        ctx.known[key] = found
    return found


def _unit_of(ctx: Context, claim: Claim) -> str:
    article = ctx.article
    if article is not None and claim.id in article.of_claim:
        return article.quantities[article.of_claim[claim.id]].unit
    return claim.stated_figure.unit


def _value(ctx: Context, claim: Claim, unit: str) -> Value:
    article = ctx.article
    if article is None or claim.id not in article.of_claim:
        figure = claim.stated_figure
        factor = unitdefs.factor(figure.unit, unit)

        def converted(interval: Interval) -> Interval:
            # a count "fewer than 5" is at most 4: no rule may use 4.5
            return (whole_numbers(interval) if figure.integer else interval).scale(factor)

        interval, reading, rounded = (converted(figure.interval), converted(figure.reading),
                                      converted(figure.rounded or figure.interval))
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
    first = ctx.claims.get(ids[0], claim)
    shown = _shown(ctx, statements[0], quantity.statements, chosen is not None)
    narrowed = (ctx.implied or {}).get(index) if chosen is None else None
    if narrowed is not None:
        tighter = overlap([common, narrowed[0]], quantity.integer)
        if tighter is not None and tighter != common:     # what the other figures leave it
            common, ids = tighter, ids + narrowed[1]
            reading = overlap([reading, tighter], False) or tighter
            rounded = overlap([rounded, tighter], False) or tighter
            shown += f" (the other figures make it {fmt_interval(tighter, quantity.unit)})"
    return Value(first, common.scale(factor), reading.scale(factor), unit, ids, shown,
                 rounded.scale(factor))


def _shown(ctx: Context, used: Statement, every: tuple[Statement, ...], picked: bool) -> str:
    """The figure a rule used, with how the quantity's other statements write it, never joined
    by "/" (which reads as a division): "$48.3 million (also 48,300,000)".  A figure from one of
    several sources says whose it is: "$9.75 million (the release; the article says $9.8 million)";
    one `picked` among statements of one source that disagree: "47 (the article also says 41)"."""
    first = ctx.claims[used.claims[0]]
    text = written(first)
    others = {written(c): c for c in (ctx.claims[s.claims[0]] for s in every if s is not used)
              if written(c) != text}
    if not others:
        return text
    if any(c.source != first.source for c in others.values()):
        return f"{text} (the {first.source}; " + "; ".join(
            f"the {c.source} says {t}" for t, c in others.items()) + ")"
    said = " and ".join(others)
    return f"{text} (the {first.source or 'source'} also says {said})" if picked else f"{text} (also {said})"


def total(intervals: list[Interval]) -> Interval:
    """Interval sum: every value a sum of one value from each interval can take."""
    return Interval(_sum([i.lo for i in intervals]), _sum([i.hi for i in intervals]),
                    all(i.lo_closed for i in intervals), all(i.hi_closed for i in intervals))


def _sum(ends: list[Fraction | None]) -> Fraction | None:
    """The exact sum of an end of every interval (None when one is unbounded): numerators
    over a common denominator, reduced once at the end rather than at every addition."""
    numerator, denominator = 0, 1
    for end in ends:
        if end is None:
            return None
        if end.denominator == denominator:
            numerator += end.numerator
        else:
            numerator = numerator * end.denominator + end.numerator * denominator
            denominator *= end.denominator
    return Fraction(numerator, denominator)


def described(claim: Claim) -> str:
    """'rescued (all states)': how an editor names the quantity."""
    what = claim.measure or claim.id
    return f"{what} ({claim.scope_text})" if claim.scope else what
