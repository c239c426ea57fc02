"""Relations: how the article's quantities are tied together, as linear constraints.

- Every breakdown sums: for each breakdown and every combination of the other dimensions'
  values of a slice, the whole is its parts, named (`parts`) or not (`size`).
- Every explicit sum, subset, rank and count relation is a constraint over the quantities its
  claims state (share and change are judged by their rules: they are not linear).
- `rank ... among: all states` compares with every part of that breakdown at the ranked
  quantity's other coordinates, unnamed parts too (each at most the top: m x top >= their sum).

The implied sums are also Relation records, so the sum rule can explain them in its words.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from quicktions import Fraction

from verify.anchor.quotes import figure_at
from verify.model import Breakdown, Claim, ClaimsFile, Figure, Interval, Outcome, Relation, Verdict
from verify.relate.quantities import (
    Article,
    Constraint,
    Coordinates,
    Dimensions,
    Quantity,
    QuantityKey,
    by_key_repr,
    fold,
    unnamed_parts,
)
from verify.relate.quantities import build as quantities_of
from verify.values import direction, units
from verify.values.numbers import fmt

LINEAR = ("sum", "subset", "rank", "count")
ONE, MINUS_ONE = Fraction(1), Fraction(-1)


def build(claims_file: ClaimsFile) -> Article:
    """The article's quantities and every constraint between them, in an order of content."""
    article = quantities_of(claims_file)
    claims = {c.id: c for c in claims_file.claims}
    _cube_sums(article)
    for relation in sorted(claims_file.relations, key=lambda r: r.id):
        try:
            if relation.kind in LINEAR:
                article.constraints.extend(_relation(relation, article, claims))
            elif relation.id in article.unstated:
                article.constraints.extend(_unstated_change(relation, article, claims))
        except (units.UnitError, KeyError):
            continue     # the units and relation rules say why
    article.constraints.sort(key=lambda c: c.group)
    return article


def _cube_sums(article: Article) -> None:
    """For every breakdown and combination of the other coordinates: whole = sum of parts."""
    cells, index, aliases, dims = article.cells, article.index, article.aliases, article.dims
    by_slice: dict[tuple[str, Coordinates], list[Coordinates]] = {}
    for measure, free, coords in cells.values():
        by_slice.setdefault((measure, free), []).append(coords)
    for (measure, free), all_coords in sorted(by_slice.items(), key=by_key_repr):
        present = set(all_coords)
        for coords in sorted(present):
            for position, (dim, whole) in enumerate(coords):
                breakdown = dims.of.get((dim, whole))
                if breakdown is None:
                    continue
                parts = []
                for part in breakdown.parts:
                    other = coords[:position] + ((dim, fold(part)),) + coords[position + 1:]
                    if other not in present:
                        break
                    parts.append(index[_alias(aliases, measure, free, other)])
                else:
                    whole_q = index[_alias(aliases, measure, free, coords)]
                    how = _combine(breakdown, article.quantities[whole_q].unit)
                    if how == "sum":
                        _add_sum(article, breakdown, whole_q, parts, measure, free, coords, position)
                    elif how == "average":
                        _add_mean(article, breakdown, whole_q, parts)
                    else:
                        _not_added(article, breakdown, whole_q, parts)


def _combine(breakdown: Breakdown, unit: str) -> str | None:
    """How a breakdown's parts make its whole, for a measure in `unit`: counts and amounts
    add, whatever the breakdown says (its students add up, though its students per school
    average); a share or a rate, as the breakdown says, or added when it gives a `total:` (the
    answers of one question); else None: subgroups' shares average rather than add (86% of
    girls and 80% of boys are not 166% of pupils), so it must say which."""
    if not units.is_ratio(unit):
        return "sum"
    if breakdown.combine is not None:
        return breakdown.combine
    return "sum" if breakdown.total is not None else None


