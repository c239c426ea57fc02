"""JSON report: versioned (`"schema": 1`), stable order, byte-identical for the same run.

Shape (its JSON Schema is tests/data/report-schema.json):

    {"schema": 1,
     "tool": {"name": "verify", "version": "..."},
     "summary": {"files", "fatal", "claims", "checks", "severity": {...}, "verdict": {...},
                 "waived"},
     "files": [{"path", "claims", "fatal", "sources": [...], "findings": [...],
                "marks": [...]}]}

`summary` counts every finding (listed or not); `findings` lists those at or above the
show level (waived ones only with show_waived), each as Finding.to_dict() with paths
relative to the report root.  `marks` are the figures of the sources and their status.
The files, findings and marks are made one by one as the report is written (jsonwrite.Stream):
a report of 100,000 claims never exists whole as objects.
"""
from __future__ import annotations

from typing import TextIO

from verify.model import FileResult, Mark, RunResult
from verify.report import ReportOptions
from verify.report.common import (
    TOOL_NAME,
    TOOL_VERSION,
    JsonDict,
    finding_dict,
    listed,
    ordered_files,
    relpath,
    source_path,
    summarize,
    write_json,
)
from verify.report.jsonwrite import Stream

SCHEMA_VERSION = 1


def write(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    write_json(build(result, options), out)


def build(result: RunResult, options: ReportOptions) -> JsonDict:
    """The report's document; its lists of files, findings and marks are Streams, each to be
    read once, by write_json."""
    files = ordered_files(result, options.root)
    return {
        "schema": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": TOOL_VERSION},
        "summary": summarize(files).to_dict(),
        "files": Stream(_file(f, options) for f in files),
    }


def _file(file: FileResult, options: ReportOptions) -> JsonDict:
    return {
        "path": relpath(file.path, options.root),
        "claims": file.claims,
        "fatal": file.fatal,
        "sources": [{"id": s.id, "title": s.title, "path": source_path(file, s, options.root),
                     "published": s.published} for s in file.sources],
        "findings": Stream(finding_dict(f, file, options.root) for _, f in listed(file, options)),
        "marks": Stream(_mark(m) for m in sorted(file.marks, key=_mark_key)),
    }


def _mark_key(mark: Mark) -> tuple[str, int, int, str]:
    return (mark.source, mark.start, mark.end, mark.status)


def _mark(mark: Mark) -> JsonDict:
    return {"source": mark.source, "start": mark.start, "end": mark.end, "line": mark.line,
            "column": mark.col, "text": mark.text, "status": mark.status,
            "claims": list(mark.claims)}
