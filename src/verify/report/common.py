"""What every report writer shares: which findings to list, summary counts, relative paths,
the quotes behind a finding, and writing a report file atomically.

Nothing here decides anything about a finding; it only selects, counts and words.
"""
from __future__ import annotations

import contextlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import verify
from verify.model import FileResult, Finding, Interval, RunResult, Severity, Source, Span, Verdict, record
from verify.report import ReportOptions
from verify.values.numbers import fmt, fmt_interval

TOOL_NAME = "verify"
TOOL_VERSION = verify.__version__

# a JSON object as the machine formats write it (json, sarif, the html page's data)
JsonDict = dict[str, Any]

# Plain words for each verdict, as an editor reads them.
VERDICT_WORDS = {
    Verdict.CONTRADICTION: "contradiction",
    Verdict.CONDITIONAL: "holds only if",
    Verdict.HOLDS: "holds",
    Verdict.INVALID: "input problem",
    Verdict.UNCOVERED: "not covered by any claim",
}


def relpath(path: str, root: str = ".") -> str:
    """`path` relative to `root`, with forward slashes, never absolute.

    Reports must not leak the machine's directories and must be byte-identical wherever
    they are produced, so an absolute path is made relative to `root`."""
    if not path:
        return path
    if os.path.isabs(path) or root not in ("", "."):
        path = os.path.relpath(os.path.abspath(path), os.path.abspath(root or "."))
    return os.path.normpath(path).replace(os.sep, "/")


def source_path(file: FileResult, source: Source, root: str = ".") -> str:
    """A source's path (written relative to its claims file) relative to `root`."""
    return relpath(os.path.join(os.path.dirname(file.path), source.path), root)


def fingerprint(finding: Finding, root: str = ".") -> str:
    """Finding.fingerprint with the claims-file path made relative, so it is the same on
    every machine (rule + file + claim ids; never line numbers)."""
    return finding.fingerprint_as(relpath(finding.location.path, root))


def fingerprint_hash(finding: Finding, root: str = ".") -> str:
    import hashlib  # noqa: PLC0415  (loads OpenSSL, ~5 ms: only the reports that hash need it)
    return hashlib.sha256(fingerprint(finding, root).encode("utf-8")).hexdigest()


def finding_dict(finding: Finding, file: FileResult, root: str = ".") -> JsonDict:
    """Finding.to_dict() with paths relative to `root` and the portable fingerprint."""
    data = finding.to_dict({s.id: s for s in file.sources})
    data["location"]["path"] = relpath(finding.location.path, root)
    data["fingerprint"] = fingerprint(finding, root)
    return data


def is_listed(finding: Finding, options: ReportOptions) -> bool:
    """Listed in a report: at or above the show level, and not waived unless asked for."""
    if finding.severity < options.show_level:
        return False
    return finding.waived is None or options.show_waived


def fails(finding: Finding, options: ReportOptions) -> bool:
    """At or above the fail level and not waived."""
    return (options.fail_level is not None and finding.waived is None
            and finding.severity >= options.fail_level)


def ordered(file: FileResult, chosen: Callable[[Finding], bool] | None = None
            ) -> list[tuple[int, Finding]]:
    """(index into file.findings, finding) in the stable report order: every finding, or those
    `chosen` (chosen before sorting: most of a file's are passes, which a report may not list)."""
    pairs = enumerate(file.findings)
    return sorted(pairs if chosen is None else ((i, f) for i, f in pairs if chosen(f)),
                  key=lambda pair: (pair[1].sort_key(), pair[0]))


def ordered_files(result: RunResult, root: str = ".") -> list[FileResult]:
    return sorted(result.files, key=lambda f: (relpath(f.path, root), f.path))


def listed(file: FileResult, options: ReportOptions) -> list[tuple[int, Finding]]:
    """The findings a report lists, in its order."""
    return ordered(file, lambda finding: is_listed(finding, options))


@record()
class Summary:
    """Counts for every summary.  Severity counts are of findings that are not waived;
    waived findings are counted apart; verdict counts include every check evaluated."""

    files: int
    fatal: int
    claims: int
    checks: int
    severity: dict[str, int]      # severity label -> findings
    verdict: dict[str, int]       # verdict value -> checks
    waived: int

    @property
    def errors(self) -> int:
        return self.severity["error"]

    @property
    def warnings(self) -> int:
        return self.severity["warning"]

    @property
    def notes(self) -> int:
        return self.severity["note"]

    def to_dict(self) -> JsonDict:
        return {"files": self.files, "fatal": self.fatal, "claims": self.claims,
                "checks": self.checks, "severity": dict(self.severity),
                "verdict": dict(self.verdict), "waived": self.waived}


def summarize(results: Iterable[FileResult]) -> Summary:
    files = list(results)
    findings = [finding for file in files for finding in file.findings]
    # counted by member, named once: an archive's run has tens of thousands of findings
    by_verdict = Counter(finding.verdict for finding in findings)
    by_severity = Counter(finding.severity for finding in findings if finding.waived is None)
    return Summary(files=len(files), fatal=sum(f.fatal for f in files),
                   claims=sum(f.claims for f in files), checks=len(findings),
                   severity={s.label: by_severity[s] for s in Severity},
                   verdict={v.value: by_verdict[v] for v in Verdict},
                   waived=len(findings) - by_severity.total())


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def headline(summary: Summary) -> str:
    """One line: '1 error, 0 warnings, 2 notes, 1 waived in 1 file (20 claims)'."""
    text = (f"{plural(summary.errors, 'error')}, {plural(summary.warnings, 'warning')}, "
            f"{plural(summary.notes, 'note')}, {summary.waived} waived in "
            f"{plural(summary.files, 'file')} ({plural(summary.claims, 'claim')})")
    if summary.fatal:
        text += f"; {plural(summary.fatal, 'file')} could not be checked"
    return text


