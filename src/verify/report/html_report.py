"""The editor's report: one self-contained HTML page (inline CSS and JS, no network).

Laid out for an editor who has ten seconds.  First the answer in plain words ("The figures
do not agree: 1 contradiction") with counts by category, then each problem: what disagrees,
who says what (each source's statements side by side, the figure picked out in its quote),
the arithmetic in words, and the waiver an editor would add to accept it, with the place in
the claims file to paste it.  Next each source text, in paragraphs, with every figure
marked by status (red: its own statement is part of a contradiction; red dotted: another
source states it differently; amber: holds only if; green: verified; grey: not covered by
any claim, left unchecked, or replaced by a correction, struck through), with a glyph and a
hidden label as well as a colour.  Marks are focusable buttons: hover, click, Enter or
keyboard focus shows the checks the figure takes part in, most serious first; `#m-N` in the
address opens figure N.  Last, collapsed: the figures no claim covers, derived facts,
waived findings and every check evaluated (the popups are copied from it).  Printed, the
collapsed parts stay collapsed.

Coverage is its own category, never a verdict: a figure no claim covers is grey and says
"not covered by any claim".  All article and claims text is untrusted and escaped; a
Content-Security-Policy allows only this page's own style and script (by hash).
"""
from __future__ import annotations

import re
from html import escape
from typing import TextIO

from verify.model import FileResult, Finding, Mark, RunResult, Source, Verdict
from verify.report import ReportOptions
from verify.report.common import (
    TOOL_NAME,
    TOOL_VERSION,
    Quote,
    Summary,
    headline,
    in_words,
    listed,
    ordered,
    ordered_files,
    plural,
    quotes,
    relpath,
    source_path,
    summarize,
)
from verify.report.html_assets import CSP, CSS, JS
from verify.report.waivers import suggestion

# status -> (glyph, words)
STATUS = {
    "contradiction": ("\u2717", "contradiction"),
    "disputed": ("\u2260", "stated differently in another source"),
    "conditional": ("?", "holds only if"),
    "verified": ("\u2713", "verified"),
    "uncovered": ("\u25cb", "not covered by any claim"),
    "unchecked": ("\u2013", "left unchecked"),
    "replaced": ("\u21b7", "replaced by a correction"),
}
# category (a verdict's value, or "waived") -> (glyph, tag, one, many): every finding is in
# exactly one category, so the counts add up to the findings.
CATEGORY = {
    "contradiction": ("\u2717", "Contradiction", "contradiction", "contradictions"),
    "holds-only-if": ("?", "Holds only if", "holds only under a reading",
                      "hold only under a reading"),
    "invalid": ("!", "Input problem", "input problem", "input problems"),
    "uncovered": ("\u25cb", "Not covered", "figure not covered by any claim",
                  "figures not covered by any claim"),
    "holds": ("\u2713", "Holds", "check holds", "checks hold"),
    "waived": ("\u2013", "Waived", "waived by an editor", "waived by an editor"),
}
LEAD = {"contradiction": "These figures cannot all be true.",
        "holds-only-if": "This holds only under a reading of the figures, not as printed.",
        "invalid": "The claims file has a problem here; fix it there.",
        "uncovered": "No claim covers this figure, so nothing checked it.",
        "holds": "Checked: this holds.", "waived": "An editor accepted this."}
EMPTY_NOTE = {"uncovered": "No claim in the claims file covers this figure.",
              "unchecked": "The claims file lists this figure as deliberately unchecked."}
SHOWN_PROBLEMS = 5      # more are behind "more problems", so the article stays near the top
_BREAK = re.compile(r"\r?\n[ \t]*(?:\r?\n[ \t]*)+")     # a blank line: a new paragraph
_NEWLINE = re.compile(r"\r?\n")                         # a hard wrap: a space


