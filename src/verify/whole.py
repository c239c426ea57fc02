"""Whole-article reasoning: every claim and linear relation of a file as one constraint problem.

Each claim is an unknown held to its written interval (whole numbers for counts); each part
of a breakdown without a figure is an unknown too.  Relations that a local rule already found
contradictory are left out, so a conflict is reported once.  If what remains cannot all hold,
one finding names a minimal set of claims and relations (every member shown necessary); if it
can, unknowns get derived bounds ("the 7 states without figures: 32 arrests together").
"""
from __future__ import annotations

import time
from fractions import Fraction

from verify import solve, units
from verify.model import Claim, ClaimsFile, Finding, Relation, Severity, Verdict
from verify.numbers import fmt, fmt_interval
from verify.relate import find_breakdown, key
from verify.rules import Context, described

LINEAR = ("same", "sum", "subset", "rank", "count")


def reason(claims_file: ClaimsFile, relations: list[Relation], skip: set[str],
           ctx: Context) -> list[Finding]:
    used = [r for r in relations if r.kind in LINEAR and r.id not in skip]
    builder = build(used, ctx)
    if not builder.constraints:
        return []
    problem = builder.problem()
    deadline = time.monotonic() + ctx.config.budget_ms / 1000   # one budget for the whole file
    outcome = solve.check(problem, ctx.config.budget_ms)
    first = claims_file.claims[0].loc
    if outcome.status == "unknown":
        return [Finding("solve", Severity.WARNING, Verdict.CONDITIONAL,
                        f"whole-article check not decided: {outcome.undecided}; raise "
                        "solver.budget_ms in checks/ to decide it", first)]
    if outcome.status == "unsat":
        return [_conflict(outcome, builder, {r.id: r for r in used}, ctx)]
    return _bounds(problem, builder, ctx, deadline) if ctx.config.bounds else []


def build(relations: list[Relation], ctx: Context) -> "_Builder":
    """The constraint problem of these relations and the claims they involve."""
    builder = _Builder(ctx)
    for relation in relations:
        if not _all_figures(relation, ctx):
            continue    # a list or date claim where a figure belongs: the units rule says so
        try:
            builder.add(relation)
        except (units.UnitError, KeyError, TypeError):
            continue    # the units/rank rules already reported why this relation is unusable
    return builder


def _all_figures(relation: Relation, ctx: Context) -> bool:
    """Do the claims this relation compares all state figures?  (A count's items are names.)"""
    ids = [relation.get("count")] if relation.kind == "count" else list(_claim_ids(relation, ctx))
    return all(ctx.claims[i].figure is not None for i in ids if i in ctx.claims)


