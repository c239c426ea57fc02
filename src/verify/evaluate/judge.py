"""solve: the whole article at once, the one judge of every linear check.

Every quantity of the article (verify.relate.quantities) is an exact unknown, whole for counts; every
statement of it, every breakdown's sums and every sum, subset, rank and count relation is a
constraint.  If they cannot all hold, *every* minimal set of statements and relations that
cannot hold together is reported, each once, whatever the order of the claims file.  A set
that one relation explains (the parts of a total and the total) is reported by that rule, with
its arithmetic; a set that mixes relations is reported here, with the chain of arithmetic that
makes it impossible.  If they can hold, the quantities without figures get derived bounds ("the
7 states without figures account for 32 together"), each computed from the model, so every
fact printed is implied by the claims.  A part of the article whose check is not decided within
the solver budget is reported as not decided, never as holding.

Passing example:
    article: Officers in four states made 70 arrests. Kentucky had the most, 20, and Iowa made 15.
    breakdowns: [{dimension: place, whole: all states, parts: [Kentucky, Iowa, Ohio, Utah]}]
    claims: total 70 (all states), Kentucky 20, Iowa 15;
    relations: [{rank: most, claim: ky, among: all states}]
    -> note sum: the 2 without figures (Ohio, Utah) account for 35 together, each between 15 and 20

Failing example:
    article: Officers in four states made 100 arrests. Kentucky had the most, 20, and Iowa made 15.
    (the same claims with a total of 100)
    -> error solve: 20 + 15 + at most 20 + at most 20 = at most 75, which is not 100
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from quicktions import Fraction

from verify.evaluate import linear, optimise, propagate, smt
from verify.evaluate.propagate import variable
from verify.evaluate.rules import Context, Inconsistent, Outcome, load
from verify.model import Interval, Relation, Verdict
from verify.relate.quantities import Article, Constraint, Quantity, Statement, claim_order, unnamed_parts
from verify.values.numbers import fmt, fmt_interval

MOST_CONFLICTS = 16     # minimal sets searched per independent part; past it, the report says so


@dataclass
class Judgement:
    """What the model concluded: the conflicts, as (rule, outcome, relation or None), the
    groups taking part in one, and derived facts by breakdown-sum group."""

    conflicts: list[tuple[str, Outcome, Relation | None]] = field(default_factory=list)
    in_conflict: set[str] = field(default_factory=set)
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: list[tuple[str, Outcome, Relation | None]] = field(default_factory=list)
    # quantity -> (what the rest allows, by whom)
    implied: dict[int, tuple[Interval, tuple[str, ...]]] = field(default_factory=dict)


_ONE, _ZERO = Fraction(1), Fraction(0)


def problem(article: Article) -> linear.Problem:
    """The article as an exact linear problem: one variable per quantity that a relation or a
    breakdown ties to others, one group per statement, relation and breakdown sum.

    A quantity tied to nothing can only conflict with itself, which the same rule decides
    exactly (intervals on a line that meet two by two all meet), so it is left out."""
    tied = {i for c in article.constraints for i, _ in c.terms}
    quantities = [q for q in article.quantities if q.index in tied]
    names = {q.index: variable(q.index) for q in quantities}
    variables = tuple(linear.Var(names[q.index], q.integer, _ZERO if q.nonnegative else None)
                      for q in quantities)
    constraints: list[linear.Constraint] = []
    for q in quantities:
        if not q.statements:
            continue
        term = ((names[q.index], _ONE),)
        for s in q.statements:
            interval = s.interval
            if interval.lo is not None:
                constraints.append(linear.Constraint(s.group, term, ">=" if interval.lo_closed else ">",
                                                  interval.lo))
            if interval.hi is not None:
                constraints.append(linear.Constraint(s.group, term, "<=" if interval.hi_closed else "<",
                                                  interval.hi))
    for c in article.constraints:
        constraints.append(linear.Constraint(c.group, tuple((names[i], f) for i, f in c.terms),
                                          c.op, c.rhs))
    return linear.Problem(variables, tuple(constraints))


def judge(article: Article, ctx: Context) -> Judgement:
    out = Judgement()
    for reason in article.undecided:
        out.notes.append(("solve", Outcome(Verdict.CONDITIONAL, f"not decided: {reason}", ()), None))
    out.notes.extend(("sum", article.not_added[key], None) for key in sorted(article.not_added))
    if not article.constraints:
        return out
    built = problem(article)
    clock = smt._Clock(ctx.config.budget_ms)     # one budget for the conflicts and the bounds
    with clock.free():
        compiled = linear._Compiled(built)          # once, for the conflicts and the bounds
    found = smt.conflicts(built, ctx.config.budget_ms, MOST_CONFLICTS, clock=clock, compiled=compiled)
    statements = article.statement_groups()
    constraints: dict[str, list[Constraint]] = {}
    for c in article.constraints:
        constraints.setdefault(c.group, []).append(c)
    for sets in _distinct(found.sets, statements, constraints):
        for groups in sets:
            out.in_conflict.update(g for g in groups if g not in statements)
        explained = [e for e in (_explain(g, statements, constraints, article, ctx) for g in sets) if e]
        if explained:
            rule, outcome, relation = explained[0]
            also = tuple(dict.fromkeys(f"also: {o.message}" for _, o, _ in explained[1:]
                                       if o.message != outcome.message))    # each said once
            ids = tuple(dict.fromkeys(i for _, o, _ in explained for i in o.claims))
            out.conflicts.append((rule, replace(outcome, claims=ids,
                                                arithmetic=outcome.arithmetic + also), relation))
    if found.undecided:
        ids = tuple(sorted({i for g in found.undecided if g in statements for i in statements[g].claims}))
        out.notes.append(("solve", Outcome(
            Verdict.CONDITIONAL, "whole-article check not decided within the solver budget "
            f"({ctx.config.budget_ms} ms) for the figures of {len(ids)} claims; raise "
            "solver.budget_ms in checks/ to decide it", ids), None))
    elif not found.complete:
        out.notes.append(("solve", Outcome(
            Verdict.CONDITIONAL, f"more conflicts may exist: the search stopped after "
            f"{len(found.sets)} (the solver budget, or the limit of {MOST_CONFLICTS} in one part "
            "of the article); fix these and check again", ()), None))
    with clock.free():
        parts = optimise.Parts(built, compiled)   # the independent parts, for the questions below
    if ctx.config.bounds:
        with clock.free():      # the budget counts z3's share of the questions (optimise)
            out.derived = _derived(article, parts, optimise.Optimiser(compiled, clock=clock),
                                   found.feasible, clock)
        if "" in out.derived:          # the budget ran out: said once, not once per sum
            out.notes.append(("solve", Outcome(Verdict.CONDITIONAL, out.derived.pop("")[0], ()), None))
    out.implied = propagate.narrowed(article, parts, found.feasible, ctx.claims_file.relations)
    return out


# -- conflicts -------------------------------------------------------------

def _distinct(sets: Iterable[tuple[str, ...]], statements: dict[str, Statement],
              constraints: dict[str, list[Constraint]]) -> list[list[tuple[str, ...]]]:
    """The conflicts to report, each as its minimal sets, smallest first.

    Sets that differ only in which breakdown sums carry the same statements to the same
    contradiction (a cube adds up along either dimension) are one set: the smallest is kept.
    Sets with the same relations and different statements (any two of five states' figures
    exceed what the total leaves) are one conflict, reported once with every claim."""
    best: dict[tuple[str, ...], tuple[str, ...]] = {}
    for groups in sets:
        meaning = tuple(sorted(g for g in groups if g in statements or not _implied(g, constraints)))
        if meaning not in best or (len(groups), groups) < (len(best[meaning]), best[meaning]):
            best[meaning] = groups
    # A relation its own figures contradict ("Kentucky's 31 is not the most: Indiana has 33")
    # is reported by itself; the sets it forms with other relations are that same error seen
    # through them, and are not reported again.
    alone: set[str] = set()
    for groups in best.values():
        stated = [g for g in groups if g not in statements]
        if len(stated) == 1:
            alone.add(stated[0])
    conflicts: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for groups in best.values():
        relations = tuple(sorted(g for g in groups if g not in statements))
        if len(relations) > 1 and alone & set(relations):
            continue
        conflicts.setdefault(relations, []).append(groups)
    return [sorted(sets, key=lambda s: (len(s), s)) for _, sets in sorted(conflicts.items())]


def _implied(group: str, constraints: dict[str, list[Constraint]]) -> bool:
    """A breakdown's sum: implied by the breakdowns, not stated by a relation."""
    return group.startswith("breakdown:")

