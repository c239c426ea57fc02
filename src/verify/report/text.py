"""Plain text for terminals and editors' problem matchers, as linters print (ruff, ESLint):

    path:line:col: severity rule message
        arithmetic, derived facts, and the quotes involved, indented

for each listed finding (by default warnings and errors; notes with derived facts under
--show-level note), then one summary line.  Paths are relative to the run's root.

With options.colour the severity and the summary are coloured with ANSI codes; the CLI
asks for colour only on a terminal and never under NO_COLOR.  Colour never changes the
text: without the escape codes the lines are the same.
"""
from __future__ import annotations

from typing import TextIO

from verify.model import FileResult, RunResult, Severity
from verify.report import ReportOptions
from verify.report.common import detail_lines, headline, listed, ordered_files, summarize

RESET = "\x1b[0m"
COLOUR = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[36m",
          "pass": "\x1b[32m", "waived": "\x1b[2m", "detail": "\x1b[2m", "path": "\x1b[1m"}


def paint(text: str, style: str, colour: bool) -> str:
    return f"{COLOUR[style]}{text}{RESET}" if colour and text else text


def write(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    files = ordered_files(result, options.root)
    colour = options.colour
    for file in files:
        for _, finding in listed(file, options):
            where = finding.location
            label = "waived" if finding.waived is not None else finding.severity.label
            out.write(f"{paint(f'{where.path}:{where.line}:{where.col}:', 'path', colour)} "
                      f"{paint(label, label, colour)} {finding.rule} {finding.message}\n")
            for line in detail_lines(finding, file):
                out.write(f"    {paint(line, 'detail', colour)}\n")
    out.write(summary_line(files, options) + "\n")


def summary_line(files: list[FileResult], options: ReportOptions) -> str:
    """'1 error, 0 warnings, 2 notes, 0 waived in 1 file (21 claims); 34 checks held', with
    a pointer to --show-level note when notes were counted but not listed."""
    summary = summarize(files)
    text = f"{headline(summary)}; {summary.verdict['holds']} checks held"
    if summary.notes and options.show_level > Severity.NOTE:
        text += " (--show-level note lists the notes)"
    style = "error" if summary.errors or summary.fatal else (
        "warning" if summary.warnings else "pass")
    return paint(text, style, options.colour)