def _add_mean(article: Article, breakdown: Breakdown, whole_q: int, parts: list[int]) -> None:
    """`combine: average`: the whole is a weighted average of its parts, so it lies between
    the lowest and the highest of them (rule `mean`), when the whole and every part are stated;
    with a part unstated or unnamed nothing bounds the whole."""
    quantities = article.quantities
    whole = quantities[whole_q]
    if (breakdown.size or 0) > len(breakdown.parts) or not whole.statements \
            or not all(quantities[p].statements for p in parts):
        return
    groups = tuple(quantities[p].statements[0].claims[0] for p in parts)
    for statement in whole.statements:      # each figure of the whole, against its parts
        overall = statement.claims[0]
        article.implied.append(Relation(
            "mean", f"mean-{overall}", (("mean", overall), ("of", groups),
                                        ("breakdown", breakdown.whole)), breakdown.loc, implied=True))


def _not_added(article: Article, breakdown: Breakdown, whole_q: int, parts: list[int]) -> None:
    """A share or rate broken down without saying how its parts make the whole: nothing is
    assumed, and when the whole and a part have figures (a check left undone), a warning at
    the breakdown says so (once for its measure)."""
    quantities = article.quantities
    whole = quantities[whole_q]
    stated = [q for q in [whole_q, *parts] if quantities[q].statements]
    if not whole.statements or len(stated) < 2:
        return
    key = f"{fold(breakdown.dimension)}={fold(breakdown.whole)}|{whole.measure}"
    if key in article.not_added:
        return
    ids = tuple(c for q in stated for c in quantities[q].claims)
    article.not_added[key] = Outcome(
        Verdict.CONDITIONAL,
        f"the parts of {breakdown.whole} ({', '.join(breakdown.parts)}) were not checked "
        f"against {whole.name}: {whole.measure} is a {'share' if whole.unit == 'percent' else 'rate'}, "
        "and the shares or rates of subgroups average rather than add; say `combine: sum` on "
        "the breakdown if its parts split what is counted (the answers of one question, a vote "
        "between candidates), or `combine: average` if they are subgroups",
        ids, location=breakdown.loc)


def _alias(aliases: dict[QuantityKey, QuantityKey], measure: str, free: Coordinates,
           coords: Coordinates) -> QuantityKey:
    key: QuantityKey = (measure, tuple(sorted(free + coords)))
    return aliases.get(key, key)


def _add_sum(article: Article, breakdown: Breakdown, whole_q: int, parts: list[int], measure: str,
             free: Coordinates, coords: Coordinates, position: int) -> None:
    quantities = article.quantities
    whole = quantities[whole_q]
    group = f"breakdown:{fold(breakdown.dimension)}={fold(breakdown.whole)}|{measure}|" + \
        "|".join(f"{d}={v}" for d, v in sorted(free + coords[:position] + coords[position + 1:]))
    terms = [(whole_q, ONE)] + [(p, MINUS_ONE) for p in parts]
    unnamed = None
    size = breakdown.size
    if size and size > len(breakdown.parts):
        missing = size - len(breakdown.parts)
        dim = fold(breakdown.dimension)
        label = f"{unnamed_parts(missing)} of {breakdown.whole}"
        key: QuantityKey = (whole.key[0], tuple(sorted([(d, v) for d, v in whole.key[1] if d != dim]
                                          + [(dim, "\0unnamed:" + fold(breakdown.whole))])))
        unnamed = Quantity(len(quantities), key, whole.measure,
                           tuple((d, label if d == dim else v) for d, v in whole.scope),
                           whole.unit, whole.integer, (), unnamed=missing, cube=True, nonnegative=True)
        quantities.append(unnamed)
        terms.append((unnamed.index, Fraction(-1)))
    for q in [whole_q] + parts:
        quantities[q] = _in_cube(quantities[q])
    names = [quantities[p].name for p in parts] + ([unnamed.name] if unnamed else [])
    words = f"{whole.name} = " + " + ".join(names) + f" (the parts of {breakdown.whole})"
    relation = _implied_sum(article, group, whole_q, parts, unnamed, breakdown)
    article.constraints.append(Constraint(group, "sum", _merge(terms), "==", Fraction(0), words,
                                          relation))
    if breakdown.total is not None:
        _add_total(article, breakdown, breakdown.total, whole_q, group, relation)


