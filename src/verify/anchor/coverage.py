"""Coverage: every figure of every source is covered by a claim or listed as unchecked.

A rate's denominator ("1,000" of "3.1 crashes per 1,000 residents") is covered by the rate's
claim when it stands in that claim's quote and is the `per:` of a rate relation naming the
claim, or the claim's measure says it ("crashes per 1,000 residents").  Only that one figure:
any other figure of the quote still needs a claim of its own.

Also builds the marks the editor's page highlights: each figure in a source with the verdict
of the checks it took part in.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from quicktions import Fraction

from verify.anchor.textindex import Folded, fold, line_col, line_starts
from verify.extract.figures import Extracted, extract_figures
from verify.model import Claim, ClaimsFile, Finding, Location, Mark, Outcome, Source, Span, Verdict

MAX_UNCHECKED_HITS = 1000     # occurrences of one unchecked text that are marked
_RANK = {"contradiction": 4, "disputed": 3, "conditional": 2, "verified": 1}
_PER = re.compile(r"\bper\s+(\d{1,3}(?:,\d{3})+|\d+)(?![\d,]|\.\d)")  # "per 1,000" in a measure
_COUNTED = ("number", "words")       # figure kinds a denominator is written as


def _figures(claims_file: ClaimsFile) -> Iterator[tuple[Source, Extracted]]:
    """(source, Extracted) for every figure in every source."""
    for source in claims_file.sources:
        for figure in extract_figures(source.text):
            yield source, figure


def _covered_spans(claims_file: ClaimsFile) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for claim in claims_file.claims:
        if claim.span is not None:
            spans.setdefault(claim.source, []).append((claim.span.start, claim.span.end))
    return spans


def _unchecked_spans(claims_file: ClaimsFile) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for source in claims_file.sources:
        entries = [e for e in claims_file.unchecked if not e.source or e.source == source.id]
        if not entries:         # no source: every source
            continue
        folded = Folded(source.text)
        for entry in entries:
            text = fold(entry.text)
            hits = folded.find_all(text, MAX_UNCHECKED_HITS)
            if entry.occurrence:
                hits = hits[entry.occurrence - 1: entry.occurrence]
            for hit in hits:
                span = folded.span(source.id, hit, hit + len(text))
                spans.setdefault(source.id, []).append((span.start, span.end))
    return spans


class _Spans:
    """Character ranges of one source, merged, for fast 'does this overlap any?' questions."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1     # the last range starting before `end`
        return i >= 0 and self.ends[i] > start


def _per_values(claims_file: ClaimsFile) -> dict[str, set[Fraction]]:
    """claim id -> what its rate is per: the `per:` of each rate relation naming the claim as
    its rate, and the number its measure says it is per ("crashes per 1,000 residents")."""
    pers: dict[str, set[Fraction]] = {}
    for relation in claims_file.relations:
        rate, per = relation.get("rate"), relation.get("per")
        if relation.kind == "rate" and isinstance(rate, str) and per is not None:
            try:
                pers.setdefault(rate, set()).add(Fraction(str(per).replace(",", "")))
            except (ValueError, ZeroDivisionError):     # the loader reports a bad `per:`
                continue
    for claim in claims_file.claims:
        for match in _PER.finditer(claim.measure or ""):
            pers.setdefault(claim.id, set()).add(Fraction(match.group(1).replace(",", "")))
    return pers


def _denominator_spans(claims_file: ClaimsFile,
                       figures: dict[str, list[Extracted]]) -> dict[str, list[tuple[int, int]]]:
    """source id -> the spans of rates' denominators, each covered by its rate's claim: the
    figure of the claim's quote (not the claim's own figure) whose value is what the rate is
    per, the one nearest the claim's figure (after it first: "3.1 per 1,000")."""
    pers = _per_values(claims_file)
    spans: dict[str, list[tuple[int, int]]] = {}
    starts: dict[str, list[int]] = {}
    for claim in claims_file.claims:
        span, where = claim.span, claim.quote_span      # as anchoring found them
        if claim.id not in pers or span is None or where is None or span == where:
            continue
        listed = figures.get(claim.source, [])          # sorted by start, not overlapping
        if claim.source not in starts:
            starts[claim.source] = [fig.start for fig in listed]
        first = bisect.bisect_left(starts[claim.source], where.start)
        last = bisect.bisect_left(starts[claim.source], where.end)
        candidates = [fig for fig in listed[first:last] if fig.end <= where.end
                      and not (fig.start < span.end and span.start < fig.end)
                      and _number(fig) in pers[claim.id]]
        if candidates:
            nearest = min(candidates, key=lambda f: (f.start < span.start, abs(f.start - span.start)))
            spans.setdefault(claim.source, []).append((nearest.start, nearest.end))
    return spans


def _number(fig: Extracted) -> Fraction | None:
    """A plain number's exact value ("1,000": 1000); None for dates, shares, money..."""
    if fig.kind not in _COUNTED:
        return None
    try:
        return Fraction(fig.value)
    except (ValueError, ZeroDivisionError):
        return None