class _Builder:
    def __init__(self, ctx: Context):
        self.ctx, self.vars, self.constraints = ctx, {}, []
        self.unknowns: dict[str, list[str]] = {}     # relation id -> its unknown var names
        self.labels: dict[str, str] = {}

    def claim(self, claim_id: str, unit: str) -> tuple[str, Fraction]:
        """The claim's variable and the factor that expresses it in `unit`."""
        claim = self.ctx.claims[claim_id]
        figure = claim.figure
        if figure is None:      # a list or date claim in a relation: the units rule says why
            raise units.UnitError(f"claim '{claim_id}' states no figure")
        name = f"c:{claim_id}"
        if name not in self.vars:
            iv = figure.interval
            self.vars[name] = solve.Var(name, figure.integer, iv.lo, iv.hi, iv.lo_closed,
                                        iv.hi_closed, group=claim_id)
        return name, units.factor(figure.unit, unit)

    def unknown(self, relation: Relation, like: Claim, whole: str, part: str) -> str:
        """The figure a breakdown part has no claim for, for the quantity of `like`.

        Named by that part's own measure and scope, so that a sum and a rank over the same
        breakdown share one unknown per part (Ohio's arrests, whichever relation names it)."""
        dimension = find_breakdown(self.ctx.claims_file, whole).dimension.casefold()
        measure, scope = key(like)
        scope = tuple(sorted([(d, v) for d, v in scope if d != dimension]
                             + [(dimension, part.strip().casefold())]))
        name = f"u:{(measure, scope)}"
        if name not in self.vars:
            self.vars[name] = solve.Var(name, like.figure.integer, Fraction(0), None)
            self.labels[name] = part
        self.unknowns.setdefault(relation.id, [])
        if name not in self.unknowns[relation.id]:
            self.unknowns[relation.id].append(name)
        return name

    def constrain(self, relation: Relation, left, op: str, right=(), rhs=Fraction(0)):
        terms = tuple(left) + tuple((n, -f) for n, f in right)
        self.constraints.append(solve.Constraint(relation.id, terms, op, rhs))

    def add(self, relation: Relation) -> None:
        """Add a relation's constraints, all or none: a relation that fails half way adds nothing."""
        # Only this relation's entries can change, and vars/labels only grow: remembering
        # sizes (not copies) keeps a file of many relations linear.
        saved = (len(self.vars), len(self.constraints), relation.id in self.unknowns,
                 len(self.unknowns.get(relation.id, ())))
        try:
            getattr(self, f"_{relation.kind}")(relation)
        except Exception:
            for name in list(self.vars)[saved[0]:]:
                del self.vars[name]
                self.labels.pop(name, None)
            del self.constraints[saved[1]:]
            if saved[2]:
                del self.unknowns[relation.id][saved[3]:]
            else:
                self.unknowns.pop(relation.id, None)
            raise

    def _same(self, relation):
        first, *rest = relation.get("same")
        unit = self.ctx.claims[first].figure.unit
        for other in rest:
            self.constrain(relation, [self.claim(first, unit)], "==", [self.claim(other, unit)])

    def _sum(self, relation):
        total_id = relation.get("sum")
        total = self.ctx.claims[total_id]
        unit = total.figure.unit
        parts = [self.claim(p, unit) for p in relation.get("parts")]
        parts += [(self.unknown(relation, total, relation.get("breakdown"), name), Fraction(1))
                  for name in relation.get("unreported", ())]
        complete = relation.get("complete", True) or relation.get("unreported")
        self.constrain(relation, [self.claim(total_id, unit)], "==" if complete else ">=", parts)

    def _subset(self, relation):
        part, whole = relation.get("subset"), relation.get("of")
        unit = self.ctx.claims[whole].figure.unit
        self.constrain(relation, [self.claim(part, unit)], "<=", [self.claim(whole, unit)])

    def _count(self, relation):
        from verify.rules.count import named
        counted = Fraction(len(named(relation, self.ctx)[1]))
        claim_id = relation.get("count")
        self.constrain(relation, [self.claim(claim_id, self.ctx.claims[claim_id].figure.unit)],
                       "==", rhs=counted)

    def _rank(self, relation):
        from verify.rules.rank import members
        top_id = relation.get("claim")
        top = self.ctx.claims[top_id]
        unit = top.figure.unit
        others, unreported = members(relation, self.ctx)
        op = ">=" if relation.get("rank") in ("most", "more") else "<="
        for other in others:
            self.constrain(relation, [self.claim(top_id, unit)], op, [self.claim(other, unit)])
        for name in unreported:
            var = self.unknown(relation, top, relation.get("among"), name)
            self.constrain(relation, [self.claim(top_id, unit)], op, [(var, Fraction(1))])

    def problem(self) -> solve.Problem:
        return solve.Problem(tuple(self.vars.values()), tuple(self.constraints))


