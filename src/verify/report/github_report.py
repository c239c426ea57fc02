"""GitHub Actions workflow commands: one annotation per listed finding,

    ::error file=F,line=L,col=C,title=verify (rule)::message

with the arithmetic and the quotes after the message on lines of their own, then one plain
summary line for the log.  By default only warnings and errors are listed (the CLI's show
level for this format): GitHub shows only ten annotations of each type per step (and fifty
per job), and passes or notes must not use them up.  When more than ten of a type are
listed, the summary line says so.  When $GITHUB_STEP_SUMMARY is set the Markdown report is
appended to that file as well.

Escaping is GitHub's own (actions/toolkit, command.ts): in data `%` -> `%25`, CR -> `%0D`,
LF -> `%0A`; in property values also `:` -> `%3A` and `,` -> `%2C`.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from verify.model import FileResult, Finding, RunResult, Severity
from verify.report import ReportOptions, markdown_report
from verify.report.common import detail_lines, headline, listed, ordered_files, relpath, summarize

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice",
           Severity.PASS: "notice"}
SHOWN_PER_TYPE = 10      # annotations of one type GitHub shows for a step


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, file: FileResult, root: str = ".") -> str:
    """One workflow command.  A waived finding (listed only with show_waived) becomes a
    notice, since the editor's waiver keeps it from failing the run."""
    command = "notice" if finding.waived is not None else COMMAND[finding.severity]
    title = f"verify ({finding.rule}{', waived' if finding.waived is not None else ''})"
    props = [("file", relpath(finding.location.path, root)),
             ("line", str(finding.location.line)), ("col", str(finding.location.col)),
             ("title", title)]
    message = "\n".join([finding.message, *detail_lines(finding, file)])
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{command} {rendered}::{escape_data(message)}"


def write(result: RunResult, out: TextIO, options: ReportOptions,
          env: Mapping[str, str] | None = None) -> None:
    files = ordered_files(result, options.root)
    written: dict[str, int] = {}
    for file in files:
        for _, finding in listed(file, options):
            line = annotation(finding, file, options.root)
            command = line[2:line.index(" ")]
            written[command] = written.get(command, 0) + 1
            out.write(line + "\n")
    out.write(summary_line(files, written) + "\n")
    summary_path = (os.environ if env is None else env).get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as summary:
            markdown_report.write(result, summary, options)


def summary_line(files: list[FileResult], written: dict[str, int]) -> str:
    """'verify: 1 error, ...; 34 checks held', and which annotations GitHub will not show."""
    summary = summarize(files)
    text = f"verify: {headline(summary)}; {summary.verdict['holds']} checks held"
    over = [f"{n} {command}s" for command, n in sorted(written.items()) if n > SHOWN_PER_TYPE]
    if over:
        text += (f" (GitHub shows the first {SHOWN_PER_TYPE} annotations of each type; "
                 f"{', '.join(over)} are listed above)")
    return text
