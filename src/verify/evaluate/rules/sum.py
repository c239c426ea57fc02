"""sum: a total against its parts.

Complete (`complete: true`, the default, or a breakdown with a figure for every part): the
total equals the sum of the parts, within the precision of every figure.  An equality is
judged on the intervals: "33%, 33% and 35%" add to 101% as printed, which rounding reconciles
with 100%, so it holds, with a note showing the rounding.  The total is what the sum says, so
its words are its meaning ("nearly 5,000" is 4,963 as well as 4,999); the parts are figures
the reader adds as printed, and a part's hedge is not rounding: "about 60" and 45 make 105,
not 100, and hold only if Ames was 55, which "about 60" allows (a warning that says so).
Partial (`complete: false`, or a breakdown where some parts have no figure): the total is at
least the sum of the parts given, and the remainder is derived ("the 7 states without figures
account for 32 together").  A partial sum is a comparison: if the printed parts exceed the
printed total and only rounding rescues it, the finding is a warning with the condition
("holds only if the total was at least 1,230,000").  Written explicitly
(`sum: total, parts: [...]`) or implied by a breakdown.
A breakdown's `total: 100%` is its whole when no claim quotes it (the answers of one question):
exact, so "79%, 11%, 3% and 10%" (at least 101%) cannot be its parts, and "33%, 33%, 35%" can.

Passing example:
    article: Officers arrested 10 people, 4 in Ames and 3 in Boone.
    breakdowns: [{dimension: place, whole: all, parts: [Ames, Boone, Cole]}]
    claims:
      - {id: t, quote: arrested 10 people, measure: arrested, scope: {place: all}, value: "10", unit: people}
      - {id: a, quote: 4 in Ames, measure: arrested, scope: {place: Ames}, value: "4", unit: people}
      - {id: b, quote: 3 in Boone, measure: arrested, scope: {place: Boone}, value: "3", unit: people}
    -> note sum (t, a, b): 4 + 3 = 7, which is at most 10; Cole, which has no figure, accounts for 3

Failing example:
    article: Officers arrested 10 people, 4 in Ames and 3 in Boone.
    claims:
      - {id: t, quote: arrested 10 people, measure: arrested, value: "10", unit: people}
      - {id: a, quote: 4 in Ames, measure: arrested, scope: {place: Ames}, value: "4", unit: people}
      - {id: b, quote: 3 in Boone, measure: arrested, scope: {place: Boone}, value: "3", unit: people}
    relations: [{sum: t, parts: [a, b]}]
    -> error sum (t, a, b): the parts add to 7, not 10
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from verify.evaluate.rules import Context, Outcome, Value, described, total, values
from verify.model import Interval, Relation, Verdict
from verify.values.numbers import SCALES, fmt, fmt_interval, overlap
from verify.values.units import factor as factor_of

ID = "sum"
SUMMARY = "a total must equal the sum of its parts, or be at least the parts given"
APPLIES = "relation"
KIND = "sum"


def check(relation: Relation, ctx: Context) -> Iterator[Outcome]:
    name: str
    if relation.get("sum") is None:      # a whole no claim quotes: its breakdown's total
        parts = values(ctx, tuple(relation.get("parts")))
        whole = _stated_total(relation, parts[0])
        name = relation.get("whole")
    else:
        whole, *parts = values(ctx, (relation.get("sum"),) + tuple(relation.get("parts")))
        name = described(whole.claim)
    unreported = relation.get("unreported", ())
    complete = relation.get("complete", True) and not unreported
    integer = whole.claim.stated_figure.integer and all(p.claim.stated_figure.integer for p in parts)
    allowed, printed = total([p.interval for p in parts]), total([p.reading for p in parts])
    ids = whole.ids + tuple(i for p in parts for i in p.ids)
    terms = " + ".join(p.text for p in parts)
    unit = whole.unit
    if complete:
        yield _complete(whole, parts, allowed, printed, integer, ids, terms, name, unit)
    else:
        yield _partial(whole, parts, allowed, printed, ids, terms, name, unit, unreported)


def _complete(whole: Value, parts: list[Value], allowed: Interval, printed: Interval, integer: bool,
              ids: tuple[str, ...], terms: str, name: str, unit: str) -> Outcome:
    if overlap([whole.interval, allowed], integer) is None:
        shown = "" if whole.interval.is_point else f" ({fmt_interval(whole.interval, unit)})"
        return Outcome(Verdict.CONTRADICTION,
                       f"the parts of {name} add to {fmt_interval(allowed, unit)}, not {whole.text}",
                       ids, (f"{terms} = {_sum(printed, allowed, parts, unit)}, which is not "
                             f"{whole.text}{shown}",))
    arithmetic = f"{terms} = {_printed(printed, parts, unit)}"
    stated = whole.interval if whole.hedged else whole.reading    # "nearly 5,000": its words
    if overlap([stated, printed], False) is not None:
        return Outcome(Verdict.HOLDS, f"{name}: the parts add up to {whole.text}", ids,
                       (arithmetic + f", which is {whole.text}",))
    rounding = total([p.unhedged for p in parts])
    if overlap([whole.interval, rounding], integer) is None:     # only a part's hedge reconciles
        return Outcome(Verdict.CONDITIONAL,
                       f"{name}: the parts add to {fmt_interval(printed, unit)}, not {whole.text} "
                       f"as printed; it holds only if {_hedged(whole, parts, rounding, unit)}",
                       ids, (arithmetic + " as printed",
                             f"with their hedges the parts allow {fmt_interval(allowed, unit)}; "
                             f"{whole.text} allows {fmt_interval(whole.interval, unit)}"))
    # Rounded parts rarely add up to the rounded total as printed (33% + 33% + 35% = 101%):
    # an equality is judged on the intervals, and the note shows the rounding that reconciles.
    return Outcome(Verdict.HOLDS, f"{name}: the parts add up to {whole.text} within rounding", ids,
                   (arithmetic + " as printed",),
                   (f"the printed parts add to {fmt_interval(printed, unit)}; their rounding "
                    f"allows {fmt_interval(allowed, unit)}, which includes {whole.text}",))


def _printed(printed: Interval, parts: list[Value], unit: str) -> str:
    """The parts' sum as printed, in their own terms when they share a scale word:
    "$12.5 million + $37.2 million" add to "$49.7 million", not "$49,700,000"."""
    shown = fmt_interval(printed, unit)
    words = {next((w for w in p.text.split() if w in _SCALE_WORDS), "") for p in parts}
    if not printed.is_point or printed.lo is None or len(words) != 1 or "" in words:
        return shown
    (word,) = words
    return shown.replace(fmt(printed.lo), f"{fmt(printed.lo / SCALES[word])} {word}", 1)


def _sum(printed: Interval, allowed: Interval, parts: list[Value], unit: str) -> str:
    """The parts' sum as printed, then what their rounding allows when that is wider."""
    if printed == allowed or not printed.is_point:
        return fmt_interval(allowed, unit)
    return (f"{_printed(printed, parts, unit)} as printed, and their rounding allows "
            f"{fmt_interval(allowed, unit)}")


