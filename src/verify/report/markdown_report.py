"""Markdown report for pull-request comments and $GITHUB_STEP_SUMMARY: a summary table,
then each listed finding with its quotes and arithmetic.

Article and claims text is untrusted: Markdown and HTML metacharacters in it are escaped,
and arithmetic goes in code fences longer than any run of backticks it contains.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from verify.model import FileResult, Finding, RunResult
from verify.report import ReportOptions
from verify.report.common import VERDICT_WORDS, listed, ordered_files, quotes, relpath, summarize

# inline Markdown, tables, and GitHub's @mentions and #references (a PR comment must not
# ping anyone an article happens to name)
_SPECIAL = re.compile(r"([\\`*_\[\]|~#@])")


def escape(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell, on one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def _fence(lines: Iterable[str]) -> list[str]:
    body = "\n".join(lines)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, *body.split("\n"), fence]


def write(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write("\n".join(render(result, options)) + "\n")


def render(result: RunResult, options: ReportOptions) -> list[str]:
    files = ordered_files(result, options.root)
    summary = summarize(files)
    lines = ["## verify: claim-consistency report", "",
             "| files | claims | errors | warnings | notes | waived |",
             "|---:|---:|---:|---:|---:|---:|",
             f"| {summary.files} | {summary.claims} | {summary.errors} | {summary.warnings} "
             f"| {summary.notes} | {summary.waived} |", ""]
    if summary.fatal:
        lines += [f"**{summary.fatal} file(s) could not be checked.**", ""]
    for file in files:
        lines += _file(file, options)
    if not any(listed(f, options) for f in files):
        lines += ["No findings to show.", ""]
    return lines


def _file(file: FileResult, options: ReportOptions) -> list[str]:
    shown = sorted(listed(file, options), key=lambda pair: -pair[1].severity)   # errors first
    if not shown and not file.fatal:
        return []
    lines = [f"### {escape(relpath(file.path, options.root))}", ""]
    if file.fatal:
        lines += ["This file could not be checked.", ""]
    for _, finding in shown:
        lines += _finding(finding, file, options)
    return lines


def _finding(finding: Finding, file: FileResult, options: ReportOptions) -> list[str]:
    where = f"{relpath(finding.location.path, options.root)}:{finding.location.line}:" \
            f"{finding.location.col}"
    head = (f"- **{finding.severity.label}** `{finding.rule.replace('`', '')}` "
            f"({VERDICT_WORDS[finding.verdict]}): {escape(finding.message)} \u2014 "
            f"{escape(where)}")
    lines = [head]
    if finding.waived is not None:
        lines.append(f"  - *waived:* {escape(finding.waived)}")
    for quote in quotes(finding, file):
        lines.append(f"  - {escape(quote.describe())}")
    for fact in finding.derived:
        lines.append(f"  - *derived:* {escape(fact)}")
    if finding.arithmetic:
        lines += ["", *("  " + line for line in _fence(finding.arithmetic))]
    lines.append("")
    return lines
