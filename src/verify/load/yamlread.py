"""YAML text -> a tree of nodes that keep every scalar exactly as written, with line and column.

Built from PyYAML's event stream (the C parser when present), not its constructor, so that:
- no YAML 1.1 coercion happens: `3.20`, `012`, `1:30`, `NO` and dates stay text;
- aliases are refused at the first `*ref`, before anything can expand (alias bombs);
- duplicate keys are refused (PyYAML silently keeps the last one);
- nesting depth is capped while reading, so deep input cannot exhaust the stack;
- tags are refused: nothing in a claims file is ever constructed as an object.

A syntax error is said in plain words for the mistakes people make by hand (a tab in the
indentation, a line indented differently from the field above it, a quote never closed),
with PyYAML's own words after them; `YamlError.excerpt` is the line with a caret under the
place, for reports to show under the message.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, NoReturn, cast

import yaml

_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python PyYAML
    from yaml import SafeLoader as _Loader

# what a Node holds, by kind: a scalar's text (None for an empty/`~`/`null` plain scalar), a
# list's items, a mapping's (key, value) pairs
NodeValue = str | None | list["Node"] | list[tuple["Node", "Node"]]
# a syntax mistake found: line, column and what to say
Found = tuple[int, int, str]

MAX_DEPTH = 64           # the package defaults; limits.depth and limits.nodes override them
MAX_NODES = 100_000


class Node(NamedTuple):      # hundreds of thousands in a large file: a tuple, made in C
    """A scalar (value: str, or None for an empty/`~`/`null` plain scalar), a list or a mapping.

    Never changed once read (a list's or mapping's items are appended while it is read)."""

    kind: str                  # "scalar" | "seq" | "map"
    line: int                  # 1-based
    col: int                   # 1-based
    value: NodeValue = None
    plain: bool = True         # scalar written without quotes

    @property
    def text(self) -> str:
        value = self.value
        return value if type(value) is str else "" if value is None else str(value)

    @property
    def children(self) -> list[Node]:
        """A list's items (the list itself, so appending adds one); [] for any other kind."""
        # the kind says which member of NodeValue the value is; the cast only tells mypy
        return cast("list[Node]", self.value) if self.kind == "seq" else []

    @property
    def pairs(self) -> list[tuple[Node, Node]]:
        """A mapping's (key, value) node pairs (the list itself); [] for any other kind."""
        return cast("list[tuple[Node, Node]]", self.value) if self.kind == "map" else []

    def get(self, key: str) -> Node | None:
        if self.kind == "map":
            for k, v in cast("list[tuple[Node, Node]]", self.value):
                if k.value == key:
                    return v
        return None

    def items(self) -> list[tuple[str, Node, Node]]:
        """(key text, key node, value node); an empty or `~` key is the text "", never None."""
        return [(k.text, k, v) for k, v in self.pairs]


