"""Whole-article reasoning: feasibility, minimal conflicting sets and derived bounds.

A `Problem` is a set of exact linear constraints over named quantities. Each
constraint (and each variable's bounds) belongs to a *group*, normally the id of
the claim or relation it came from; a group is on or off as a whole. The module
knows nothing about claims: the engine translates claims into a Problem.

- `check()` says whether all groups can hold together. When they cannot, it
  names a minimal set of groups that cannot all hold: z3's unsat core is only a
  candidate, shrunk by deletion until every member is shown to be needed.
- `conflicts()` names every minimal set (verify.evaluate.judge reports them all).
- verify.evaluate.optimise gives the tightest bounds that the groups together imply for
  unknown quantities ("the unreported states hold 32").

Example (passes): total 10 = A 4 + B 3 + C + D, C and D non-negative integers.
Example (fails):  the same with total 20 and "A had the most" (A >= C, A >= D):
C + D = 13 but each is at most 4, so {total, A, B, rank} cannot all hold.

How: every number is an exact Fraction; verify.evaluate.linear scales each linear
constraint to integer coefficients (written as SMT-LIB text for z3: fast to load, exact)
and splits the problem into independent components (linked by shared variables or a
shared group); each is solved on its own, so an article's unrelated tables cost what they
cost alone. z3 is imported lazily: importing this module is cheap.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from quicktions import Fraction

from verify.evaluate import exact
from verify.evaluate.linear import Constraint as Constraint
from verify.evaluate.linear import Problem as Problem
from verify.evaluate.linear import Var as Var
from verify.evaluate.linear import _Compiled, _Component
from verify.model import record

Z3 = Any      # a z3 object (solver, context, expression, numeral): z3-solver ships no types
Decided = tuple[str, tuple[str, ...]]       # (status, core: sorted groups when "unsat")
Decider = Callable[[list[str]], Decided]    # groups on -> their status and core


@record()
class Outcome:
    """Result of `check()`.

    status "unsat" with an empty conflict means the always-on bounds alone are
    infeasible. status "unsat" with `undecided` set means the budget ran out
    while shrinking: the conflict cannot all hold but may not be minimal.
    """
    status: str
    conflict: tuple[str, ...] = ()
    model: dict[str, Fraction] | None = None
    undecided: str | None = None


Bound = tuple[Fraction | None, Fraction | None]


def _as_fraction(val: Z3) -> Fraction:
    """A z3 numeral (Int or Real) as an exact Fraction."""
    if val.is_int():
        return Fraction(val.as_long())
    return Fraction(val.numerator_as_long(), val.denominator_as_long())


# -- feasibility and minimal conflicts -------------------------------------

class _Clock:
    """A budget of this process's CPU time shared by every z3 call of one request: what a file
    costs, not what other work on the machine takes, so a loaded machine (CI, --jobs) decides
    what a quiet one does.  Time spent `free()` is not counted: verify.evaluate.exact's
    propagation of a part, which ends in time proportional to the part's size (like reading
    it), so a large file is not cut short by its size alone; `counted()` counts again inside
    a free block (z3's calls among the free work of the derived bounds)."""

    def __init__(self, budget_ms: int) -> None:
        self.budget = max(int(budget_ms), 1) / 1000
        self.spent = 0.0                                   # seconds counted so far
        self.since: float | None = time.process_time()     # counting since; None while free

    def left_ms(self) -> int:
        running = time.process_time() - self.since if self.since is not None else 0.0
        return int((self.budget - self.spent - running) * 1000)

    @contextmanager
    def free(self) -> Iterator[None]:
        since = self.since
        if since is None:           # inside another free() already
            yield
            return
        self.spent += time.process_time() - since
        self.since = None
        try:
            yield
        finally:
            self.since = time.process_time()

    @contextmanager
    def counted(self) -> Iterator[None]:
        if self.since is not None:      # counting already
            yield
            return
        self.since = time.process_time()
        try:
            yield
        finally:
            self.spent += time.process_time() - self.since
            self.since = None


def _run(solver: Z3, clock: _Clock, assumptions: Sequence[Z3] = (), most_ms: int | None = None) -> str:
    """One z3 check within what is left of the budget (and `most_ms`, if given):
    'sat'|'unsat'|'unknown'."""
    left = clock.left_ms()
    if left <= 0:
        return "unknown"
    solver.set("timeout", left if most_ms is None else min(left, most_ms))
    return str(solver.check(*assumptions))


_INCREMENTAL_MS = 250      # the most an incremental check may take before a fresh solver tries


def _decided(solver: Z3, clock: _Clock, lits: dict[str, Z3], groups: Sequence[str]) -> Decided:
    """(status, core) of one z3 check with `groups` on, within what is left of the budget.

    A check with assumptions runs z3's incremental solver, which can search without end where
    whole numbers and reals mix and a cut is needed (x0 = x1 + x2 with x0, x1 whole and
    0 < x2 < 1/2 cannot hold, yet it spent any budget on it), while a fresh solver (z3's
    tactics, not incremental) decides that at once.  So the incremental check gets at most
    _INCREMENTAL_MS, then a fresh solver the rest, with the groups asserted.  That one gives no
    core: its core is every group on, a conflict but not a minimal one (callers minimise by
    deletion, each check again through here)."""
    on = [lits[g] for g in groups]
    status = _run(solver, clock, on, _INCREMENTAL_MS)
    if status == "unsat":
        return status, _core_groups(solver, lits)
    if status == "sat" or clock.left_ms() <= 0:
        return status, ()
    import z3  # noqa: PLC0415 (loaded already: `solver` is z3's)
    fresh = z3.Tactic("default", solver.ctx).solver()
    fresh.add(*solver.assertions(), *on)
    status = _run(fresh, clock)
    return status, (tuple(sorted(groups)) if status == "unsat" else ())


def check(problem: Problem, budget_ms: int = 2000) -> Outcome:
    """Can all groups hold together? Gives a witness, or a minimal conflicting set.

    The witness has every variable (0 for one nothing constrains). Independent
    parts are checked in order of appearance; the first part that cannot hold
    gives the conflict. `budget_ms` covers the whole call, shrinking included.
    """
    clock = _Clock(budget_ms)
    compiled = _Compiled(problem)
    import z3  # noqa: PLC0415 (z3 loads only when a file needs it: start-up time)
    ctx = z3.Context()
    model = {name: Fraction(0) for name in compiled.names}  # unconstrained vars
    undecided: list[str] = []
    for comp in compiled.components:
        solver = z3.Solver(ctx=ctx)
        solver.from_string(compiled.smt(comp))
        lits = {g: z3.Bool(compiled.literal[g], ctx) for g in comp.groups}
        status = _run(solver, clock, list(lits.values()))
        if status == "unsat":
            core = _core_groups(solver, lits)
            conflict, unsure = _shrink(solver, lits, core, clock)
            return Outcome("unsat", conflict=conflict, undecided=unsure)
        if status == "unknown":
            undecided.extend(comp.groups)
        else:
            model.update(_model(z3, ctx, compiled, comp, solver.model()))
    if undecided:
        shown = ", ".join(undecided[:8]) + (", ..." if len(undecided) > 8 else "")
        return Outcome("unknown", undecided=(
            f"whether the groups {shown} ({len(undecided)} in all) can hold together "
            f"was not decided within {budget_ms} ms"))
    return Outcome("sat", model=model)


class _Lits(dict[str, Z3]):
    """group -> its z3 literal, with the literals' names: a core is read back without
    printing every literal of the problem (z3's printer made that a second per large file)."""

    def __init__(self, z3: ModuleType, ctx: Z3, names: dict[str, str]) -> None:
        super().__init__((group, z3.Bool(name, ctx)) for group, name in names.items())
        self.by_name = {name: group for group, name in names.items()}


def _core_groups(solver: Z3, lits: dict[str, Z3]) -> tuple[str, ...]:
    """z3's unsat core, as sorted group names (a candidate, not yet minimal)."""
    by_name: dict[str, str] = (getattr(lits, "by_name", None)
                               or {str(lit): group for group, lit in lits.items()})
    return tuple(sorted(by_name[lit.decl().name()] for lit in solver.unsat_core()))


def _shrink(solver: Z3, lits: dict[str, Z3], core: tuple[str, ...],
            clock: _Clock) -> tuple[tuple[str, ...], str | None]:
    """Deletion-based minimisation of a z3 core (see `_shrink_by`)."""
    return _shrink_by(_z3_decider(solver, lits, clock), core)


def _z3_decider(solver: Z3, lits: dict[str, Z3], clock: _Clock) -> Decider:
    """groups -> (status, core): one z3 check with those groups on."""
    def decide(groups: list[str]) -> Decided:
        return _decided(solver, clock, lits, groups)
    return decide


def _shrink_by(decide: Decider, core: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """Deletion-based minimisation: drop each member whose removal stays unsat.

    After an unsat re-check the candidate is cut down to the new core. A member
    shown needed (its removal gave sat) stays needed in every subset, so the
    result is minimal unless some re-check ran out of budget.
    """
    current = list(core)
    tested: set[str] = set()
    unsure: list[str] = []
    while (member := next((g for g in current if g not in tested), None)) is not None:
        status, smaller = decide([g for g in current if g != member])
        if status == "unsat":
            kept = set(smaller) - {member}
            current = [g for g in current if g in kept]
            continue
        tested.add(member)
        if status == "unknown":
            unsure.append(member)
    undecided = None
    if unsure:
        undecided = ("the groups cannot all hold, but whether "
                     + ", ".join(sorted(unsure)) + " is needed was not decided within the budget")
    return tuple(sorted(current)), undecided


def _model(z3: ModuleType, ctx: Z3, compiled: _Compiled, comp: _Component,
           model: Z3) -> dict[str, Fraction]:
    """Exact values of a component's variables in a z3 model."""
    make = {True: z3.Int, False: z3.Real}
    return {compiled.names[i]: _as_fraction(model.eval(make[compiled.integer[i]](f"v{i}", ctx),
                                                       model_completion=True))
            for i in comp.var_ids}


@record()
class Conflicts:
    """Result of `conflicts()`: every minimal set of groups that cannot hold together.

    `complete` is False when the enumeration stopped (budget or `most`): more sets may exist.
    `undecided` names groups of parts whose feasibility was not decided. `feasible` holds the
    groups of the independent parts that can hold together (only there are bounds meaningful).
    """
    sets: tuple[tuple[str, ...], ...]
    complete: bool
    undecided: tuple[str, ...] = ()
    feasible: frozenset[str] = frozenset()


@dataclass
class _Tally:
    """What the search of the parts has found so far, gathered for `Conflicts`."""

    found: list[tuple[str, ...]] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    feasible: set[str] = field(default_factory=set)
    complete: bool = True

    def searched(self, groups: Sequence[str], own: list[tuple[str, ...]], done: bool,
                 unsure: bool) -> None:
        """One part's search (`_all_sets`): its sets; the part is undecided when the search
        was, and feasible when it finished without a set."""
        if unsure:
            self.undecided.extend(groups)
        elif not own and done:
            self.feasible.update(groups)
        self.found.extend(own)
        self.complete = self.complete and done


CHUNK = 64      # independent parts asked together in one call


def conflicts(problem: Problem, budget_ms: int = 2000, most: int = 16,
              oracle: bool = True, clock: _Clock | None = None,
              compiled: _Compiled | None = None) -> Conflicts:
    """Every minimal conflicting set of groups, found by a hitting-set tree (Reiter): a set is
    found, then each of its members is switched off in turn and the rest searched again.

    The result is the same whatever the order of the problem's groups: each set is minimal
    (deletion-checked), and the tree visits every minimal set unless `most` sets in one
    independent part, or the budget, stop it (then `complete` is False).

    With `oracle` (the default) each independent part is first decided by verify.evaluate.exact (exact
    propagation and a checked witness), and z3 is asked only what that leaves undecided: the
    same sets come out either way (a part whose search stops at `most` sets is searched again
    by z3 alone, so that which sets are found does not depend on the path), and z3 is not
    imported when nothing is left to it.  The parts left to z3 are asked together, CHUNK at a
    time: in a part of an article that holds, one call decides them all; a part named by the
    core of a failed call is searched on its own, and the others asked again without it.

    The budget (or `clock`, shared with later questions) counts z3's calls and the search for
    the sets of a part that cannot hold; each part's first exact decision is not counted.
    `compiled`, the problem already compiled, is shared with the questions asked after (its
    parts' rows and the witnesses found here are kept on it)."""
    if clock is None:
        clock = _Clock(budget_ms)      # the budget is the solver's: compiling is not cut short
    if compiled is None:
        with clock.free():
            compiled = _Compiled(problem)
    tally = _Tally()
    components = compiled.components
    if oracle:
        left: list[_Component] = []
        for comp in components:
            if clock.left_ms() <= 0:
                tally.undecided.extend(comp.groups)
                continue
            with clock.free():
                part = _Part(compiled, comp, clock)
                first = part.exact(comp.groups)
            if first == "sat":
                tally.feasible.update(comp.groups)
            elif first == "unknown":
                left.append(comp)       # not decided exactly: z3's, with the parts left to it
            else:
                own, done, unsure = _all_sets(part.decide, comp.groups, most)
                if len(own) >= most and not unsure:
                    left.append(comp)
                    continue
                tally.searched(comp.groups, own, done, unsure)
        components = left
    if components:
        _z3_conflicts(compiled, components, clock, most, tally)
    return Conflicts(tuple(sorted(set(tally.found))), tally.complete and not tally.undecided,
                     tuple(tally.undecided), frozenset(tally.feasible))


class _Part:
    """One component, decided by verify.evaluate.exact first and by z3 (set up on first need) for
    what exact leaves undecided."""

    def __init__(self, compiled: _Compiled, comp: _Component, clock: _Clock) -> None:
        self.compiled, self.comp, self.clock = compiled, comp, clock
        self.integer, self.rows = compiled.rows(comp)
        self.solver: Z3 | None = None
        self.lits: dict[str, Z3] = {}
        self.known: dict[frozenset[str], tuple[str, tuple[str, ...]]] = {}

    def decide(self, groups: Iterable[str]) -> Decided:
        """(status, core) with `groups` on: 'sat' | 'unsat' (core: groups that alone cannot
        hold, sorted) | 'unknown' (the budget ran out)."""
        key = frozenset(groups)
        if key in self.known:
            return self.known[key]
        if self.clock.left_ms() <= 0:
            return "unknown", ()
        if self.exact(groups) == "unknown":
            self.known[key] = self._z3(groups)
        return self.known[key]

    def exact(self, groups: Iterable[str]) -> str:
        """verify.evaluate.exact's answer with `groups` on; a decided one is kept for `decide`."""
        key = frozenset(groups)
        rows = self.rows if len(key) == len(self.comp.groups) else \
            [r for r in self.rows if r.group is None or r.group in key]
        if rows is self.rows:       # every group on: kept for the bounds asked after
            prepared, _ = self.compiled.prepare(self.comp)
            answer = prepared.decide()
        else:
            answer = exact.decide(self.integer, rows)
        if answer.status != "unknown":
            self.known[key] = answer.status, answer.core
        return answer.status

    def _z3(self, groups: Iterable[str]) -> Decided:
        if self.solver is None:
            import z3  # noqa: PLC0415 (z3 loads only when a file needs it: start-up time)
            ctx = z3.Context()
            self.solver = z3.Solver(ctx=ctx)
            self.solver.from_string(self.compiled.smt(self.comp))
            self.lits = _Lits(z3, ctx, {g: self.compiled.literal[g] for g in self.comp.groups})
        return _decided(self.solver, self.clock, self.lits, list(groups))


def _z3_conflicts(compiled: _Compiled, components: list[_Component], clock: _Clock,
                  most: int, tally: _Tally) -> None:
    """`conflicts()` of the given components by z3 alone, added to `tally`."""
    import z3  # noqa: PLC0415 (z3 loads only when a file needs it: start-up time)
    ctx = z3.Context()
    for start in range(0, len(components), CHUNK):
        chunk = components[start:start + CHUNK]
        if clock.left_ms() <= 0:       # spent: the rest is undecided, without setting it up
            tally.undecided.extend(g for comp in chunk for g in comp.groups)
            continue
        part_of = {g: k for k, comp in enumerate(chunk) for g in comp.groups}
        together = z3.Solver(ctx=ctx)
        together.from_string("\n".join(compiled.smt(comp) for comp in chunk))
        lits = _Lits(z3, ctx, {g: compiled.literal[g] for g in part_of})
        searched: set[int] = set()
        status = "unsat"
        while status == "unsat":
            status, core = _decided(together, clock, lits, [g for g in lits if part_of[g] not in searched])
            if status == "sat":
                break
            failing = (sorted({part_of[g] for g in core} - searched)
                       if status == "unsat" else [k for k in range(len(chunk)) if k not in searched])
            if not failing:
                break
            for k in failing:
                searched.add(k)
                comp = chunk[k]
                if clock.left_ms() <= 0:
                    tally.undecided.extend(comp.groups)
                    continue
                solver = z3.Solver(ctx=ctx)
                solver.from_string(compiled.smt(comp))
                own_lits = _Lits(z3, ctx, {g: compiled.literal[g] for g in comp.groups})
                own, done, unsure = _all_sets(_z3_decider(solver, own_lits, clock), comp.groups, most)
                tally.searched(comp.groups, own, done, unsure)
        if status == "sat":      # every part not searched holds
            tally.feasible.update(g for g, k in part_of.items() if k not in searched)


def _all_sets(decide: Decider, groups: Sequence[str],
              most: int) -> tuple[list[tuple[str, ...]], bool, bool]:
    """(minimal sets of one component, whether the search finished, whether it was undecided).
    `decide(groups on)` gives (status, core)."""
    sets: list[tuple[str, ...]] = []
    queue: list[frozenset[str]] = [frozenset()]
    visited: set[frozenset[str]] = set()
    while queue:
        if len(sets) >= most:
            return sets, False, False
        off = queue.pop(0)
        if off in visited:
            continue
        visited.add(off)
        reused = next((s for s in sets if not set(s) & off), None)   # still conflicts: no call
        if reused is None:
            status, core = decide([g for g in groups if g not in off])
            if status == "unknown":
                return sets, False, not sets
            if status == "sat":
                continue
            conflict, unsure = _shrink_by(decide, tuple(g for g in core if g not in off))
            if unsure:
                return sets, False, False
            sets.append(conflict)
            reused = conflict
        for member in reused:
            queue.append(off | {member})
    return sets, True, False