def _conflict(outcome, builder: _Builder, relations: dict[str, Relation], ctx: Context) -> Finding:
    claims = [ctx.claims[g] for g in outcome.conflict if g in ctx.claims]
    rels = [relations[g] for g in outcome.conflict if g in relations]
    lines = [f"{c.id}: {described(c)} is {c.figure.text}" + (
                 "" if c.figure.interval.is_point else
                 f" ({fmt_interval(c.figure.interval, c.figure.unit)})") for c in claims]
    lines += [f"{r.id}: {_relation_words(r)}" for r in rels]
    if outcome.undecided:
        lines.append(f"(not shown minimal: {outcome.undecided})")
    ids = tuple(dict.fromkeys([c.id for c in claims] +
                              [i for r in rels for i in _claim_ids(r, ctx)]))
    location = rels[0].loc if rels and not rels[0].implied else (claims or [ctx.claims[ids[0]]])[0].loc
    return Finding("solve", ctx.config.severity("solve") or Severity.ERROR, Verdict.CONTRADICTION,
                   f"these {len(claims) + len(rels)} statements cannot all be true together, "
                   "though no two of them conflict on their own"
                   if len(claims) + len(rels) > 2 else "these statements cannot all be true",
                   location, ids, tuple(ctx.claims[i].span for i in ids if ctx.claims[i].span),
                   tuple((i, ctx.claims[i].quote) for i in ids), tuple(lines))


def _relation_words(relation: Relation) -> str:
    kind = relation.kind
    if kind == "sum":
        extra = f" and {len(relation.get('unreported', ()))} parts without figures" \
            if relation.get("unreported") else ""
        return f"{relation.get('sum')} is the total of {', '.join(relation.get('parts'))}{extra}"
    if kind == "rank":
        return f"{relation.get('claim')} is {relation.get('rank')} " + (
            f"among {relation.get('among')}" if relation.get("among") else f"than {relation.get('than')}")
    if kind == "subset":
        return f"{relation.get('subset')} is part of {relation.get('of')}"
    if kind == "same":
        return " and ".join(relation.get("same")) + " are the same quantity"
    return f"{kind} relation"


def _claim_ids(relation: Relation, ctx: Context):
    for _, value in relation.members:
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, str) and item in ctx.claims:
                yield item


def _left_ms(deadline: float) -> int:
    return int((deadline - time.monotonic()) * 1000)


def _bounds(problem, builder: _Builder, ctx: Context, deadline: float) -> list[Finding]:
    """A note per sum with unreported parts: what they hold together and each, derived only
    while the file's solver budget lasts."""
    findings = []
    seen = set()
    parts_of = _Components(problem)
    for relation_id, names in builder.unknowns.items():
        group = tuple(sorted(names))
        if group in seen or not relation_id.startswith("sum:"):
            continue
        seen.add(group)
        # Only the part of the problem linked to these unknowns bears on them (solve would
        # consult just that too), and unknowns that the constraints treat alike have the same
        # bounds: ask the solver once per kind, not once per part, over a small problem.
        if _left_ms(deadline) <= 0:
            findings.append(_out_of_budget(ctx.claims[relation_id.split(":", 1)[1]], ctx))
            break
        local = parts_of.problem(names)
        together = solve.sum_bounds(local, names, max(1, _left_ms(deadline)))
        alike = _alike(local, names)
        found = solve.bounds(local, list(dict.fromkeys(alike.values())), max(1, _left_ms(deadline)))
        each = {name: found[alike[name]] for name in names}
        if together[1] is None:
            continue
        total = ctx.claims[relation_id.split(":", 1)[1]]
        unit = total.figure.unit
        low = min((b[0] for b in each.values() if b[0] is not None), default=None)
        high = max((b[1] for b in each.values() if b[1] is not None), default=None)
        parts = [builder.labels[n] for n in names]
        amount = fmt(together[0], unit) if together[0] == together[1] else \
            f"between {fmt(together[0], unit)} and {fmt(together[1], unit)}"
        if len(parts) == 1:
            fact = f"{parts[0]}, which has no figure: {amount} {total.measure or ''}"
        else:
            fact = (f"the {len(parts)} without figures ({', '.join(parts)}): {amount} "
                    f"{total.measure or ''} together, each between {fmt(low, unit)} and "
                    f"{fmt(high, unit)}")
        findings.append(Finding("solve", Severity.NOTE, Verdict.HOLDS,
                                f"{described(total)}: bounds for the parts the article gives no figure for",
                                total.loc, (total.id,), (total.span,) if total.span else (),
                                ((total.id, total.quote),), (), (fact.replace("  ", " "),)))
    return findings


