"""Rule settings: package defaults, then the project's, then the command line.

A claims file's project is the nearest folder at or above it holding .git, pyproject.toml or
checks/ (project.project_root); its settings are `[tool.verify]` in its pyproject.toml, then
checks/*.yaml (or the folder `[tool.verify] checks` names).  So a run gives the same results
wherever it is started, and claims files of several projects each get their own project's.
Settings are data (YAML read with the same as-written reader as claims files), never code; an
unknown key anywhere is a located error with a did-you-mean.
"""
from __future__ import annotations

import difflib
import functools
import os
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import field, replace
from pathlib import Path
from typing import Any, Literal, TypedDict

from quicktions import Fraction

from verify import ruleids
from verify.load import yamlread
from verify.load.yamlread import Node
from verify.model import Severity, record
from verify.project import project_root
from verify.values import units
from verify.values.numbers import ROUNDINGS, Tolerances
from verify.values.vocabulary import shipped


class ConfigError(ValueError):
    """A settings file that cannot be used; the message starts with path:line:col."""


@record()
class Config:
    severities: dict[str, Severity | None] = field(default_factory=dict)  # None: the rule is off
    tolerances: Tolerances = field(default_factory=Tolerances)
    budget_ms: int = 3000
    bounds: bool = True
    limits: dict[str, int] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)   # counted nouns added: form -> spelling
    include: tuple[str, ...] = ()      # patterns of the files a folder walk checks
    exclude: tuple[str, ...] = ()      # patterns of the files and folders it skips
    sources: tuple[str, ...] = ()                       # files the settings came from

    def severity(self, rule: str) -> Severity | None:
        return self.severities.get(rule, Severity.ERROR)

    def enabled(self, rule: str) -> bool:
        return self.severity(rule) is not None

    def limit(self, name: str) -> int:
        return self.limits[name]


class _Changes(TypedDict, total=False):
    """What one setting changes in a Config (its fields, by name)."""

    severities: dict[str, Severity | None]
    tolerances: Tolerances
    budget_ms: int
    bounds: bool
    limits: dict[str, int]
    nouns: dict[str, str]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    sources: tuple[str, ...]


# a top-level setting's reader: (the settings so far, its value's node, the file) -> changes
_Handler = Callable[[Config, Node, str], _Changes]
# [tool.verify] of a pyproject.toml as tomllib read it
_Table = dict[str, Any]


def load(paths: list[str] | None = None) -> Config:
    """Defaults, then each settings file in order (later files win).  No paths: the project
    of the working folder (`for_project`)."""
    if paths is None:
        return for_project(project_root(Path(".")))
    config = _defaults()
    for path in paths:
        config = _apply(config, _read(path), str(path))
    return config


def for_project(root: Path) -> Config:
    """The settings of the project whose root folder is `root`: the defaults, then its
    pyproject.toml's [tool.verify], then its settings folder's files in name order."""
    config = _defaults()
    table = _tool_table(root)
    if table is not None:
        config = _apply_table(config, *table)
    for path in discover(root):
        config = _apply(config, _read(path), path)
    return config


