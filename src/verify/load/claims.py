"""input: a claims file must say what it means; every mistake of one is reported at once, where it is.

Reading a claims file turns it into the model, and a mistake (bad YAML, a misspelt field, an
unknown claim id, a date that does not exist, a scope that names no quantity) is an error of
rule `input` at its line and column, with what was expected.  A file with any such mistake is
not checked further (every other file of the run still is) and the run exits 2: these errors
are errors whatever `checks/` says, since nothing was checked.  The setting `input:` in
`checks/` rules the input findings of a file that is still checked: the modelling slips (a
measure or scope one letter from another, a `# guessed` line left from a draft) and control
characters in a claim, warnings by default; `input: off` leaves them out.
"""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from verify.config import Config
from verify.load import corrections, schema, yamlread
from verify.load.validate import MAX_PROBLEMS, Fields, Reader, TooMany, short
from verify.load.yamlread import Node
from verify.model import (
    Breakdown,
    Claim,
    ClaimsFile,
    Location,
    Outcome,
    Relation,
    Source,
    Unchecked,
    Unstated,
    Verdict,
)
from verify.project import inside_project, project_root
from verify.values import dates, units
from verify.values.numbers import (
    ROUNDINGS,
    FigureError,
    Tolerances,
    duration,
    figure_from,
    read_written,
    rounding_place,
)
from verify.values.vocabulary import typed_apart


class _Record(Protocol):
    """A record with an id and a place in the file: a claim or a source."""

    @property
    def id(self) -> str: ...
    @property
    def loc(self) -> Location | None: ...     # None only for a source no file declared


@dataclass
class Loaded:
    claims_file: ClaimsFile | None
    problems: list[Outcome] = field(default_factory=list)


def load(path: str, config: Config) -> Loaded:
    """Read one claims file and its sources."""
    reader = Reader(path, config)
    try:
        return _load(reader, path, config)
    except TooMany as stop:
        reader.problems.append(Outcome(Verdict.INVALID,
                                       f"more than {MAX_PROBLEMS:,} problems; stopped reading the "
                                       "file here; expected a claims file with a few mistakes to fix",
                                       location=stop.args[0]))
        return Loaded(None, reader.problems)


def _load(reader: Reader, path: str, config: Config) -> Loaded:
    if not inside_project(Path(path).parent, Path(path).name):
        reader.problem(None, f"{short(path, 120)} is a link to a file outside its project "
                       f"({short(str(project_root(Path(path).parent)), 120)}); expected a claims "
                       "file inside the project, not a link out of it")
        return Loaded(None, reader.problems)
    text = _read_text(reader, Path(path), config.limit("file_bytes"), None)
    if text is None:
        return Loaded(None, reader.problems)
    try:
        root = yamlread.read(text, max_depth=config.limit("depth"), max_nodes=config.limit("nodes"))
    except yamlread.YamlError as error:   # the line and a caret go under the message
        reader.problems.append(Outcome(Verdict.INVALID, error.message, arithmetic=error.excerpt,
                                       location=Location(path, error.line, error.col)))
        return Loaded(None, reader.problems)
    top = reader.record(root, schema.FILE, "the claims file")
    if (reader.problems and root is None) or (root is not None and root.kind != "map"):
        return Loaded(None, reader.problems)
    claims_file = _build(reader, top, Path(path).parent)
    return Loaded(None if reader.problems else claims_file, reader.problems)