class YamlError(ValueError):
    def __init__(self, line: int, col: int, message: str, excerpt: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.excerpt = line, col, message, excerpt


# a list or mapping being read, kept while a list or mapping inside it is: its node (None: the
# top of the document), its items so far, whether it is a list, a mapping's key whose value
# comes next, and the keys it has
_Open = tuple[Node | None, Any, bool, Node | None, dict[str, Node]]

_new = tuple.__new__     # a Node without the Python call of Node(...): a third of reading a file
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_SCALAR, _MAP_START, _SEQ_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_SKIPPED = (yaml.StreamStartEvent, yaml.DocumentEndEvent)


def read(text: str, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> Node | None:
    """Parse one YAML document into Nodes.  Raises YamlError with a position."""
    try:
        return _read(_Loader(text), max_depth, max_nodes)
    except yaml.MarkedYAMLError as error:
        raise syntax_error(text, error) from None
    except yaml.reader.ReaderError as error:   # NUL and other unprintable characters
        line, col = position(text, _char_offset(text, error.position))
        raise YamlError(line, col, f"character #x{error.character:04x} is not allowed "
                        f"({error.reason}); expected printable text") from None


def _read(loader: yaml.SafeLoader | yaml.CSafeLoader, max_depth: int, max_nodes: int) -> Node | None:
    """The events of the parser, one at a time, into Nodes: the loop every value of a file
    goes through, so its most frequent case (a scalar) comes first and is kept short.

    The list or mapping being read is held in locals (its node, its items so far, whether it
    is a list, a mapping's key read whose value comes next, and the keys it has); `stack`
    keeps those of the lists and mappings around it, one entry for each list or mapping open."""
    # an event is read by its type (the stubs type get_event's result as the base class)
    next_event: Callable[[], Any] = loader.get_event
    stack: list[_Open] = []
    node_open: Node | None = None     # None: at the top of the document
    items: Any = None                 # its items so far: list[Node] or list[tuple[Node, Node]]
    seq = False
    pending: Node | None = None
    keys: dict[str, Node] = {}
    root: Node | None = None
    count = 0
    seen: dict[str, str] = {}
    while True:
        event = next_event()
        kind = type(event)
        if kind is _SCALAR or kind is _MAP_START or kind is _SEQ_START:     # a node starts
            mark = event.start_mark      # the parser marks every event
            line = mark.line + 1
            col = mark.column + 1
            count += 1
            if count > max_nodes:
                raise YamlError(line, col, f"more than {max_nodes:,} YAML values (limits.nodes); "
                                "expected a claims file for one article")
            if event.tag:
                _refuse_tag(event, line, col)
            if kind is not _SCALAR:     # a list or a mapping: read until its end
                if len(stack) >= max_depth:
                    raise YamlError(line, col, f"nesting deeper than {max_depth} levels "
                                    "(limits.depth); a claims file needs only a few")
                stack.append((node_open, items, seq, pending, keys))
                seq = kind is _SEQ_START
                items, pending, keys = [], None, {}
                node_open = _new(Node, ("seq" if seq else "map", line, col, items, True))
                continue
            value = event.value
            if len(value) <= 64:        # a repeated short text (a unit, a source, a measure) kept once
                value = seen.setdefault(value, value)
            if event.style:     # quoted: '' (C parser) or None (Python parser) when plain
                node = _new(Node, ("scalar", line, col, value, False))
            else:
                node = _new(Node, ("scalar", line, col, None if value in _NULLS else value, True))
            if seq:
                items.append(node)
            elif node_open is None:
                root = node
            elif pending is None:      # a key: each once in a mapping
                key = "" if node.value is None else value
                if key in keys:
                    _refuse_key(node_open, keys, node)
                keys[key] = pending = node
            else:
                items.append((pending, node))
                pending = None
            continue
        if kind in _ENDS:
            node = cast(Node, node_open)    # an end closes the list or mapping being read
            node_open, items, seq, pending, keys = stack.pop()
            if seq:
                items.append(node)
            elif node_open is None:
                root = node
            elif pending is None:
                _refuse_key(node_open, keys, node)      # a list or mapping as a key
            else:
                items.append((pending, node))
                pending = None
        elif kind in _SKIPPED:
            continue
        elif kind is yaml.StreamEndEvent or event is None:
            return root
        else:
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            if kind is yaml.AliasEvent:
                raise YamlError(line, col, f"alias '*{event.anchor}' is not allowed; "
                                "write the value out (anchors and aliases are refused)")
            if root is not None:      # a DocumentStartEvent after the first document
                raise YamlError(line, col, "a second YAML document ('---'); "
                                "expected one document per file")


def syntax_error(text: str, error: yaml.MarkedYAMLError) -> YamlError:
    """PyYAML's error as a YamlError a person who does not program can act on."""
    pyyaml = error.problem or "invalid YAML"
    if error.context:
        pyyaml = f"{pyyaml} ({error.context})"
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    found = (_tab(lines, line) or _unclosed_quote(lines, error, line, col)
             or _unclosed_bracket(lines, error) or _second_colon(lines, error, line, col)
             or _indent(lines, error, line))
    if found:
        line, col, words = found
    else:
        words = "this is not valid YAML; expected 'field: value' lines and '- ' list items"
    return YamlError(line, col, f"{words} (PyYAML: {pyyaml})", excerpt(lines, line, col))


def excerpt(lines: list[str], line: int, col: int) -> tuple[str, ...]:
    """The line as written, a tab shown as '→', and a caret under column `col`."""
    if not 1 <= line <= len(lines):
        return ()
    shown = lines[line - 1].rstrip("\r").replace("\t", "\u2192")
    gutter = f"{line} | "
    return (gutter + shown, " " * (len(gutter) - 2) + "| " + " " * (col - 1) + "^")


def _indentation(text: str) -> str:
    return text[:len(text) - len(text.lstrip(" \t"))]


def _tab(lines: list[str], line: int) -> Found | None:
    """A tab in the indentation of the line PyYAML stopped at (YAML allows only spaces)."""
    if not 1 <= line <= len(lines) or "\t" not in _indentation(lines[line - 1]):
        return None
    return (line, lines[line - 1].index("\t") + 1,
            f"line {line} is indented with a tab; YAML allows only spaces there: replace the "
            "tab with spaces, as many as the lines around it use")


_QUOTED = "while scanning a quoted scalar"


def _unclosed_quote(lines: list[str], error: yaml.MarkedYAMLError, line: int, col: int) -> Found | None:
    """A quote opened and never closed: PyYAML either reads to the end of the file, or reads
    on to the next quote and stops just after it."""
    start: tuple[int, int] | None
    if error.context == _QUOTED and error.context_mark is not None:
        start = (error.context_mark.line + 1, error.context_mark.column + 1)
    elif 1 <= line <= len(lines) and 2 <= col <= len(lines[line - 1]) + 1 \
            and lines[line - 1][col - 2] in "\"'":
        start = _open_quote_before(lines, line)
    else:
        return None
    if start is None:
        return None
    quote = lines[start[0] - 1][start[1] - 1:start[1]] or '"'
    return (*start, f"the quote {quote} opened on line {start[0]} is never closed, so the "
            f"text runs on into the lines after it: add the closing {quote} where the text "
            "ends")


def _open_quote_before(lines: list[str], line: int) -> tuple[int, int] | None:
    """The last line before `line` whose value opens a quote it does not close."""
    for n in range(line - 1, 0, -1):
        text = lines[n - 1]
        value = text.split(": ", 1)[1] if ": " in text else text.strip().lstrip("- ")
        value = value.strip()
        if value[:1] in ("'", '"') and not _closed(value):
            return n, text.index(value) + 1
    return None


def _closed(value: str) -> bool:
    quote, body = value[0], value[1:]
    if quote == "'":
        return body.replace("''", "").count("'") % 2 == 1
    return body.replace("\\\\", "").replace('\\"', "").count('"') % 2 == 1


def _unclosed_bracket(lines: list[str], error: yaml.MarkedYAMLError) -> Found | None:
    """'[a, b' or '{id: a' never closed, or an item in it without its comma."""
    if not (error.context or "").startswith("while parsing a flow") or error.context_mark is None:
        return None
    line, col = error.context_mark.line + 1, error.context_mark.column + 1
    opened = lines[line - 1][col - 1:col] if line <= len(lines) else "["
    closing = {"[": "]", "{": "}"}.get(opened, "]")
    return (line, col, f"the {opened} opened on line {line} is never closed, or an item in it "
            f"lacks its comma: close it with {closing} and separate the items with commas")


def _second_colon(lines: list[str], error: yaml.MarkedYAMLError, line: int, col: int) -> Found | None:
    """'key: value: more' on one line: YAML reads the second ': ' as a key in a value."""
    if "mapping values are not allowed" not in (error.problem or "") or not 1 <= line <= len(lines):
        return None
    if ": " not in lines[line - 1][:max(0, col - 1)]:
        return None
    return (line, col, f"line {line} has a second ': ' in one value; put the value in quotes "
            "(\"...\") when its text has ': ' in it")


_INDENT_PROBLEMS = ("mapping values are not allowed", "expected key", "expected <block end>",
                    "expected '-' indicator")


def _indent(lines: list[str], error: yaml.MarkedYAMLError, line: int) -> Found | None:
    """A line indented unlike the field above it."""
    if not any(p in (error.problem or "") for p in _INDENT_PROBLEMS) or not 1 <= line <= len(lines):
        return None
    here = len(_indentation(lines[line - 1]))
    above = next((n for n in range(line - 1, 0, -1)
                  if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), None)
    if above is None:
        return None
    text = lines[above - 1]
    field = len(text) - len(text.lstrip(" -"))     # where the field starts, after any '- '
    if here == field:
        return None
    return (line, here + 1, f"line {line} is indented by {_spaces(here)}, which does not line "
            f"up with the field above it (line {above}, at {_spaces(field)}): indent the fields "
            "of one item by the same number of spaces")


def _spaces(n: int) -> str:
    return f"{n} space" if n == 1 else f"{n} spaces"


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _char_offset(text: str, offset: int) -> int:
    """libyaml reports a bad character by its byte offset in the UTF-8 text; Python by index."""
    if _Loader.__name__ != "CSafeLoader":
        return offset
    return len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))