def discover(root: str | Path = ".") -> list[str]:
    """checks/*.yaml, or the folder named by [tool.verify] checks = "..." in pyproject.toml."""
    folder = settings_folder(root)
    if not folder.is_dir():
        return []
    return sorted(_shown(p) for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def settings_folder(root: str | Path) -> Path:
    """The project's settings folder: checks/, or the one [tool.verify] checks names."""
    table = _tool_table(Path(root))
    named = table[0].get("checks") if table else None
    return Path(root) / (named if isinstance(named, str) else "checks")


# [tool.verify] in pyproject.toml: where the settings are, and which files a folder walk checks
TOOL_KEYS = ("checks", "include", "exclude")


def _tool_table(root: Path) -> tuple[_Table, str, str] | None:
    """([tool.verify], the pyproject's text, its path as shown), or None without one; an
    unknown key or a value of the wrong type is a located ConfigError."""
    pyproject = Path(root) / "pyproject.toml"
    if not pyproject.is_file():
        return None
    shown = _shown(pyproject)
    text = _read(pyproject, shown)
    try:
        table = _toml(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{shown}:1:1: not valid TOML ({error}); expected a pyproject.toml "
                          "that Python's tomllib reads") from None
    tool = table.get("tool", {}).get("verify")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{shown}:{_toml_where(text, 'verify')}: [tool.verify] is not a table")
    for key, value in tool.items():
        if key not in TOOL_KEYS:
            raise ConfigError(f"{shown}:{_toml_where(text, key)}: unknown key '{key}' in "
                              f"[tool.verify]; {_expected(key, TOOL_KEYS)}")
        wanted = str if key == "checks" else list
        if not isinstance(value, wanted) or (wanted is list and not all(
                isinstance(item, str) and item.strip() for item in value)):
            what = ("a folder name, such as \"checks\"" if key == "checks" else
                    "a list of patterns, such as [\"drafts\", \"*.draft.yaml\"]")
            raise ConfigError(f"{shown}:{_toml_where(text, key)}: [tool.verify] {key} is "
                              f"{value!r}; expected {what}")
    return tool, text, shown


@functools.lru_cache(maxsize=8)
def _toml(text: str) -> dict[str, Any]:
    """A pyproject's tables, parsed once for its text: a walk and the settings of its project
    each ask for [tool.verify] (three times for a run of one project).  Read-only."""
    return tomllib.loads(text)


def _apply_table(config: Config, tool: _Table, text: str, shown: str) -> Config:
    changes: _Changes = {"sources": config.sources + (shown,)}
    if "include" in tool:
        changes["include"] = tuple(tool["include"])
    if "exclude" in tool:
        changes["exclude"] = config.exclude + tuple(tool["exclude"])
    return replace(config, **changes)


def _toml_where(text: str, key: str) -> str:
    """line:col of `key` in the pyproject's [tool.verify] (the table, or dotted keys), as
    far as a line scan can tell; the table's header, else 1:1."""
    table = None
    header = None
    key_line = re.compile(rf"^\s*(?:(?:tool\s*\.\s*)?verify\s*\.\s*)?([\"']?){re.escape(key)}\1\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        heading = re.match(r"^\s*\[\s*([^\]]*?)\s*\]", line)
        if heading:
            table = re.sub(r"\s+", "", heading.group(1))
            if table == "tool.verify" and header is None:
                header = f"{number}:{line.index('[') + 1}"
            continue
        if table in ("tool.verify", "tool", None):
            match = key_line.match(line)
            if match and (table == "tool.verify" or "verify" in line[:match.end()]):
                return f"{number}:{line.index(key, match.start(1)) + 1}"
    return header or "1:1"


def _expected(key: str, known: Iterable[str]) -> str:
    """'did you mean ...? expected one of ...', the closest known name first (difflib)."""
    names = list(known)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{hint}expected one of {', '.join(names)}"


def _defaults() -> Config:
    return _apply(Config(), shipped("defaults.yaml"), "defaults.yaml")


def _read(path: str | Path, shown: str | None = None) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{shown or path}:1:1: cannot read settings ({error}); expected a "
                          "readable UTF-8 text file") from None


