"""A claims file's YAML nodes checked against the schema tables (verify.load.schema).

The Reader collects problems instead of stopping at the first, so a person sees every
mistake of a file at once, each at its line and column, with a did-you-mean for misspelt
fields.  It converts checked scalars (ids, booleans, whole numbers, dates) and leaves
everything else as written.
"""
from __future__ import annotations

import calendar
import datetime
import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from verify.config import Config
from verify.load import schema
from verify.load.yamlread import Node, comma_hint, cut_by_comma
from verify.model import Location, Outcome, Unstated, Verdict, Waiver
from verify.values.numbers import Tolerances, duration

# A figure printed nowhere, named where a claim would be (a change's `from:`).
UNSTATED = {
    "measure": ("text", True, "what is counted or measured, as a claim would say it"),
    "scope": ("scope", False, "where/when/who, as a claim would say it, e.g. {year: 2022}"),
}

# A record's fields as read: name -> (its value, the node it was read from).  The value's type
# follows the field's type in the schema table (text -> str, ids -> tuple[str, ...], bool ->
# bool, waivers -> tuple[Waiver, ...]): a string the type checker cannot follow, so this is
# where YAML becomes the model, and the loader builds typed records from these values.
Fields = dict[str, tuple[Any, Node]]

MAX_PROBLEMS = 1000      # past this many, a file is not read further: nobody reads on
HINT_BUDGET = 20_000     # string comparisons a file may spend on "did you mean" hints


class TooMany(Exception):
    """More problems than MAX_PROBLEMS; carries the location reading stopped at."""


