"""Claims file -> model, with every problem of the file reported at once, by position.

Problems are findings of rule `input` (verdict invalid); a file with any is not checked
further, but every other file of the run still is.
"""
from __future__ import annotations

import datetime
import difflib
import re
import stat
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


MAX_PROBLEMS = 1000      # past this many, a file is not read further: nobody reads on
HINT_BUDGET = 20_000     # string comparisons a file may spend on "did you mean" hints


class _TooMany(Exception):
    """More problems than MAX_PROBLEMS; carries the location reading stopped at."""


class _Reader:
    """Walks the node tree against the schema tables, collecting problems."""

    def __init__(self, path: str, config: Config):
        self.path, self.config, self.problems = path, config, []
        self.hint_budget = HINT_BUDGET
        self.source_room = config.limit("source_bytes")    # bytes the sources may still hold

    def problem(self, node, message: str) -> None:
        line, col = (node.line, node.col) if node is not None else (1, 1)
        self.add(message, Location(self.path, line, col))

    def add(self, message: str, location: Location) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany(location)
        self.problems.append(Finding("input", Severity.ERROR, Verdict.INVALID, message, location))

    def guess(self, word: str, options) -> str | None:
        """The option closest to a mistyped word, while the file's hint budget lasts
        (difflib is slow: thousands of unknown ids against thousands of claims would hang)."""
        options = list(options)
        if len(options) > self.hint_budget:
            return None
        self.hint_budget -= len(options)
        found = difflib.get_close_matches(word, options, n=1)
        return found[0] if found else None

    def record(self, node, fields: dict, what: str) -> dict:
        """A mapping checked against a field table -> {name: (value, node)}."""
        if node is None or node.kind != "map":
            self.problem(node, f"{what} must be a mapping of fields ({', '.join(fields)})")
            return {}
        out = {}
        for key, key_node, value in node.items():
            if key not in fields:
                guess = self.guess(key, fields)
                hint = f"did you mean '{guess}'?" if guess else f"expected one of: {', '.join(fields)}"
                self.problem(key_node, f"unknown field '{_short(key)}' in {what}; {hint}")
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
            self.problem(node, f"{what} is {len(text):,} characters long; the limit is "
                         f"{self.config.limit('string_chars'):,} (limits.string_chars)")
            return _BAD
        check = _CHECKS.get(kind)
        if check is None and kind.startswith("enum:"):
            options = kind[5:].split("|")
            check = (lambda text: text in options, "one of: " + ", ".join(options))
        if check is not None and not check[0](text):
            self.problem(node, f"{what} is '{text[:60]}'; expected {check[1]}")
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
# scalar kind -> (test of the text, what is expected); built once, not per value read
_CHECKS = {
    "id": (lambda text: re.fullmatch(schema.ID_PATTERN[1:-1], text), "an id: letters, digits, - _ . :"),
    "bool": (lambda text: text.lower() in ("true", "false", "yes", "no"), "true or false"),
    "int": (lambda text: re.fullmatch(r"[1-9]\d{0,5}", text), "a whole number from 1"),
    "date": (lambda text: _valid_date(text), "a date YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD"),
}


def _short(text: str, length: int = 60) -> str:
    """Input echoed in a message: a 1 MB key must not make a 1 MB message."""
    return text if len(text) <= length else text[:length] + "..."
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
    try:
        return _load(reader, path, config)
    except _TooMany as stop:
        reader.problems.append(Finding("input", Severity.ERROR, Verdict.INVALID,
                                       f"more than {MAX_PROBLEMS:,} problems; stopped reading the "
                                       "file here; expected a claims file with a few mistakes to fix",
                                       stop.args[0]))
        return Loaded(None, reader.problems)


def _load(reader: _Reader, path: str, config: Config) -> Loaded:
    text = _read_text(reader, Path(path), config.limit("file_bytes"), None)
    if text is None:
        return Loaded(None, reader.problems)
    try:
        root = yamlread.read(text, max_depth=config.limit("depth"), max_nodes=config.limit("nodes"))
    except yamlread.YamlError as error:
        reader.add(error.message, Location(path, error.line, error.col))
        return Loaded(None, reader.problems)
    top = reader.record(root, schema.FILE, "the claims file")
    if reader.problems and root is None or (root is not None and root.kind != "map"):
        return Loaded(None, reader.problems)
    claims_file = _build(reader, top, Path(path).parent)
    return Loaded(None if reader.problems else claims_file, reader.problems)