def _add_total(article: Article, breakdown: Breakdown, figure: Figure, whole_q: int, group: str,
               relation: Relation | None) -> None:
    """A breakdown's `total:` fixes its whole, exactly, though no claim quotes it: the
    answers of one question add to 100%.  With no figure of the whole it is part of the
    breakdown's sum (the sum rule explains it); beside a figure it is a fact of its own."""
    whole = article.quantities[whole_q]
    try:
        factor = Fraction(1) if figure.unit in ("1", whole.unit) else units.factor(figure.unit, whole.unit)
    except units.UnitError:
        article.undecided.append(f"the total of {breakdown.whole}, {figure.text}, is not in "
                                 f"{whole.unit}, the unit of {whole.measure}; it was not used")
        return
    assert figure.nominal is not None, "a figure read from text has its number as printed"
    value = figure.nominal * factor
    words = f"{whole.name} = {figure.text} ({total_words(breakdown)})"
    own = group if relation is not None and relation.get("sum") is None else "total:" + group
    article.constraints.append(Constraint(own, "sum", ((whole_q, ONE),), "==", value, words,
                                          relation if own == group else None))


def total_words(breakdown: Breakdown) -> str:
    """Why a whole has a value no claim quotes: its breakdown says so."""
    return f"the total of {breakdown.whole}, given by its breakdown, not quoted"


def _in_cube(q: Quantity) -> Quantity:
    if q.cube:
        return q
    nonneg = all(s.interval.lo is None or s.interval.lo >= 0 for s in q.statements)
    return Quantity(q.index, q.key, q.measure, q.scope, q.unit, q.integer, q.statements, q.unnamed,
                    True, nonneg)


def _implied_sum(article: Article, group: str, whole_q: int, parts: list[int], unnamed: Quantity | None,
                 breakdown: Breakdown) -> Relation | None:
    """The sum relation the rules explain: a claim per stated quantity, names for the rest."""
    quantities = article.quantities
    whole = quantities[whole_q]
    total = breakdown.total if not whole.statements else None   # a whole no claim quotes
    if not whole.statements and total is None:
        return None
    given = tuple(quantities[p].statements[0].claims[0] for p in parts if quantities[p].statements)
    if not given:
        return None
    missing = tuple(_part_name(quantities[p], breakdown) for p in parts if not quantities[p].statements)
    if unnamed is not None:
        missing += (unnamed_parts(unnamed.unnamed),)
    stated: tuple[tuple[str, Any], ...] = (("sum", whole.statements[0].claims[0]),) if whole.statements else \
        (("sum", None), ("total", total), ("whole", whole.name), ("why", total_words(breakdown)))
    relation = Relation("sum", group, stated + (("parts", given), ("complete", not missing),
                                                ("unreported", missing),
                                                ("breakdown", breakdown.whole)),
                        breakdown.loc, implied=True)
    article.implied.append(relation)
    return relation


def _part_name(q: Quantity, breakdown: Breakdown) -> str:
    for d, v in q.scope:
        if d == fold(breakdown.dimension):
            return v
    return q.name


def part_name(article: Article, q: Quantity, whole: str) -> str:
    """A part's name along the dimension of the breakdown of `whole`."""
    dims = {d for (d, w) in article.dims.of if w == fold(whole)}
    return next((v for d, v in q.scope if d in dims), q.name)


def _merge(terms: Iterable[tuple[int, Fraction]]) -> tuple[tuple[int, Fraction], ...]:
    """Terms by quantity, a quantity named twice (an explicit same) added up."""
    out: dict[int, Fraction] = {}
    for q, c in terms:
        out[q] = out[q] + c if q in out else c
    return tuple(sorted((q, c) for q, c in out.items() if c))