def _shown(path: Path) -> str:
    """A settings path as messages show it: relative to the working folder when inside it."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _apply(config: Config, text: str, path: str) -> Config:
    try:
        root = yamlread.read(text)
    except yamlread.YamlError as error:
        raise ConfigError("\n    ".join([f"{path}:{error.line}:{error.col}: {error.message}",
                                           *error.excerpt])) from None
    if root is None:
        return config
    if root.kind != "map":
        raise ConfigError(f"{path}:{root.line}:{root.col}: settings must be a mapping")
    handlers: dict[str, _Handler] = {"rules": _rules, "hedges": _hedges, "rounding": _rounding,
                "solver": _solver, "limits": _limits, "nouns": _nouns,
                "include": _include, "exclude": _exclude}
    changes: _Changes = {"sources": config.sources + (path,)}
    for key, key_node, value in root.items():
        if key not in handlers:
            raise ConfigError(f"{path}:{key_node.line}:{key_node.col}: unknown setting '{key}'; "
                              f"{_expected(key, handlers)}")
        changes.update(handlers[key](replace(config, **changes), value, path))
    return replace(config, **changes)


def _where(path: str, node: Node) -> str:
    return f"{path}:{node.line}:{node.col}"


def _mapping(node: Node, path: str) -> list[tuple[str, Node, Node]]:
    if node.kind != "map":
        raise ConfigError(f"{_where(path, node)}: expected a mapping")
    return node.items()


def _rules(config: Config, node: Node, path: str) -> _Changes:
    severities = dict(config.severities)
    for rule, key, value in _mapping(node, path):
        if rule not in ruleids.IDS:       # the registry: a misspelt rule would be ignored
            raise ConfigError(f"{_where(path, key)}: unknown rule '{rule}'; "
                              f"{_expected(rule, ruleids.IDS)}")
        text = value.text.strip().lower()
        if text in ("off", "false", "no", "disabled"):
            severities[rule] = None
        elif text in ("error", "warning", "note"):
            severities[rule] = Severity.parse(text)
        else:
            raise ConfigError(f"{_where(path, value)}: rule '{rule}' set to '{value.text}'; "
                              "expected error, warning, note or off")
    return {"severities": severities}


class _HedgeChanges(TypedDict, total=False):
    about: Fraction
    nearly: Fraction
    just_over: Fraction
    multiples: Fraction
    steps: int | None


# a hedge as settings name it -> its share's field of Tolerances ("steps" is read apart)
_SHARES: dict[str, Literal["about", "nearly", "just_over", "multiples"]] = {
    "about": "about", "nearly": "nearly", "just over": "just_over", "multiples": "multiples"}


def _hedges(config: Config, node: Node, path: str) -> _Changes:
    names = (*_SHARES, "steps")
    changes: _HedgeChanges = {}
    for name, key, value in _mapping(node, path):
        if name not in names:
            raise ConfigError(f"{_where(path, key)}: unknown hedge '{name}'; {_expected(name, names)}")
        if name == "steps":        # at most this many units of the last significant digit
            off = value.text.strip().lower() in ("off", "none", "false", "no")
            changes["steps"] = None if off else _whole(value, path)
        else:
            changes[_SHARES[name]] = _share(value, path)
    return {"tolerances": replace(config.tolerances, **changes)}


def _share(node: Node, path: str) -> Fraction:
    match = re.fullmatch(r"(\d{1,3}(?:\.\d{1,6})?)\s*%", node.text.strip())
    if not match:
        raise ConfigError(f"{_where(path, node)}: '{node.text}' is not a percentage like 10%")
    return Fraction(match.group(1)) / 100


def _rounding(config: Config, node: Node, path: str) -> _Changes:
    if node.text not in ROUNDINGS:
        raise ConfigError(f"{_where(path, node)}: rounding '{node.text}'; expected one of "
                          f"{', '.join(ROUNDINGS)}")
    return {"tolerances": replace(config.tolerances, rounding=node.text)}


def _solver(config: Config, node: Node, path: str) -> _Changes:
    changes: _Changes = {}
    for name, key, value in _mapping(node, path):
        if name not in ("budget_ms", "bounds"):
            raise ConfigError(f"{_where(path, key)}: unknown solver setting '{name}'; "
                              f"{_expected(name, ('budget_ms', 'bounds'))}")
        if name == "budget_ms":
            changes["budget_ms"] = _whole(value, path)
        else:
            changes["bounds"] = value.text.lower() in ("true", "yes", "on")
    return changes


def _nouns(config: Config, node: Node, path: str) -> _Changes:
    """Counted nouns a project adds to the vocabulary shipped with verify (units.py)."""
    if node.kind != "seq":
        raise ConfigError(f"{_where(path, node)}: expected a list of nouns, such as [sandwiches]")
    nouns = dict(config.nouns)
    for item in node.children:
        try:
            nouns.update(units.project_nouns(item.text if item.kind == "scalar" else ""))
        except units.UnitError as error:
            raise ConfigError(f"{_where(path, item)}: {error}") from None
    return {"nouns": nouns}


def _limits(config: Config, node: Node, path: str) -> _Changes:
    limits = dict(config.limits)
    for name, key, value in _mapping(node, path):
        if config.limits and name not in config.limits:
            raise ConfigError(f"{_where(path, key)}: unknown limit '{name}'; "
                              f"{_expected(name, sorted(config.limits))}")
        limits[name] = _whole(value, path)
    return {"limits": limits}


def _include(config: Config, node: Node, path: str) -> _Changes:
    """The files a folder walk checks: these patterns replace the ones before."""
    return {"include": _patterns(node, path)}


def _exclude(config: Config, node: Node, path: str) -> _Changes:
    """Files and folders a folder walk skips: these patterns add to the ones before."""
    return {"exclude": config.exclude + _patterns(node, path)}


def _patterns(node: Node, path: str) -> tuple[str, ...]:
    items = node.children
    if node.kind != "seq" or not all(i.kind == "scalar" and i.text.strip() for i in items):
        raise ConfigError(f"{_where(path, node)}: expected a list of patterns, such as "
                          "[drafts, \"*.draft.yaml\"]")
    return tuple(i.text.strip() for i in items)


def _whole(node: Node, path: str) -> int:
    text = node.text.replace("_", "")
    if not re.fullmatch(r"\d{1,12}", text):
        raise ConfigError(f"{_where(path, node)}: '{node.text}' is not a whole number")
    return int(text)

