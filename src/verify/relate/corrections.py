"""correction: a correction's figures replace those of the version it corrects.

A source that says `corrects: article` (a correction note, or a corrected version of the
article) restates some of the article's quantities.  A claim of the correction that states
the same quantity as claims of the article (the same measure and scope: see
verify.relate.quantities) *replaces* them: the replaced claims check nothing, and the corrected
figure is checked against everything else the file states.  The report says so in a note,
with both quotes, when the figures differ:

    'nearly 250%' (article, line 4) is replaced by 'nearly 150%' (correction, line 1)

The file is also judged as published (without the correction), and a problem the published
figure causes that the corrected one does not is listed as settled by the correction, in a
note with the published finding's arithmetic.  A problem that remains is reported as usual,
naming the corrected figure.

A claim of the correction with `earlier: true` quotes what it says the earlier version said
("an earlier version said nearly 250%"); it is compared with that version's figure, and a
difference is an error: the note misquotes the article, or the claims file quotes the wrong
version.  An earlier figure that no claim of the corrected source states is an error too.
Nothing here depends on the order of sources or claims.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from verify.model import Claim, ClaimsFile, Finding, Mark, Outcome, Relation, Severity, Verdict
from verify.relate.quantities import build as quantities_of
from verify.relate.quantities import canonical_claims
from verify.values import units
from verify.values.numbers import fmt_interval

NOT_COMPARED = ("anchor", "coverage", "input", "waiver", "correction")   # stages run once a file


@dataclass(frozen=True)
class Replacement:
    """The statements of one quantity in a corrected source, and those of its correction."""

    quantity: str
    old: tuple[Claim, ...]
    new: tuple[Claim, ...]


@dataclass(frozen=True)
class Versions:
    """A file with corrections as corrected (what is checked) and as published (to compare)."""

    corrected: ClaimsFile
    published: ClaimsFile
    replacements: tuple[Replacement, ...]
    renamed: dict[str, str]          # a replaced claim -> the claim that replaces it
    outcomes: tuple[Outcome, ...]    # the replacements' notes, earlier figures misquoted


def versions(claims_file: ClaimsFile) -> Versions | None:
    """The file as corrected and as published; None when no source corrects another."""
    correcting = {s.id: s.corrects for s in claims_file.sources if s.corrects}
    if not correcting:
        return None
    article = quantities_of(claims_file)
    stating: dict[int, list[Claim]] = {}
    for claim in claims_file.claims:
        if claim.id in article.of_claim:
            stating.setdefault(article.of_claim[claim.id], []).append(claim)
    replacements: list[Replacement] = []
    outcomes: list[Outcome] = []
    matched: set[str] = set()
    for index in sorted(stating):
        name = article.quantities[index].name
        for source in sorted(correcting):
            claims, target = stating[index], correcting[source]
            old = _of(claims, target, earlier=False)
            earlier = _of(claims, source, earlier=True)
            new = _of(claims, source, earlier=False)
            if old and earlier:
                matched.update(c.id for c in earlier)
                outcomes += [o for e in earlier for o in _misquoted(e, old)]
            if old and new:
                replacements.append(Replacement(name, old, new))
    outcomes += [_unmatched(c, correcting[c.source]) for c in canonical_claims(list(
        claims_file.claims)) if c.earlier and c.id not in matched and c.source in correcting]
    renamed: dict[str, str] = {}
    for replacement in replacements:
        for claim in replacement.old:
            renamed.setdefault(claim.id, replacement.new[0].id)
        if _differ(replacement):
            outcomes.append(_replaced(replacement))
    for claim_id in renamed:     # a correction of a correction: the latest figure (no circles)
        while renamed[claim_id] in renamed and renamed[claim_id] != claim_id:
            renamed[claim_id] = renamed[renamed[claim_id]]
    return Versions(_corrected(claims_file, renamed), _published(claims_file, set(correcting)),
                    tuple(replacements), renamed, tuple(outcomes))


def _of(claims: list[Claim], source: str, earlier: bool) -> tuple[Claim, ...]:
    return tuple(canonical_claims([c for c in claims if c.source == source
                                   and c.earlier == earlier]))


def _corrected(claims_file: ClaimsFile, renamed: dict[str, str]) -> ClaimsFile:
    """Without the replaced claims and the earlier figures; relations name the replacements."""
    kept = tuple(c for c in claims_file.claims if c.id not in renamed and not c.earlier)
    return replace(claims_file, claims=kept,
                   relations=tuple(_renamed(r, renamed) for r in claims_file.relations))


def _published(claims_file: ClaimsFile, correcting: set[str]) -> ClaimsFile:
    """Without the corrections' claims, and the relations that name them."""
    kept = tuple(c for c in claims_file.claims if c.source not in correcting)
    gone = {c.id for c in claims_file.claims} - {c.id for c in kept}
    return replace(claims_file, claims=kept, relations=tuple(
        r for r in claims_file.relations if not _names(r) & gone))


def _members(value: Any, renamed: dict[str, str]) -> Any:
    if isinstance(value, tuple):
        return tuple(renamed.get(v, v) if isinstance(v, str) else v for v in value)
    return renamed.get(value, value) if isinstance(value, str) else value


