"""Timing of verify.evaluate.smt on synthetic claims-shaped problems (a benchmark, not a test).

Each article "block" is a table: a total with a rounding interval, parts of which
about two thirds are reported (exactly or "about"), the rest unknown non-negative
integers; "X had the most"; a share of the total as a rounded percent (rational
coefficients); two money amounts (reals) and their rounded change; and the same
figure repeated in the next block, which chains the blocks into one problem.
Every figure comes from a true world, so the problem is feasible; the injected
version pushes one total above everything its parts can hold.

Run:  PYTHONPATH=src python bench/solve_bench.py
"""
from __future__ import annotations

import itertools
import random
import sys
import time

from quicktions import Fraction as F

from verify.evaluate.optimise import bounds, sum_bounds
from verify.evaluate.smt import Constraint, Problem, Var, check

ONE = F(1)
BUDGET_MS = 60_000
SIZES = (100, 1_000, 10_000)


def _about(rng: random.Random, value: int, name: str, group: str) -> Var:
    """A reported count, exact or rounded to the nearest 10 ('about 40': [35, 45])."""
    if rng.random() < 0.5 or value < 10:
        return Var(name, integer=True, lo=F(value), hi=F(value), group=group)
    shown = round(value, -1)
    return Var(name, integer=True, lo=F(shown - 5), hi=F(shown + 5), group=group)


def _block(rng: random.Random, b: int, vars_: list, cons: list, broken: bool, m0: F | None) -> dict:
    """One table of figures; returns names the bench asks bounds of."""
    k = rng.randint(5, 9)
    values = [rng.randint(0, 200) for _ in range(k)]
    top = max(range(k), key=values.__getitem__)
    parts = [f"b{b}.p{i}" for i in range(k)]
    unknown = []
    for i, (name, value) in enumerate(zip(parts, values, strict=True)):
        if i == top or rng.random() < 0.65:
            vars_.append(_about(rng, value, name, f"b{b}.claim{i}"))
        else:
            vars_.append(Var(name, integer=True, lo=F(0)))
            unknown.append(name)
    total = sum(values)
    if broken:  # above every reported maximum plus each unknown at most the top
        reported_max = sum(v.hi for v in vars_[-k:] if v.hi is not None)
        total = int(reported_max + len(unknown) * vars_[-k + top].hi) + 1
    vars_.append(Var(f"b{b}.total", integer=True, lo=F(total), hi=F(total + 10), group=f"b{b}.total"))
    cons.append(Constraint(f"b{b}.sum", tuple((p, ONE) for p in parts) + ((f"b{b}.total", -ONE),),
                           "==", F(0)))
    cons.extend(Constraint(f"b{b}.rank", ((parts[top], ONE), (p, -ONE)), ">=", F(0))
                for p in parts if p != parts[top])
    if not broken:  # keep the injected conflict about the total, rank and parts
        _share(b, parts[0], values[0], sum(values), cons)
    m1 = _money(rng, b, vars_, cons, m0)
    if b > 0:  # the same figure told again in the next table
        cons.append(Constraint(f"b{b}.same", ((f"b{b - 1}.m1", ONE), (f"b{b}.m0", -ONE)), "==", F(0)))
    return {"unknown": unknown, "parts": parts, "m1": m1}


def _share(b: int, part: str, value: int, total: int, cons: list) -> None:
    """'part was 12.3% of the total', percent rounded to one decimal: linear in part, total."""
    if total == 0:
        return
    shown = round(F(value * 100, total), 1)
    lo, hi = (F(shown) - F(1, 20)) / 100, (F(shown) + F(1, 20)) / 100
    cons.append(Constraint(f"b{b}.share", ((part, ONE), (f"b{b}.total", -lo)), ">=", F(0)))
    cons.append(Constraint(f"b{b}.share", ((part, ONE), (f"b{b}.total", -hi)), "<=", F(0)))


