"""The whole-article problem as exact linear constraints, compiled for solving.

A `Problem` is a set of exact linear constraints over named quantities (verify.evaluate.judge
makes it from an article).  Each constraint, and each variable's bounds, belongs to a *group*:
the claim or relation it came from, on or off as a whole.  `_Compiled` checks it (every
variable declared, every number exact), numbers its variables, scales each relation to whole
numbers for verify.evaluate.exact, splits the problem into independent components (linked by
a shared variable or a shared group), and writes a component's SMT-LIB text only when z3 is
asked (verify.evaluate.smt).  Compiled with the hot modules (setup.py); smt, which drives z3
and the search that tests replace parts of, is not.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from quicktions import Fraction

from verify.evaluate import exact

OPS = {"<=": "<=", "<": "<", "==": "=", ">=": ">=", ">": ">"}

@dataclass(frozen=True)
class Var:
    """A quantity; `integer` for counts. Bounds are on only while `group` is."""
    name: str
    integer: bool = False
    lo: Fraction | None = None
    hi: Fraction | None = None
    lo_closed: bool = True
    hi_closed: bool = True
    group: str | None = None


@dataclass(frozen=True)
class Constraint:
    """sum(coeff * var for var, coeff in terms) <op> rhs, on while `group` is."""
    group: str
    terms: tuple[tuple[str, Fraction], ...]
    op: str
    rhs: Fraction


@dataclass(frozen=True)
class Problem:
    vars: tuple[Var, ...]
    constraints: tuple[Constraint, ...]


def _exact(value: object, what: str) -> Fraction:
    """An exact Fraction from int/Fraction/Decimal; floats are refused."""
    if type(value) is Fraction:        # the common case, first: a file has many thousands
        return value
    if isinstance(value, (bool, float)) or not isinstance(value, (int, Fraction, Decimal)):
        raise TypeError(f"{what} must be an exact number (int, Fraction, Decimal), got {value!r}")
    return Fraction(value)


# -- compilation to SMT-LIB text ------------------------------------------

class _Formula(NamedTuple):
    """One relation: sum(c * v[i] for i, c in terms) <op> rhs; its SMT-LIB text is written
    only when z3 is asked (`_Compiled.text`), its row for verify.evaluate.exact when a
    component is solved (`local_row`): a large file holds many thousands, each once."""
    group: str | None
    var_ids: tuple[int, ...]
    terms: tuple[tuple[int, Fraction], ...]
    op: str
    rhs: Fraction


class _Component(NamedTuple):
    var_ids: tuple[int, ...]
    formulas: tuple[_Formula, ...]
    groups: tuple[str, ...]


class _Compiled:
    """A Problem as SMT-LIB formulas, split into independent components."""

    def __init__(self, problem: Problem) -> None:
        self.names = tuple(v.name for v in problem.vars)
        self.index = {name: i for i, name in enumerate(self.names)}
        if len(self.index) != len(self.names):
            dup = next(n for n in self.names if self.names.count(n) > 1)
            raise ValueError(f"variable {dup!r} is declared twice")
        self.integer = tuple(v.integer for v in problem.vars)
        self.formulas = [self.linear(group, terms, op, rhs) for group, terms, op, rhs in _relations(problem)]
        group_names = sorted({f.group for f in self.formulas if f.group is not None})
        self.literal = {g: f"g{k}" for k, g in enumerate(group_names)}
        self.components = _components(len(self.names), self.formulas)
        self.texts: dict[int, str] = {}      # id of a component -> its SMT-LIB text
        # id of a component -> `rows()`
        self.exact_rows: dict[int, tuple[list[bool], list[exact.Row]]] = {}
        # id of a component -> verify.evaluate.optimise's rows propagated once, with index -> local number
        self.prepared: dict[int, tuple[exact.Prepared, dict[int, int]]] = {}
        self._component_of: dict[int, int] | None = None

    def prepare(self, comp: _Component) -> tuple[exact.Prepared, dict[int, int]]:
        """The component's rows for verify.evaluate.exact, propagated once for the conflict
        search and every bound asked after; with index -> local number."""
        key = id(comp)
        if key not in self.prepared:
            self.prepared[key] = (exact.Prepared(*self.rows(comp)),
                                  {i: k for k, i in enumerate(comp.var_ids)})
        return self.prepared[key]

    def where(self) -> dict[int, int]:
        """variable -> the number of the component holding it (none: no formula names it)."""
        if self._component_of is None:
            self._component_of = {v: k for k, comp in enumerate(self.components) for v in comp.var_ids}
        return self._component_of

    def touched(self, ids: Iterable[int]) -> list[_Component]:
        """The components holding the variables `ids`, in the problem's order."""
        where = self.where()
        return [self.components[k] for k in sorted({where[i] for i in ids if i in where})]

    def rows(self, comp: _Component) -> tuple[list[bool], list[exact.Row]]:
        """The component for verify.evaluate.exact: its variables numbered from 0, in the order of
        `comp.var_ids` (written once)."""
        key = id(comp)
        if key not in self.exact_rows:
            local = {i: k for k, i in enumerate(comp.var_ids)}
            self.exact_rows[key] = ([self.integer[i] for i in comp.var_ids],
                                    [local_row(f, local) for f in comp.formulas])
        return self.exact_rows[key]

    def var(self, name: str) -> int:
        try:
            return self.index[name]
        except KeyError:
            raise ValueError(f"constraint uses undeclared variable {name!r}") from None

    def linear(self, group: str | None, terms: Sequence[tuple[str, object]], op: str,
               rhs: Fraction) -> _Formula:
        """sum(c*x) op rhs, checked: every variable declared, every number exact."""
        if op not in OPS:
            raise ValueError(f"unknown operator {op!r}; expected one of {tuple(OPS)}")
        if len(terms) == 1 and type(terms[0][1]) is Fraction:    # a figure's bound: the common case
            i = self.var(terms[0][0])
            term = ((i, terms[0][1]),)
            return _Formula(group, (i,), term, op, rhs)
        coeffs = tuple((self.var(name), c if type(c) is Fraction else _exact(c, f"coefficient of {name}"))
                       for name, c in terms)
        return _Formula(group, tuple(sorted({i for i, _ in coeffs})), coeffs, op, rhs)

    def text(self, f: _Formula) -> str:
        """The SMT-LIB text of a formula, scaled to integer coefficients; pure Int when all
        its variables are."""
        coeffs, op, rhs = f.terms, f.op, f.rhs
        scale = math.lcm(rhs.denominator, *(c.denominator for _, c in coeffs))
        ints = all(self.integer[i] for i, _ in coeffs)
        if scale == 1:
            lhs = self.sum([(i, c.numerator) for i, c in coeffs], ints)
            smt = f"({OPS[op]} {lhs} {_num(rhs.numerator, ints)})"
        else:
            lhs = self.sum([(i, int(c * scale)) for i, c in coeffs], ints)
            smt = f"({OPS[op]} {lhs} {_num(int(rhs * scale), ints)})"
        return smt

    def sum(self, coeffs: Sequence[tuple[int, int]], ints: bool) -> str:
        """SMT-LIB sum of integer-coefficient terms (Ints lifted to Real if needed)."""
        parts = []
        for i, c in coeffs:
            x = f"v{i}" if ints or not self.integer[i] else f"(to_real v{i})"
            if c:
                parts.append(x if c == 1 else f"(* {_num(c, ints)} {x})")
        if not parts:
            return _num(0, ints)
        return parts[0] if len(parts) == 1 else f"(+ {' '.join(parts)})"

    def smt(self, comp: _Component) -> str:
        """Declarations and (group-guarded) assertions of one component (written once)."""
        key = id(comp)
        if key not in self.texts:
            self.texts[key] = self._smt(comp)
        return self.texts[key]

    def _smt(self, comp: _Component) -> str:
        decls = [f"(declare-const v{i} {'Int' if self.integer[i] else 'Real'})" for i in comp.var_ids]
        decls += [f"(declare-const {self.literal[g]} Bool)" for g in comp.groups]
        asserts = [f"(assert {self.text(f)})" if f.group is None else
                   f"(assert (=> {self.literal[f.group]} {self.text(f)}))" for f in comp.formulas]
        return "\n".join(decls + asserts)


