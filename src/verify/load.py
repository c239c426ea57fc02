"""Claims file -> model, with every problem of the file reported at once, by position.

Problems are findings of rule `input` (verdict invalid); a file with any is not checked
further, but every other file of the run still is.
"""
from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from verify import schema, units, yamlread
from verify.config import Config
from verify.model import (Breakdown, Claim, ClaimsFile, Finding, Location, Relation, Severity,
                          Source, Unchecked, Verdict, Waiver)
from verify.numbers import FigureError, figure_from


@dataclass
class Loaded:
    claims_file: ClaimsFile | None
    problems: list[Finding] = field(default_factory=list)


class _Reader:
    """Walks the node tree against the schema tables, collecting problems."""

    def __init__(self, path: str, config: Config):
        self.path, self.config, self.problems = path, config, []

    def problem(self, node, message: str) -> None:
        line, col = (node.line, node.col) if node is not None else (1, 1)
        self.problems.append(Finding("input", Severity.ERROR, Verdict.INVALID, message,
                                     Location(self.path, line, col)))

    def record(self, node, fields: dict, what: str) -> dict:
        """A mapping checked against a field table -> {name: (value, node)}."""
        if node is None or node.kind != "map":
            self.problem(node, f"{what} must be a mapping of fields ({', '.join(fields)})")
            return {}
        out = {}
        for key, key_node, value in node.items():
            if key not in fields:
                guess = difflib.get_close_matches(key, fields, n=1)
                hint = f"did you mean '{guess[0]}'?" if guess else f"expected one of: {', '.join(fields)}"
                self.problem(key_node, f"unknown field '{key}' in {what}; {hint}")
                continue
            converted = self.convert(value, fields[key][0], f"'{key}' of {what}")
            if converted is not _BAD:
                out[key] = (converted, value)
        for key, (_, required, help_text) in fields.items():
            if required and key not in out and node.get(key) is None:
                self.problem(node, f"{what} has no '{key}'; expected {help_text}")
        return out

    def convert(self, node, kind: str, what: str):
        if node.kind == "scalar" and node.value == DRAFT_PLACEHOLDER:
            self.problem(node, f"{what} is still {DRAFT_PLACEHOLDER} from `verify extract --draft`; "
                         "complete it, or delete the claim")
            return _BAD
        if kind.startswith("list:"):
            return self.sequence(node, what, lambda item: item)
        if kind in ("ids", "texts"):
            return self.sequence(node, what, lambda item: self.scalar(item, "id" if kind == "ids" else "text", what))
        if kind == "scope":
            if node.kind != "map":
                self.problem(node, f"{what} must be a mapping such as {{place: Missouri}}")
                return _BAD
            return tuple((k, self.scalar(v, "text", what)) for k, _, v in node.items())
        if kind == "waivers":
            return self.sequence(node, what, self.waiver)
        if kind == "among":
            if node.kind == "seq":
                return self.convert(node, "ids", what)
            return self.scalar(node, "text", what)
        return self.scalar(node, kind, what)

    def sequence(self, node, what, each):
        if node.kind != "seq":
            self.problem(node, f"{what} must be a list")
            return _BAD
        items = [each(item) for item in node.value]
        return tuple(item for item in items if item is not _BAD)

    def scalar(self, node, kind: str, what: str):
        if node.kind != "scalar" or node.value is None:
            self.problem(node, f"{what} must be {'a single value' if node.kind != 'scalar' else 'given'}")
            return _BAD
        text = node.text
        if len(text) > self.config.limit("string_chars"):
            self.problem(node, f"{what} is {len(text)} characters long; the limit is "
                         f"{self.config.limit('string_chars')}")
            return _BAD
        checks = {
            "id": (lambda: re.fullmatch(schema.ID_PATTERN[1:-1], text), "an id: letters, digits, - _ . :"),
            "bool": (lambda: text.lower() in ("true", "false", "yes", "no"), "true or false"),
            "int": (lambda: re.fullmatch(r"[1-9]\d{0,5}", text), "a whole number from 1"),
            "date": (lambda: _valid_date(text), "a date YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD"),
        }
        if kind.startswith("enum:"):
            options = kind[5:].split("|")
            checks[kind] = (lambda: text in options, "one of: " + ", ".join(options))
        if kind in checks and not checks[kind][0]():
            self.problem(node, f"{what} is '{text[:60]}'; expected {checks[kind][1]}")
            return _BAD
        if kind == "bool":
            return text.lower() in ("true", "yes")
        return int(text) if kind == "int" else text

    def waiver(self, node):
        fields = self.record(node, schema.WAIVER, "waiver")
        if "rule" not in fields or "reason" not in fields:
            return _BAD
        if not fields["reason"][0].strip():
            self.problem(fields["reason"][1], "a waiver's reason is empty; say why the finding is accepted")
            return _BAD
        return Waiver(fields["rule"][0], fields["reason"][0], self.loc(node), fields.get("claims", ((),))[0])

    def loc(self, node) -> Location:
        return Location(self.path, node.line, node.col)