def _relation(relation: Relation, article: Article, claims: dict[str, Claim]) -> list[Constraint]:
    """An explicit relation as constraints over the quantities of the claims it names."""
    q = article.of_claim
    quantities = article.quantities

    def term(claim_id: str, unit: str, coefficient: Fraction = ONE) -> tuple[int, Fraction]:
        index = q[claim_id]
        return index, coefficient * units.factor(quantities[index].unit, unit)

    kind = relation.kind
    if kind == "sum":
        total = q[relation.get("sum")]
        unit = quantities[total].unit
        terms = [(total, Fraction(1))] + [term(p, unit, Fraction(-1)) for p in relation.get("parts")]
        complete = relation.get("complete", True)
        words = (f"{quantities[total].name} = " if complete else f"{quantities[total].name} >= ") + \
            " + ".join(quantities[q[p]].name for p in relation.get("parts"))
        return [Constraint(relation.id, "sum", _merge(terms), "==" if complete else ">=",
                           Fraction(0), words, relation)]
    if kind == "subset":
        part, whole = q[relation.get("subset")], q[relation.get("of")]
        terms = [(whole, Fraction(1)), term(relation.get("subset"), quantities[whole].unit, Fraction(-1))]
        return [Constraint(relation.id, "subset", _merge(terms), ">=", Fraction(0),
                           f"{quantities[part].name} <= {quantities[whole].name}", relation)]
    if kind == "count":
        stated = q[relation.get("count")]
        count = count_of(relation, claims, article.dims)
        return [Constraint(relation.id, "count", ((stated, Fraction(1)),), "==", Fraction(count),
                           f"{quantities[stated].name} = {count} (the items named)", relation)]
    if kind == "rank":
        return _rank(relation, article)
    return []


def change_form(relation: Relation, claim: Claim) -> str:
    """How a change is stated: `as:`, else by its unit: 15% a percent, "doubled" a multiple,
    15 people a difference."""
    stated: str = relation.get("as") or {"percent": "percent", "1": "multiple"}.get(
        claim.stated_figure.unit, "difference")
    return stated


def signed(claim: Claim, form: str) -> tuple[Interval | None, str]:
    """The change a claim states, signed: a multiple or a figure with a minus as written, an
    unsigned figure as a rise or a fall by the words governing it, else by its `direction:`.
    (None, why) when neither says which way."""
    interval = claim.stated_figure.interval
    nominal = claim.stated_figure.nominal
    if form == "multiple" or (nominal is not None and nominal < 0):
        return interval, ""
    found = figure_at(claim)
    reading = direction.read(*found) if found is not None else \
        direction.Reading(None, why_not="its figure is not in its quote")
    way = reading.way or claim.direction
    if way is None:
        return None, reading.why_not
    size = interval.intersect(Interval(Fraction(0), None))
    if way == direction.RISE:
        return size, ""
    return Interval(None if size.hi is None else -size.hi, None if size.lo is None else -size.lo,
                    size.hi_closed, size.lo_closed), ""


def _unstated_change(relation: Relation, article: Article, claims: dict[str, Claim]) -> list[Constraint]:
    """A change from a figure printed nowhere, to a claim's figure: linear in the two for the
    change's interval p (fixed numbers).  Percent: a·(100 + p_lo) <= 100·b <= a·(100 + p_hi);
    multiple: a·m_lo <= b <= a·m_hi (both for a >= 0); difference: d_lo <= b − a <= d_hi."""
    stated = claims[relation.get("change")]
    before, after = article.unstated[relation.id], article.of_claim[relation.get("to")]
    quantities = article.quantities
    form = change_form(relation, stated)
    p, _ = signed(stated, form)
    if p is None:
        return []        # the change rule asks which way it went
    unit = quantities[after].unit
    a_name, b_name = quantities[before].name, quantities[after].name
    made: list[Constraint] = []
    figure = stated.stated_figure
    why = f"{a_name} is printed nowhere; claim {stated.id} says {figure.text}"

    def add(terms: list[tuple[int, Fraction]], op: str, rhs: Fraction = Fraction(0), said: str = "") -> None:
        made.append(Constraint(relation.id, "change", _merge(terms), op, rhs,
                               f"{said} ({why})", relation, (stated.id,)))

    if form == "difference":
        factor = units.factor(figure.unit, unit)
        for end, op in ((p.lo, ">=" if p.lo_closed else ">"), (p.hi, "<=" if p.hi_closed else "<")):
            if end is not None:
                add([(after, ONE), (before, MINUS_ONE)], op, end * factor,
                    f"{b_name} − {a_name} {op} {fmt(end * factor, unit)}")
        return made
    if not quantities[before].nonnegative:
        article.undecided.append(f"{a_name}, printed nowhere, may be negative; the change "
                                 f"{figure.text} to {b_name} was not modelled")
        return []
    scale, shift = (Fraction(100), Fraction(100)) if form == "percent" else (ONE, Fraction(0))
    if p.lo is not None:      # scale·b >= a·(shift + p_lo)
        add([(before, shift + p.lo), (after, -scale)], "<=" if p.lo_closed else "<", Fraction(0),
            f"{b_name} {'>=' if p.lo_closed else '>'} {fmt((shift + p.lo) / scale)} × {a_name}")
    if p.hi is not None:      # scale·b <= a·(shift + p_hi)
        add([(before, shift + p.hi), (after, -scale)], ">=" if p.hi_closed else ">", Fraction(0),
            f"{b_name} {'<=' if p.hi_closed else '<'} {fmt((shift + p.hi) / scale)} × {a_name}")
    return made


