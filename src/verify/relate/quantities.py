"""The article's quantities: what its claims state, as exact unknowns and the constraints between them.

A *quantity* is a measure with a value for every dimension of the breakdowns that apply to it.
A breakdown's dimension applies to a measure when some claim of that measure names the
dimension in its scope (or a rank compares the measure over that breakdown); a claim that
leaves such a dimension out states the dimension's whole.  This holds within a *slice*: the
claims of one measure with the same values for the dimensions that have no breakdown
(`{operation: Amber}`), so one operation broken down by state and another by county are two
small cubes, not one product of states and counties.  Dimensions with no breakdown are
labels: `{year: 2020}` and `{}` are different quantities.

Every claim stating a quantity is a *statement* about it; claims that state the same interval
for the same quantity (47 in the article, 47 in the press release) form one statement.  The
breakdowns combine as a cube: for every breakdown and every combination of the other
dimensions' values, the whole is the sum of its parts, named or not (`size:`).  Every explicit
relation becomes a linear constraint over quantities (share and change are judged by their
rules: they are not linear).  Nothing here depends on the order of the claims file: every list
is sorted by content.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, cast

from quicktions import Fraction

from verify.model import Breakdown, Claim, ClaimsFile, Interval, Outcome, Relation, Unstated
from verify.values import units
from verify.values.numbers import IntervalKey, interval_key, overlap, whole_numbers

ONE = Fraction(1)
MAX_CELLS = 20_000      # quantities one measure's breakdowns may make; past it, not modelled

Coordinates = tuple[tuple[str, str], ...]     # ((folded dimension, folded value), ...), sorted
# (folded measure, coordinates); a claim with no measure is a quantity of its own, keyed with
# ("\0claim", its id) in the measure's place
QuantityKey = tuple[str | tuple[str, str], Coordinates]
Slice = tuple[str, Coordinates]               # (folded measure, the dimensions without breakdowns)
Cell = tuple[str, Coordinates, Coordinates]   # (folded measure, free coordinates, cube coordinates)


@dataclass(frozen=True)
class Statement:
    """One interval stated for a quantity, by one claim or several saying the same."""

    quantity: int
    claims: tuple[str, ...]
    interval: Interval           # in the quantity's unit
    reading: Interval
    text: str                    # as written by the first claim
    rounded: Interval | None = None   # without its hedge (None: the interval)

    @property
    def group(self) -> str:
        return "stated:" + ",".join(self.claims)


@dataclass(frozen=True)
class Quantity:
    index: int
    key: QuantityKey
    measure: str
    scope: tuple[tuple[str, str], ...]   # every coordinate, as written
    unit: str
    integer: bool
    statements: tuple[Statement, ...] = ()
    unnamed: int = 0                     # > 0: stands for that many unnamed parts together
    cube: bool = False                   # takes part in a breakdown's sums
    nonnegative: bool = False

    @property
    def name(self) -> str:
        """'arrested (Kentucky)': how an editor names it (wholes of dimensions left out)."""
        shown = [v for _, v in self.scope]
        return f"{self.measure} ({', '.join(shown)})" if shown else self.measure

    @cached_property        # frozen: computed once (asked for each relation and rule)
    def claims(self) -> tuple[str, ...]:
        return tuple(c for s in self.statements for c in s.claims)

    @cached_property
    def agreed(self) -> Interval | None:
        """The values every statement allows (whole numbers for counts); None if they disagree."""
        return overlap([s.interval for s in self.statements], self.integer) if self.statements \
            else None


@dataclass(frozen=True)
class Constraint:
    """sum(coefficient * quantity) <op> rhs, on while its group is; `kind` says what it is."""

    group: str
    kind: str                                  # sum, subset, rank, count
    terms: tuple[tuple[int, Fraction], ...]
    op: str
    rhs: Fraction
    words: str                                 # the constraint for an editor
    relation: Relation | None = None           # the relation it comes from (implied: made here)
    cites: tuple[str, ...] = ()                # claims whose figures are in its numbers


@dataclass
class Article:
    dims: Dimensions
    quantities: list[Quantity] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    of_claim: dict[str, int] = field(default_factory=dict)     # claim id -> quantity index
    implied: list[Relation] = field(default_factory=list)      # for the rules' explanations
    undecided: list[str] = field(default_factory=list)         # what could not be modelled
    not_added: dict[str, Outcome] = field(default_factory=dict)  # breakdown|measure -> left unsummed
    unconverted: list[tuple[str, int]] = field(default_factory=list)   # claim, its quantity
    ambiguous: list[tuple[str, str, list[str]]] = field(default_factory=list)  # claim, dim, wholes
    cells: dict[QuantityKey, Cell] = field(default_factory=dict)          # cube cell key -> cell
    index: dict[QuantityKey, int] = field(default_factory=dict)           # quantity key -> index
    # quantity key -> the key an explicit same ties it to
    aliases: dict[QuantityKey, QuantityKey] = field(default_factory=dict)
    # relation id -> the quantity of its figure printed nowhere
    unstated: dict[str, int] = field(default_factory=dict)
    _by_key: dict[QuantityKey, int] = field(default_factory=dict, repr=False)

    def by_key(self) -> dict[QuantityKey, int]:
        """Quantity key -> index (kept while the article grows: unnamed parts are added)."""
        if len(self._by_key) != len(self.quantities):
            self._by_key = {q.key: q.index for q in self.quantities}
        return self._by_key

    def statement_groups(self) -> dict[str, Statement]:
        return {s.group: s for q in self.quantities for s in q.statements}


def unnamed_parts(count: int) -> str:
    """'the 7 unnamed parts', 'the unnamed part': how an article's parts without names are named."""
    return "the unnamed part" if count == 1 else f"the {count} unnamed parts"


