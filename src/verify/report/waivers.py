"""The entry an editor would add to the claims file to accept a finding as printed.

A check's finding is accepted with a waiver under the claim or relation the finding is
placed at (docs/claims.md, "Waivers"); a figure no claim covers is accepted with an
`unchecked` entry.  Input problems and passes have none: an input problem is fixed, a pass
needs nothing.  The reason is left for the editor to fill in.
"""
from __future__ import annotations

import json

from verify.anchor.textindex import Folded, fold
from verify.model import FileResult, Finding, Verdict, record
from verify.report.common import relpath

REASON = "FILL IN: why this is right as printed, and who checked"
UNCHECKED_REASON = "FILL IN: why this figure needs no check"
NOT_WAIVABLE = {"input", "anchor", "waiver"}    # fixed in the claims file, never waived


@record()
class Suggestion:
    where: str        # "claims/x.yaml:76" or "claims/x.yaml"
    how: str          # where in the file to paste, in words
    snippet: str      # YAML to paste, ending in a newline


def suggestion(finding: Finding, file: FileResult, root: str = ".") -> Suggestion | None:
    """The entry that would accept `finding`, or None when it is not to be waived."""
    if finding.waived is not None or finding.verdict is Verdict.HOLDS:
        return None
    path = relpath(finding.location.path, root)
    if finding.verdict is Verdict.UNCOVERED:
        return _unchecked(finding, file, path)
    if finding.rule in NOT_WAIVABLE or finding.verdict is Verdict.INVALID:
        return None
    rule = _scalar(finding.rule)
    if finding.claims and finding.location.line > 1:
        indent = " " * max(finding.location.col - 1, 0)
        return Suggestion(f"{path}:{finding.location.line}",
                          "under the claim or relation that starts at this line, "
                          "level with its other fields",
                          f"{indent}waive:\n{indent}  - rule: {rule}\n"
                          f"{indent}    reason: {_scalar(REASON)}\n")
    claims = ", ".join(_scalar(c) for c in finding.claims)
    return Suggestion(path, "at the top level of the file (into its waivers: list, if it "
                      "has one)",
                      f"waivers:\n  - rule: {rule}\n" + (f"    claims: [{claims}]\n" if claims
                                                        else "")
                      + f"    reason: {_scalar(REASON)}\n")


def _unchecked(finding: Finding, file: FileResult, path: str) -> Suggestion | None:
    if not finding.spans:
        return None
    span = finding.spans[0]
    sources = {s.id: s for s in file.sources}
    source = sources.get(span.source)
    if source is None:
        return None
    text = source.text[span.start:span.end]
    lines = [f"  - text: {_scalar(text)}"]
    if file.sources and file.sources[0].id != source.id:
        lines.append(f"    source: {_scalar(source.id)}")
    occurrence = _occurrence(source.text, text, span.start)
    if occurrence:
        lines.append(f"    occurrence: {occurrence}")
    lines.append(f"    reason: {_scalar(UNCHECKED_REASON)}")
    return Suggestion(path, "at the top level of the file (into its unchecked: list, if it "
                      "has one)", "unchecked:\n" + "\n".join(lines) + "\n")


def _occurrence(text: str, needle: str, start: int) -> int | None:
    """Which occurrence of `needle` starts at `start`, found as the engine finds unchecked
    text (typesetting folded); None when the text occurs once (no occurrence is needed)."""
    folded = Folded(text)
    hits = [folded.original_offset(hit) for hit in folded.find_all(fold(needle))]
    if len(hits) < 2 or start not in hits:
        return None
    return hits.index(start) + 1


def _scalar(text: str) -> str:
    """A YAML scalar that reads back as `text`: plain when that is safe, else double-quoted
    (a JSON string is a valid YAML double-quoted scalar)."""
    safe = text and text[0].isalpha() and all(ch.isalnum() or ch in "-_." for ch in text)
    return text if safe and text.lower() not in ("yes", "no", "on", "off", "true", "false",
                                                 "null", "y", "n") else json.dumps(text, ensure_ascii=False)
