"""JUnit XML as Apache Ant writes it (tests/data/junit-ant.xsd is its schema): one
<testsuite> per claims file, one <testcase> per check evaluated.

Every finding is a test case, passes included, whatever the show level: CI dashboards
count checks.  A case that fails the run (at or above the fail level, not waived) is an
<error> when it is an input problem (the claims could not be checked as written) and a
<failure> when the figures disagree; a waived finding is <skipped> with the waiver's
reason.  The text of an <error> or <failure> is the whole finding: message, arithmetic,
quotes.  The schema allows no output per test case, so <system-out> of the suite lists
every check with its details, passes included.

The schema requires `timestamp` (when the run started, UTC, without a zone: pinned by
SOURCE_DATE_EPOCH) and `time`: verify does not time single checks, so every `time` is 0.
`hostname` is "localhost", as the schema asks when it is not determined: a report never
names the machine that wrote it.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import TextIO

from verify import __version__
from verify.model import FileResult, Finding, RunResult, Verdict
from verify.report import ReportOptions
from verify.report.common import VERDICT_WORDS, detail_lines, fails, ordered, ordered_files, relpath


def write(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    root = build(result, options)
    ET.indent(root, space="  ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode", short_empty_elements=True))
    out.write("\n")


def build(result: RunResult, options: ReportOptions) -> ET.Element:
    suites = ET.Element("testsuites")
    started = options.started or datetime.now(UTC)
    timestamp = started.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    for n, file in enumerate(ordered_files(result, options.root)):
        suites.append(_suite(file, n, timestamp, options))
    return suites


def _suite(file: FileResult, n: int, timestamp: str, options: ReportOptions) -> ET.Element:
    path = relpath(file.path, options.root)
    suite = ET.Element("testsuite", name=_clean(path) or "(no name)")
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="verify.version", value=__version__)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    log = []
    for _, finding in ordered(file):
        case = _case(finding, file, path, options)
        suite.append(case)
        counts["tests"] += 1
        for key, tag in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
            counts[key] += case.find(tag) is not None
        log += _details(finding, file, path)
    ET.SubElement(suite, "system-out").text = _clean("\n".join(log))
    ET.SubElement(suite, "system-err")
    attributes = {"package": _clean(path) or "(no name)", "id": str(n), "timestamp": timestamp,
                  "hostname": "localhost", **{k: str(v) for k, v in counts.items()},
                  "time": "0"}
    for key, value in attributes.items():
        suite.set(key, value)
    return suite


def _clean(text: str) -> str:
    """XML 1.0 cannot carry most control characters, even escaped: drop them."""
    return "".join(ch for ch in text
                   if ch in "\t\n\r" or (ch >= " " and ch not in "\ufffe\uffff"
                                            and not "\ud800" <= ch <= "\udfff"))


def _details(finding: Finding, file: FileResult, path: str) -> list[str]:
    where = f"{path}:{finding.location.line}:{finding.location.col}"
    label = "waived" if finding.waived is not None else finding.severity.label
    return [f"{where}: {label} {finding.rule} {finding.message}",
            *(f"    {line}" for line in detail_lines(finding, file))]


def _case(finding: Finding, file: FileResult, path: str, options: ReportOptions) -> ET.Element:
    name = f"{finding.rule}: {', '.join(finding.claims) or '(file)'}"
    case = ET.Element("testcase", name=_clean(name), classname=_clean(path) or "(no name)",
                      time="0")
    if finding.waived is not None:
        ET.SubElement(case, "skipped", message=_clean(finding.waived))
    elif fails(finding, options):
        tag = "error" if finding.verdict is Verdict.INVALID else "failure"
        problem = ET.SubElement(case, tag, message=_clean(finding.message),
                                type=finding.verdict.value)
        problem.text = _clean("\n".join([*_details(finding, file, path),
                                         f"({VERDICT_WORDS[finding.verdict]})"]))
    return case