def _read_text(reader: _Reader, path: Path, limit: int, node) -> str | None:
    """A claims file (node None) or a source (node: its `file:` field) as text, or None with
    a problem.  Only regular files: a FIFO would block and /dev/zero would never end.  At most
    `limit` bytes are read, whatever size the file claims (files in /proc say 0)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            reader.problem(node, f"cannot read {_short(str(path), 120)}: it is {kind}; expected a "
                           "text file")
            return None
        data = b""
        if info.st_size <= limit:
            with path.open("rb") as stream:
                data = stream.read(limit + 1)
        if info.st_size > limit or len(data) > limit:
            reader.problem(node, _too_big(path, max(info.st_size, len(data)), limit, node is None,
                                          reader.config))
            return None
    except OSError as error:
        reader.problem(node, f"cannot read {_short(str(path), 120)}: {error.strerror or error}")
        return None
    except ValueError:      # the name holds a NUL: no file can have it
        reader.problem(node, f"cannot read {_short(repr(str(path)), 120)}: a file name cannot hold "
                       "a NUL character; expected a file name")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8").removeprefix("\ufeff")
        line, col = yamlread.position(before, len(before))
        message = (f"{path.name} is not valid UTF-8 (byte 0x{data[error.start]:02x} at line {line}, "
                   f"column {col}); expected UTF-8 text")
        if node is None:
            reader.add(message, Location(reader.path, line, col))
        else:
            reader.problem(node, message)
        return None
    return text.removeprefix("\ufeff")


def _too_big(path: Path, size: int, limit: int, claims_file: bool, config: Config) -> str:
    if claims_file:
        return f"{path} is {size:,} bytes; the limit is {limit:,} (limits.file_bytes)"
    path = _short(str(path), 120)
    total = config.limit("source_bytes")
    left = "" if limit == total else f", more than the {limit:,} left of the"
    return (f"{path} is {size:,} bytes{left or '; the'} sources of one claims file may hold "
            f"{total:,} bytes in all (limits.source_bytes)")


def _build(reader: _Reader, top: dict, folder: Path) -> ClaimsFile:
    limit = reader.config.limit("claims")
    if len(_items(top, "claims")) > limit:      # before any claim is read: they cost time
        reader.problem(top["claims"][1], f"{len(_items(top, 'claims')):,} claims; the limit is "
                       f"{limit:,} (limits.claims); expected the claims of one article")
        return ClaimsFile(reader.path, (), ())
    sources = [s for s in (_source(reader, n, folder) for n in _items(top, "sources")) if s]
    if "sources" in top and not _items(top, "sources"):
        reader.problem(top["sources"][1], "'sources' is empty; expected the documents the claims quote")
    # Ids as declared, read or not: a claim naming a source that could not be read, or a
    # relation naming a claim with a bad value, is not a second problem.
    source_ids = _declared(_items(top, "sources"))
    claims = [c for c in (_claim(reader, n, source_ids) for n in _items(top, "claims")) if c]
    _unique(reader, claims, "claim")
    _unique(reader, sources, "source")
    known = set(_declared(_items(top, "claims")))
    relations = [r for r in (_relation(reader, n, i, known) for i, n in
                             enumerate(_items(top, "relations"), 1)) if r]
    breakdowns = [Breakdown(f["dimension"][0], f["whole"][0], f["parts"][0], reader.loc(n))
                  for n in _items(top, "breakdowns")
                  if len(f := reader.record(n, schema.BREAKDOWN, "a breakdown")) == 3]
    _one_breakdown_per_whole(reader, breakdowns)
    unchecked = [u for u in (_unchecked(reader, n, source_ids) for n in _items(top, "unchecked")) if u]
    return ClaimsFile(reader.path, tuple(sources), tuple(claims), tuple(relations),
                      tuple(breakdowns), tuple(unchecked), _items(top, "waivers"))


def _one_breakdown_per_whole(reader: _Reader, breakdowns: list[Breakdown]) -> None:
    """Two lists of parts for one whole ("all states" = these, and = those) contradict."""
    seen: dict[tuple[str, str], Location] = {}
    for breakdown in breakdowns:
        whole = (breakdown.dimension.casefold(), breakdown.whole.casefold())
        if whole in seen:
            reader.problems.append(Finding(
                "input", Severity.ERROR, Verdict.INVALID,
                f"{breakdown.dimension} '{_short(breakdown.whole)}' is broken down twice (first at "
                f"line {seen[whole].line}); expected one list of parts per whole", breakdown.loc))
        else:
            seen[whole] = breakdown.loc


def _unchecked(reader: _Reader, node, source_ids: list[str]) -> Unchecked | None:
    fields = reader.record(node, schema.UNCHECKED, "an unchecked entry")
    if "text" not in fields or "reason" not in fields:
        return None
    default = source_ids[0] if source_ids else ""
    return Unchecked(fields.get("source", (default,))[0], fields["text"][0], fields["reason"][0],
                     reader.loc(node), fields.get("occurrence", (None,))[0])


def _items(top: dict, key: str):
    return top.get(key, ((),))[0]


def _declared(nodes) -> list[str]:
    """The ids the records of a list declare, in order, whether or not they could be read."""
    ids = (n.get("id") for n in nodes if n.kind == "map")
    return list(dict.fromkeys(i.text for i in ids if i is not None and i.kind == "scalar"))


def _unique(reader, records, what):
    seen = {}
    for record in records:
        if record.id in seen:
            reader.add(f"{what} id '{_short(record.id)}' is used twice (first at line "
                       f"{seen[record.id].line}); expected unique ids", record.loc)
        else:
            seen[record.id] = record.loc


def _inside_project(folder: Path, file_name: str) -> bool:
    """Is the source below the claims file's folder or the working folder (links resolved)?"""
    if "\0" in file_name:
        return True      # reported by the reader with its own message
    if Path(file_name).is_absolute():
        return False
    target = (folder / file_name).resolve()
    return any(target.is_relative_to(root) for root in (folder.resolve(), Path.cwd().resolve()))


