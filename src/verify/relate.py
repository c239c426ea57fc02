"""Relations: the explicit ones of the claims file, plus those its scopes imply.

- Claims with the same measure and scope state the same quantity (`same`).
- A breakdown ("all states" = these 12 states) makes a total for the whole and figures for
  some parts a `sum`: complete when every part has a figure, partial otherwise, with the parts
  that have none named so that the remainder can be derived.
- `rank ... among: all states` compares with every part of that breakdown, unreported ones too.
"""
from __future__ import annotations

from dataclasses import dataclass

from verify.model import Breakdown, Claim, ClaimsFile, Relation


@dataclass(frozen=True)
class Part:
    """A breakdown part for a measure: its claim, or None when the article gives no figure."""

    name: str
    claim: str | None


def key(claim: Claim) -> tuple:
    """What makes two claims the same quantity: measure and scope, as words, case folded."""
    return ((claim.measure or "").strip().casefold(),
            tuple(sorted((d.casefold(), v.strip().casefold()) for d, v in claim.scope)))


def relations(claims_file: ClaimsFile) -> list[Relation]:
    """Explicit relations first (in file order), then implied ones (in order of first claim)."""
    explicit = list(claims_file.relations)
    return explicit + _implied_same(claims_file, explicit) + _implied_sums(claims_file, explicit)


_grouped: tuple[ClaimsFile, dict] | None = None     # the last file and its groups


def _quantities(claims_file: ClaimsFile) -> dict[tuple, list[Claim]]:
    """Claims by quantity, worked out once per file: every sum and rank asks (read-only)."""
    global _grouped
    if _grouped is None or _grouped[0] is not claims_file:
        groups: dict[tuple, list[Claim]] = {}
        for claim in claims_file.claims:
            if claim.figure is not None and claim.measure:
                groups.setdefault(key(claim), []).append(claim)
        _grouped = (claims_file, groups)
    return _grouped[1]


def _implied_same(claims_file: ClaimsFile, explicit: list[Relation]) -> list[Relation]:
    stated = [set(r.get("same")) for r in explicit if r.kind == "same"]
    out = []
    for claims in _quantities(claims_file).values():
        ids = {c.id for c in claims}
        if len(claims) > 1 and not any(ids <= same for same in stated):   # said already
            first = claims[0]
            out.append(Relation("same", f"same:{first.id}", (("same", tuple(c.id for c in claims)),),
                                first.loc, implied=True))
    return out


def breakdown_parts(claims_file: ClaimsFile, breakdown: Breakdown, like: Claim,
                    groups: dict | None = None) -> list[Part]:
    """The parts of a breakdown for the quantity of `like`: each part's claim, if any."""
    measure, scope = key(like)
    other = tuple((d, v) for d, v in scope if d != breakdown.dimension.casefold())
    groups = _quantities(claims_file) if groups is None else groups
    parts = []
    for name in breakdown.parts:
        wanted = (measure, tuple(sorted(other + ((breakdown.dimension.casefold(), name.casefold()),))))
        claims = groups.get(wanted, [])
        parts.append(Part(name, claims[0].id if claims else None))
    return parts


def find_breakdown(claims_file: ClaimsFile, whole: str) -> Breakdown | None:
    for breakdown in claims_file.breakdowns:
        if breakdown.whole.casefold() == whole.strip().casefold():
            return breakdown
    return None


def _implied_sums(claims_file: ClaimsFile, explicit: list[Relation]) -> list[Relation]:
    stated = {r.get("sum") for r in explicit if r.kind == "sum"}
    out = []
    groups = _quantities(claims_file)
    wholes: dict[tuple[str, str], list[Breakdown]] = {}
    for breakdown in claims_file.breakdowns:
        wholes.setdefault((breakdown.dimension.casefold(), breakdown.whole.casefold()), []).append(breakdown)
    for claims in groups.values():
        total = claims[0]
        if total.id in stated:
            continue
        for dimension, value in key(total)[1]:
            for breakdown in wholes.get((dimension, value), ()):
                out.extend(_implied_sum(claims_file, breakdown, total, groups))
    return out


def _implied_sum(claims_file, breakdown, total, groups) -> list[Relation]:
    """total (scope: the breakdown's whole) = its parts' figures, plus parts without one."""
    parts = breakdown_parts(claims_file, breakdown, total, groups)
    given = tuple(p.claim for p in parts if p.claim)
    if not given:
        return []
    missing = tuple(p.name for p in parts if not p.claim)
    return [Relation("sum", f"sum:{total.id}",
                     (("sum", total.id), ("parts", given), ("complete", not missing),
                      ("unreported", missing), ("breakdown", breakdown.whole)),
                     total.loc, implied=True)]