def _read_text(reader: Reader, path: Path, limit: int, node: Node | None) -> str | None:
    """A claims file (node None) or a source (node: its `file:` field) as text, or None with
    a problem.  Only regular files: a FIFO would block and /dev/zero would never end.  At most
    `limit` bytes are read, whatever size the file claims (files in /proc say 0)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            reader.problem(node, f"cannot read {short(str(path), 120)}: it is {kind}; expected a "
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
        hint = _file_guess(reader, path) if node is not None and isinstance(error, FileNotFoundError) else ""
        reader.problem(node, f"cannot read {short(str(path), 120)}: {error.strerror or error}{hint}")
        return None
    except ValueError:      # the name holds a NUL: no file can have it
        reader.problem(node, f"cannot read {short(repr(str(path)), 120)}: a file name cannot hold "
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


MAX_LISTED = 1000      # files of a folder a did-you-mean compares a missing source's name with


def _file_guess(reader: Reader, path: Path) -> str:
    """'; did you mean 'release.txt'?' for a source file name one slip from a file in its
    folder, or "".  Only that folder is listed (the source path was checked to be inside the
    project), never read, and only while it is a folder of the project."""
    folder = path.parent
    if not inside_project(folder, "."):
        return ""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in islice(entries, MAX_LISTED) if e.is_file(follow_symlinks=False)]
    except OSError:
        return ""
    guess = reader.guess(path.name, sorted(names), cutoff=0.8)   # file names share '.txt'
    return f"; did you mean '{short(guess)}'?" if guess else ""


def _too_big(path: Path, size: int, limit: int, claims_file: bool, config: Config) -> str:
    if claims_file:
        return f"{path} is {size:,} bytes; the limit is {limit:,} (limits.file_bytes)"
    shown = short(str(path), 120)
    total = config.limit("source_bytes")
    left = "" if limit == total else f", more than the {limit:,} left of the"
    return (f"{shown} is {size:,} bytes{left or '; the'} sources of one claims file may hold "
            f"{total:,} bytes in all (limits.source_bytes)")


def _build(reader: Reader, top: Fields, folder: Path) -> ClaimsFile:
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
    roundings = _roundings(reader, _items(top, "sources"))
    read = [(c, n) for n in _items(top, "claims") if (c := _claim(reader, n, source_ids, roundings))]
    claims = [c for c, _ in read]
    _unique(reader, claims, "claim")
    _unique(reader, sources, "source")
    known = set(_declared(_items(top, "claims")))
    kinds = _claim_kinds(read)
    relations = _named_relations([r for r in (_relation(reader, n, known, kinds) for n in
                                              _items(top, "relations")) if r])
    breakdowns = [b for b in (_breakdown(reader, n) for n in _items(top, "breakdowns")) if b]
    _one_breakdown_per_whole(reader, breakdowns)
    _scopes_in_breakdowns(reader, _items(top, "claims"), claims, breakdowns)
    _counted_breakdowns(reader, relations, breakdowns, _items(top, "breakdowns"))
    unchecked = [u for u in (_unchecked(reader, n, source_ids) for n in _items(top, "unchecked")) if u]
    corrections.check(reader, _items(top, "sources"), _items(top, "claims"), relations)
    return ClaimsFile(reader.path, tuple(sources), tuple(claims), tuple(relations),
                      tuple(breakdowns), tuple(unchecked), _items(top, "waivers"))


def _breakdown(reader: Reader, node: Node) -> Breakdown | None:
    fields = reader.record(node, schema.BREAKDOWN, "a breakdown")
    if not all(k in fields for k in ("dimension", "whole", "parts")):
        return None
    parts, size = fields["parts"][0], fields.get("size", (None, None))
    if size[0] is not None and size[0] < len(parts):
        reader.problem(size[1], f"size {size[0]} is less than the {len(parts)} parts listed; "
                       "expected the number of parts in all, named or not")
        return None
    total = None
    if "total" in fields:
        try:       # exact: the answers of one question are 100%, not 99.5% to 100.5%
            total = figure_from(fields["total"][0], None, "exact", False)
        except FigureError as error:
            reader.problem(fields["total"][1], f"total: {error}; expected the whole's value, "
                           "e.g. 100%")
            return None
    combine = fields.get("combine", (None, None))[0]
    if combine == "average" and total is not None:
        reader.problem(fields["combine"][1], "combine: average with a total: the parts of a total "
                       "add up to it; expected `combine: sum` (or no `combine:`) beside `total:`")
        return None
    return Breakdown(fields["dimension"][0], fields["whole"][0], parts, reader.loc(node), size[0],
                     total, combine)


def _scopes_in_breakdowns(reader: Reader, nodes: Sequence[Node], claims: list[Claim],
                          breakdowns: list[Breakdown]) -> None:
    """A scope value of a dimension that has breakdowns must be one of their wholes or parts:
    a misspelt part would silently be another quantity."""
    known: dict[str, dict[str, str]] = {}
    for b in breakdowns:
        values = known.setdefault(b.dimension.strip().casefold(), {})
        for name in (b.whole,) + tuple(b.parts):
            values.setdefault(name.strip().casefold(), name.strip())
    if not known:
        return
    read = {c.id for c in claims}
    for node in nodes:
        scope = node.get("scope")
        if scope is None or scope.kind != "map":
            continue
        claim_id = node.get("id")
        if claim_id is None or claim_id.text not in read:
            continue
        for key, value in scope.pairs:
            dimension = key.text
            named = known.get(dimension.strip().casefold())
            if named is None or value.kind != "scalar":
                continue
            if value.text.strip().casefold() not in named:
                guess = reader.guess(value.text, list(named.values()))
                hint = f"did you mean '{guess}'?" if guess else \
                    f"expected one of: {', '.join(short(v, 30) for v in list(named.values())[:12])}"
                reader.problem(value, f"{short(dimension)} '{short(value.text)}' is not a whole or a "
                               f"part of any breakdown of {short(dimension)}; {hint}")


def _counted_breakdowns(reader: Reader, relations: list[Relation], breakdowns: list[Breakdown],
                        nodes: Sequence[Node]) -> None:
    """A breakdown a relation names by its whole (a count's `breakdown:`, a rank's `among:`)
    must be one of the file's: a misspelt whole would leave the relation nothing to compare.
    A breakdown refused for a mistake of its own (its size, its total) still declares its
    whole: its problem is reported where it is, not a second time at every relation naming it."""
    wholes = {node.text.strip().casefold() for n in nodes if n.kind == "map"      # as written
              and (node := n.get("whole")) is not None and node.kind == "scalar"}
    for relation in relations:
        whole = relation.get("breakdown") if relation.kind == "count" else \
            relation.get("among") if relation.kind == "rank" else None
        if isinstance(whole, str) and whole.strip().casefold() not in wholes:
            guess = reader.guess(whole, [b.whole for b in breakdowns])
            hint = f"; did you mean '{guess}'?" if guess else ""
            what = "counts the parts of" if relation.kind == "count" else "ranks among the parts of"
            reader.add(f"{relation.kind} relation {short(relation.id)} {what} '{short(whole)}', "
                       f"which is not a breakdown whole of this file{hint}", relation.loc)


def _named_relations(relations: list[Relation]) -> list[Relation]:
    """Relations without an id are named by what they relate ("sum-total"), not by their place
    in the file, so that reordering a file renames nothing."""
    def fields(relation: Relation) -> list[tuple[str, Any]]:       # in no order of the file
        return sorted(relation.members, key=lambda member: member[0])

    taken = {r.id for r in relations if r.id}
    unnamed = sorted((r for r in relations if not r.id), key=lambda r: repr(fields(r)))
    named: dict[int, Relation] = {}
    last: dict[str, int] = {}
    for relation in unnamed:
        # the field named like its kind (sum: total -> "sum-total"), else its first field, by
        # name, that names claims (a flag such as complete: false names none)
        own = relation.get(relation.kind)
        first = own if isinstance(own, (str, tuple)) else next(
            (v for _, v in fields(relation) if isinstance(v, (str, tuple))), relation.kind)
        base = f"{relation.kind}-{first if isinstance(first, str) else '-'.join(map(str, first))}"
        # the first of base, base-2, base-3, ... not taken; names are only ever added to
        # `taken`, so the search for a base goes on from where it last stopped (a file of
        # thousands of unnamed relations on one base would otherwise retry every name)
        n = last.get(base, 1)
        name = base if n == 1 else f"{base}-{n}"
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        last[base] = n
        named[id(relation)] = replace(relation, id=name)
    return [named.get(id(r), r) for r in relations]


def _one_breakdown_per_whole(reader: Reader, breakdowns: list[Breakdown]) -> None:
    """Two lists of parts for one whole ("all states" = these, and = those) contradict."""
    seen: dict[tuple[str, str], Location] = {}
    for breakdown in breakdowns:
        whole = (breakdown.dimension.casefold(), breakdown.whole.casefold())
        if whole in seen:
            reader.problems.append(Outcome(
                Verdict.INVALID,
                f"{breakdown.dimension} '{short(breakdown.whole)}' is broken down twice (first at "
                f"line {seen[whole].line}); expected one list of parts per whole", location=breakdown.loc))
        else:
            seen[whole] = breakdown.loc


def _unchecked(reader: Reader, node: Node, source_ids: list[str]) -> Unchecked | None:
    fields = reader.record(node, schema.UNCHECKED, "an unchecked entry")
    if "text" not in fields or "reason" not in fields:
        return None
    default = source_ids[0] if len(source_ids) == 1 else ""      # "": in every source
    return Unchecked(fields.get("source", (default,))[0], fields["text"][0], fields["reason"][0],
                     reader.loc(node), fields.get("occurrence", (None,))[0])


def _items(top: Fields, key: str) -> tuple[Any, ...]:
    """A list field of the file (its nodes, or its waivers), () when absent."""
    items: tuple[Any, ...] = top.get(key, ((),))[0]
    return items


def _declared(nodes: Iterable[Node]) -> list[str]:
    """The ids the records of a list declare, in order, whether or not they could be read."""
    ids = (n.get("id") for n in nodes if n.kind == "map")
    return list(dict.fromkeys(i.text for i in ids if i is not None and i.kind == "scalar"))


def _unique(reader: Reader, records: Sequence[_Record], what: str) -> None:
    seen: dict[str, Location] = {}
    for record in records:
        loc = record.loc or Location(reader.path)
        if record.id in seen:
            reader.add(f"{what} id '{short(record.id)}' is used twice (first at line "
                       f"{seen[record.id].line}); expected unique ids", loc)
        else:
            seen[record.id] = loc


def _source(reader: Reader, node: Node, folder: Path) -> Source | None:
    fields = reader.record(node, schema.SOURCE, "a source")
    if "id" not in fields or "file" not in fields:
        return None
    file_name, file_node = fields["file"]
    if not inside_project(folder, file_name):
        reader.problem(file_node, f"source file '{short(file_name)}' is outside the project (the "
                       "nearest folder above the claims file holding .git, pyproject.toml or "
                       "checks/); expected a relative path inside it (a claims file from a pull "
                       "request must not read other files)")
        return None
    text = _read_text(reader, folder / file_name, reader.source_room, file_node)
    if text is None:
        return None
    reader.source_room -= len(text.encode("utf-8"))
    return Source(fields["id"][0], fields.get("title", (file_name,))[0], file_name, text,
                  fields.get("published", (None,))[0], reader.loc(node),
                  fields.get("corrects", (None,))[0])


def _roundings(reader: Reader, nodes: Iterable[Node]) -> dict[str, str]:
    """Source id -> how it cuts its figures (`rounding:`), for the sources that say."""
    out: dict[str, str] = {}
    for node in nodes:
        ident, rounding = (node.get(k) if node.kind == "map" else None for k in ("id", "rounding"))
        if ident is not None and rounding is not None and ident.kind == rounding.kind == "scalar" \
                and rounding.text in ROUNDINGS:
            out[ident.text] = rounding.text
    return out


def _claim(reader: Reader, node: Node, source_ids: list[str],
           roundings: dict[str, str] | None = None) -> Claim | None:
    fields = reader.record(node, schema.CLAIM, "a claim")
    if "id" not in fields or "quote" not in fields:
        return None
    get = fields.get          # a field's (value, node), or _ABSENT: (None,)
    claim_id = fields["id"][0]
    named = get("source", _ABSENT)[0]
    source = named or (source_ids[0] if len(source_ids) == 1 else None)
    if "source" in fields and source not in source_ids:
        reader.problem(fields["source"][1], f"claim '{claim_id}' names source '{short(named)}'; "
                       f"expected one of: {', '.join(source_ids) or '(no sources)'}")
    elif source is None and source_ids:     # no sources at all is reported once, not per claim
        reader.problem(node, f"claim '{claim_id}' names no source; expected 'source:' with one "
                       f"of: {', '.join(source_ids)}")
    figure = written = None
    try:
        unit = units.canonical(get("unit", _ABSENT)[0], reader.config.nouns)
    except units.UnknownUnit as unknown:    # with the closest known word, on the hint budget
        reader.problem(fields["unit"][1], unknown.message(reader.guess))
        if not any(typed_apart(unknown.word.lower(), word, 2) <= 2 for word in units.NON_QUANTITIES):
            _unreadable_value(reader, fields)      # (a slip of 'date': its value is no figure)
        return None
    except units.UnitError as wrong:        # (one name a type: compiled, a name keeps its first)
        reader.problem(fields["unit"][1], str(wrong))
        return None
    if "value" in fields and unit not in units.NON_QUANTITIES:
        integer = fields["integer"][0] if "integer" in fields else _is_count(reader, unit, fields)
        try:
            place = rounding_place(fields["rounded-to"][0]) if "rounded-to" in fields else None
        except FigureError as error:
            reader.problem(fields["rounded-to"][1], str(error))
            return None
        try:
            figure = figure_from(fields["value"][0], unit if "unit" in fields else None,
                                 get("precision", _ABSENT)[0], bool(integer), _tolerances(
                                     reader, get("rounding", _ABSENT)[0]
                                     or (roundings or {}).get(source or "")),
                                 place)
        except FigureError as error:
            reader.problem(fields["value"][1], f"{error}{_scale_guess(fields['value'][0])}")
            return None
    elif "value" in fields:
        written = fields["value"][0]
        if unit in ("date", "weekday") and (unreadable := dates.problems(written)):
            for message in unreadable:       # the date rule could only guess at such a value
                reader.problem(fields["value"][1], f"claim '{short(claim_id)}': {message}")
            return None
    elif "items" not in fields:
        if node.get("value") is None and node.get("items") is None:   # else: reported already
            reader.problem(node, f"claim '{claim_id}' has neither 'value' nor 'items'; "
                           "expected the figure as written, or the names a list gives")
        return None
    if "items" in fields and not fields["items"][1].value:     # else: its items were reported
        reader.problem(fields["items"][1], f"claim '{claim_id}' lists no items; expected the "
                       "names the quote lists")
        return None
    return Claim(claim_id, source or "", fields["quote"][0], reader.loc(node),
                 get("measure", _ABSENT)[0], get("scope", _NONE)[0], figure,
                 get("items", _NONE)[0], get("date", _ABSENT)[0], written,
                 get("occurrence", _ABSENT)[0], get("waive", _NONE)[0],
                 direction=get("direction", _ABSENT)[0],
                 earlier=bool(get("earlier", _FALSE)[0]))


_ABSENT: tuple[Any, ...] = (None,)     # a field not given, as fields.get gives it
_NONE: tuple[Any, ...] = ((),)         # a list or scope field not given
_FALSE: tuple[Any, ...] = (False,)


SCALE_WORDS = ("thousand", "million", "billion", "trillion")


_NOT_A_FIGURE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}:\d\d.*|\w*day\b.*", re.IGNORECASE)  # dates, times, days


def _unreadable_value(reader: Reader, fields: Fields) -> None:
    """A value that cannot be read as a figure, said beside a unit that cannot be read: the
    one does not wait for the other to be fixed (how a value reads does not depend on its
    unit; whether it suits the unit is checked once the unit is known)."""
    if "value" not in fields or not isinstance(fields["value"][0], str) or \
            _NOT_A_FIGURE.fullmatch(fields["value"][0]):
        return
    try:
        read_written(fields["value"][0])
    except FigureError as error:
        reader.problem(fields["value"][1], f"{error}{_scale_guess(fields['value'][0])}")


def _scale_guess(written: str) -> str:
    """'; did you mean '7.2 million'?' when a word of an unreadable value is one slip (a
    letter left out, added, changed or two swapped) from a scale word, or "".  A word one
    slip from two of them ('zillion') gets no guess."""
    words = written.split(" ")
    for n, word in enumerate(words):
        lower = word.casefold()
        matches = [s for s in SCALE_WORDS if typed_apart(lower, s, 1) == 1]
        if len(matches) == 1:
            fixed = " ".join(words[:n] + matches + words[n + 1:])
            return f"; did you mean '{short(fixed)}'?"
    return ""


def _tolerances(reader: Reader, rounding: str | None) -> Tolerances:
    """The settings' tolerances, with the rounding convention of the claim or its source."""
    if rounding is None:
        return reader.config.tolerances
    found = reader.roundings.get(rounding)        # made once per file, not once per claim
    if found is None:
        found = reader.roundings[rounding] = replace(reader.config.tolerances, rounding=rounding)
    return found