def _renamed(relation: Relation, renamed: dict[str, str]) -> Relation:
    if not _names(relation) & set(renamed):
        return relation
    return replace(relation, members=tuple((role, _members(value, renamed))
                                           for role, value in relation.members))


def _names(relation: Relation) -> set[str]:
    out: set[str] = set()
    for _, value in relation.members:
        out.update(v for v in (value if isinstance(value, tuple) else (value,))
                   if isinstance(v, str))
    return out


def _where(claim: Claim) -> str:
    return f"{claim.source}, line {claim.span.line}" if claim.span else claim.source


def _text(claim: Claim) -> str:
    return claim.figure.text if claim.figure else claim.written or ""


def _cited(claims: list[Claim]) -> dict[str, Any]:
    """The claims, spans and quotes of an outcome that says where it is."""
    return {"claims": tuple(c.id for c in claims), "location": claims[0].loc,
            "spans": tuple(c.span for c in claims if c.span is not None),
            "quotes": tuple((c.id, c.quote) for c in claims)}


def _differ(replacement: Replacement) -> bool:
    return any(o.figure != n.figure for o in replacement.old for n in replacement.new)


def _replaced(replacement: Replacement) -> Outcome:
    old, new = replacement.old, replacement.new
    said = " / ".join(f"'{_text(c)}' ({_where(c)})" for c in old)
    now = " / ".join(f"'{_text(c)}' ({_where(c)})" for c in new)
    return Outcome(Verdict.HOLDS, f"{said} is replaced by {now}",
                   arithmetic=(f"{replacement.quantity}: checked as corrected, "
                               f"{' / '.join(_text(c) for c in new)}; "
                               f"{' / '.join(_text(c) for c in old)} is used for nothing",),
                   worth_noting=True, **_cited(list(new) + list(old)))


def _misquoted(earlier: Claim, old: tuple[Claim, ...]) -> list[Outcome]:
    """What the correction says the earlier version said must be what it says."""
    out = []
    for claim in old:
        if earlier.figure is None or claim.figure is None:
            continue
        try:
            same = earlier.figure.interval.scale(units.factor(earlier.figure.unit,
                                                              claim.figure.unit)) \
                == claim.figure.interval
        except units.UnitError:
            same = False
        if not same:
            out.append(Outcome(
                Verdict.CONTRADICTION,
                f"the correction says an earlier version said '{_text(earlier)}', but "
                f"{claim.source} says '{_text(claim)}' ({_where(claim)})",
                arithmetic=(f"'{_text(earlier)}' allows "
                            f"{fmt_interval(earlier.figure.interval, earlier.figure.unit)}; "
                            f"'{_text(claim)}' allows "
                            f"{fmt_interval(claim.figure.interval, claim.figure.unit)}",),
                **_cited([earlier, claim])))
    return out


def _unmatched(earlier: Claim, target: str) -> Outcome:
    what = earlier.measure or earlier.id
    return Outcome(Verdict.INVALID, f"claim '{earlier.id}' gives what an earlier version said of "
                   f"{what}, but no claim of '{target}' states it; expected a claim quoting that "
                   f"figure in '{target}', with the same measure and scope", **_cited([earlier]))


def settled(published: list[Finding], corrected: list[Finding], found: Versions) -> list[Outcome]:
    """The problems of the file as published that a replaced figure takes part in, when no
    problem of the file as corrected involves the figure that replaces it: each a note, with
    the published arithmetic."""
    replaced = set(found.renamed)
    by_id = {c.id: c for r in found.replacements for c in r.new}
    loud = [f for f in corrected if f.severity >= Severity.WARNING]
    out: dict[tuple[str, str], Outcome] = {}
    for finding in published:
        if finding.severity < Severity.WARNING or finding.rule in NOT_COMPARED \
                or not set(finding.claims) & replaced:
            continue
        now = {found.renamed[c] for c in finding.claims if c in replaced}
        if any(now & set(f.claims) for f in loud):
            continue     # the corrected figure has a problem: reported as usual, nothing settled
        new = [by_id[i] for i in sorted(now)]
        cited = _cited(new)
        out.setdefault((finding.rule, finding.message), Outcome(
            Verdict.HOLDS, f"the correction settles: {finding.message}",
            claims=tuple(dict.fromkeys(finding.claims + cited["claims"])),
            arithmetic=finding.arithmetic + (
                f"as published, {finding.severity.label} {finding.rule}; as corrected "
                f"({', '.join(repr(_text(c)) for c in new)}), no check finds a problem",),
            worth_noting=True,
            location=cited["location"], spans=finding.spans + cited["spans"],
            quotes=finding.quotes + cited["quotes"]))
    return [out[key] for key in sorted(out)]


def marked(marks: tuple[Mark, ...], found: Versions) -> tuple[Mark, ...]:
    """A figure a correction replaces is no longer verified by anything: marked `replaced`,
    unless a problem involves it (then its mark says so)."""
    return tuple(replace(m, status="replaced") if m.status == "verified" and m.claims
                 and set(m.claims) <= set(found.renamed) else m for m in marks)