def canonical_claims(claims: list[Claim]) -> list[Claim]:
    """Claims in an order that does not depend on the file: by source, place in it, id."""
    return sorted(claims, key=claim_order)


def by_key_repr(item: tuple[Any, Any]) -> str:
    """A dict item's place in an order that no dict's order changes: its key's repr.  The same
    order as the whole item's repr (keys are unique, and no tuple's repr begins another's),
    without writing out its value (a slice's every coordinate: 2% of an archive file's
    instructions went to those reprs)."""
    return repr(item[0])


def claim_order(claim: Claim) -> tuple[str, int, str]:
    return (claim.source, claim.span.start if claim.span else 1 << 60, claim.id)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A name as compared: case and surrounding spaces do not count."""
    return text.strip().casefold()


class Dimensions:
    """The breakdowns of a file by dimension: wholes, parts, roots."""

    def __init__(self, breakdowns: tuple[Breakdown, ...]) -> None:
        self.of: dict[tuple[str, str], Breakdown] = {}
        self.names: dict[tuple[str, str], str] = {}      # (dim, folded value) -> as written
        parts_of: dict[str, set[str]] = {}
        for b in sorted(breakdowns, key=lambda b: (fold(b.dimension), fold(b.whole))):
            dim = fold(b.dimension)
            self.of.setdefault((dim, fold(b.whole)), b)
            self.names.setdefault((dim, fold(b.whole)), b.whole.strip())
            for part in b.parts:
                self.names.setdefault((dim, fold(part)), part.strip())
                parts_of.setdefault(dim, set()).add(fold(part))
        self.dims = sorted({d for d, _ in self.of})
        self.roots = {d: sorted(w for (dd, w) in self.of if dd == d and w not in parts_of.get(d, ()))
                      for d in self.dims}

    def values(self, dim: str) -> set[str]:
        return {v for (d, v) in self.names if d == dim}

    def root(self, dim: str) -> str | None:
        roots = self.roots.get(dim, [])
        return roots[0] if len(roots) == 1 else None

    def closure(self, dim: str, named: set[str]) -> list[str]:
        """The values a cube needs along `dim`: those named, their wholes up to the root, and
        the parts of every breakdown reached."""
        values = set(named)
        root = self.root(dim)
        if root is not None:
            values.add(root)
        changed = True
        while changed:
            changed = False
            for (d, whole), b in self.of.items():
                if d != dim:
                    continue
                parts = {fold(p) for p in b.parts}
                if whole in values and not parts <= values:
                    values |= parts
                    changed = True
                if values & parts and whole not in values:
                    values.add(whole)
                    changed = True
        return sorted(values)


def build(claims_file: ClaimsFile) -> Article:
    """The quantities a claims file states (anchored or not), without constraints: see
    verify.relate.relations.build for the whole article."""
    dims = Dimensions(claims_file.breakdowns)
    claims = {c.id: c for c in claims_file.claims}
    figures = canonical_claims([c for c in claims_file.claims if c.figure is not None])
    ranked = _ranked_dimensions(claims_file, claims, dims)
    slices = {c.id: _slice(c, dims) for c in figures if c.measure}
    applies: dict[Slice, set[str]] = {}
    for claim in figures:
        if claim.measure:
            found = {fold(d) for d, _ in claim.scope if fold(d) in dims.dims}
            applies.setdefault(slices[claim.id], set()).update(found)
    for where, dim in ranked:
        applies.setdefault(where, set()).add(dim)
    keys = {c.id: _key(c, applies.get(slices[c.id], ()) if c.id in slices else (), dims) for c in figures}
    ambiguous = [(c.id, d, [dims.names[(d, r)] for r in dims.roots[d]]) for c in figures if c.measure
                 for d in sorted(applies.get(slices[c.id], ()))
                 if len(dims.roots.get(d, ())) > 1 and d not in dict(keys[c.id][1])]
    aliases = _aliases(claims_file, keys)
    article = Article(dims=dims, ambiguous=ambiguous)
    cells = _cells(figures, keys, {i: applies.get(w, set()) for i, w in slices.items()}, dims,
                   article)
    every = sorted({aliases.get(k, k) for k in set(keys.values()) | set(cells)}, key=repr)
    index = {k: i for i, k in enumerate(every)}
    measure_units, measure_names = _measure_units(figures)
    written: dict[tuple[str, str], str] = {}     # scope values as first written (article order)
    for claim in figures:
        for d, v in claim.scope:
            written.setdefault((fold(d), fold(v)), v.strip())
    by_key: dict[QuantityKey, list[Claim]] = {}
    for claim in figures:
        by_key.setdefault(aliases.get(keys[claim.id], keys[claim.id]), []).append(claim)
    for key in every:
        stating = by_key.get(key, [])
        q = _quantity(key, index[key], stating, cells.get(key), dims, measure_units, measure_names,
                      written)
        article.quantities.append(q)
        if stating:
            article.unconverted.extend((c.id, q.index) for c in stating if c.id not in q.claims)
    for claim_id, key in keys.items():
        if any(claim_id in s.claims for s in article.quantities[index[aliases.get(key, key)]].statements):
            article.of_claim[claim_id] = index[aliases.get(key, key)]
    article.cells, article.index, article.aliases = cells, index, aliases
    _unstated(claims_file, claims, article, applies, dims, measure_units)
    return article


def _unstated(claims_file: ClaimsFile, claims: dict[str, Claim], article: Article,
              applies: dict[Slice, set[str]], dims: Dimensions,
              measure_units: dict[str, tuple[str, bool]]) -> None:
    """A change's earlier figure printed nowhere (`from: {measure, scope}`): the quantity a
    claim of that measure and scope would state, stated or not; a new unknown if none is."""
    for relation in sorted(claims_file.relations, key=lambda r: r.id):
        named, later = relation.get("from"), claims.get(relation.get("to"))
        if relation.kind != "change" or not isinstance(named, Unstated) or later is None \
                or later.id not in article.of_claim:
            continue
        key = _key(named, applies.get(_slice(named, dims), ()), dims)
        key = article.aliases.get(key, key)
        if key not in article.index:
            unit, integer = measure_units.get(fold(named.measure),
                                              (later.stated_figure.unit, later.stated_figure.integer))
            article.index[key] = len(article.quantities)
            scope = tuple((d, next((w.strip() for dd, w in named.scope if fold(dd) == d),
                                   dims.names.get((d, v), v))) for d, v in key[1])
            counted = integer or all(s.interval.lo is not None and s.interval.lo >= 0
                                     for s in article.quantities[article.of_claim[later.id]].statements)
            article.quantities.append(Quantity(len(article.quantities), key, named.measure.strip(),
                                               scope, unit, integer, nonnegative=counted))
        article.unstated[relation.id] = article.index[key]


def _slice(claim: Claim | Unstated, dims: Dimensions) -> Slice:
    """(measure, values of the dimensions without breakdowns): where a cube's dimensions apply
    (of a claim or figure with a measure)."""
    return fold(claim.measure or ""), tuple(sorted((fold(d), fold(v)) for d, v in claim.scope
                                             if fold(d) not in dims.dims))


def _key(claim: Claim | Unstated, applying: Iterable[str], dims: Dimensions) -> QuantityKey:
    """(measure, ((dimension, value), ...)): every applying dimension filled with its whole."""
    if not claim.measure:
        return ("\0claim", claim.id), ()
    measure = fold(claim.measure)
    scope = {fold(d): fold(v) for d, v in claim.scope}
    for dim in applying:
        root = dims.root(dim)
        if dim not in scope and root is not None:
            scope[dim] = root
    return measure, tuple(sorted(scope.items()))


def _ranked_dimensions(claims_file: ClaimsFile, claims: dict[str, Claim],
                       dims: Dimensions) -> list[tuple[Slice, str]]:
    """(measure, dimension) for every rank among a breakdown: its parts are compared."""
    out: list[tuple[Slice, str]] = []
    for relation in claims_file.relations:
        among = relation.get("among")
        top = claims.get(relation.get("claim"))
        if relation.kind == "rank" and isinstance(among, str) and top is not None and top.measure:
            for (dim, whole) in dims.of:
                if whole == fold(among):
                    out.append((_slice(top, dims), dim))
    return out


def _aliases(claims_file: ClaimsFile, keys: dict[str, QuantityKey]) -> dict[QuantityKey, QuantityKey]:
    """Quantities an explicit `same` ties together, each mapped to the smallest of its class."""
    parent: dict[QuantityKey, QuantityKey] = {}

    def find(k: QuantityKey) -> QuantityKey:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for relation in claims_file.relations:
        if relation.kind != "same":
            continue
        ids = [i for i in relation.get("same", ()) if i in keys]
        for other in ids[1:]:
            a, b = find(keys[ids[0]]), find(keys[other])
            if a != b:
                low, high = sorted((a, b), key=repr)
                parent[high] = low
    return {k: find(k) for k in parent}


def _measure_units(figures: list[Claim]) -> tuple[dict[str, tuple[str, bool]], dict[str, str]]:
    """A measure's unit (the first, alphabetically, of its claims' units: order-free), whether
    all its figures are whole numbers, and its name as first written."""
    out: dict[str, tuple[str, bool]] = {}
    names: dict[str, str] = {}
    for claim in figures:
        if claim.measure:
            unit, integer = claim.stated_figure.unit, claim.stated_figure.integer
            measure = fold(claim.measure)
            names.setdefault(measure, claim.measure.strip())
            seen = out.get(measure, (unit, integer))
            out[measure] = (min(seen[0], unit), seen[1] and integer)
    return out, names


def _cells(figures: list[Claim], keys: dict[str, QuantityKey], applying: dict[str, set[str]],
           dims: Dimensions, article: Article) -> dict[QuantityKey, Cell]:
    """Every cube cell: key -> (measure, free coordinates, cube coordinates)."""
    slices: dict[Slice, dict[str, set[str]]] = {}
    for claim in figures:
        measure, scope = keys[claim.id]
        cube_dims = applying.get(claim.id)
        if not claim.measure or not cube_dims or not isinstance(measure, str):
            continue
        free = tuple((d, v) for d, v in scope if d not in cube_dims)
        named = slices.setdefault((measure, free), {d: set() for d in cube_dims})
        for d, v in scope:
            if d in cube_dims:
                named[d].add(v)
    out: dict[QuantityKey, Cell] = {}
    for (measure, free), named in sorted(slices.items(), key=by_key_repr):
        axes = sorted(named)
        values = [dims.closure(d, named[d]) for d in axes]
        count = 1
        for along in values:
            count *= max(1, len(along))
        if count > MAX_CELLS:
            article.undecided.append(f"the breakdowns of '{measure}' make {count:,} quantities, more "
                                     f"than the {MAX_CELLS:,} modelled; its sums were not checked")
            continue
        for combo in itertools.product(*values):
            coords = tuple(zip(axes, combo, strict=True))       # sorted: one value per axis
            out[(measure, tuple(sorted(free + coords)) if free else coords)] = (measure, free, coords)
    return out


def _quantity(key: QuantityKey, index: int, claims: list[Claim], cell: Cell | None, dims: Dimensions,
              measure_units: dict[str, tuple[str, bool]], measure_names: dict[str, str],
              written: dict[tuple[str, str], str]) -> Quantity:
    measure, scope = key
    if claims and not claims[0].measure:
        name, unit, integer = claims[0].id, claims[0].stated_figure.unit, claims[0].stated_figure.integer
    else:
        measure = cast(str, measure)     # only a claim with no measure keys its quantity by id
        name = measure_names[measure]
        unit, integer = measure_units[measure]
    shown = tuple((d, _shown(d, v, dims, claims, written)) for d, v in scope)
    if not claims:      # a cell of the breakdowns that no claim states (most of a cube's)
        return Quantity(index, key, name, shown, unit, integer, cube=cell is not None,
                        nonnegative=cell is not None)
    statements: dict[IntervalKey, list[Claim]] = {}
    converted: dict[str, tuple[Interval, Interval, Interval]] = {}
    for claim in claims:
        unit_of = claim.stated_figure.unit
        try:
            factor = ONE if unit_of == unit else units.factor(unit_of, unit)
        except units.UnitError:
            continue        # the units rule reports a quantity stated in incompatible units
        converted[claim.id] = _whole_numbers(claim, factor)
        interval = converted[claim.id][0]
        statements.setdefault(interval_key(interval), []).append(claim)
    made = tuple(sorted((Statement(index, tuple(sorted(c.id for c in group)),
                                   converted[group[0].id][0], converted[group[0].id][1],
                                   group[0].stated_figure.text, converted[group[0].id][2])
                         for group in statements.values()), key=lambda s: s.claims))
    nonneg = all(s.interval.lo is None or s.interval.lo >= 0 for s in made)
    return Quantity(index, key, name, shown, unit, integer, made, cube=cell is not None,
                    nonnegative=cell is not None and nonneg)


def _shown(dim: str, value: str, dims: Dimensions, claims: list[Claim],
           written: dict[tuple[str, str], str]) -> str:
    """A coordinate as written: by a claim of the quantity, else by the breakdowns, else by
    the first claim that names it."""
    for claim in claims:
        for d, v in claim.scope:
            if fold(d) == dim and fold(v) == value:
                return v.strip()
    return dims.names.get((dim, value)) or written.get((dim, value), value)


def _whole_numbers(claim: Claim, factor: Fraction) -> tuple[Interval, Interval, Interval]:
    """A figure's intervals (all it allows, as printed, without its hedge) in the quantity's
    unit; whole numbers only for counts."""
    figure = claim.stated_figure

    def converted(interval: Interval) -> Interval:
        interval = whole_numbers(interval) if figure.integer else interval
        return interval if factor == 1 else interval.scale(factor)

    # most figures are printed as they allow ("158": reading and rounding are its interval):
    # converted once, not three times
    interval, reading, rounded = figure.interval, figure.reading, figure.rounded or figure.interval
    allows = converted(interval)
    printed = allows if reading == interval else converted(reading)
    return (allows, printed, allows if rounded == interval else
            printed if rounded == reading else converted(rounded))