def count_of(relation: Relation, claims: dict[str, Claim], dims: Dimensions) -> int:
    """How many items a count relation names: its items (list claims expanded), else the size
    of its breakdown."""
    names: list[str] = []
    for entry in relation.get("items", ()) or ():
        claim = claims.get(entry)
        names.extend(claim.items if claim is not None and claim.items else [entry])
    distinct = list(dict.fromkeys(n.strip() for n in names))
    whole = relation.get("breakdown")
    if whole is not None:
        breakdown = next((b for (d, w), b in dims.of.items() if w == fold(whole)), None)
        if breakdown is None:
            raise KeyError(f"count relation {relation.id}: '{whole}' is not a breakdown of this file")
        size = breakdown.size or len(breakdown.parts)
        return size if not distinct else max(size, len(distinct))
    return len(distinct)


def _rank(relation: Relation, article: Article) -> list[Constraint]:
    q, quantities = article.of_claim, article.quantities
    top = q[relation.get("claim")]
    unit = quantities[top].unit
    larger = relation.get("rank") in ("most", "more")
    among = relation.get("among")
    others: list[int] = []
    unnamed: list[Quantity] = []
    if among is None:
        others = [q[relation.get("than")]]
    elif isinstance(among, tuple):
        others = [q[i] for i in among if i in q and q[i] != top]
    else:
        others, unnamed = ranked_parts(article, top, among)
    out: list[Constraint] = []
    word = ">=" if larger else "<="
    for other in sorted(set(others)):
        terms = [(top, Fraction(1)), (other, -units.factor(quantities[other].unit, unit))]
        out.append(Constraint(relation.id, "rank", _merge(terms), ">=" if larger else "<=",
                              Fraction(0), f"{quantities[top].name} {word} {quantities[other].name}",
                              relation))
    for aggregate in unnamed:       # each of m unnamed parts at most (least) the top: m*top vs their sum
        terms = [(top, Fraction(aggregate.unnamed)), (aggregate.index, Fraction(-1))]
        out.append(Constraint(relation.id, "rank", _merge(terms), ">=" if larger else "<=",
                              Fraction(0), f"each of {aggregate.name} {'<=' if larger else '>='} "
                              f"{quantities[top].name}", relation))
    return out


def ranked_parts(article: Article, top: int, among: str) -> tuple[list[int], list[Quantity]]:
    """The quantities of a breakdown's parts at the top's other coordinates, and the
    quantities standing for its unnamed parts."""
    quantities = article.quantities
    found = next(((d, b) for (d, w), b in article.dims.of.items() if w == fold(among)), None)
    if found is None:
        raise KeyError(among)
    dim, breakdown = found
    measure, coords = quantities[top].key
    rest = tuple((d, v) for d, v in coords if d != dim)
    wanted: set[QuantityKey] = {(measure, tuple(sorted(rest + ((dim, fold(p)),)))) for p in breakdown.parts}
    wanted_unnamed: QuantityKey = (measure,
                                   tuple(sorted(rest + ((dim, "\0unnamed:" + fold(breakdown.whole)),))))
    by_key = article.by_key()
    others = sorted(by_key[k] for k in wanted if k in by_key and by_key[k] != top)
    unnamed = [quantities[by_key[wanted_unnamed]]] if wanted_unnamed in by_key else []
    return others, unnamed


