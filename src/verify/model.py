"""The data every stage shares: frozen records, no behaviour beyond small helpers.

The records a large file has by the hundred thousand (claims, their figures, intervals,
places and spans; outcomes, findings, marks) have slots, no instance dict: less memory each.
The few of a file (sources, breakdowns, waivers, the file itself) do not: slots cost time
when the module is imported, and these save nothing.

Pipeline: load -> anchor -> relate -> evaluate -> report.  Each stage takes and returns
these records; none of them does I/O.
"""
from __future__ import annotations

import copyreg
import dataclasses
import enum
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import field, fields, is_dataclass, replace
from operator import attrgetter
from typing import Any, TypeVar, cast, dataclass_transform

from quicktions import Fraction

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(*, slots: bool = False, order: bool = False) -> Callable[[type[_T]], type[_T]]:
    """A frozen record of a pure-Python module: a dataclass whose fields are never assigned
    after it is made.

    Frozen as the type checker sees it (mypy reads `dataclass_transform`): assigning a field
    is a type error, and CI runs mypy --strict over every module.  When it runs it is a plain
    dataclass, hashed by its fields as a frozen one is: a frozen dataclass sets each field
    through `object.__setattr__` past its own guard, which made every record 3 to 6 times
    slower to make (the model's ~700 of a claims file of 50 claims).  A module compiled with
    mypyc (setup.py) declares `@dataclass(frozen=True)` instead: mypyc makes a native class
    only of that decorator (of this one, a class with an instance dict, slower to read and
    larger)."""
    def make(cls: type[_T]) -> type[_T]:     # a hash of its own (numbers.Tolerances) is kept
        return dataclasses.dataclass(slots=slots, order=order,
                                     unsafe_hash="__hash__" not in vars(cls))(cls)
    return make


class Severity(enum.IntEnum):
    """How much a finding matters.  PASS is a check that held with nothing to say."""

    PASS = 0
    NOTE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


class Verdict(enum.StrEnum):
    """The three verdicts of a check, plus `invalid` for input that cannot be checked and
    `uncovered`, which is no verdict of a check but its own category: a figure of a source
    that no claim covers (the coverage finding)."""

    CONTRADICTION = "contradiction"   # no values inside the stated intervals satisfy it
    CONDITIONAL = "holds-only-if"     # true for some readings allowed by rounding, not as printed
    HOLDS = "holds"
    INVALID = "invalid"               # malformed input or a modelling error
    UNCOVERED = "uncovered"           # a figure no claim covers: nothing was checked