_BAD = object()
DRAFT_PLACEHOLDER = "FILL-IN"     # what `verify extract --draft` leaves for a person to complete


def _valid_date(text: str) -> bool:
    try:
        for part in text.split("/"):
            datetime.date.fromisoformat(part)
    except ValueError:
        return False
    return bool(re.fullmatch(schema.DATE_PATTERN, text))


def load(path: str, config: Config) -> Loaded:
    """Read one claims file and its sources."""
    reader = _Reader(path, config)
    text = _read_text(reader, Path(path), config.limit("file_bytes"), None)
    if text is None:
        return Loaded(None, reader.problems)
    try:
        root = yamlread.read(text, max_depth=config.limit("depth"))
    except yamlread.YamlError as error:
        reader.problems.append(Finding("input", Severity.ERROR, Verdict.INVALID, error.message,
                                       Location(path, error.line, error.col)))
        return Loaded(None, reader.problems)
    top = reader.record(root, schema.FILE, "the claims file")
    if reader.problems and root is None or (root is not None and root.kind != "map"):
        return Loaded(None, reader.problems)
    claims_file = _build(reader, top, Path(path).parent)
    return Loaded(None if reader.problems else claims_file, reader.problems)


def _read_text(reader: _Reader, path: Path, limit: int, node) -> str | None:
    try:
        size = path.stat().st_size
        if size > limit:
            reader.problem(node, f"{path} is {size:,} bytes; the limit is {limit:,} (limits.file_bytes)")
            return None
        data = path.read_bytes()
    except OSError as error:
        reader.problem(node, f"cannot read {path}: {error.strerror or error}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = yamlread.position(data[: error.start].decode("utf-8", "replace"), error.start)
        reader.problems.append(Finding("input", Severity.ERROR, Verdict.INVALID,
                               f"{path.name} is not valid UTF-8 (byte 0x{data[error.start]:02x} at "
                               f"offset {error.start}); expected UTF-8 text",
                               Location(reader.path if node is not None else str(path), line, col)))
        return None
    return text.removeprefix("\ufeff")


def _build(reader: _Reader, top: dict, folder: Path) -> ClaimsFile:
    sources = [s for s in (_source(reader, n, folder) for n in _items(top, "sources")) if s]
    source_ids = [s.id for s in sources]
    claims = [c for c in (_claim(reader, n, source_ids) for n in _items(top, "claims")) if c]
    if len(claims) > reader.config.limit("claims"):
        reader.problem(None, f"{len(claims)} claims; the limit is {reader.config.limit('claims')}")
    _unique(reader, claims, "claim")
    _unique(reader, sources, "source")
    known = {c.id for c in claims}
    relations = [r for r in (_relation(reader, n, i, known) for i, n in
                             enumerate(_items(top, "relations"), 1)) if r]
    breakdowns = [Breakdown(f["dimension"][0], f["whole"][0], f["parts"][0], reader.loc(n))
                  for n in _items(top, "breakdowns")
                  if len(f := reader.record(n, schema.BREAKDOWN, "a breakdown")) == 3]
    unchecked = [u for u in (_unchecked(reader, n, source_ids) for n in _items(top, "unchecked")) if u]
    return ClaimsFile(reader.path, tuple(sources), tuple(claims), tuple(relations),
                      tuple(breakdowns), tuple(unchecked), _items(top, "waivers"))


def _unchecked(reader: _Reader, node, source_ids: list[str]) -> Unchecked | None:
    fields = reader.record(node, schema.UNCHECKED, "an unchecked entry")
    if "text" not in fields or "reason" not in fields:
        return None
    default = source_ids[0] if source_ids else ""
    return Unchecked(fields.get("source", (default,))[0], fields["text"][0], fields["reason"][0],
                     reader.loc(node), fields.get("occurrence", (None,))[0])


def _items(top: dict, key: str):
    return top.get(key, ((),))[0]


def _unique(reader, records, what):
    seen = {}
    for record in records:
        if record.id in seen:
            reader.problems.append(Finding("input", Severity.ERROR, Verdict.INVALID,
                                   f"{what} id '{record.id}' is used twice (first at line "
                                   f"{seen[record.id].line}); expected unique ids", record.loc))
        else:
            seen[record.id] = record.loc


def _source(reader: _Reader, node, folder: Path) -> Source | None:
    fields = reader.record(node, schema.SOURCE, "a source")
    if "id" not in fields or "file" not in fields:
        return None
    file_name, file_node = fields["file"]
    text = _read_text(reader, folder / file_name, reader.config.limit("source_bytes"), file_node)
    if text is None:
        return None
    return Source(fields["id"][0], fields.get("title", (file_name,))[0], file_name, text,
                  fields.get("published", (None,))[0], reader.loc(node))


def _claim(reader: _Reader, node, source_ids: list[str]) -> Claim | None:
    fields = reader.record(node, schema.CLAIM, "a claim")
    if "id" not in fields or "quote" not in fields:
        return None
    value = lambda key, default=None: fields.get(key, (default,))[0]
    source = value("source") or (source_ids[0] if len(source_ids) == 1 else None)
    if source not in source_ids:
        where = fields["source"][1] if "source" in fields else node
        reader.problem(where, f"claim '{value('id')}' names source '{source}'; expected one of: "
                       f"{', '.join(source_ids) or '(no sources)'}")
    figure = written = None
    try:
        unit = units.canonical(value("unit"))
    except units.UnitError as error:
        reader.problem(fields["unit"][1], str(error))
        return None
    if "value" in fields and unit not in units.NON_QUANTITIES:
        integer = value("integer") if "integer" in fields else _is_count(reader, unit, fields)
        try:
            figure = figure_from(value("value"), unit if "unit" in fields else None,
                                 value("precision"), bool(integer), reader.config.tolerances)
        except FigureError as error:
            reader.problem(fields["value"][1], str(error))
            return None
    elif "value" in fields:
        written = value("value")
    elif "items" not in fields:
        reader.problem(node, f"claim '{value('id')}' has neither 'value' nor 'items'; "
                       "expected the figure as written, or the names a list gives")
        return None
    waivers = value("waive", ())
    return Claim(value("id"), source or "", value("quote"), reader.loc(node), value("measure"),
                 value("scope", ()), figure, value("items", ()), value("date"), written,
                 value("occurrence"), waivers)


def _is_count(reader, unit, fields) -> bool:
    try:
        return units.is_count(unit)
    except units.UnitError as error:
        reader.problem(fields["unit"][1] if "unit" in fields else None, str(error))
        return False


def _relation(reader: _Reader, node, index: int, known: set[str]) -> Relation | None:
    kinds = [k for k in schema.RELATIONS if node.kind == "map" and node.get(k) is not None]
    if len(kinds) != 1:
        reader.problem(node, f"a relation needs exactly one kind ({', '.join(schema.RELATIONS)}); "
                       f"found {', '.join(kinds) or 'none'}")
        return None
    kind = kinds[0]
    table = {**schema.RELATIONS[kind], **schema.RELATION_COMMON}
    fields = reader.record(node, table, f"a {kind} relation")
    if any(required and key not in fields for key, (_, required, _) in table.items()):
        return None
    members = tuple((k, v) for k, (v, _) in fields.items() if k not in schema.RELATION_COMMON)
    rel_id = fields.get("id", (f"rel-{index}",))[0]
    _check_refs(reader, kind, fields, known, rel_id)
    waivers = fields.get("waive", ((),))[0]
    return Relation(kind, rel_id, members, reader.loc(node), False,
                    fields.get("quote", (None,))[0], fields.get("source", (None,))[0], waivers)


def _check_refs(reader, kind, fields, known, rel_id) -> None:
    id_roles = [k for k, (t, _, _) in schema.RELATIONS[kind].items() if t in ("id", "ids")]
    if kind == "rank":
        id_roles = ["claim", "than"] + (["among"] if isinstance(fields.get("among", ("",))[0], tuple) else [])
    named = []
    for role in id_roles:
        if role not in fields:
            continue
        value, node = fields[role]
        for claim_id in (value if isinstance(value, tuple) else (value,)):
            named.append(claim_id)
            if claim_id not in known:
                guess = difflib.get_close_matches(claim_id, known, n=1)
                hint = f"; did you mean '{guess[0]}'?" if guess else ""
                reader.problem(node, f"{kind} relation {rel_id} names claim '{claim_id}', "
                               f"which is not in this file{hint}")
    if len(named) != len(set(named)):
        reader.problem(fields[id_roles[0]][1], f"{kind} relation {rel_id} names the same claim twice; "
                       "a relation cannot relate a claim to itself")