def _source(reader: _Reader, node, folder: Path) -> Source | None:
    fields = reader.record(node, schema.SOURCE, "a source")
    if "id" not in fields or "file" not in fields:
        return None
    file_name, file_node = fields["file"]
    if not _inside_project(folder, file_name):
        reader.problem(file_node, f"source file '{_short(file_name)}' is outside the claims file's "
                       "folder and the working folder; expected a relative path inside the project "
                       "(a claims file from a pull request must not read other files)")
        return None
    text = _read_text(reader, folder / file_name, reader.source_room, file_node)
    if text is None:
        return None
    reader.source_room -= len(text.encode("utf-8"))
    return Source(fields["id"][0], fields.get("title", (file_name,))[0], file_name, text,
                  fields.get("published", (None,))[0], reader.loc(node))


def _claim(reader: _Reader, node, source_ids: list[str]) -> Claim | None:
    fields = reader.record(node, schema.CLAIM, "a claim")
    if "id" not in fields or "quote" not in fields:
        return None
    value = lambda key, default=None: fields.get(key, (default,))[0]
    source = value("source") or (source_ids[0] if len(source_ids) == 1 else None)
    if "source" in fields and source not in source_ids:
        reader.problem(fields["source"][1], f"claim '{value('id')}' names source '{_short(source)}'; "
                       f"expected one of: {', '.join(source_ids) or '(no sources)'}")
    elif source is None and source_ids:     # no sources at all is reported once, not per claim
        reader.problem(node, f"claim '{value('id')}' names no source; expected 'source:' with one "
                       f"of: {', '.join(source_ids)}")
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
        if node.get("value") is None and node.get("items") is None:   # else: reported already
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
    if not _enough_members(reader, kind, fields, rel_id):
        return None
    _check_refs(reader, kind, fields, known, rel_id)
    waivers = fields.get("waive", ((),))[0]
    return Relation(kind, rel_id, members, reader.loc(node), False,
                    fields.get("quote", (None,))[0], fields.get("source", (None,))[0], waivers)


def _enough_members(reader, kind, fields, rel_id) -> bool:
    """An empty list of claims relates nothing (and rules index the first member)."""
    for role, (value, node) in fields.items():
        needed = 2 if (kind, role) == ("same", "same") else 1
        if schema.RELATIONS[kind].get(role, ("",))[0] in ("ids", "texts", "among") \
                and isinstance(value, tuple) and len(value) < needed:
            reader.problem(node, f"'{role}' of {kind} relation {_short(rel_id)} has {len(value)} "
                           f"entries; expected at least {needed}")
            return False
    return True


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
                guess = reader.guess(claim_id, known)
                hint = f"; did you mean '{guess}'?" if guess else ""
                reader.problem(node, f"{kind} relation {_short(rel_id)} names claim "
                               f"'{_short(claim_id)}', which is not in this file{hint}")
    if kind != "rank" and len(named) != len(set(named)):   # a rank's group may list its claim
        reader.problem(fields[id_roles[0]][1], f"{kind} relation {rel_id} names the same claim twice; "
                       "a relation cannot relate a claim to itself")