def local_row(f: _Formula, local: dict[int, int]) -> exact.Row:
    """The formula scaled to whole numbers for verify.evaluate.exact (`exact.scaled`), over a
    component's own numbering of its variables."""
    terms = f.terms
    if len(terms) == 1:
        ((i, c),) = terms
        return exact.scaled(f.group, ((local[i], c),), f.op, f.rhs)
    return exact.scaled(f.group, tuple((local[i], c) for i, c in terms), f.op, f.rhs)


def _num(n: int, ints: bool) -> str:
    """An exact SMT-LIB numeral of sort Int or Real."""
    text = f"{abs(n)}" if ints else f"{abs(n)}.0"
    return text if n >= 0 else f"(- {text})"


def _relations(problem: Problem) -> Iterator[tuple[str | None, tuple[tuple[str, Fraction], ...], str,
                                                   Fraction]]:
    """(group, terms, op, rhs) for every var bound and every constraint."""
    for v in problem.vars:
        term = ((v.name, _ONE),)
        if v.lo is not None:
            lo = v.lo if type(v.lo) is Fraction else _exact(v.lo, f"{v.name}.lo")
            yield v.group, term, ">=" if v.lo_closed else ">", lo
        if v.hi is not None:
            hi = v.hi if type(v.hi) is Fraction else _exact(v.hi, f"{v.name}.hi")
            yield v.group, term, "<=" if v.hi_closed else "<", hi
    for c in problem.constraints:      # (the message is made only for a number that is not exact)
        yield c.group, c.terms, c.op, c.rhs if type(c.rhs) is Fraction else _exact(c.rhs, f"rhs of {c.group}")


_ONE = Fraction(1)


def _components(nvars: int, formulas: list[_Formula]) -> list[_Component]:
    """Independent parts: formulas linked by a shared variable or a shared group."""
    parent = list(range(nvars))
    group_node: dict[str, int] = {}

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    nodes = []
    for f in formulas:
        ids = list(f.var_ids)
        if f.group is not None:
            if f.group not in group_node:
                group_node[f.group] = len(parent)
                parent.append(len(parent))
            ids.append(group_node[f.group])
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
        nodes.append(ids[0])
    members: dict[int, list[_Formula]] = {}
    for f, node in zip(formulas, nodes, strict=True):
        members.setdefault(find(node), []).append(f)
    var_ids: dict[int, set[int]] = {}
    for i in range(nvars):
        var_ids.setdefault(find(i), set()).add(i)
    return [_Component(tuple(sorted(var_ids.get(root, ()))), tuple(fs),
                       tuple(sorted({f.group for f in fs if f.group is not None})))
            for root, fs in members.items()]