def write(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write(render(result, options))


def category(finding: Finding) -> str:
    return "waived" if finding.waived is not None else finding.verdict.value


def counts(files: list[FileResult]) -> dict[str, int]:
    found = dict.fromkeys(CATEGORY, 0)
    for file in files:
        for finding in file.findings:
            found[category(finding)] += 1
    return found


def render(result: RunResult, options: ReportOptions) -> str:
    files = ordered_files(result, options.root)
    index = _Index(files)
    shown = sorted(((file, i, f) for file in files for i, f in listed(file, options)),
                   key=lambda item: -item[2].severity)     # most serious first
    groups: dict[str, list[tuple[FileResult, int, Finding]]] = {
        "problem": [], "uncovered": [], "derived": [], "waived": []}
    for item in shown:
        groups[_group(item[2])].append(item)
    summary = summarize(files)

    def card(item: tuple[FileResult, int, Finding]) -> str:
        return _finding(item[2], item[1], item[0], index, "f", options)

    parts = ["<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
             f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
             f"<title>verify report: {escape(headline(summary))}</title>\n",
             f"<style>{CSS}</style>\n</head>\n<body>\n",
             _answer(files, counts(files), summary, options), "<main>\n"]
    problems = groups["problem"]
    if problems:
        parts.append(f'<section aria-labelledby="h-problems"><h2 id="h-problems">What to look '
                     f"at ({len(problems)})</h2>\n<ol class=\"findings\">\n")
        parts += [card(item) for item in problems[:SHOWN_PROBLEMS]]
        parts.append("</ol>\n")
        if problems[SHOWN_PROBLEMS:]:
            parts.append(_more(f"{plural(len(problems) - SHOWN_PROBLEMS, 'more problem')}",
                               [card(item) for item in problems[SHOWN_PROBLEMS:]]))
        parts.append("</section>\n")
    parts.append(_legend())
    parts += [_file(file, index, options) for file in files]
    for group, title in (("uncovered", "Figures not covered by any claim"),
                         ("derived", "Derived facts and notes"),
                         ("waived", "Waived by an editor")):
        if groups[group]:
            parts.append(_more(f"{title} ({len(groups[group])})",
                               [card(item) for item in groups[group]], group))
    parts += [_appendix(file, index, options) for file in files]
    parts += ["</main>\n", '<div id="pop" role="region" aria-live="polite" '
              'aria-label="Checks for this figure" hidden></div>\n',
              f"<footer>Made by {TOOL_NAME} {escape(TOOL_VERSION)}. Every figure is marked "
              "with a symbol as well as a colour.</footer>\n",
              f"<script>{JS}</script>\n</body>\n</html>\n"]
    return "".join(parts)


def _group(finding: Finding) -> str:
    if finding.waived is not None:
        return "waived"
    if finding.verdict is Verdict.HOLDS:
        return "derived"
    if finding.verdict is Verdict.UNCOVERED and finding.severity.label in ("pass", "note"):
        return "uncovered"
    return "problem"


class _Index:
    """Numbers for checks (1.. across files, in report order) and anchors for marks
    (`m-FILE-N`, in text order), and which marks each finding is shown on."""

    def __init__(self, files: list[FileResult]):
        self.number: dict[tuple[str, int], int] = {}
        self.marks: dict[str, list[tuple[str, Mark]]] = {}
        self.figures: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for f_no, file in enumerate(files, 1):
            for i, _ in ordered(file):
                self.number[file.path, i] = len(self.number) + 1
            marks = sorted(file.marks, key=lambda m: (m.source, m.start, -m.end, m.status))
            self.marks[file.path] = [(f"m-{f_no}-{n}", m) for n, m in enumerate(marks, 1)]
            for anchor, mark in self.marks[file.path]:
                for i in mark.findings:
                    self.figures.setdefault((file.path, i), []).append((anchor, mark.text))


def _answer(files: list[FileResult], found: dict[str, int], summary: Summary,
            options: ReportOptions) -> str:
    """The verdict first, in plain words, then the counts by category."""
    # input that stops a check (a file not checked, an input error) leads, unless figures
    # contradict each other: that is the answer, and the input problems are counted beside it;
    # a modelling slip (an input warning) never hides a contradiction
    blocking = summary.fatal or any(
        f.verdict is Verdict.INVALID and f.waived is None and f.severity.label == "error"
        for file in files for f in file.findings)
    if found["contradiction"]:
        kind, glyph = "contradiction", "\u2717"
        words = f"The figures do not agree: {plural(found['contradiction'], 'contradiction')}"
        if blocking:
            words += f", and {plural(found['invalid'], 'input problem')} to fix"
    elif blocking or found["invalid"]:
        kind, glyph = "invalid", "\u2717"
        words = (f"The claims {'file has' if len(files) == 1 else 'files have'} "
                 f"{plural(found['invalid'], 'input problem')} to fix")
    elif any(f.verdict is Verdict.UNCOVERED and f.waived is None and f.severity.label == "error"
             for file in files for f in file.findings):
        kind, glyph = "uncovered", "\u25cb"
        words = (f"{plural(found['uncovered'], 'figure is', 'figures are')} not covered by any "
                 "claim")
    elif found["holds-only-if"]:
        kind, glyph = "conditional", "?"
        words = (f"Nothing contradicts, but {plural(found['holds-only-if'], 'check')} "
                 f"{'holds' if found['holds-only-if'] == 1 else 'hold'} only under a reading "
                 "of the figures")
    else:
        kind, glyph = "holds", "\u2713"
        words = f"The figures agree: {plural(found['holds'], 'check holds', 'checks hold')}"
    where = ", ".join(escape(relpath(f.path, options.root)) for f in files[:3])
    if len(files) > 3:
        where += f" and {len(files) - 3} more"
    items = "".join(
        f'<li class="c-{name}{" zero" if not found[name] else ""}" data-category="{name}" '
        f'data-count="{found[name]}"><span class="n">{found[name]}</span>'
        f"{one if found[name] == 1 else many}</li>"
        for name, (_, _, one, many) in CATEGORY.items())
    return (f'<header class="top a-{kind}"><p class="file-line">{where} \u00b7 '
            f"{plural(summary.claims, 'claim')} \u00b7 {plural(summary.checks, 'finding')}</p>\n"
            f'<h1><span class="glyph" aria-hidden="true">{glyph}</span>{escape(words)}</h1>\n'
            f'<ul class="counts" aria-label="Findings by category">{items}</ul></header>\n')


def _more(title: str, cards: list[str], group: str = "more") -> str:
    return (f'<details class="more g-{group}"><summary>{escape(title)}</summary>\n'
            f'<ol class="findings">\n{"".join(cards)}</ol></details>\n')


def _legend() -> str:
    items = "".join(f'<span><span class="mark s-{status}" aria-hidden="true">12<span '
                    f'class="badge">{glyph}</span></span> {words}</span>'
                    for status, (glyph, words) in STATUS.items())
    return (f'<div class="legend" role="note" aria-label="Legend">{items}<span class="hint">'
            f"Hover, click or tab to a figure to see its checks.</span></div>\n")


def _finding(finding: Finding, i: int, file: FileResult, index: _Index, prefix: str,
             options: ReportOptions) -> str:
    """A finding's card; `i` is its index in file.findings."""
    name = category(finding)
    glyph, tag = CATEGORY[name][:2]
    number = index.number[file.path, i]
    where = f"{relpath(finding.location.path, options.root)}:{finding.location.line}"
    parts = [f'<li class="finding v-{finding.verdict.value}'
             f'{" waived-by-editor" if finding.waived is not None else ""}" '
             f'id="{prefix}-{number}" data-category="{name}">'
             f'<div class="fhead"><span class="tag">{glyph} {tag}</span>'
             f'<span class="sev">{finding.severity.label}</span>'
             f'<span class="loc">#{number} \u00b7 {escape(finding.rule)} \u00b7 '
             f"{escape(where)}</span></div>"
             f'<p class="msg">{escape(in_words(finding.message))}</p>']
    if finding.waived is not None:
        parts.append(f'<p class="waived">Waived by an editor: {escape(finding.waived)}</p>')
    found = quotes(finding, file)
    side_by_side = _sides(found, file)
    why = [line for line in finding.arithmetic if _who_says(line) != _who_says_found(found)]
    lead = LEAD[name] if name != "holds" or not why else ""
    if lead or why:
        parts.append('<ul class="why">' + (f"<li>{lead}</li>" if lead else "") + "".join(
            f"<li>{escape(in_words(line))}</li>" for line in why) + "</ul>")
    parts.append(side_by_side)
    if finding.derived:
        parts.append('<ul class="derived">' + "".join(
            f"<li>Derived: {escape(in_words(d))}</li>" for d in finding.derived) + "</ul>")
    marks = index.figures.get((file.path, i), ())
    if marks:
        parts.append('<p class="figs">In the text: ' + "".join(
            f'<a href="#{mid}">{escape(text)}</a>' for mid, text in marks) + "</p>")
    parts.append(_waiver(finding, file, options))
    parts.append("</li>\n")
    return "".join(parts)


def _sides(found: list[Quote], file: FileResult) -> str:
    """Who says what: one column per source, its statements with the figure picked out."""
    if not found:
        return ""
    columns: dict[str, list[Quote]] = {}
    for quote in found:
        columns.setdefault(quote.source.id if quote.source else "", []).append(quote)
    order = [s.id for s in file.sources if s.id in columns] + ([""] if "" in columns else [])
    out = ['<div class="sides">']
    for source_id in order:
        said = ", ".join(_figure(q) for q in columns[source_id] if q.span)
        title = next((s.title for s in file.sources if s.id == source_id), "")
        head = (f'<h4 title="{escape(title)}">{escape(source_id)}'
                + (f' <span class="says">says {escape(said)}</span>' if said else "") + "</h4>"
                if source_id else "<h4>not found in a source</h4>")
        out.append(f'<div class="side" data-source="{escape(source_id)}">{head}<ul>' + "".join(
            f'<li><span class="quote">\u201c{_quote(q)}\u201d</span> <span class="ln">'
            f"{escape(q.claim)}{f', line {q.span.line}' if q.span else ''}</span></li>"
            for q in columns[source_id]) + "</ul></div>")
    out.append("</div>")
    return "".join(out)


def _who_says(line: str) -> dict[str, list[str]] | None:
    """A rule's own "who says what" line ("article: 4, 4 · county: 5"), read back, so the
    page shows it side by side instead."""
    said = {}
    for part in line.split(" \u00b7 "):
        source, colon, figures = part.partition(": ")
        if not colon:
            return None
        said[source] = sorted(figures.split(", "))
    return said if len(said) > 1 else None


def _who_says_found(found: list[Quote]) -> dict[str, list[str]]:
    said: dict[str, list[str]] = {}
    for quote in found:
        if quote.span is not None:
            said.setdefault(quote.span.source, []).append(_figure(quote))
    return {source: sorted(figures) for source, figures in said.items()}


def _figure(quote: Quote) -> str:
    if quote.source is None or quote.span is None:     # a quote has a source only with a span
        return ""
    return quote.source.text[quote.span.start:quote.span.end]


def _quote(quote: Quote) -> str:
    """The quote, escaped, with its claim's figure in bold where the engine found it."""
    if quote.source is None or quote.span is None:
        return escape(quote.text)
    text, span, words = quote.source.text, quote.span, quote.text.split()
    if not words:
        return escape(quote.text)
    # the quote as the source has it, line breaks and all (wire copy is hard-wrapped)
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    reach = 2 * len(quote.text) + 200
    for found in pattern.finditer(text, max(0, span.start - reach), span.end + reach):
        if found.start() <= span.start and span.end <= found.end():
            return "".join((_spaced(text[found.start():span.start]),
                            f"<b>{_spaced(text[span.start:span.end])}</b>",
                            _spaced(text[span.end:found.end()])))
    return escape(quote.text)       # not found around its figure: quoted as the claim has it


def _spaced(text: str) -> str:
    return escape(re.sub(r"\s+", " ", text))


def _waiver(finding: Finding, file: FileResult, options: ReportOptions) -> str:
    offer = suggestion(finding, file, options.root)
    if offer is None:
        return ""
    what = "the unchecked entry" if finding.verdict is Verdict.UNCOVERED else "the waiver"
    return (f'<details class="waive"><summary>Accept it as printed: {what} to add</summary>'
            f'<p>Paste into <code class="paste-at">{escape(offer.where)}</code>, '
            f"{escape(offer.how)}, and replace FILL IN with the reason:</p>"
            f'<pre class="snippet">{escape(offer.snippet)}</pre>'
            f'<button type="button" class="copy">Copy</button></details>')


def _file(file: FileResult, index: _Index, options: ReportOptions) -> str:
    path = relpath(file.path, options.root)
    parts = [f'<section class="file" aria-label="{escape(path)}">']
    if file.fatal:
        parts.append(f'<p class="fatal">{escape(path)} could not be checked; its input '
                     "problems are listed above.</p>\n")
    for source in file.sources:
        marks = [(a, m) for a, m in index.marks[file.path] if m.source == source.id]
        parts.append(_source(file, source, marks, index, options))
    parts.append("</section>\n")
    return "".join(parts)


def _appendix(file: FileResult, index: _Index, options: ReportOptions) -> str:
    checks = ordered(file)
    if not checks:
        return ""
    title = (f"Every check evaluated, passes included: {plural(len(checks), 'finding')} in "
             f"{relpath(file.path, options.root)}")
    return _more(title, [_finding(f, i, file, index, "c", options) for i, f in checks], "all")


def _source(file: FileResult, source: Source, marks: list[tuple[str, Mark]], index: _Index,
            options: ReportOptions) -> str:
    meta = [escape(source_path(file, source, options.root))]
    if source.published:
        meta.append(f"published {escape(source.published)}")
    meta_text = " \u00b7 ".join(meta)
    head = (f'<article class="source" data-source="{escape(source.id)}">'
            f"<h3>{escape(source.title or source.id)}</h3>"
            f'<p class="meta">{escape(source.id)} \u00b7 {meta_text}</p>\n<div class="text"><p>')
    text, pos, body = source.text, 0, []
    for anchor, mark in marks:
        if mark.start < pos or mark.end > len(text) or mark.start >= mark.end:
            continue   # overlapping or out of range: keep the first, never garble the text
        body.append(_prose(text[pos:mark.start]))
        body.append(_mark(anchor, mark, text[mark.start:mark.end], file, index))
        pos = mark.end
    body.append(_prose(text[pos:]))
    return head + "".join(body) + "</p></div></article>\n"


def _prose(text: str) -> str:
    """Source text as paragraphs: a blank line starts one, a single line break (hard-wrapped
    wire copy) is a space."""
    return "</p>\n<p>".join(_NEWLINE.sub(" ", escape(part)) for part in _BREAK.split(text))


def _mark(anchor: str, mark: Mark, text: str, file: FileResult, index: _Index) -> str:
    glyph, words = STATUS.get(mark.status, ("\u00b7", mark.status))
    css = mark.status if mark.status in STATUS else "other"
    checks = [(file.findings[i], index.number[file.path, i]) for i in mark.findings
              if (file.path, i) in index.number]
    # the popup shows the most serious check first
    serious = [str(n) for _, n in sorted(checks, key=lambda fn: (-fn[0].severity, fn[1]))]
    note = EMPTY_NOTE.get(mark.status, "")
    return (f'<span role="button" tabindex="0" class="mark s-{css}" id="{anchor}" '
            f'data-status="{escape(mark.status)}" data-claims="{escape(" ".join(mark.claims))}" '
            f'data-findings="{" ".join(serious)}" '
            f'data-text="{escape(text)}" data-label="{escape(words)}" data-note="{note}" '
            f'aria-controls="pop" aria-expanded="false" title="{escape(words)}">'
            f'<span class="fig">{escape(_NEWLINE.sub(" ", text))}</span><span class="badge" '
            f'aria-hidden="true">{glyph}</span><span class="vh"> ({escape(words)})</span></span>')
