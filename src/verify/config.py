"""Rule settings: package defaults, then checks/*.yaml, then the command line.

Settings are data (YAML read with the same as-written reader as claims files), never code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from importlib import resources
from pathlib import Path

from verify import units, yamlread
from verify.model import Severity
from verify.numbers import Tolerances


class ConfigError(ValueError):
    """A settings file that cannot be used; the message starts with path:line:col."""


@dataclass(frozen=True)
class Config:
    severities: dict = field(default_factory=dict)     # rule -> Severity, or None when off
    tolerances: Tolerances = Tolerances()
    budget_ms: int = 3000
    bounds: bool = True
    limits: dict = field(default_factory=dict)
    nouns: dict = field(default_factory=dict)          # counted nouns added: form -> spelling
    sources: tuple[str, ...] = ()                       # files the settings came from

    def severity(self, rule: str) -> Severity | None:
        return self.severities.get(rule, Severity.ERROR)

    def enabled(self, rule: str) -> bool:
        return self.severity(rule) is not None

    def limit(self, name: str) -> int:
        return self.limits[name]


def load(paths: list[str] | None = None) -> Config:
    """Defaults, then each settings file in order (later files win)."""
    with resources.as_file(resources.files("verify") / "data" / "defaults.yaml") as path:
        config = _apply(Config(), Path(path).read_text(encoding="utf-8"), "defaults.yaml")
    for path in paths if paths is not None else discover():
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}:1:1: cannot read settings ({error})") from None
        config = _apply(config, text, str(path))
    return config


def discover(root: str = ".") -> list[str]:
    """checks/*.yaml, or the folder named by [tool.verify] checks = "..." in pyproject.toml."""
    folder = Path(root) / "checks"
    pyproject = Path(root) / "pyproject.toml"
    if pyproject.is_file():
        import tomllib
        try:
            table = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{pyproject}:1:1: {error}") from None
        named = table.get("tool", {}).get("verify", {}).get("checks")
        if isinstance(named, str):
            folder = Path(root) / named
    if not folder.is_dir():
        return []
    return sorted(str(p) for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


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
    handlers = {"rules": _rules, "hedges": _hedges, "rounding": _rounding,
                "solver": _solver, "limits": _limits, "nouns": _nouns}
    changes = {"sources": config.sources + (path,)}
    for key, key_node, value in root.items():
        if key not in handlers:
            raise ConfigError(f"{path}:{key_node.line}:{key_node.col}: unknown setting '{key}'; "
                              f"expected one of {', '.join(handlers)}")
        changes.update(handlers[key](config, value, path))
    return replace(config, **changes)


def _where(path, node) -> str:
    return f"{path}:{node.line}:{node.col}"


def _mapping(node, path):
    if node.kind != "map":
        raise ConfigError(f"{_where(path, node)}: expected a mapping")
    return node.items()


def _rules(config, node, path):
    severities = dict(config.severities)
    for rule, _, value in _mapping(node, path):
        text = value.text.strip().lower()
        if text in ("off", "false", "no", "disabled"):
            severities[rule] = None
        elif text in ("error", "warning", "note"):
            severities[rule] = Severity.parse(text)
        else:
            raise ConfigError(f"{_where(path, value)}: rule '{rule}' set to '{value.text}'; "
                              "expected error, warning, note or off")
    return {"severities": severities}


def _hedges(config, node, path):
    names = {"about": "about", "nearly": "nearly", "just over": "just_over",
             "multiples": "multiples", "steps": "steps"}
    changes = {}
    for name, key, value in _mapping(node, path):
        if name not in names:
            raise ConfigError(f"{_where(path, key)}: unknown hedge '{name}'; expected {', '.join(names)}")
        if name == "steps":        # at most this many units of the last significant digit
            off = value.text.strip().lower() in ("off", "none", "false", "no")
            changes["steps"] = None if off else _whole(value, path)
        else:
            changes[names[name]] = _share(value, path)
    return {"tolerances": replace(config.tolerances, **changes)}


def _share(node, path) -> Fraction:
    match = re.fullmatch(r"(\d{1,3}(?:\.\d{1,6})?)\s*%", node.text.strip())
    if not match:
        raise ConfigError(f"{_where(path, node)}: '{node.text}' is not a percentage like 10%")
    return Fraction(match.group(1)) / 100


def _rounding(config, node, path):
    if node.text not in ("half-up", "either"):
        raise ConfigError(f"{_where(path, node)}: rounding '{node.text}'; expected half-up or either")
    return {"tolerances": replace(config.tolerances, rounding=node.text)}


def _solver(config, node, path):
    changes = {}
    for name, key, value in _mapping(node, path):
        if name == "budget_ms":
            changes["budget_ms"] = _whole(value, path)
        elif name == "bounds":
            changes["bounds"] = value.text.lower() in ("true", "yes", "on")
        else:
            raise ConfigError(f"{_where(path, key)}: unknown solver setting '{name}'")
    return changes


def _nouns(config, node, path):
    """Counted nouns a project adds to the vocabulary shipped with verify (units.py)."""
    if node.kind != "seq":
        raise ConfigError(f"{_where(path, node)}: expected a list of nouns, such as [sandwiches]")
    nouns = dict(config.nouns)
    for item in node.value:
        try:
            nouns.update(units.project_nouns(item.text if item.kind == "scalar" else ""))
        except units.UnitError as error:
            raise ConfigError(f"{_where(path, item)}: {error}") from None
    return {"nouns": nouns}


def _limits(config, node, path):
    limits = dict(config.limits)
    for name, key, value in _mapping(node, path):
        if config.limits and name not in config.limits:
            raise ConfigError(f"{_where(path, key)}: unknown limit '{name}'; expected "
                              f"{', '.join(sorted(config.limits))}")
        limits[name] = _whole(value, path)
    return {"limits": limits}


def _whole(node, path) -> int:
    text = node.text.replace("_", "")
    if not re.fullmatch(r"\d{1,12}", text):
        raise ConfigError(f"{_where(path, node)}: '{node.text}' is not a whole number")
    return int(text)

