"""YAML text -> a tree of nodes that keep every scalar exactly as written, with line and column.

Built from PyYAML's event stream (the C parser when present), not its constructor, so that:
- no YAML 1.1 coercion happens: `3.20`, `012`, `1:30`, `NO` and dates stay text;
- aliases are refused at the first `*ref`, before anything can expand (alias bombs);
- duplicate keys are refused (PyYAML silently keeps the last one);
- nesting depth is capped while reading, so deep input cannot exhaust the stack;
- tags are refused: nothing in a claims file is ever constructed as an object.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python PyYAML
    from yaml import SafeLoader as _Loader

MAX_DEPTH = 64           # the package defaults; limits.depth and limits.nodes override them
MAX_NODES = 100_000


@dataclass(slots=True)      # hundreds of thousands in a large file
class Node:
    """A scalar (value: str, or None for an empty/`~`/`null` plain scalar), a list or a mapping."""

    kind: str                  # "scalar" | "seq" | "map"
    line: int                  # 1-based
    col: int                   # 1-based
    value: object = None       # str | None | list[Node] | list[tuple[Node, Node]]
    plain: bool = True         # scalar written without quotes

    @property
    def text(self) -> str:
        return "" if self.value is None else str(self.value)

    def get(self, key: str) -> "Node | None":
        for k, v in self.value:
            if k.value == key:
                return v
        return None

    def items(self):
        """(key text, key node, value node); an empty or `~` key is the text "", never None."""
        return [(k.text, k, v) for k, v in self.value]


class YamlError(ValueError):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


@dataclass
class _Open:
    node: Node
    pending_key: Node | None = None
    keys: dict = field(default_factory=dict)


_NULLS = ("", "~", "null", "Null", "NULL")
_SCALAR = yaml.ScalarEvent
_SKIPPED = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


def read(text: str, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> Node | None:
    """Parse one YAML document into Nodes.  Raises YamlError with a position."""
    stack: list[_Open] = []
    root: Node | None = None
    count = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if type(event) is _SCALAR and not event.tag and stack:   # most events: kept short
                count += 1
                mark = event.start_mark
                if count > max_nodes:
                    raise YamlError(mark.line + 1, mark.column + 1, f"more than {max_nodes:,} YAML "
                                    "values (limits.nodes); expected a claims file for one article")
                plain = not event.style     # '' from the C parser, None from the Python one
                value = None if plain and event.value in _NULLS else event.value
                _attach(stack, Node("scalar", mark.line + 1, mark.column + 1, value, plain))
                continue
            if isinstance(event, _SKIPPED):
                continue
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
            if isinstance(event, yaml.DocumentStartEvent):
                if root is not None:
                    raise YamlError(line, col, "a second YAML document ('---'); expected one document per file")
                continue
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(line, col, f"alias '*{event.anchor}' is not allowed; "
                                "write the value out (anchors and aliases are refused)")
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = stack.pop().node
                root = _attach(stack, done) or root
                continue
            count += 1
            if count > max_nodes:
                raise YamlError(line, col, f"more than {max_nodes:,} YAML values (limits.nodes); "
                                "expected a claims file for one article")
            _refuse_tag(event, line, col)
            if isinstance(event, yaml.ScalarEvent):
                plain = not event.style     # '' from the C parser, None from the Python one
                value = None if plain and event.value in _NULLS else event.value
                root = _attach(stack, Node("scalar", line, col, value, plain)) or root
            else:
                if len(stack) >= max_depth:
                    raise YamlError(line, col, f"nesting deeper than {max_depth} levels (limits.depth); "
                                    "a claims file needs only a few")
                kind = "seq" if isinstance(event, yaml.SequenceStartEvent) else "map"
                stack.append(_Open(Node(kind, line, col, [])))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or "invalid YAML"
        if error.context:
            what = f"{what} ({error.context})"
        raise YamlError(mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                        f"{what}; expected valid YAML") from None
    except yaml.reader.ReaderError as error:   # NUL and other unprintable characters
        line, col = position(text, _char_offset(text, error.position))
        raise YamlError(line, col, f"character #x{error.character:04x} is not allowed "
                        f"({error.reason}); expected printable text") from None
    return root


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _char_offset(text: str, offset: int) -> int:
    """libyaml reports a bad character by its byte offset in the UTF-8 text; Python by index."""
    if _Loader.__name__ != "CSafeLoader":
        return offset
    return len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))


def _refuse_tag(event, line: int, col: int) -> None:
    tag = getattr(event, "tag", None)
    implicit = getattr(event, "implicit", True)
    if isinstance(implicit, tuple):
        implicit = implicit[0] or implicit[1]
    if tag and tag not in ("!", "tag:yaml.org,2002:str") and not implicit or (
            tag and not isinstance(event, yaml.ScalarEvent) and tag not in (
                "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")):
        raise YamlError(line, col, f"tag '{tag}' is not allowed; claims files hold plain text only")


def _attach(stack: list[_Open], node: Node) -> Node | None:
    """Put a finished node into its parent; return it when it is the document root."""
    if not stack:
        return node
    parent = stack[-1]
    if parent.node.kind == "seq":
        parent.node.value.append(node)
    elif parent.pending_key is None:
        if node.kind != "scalar":
            raise YamlError(node.line, node.col, "a mapping key must be plain text")
        key = node.text
        if key in parent.keys:
            first = parent.keys[key]
            raise YamlError(node.line, node.col, f"duplicate key '{key}' (first at line "
                            f"{first.line}); expected each key once")
        parent.keys[key] = node
        parent.pending_key = node
    else:
        parent.node.value.append((parent.pending_key, node))
        parent.pending_key = None
    return None
