"""Quotes are anchors: every claim's words must stand in its source, with the claimed figure.

Matching ignores only what typesetting changes: runs of white space, typographic quotes and
apostrophes, dashes.  A quote found twice is ambiguous unless the claim names the occurrence.
If the article is edited, stale quotes fail here.  The claimed figure must be a figure of the
quote as extraction reads it: digits glued to a word or code ("Time4Change", "COVID-19") are
none, so a quote whose figure was edited away does not pass on them.  A quote that hedges
its figure ("about 6,900") while the value does not ("6,900") is a warning: read as written
the claim is narrower than the article's words.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from quicktions import Fraction

from verify.anchor.textindex import Folded, fold
from verify.extract.finders import glued
from verify.model import Claim, ClaimsFile, Outcome, Span, Verdict, replaced
from verify.values.numbers import FigureError, hedge_before, read_written

_NUMBERISH = re.compile(r"\d[\d,.]*|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|"
                        r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                        r"nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                        r"dozen)(?:-\w+)?\b", re.IGNORECASE)

# Bounds on the work one claim can cause, whatever its quote and source:
_LISTED = 10            # lines listed for a quote that occurs more than once
_MAX_OCCURRENCE = 1000  # 'occurrence: N' past this: 2,000 claims x 999,999 hits would take hours
_QUOTE_FIGURES = 8      # a changed-figures hint is tried for quotes with at most this many
_WINDOWS = 20           # ... around at most this many occurrences of the quote's longest words


def figure_at(claim: Claim) -> tuple[str, int, int] | None:
    """The claim's quote as matched (typesetting folded) and where its figure stands in it,
    [start, end), as anchoring found it; None when the quote does not hold the figure (the
    anchor check reports that) or the claim is a list."""
    if claim.items or claim.figure is None:
        return None
    quote = fold(claim.quote)
    at, problems = _figure_in_quote(claim, quote)
    if at is None or problems:
        return None
    return quote, at[0], at[0] + at[1]


def anchor(claims_file: ClaimsFile) -> tuple[ClaimsFile, list[Outcome]]:
    """Locate every claim's quote; return the file with spans set, and the problems found
    (outcomes of rule `anchor`, each at its claim)."""
    folded = {s.id: Folded(s.text) for s in claims_file.sources}
    findings: list[Outcome] = []
    anchored = []
    for claim in claims_file.claims:
        source = folded.get(claim.source)
        if source is None:
            anchored.append(claim)
            continue
        span, quote_span, problems = _locate(claim, source)
        findings.extend(problems)
        anchored.append(_with_spans(claim, span, quote_span) if span else claim)
    return replace(claims_file, claims=tuple(anchored)), findings


def _with_spans(claim: Claim, span: Span, quote_span: Span | None) -> Claim:
    """The claim with its spans set."""
    return replaced(claim, span=span, quote_span=quote_span)


def _hedge_left_out(claim: Claim, quote: str, start: int, end: int) -> list[Outcome]:
    """A quote that hedges its figure ("about 6,900", the figure at quote[start:end]) with a
    value that does not ("6,900"): read as written, the claim is narrower than the article's
    words, so a check could fail (or a bound be derived) that the words do not support."""
    if claim.items or claim.figure is None or claim.figure.precision not in ("exact", "rounded"):
        return []
    hedge = hedge_before(quote, start)
    if hedge is None:
        return []
    said = quote[quote.lower().rindex(hedge, 0, start):end]
    return [Outcome(Verdict.CONDITIONAL, f"the quote of claim '{claim.id}' says \"{said}\", but its "
                    f"value is \"{claim.figure.text}\", read without the hedge (narrower than the "
                    f"article's words); expected value: \"{hedge} {claim.figure.text}\"",
                    (claim.id,))]


def _locate(claim: Claim, source: Folded) -> tuple[Span | None, Span | None, list[Outcome]]:
    """(the figure's span, the quote's span, the problems) of a claim in its source."""
    quote = fold(claim.quote)
    if claim.occurrence is not None and claim.occurrence > _MAX_OCCURRENCE:
        return None, None, [_problem(claim, f"claim '{claim.id}' asks for occurrence "
                               f"{claim.occurrence:,} of its quote; expected at most "
                               f"{_MAX_OCCURRENCE:,}: quote more words")]
    # Enough hits to pick the occurrence and list some lines; a quote of one letter can
    # occur a million times in a long source, and listing them all would take minutes.
    hits = source.find_all(quote, max(claim.occurrence or 1, _LISTED) + 1)
    if not hits:
        return None, None, [_not_found(claim, source, quote)]
    if len(hits) > 1 and claim.occurrence is None:
        times = f"more than {_LISTED} times" if len(hits) > _LISTED else f"{len(hits)} times"
        lines = ", ".join(dict.fromkeys(str(source.span(claim.source, h, h + 1).line)
                                        for h in hits[:_LISTED]))
        return None, None, [_problem(claim, f"the quote of claim '{claim.id}' occurs {times} "
                               f"(lines {lines}); add 'occurrence: N' or quote more words")]
    if claim.occurrence is not None and claim.occurrence > len(hits):
        return None, None, [_problem(claim, f"claim '{claim.id}' asks for occurrence {claim.occurrence} "
                               f"of its quote, which occurs {len(hits)} time(s)")]
    start = hits[(claim.occurrence or 1) - 1]
    quote_span = source.span(claim.source, start, start + len(quote))
    value_at, problems = _figure_in_quote(claim, quote)
    if value_at is None:
        return quote_span, quote_span, problems
    begin, length = value_at
    problems = problems or _hedge_left_out(claim, quote, begin, begin + length)
    return source.span(claim.source, start + begin, start + begin + length), quote_span, problems


def _figure_in_quote(claim: Claim, quote: str) -> tuple[tuple[int, int] | None, list[Outcome]]:
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
    if at is not None and not glued(quote, at[0]):
        return at, []
    # The value may be written differently in the quote ("102" vs "one hundred two"); digits
    # inside a word ("Time4Change", "COVID-19") are no figure, as extraction sees it.
    figures = [m for m in _NUMBERISH.finditer(quote) if not glued(quote, m.start())]
    for match in figures:
        if claim.figure and _same_number(match.group(0), claim.figure.nominal):
            return (match.start(), len(match.group(0))), []
    found = [m.group(0) for m in figures]
    says = f"the quote says {', '.join(found)}" if found else "the quote has no figure"
    return None, [_problem(claim, f"claim '{claim.id}' has value {written}, but {says}: "
                           f"\"{claim.quote}\"", Verdict.CONTRADICTION)]


def _find_word(quote: str, written: str) -> tuple[int, int] | None:
    """The first place `written` stands in `quote` as a word of its own (not after a letter,
    digit, "." or ","; not before a letter or digit), case-blind."""
    if not (quote.isascii() and written.isascii()):
        match = _word_pattern(written).search(quote)
        return (match.start(), len(match.group(0))) if match else None
    # ASCII: lower() is exactly what IGNORECASE matches, and a word character is isalnum()
    # or "_"; a search by hand saves compiling a pattern per claim
    lowered, wanted = quote.lower(), written.lower()
    at = lowered.find(wanted)
    while at != -1:
        end = at + len(wanted)
        if (at == 0 or not _word_or_point(quote[at - 1])) and \
                (end == len(quote) or not _word_char(quote[end])):
            return at, len(wanted)
        at = lowered.find(wanted, at + 1)
    return None


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _word_or_point(ch: str) -> bool:
    return ch.isalnum() or ch in "_.,"


@lru_cache(maxsize=256)
def _word_pattern(written: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.,])" + re.escape(written) + r"(?![\w])", re.IGNORECASE)


def _same_number(text: str, value: Fraction | None) -> bool:
    try:
        return read_written(text.rstrip(".,")).value == value
    except FigureError:
        return False


def _not_found(claim: Claim, source: Folded, quote: str) -> Outcome:
    """Quote missing: say so, and if only its figures changed, say what the source says now."""
    parts = _NUMBERISH.split(quote)
    if len(parts) > 1 and any(p.strip() for p in parts):
        match = _changed_figures(parts, source)
        if match:
            now = list(match.groups())
            was = _NUMBERISH.findall(quote)
            changes = ", ".join(f"{new} where the claim quotes {old}"
                                for old, new in zip(was, now, strict=True) if old != new)
            span = source.span(claim.source, match.start(), match.end())
            return _problem(claim, f"the quote of claim '{claim.id}' is not in source "
                            f"'{claim.source}': the source now says {changes} "
                            f"(line {span.line}): \"{source.original[span.start:span.end]}\"",
                            Verdict.CONTRADICTION)
    return _problem(claim, f"the quote of claim '{claim.id}' is not in source '{claim.source}': "
                    f"\"{claim.quote}\"; expected the source's exact words")


def _changed_figures(parts: list[str], source: Folded) -> re.Match[str] | None:
    """The quote's words in the source with other figures (1 to 40 characters) between them.

    Bounded work for any quote and source: at most _QUOTE_FIGURES figures; the search runs
    only in windows around the first occurrences of the quote's longest words; and each gap
    is atomic (once the shortest gap before the next words is found it is kept), since
    backtracking into earlier gaps was exponential in the figures of the quote (12 figures
    against a 10 KB source ran for minutes)."""
    if len(parts) > _QUOTE_FIGURES + 1:
        return None
    pattern = re.compile(re.escape(parts[0]) + "".join(f"(?>(.{{1,40}}?){re.escape(p)})"
                                                       for p in parts[1:]), re.IGNORECASE)
    longest = max(range(len(parts)), key=lambda i: len(parts[i].strip()))
    words = parts[longest].lower()
    lowered = source.lowered()
    if lowered is None:
        return None
    before = sum(len(p) for p in parts[:longest]) + 40 * longest
    after = sum(len(p) for p in parts[longest + 1:]) + 40 * (len(parts) - 1 - longest)
    at = lowered.find(words)
    for _ in range(_WINDOWS):
        if at == -1:
            break
        match = pattern.search(source.text, max(0, at - before), at + len(words) + after)
        if match:
            return match
        at = lowered.find(words, at + 1)
    return None


def _problem(claim: Claim, message: str, verdict: Verdict = Verdict.INVALID) -> Outcome:
    return Outcome(verdict, message, (claim.id,), location=claim.loc,
                   quotes=((claim.id, claim.quote),))