class Reader:
    """Walks the node tree against the schema tables, collecting problems."""

    def __init__(self, path: str, config: Config) -> None:
        self.path, self.config = path, config
        self.problems: list[Outcome] = []
        self.hint_budget = HINT_BUDGET
        self.source_room = config.limit("source_bytes")    # bytes the sources may still hold
        self.string_chars = config.limit("string_chars")
        self.roundings: dict[str, Tolerances] = {}     # rounding -> the tolerances with it

    def problem(self, node: Node | None, message: str) -> None:
        line, col = (node.line, node.col) if node is not None else (1, 1)
        self.add(message, Location(self.path, line, col))

    def add(self, message: str, location: Location) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooMany(location)
        self.problems.append(Outcome(Verdict.INVALID, message, location=location))

    def guess(self, word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
        """The option closest to a mistyped word, while the file's hint budget lasts
        (difflib is slow: thousands of unknown ids against thousands of claims would hang)."""
        listed = list(options)
        if len(listed) > self.hint_budget:
            return None
        self.hint_budget -= len(listed)
        found = difflib.get_close_matches(word, listed, n=1, cutoff=cutoff)
        return found[0] if found else None

    def record(self, node: Node | None, fields: schema.Table, what: str) -> Fields:
        """A mapping checked against a field table -> {name: (value, node)}.

        A value the table's plan reads without a problem (most of them) is read there; any
        other goes through `convert`, which says what is wrong with it."""
        if node is None or node.kind != "map":
            self.problem(node, f"{what} must be a mapping of fields ({', '.join(fields)})")
            return {}
        plan = _plan(fields)
        kinds, scalars, lists, limit = plan.kinds, plan.scalars, plan.lists, self.string_chars
        out: Fields = {}
        pairs = node.pairs
        for n, (key_node, value) in enumerate(pairs):
            key: str = key_node.value or ""    # type: ignore[assignment]  # a key is a scalar
            kind = kinds.get(key)
            if kind is None:
                if (cut := cut_by_comma(pairs[:n], key_node)) is not None:
                    hint = comma_hint(cut)
                else:
                    guess = self.guess(key, fields)
                    hint = f"did you mean '{guess}'?" if guess else f"expected one of: {', '.join(fields)}"
                self.problem(key_node, f"unknown field '{short(key)}' in {what}; {hint}")
                continue
            converted: Any = _SLOW
            if value.kind == "scalar":
                text = value.value
                read = scalars.get(key)
                if read is not None and text is not None and text != DRAFT_PLACEHOLDER \
                        and len(text) <= limit:
                    converted = text if read is _as_written else read(text)  # type: ignore[arg-type]
            elif value.kind == "seq":
                each = lists.get(key)
                if each is not None:
                    converted = _items(value.children, each, limit)
                elif key in plan.records:
                    converted = tuple(value.children)
            elif kind == "scope":
                converted = _scope(value.pairs, limit)
            if converted is _SLOW:
                converted = self.convert(value, kind, f"'{key}' of {what}")
            if converted is not BAD:
                out[key] = (converted, value)
        for key, help_text in plan.required:
            if key not in out and node.get(key) is None:
                self.problem(node, f"{what} has no '{key}'; expected {help_text}")
        return out

    def convert(self, node: Node, kind: str, what: str) -> Any:
        if node.kind == "scalar" and node.value == DRAFT_PLACEHOLDER:
            self.problem(node, f"{what} is still {DRAFT_PLACEHOLDER} from `verify extract --draft`; "
                         "complete it, or delete the claim")
            return BAD
        if kind.startswith("list:"):
            return self.sequence(node, what, lambda item: item)
        if kind in ("ids", "texts"):
            scalar = "id" if kind == "ids" else "text"
            return self.sequence(node, what, lambda item: self.scalar(item, scalar, what))
        if kind == "scope":
            if node.kind != "map":
                self.problem(node, f"{what} must be a mapping such as {{place: Missouri}}")
                return BAD
            return tuple((k, self.scalar(v, "text", what)) for k, _, v in node.items())
        if kind == "waivers":
            return self.sequence(node, what, self.waiver)
        if kind == "figure":     # a claim id, or a figure printed nowhere: {measure, scope}
            if node.kind != "map":
                return self.scalar(node, "id", what)
            fields = self.record(node, UNSTATED, f"{what} (a figure printed nowhere)")
            if "measure" not in fields:
                return BAD
            return Unstated(fields["measure"][0], fields.get("scope", ((),))[0])
        if kind == "claims":     # one claim id, or a list of them
            return self.convert(node, "ids" if node.kind == "seq" else "id", what)
        if kind == "among":
            if node.kind == "seq":
                return self.convert(node, "ids", what)
            return self.scalar(node, "text", what)
        return self.scalar(node, kind, what)

    def sequence(self, node: Node, what: str, each: Callable[[Node], Any]) -> Any:
        if node.kind != "seq":
            self.problem(node, f"{what} must be a list")
            return BAD
        items = [each(item) for item in node.children]
        return tuple(item for item in items if item is not BAD)

    def scalar(self, node: Node, kind: str, what: str) -> Any:
        if node.kind != "scalar" or node.value is None:
            self.problem(node, f"{what} must be {'a single value' if node.kind != 'scalar' else 'given'}")
            return BAD
        text = node.text
        if len(text) > self.string_chars:
            self.problem(node, f"{what} is {len(text):,} characters long; the limit is "
                         f"{self.config.limit('string_chars'):,} (limits.string_chars)")
            return BAD
        check = _CHECKS.get(kind)
        if check is None and kind.startswith("enum:"):
            options = kind[5:].split("|")
            check = (lambda text: text in options, "one of: " + ", ".join(options))
        if check is not None and not check[0](text):
            why = _no_such_day(text) if kind in ("date", "day") else None
            self.problem(node, f"{what} is '{text[:60]}'{why or ''}; expected {check[1]}")
            return BAD
        if kind == "bool":
            return text.lower() in ("true", "yes")
        return int(text) if kind == "int" else text

    def waiver(self, node: Node) -> Waiver | object:
        fields = self.record(node, schema.WAIVER, "waiver")
        if "rule" not in fields or "reason" not in fields:
            return BAD
        if not fields["reason"][0].strip():
            self.problem(fields["reason"][1], "a waiver's reason is empty; say why the finding is accepted")
            return BAD
        return Waiver(fields["rule"][0], fields["reason"][0], self.loc(node), fields.get("claims", ((),))[0])

    def loc(self, node: Node) -> Location:
        return Location(self.path, node.line, node.col)


BAD = object()
# scalar kind -> (test of the text, what is expected); built once, not per value read
_ID = re.compile(schema.ID_PATTERN[1:-1])
_WHOLE = re.compile(r"[1-9]\d{0,5}")
_CHECKS: dict[str, tuple[Callable[[str], object], str]] = {
    "id": (lambda text: _ID.fullmatch(text), "an id: letters, digits, - _ . :"),
    "bool": (lambda text: text.lower() in ("true", "false", "yes", "no"), "true or false"),
    "int": (lambda text: _WHOLE.fullmatch(text), "a whole number from 1"),
    "per": (lambda text: re.fullmatch(r"[1-9]\d{0,2}(,?\d{3}){0,4}", text), "a whole number from 1, "
            "such as 100,000"),
    "duration": (lambda text: duration(text) is not None, "a length of time such as 1 year, "
                 "365 days or 24 hours"),
    "date": (lambda text: _valid_date(text), "a date YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD"),
    "day": (lambda text: "/" not in text and _valid_date(text), "one date YYYY-MM-DD"),
}


_SLOW = object()      # a value the plan does not read: `convert` reads it, and says what is wrong
Read = Callable[[str], Any]     # a scalar's text -> its value, or _SLOW


def _as_written(text: str) -> str:
    """A text field's value: its text (record reads it without calling this)."""
    return text


def _checked(kind: str) -> Read:
    """What `Reader.scalar` returns for a text of `kind` that passes its check; _SLOW for one
    that does not (the reader then says why)."""
    if kind == "bool":
        return lambda text: (lower in ("true", "yes")) if (lower := text.lower()) in (
            "true", "false", "yes", "no") else _SLOW
    if kind == "int":
        return lambda text: int(text) if _WHOLE.fullmatch(text) else _SLOW
    if kind.startswith("enum:"):
        options = frozenset(kind[5:].split("|"))
        return lambda text: text if text in options else _SLOW
    check = _CHECKS.get(kind)
    if check is None:
        return _as_written
    test = check[0]
    return lambda text: text if test(text) else _SLOW


# a field's kind -> the scalar kind its value is read as, when written as one scalar (a list
# of claims may be one id; a figure printed nowhere is a mapping, read by `convert`)
_AS_SCALAR = {"claims": "id", "among": "text", "figure": "id"}
# a field's kind -> the scalar kind of its items, when written as a list
_AS_LIST = {"ids": "id", "texts": "text", "claims": "id", "among": "id"}
_UNREAD = ("ids", "texts", "scope", "waivers")     # never one scalar


class _Plan:
    """How `Reader.record` reads the fields of one table: each field's kind, the readers of
    values written as a scalar or as a list of scalars, the lists of records (kept as nodes)
    and the required fields."""

    __slots__ = ("kinds", "lists", "records", "required", "scalars", "table")

    def __init__(self, table: schema.Table) -> None:
        self.table = table
        self.kinds = {key: spec[0] for key, spec in table.items()}
        self.scalars = {key: _checked(_AS_SCALAR.get(kind, kind)) for key, kind in self.kinds.items()
                        if not kind.startswith("list:") and kind not in _UNREAD}
        self.lists = {key: _checked(_AS_LIST[kind]) for key, kind in self.kinds.items()
                      if kind in _AS_LIST}
        self.records = frozenset(key for key, kind in self.kinds.items() if kind.startswith("list:"))
        self.required = tuple((key, spec[2]) for key, spec in table.items() if spec[1])


_PLANS: dict[int, _Plan] = {}      # id(table) -> its plan; the plan holds the table, so the id stays its


def _plan(table: schema.Table) -> _Plan:
    plan = _PLANS.get(id(table))
    if plan is None or plan.table is not table:
        if len(_PLANS) > 256:      # tables built per call (none today) must not pile up
            _PLANS.clear()
        plan = _PLANS[id(table)] = _Plan(table)
    return plan


def _items(items: list[Node], each: Read, limit: int) -> Any:
    """A list of scalars read by `each`, as `Reader.sequence` reads it; _SLOW at any item
    `Reader.scalar` would refuse."""
    out = []
    for item in items:
        text = item.value
        if item.kind != "scalar" or text is None or len(text) > limit:
            return _SLOW
        value = each(text)    # type: ignore[arg-type]  # a scalar's value is its text
        if value is _SLOW:
            return _SLOW
        out.append(value)
    return tuple(out)


def _scope(pairs: list[tuple[Node, Node]], limit: int) -> Any:
    """A scope's (dimension, value) pairs of text, as `Reader.convert` reads them; _SLOW at
    any value `Reader.scalar` would refuse."""
    out = []
    for key, value in pairs:
        text = value.value
        if value.kind != "scalar" or text is None or len(text) > limit:
            return _SLOW
        out.append((key.text, text))
    return tuple(out)


def short(text: str, length: int = 60) -> str:
    """Input echoed in a message: a 1 MB key must not make a 1 MB message."""
    return text if len(text) <= length else text[:length] + "..."
DRAFT_PLACEHOLDER = "FILL-IN"     # what `verify extract --draft` leaves for a person to complete


def _no_such_day(text: str) -> str | None:
    """', a day that does not exist (February has 28 days in 2026)' for a well-formed date
    the calendar lacks; None otherwise."""
    for part in text.split("/"):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", part):
            year, month, day = map(int, part.split("-"))
            if not 1 <= month <= 12:
                return f", and there is no month {month}"
            days = calendar.monthrange(year, month)[1]
            if not 1 <= day <= days:
                return f", a day that does not exist ({calendar.month_name[month]} {year} has {days} days)"
    return None


def _valid_date(text: str) -> bool:
    try:
        for part in text.split("/"):
            datetime.date.fromisoformat(part)
    except ValueError:
        return False
    return bool(re.fullmatch(schema.DATE_PATTERN, text))