def _explain(groups: tuple[str, ...], statements: dict[str, Statement],
             constraints: dict[str, list[Constraint]], article: Article,
             ctx: Context) -> tuple[str, Outcome, Relation | None] | None:
    """(rule, outcome, relation) for one minimal set; None for a quantity stated two ways,
    which the same rule reports with every claim stating each figure."""
    stated = [statements[g] for g in groups if g in statements]
    relations = [constraints[g] for g in groups if g in constraints]
    if not relations:
        return None
    kinds = sorted({c.kind for cs in relations for c in cs})
    rule = kinds[0] if len(kinds) == 1 else "solve"
    if len(relations) == 1 and relations[0][0].relation is not None:
        relation = relations[0][0].relation
        local = _by_rule(relation, stated, ctx)
        if local is not None:
            return relation.kind, local, None if relation.implied else relation
    explicit = [cs[0].relation for cs in relations if cs[0].relation is not None
                and not cs[0].relation.implied]
    cited = {i for cs in relations for c in cs for i in c.cites}     # "rose 140%" in a factor
    ids = tuple(c.id for c in sorted({ctx.claims[i] for i in cited | {i for s in stated
                                                                       for i in s.claims}},
                                     key=claim_order))
    lines = [f"{', '.join(s.claims)}: {article.quantities[s.quantity].name} is "
             f"{_stated(s, article)}" for s in sorted(stated, key=lambda s: s.claims)]
    lines += [cs[0].words if len(cs) == 1 else "; ".join(c.words for c in cs) for cs in
              sorted(relations, key=lambda cs: cs[0].group)]
    chain = propagate.narrate(stated, [c for cs in relations for c in cs], article)
    count = len(stated) + len(relations)
    message = (f"these {count} statements cannot all be true together"
               + (f": {chain[-1]}" if chain else ""))
    return rule, Outcome(Verdict.CONTRADICTION, message, ids, tuple(lines + chain)),\
        explicit[0] if len(explicit) == 1 else None