@record()
class Quote:
    claim: str
    text: str
    span: Span | None
    source: Source | None

    def describe(self) -> str:
        """'"rescued 47 victims" (rescued-lead, line 3 of article)'."""
        where = self.claim
        if self.span is not None:
            where += f", line {self.span.line} of {self.span.source}"
        return f"\u201c{self.text}\u201d ({where})"


def quotes(finding: Finding, file: FileResult) -> list[Quote]:
    """The finding's quotes, each with the span the engine found for its claim.

    The engine gives one span per quoted claim that was anchored, in the order of the
    quotes, so they pair in order: a quote that occurs in two sources is placed in the
    source its claim names, never found again by searching.  When some claims were not
    anchored (fewer spans than quotes), each quote takes the next span, in order, that lies
    inside an occurrence of that quote."""
    sources = {s.id: s for s in file.sources}
    if len(finding.spans) == len(finding.quotes):
        spans: list[Span | None] = list(finding.spans)
    else:
        spans, rest = [], list(finding.spans)
        for _, text in finding.quotes:
            at = next((n for n, span in enumerate(rest)
                       if _inside_quote(text, span, sources)), None)
            spans.append(None if at is None else rest[at])
            rest = rest if at is None else rest[at + 1:]
    return [Quote(claim, text, span, sources.get(span.source) if span else None)
            for (claim, text), span in zip(finding.quotes, spans, strict=True)]   # one per quote


def _inside_quote(text: str, span: Span, sources: dict[str, Source]) -> bool:
    """Does an occurrence of `text` in the span's source hold the span?  Such an occurrence
    starts between span.end - len(text) and span.start, so only that window is searched (a
    search from the start of an 8 MB source, for every finding, was quadratic)."""
    source = sources.get(span.source)
    if source is None or not text:
        return False
    return source.text.find(text, max(0, span.end - len(text)), span.start + len(text)) != -1


def detail_lines(finding: Finding, file: FileResult) -> Iterator[str]:
    """The lines that follow a message in plain-text formats: arithmetic, derived facts,
    quotes, and the waiver's reason."""
    yield from finding.arithmetic
    for fact in finding.derived:
        yield f"derived: {fact}"
    for quote in quotes(finding, file):
        yield quote.describe()
    if finding.waived is not None:
        yield f"waived: {finding.waived}"


def interval_words(interval: Interval, unit: str | None = None) -> str:
    """An interval as an editor reads it: "between 29.5% and 30.5%" (both ends allowed),
    "between 29.5% and just under 30.5%" (an open end said in words, never dropped), "at least 40"."""
    if interval.lo is None or interval.hi is None or interval.is_point:
        return fmt_interval(interval, unit)
    return _range_words(fmt(interval.lo, unit), interval.lo_closed,
                        fmt(interval.hi, unit), interval.hi_closed)


def _range_words(lo: str, lo_closed: bool, hi: str, hi_closed: bool) -> str:
    """"between A and B", an open end as "just over A" or "just under B": the phrase reads
    as English after every verb a message puts before it ("add to", "allows", "is", "not")."""
    return f"between {'' if lo_closed else 'just over '}{lo} and {'' if hi_closed else 'just under '}{hi}"


# One figure as numbers.fmt writes it: sign, currency, digits, decimals (".33..."), percent
# or a unit name; and the bracketed interval numbers.fmt_interval writes of two of them.
_FIGURE = r"-?[$€£¥]?-?\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\.\.\.)?%?(?: [^\W\d][\w/-]*)*"
_INTERVAL = re.compile(rf"([\[(])({_FIGURE}), ({_FIGURE})([\])])")
_RELATIONS = ((" \u2260 ", " cannot equal "), (" >= ", " is at least "), (" <= ", " is at most "),
              (" \u2265 ", " is at least "), (" \u2264 ", " is at most "))
_QUOTED = re.compile(r"(\u201c[^\u201d]*\u201d|\"[^\"]*\")")


def in_words(text: str) -> str:
    """A message or arithmetic line with its intervals and relations in words:
    "[29.5%, 30.5%)" becomes "between 29.5% and just under 30.5%", "47 \u2260 41" becomes
    "47 cannot equal 41".  Text inside quotation marks (the article's own words) is kept."""
    parts = _QUOTED.split(text)
    for n in range(0, len(parts), 2):      # the even parts are outside quotation marks
        part = _INTERVAL.sub(lambda m: _range_words(m[2], m[1] == "[", m[3], m[4] == "]"),
                             parts[n])
        for sign, words in _RELATIONS:
            part = part.replace(sign, words)
        parts[n] = part
    return "".join(parts)


def write_json(data: JsonDict, out: TextIO) -> None:
    """Stable JSON: sorted keys, indented by two, UTF-8 as is, one trailing newline; a list
    given as jsonwrite.Stream is made as it is written (see verify.report.jsonwrite)."""
    from verify.report import jsonwrite  # noqa: PLC0415  (a text report does not load json)
    jsonwrite.dump(data, out)


def _mode_for_new_file() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(target: str | os.PathLike[str], render: Callable[[TextIO], None]) -> None:
    """Write a report to `target` through a temporary file in the same directory, renamed
    into place only once `render` has finished: an interrupted or failed run leaves the
    previous report as it was and never a partial file."""
    path = os.fspath(target)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = _mode_for_new_file()
    import tempfile  # noqa: PLC0415  (with shutil, ~7 ms of a run's start: only a report file needs it)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.",
                               suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            render(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