def _out_of_budget(total: Claim, ctx: Context) -> Finding:
    return Finding("solve", Severity.NOTE, Verdict.HOLDS,
                   f"bounds for parts without figures were not derived from {described(total)} "
                   f"onwards: the solver budget ({ctx.config.budget_ms} ms) was used up; raise "
                   "solver.budget_ms in checks/ to derive them", total.loc, (total.id,))


class _Components:
    """The problem's independent parts, linked as solve links them: by a shared variable or a
    shared group (a claim's bounds and the relations naming it)."""

    def __init__(self, problem: solve.Problem):
        self.vars, self.constraints = problem.vars, problem.constraints
        self.parent: dict = {}
        for var in problem.vars:
            self._union(("v", var.name), ("g", var.group) if var.group is not None else None)
        for c in problem.constraints:
            first = self._node(c)
            for name, _ in c.terms[1:]:
                self._union(first, ("v", name))
            self._union(first, ("g", c.group) if c.group is not None else None)
        self.members: dict = {}      # root -> (its vars, its constraints)
        for var in problem.vars:
            self.members.setdefault(self._find(("v", var.name)), ([], []))[0].append(var)
        for c in problem.constraints:
            self.members.setdefault(self._find(self._node(c)), ([], []))[1].append(c)

    @staticmethod
    def _node(c):
        return ("v", c.terms[0][0]) if c.terms else ("g", c.group)

    def _find(self, node):
        parent = self.parent
        root = node
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    def _union(self, a, b) -> None:
        if b is not None:
            self.parent[self._find(a)] = self._find(b)
        else:
            self._find(a)

    def problem(self, names) -> solve.Problem:
        """The parts holding the variables `names`, in the problem's own order."""
        roots = list(dict.fromkeys(self._find(("v", n)) for n in names))
        if len(roots) == 1:
            found, constraints = self.members.get(roots[0], ([], []))
            return solve.Problem(tuple(found), tuple(constraints))
        wanted = set(roots)
        return solve.Problem(
            tuple(v for v in self.vars if self._find(("v", v.name)) in wanted),
            tuple(c for c in self.constraints if self._find(self._node(c)) in wanted))


_KINDS_TRIED = 8       # unknowns compared with at most this many others (each try costs a pass)


def _alike(problem: solve.Problem, names: list[str]) -> dict[str, str]:
    """name -> the first of `names` it is interchangeable with: swapping the two maps every
    constraint onto one of the same group, so both have the same bounds."""
    by_name = {v.name: v for v in problem.vars}
    forms = _forms(problem.constraints, {})
    out: dict[str, str] = {}
    kinds: list[str] = []
    for name in names:
        for kind in kinds[:_KINDS_TRIED]:
            a, b = by_name.get(kind), by_name.get(name)
            if (a is not None and b is not None
                    and (a.integer, a.lo, a.hi, a.lo_closed, a.hi_closed, a.group) ==
                    (b.integer, b.lo, b.hi, b.lo_closed, b.hi_closed, b.group)
                    and _forms(problem.constraints, {kind: name, name: kind}) == forms):
                out[name] = kind
                break
        else:
            kinds.append(name)
            out[name] = name
    return out


def _forms(constraints, swap: dict[str, str]) -> list:
    """The constraints as a sorted list of comparable forms, with variables renamed by `swap`."""
    return sorted((c.group, c.op, c.rhs, tuple(sorted((swap.get(n, n), f) for n, f in c.terms)))
                  for c in constraints)