def _is_count(reader: Reader, unit: str, fields: Fields) -> bool:
    try:
        return units.is_count(unit)
    except units.UnitError as error:
        reader.problem(fields["unit"][1] if "unit" in fields else None, str(error))
        return False


def _relation(reader: Reader, node: Node, known: set[str],
              claim_kinds: dict[str, frozenset[str]]) -> Relation | None:
    keys = {key.value for key, _ in node.pairs}
    kinds = [k for k in schema.RELATIONS if k in keys]
    if len(kinds) != 1:
        misspelt = [] if kinds or node.kind != "map" else [
            (key, guess) for key, _ in node.pairs
            if (guess := reader.guess(key.text, schema.RELATIONS, cutoff=0.8)) is not None]
        hint = "".join(f"; '{short(key.text)}': did you mean '{guess}'?" for key, guess in misspelt[:1])
        reader.problem(node, f"a relation needs exactly one kind ({', '.join(schema.RELATIONS)}); "
                       f"found {', '.join(kinds) or 'none'}{hint}")
        return None
    kind = kinds[0]
    table = _RELATION_TABLES[kind]
    fields = reader.record(node, table, f"a {kind} relation")
    if any(spec[1] and key not in fields for key, spec in table.items()):
        return None
    members = tuple((k, v) for k, (v, _) in fields.items() if k not in schema.RELATION_COMMON)
    rel_id = fields.get("id", ("",))[0]      # "" (no id): named later, by what it relates
    shown_id = rel_id or kind
    if kind == "count" and "items" not in fields and "breakdown" not in fields:
        reader.problem(node, "a count relation needs 'items' (the names counted) or 'breakdown' "
                       "(a whole whose parts are counted)")
        return None
    if not _enough_members(reader, kind, fields, shown_id):
        return None
    _check_refs(reader, kind, fields, known, shown_id)
    _check_kinds(reader, kind, fields, claim_kinds)
    waivers = fields.get("waive", ((),))[0]
    return Relation(kind, rel_id, members, reader.loc(node), False,
                    fields.get("quote", (None,))[0], fields.get("source", (None,))[0], waivers)


