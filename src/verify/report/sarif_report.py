"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

One run; `tool.driver.rules` holds every rule of the catalogue (when `verify.evaluate.rules`
provides `catalogue()`) and every rule seen in the findings.  Each listed finding is a
result at the claims-file position, with the article spans as related locations and a
`partialFingerprints` hash of rule + file + claim ids, so an alert survives edits that
move lines.  Waived findings are included, suppressed with the waiver's reason (SARIF
viewers close suppressed alerts rather than lose them).

Only warnings and errors are alerts (`kind: "fail"`, level `warning`/`error`).  A note
(derived facts, a figure no claim covers) is `kind: "informational"` and a pass
`kind: "pass"`, both at level `none`, as SARIF 2.1.0 section 3.27.10 requires for any kind
but "fail".  Which are results follows the show level: by default (warning) notes and
passes are left out, because GitHub code scanning ignores `kind` and would raise an alert
for every result it is given.
"""
from __future__ import annotations

from typing import TextIO
from urllib.parse import quote as urlquote

from verify.evaluate.rules import catalogue as rules_catalogue
from verify.model import FileResult, Finding, RunResult, Severity
from verify.report import ReportOptions
from verify.report.common import (
    TOOL_NAME,
    TOOL_VERSION,
    JsonDict,
    fingerprint_hash,
    ordered,
    ordered_files,
    quotes,
    relpath,
    source_path,
    write_json,
)

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
# severity -> (kind, level)
KIND_LEVEL = {Severity.ERROR: ("fail", "error"), Severity.WARNING: ("fail", "warning"),
              Severity.NOTE: ("informational", "none"), Severity.PASS: ("pass", "none")}
SRCROOT = "%SRCROOT%"


def write(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    write_json(build(result, options), out)


def build(result: RunResult, options: ReportOptions) -> JsonDict:
    files = ordered_files(result, options.root)
    chosen = [(file, finding) for file in files for _, finding in ordered(file)
              if _emitted(finding, options)]
    rules = _rules({finding.rule for _, finding in chosen})
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": TOOL_NAME, "version": TOOL_VERSION,
                                "semanticVersion": TOOL_VERSION, "rules": rules}},
            "originalUriBaseIds": {SRCROOT: {"description": {
                "text": "The directory verify was run from; report paths are relative to it."}}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not any(f.fatal for f in files)}],
            "results": [_result(finding, file, index, options) for file, finding in chosen],
        }],
    }


def _emitted(finding: Finding, options: ReportOptions) -> bool:
    return finding.severity >= options.show_level




def _catalogue() -> dict[str, tuple[str, str]]:
    """rule id -> (summary, manual) of the registry (tests replace it to leave it out)."""
    return rules_catalogue()


def _rules(seen: set[str]) -> list[JsonDict]:
    catalogue = _catalogue()
    rules = []
    for rule_id in sorted(seen | set(catalogue)):
        short, manual = catalogue.get(rule_id, (f"verify rule {rule_id}", ""))
        rule = {"id": rule_id, "name": rule_id,
                "shortDescription": {"text": short or rule_id}}
        if manual:
            rule["fullDescription"] = {"text": manual}
            rule["help"] = {"text": manual}
        rules.append(rule)
    return rules


def _location(path: str, line: int, col: int, end_col: int | None = None) -> JsonDict:
    region = {"startLine": max(1, line), "startColumn": max(1, col)}
    if end_col is not None:
        region["endColumn"] = end_col
    return {"physicalLocation": {
        "artifactLocation": {"uri": urlquote(path, safe="/"), "uriBaseId": SRCROOT},
        "region": region}}


def _related(finding: Finding, file: FileResult, root: str) -> list[JsonDict]:
    sources = {s.id: s for s in file.sources}
    related: list[JsonDict] = []
    for quote in quotes(finding, file):
        span, source = quote.span, sources.get(quote.span.source) if quote.span else None
        if span is None or source is None:
            continue
        single_line = "\n" not in source.text[span.start:span.end]
        location = _location(source_path(file, source, root), span.line, span.col,
                             span.col + span.end - span.start if single_line else None)
        location["id"] = len(related)
        location["message"] = {"text": quote.describe()}
        related.append(location)
    return related


def _result(finding: Finding, file: FileResult, index: dict[str, int], options: ReportOptions) -> JsonDict:
    unplaced = [q.describe() for q in quotes(finding, file) if q.span is None]
    text = "\n".join([finding.message, *finding.arithmetic,
                      *(f"derived: {fact}" for fact in finding.derived), *unplaced])
    kind, level = KIND_LEVEL[finding.severity]
    result = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "kind": kind,
        "level": level,
        "message": {"text": text},
        "locations": [_location(relpath(finding.location.path, options.root),
                                finding.location.line, finding.location.col)],
        "partialFingerprints": {"verify/v1": fingerprint_hash(finding, options.root)},
        "properties": {"verdict": finding.verdict.value, "claims": list(finding.claims)},
    }
    related = _related(finding, file, options.root)
    if related:
        result["relatedLocations"] = related
    if finding.waived is not None:
        result["suppressions"] = [{"kind": "external", "justification": finding.waived}]
    return result
