"""Report writers: one module per format, each with `write(result, out, options)`.

Writers only format; every decision (what is a finding, its severity, waivers) was made by
the engine.  `formats()` is the registry the CLI uses.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from verify.model import RunResult, Severity, record


@record()
class ReportOptions:
    show_level: Severity = Severity.NOTE     # findings below this are not printed
    fail_level: Severity | None = Severity.ERROR   # None: nothing fails the run
    show_waived: bool = False
    root: str = "."                          # paths in reports are relative to this
    colour: bool = False                     # ANSI colours (text on a terminal only)
    started: datetime | None = None          # when the run started (JUnit's timestamp), UTC


# format name -> module of verify.report that writes it
MODULES = {
    "text": "text",
    "json": "json_report",
    "github": "github_report",
    "sarif": "sarif_report",
    "junit": "junit_report",
    "markdown": "markdown_report",
    "html": "html_report",
}

# The least severe finding each format lists when --show-level is not given.  The CI logs
# (text, GitHub annotations, SARIF alerts) show problems only, as linters do; the editor's
# page, JSON and Markdown keep the notes with derived facts.  JUnit lists every check.
DEFAULT_SHOW_LEVEL = {
    "text": Severity.WARNING,
    "github": Severity.WARNING,
    "sarif": Severity.WARNING,
}


def default_show_level(name: str) -> Severity:
    return DEFAULT_SHOW_LEVEL.get(name, Severity.NOTE)


# a format's writer: the run's result, written to `out` as the options say
Writer = Callable[[RunResult, TextIO, ReportOptions], None]


def formats() -> dict[str, Writer]:
    """name -> write(result, out, options); modules are imported on first use."""
    return {name: importlib.import_module(f"verify.report.{module}").write
            for name, module in MODULES.items()}
