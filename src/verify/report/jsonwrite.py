"""Stable JSON, written as it is made: the bytes of `json.dump(data, out, sort_keys=True,
indent=2, separators=(",", ": "), ensure_ascii=False)` plus a newline, without its cost.
Floats are refused (TypeError): a report's numbers are exact.

With `indent`, the standard library encodes in pure Python, one generator per list and object
(a sixth of a 100,000-claim run went there), and a report had to exist whole, as objects,
before its first byte was written.  Here the same bytes come from a plain recursive walk
that leaves strings to the C string encoder and writes the text out in pieces; and a list
may be given as `Stream` (an iterable read once), so a report's long lists (findings, marks)
are made one item at a time, each written and dropped before the next is made.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring
from typing import Any, TextIO

_FLUSH = 1 << 16        # pieces gathered before they are written out

# indentation by depth: "\n" and two spaces per level (extended when a deeper level comes)
_INDENT = ["\n" + "  " * level for level in range(16)]


def _indent(level: int) -> str:
    while level >= len(_INDENT):
        _INDENT.append("\n" + "  " * len(_INDENT))
    return _INDENT[level]


class Stream:
    """A JSON array whose items an iterable yields, read once, as the array is written."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def dump(data: Any, out: TextIO) -> None:
    """`data` as stable JSON (see the module's docstring) with one trailing newline."""
    pieces: list[str] = []
    _Writer(pieces, out).value(data, 0)
    pieces.append("\n")
    out.write("".join(pieces))


def _key(key: Any) -> str:
    """An object's key as json writes it: strings as they are, scalars as their JSON text."""
    if isinstance(key, str):
        return encode_basestring(key)
    if key is True or key is False or key is None:
        return encode_basestring({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise TypeError(f"keys must be str, int, bool or None, not {type(key).__name__}")


class _Writer:
    __slots__ = ("append", "out", "pieces")

    def __init__(self, pieces: list[str], out: TextIO) -> None:
        self.pieces = pieces
        self.append: Callable[[str], None] = pieces.append
        self.out = out

    def flush(self) -> None:
        if len(self.pieces) >= _FLUSH:
            self.out.write("".join(self.pieces))
            self.pieces.clear()

    def value(self, value: Any, level: int) -> None:
        """Any value; its text continues the current line (as json writes it)."""
        scalar = _scalar(value)
        if scalar is not None:
            self.append(scalar)
        elif isinstance(value, dict):
            self.mapping(value, level)
        elif isinstance(value, (list, tuple)):
            self.array(iter(value), level)
        elif isinstance(value, Stream):
            self.array(iter(value.items), level)
        else:
            raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    def mapping(self, data: dict[Any, Any], level: int) -> None:
        if not data:
            self.append("{}")
            return
        inner = _indent(level + 1)
        separator, append = "," + inner, self.append
        append("{")
        for key, value in sorted(data.items()):
            append(inner)
            inner = separator
            append(encode_basestring(key) if type(key) is str else _key(key))
            append(": ")
            if type(value) is str:              # most values: a short path
                append(encode_basestring(value))
            elif type(value) is int:
                append(int.__repr__(value))
            else:
                self.value(value, level + 1)
        append(_INDENT[level])
        append("}")

    def array(self, items: Iterator[Any], level: int) -> None:
        first = next(items, _NONE)
        if first is _NONE:
            self.append("[]")
            return
        inner = _indent(level + 1)
        separator, append = "," + inner, self.append
        append("[")
        append(inner)
        self._item(first, level + 1)
        for value in items:
            append(separator)
            self._item(value, level + 1)
        append(_INDENT[level])
        append("]")

    def _item(self, value: Any, level: int) -> None:
        if type(value) is str:
            self.append(encode_basestring(value))
        else:
            self.value(value, level)
            self.flush()


_NONE: Any = object()       # no first item: the array is empty


def _scalar(value: Any) -> str | None:
    """The JSON text of a string, whole number, boolean or null (in json's order of tests: a
    str or int subclass, such as an enum, is written as its str or int value); None otherwise,
    and for a float too: a report's numbers are exact, written as text ("2/3") or whole."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return None