def uncovered(claims_file: ClaimsFile) -> list[Outcome]:
    """An outcome for each figure no claim covers and no unchecked entry explains."""
    covered, unchecked = _covered_spans(claims_file), _unchecked_spans(claims_file)
    figures: dict[str, list[Extracted]] = {}
    for source, fig in _figures(claims_file):
        figures.setdefault(source.id, []).append(fig)
    denominators = _denominator_spans(claims_file, figures)
    where = claims_file.sources[0].loc if claims_file.sources else Location(claims_file.path)
    outcomes = []
    for source in claims_file.sources:
        known = _Spans(covered.get(source.id, []) + unchecked.get(source.id, [])
                       + denominators.get(source.id, []))
        for fig in figures.get(source.id, []):
            if known.overlaps(fig.start, fig.end):
                continue
            outcomes.append(Outcome(
                Verdict.UNCOVERED,
                f"\"{fig.text}\" (line {fig.line} of {source.path}) is not covered by any "
                "claim; add a claim, or list it under unchecked with a reason",
                location=where, spans=(Span(source.id, fig.start, fig.end, fig.line, fig.col),)))
    return outcomes


def marks(claims_file: ClaimsFile, findings: list[Finding]) -> tuple[Mark, ...]:
    """Every figure span with the worst verdict of the checks it took part in."""
    by_claim: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        for claim_id in finding.claims:
            by_claim.setdefault(claim_id, []).append(index)
    out: dict[tuple[str, int, int], Mark] = {}
    texts = {s.id: s.text for s in claims_file.sources}
    by_id = {claim.id: claim for claim in claims_file.claims}   # looked up once a conflict
    for claim in claims_file.claims:
        if claim.span is None:
            continue
        indexes = tuple(by_claim.get(claim.id, ()))
        status = _status(claim, [findings[i] for i in indexes], by_id)
        span = claim.span
        mark_key = (span.source, span.start, span.end)
        previous = out.get(mark_key)
        if previous is not None:
            status = max(status, previous.status, key=lambda s: _RANK.get(s, 0))
            indexes = tuple(sorted(set(previous.findings) | set(indexes)))
            claims = tuple(sorted(previous.claims + (claim.id,)))     # not the file's order
        else:
            claims = (claim.id,)
        out[mark_key] = Mark(span.source, span.start, span.end, span.line, span.col,
                             texts[span.source][span.start:span.end], status, claims, indexes)
    for index, finding in enumerate(findings):
        if finding.rule == "coverage":
            span = finding.spans[0]
            out.setdefault((span.source, span.start, span.end), Mark(
                span.source, span.start, span.end, span.line, span.col,
                texts[span.source][span.start:span.end], "uncovered", (), (index,)))
    for source_id, spans in _unchecked_spans(claims_file).items():
        marked = _Spans([(m.start, m.end) for m in out.values() if m.source == source_id])
        unchecked = _Spans(spans)         # overlapping entries make one mark
        text = texts[source_id]
        lines: list[int] | None = None    # where each line starts, found once for the source
        for start, end in zip(unchecked.starts, unchecked.ends, strict=True):
            if not marked.overlaps(start, end):
                if lines is None:
                    lines = line_starts(text)
                out[(source_id, start, end)] = Mark(source_id, start, end, *line_col(lines, start),
                                                    text[start:end], "unchecked")
    return tuple(sorted(out.values(), key=lambda m: (m.source, m.start, m.end)))


def _status(claim: Claim, findings: list[Finding], by_id: dict[str, Claim]) -> str:
    live = [f for f in findings if f.waived is None]
    if any(f.verdict is Verdict.INVALID for f in live):
        return "contradiction"
    conflicts = [f for f in live if f.verdict is Verdict.CONTRADICTION]
    if any(_in_conflict(claim, f, by_id) for f in conflicts):
        return "contradiction"
    if conflicts:
        return "disputed"
    if any(f.verdict is Verdict.CONDITIONAL for f in live):
        return "conditional"
    return "verified"


def _in_conflict(claim: Claim, finding: Finding, by_id: dict[str, Claim]) -> bool:
    """Is the claim's own statement part of the conflict?  A quantity stated differently
    inside one source is that source's conflict: the same figure repeated by other sources
    only agrees with one side of it (ten "47"s in five sources and one "41" in the article
    make the article's figures red, not the other sources').  Otherwise every claim of a
    contradiction is part of it."""
    if finding.rule != "same":
        return True
    stated: dict[str, set[object]] = {}
    for claim_id in finding.claims:
        other = by_id.get(claim_id)
        if other is not None:
            stated.setdefault(other.source, set()).add(_value(other))
    torn = {source for source, values in stated.items() if len(values) > 1}
    return not torn or claim.source in torn


def _value(claim: Claim) -> object:
    """What a claim states, comparable and hashable: its interval, else its other values."""
    return claim.figure.interval if claim.figure is not None else (claim.date, claim.written,
                                                                   claim.items)
