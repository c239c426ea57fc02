"""JUnit XML: one <testsuite> per claims file, one <testcase> per check evaluated.

Every finding is a test case, passes included, whatever the show level: CI dashboards
count checks.  A case fails when its finding is at or above the fail level (errors by
default; warnings too with --fail-level warning) and not waived; a waived finding is
skipped with the waiver's reason.  <system-out> carries the message and the arithmetic.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from verify.model import FileResult, Finding, RunResult
from verify.report.common import (VERDICT_WORDS, detail_lines, fails, ordered,
                                  ordered_files, relpath)


def write(result: RunResult, out: TextIO, options) -> None:
    root = build(result, options)
    ET.indent(root, space="  ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode", short_empty_elements=True))
    out.write("\n")


def build(result: RunResult, options) -> ET.Element:
    suites = ET.Element("testsuites", name="verify")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for file in ordered_files(result, options.root):
        suite = _suite(file, options)
        suites.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        suites.set(key, str(value))
    return suites


def _suite(file: FileResult, options) -> ET.Element:
    path = relpath(file.path, options.root)
    suite = ET.Element("testsuite", name=path)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for _, finding in ordered(file):
        case = _case(finding, file, path, options)
        suite.append(case)
        counts["tests"] += 1
        counts["failures"] += case.find("failure") is not None
        counts["skipped"] += case.find("skipped") is not None
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def _clean(text: str) -> str:
    """XML 1.0 cannot carry most control characters, even escaped: drop them."""
    return "".join(ch for ch in text
                   if ch in "\t\n\r" or (" " <= ch and ch not in "\ufffe\uffff"
                                            and not "\ud800" <= ch <= "\udfff"))


def _case(finding: Finding, file: FileResult, path: str, options) -> ET.Element:
    name = f"{finding.rule}: {', '.join(finding.claims) or '(file)'}"
    case = ET.Element("testcase", classname=path, name=_clean(name))
    where = f"{path}:{finding.location.line}:{finding.location.col}"
    if finding.waived is not None:
        ET.SubElement(case, "skipped", message=_clean(finding.waived))
    elif fails(finding, options):
        failure = ET.SubElement(case, "failure", message=_clean(finding.message),
                                type=finding.verdict.value)
        failure.text = _clean(f"{where}: {finding.severity.label} {finding.rule} "
                              f"({VERDICT_WORDS[finding.verdict]})")
    out = ET.SubElement(case, "system-out")
    out.text = _clean("\n".join([f"{where}: {finding.severity.label} {finding.rule} "
                                 f"{finding.message}", *detail_lines(finding, file)]))
    return case