# relation kind -> the fields of such a relation: its roles, then the fields of every relation
_RELATION_TABLES: dict[str, schema.Table] = {
    kind: {**roles, **schema.RELATION_COMMON} for kind, roles in schema.RELATIONS.items()}


def _enough_members(reader: Reader, kind: str, fields: Fields, rel_id: str) -> bool:
    """An empty list of claims relates nothing (and rules index the first member)."""
    for role, (value, node) in fields.items():
        needed = 2 if (kind, role) == ("same", "same") else 1
        if schema.RELATIONS[kind].get(role, ("",))[0] in ("ids", "texts", "among", "claims") \
                and isinstance(value, tuple) and len(value) < needed:
            reader.problem(node, f"'{role}' of {kind} relation {short(rel_id)} has {len(value)} "
                           f"entries; expected at least {needed}")
            return False
    return True


def _check_refs(reader: Reader, kind: str, fields: Fields, known: set[str], rel_id: str) -> None:
    id_roles = [k for k, spec in schema.RELATIONS[kind].items()
                if spec.type in ("id", "ids", "claims", "figure")
                and not isinstance(fields.get(k, ("",))[0], Unstated)]
    if kind == "rank":
        id_roles = ["claim", "than"] + (["among"] if isinstance(fields.get("among", ("",))[0], tuple) else [])
    named = []
    for role in id_roles:
        if role not in fields:
            continue
        value, node = fields[role]
        # a share's part is one of the claims its whole adds up ("62% of yes + no")
        in_whole = kind == "share" and role == "part" and isinstance(fields.get("whole", ("",))[0], tuple)
        for claim_id in (value if isinstance(value, tuple) else (value,)):
            if not in_whole:
                named.append(claim_id)
            if claim_id not in known:
                guess = reader.guess(claim_id, known)
                hint = f"; did you mean '{guess}'?" if guess else ""
                reader.problem(node, f"{kind} relation {short(rel_id)} names claim "
                               f"'{short(claim_id)}', which is not in this file{hint}")
    if kind == "elapsed" and "elapsed" in fields:     # a claim id, or the words' duration
        value, node = fields["elapsed"]
        if value not in known and duration(str(value)) is None:
            guess = reader.guess(str(value), known)
            hint = f" (did you mean '{guess}'?)" if guess else ""
            reader.problem(node, f"elapsed relation {short(rel_id)} gives '{short(str(value))}', "
                           "which is neither a claim of this file nor a length of time; expected "
                           f"a claim id{hint} or a duration like '1 day', '3 years'")
    if kind != "rank" and len(named) != len(set(named)):   # a rank's group may list its claim
        reader.problem(fields[id_roles[0]][1], f"{kind} relation {rel_id} names the same claim twice; "
                       "a relation cannot relate a claim to itself")


