"""Quotes are anchors: every claim's words must stand in its source, with the claimed figure.

Matching ignores only what typesetting changes: runs of white space, typographic quotes and
apostrophes, dashes.  A quote found twice is ambiguous unless the claim names the occurrence.
If the article is edited, stale quotes fail here.
"""
from __future__ import annotations

import re
from dataclasses import replace

from verify.model import Claim, ClaimsFile, Finding, Location, Severity, Source, Span, Verdict
from verify.numbers import FigureError, read_written

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                       "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                       "\u00a0": " "})
_NUMBERISH = re.compile(r"\d[\d,.]*|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|"
                        r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                        r"nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                        r"dozen)(?:-\w+)?\b", re.IGNORECASE)


class Folded:
    """A source text with typesetting folded away, and a map back to original offsets."""

    def __init__(self, text: str):
        out, index = [], []
        previous_space = False
        for i, char in enumerate(text.translate(_FOLD)):
            if char.isspace():
                if previous_space:
                    continue
                char, previous_space = " ", True
            else:
                previous_space = False
            out.append(char)
            index.append(i)
        index.append(len(text))
        self.text, self.index, self.original = "".join(out), index, text

    def find_all(self, needle: str) -> list[int]:
        found, start = [], self.text.find(needle)
        while start != -1:
            found.append(start)
            start = self.text.find(needle, start + 1)
        return found

    def span(self, source_id: str, start: int, end: int) -> Span:
        """Folded [start, end) -> Span in the original text with its line and column."""
        first, last = self.index[start], self.index[end - 1] + 1 if end > start else self.index[start]
        line = self.original.count("\n", 0, first) + 1
        col = first - (self.original.rfind("\n", 0, first) + 1) + 1
        return Span(source_id, first, last, line, col)


def fold(text: str) -> str:
    return Folded(text).text.strip()


def anchor(claims_file: ClaimsFile) -> tuple[ClaimsFile, list[Finding]]:
    """Locate every claim's quote; return the file with spans set, and the problems found."""
    folded = {s.id: Folded(s.text) for s in claims_file.sources}
    findings: list[Finding] = []
    anchored = []
    for claim in claims_file.claims:
        source = folded.get(claim.source)
        if source is None:
            anchored.append(claim)
            continue
        span, problems = _locate(claim, source)
        findings.extend(problems)
        anchored.append(replace(claim, span=span) if span else claim)
    return replace(claims_file, claims=tuple(anchored)), findings


def _locate(claim: Claim, source: Folded) -> tuple[Span | None, list[Finding]]:
    quote = fold(claim.quote)
    hits = source.find_all(quote) if quote else []
    if not hits:
        return None, [_not_found(claim, source, quote)]
    if len(hits) > 1 and claim.occurrence is None:
        lines = ", ".join(str(source.span(claim.source, h, h + 1).line) for h in hits)
        return None, [_problem(claim, f"the quote of claim '{claim.id}' occurs {len(hits)} times "
                               f"(lines {lines}); add 'occurrence: N' or quote more words")]
    if claim.occurrence is not None and claim.occurrence > len(hits):
        return None, [_problem(claim, f"claim '{claim.id}' asks for occurrence {claim.occurrence} "
                               f"of its quote, which occurs {len(hits)} time(s)")]
    start = hits[(claim.occurrence or 1) - 1]
    quote_span = source.span(claim.source, start, start + len(quote))
    value_at, problems = _figure_in_quote(claim, quote)
    if value_at is None:
        return quote_span, problems
    begin, length = value_at
    return source.span(claim.source, start + begin, start + begin + length), problems


def _figure_in_quote(claim: Claim, quote: str) -> tuple[tuple[int, int] | None, list[Finding]]:
    """Where the claimed value stands in the quote; a problem when the quote says otherwise."""
    if claim.items:
        missing = [item for item in claim.items if fold(item) not in quote]
        if missing:
            return None, [_problem(claim, f"the quote of claim '{claim.id}' does not name "
                                   f"{', '.join(repr(m) for m in missing)}")]
        return (0, len(quote)), []
    written = claim.figure.text if claim.figure else claim.written
    if written is None:
        return None, []
    at = _find_word(quote, fold(written))
    if at is not None:
        return at, []
    # The value may be written differently in the quote ("102" vs "one hundred two").
    for match in _NUMBERISH.finditer(quote):
        if claim.figure and _same_number(match.group(0), claim.figure.nominal):
            return (match.start(), len(match.group(0))), []
    found = [m.group(0) for m in _NUMBERISH.finditer(quote)]
    says = f"the quote says {', '.join(found)}" if found else "the quote has no figure"
    return None, [_problem(claim, f"claim '{claim.id}' has value {written}, but {says}: "
                           f"\"{claim.quote}\"", Verdict.CONTRADICTION)]


def _find_word(quote: str, written: str) -> tuple[int, int] | None:
    pattern = r"(?<![\w.,])" + re.escape(written) + r"(?![\w])"
    match = re.search(pattern, quote, re.IGNORECASE)
    return (match.start(), len(match.group(0))) if match else None


def _same_number(text: str, value) -> bool:
    try:
        return read_written(text.rstrip(".,")).value == value
    except FigureError:
        return False


def _not_found(claim: Claim, source: Folded, quote: str) -> Finding:
    """Quote missing: say so, and if only its figures changed, say what the source says now."""
    parts = _NUMBERISH.split(quote)
    if len(parts) > 1 and any(p.strip() for p in parts):
        pattern = "(.{1,40}?)".join(re.escape(p) for p in parts)
        match = re.search(pattern, source.text, re.IGNORECASE)
        if match:
            now = [g for g in match.groups()]
            was = _NUMBERISH.findall(quote)
            changes = ", ".join(f"{new} where the claim quotes {old}"
                                for old, new in zip(was, now) if old != new)
            span = source.span(claim.source, match.start(), match.end())
            return _problem(claim, f"the quote of claim '{claim.id}' is not in source "
                            f"'{claim.source}': the source now says {changes} "
                            f"(line {span.line}): \"{source.original[span.start:span.end]}\"",
                            Verdict.CONTRADICTION)
    return _problem(claim, f"the quote of claim '{claim.id}' is not in source '{claim.source}': "
                    f"\"{claim.quote}\"; expected the source's exact words")


def _problem(claim: Claim, message: str, verdict: Verdict = Verdict.INVALID) -> Finding:
    return Finding("anchor", Severity.ERROR, verdict, message, claim.loc, (claim.id,),
                   quotes=((claim.id, claim.quote),))