_SCALE_WORDS = ("thousand", "million", "billion", "trillion")


@dataclass(frozen=True)
class _Total(Value):
    """A breakdown's `total:` standing for its whole: exact, and named by why it is known."""

    why: str = ""

    @property
    def text(self) -> str:
        return f"{self.shown} ({self.why})"


def _stated_total(relation: Relation, part: Value) -> Value:
    """The whole's value a breakdown states (`total: 100%`), in the parts' unit."""
    figure = relation.get("total")
    factor = 1 if figure.unit in ("1", part.unit) else factor_of(figure.unit, part.unit)
    point = Interval.point(figure.nominal * factor)
    return _Total(part.claim, point, point, part.unit, (), figure.text, point, relation.get("why"))


def _hedged(whole: Value, parts: list[Value], rounding: Interval, unit: str) -> str:
    """What a hedged part must have been for the sum to hold: the one hedged part, else every
    hedged part towards the end of its hedge."""
    hedged = [p for p in parts if p.hedged]
    if len(hedged) == 1:
        (part,) = hedged
        rest = total([p.unhedged for p in parts if p is not part])
        need = overlap([_minus(whole.interval, rest), part.interval], False)
        if need is not None:
            return (f"{described(part.claim)} was {fmt_interval(need, unit)} "
                    f"(\"{part.text}\" allows {fmt_interval(part.interval, unit)})")
    figures = [v for v in parts if v.hedged]
    return ("the hedged parts lie towards the ends of what their words allow: " +
            "; ".join(f"\"{v.text}\" allows {fmt_interval(v.interval, unit)}" for v in figures))


def _minus(a: Interval, b: Interval) -> Interval:
    """Every value x - y with x in a and y in b."""
    lo = None if a.lo is None or b.hi is None else a.lo - b.hi
    hi = None if a.hi is None or b.lo is None else a.hi - b.lo
    return type(a)(lo, hi, a.lo_closed and b.hi_closed, a.hi_closed and b.lo_closed)


def _partial(whole: Value, parts: list[Value], allowed: Interval, printed: Interval,
             ids: tuple[str, ...], terms: str, name: str, unit: str,
             unreported: tuple[str, ...]) -> Outcome:
    most, least = whole.interval.hi, allowed.lo
    if most is not None and least is not None and (
            most < least or (most == least and not (whole.interval.hi_closed and allowed.lo_closed))):
        return Outcome(Verdict.CONTRADICTION,
                       f"the parts of {name} given add to {fmt_interval(allowed, unit)}, more than "
                       f"the total {whole.text}", ids,
                       (f"{terms} = {_sum(printed, allowed, parts, unit)}, which is more than "
                        f"{whole.text}",))
    arithmetic = (f"{terms} = {_printed(printed, parts, unit)}, which is at most {whole.text}",)
    stated = whole.interval if whole.hedged else whole.reading
    if stated.hi is not None and printed.lo is not None and stated.hi < printed.lo:
        return Outcome(Verdict.CONDITIONAL,
                       f"{name}: the parts given ({fmt_interval(printed, unit)}) exceed the total "
                       f"{whole.text} as printed; this holds only if the total was at least "
                       f"{fmt(least, unit)}"
                       + ("" if allowed.is_point else " and the parts at their lowest"),
                       ids,
                       (f"{terms} = {_printed(printed, parts, unit)} > {whole.text}",
                        f"{whole.text} allows up to {fmt(most, unit)}; the parts allow "
                        f"{fmt_interval(allowed, unit)}"))
    # What the parts without figures hold is derived by the judge from every claim at once.
    return Outcome(Verdict.HOLDS, f"{name}: the parts given add to {fmt_interval(printed, unit)}, "
                   f"within the total {whole.text}", ids, arithmetic)
