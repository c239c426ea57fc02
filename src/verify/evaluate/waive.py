"""waiver: an editor's accepted finding must carry a reason, and a waiver must match a finding.

A waiver names a rule and a reason: on a claim or a relation (`waive:`) it matches any finding
of that rule involving it; at the top of the file (`waivers:`) it matches the findings of that
rule that involve all the claims it lists.  A waived finding still counts in every summary and
is listed with `--show-waived`, but it fails nothing.  A waiver that matches no finding is
stale (the article or the claims changed since the editor looked): it is reported, so that an
accepted finding cannot silently become an accepted anything.  Input problems are never
waived: they are fixed in the claims file.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from verify.model import ClaimsFile, Finding, Outcome, Relation, Severity, Verdict


def waive(findings: list[Finding], claims_file: ClaimsFile,
          relations: tuple[Relation, ...]) -> tuple[list[Finding], list[Outcome]]:
    """The findings with waived ones marked (their reason), and an outcome for each waiver
    that matches nothing."""
    # (waiver, claims, all_needed): a file-level waiver names the claims a finding must all
    # involve; a claim's or relation's own waiver matches any finding involving it.
    scoped = [(w, set(w.claims), True) for w in claims_file.waivers]
    scoped += [(w, {c.id}, False) for c in claims_file.claims for w in c.waivers]
    scoped += [(w, set(_relation_claims(r)), False) for r in relations for w in r.waivers]
    used = set()
    out = []
    for finding in findings:
        if finding.severity >= Severity.NOTE and finding.verdict is not Verdict.HOLDS \
                and finding.rule != "input":
            involved = set(finding.claims)
            matching = [index for index, (waiver, claims, all_needed) in enumerate(scoped)
                        if waiver.rule == finding.rule and
                        (claims <= involved if all_needed else bool(claims & involved))]
            if matching:      # every matching waiver is used; the reason shown is order-free
                used.update(matching)
                finding = replace(finding, waived=min(scoped[i][0].reason for i in matching))
        out.append(finding)
    stale = [Outcome(Verdict.INVALID, f"waiver for rule '{waiver.rule}' matches no finding; "
                     f"remove it (reason given: \"{waiver.reason}\")", location=waiver.loc)
             for index, (waiver, _, _) in enumerate(scoped) if index not in used]
    return out, stale


def _relation_claims(relation: Relation) -> Iterator[str]:
    for _, value in relation.members:
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, str):
                yield item