def _refuse_tag(event: yaml.Event, line: int, col: int) -> None:
    tag = getattr(event, "tag", None)
    implicit = getattr(event, "implicit", True)
    if isinstance(implicit, tuple):
        implicit = implicit[0] or implicit[1]
    if (tag and tag not in ("!", "tag:yaml.org,2002:str") and not implicit) or (
            tag and not isinstance(event, yaml.ScalarEvent) and tag not in (
                "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")):
        raise YamlError(line, col, f"tag '{tag}' is not allowed; claims files hold plain text only")


def _refuse_key(mapping: Node, keys: dict[str, Node], node: Node) -> NoReturn:
    """The error for a key of `mapping` (whose keys so far are `keys`) that is not plain text,
    or that it has already."""
    if node.kind != "scalar":
        raise YamlError(node.line, node.col, "a mapping key must be plain text")
    key = node.text
    cut = cut_by_comma(mapping.pairs, node)
    hint = "" if cut is None else f"; {comma_hint(cut)}"
    raise YamlError(node.line, node.col, f"duplicate key '{key}' (first at line "
                    f"{keys[key].line}); expected each key once{hint}")


def cut_by_comma(pairs: list[tuple[Node, Node]], key: Node) -> str | None:
    """The field whose value a comma cut, when `key` is the rest of a figure: in
    {quote: per 1,000 residents} the comma of 1,000 ends the value 'per 1', and
    '000 residents' becomes a key.  None when `key` does not look like that."""
    if not (key.plain and key.text[:1].isdigit()):
        return None
    for before, value in reversed(pairs):     # back over earlier pieces of the same value
        if before.line != key.line:
            return None
        if value.value is None and before.plain and before.text[:1].isdigit() \
                and before.text[-1:].isdigit():
            continue
        if value.kind == "scalar" and value.plain and value.text[-1:].isdigit():
            return before.text
        return None
    return None


def comma_hint(name: str) -> str:
    """How to write a value that holds a comma in a {...} mapping."""
    return (f"a comma inside a figure (1,000) ends a value in {{...}}: quote a value that holds "
            f"a comma: {name}: \"...\"")