def _claim_kinds(read: list[tuple[Claim, Node]]) -> dict[str, frozenset[str]]:
    """Claim id -> the kinds of claim it is (schema.CLAIM_KINDS), for the roles that name it:
    a quantity has a figure, a date, weekday or time claim a value in that unit, a list items."""
    out: dict[str, frozenset[str]] = {}
    for claim, node in read:
        kinds = {"quantity"} if claim.figure is not None else set()
        unit = node.get("unit") if claim.written is not None else None
        if unit is not None:   # a claim with a value and no figure: its unit is one of NON_QUANTITIES
            kinds.add(units.canonical(unit.text))
        if claim.items:
            kinds.add("list")
        out.setdefault(claim.id, frozenset(kinds))     # an id used twice is reported already
    return out


def _check_kinds(reader: Reader, kind: str, fields: Fields, kinds: dict[str, frozenset[str]]) -> None:
    """Every claim a role names must be of a kind the role accepts (schema.RELATIONS): a change
    from a weekday, or a sum with a list for a part, has no figure to compute with."""
    for role, spec in schema.RELATIONS[kind].items():
        if not spec.accepts or role not in fields:
            continue
        value, node = fields[role]
        if spec.type == "among" and not isinstance(value, tuple):
            continue        # a breakdown whole, not claims
        needs = " or ".join(schema.NEEDS.get(k, schema.CLAIM_KINDS[k]) for k in sorted(spec.accepts))
        if spec.type == "texts":
            needs = f"item names or {needs}"
        for claim_id in value if isinstance(value, tuple) else (value,):
            found = kinds.get(claim_id)
            if found is None or found & spec.accepts:
                continue    # a name, or a claim not read (its problem is reported where it is)
            what = " and ".join(schema.CLAIM_KINDS[k] for k in sorted(found))
            reader.problem(_entry(node, claim_id), f"claim '{short(claim_id)}' is {what}; a "
                           f"{kind}'s '{role}' needs {needs}")


def _entry(node: Node, text: str) -> Node:
    """The node of a list's entry `text` (the list itself if not found), or the scalar."""
    if node.kind != "seq":
        return node
    return next((item for item in node.children if item.kind == "scalar" and item.text == text), node)
