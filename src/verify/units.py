"""The one place that touches pint: a small registry of our own, built on first use.

People are a dimension of their own, every currency is its own dimension, and any other
counted noun ("states", "votes") becomes its own dimension the first time it is named, so a
relation can never add people to dollars or states to people.  Unit text is checked against
a plain-word grammar before pint sees it: pint's expression parser would happily try to
evaluate `10**10**10`.
"""
from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from importlib import resources

MAX_UNIT_LENGTH = 40
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
_ALIASES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "%": "percent",
            "per cent": "percent", "1": "1", "": "1"}
_TEMPERATURES = ("degf", "degc", "fahrenheit", "celsius", "kelvin", "degrees")
# Units the claims language treats specially; they never reach pint.
NON_QUANTITIES = ("date", "weekday", "time")


class UnitError(ValueError):
    """A unit that is not a plain unit name, or a conversion across dimensions."""


@lru_cache(maxsize=1)
def registry():
    import pint   # ~150 ms: only runs when two different units must be compared
    ureg = pint.UnitRegistry(None, non_int_type=Fraction, cache_folder=None)
    with resources.as_file(resources.files("verify") / "data" / "units.txt") as path:
        ureg.load_definitions(str(path))
    for word, singular in _COUNTED.items():    # as _named() would have defined them
        ureg.define(f"{singular} = [count_{singular}] = {word}")
    return ureg


# Counted nouns met before pint was needed (word -> the singular it defines), in order, so
# that registry() leaves pint exactly as _named() would have.  Most files name only people,
# percent and nouns like "states": they never pay pint's import.
_COUNTED: dict[str, str] = {}
_NOUN = re.compile(r"[a-z]{3,39}")


@lru_cache(maxsize=1)
def _defined() -> frozenset[str]:
    """Every word of units.txt: a superset of the names, symbols and aliases pint knows."""
    text = (resources.files("verify") / "data" / "units.txt").read_text(encoding="utf-8")
    return frozenset(_WORD.findall(re.sub(r"#.*", "", text))) | {"dimensionless"}


def _counted_dimension(unit: str) -> str | None:
    """'[count_state]' for a plain noun no definition names, as pint would decide it;
    None whenever pint must decide (pint loaded, a defined word, anything unusual)."""
    if registry.cache_info().currsize or not _NOUN.fullmatch(unit) or unit in _TEMPERATURES:
        return None
    singular = unit[:-1] if unit.endswith("s") else unit
    if singular == "nan":
        return None
    defined = _defined()
    counted = {s: s for s in _COUNTED.values()} | _COUNTED     # name or alias -> unit name
    for word in (unit, singular):
        # pint's lookup: the word itself, or the word less a plural "s" (leaving 2+ letters)
        names = {word} | ({word[:-1]} if word.endswith("s") and len(word) > 2 else set())
        if names & defined:
            return None
        found = {counted[n] for n in names if n in counted}
        if len(found) > 1:
            return None
        if found:
            return f"[count_{found.pop()}]"
    _COUNTED[unit] = singular
    return f"[count_{singular}]"


def canonical(text: str | None) -> str:
    """'persons' -> 'people', '$' -> 'USD', 'km/h' -> 'km/h'; raises UnitError for anything else."""
    if text is None:
        return "1"
    text = re.sub(r"\s+", " ", str(text).strip())
    if len(text) > MAX_UNIT_LENGTH:
        raise UnitError(f"unit '{text[:MAX_UNIT_LENGTH]}...' is longer than {MAX_UNIT_LENGTH} "
                        "characters; expected a unit name such as people, USD, km, states")
    lowered = text.lower()
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    if lowered in NON_QUANTITIES:
        return lowered
    parts = re.split(r"\s*/\s*|\s+per\s+", text)
    if len(parts) > 2 or not all(_WORD.fullmatch(p) for p in parts):
        raise UnitError(f"unit '{text}' is not a unit name; expected a word such as people, USD, "
                        "km, percent, states, or 'X per Y'")
    if lowered in ("person", "persons", "people"):
        return "people"
    return "/".join(parts)


@lru_cache(maxsize=1024)    # asked per claim; a unit's dimension never changes once known
def dimension(unit: str) -> str:
    """A printable dimension: '[people]', '[length]', '[currency_USD]', '[count_state]'."""
    if unit == "1":
        return "dimensionless"
    if unit in NON_QUANTITIES:
        return unit
    if unit in ("people", "percent"):      # the common cases never need pint
        return "[people]" if unit == "people" else "dimensionless"
    counted = _counted_dimension(unit)
    if counted is not None:
        return counted
    dims = dict(_unit(unit).dimensionality)    # str() of pint's Fraction exponents fails
    return " * ".join(name if power == 1 else f"{name}^{power}"
                      for name, power in sorted(dims.items())) or "dimensionless"


def is_count(unit: str) -> bool:
    """Counts of people and things are whole numbers."""
    if unit == "people":
        return True
    if unit in ("1", "percent") or unit in NON_QUANTITIES:
        return False
    return dimension(unit).startswith("[count_") or dimension(unit) == "[people]"


def factor(from_unit: str, to_unit: str) -> Fraction:
    """The exact factor that turns a value in from_unit into to_unit."""
    if from_unit == to_unit:
        return Fraction(1)
    if {from_unit, to_unit} <= {"1", "percent"}:
        return Fraction(1, 100) if from_unit == "percent" else Fraction(100)
    source, target = _unit(from_unit), _unit(to_unit)
    if source.dimensionality != target.dimensionality:
        raise UnitError(f"{from_unit} ({dimension(from_unit)}) cannot be compared with "
                        f"{to_unit} ({dimension(to_unit)})")
    magnitude = registry().Quantity(Fraction(1), source).to(target).magnitude
    return Fraction(magnitude)


def compatible(a: str, b: str) -> bool:
    try:
        factor(a, b)
    except UnitError:
        return False
    return True


def _unit(unit: str):
    ureg = registry()
    parts = unit.split("/")
    units = [_named(ureg, part) for part in parts]
    return units[0] / units[1] if len(units) == 2 else units[0]


def _named(ureg, word: str):
    """A registry unit by its checked name; an unknown noun becomes a counted thing."""
    if not _WORD.fullmatch(word):
        raise UnitError(f"unit '{word}' is not a unit name")
    if word.lower() in _TEMPERATURES:
        raise UnitError(f"unit '{word}': temperatures are not supported (their scales are offset, "
                        "so they do not convert by a factor)")
    try:
        return ureg.parse_units(word)   # a single checked word: no expression to evaluate
    except Exception:   # pint raises several types for an unknown name
        pass
    singular = word[:-1] if word.endswith("s") and len(word) > 2 else word
    if singular.lower() == "nan":    # pint reads the word 'nan' as the number NaN
        raise UnitError(f"unit '{word}' is not a unit name; expected a word such as people, "
                        "USD, km, states")
    try:
        return ureg.parse_units(singular)
    except Exception:
        pass
    try:
        ureg.define(f"{singular} = [count_{singular}] = {word}")
        return ureg.parse_units(singular)
    except Exception as error:      # a name pint reserves or cannot define: never a crash
        raise UnitError(f"unit '{word}' cannot be used as a unit name ({type(error).__name__}); "
                        "expected a word such as people, USD, km, states") from None