def _money(rng: random.Random, b: int, vars_: list, cons: list, m0: F | None) -> F:
    """Two amounts in $ millions (reals, one decimal) and 'a rise of about N%'; returns m1."""
    m0 = F(rng.randint(10, 500), 10) if m0 is None else m0
    m1 = m0 * F(rng.randint(80, 150), 100)
    for name, m in ((f"b{b}.m0", m0), (f"b{b}.m1", m1)):
        shown = F(round(m, 1))
        vars_.append(Var(name, lo=shown - F(1, 20), hi=shown + F(1, 20), group=f"{name}.claim"))
    pct = round((m1 / m0 - 1) * 100)
    cons.append(Constraint(f"b{b}.change", ((f"b{b}.m1", ONE), (f"b{b}.m0", -(1 + F(2 * pct - 1, 200)))),
                           ">=", F(0)))
    cons.append(Constraint(f"b{b}.change", ((f"b{b}.m1", ONE), (f"b{b}.m0", -(1 + F(2 * pct + 1, 200)))),
                           "<=", F(0)))
    return m1


def make(claims: int, seed: int = 0, broken: int | None = None) -> tuple[Problem, list[dict]]:
    """A problem with about `claims` groups; block `broken` gets an impossible total."""
    rng = random.Random(seed)
    vars_, cons, blocks = [], [], []
    b = 0
    while len(_groups(vars_, cons)) < claims:
        blocks.append(_block(rng, b, vars_, cons, broken == b, blocks[-1]["m1"] if blocks else None))
        b += 1
    return Problem(tuple(vars_), tuple(cons)), blocks


def _groups(vars_, cons) -> set[str]:
    return {v.group for v in vars_ if v.group} | {c.group for c in cons}


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run(size: int) -> dict:
    problem, blocks = make(size)
    ok, t_check = _timed(lambda: check(problem, BUDGET_MS))
    broken, _ = make(size, broken=len(blocks) // 2)
    bad, t_conflict = _timed(lambda: check(broken, BUDGET_MS))
    picks = [n for blk in blocks[:3] for n in blk["unknown"]][:4]
    _, t_bounds = _timed(lambda: bounds(problem, picks, BUDGET_MS))
    hidden = blocks[len(blocks) // 2]["unknown"] or blocks[0]["parts"]
    _, t_sum = _timed(lambda: sum_bounds(problem, hidden, BUDGET_MS))
    return {"size": size, "groups": len(_groups(problem.vars, problem.constraints)),
            "vars": len(problem.vars), "constraints": len(problem.constraints),
            "check": t_check, "status": ok.status, "conflict": t_conflict,
            "bad": bad.status, "core": len(bad.conflict), "minimal": bad.undecided is None,
            "bounds": t_bounds, "nbounds": len(picks), "sum_bounds": t_sum}


def main() -> None:
    rows = []
    print(f"{'claims':>7} {'groups':>7} {'vars':>6} {'cons':>6} | {'check s':>8} {'status':>6} | "
          f"{'conflict s':>10} {'status':>6} {'|min|':>5} {'minimal':>7} | {'bounds s':>8} {'(n)':>4} | "
          f"{'sum_bounds s':>12}")
    for size in SIZES:
        r = run(size)
        rows.append(r)
        print(f"{r['size']:>7} {r['groups']:>7} {r['vars']:>6} {r['constraints']:>6} | {r['check']:>8.3f} "
              f"{r['status']:>6} | {r['conflict']:>10.3f} {r['bad']:>6} {r['core']:>5} {r['minimal']!s:>7} | "
              f"{r['bounds']:>8.3f} {r['nbounds']:>4} | {r['sum_bounds']:>12.3f}", flush=True)
    for small, big in itertools.pairwise(rows):
        ratios = "  ".join(f"{k} x{big[k] / small[k]:.1f}"
                           for k in ("check", "conflict", "bounds", "sum_bounds"))
        print(f"ratio {big['size']}/{small['size']}: {ratios}")


if __name__ == "__main__":
    sys.exit(main())