def _stated(s: Statement, article: Article) -> str:
    q = article.quantities[s.quantity]
    return s.text + ("" if s.interval.is_point else f" ({fmt_interval(s.interval, q.unit)})")


def _by_rule(relation: Relation, stated: list[Statement], ctx: Context) -> Outcome | None:
    """The relation's own rule, judging each quantity by the statement in the set: the
    arithmetic an editor knows ("5 + 6 = 11, not 10")."""
    choice = {s.quantity: s for s in stated}
    try:
        outcomes = list(load(relation.kind).check(relation, replace(ctx, choice=choice)))
    except (Inconsistent, KeyError, ValueError):
        return None
    return next((o for o in outcomes if o.verdict is Verdict.CONTRADICTION), None)


# -- derived facts ---------------------------------------------------------

def _derived(article: Article, parts: optimise.Parts, optimiser: optimise.Optimiser,
             feasible: frozenset[str], clock: smt._Clock) -> dict[str, tuple[str, ...]]:
    """Facts the claims imply about the quantities without figures in each breakdown sum of
    a part of the article that holds together: the model's exact bounds.  Called free(): the
    budget counts z3's share of the questions, not exact propagation, finding the sums to ask
    about or wording the facts."""
    out: dict[str, tuple[str, ...]] = {}
    quantities = article.quantities
    asked = [(c, *question) for c in article.constraints
             if (question := _unstated(c, quantities, feasible)) is not None]
    for c, relation, whole, unstated in asked:
        if clock.left_ms() <= 0:
            out[""] = (f"bounds for the parts without figures were not derived from {whole.name} "
                       "onwards: the solver budget was used up; raise solver.budget_ms in checks/ "
                       "to derive them",)
            break
        names = [variable(i) for i in unstated]
        together = optimiser.sum_bounds(names)
        if together[1] is None:
            continue
        named = [i for i in unstated if not quantities[i].unnamed]
        if len(unstated) == 1:          # one part without a figure: its bounds are the sum's
            each = [together] if named else []
        else:
            alike = optimise.alike(parts.problem(names), [variable(i) for i in named])
            found = optimiser.bounds(list(dict.fromkeys(alike.values())))
            each = [found[alike[variable(i)]] for i in named]
        out[c.group] = (_fact(relation, whole, unstated, named, together, each, quantities),)
    return out


def _unstated(c: Constraint, quantities: list[Quantity],
              feasible: frozenset[str]) -> tuple[Relation, Quantity, list[int]] | None:
    """(its breakdown, its whole, the parts without figures) of a breakdown's sum whose whole
    has a figure, in a part of the article that holds; None: nothing to derive."""
    if c.kind != "sum" or c.relation is None or not c.group.startswith("breakdown:") \
            or c.group not in feasible:
        return None
    whole = quantities[next(i for i, f in c.terms if f > 0)]
    unstated = [i for i, f in c.terms if f < 0 and not quantities[i].statements]
    return (c.relation, whole, unstated) if whole.statements and unstated else None


def _fact(relation: Relation, whole: Quantity, unstated: list[int], named: list[int],
          together: smt.Bound, each: list[smt.Bound], quantities: list[Quantity]) -> str:
    """The derived fact in words: what the parts without figures account for together, and
    each."""
    unit = whole.unit
    amount = fmt(together[0], unit) if together[0] == together[1] else \
        f"between {fmt(together[0], unit)} and {fmt(together[1], unit)}"
    if len(unstated) == 1 and not quantities[unstated[0]].unnamed:
        return f"{quantities[unstated[0]].name}, which has no figure: {amount}"
    labels = [f"{unnamed_parts(quantities[i].unnamed)} of {relation.get('breakdown')}"
              if quantities[i].unnamed else _along(quantities[i], relation) for i in unstated]
    fact = (f"the {_count(unstated, quantities)} without figures ({', '.join(labels)}) account "
            f"for {amount} of {whole.name} together")
    lows = [b[0] for b in each if b[0] is not None]
    highs = [b[1] for b in each if b[1] is not None]
    if named and len(highs) == len(each) and len(lows) == len(each):
        fact += (f", each between {fmt(min(lows), unit)} and {fmt(max(highs), unit)}"
                 if len(named) == len(unstated) else
                 f"; those named each between {fmt(min(lows), unit)} and {fmt(max(highs), unit)}")
    return fact


def _count(unstated: list[int], quantities: list[Quantity]) -> int:
    return sum(quantities[i].unnamed or 1 for i in unstated)


def _along(q: Quantity, relation: Relation) -> str:
    """The part's name along the breakdown's dimension."""
    parts = {p.casefold() for p in relation.get("unreported", ())}
    return next((v for _, v in q.scope if v.casefold() in parts), q.name)
