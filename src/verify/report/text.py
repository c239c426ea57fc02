"""Plain text for terminals and editors' problem matchers.

    path:line:col: severity rule message
        arithmetic, derived facts, and the quotes involved, indented

then one summary line.  Paths are relative to the run's root.
"""
from __future__ import annotations

from typing import TextIO

from verify.model import RunResult
from verify.report.common import detail_lines, headline, listed, ordered_files, summarize


def write(result: RunResult, out: TextIO, options) -> None:
    files = ordered_files(result, options.root)
    for file in files:
        for _, finding in listed(file, options):
            where = finding.location
            label = "waived" if finding.waived is not None else finding.severity.label
            out.write(f"{where.path}:{where.line}:{where.col}: "
                      f"{label} {finding.rule} {finding.message}\n")
            for line in detail_lines(finding, file):
                out.write(f"    {line}\n")
    summary = summarize(files)
    passed = summary.verdict["holds"]
    out.write(f"{headline(summary)}; {passed} checks held\n")
