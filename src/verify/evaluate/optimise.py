"""Derived bounds: the tightest bounds a problem's groups together imply for its unknowns.

Every bound is an exact optimum (an infimum or supremum, which may not be attained when an
end is open): z3's Optimize for real objectives, galloping and bisection with plain checks for
whole-number ones.  `Parts` splits a problem into its independent parts, so that a question is
asked of the part it concerns only, and finds unknowns the constraints treat alike, so that
their bounds are asked once.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from quicktions import Fraction

from verify.evaluate import exact
from verify.evaluate.linear import Constraint, Problem, Var, _Compiled, _Component, local_row
from verify.evaluate.smt import Z3, Bound, _as_fraction, _Clock

# under "context" the one z3 context a file's questions share, made when first needed
Cache = dict[str, Any]


def bounds(problem: Problem, names: Sequence[str], budget_ms: int = 2000,
           oracle: bool = True) -> dict[str, Bound]:
    """Tightest (lower, upper) bound of each named variable with every group on.

    A bound is the infimum/supremum, exact; it may not be attained when an end
    is open (x < 2 gives upper 2). None where unbounded or not decided within
    the budget. Only the variable's own component is consulted; if that part is
    infeasible both ends are None (call `check()` first).  With `oracle` (the
    default) verify.evaluate.exact answers first and z3 only what that leaves undecided;
    the bounds are the same either way.
    """
    clock = _Clock(budget_ms)
    compiled = _Compiled(problem)
    return {name: _optimise(compiled, [name], clock, None, oracle) for name in names}


def sum_bounds(problem: Problem, names: Sequence[str], budget_ms: int = 2000,
               oracle: bool = True) -> Bound:
    """Tightest (lower, upper) bound of the sum of the named variables; see `bounds()`."""
    clock = _Clock(budget_ms)
    return _optimise(_Compiled(problem), list(names), clock, None, oracle)


class Optimiser:
    """Bounds over one problem, compiled once and asked in one z3 context (made when z3 is
    first needed): every answer is an exact optimum, so sharing them between questions
    changes none (a witness would differ)."""

    def __init__(self, problem: Problem | _Compiled, budget_ms: int = 2000, context: Z3 | None = None,
                 oracle: bool = True, shared: Cache | None = None, clock: _Clock | None = None) -> None:
        self.compiled = problem if isinstance(problem, _Compiled) else _Compiled(problem)
        self.clock = clock or _Clock(budget_ms)
        self.oracle = oracle
        self.shared = {} if shared is None else shared     # holds "context" once made
        if context is not None:
            self.shared["context"] = context

    def bounds(self, names: Sequence[str]) -> dict[str, Bound]:
        return {name: _optimise(self.compiled, [name], self.clock, self.shared, self.oracle)
                for name in names}

    def sum_bounds(self, names: Sequence[str]) -> Bound:
        return _optimise(self.compiled, list(names), self.clock, self.shared, self.oracle)


def _optimise(compiled: _Compiled, names: Sequence[str], clock: _Clock, shared: Cache | None,
              oracle: bool = True) -> Bound:
    """Minimise and maximise the sum of `names` over the components they touch: each end by
    verify.evaluate.exact when `oracle` and it decides, else by z3."""
    ids = [compiled.var(name) for name in names]
    touched = compiled.touched(ids)
    ends: list[Fraction | None] = [None, None]
    todo = [False, True]
    if oracle:
        todo = []
        with clock.free():       # exact propagation: not counted against the budget
            prepared, local = _prepared(compiled, touched, ids)
            asked = [local[i] for i in ids]
            for k, maximise in enumerate((False, True)):
                decided, value = prepared.extreme(asked, maximise)
                if decided:
                    ends[k] = value
                else:
                    todo.append(maximise)
            prepared.release(asked)
        if not todo:
            return ends[0], ends[1]
    with clock.counted():        # z3's time counts, also where the question was asked free()
        _by_z3(compiled, touched, ids, todo, clock, shared, ends)
    return ends[0], ends[1]


def _by_z3(compiled: _Compiled, touched: Sequence[_Component], ids: Sequence[int], todo: list[bool],
           clock: _Clock, shared: Cache | None, ends: list[Fraction | None]) -> None:
    """The ends `todo` (False: the lower, True: the upper) of the sum of `ids`, by z3, into `ends`."""
    import z3  # noqa: PLC0415 (z3 loads only when a file needs it: start-up time)
    shared = {} if shared is None else shared
    if "context" not in shared:
        shared["context"] = z3.Context()
    ctx = shared["context"]
    opt = z3.Optimize(ctx=ctx)
    for comp in touched:
        opt.from_string(compiled.smt(comp))
        for g in comp.groups:
            opt.add(z3.Bool(compiled.literal[g], ctx))
    objective = _objective(z3, ctx, compiled, ids)
    if all(compiled.integer[i] for i in ids):
        solver = z3.Solver(ctx=ctx)
        solver.add(*opt.assertions())
        for maximise in todo:
            ends[maximise] = _int_extreme(z3, solver, objective, clock, maximise=maximise)
    else:
        check: Z3 | None = None
        if any(compiled.integer[i] for c in touched for i in c.var_ids):
            check = z3.Solver(ctx=ctx)
            check.add(*opt.assertions())
        for maximise in todo:
            ends[maximise] = _extreme(opt, objective, clock, maximise=maximise, check=check)


def _prepared(compiled: _Compiled, touched: Sequence[_Component],
              ids: Sequence[int]) -> tuple[exact.Prepared, dict[int, int]]:
    """verify.evaluate.exact's rows of the touched components, propagated once for every question
    about one component; with index -> local number."""
    if len(touched) == 1 and set(ids) <= set(touched[0].var_ids):
        return compiled.prepare(touched[0])
    integer, rows, local = _rows(compiled, touched, ids)
    return exact.Prepared(integer, rows), local


def _rows(compiled: _Compiled, touched: Sequence[_Component],
          ids: Sequence[int]) -> tuple[list[bool], list[exact.Row], dict[int, int]]:
    """The touched components (and any of `ids` in none) for verify.evaluate.exact: (integer, rows,
    index -> local number)."""
    var_ids = sorted({i for c in touched for i in c.var_ids} | set(ids))
    local = {i: k for k, i in enumerate(var_ids)}
    rows = [local_row(f, local) for c in touched for f in c.formulas]
    return [compiled.integer[i] for i in var_ids], rows, local


_UNBOUNDED_PAST = 10**40     # an integer objective found above this is taken as unbounded


@contextmanager
def _scope(solver: Z3, clock: _Clock) -> Iterator[None]:
    """A scope of `solver` (what is added in it is taken back after), its calls timed out by
    what is left of the clock; raises TimeoutError when nothing is left."""
    left = clock.left_ms()
    if left <= 0:
        raise TimeoutError
    solver.push()
    try:
        solver.set("timeout", left)
        yield
    finally:
        solver.pop()


def _int_extreme(z3: ModuleType, solver: Z3, objective: Z3, clock: _Clock,
                 maximise: bool) -> Fraction | None:
    """Exact optimum of a whole-number objective by galloping then bisecting with plain checks.

    Measured: z3's Optimize stalled for its whole budget on a 15-variable integer problem of a
    generated article (bounds of one unreported state), where this takes a few milliseconds."""
    sign = 1 if maximise else -1

    def at_least(bound: int | None) -> int | None:
        """A value of sign*objective >= bound, or None when none exists; raises on unknown."""
        with _scope(solver, clock):
            if bound is not None:
                solver.add(objective >= bound if maximise else objective <= -bound)
            status = str(solver.check())
            if status == "unknown":
                raise TimeoutError
            if status != "sat":
                return None
            return sign * int(_as_fraction(solver.model().eval(objective, model_completion=True)))

    try:
        best = at_least(None)
        if best is None:
            return None
        if best < 0 and (found := at_least(0)) is not None:
            best = found        # a model left far on the other side by an earlier question
        step = 1
        while (found := at_least(best + step)) is not None:
            best, step = found, step * 2
            if best > _UNBOUNDED_PAST:      # far in the direction asked (a model may start
                return None                 # far on the other side: that is not unbounded)
        low, high = best, best + step            # low is reachable, high is not
        while high - low > 1:
            middle = (low + high) // 2
            found = at_least(middle)
            low, high = (found, high) if found is not None else (low, middle)
        return Fraction(sign * low)
    except TimeoutError:
        return None


def _objective(z3: ModuleType, ctx: Z3, compiled: _Compiled, ids: Sequence[int]) -> Z3:
    """The z3 sum of the variables `ids` (Ints lifted to Real when mixed)."""
    ints = all(compiled.integer[i] for i in ids)
    terms: list[Z3] = []
    for i in ids:
        x = z3.Int(f"v{i}", ctx) if compiled.integer[i] else z3.Real(f"v{i}", ctx)
        terms.append(x if ints or not compiled.integer[i] else z3.ToReal(x))
    zero = z3.IntVal(0, ctx) if ints else z3.RealVal(0, ctx)
    return z3.Sum([zero] + terms)


def _extreme(opt: Z3, objective: Z3, clock: _Clock, maximise: bool,
             check: Z3 | None = None) -> Fraction | None:
    """One optimum of `objective`, or None if unbounded, undecided or infeasible.

    `check`, a plain solver over the same assertions, is given for problems that mix whole
    numbers and reals: z3's Optimize has been seen to answer those wrongly (the greatest x
    with x <= 0 and a whole n > x gave -1, not 0), so its answer is kept only when the
    solver confirms it: attained, and nothing beyond it."""
    try:
        with _scope(opt, clock):
            handle = opt.maximize(objective) if maximise else opt.minimize(objective)
            if str(opt.check()) != "sat":
                return None
            infinity, value, epsilon = handle.upper_values() if maximise else handle.lower_values()
            if _as_fraction(infinity) != 0:
                return None
            if check is not None and not _confirmed(check, objective, value, epsilon, clock, maximise):
                return None
            return _as_fraction(value)
    except TimeoutError:        # no time left to ask
        return None


def _confirmed(solver: Z3, objective: Z3, value: Z3, epsilon: Z3, clock: _Clock, maximise: bool) -> bool:
    """Is `value` the attained optimum: reached, and nothing beyond it?"""
    if _as_fraction(epsilon) != 0:
        return False
    try:
        for beyond, status in ((False, "sat"), (True, "unsat")):
            with _scope(solver, clock):
                if beyond:
                    solver.add(objective > value if maximise else objective < value)
                else:
                    solver.add(objective == value)
                if str(solver.check()) != status:
                    return False
    except TimeoutError:        # no time left to ask
        return False
    return True


class Parts:
    """The problem's independent parts, as its compiled form splits it: linked by a shared
    variable or a shared group (a statement's bounds and the relations naming it)."""

    def __init__(self, problem: Problem, compiled: _Compiled | None = None) -> None:
        compiled = compiled or _Compiled(problem)
        self.vars, self.constraints = problem.vars, problem.constraints
        at = compiled.where()
        group_at = {g: k for k, comp in enumerate(compiled.components) for g in comp.groups}
        # a variable's part: its component's number, or its own name where no formula names it
        self.part: dict[str, int | str] = {}
        for var in problem.vars:
            self.part[var.name] = at.get(compiled.index[var.name], var.name)
        # part -> its vars, constraints
        self.members: dict[int | str, tuple[list[Var], list[Constraint]]] = {}
        for var in problem.vars:
            self.members.setdefault(self.part[var.name], ([], []))[0].append(var)
        self.of_constraint = [self.part[c.terms[0][0]] if c.terms else group_at[c.group]
                              for c in problem.constraints]
        for c, key in zip(problem.constraints, self.of_constraint, strict=True):
            self.members.setdefault(key, ([], []))[1].append(c)

    def problem(self, names: Iterable[str]) -> Problem:
        """The parts holding the variables `names`, in the problem's own order."""
        roots = list(dict.fromkeys(self.part[n] for n in names))
        if len(roots) == 1:
            found, constraints = self.members.get(roots[0], ([], []))
            return Problem(tuple(found), tuple(constraints))
        wanted = set(roots)
        return Problem(
            tuple(v for v in self.vars if self.part[v.name] in wanted),
            tuple(c for c, k in zip(self.constraints, self.of_constraint, strict=True) if k in wanted))


_KINDS_TRIED = 8       # unknowns compared with at most this many others (each try costs a pass)


def alike(problem: Problem, names: list[str]) -> dict[str, str]:
    """name -> the first of `names` it is interchangeable with: swapping the two maps every
    constraint onto one of the same group, so both have the same bounds."""
    by_name = {v.name: v for v in problem.vars}
    naming: dict[str, list[Constraint]] = {}      # name -> the constraints naming it
    for c in problem.constraints:
        for n in dict.fromkeys(n for n, _ in c.terms):
            naming.setdefault(n, []).append(c)
    out: dict[str, str] = {}
    kinds: list[str] = []
    for name in names:
        for kind in kinds[:_KINDS_TRIED]:
            a, b = by_name.get(kind), by_name.get(name)
            # the swap leaves the constraints naming neither as they are: only those naming
            # either need compare
            near = list({id(c): c for c in naming.get(kind, []) + naming.get(name, [])}.values())
            if (a is not None and b is not None
                    and (a.integer, a.lo, a.hi, a.lo_closed, a.hi_closed, a.group) ==
                    (b.integer, b.lo, b.hi, b.lo_closed, b.hi_closed, b.group)
                    and _forms(near, {kind: name, name: kind}) == _forms(near, {})):
                out[name] = kind
                break
        else:
            kinds.append(name)
            out[name] = name
    return out


def _forms(constraints: Iterable[Constraint],
           swap: dict[str, str]) -> list[tuple[str, str, Fraction, tuple[tuple[str, Fraction], ...]]]:
    """The constraints as a sorted list of comparable forms, with variables renamed by `swap`."""
    return sorted((c.group, c.op, c.rhs, tuple(sorted((swap.get(n, n), f) for n, f in c.terms)))
                  for c in constraints)