@record(order=True, slots=True)
class Location:
    """A place in a claims file (1-based line and column)."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@record(order=True, slots=True)
class Span:
    """Characters [start, end) of a source text, with the 1-based line/col of start."""

    source: str
    start: int
    end: int
    line: int
    col: int


@record(slots=True)
class Interval:
    """A set of exact numbers: lo..hi, each end open or closed; None is unbounded."""

    lo: Fraction | None
    hi: Fraction | None
    lo_closed: bool = True
    hi_closed: bool = True

    @classmethod
    def point(cls, value: Fraction) -> Interval:
        return cls(value, value)

    @property
    def is_point(self) -> bool:
        return self.lo is not None and self.lo == self.hi

    def contains(self, value: Fraction) -> bool:
        if self.lo is not None and (value < self.lo or (value == self.lo and not self.lo_closed)):
            return False
        return self.hi is None or not (value > self.hi or (value == self.hi and not self.hi_closed))

    def is_empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_closed and self.hi_closed))

    def intersect(self, other: Interval) -> Interval:
        lo, lo_closed = _tighter(self.lo, self.lo_closed, other.lo, other.lo_closed, max)
        hi, hi_closed = _tighter(self.hi, self.hi_closed, other.hi, other.hi_closed, min)
        return Interval(lo, hi, lo_closed, hi_closed)

    def scale(self, factor: Fraction) -> Interval:
        """Every value multiplied by a positive exact factor."""
        if factor == 1 and type(self.lo) in _EXACT and type(self.hi) in _EXACT:
            return self             # the same values (most conversions are to the same unit)
        return Interval(
            None if self.lo is None else self.lo * factor,
            None if self.hi is None else self.hi * factor,
            self.lo_closed, self.hi_closed,
        )

    def __add__(self, other: Interval) -> Interval:
        lo = None if self.lo is None or other.lo is None else self.lo + other.lo
        hi = None if self.hi is None or other.hi is None else self.hi + other.hi
        return Interval(lo, hi, self.lo_closed and other.lo_closed, self.hi_closed and other.hi_closed)


_EXACT = (Fraction, type(None))     # ends that multiplying by 1 leaves as they are


def _tighter(a: Fraction | None, a_closed: bool, b: Fraction | None, b_closed: bool,
             pick: Callable[[Fraction, Fraction], Fraction]) -> tuple[Fraction | None, bool]:
    if a is None:
        return b, b_closed
    if b is None:
        return a, a_closed
    if a == b:
        return a, a_closed and b_closed
    return (a, a_closed) if pick(a, b) == a else (b, b_closed)


@record(slots=True)
class Figure:
    """A quantity as the article words it.

    `interval` is every value the wording allows (rounding and hedges);
    `reading` is the figure as printed: the point value for a plain, rounded or hedged figure
    ("about 1,000" is 1,000 as printed), the bound itself for "more than 40" and the like;
    `rounded` is what its rounding alone allows, without the hedge (None: the interval).
    """

    text: str                 # as written: "1.2 million", "47%", "Twenty-one"
    interval: Interval
    reading: Interval
    unit: str                 # canonical unit name: "people", "USD", "percent", "km", ...
    precision: str            # exact | rounded | about | more than | at least | ...
    integer: bool = False     # counts of people and things are whole numbers
    nominal: Fraction | None = None   # the number as printed, before the hedge
    rounded: Interval | None = None

    @property
    def hedged(self) -> bool:
        """Does the wording allow more than its rounding ("about", "nearly", "just over")?"""
        return self.rounded is not None and self.rounded != self.interval


@record()
class Waiver:
    """An editor's decision to accept a rule's finding, with the reason; claims narrow it."""

    rule: str
    reason: str
    loc: Location
    claims: tuple[str, ...] = ()


@record()
class Source:
    """One document a claims file quotes: the article, a press release, wire copy."""

    id: str
    title: str
    path: str                 # as written in the claims file, relative to it
    text: str
    published: str | None = None   # ISO date, kept as written
    loc: Location | None = None
    corrects: str | None = None    # the id of the source whose figures this one corrects


@record(slots=True)
class Claim:
    """One figure of one source, with what it measures.

    A claim states a quantity (`figure`), a date or weekday (`date`, `weekday`), or a list
    of named items (`items`)."""

    id: str
    source: str
    quote: str
    loc: Location
    measure: str | None = None
    scope: tuple[tuple[str, str], ...] = ()
    figure: Figure | None = None
    items: tuple[str, ...] = ()
    date: str | None = None          # ISO date or "start/end" range the words refer to
    written: str | None = None       # the value as written, for date and weekday claims
    occurrence: int | None = None    # which occurrence of the quote, when it occurs twice
    waivers: tuple[Waiver, ...] = ()
    span: Span | None = None         # set by anchoring: the figure in its source
    quote_span: Span | None = None   # set by anchoring: the whole quote in its source
    direction: str | None = None     # rise | fall: which way a change went, when its words do not say
    earlier: bool = False            # the quote gives what an earlier version said (a correction's)

    @property
    def scope_text(self) -> str:
        return ", ".join(v for _, v in self.scope) or "overall"

    @property
    def stated_figure(self) -> Figure:
        """The figure of a claim its caller knows to state a quantity (not a date or a list)."""
        if self.figure is None:
            raise ValueError(f"claim {self.id} states no figure")
        return self.figure


@record(slots=True)
class Relation:
    """An assertion between claims: explicit in the claims file, or implied by scopes."""

    kind: str                             # same, sum, subset, count, share, change, rank, date
    id: str
    members: tuple[tuple[str, Any], ...]  # role -> claim id, or tuple of ids, or literal
    loc: Location
    implied: bool = False
    quote: str | None = None
    source: str | None = None
    waivers: tuple[Waiver, ...] = ()

    def get(self, role: str, default: Any = None) -> Any:
        for name, value in self.members:
            if name == role:
                return value
        return default


@record()
class Unstated:
    """A figure the article relies on but prints nowhere ("a rise of 140% on the previous
    year"), named by measure and scope as a claim would be: an unknown of the model."""

    measure: str
    scope: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        shown = ", ".join(v for _, v in self.scope)
        return f"{self.measure} ({shown})" if shown else self.measure


@record()
class Breakdown:
    """A scope value made of parts: place "all states" = Missouri, Illinois, ..."""

    dimension: str
    whole: str
    parts: tuple[str, ...]
    loc: Location
    size: int | None = None       # how many parts in all, when the article names only some
    total: Figure | None = None    # the whole's value when no claim quotes it (total: 100%)
    combine: str | None = None     # "sum" or "average": how the parts make the whole; None:
                                   # sum, except for shares and rates (relate/relations.py)


@record()
class Unchecked:
    """A figure of a source deliberately left without a claim, with the reason."""

    source: str                   # "": the text in every source
    text: str
    reason: str
    loc: Location
    occurrence: int | None = None


@record()
class ClaimsFile:
    path: str
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    relations: tuple[Relation, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
    unchecked: tuple[Unchecked, ...] = ()
    waivers: tuple[Waiver, ...] = ()

    def source(self, source_id: str) -> Source | None:
        for source in self.sources:
            if source.id == source_id:
                return source
        return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text from input made safe to show: C0 and C1 control characters (an escape sequence
    that recolours a CI log, a CR or LF that splits a finding's line) shown as \\x1b."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text) if _CONTROL.search(text) else text


def has_control(text: str) -> bool:
    return bool(_CONTROL.search(text))


@record(slots=True)
class Outcome:
    """What one check of a stage concluded, before the engine gives it a rule id and a
    severity (the engine alone does: a stage never decides how much its outcome matters).

    A rule's outcome is placed by the engine (at its relation or its first claim); a stage
    that knows better says where (`location`: the loader's place of a mistake), which passages
    of a source it is about (`spans`: a figure no claim covers) and which quotes it cites."""

    verdict: Verdict
    message: str
    claims: tuple[str, ...] = ()
    arithmetic: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()
    location: Location | None = None
    spans: tuple[Span, ...] = ()
    quotes: tuple[tuple[str, str], ...] = ()     # (claim id, quote) in the order cited
    worth_noting: bool = False      # a check that holds but an editor should see (a note)


# a finding's place in a report: file, first passage (source, start, end), rule, severity
# (negated: errors first), place in the claims file (input problems only), claims, message,
# arithmetic, line, column
FindingKey = tuple[str, tuple[str, int, int], str, int, tuple[int, int], tuple[str, ...], str,
                   tuple[str, ...], int, int]


@record(slots=True)
class Finding:
    """What a check concluded: an Outcome with the rule id and severity the engine stamped."""

    rule: str
    severity: Severity
    verdict: Verdict
    message: str
    location: Location
    claims: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    quotes: tuple[tuple[str, str], ...] = ()     # (claim id, quote) in the order cited
    arithmetic: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()
    waived: str | None = None                    # the waiver's reason, when waived

    @property
    def fingerprint(self) -> str:
        """Stable across edits that move lines: rule + file + claim ids."""
        return self.fingerprint_as(self.location.path)

    def fingerprint_as(self, path: str) -> str:
        """The fingerprint with the claims file named `path` (reports make it relative)."""
        return f"{self.rule}:{path}:{','.join(sorted(self.claims))}"

    def printable(self) -> Finding:
        """The same finding with every text from input safe to show (see `printable`)."""
        texts = (self.message, *self.arithmetic, *self.derived, *(t for cq in self.quotes for t in cq),
                 self.waived or "")
        if not has_control("".join(texts)):   # one search: a control character is one character
            return self             # the common case: nothing to change, nothing to copy
        return replace(self, message=printable(self.message),
                       arithmetic=tuple(map(printable, self.arithmetic)),
                       derived=tuple(map(printable, self.derived)),
                       quotes=tuple((printable(c), printable(q)) for c, q in self.quotes),
                       waived=None if self.waived is None else printable(self.waived))

    def sort_key(self) -> FindingKey:
        """The article's order (the first passage a finding quotes), then the finding's own
        content: never the order of the claims file, so reordering it reorders nothing.  The
        exception is a mistake in the claims file itself (rule `input`, quoting no passage): it
        is where it is, so a file's mistakes come in the file's order, line then column."""
        first = min(((s.source, s.start, s.end) for s in self.spans), default=("\uffff", 0, 0))
        place = (self.location.line, self.location.col) if self.rule == "input" and not self.spans \
            else (0, 0)
        return (self.location.path, first, self.rule, -self.severity, place, self.claims,
                self.message, self.arithmetic, self.location.line, self.location.col)

    def to_dict(self, sources: dict[str, Source] | None = None) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.label,
            "verdict": self.verdict.value,
            "message": self.message,
            "location": {"path": self.location.path, "line": self.location.line,
                         "column": self.location.col},
            "claims": list(self.claims),
            "quotes": [{"claim": c, "quote": q} for c, q in self.quotes],
            "spans": [{"source": s.source, "start": s.start, "end": s.end,
                       "line": s.line, "column": s.col} for s in self.spans],
            "arithmetic": list(self.arithmetic),
            "derived": list(self.derived),
            "waived": self.waived,
            "fingerprint": self.fingerprint,
        }


@record(slots=True)
class Mark:
    """A figure in a source text, with the verdict of the checks it took part in.

    status: contradiction | disputed | conditional | verified | uncovered | unchecked | replaced
    (disputed: the figure agrees with its own source, but another source states it
    differently; contradiction: its own source's statement is part of the conflict)"""

    source: str
    start: int
    end: int
    line: int
    col: int
    text: str
    status: str
    claims: tuple[str, ...] = ()
    findings: tuple[int, ...] = ()   # indexes into FileResult.findings


@record()
class FileResult:
    """Everything one claims file produced: every check evaluated (passes included)."""

    path: str
    sources: tuple[Source, ...] = ()
    claims: int = 0
    findings: tuple[Finding, ...] = ()
    marks: tuple[Mark, ...] = ()
    fatal: bool = False          # the file could not be checked (exit 2)


@record()
class RunResult:
    files: tuple[FileResult, ...] = field(default_factory=tuple)

    def findings(self) -> Iterator[Finding]:
        for f in self.files:
            yield from f.findings


def pickle_by_constructor(cls: type) -> None:
    """Records of `cls` (a dataclass whose fields are all its constructor's) are pickled as a
    call of the class with their fields' values."""
    copyreg.pickle(cls, _by_constructor(cls))


def _by_constructor(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    """A pickle reducer that rebuilds a record by calling its class with its fields' values."""
    values = _values(cls)[1]
    return lambda record: (cls, values(record))


def replaced(record: _T, **changes: Any) -> _T:
    """`dataclasses.replace` of a record whose fields are all its constructor's: its class
    called with its fields' values in order, `changes` put in (a third of replace's time, which
    names every field; anchoring makes one for every claim)."""
    cls: type = type(record)
    at, values = _values(cls)
    made = list(values(record))
    for name, value in changes.items():
        made[at[name]] = value
    return cast(_T, cls(*made))


@functools.cache
def _values(cls: type) -> tuple[dict[str, int], Callable[[Any], tuple[Any, ...]]]:
    """A record class's field name -> place, and a function giving a record's fields' values
    in order (as its constructor takes them)."""
    names = [f.name for f in fields(cls)]
    get = attrgetter(*names)
    values = (lambda record: (get(record),)) if len(names) == 1 else get
    return {name: n for n, name in enumerate(names)}, values


# A record with slots pickles field by field in Python (as a frozen dataclass did, through its
# __getstate__ and __setstate__: loading the archive's results took 1.9 ms a file against 1.1
# ms without slots), and --jobs sends every result across.  Called with its values instead, it
# loads as fast as a record with a __dict__.
for _record in [v for v in list(globals().values()) if isinstance(v, type) and is_dataclass(v)
                and v.__module__ == __name__ and "__slots__" in vars(v)]:
    pickle_by_constructor(_record)
