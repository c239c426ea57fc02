"""The one place that touches pint: a small registry of our own, built on first use.

A unit must be one verify knows: a unit of units.txt (km, miles, hours, percent...), an ISO
4217 currency code (currencies.txt), `points` (percentage points), or a counted noun: one of
the vocabulary shipped in nouns.txt or one a project adds in checks/ (`nouns:`), in the
singular or the plural.  Anything else is refused where the claim names it, with the closest
known word.  People are a dimension of their own, every currency is its own dimension, and
every counted noun is its own dimension ("state" and "states" one), so a relation can never
add people to dollars or states to people.  Unit text is checked against a plain-word grammar
before pint sees it: pint's expression parser would happily try to evaluate `10**10**10`.
Counted nouns, currencies, people and percent are decided without pint (its import costs
~150 ms); pint is asked only for units that convert or combine.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from quicktions import Fraction

from verify.values.vocabulary import data_file, shipped

if TYPE_CHECKING:       # pint itself is imported on first use (registry)
    import pint

MAX_UNIT_LENGTH = 40
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
_ALIASES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "%": "percent",
            "per cent": "percent", "1": "1", "": "1",
            **dict.fromkeys(("points", "point", "percentage points", "percentage point",
                             "percentage_points", "percentage_point", "pp"), "points")}
_TEMPERATURES = ("degf", "degc", "fahrenheit", "celsius", "kelvin", "degrees")
# Units the claims language treats specially; they never reach pint.
NON_QUANTITIES = ("date", "weekday", "time")


class UnitError(ValueError):
    """A unit that is not a plain unit name, or a conversion across dimensions."""


class UnknownUnit(UnitError):
    """A plain word that is no unit, currency or counted noun this run knows."""

    def __init__(self, word: str, nouns: dict[str, str]) -> None:
        self.word, self.nouns = word, nouns
        super().__init__(self.message())

    def message(self, guess: Callable[[str, list[str]], str | None] | None = None) -> str:
        """The problem, with the closest known word if `guess(word, options)` finds one."""
        options = suggestions(self.nouns)
        word = self.word.lower()
        swaps = (word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1))
        found = next((w for w in (word, *swaps) if w in options), None)   # Miles, UDS, peolpe
        if found is None and guess is not None:
            found = guess(word, list(options))
        hint = (f"did you mean '{options[found]}'?" if found else
                "expected a unit such as people, USD, km, percent, points, or a noun such as states")
        return (f"unit '{self.word}' is not a known unit, currency or counted noun; {hint} "
                "(add it to checks/ nouns: to count it)")


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry[Fraction]:
    import pint  # noqa: PLC0415 - ~150 ms: only runs when two different units must be compared
    ureg: pint.UnitRegistry[Fraction] = pint.UnitRegistry(None, non_int_type=Fraction, cache_folder=None)
    ureg.load_definitions(str(data_file("units.txt")))
    _IN_PINT.clear()
    return ureg


# Names defined in the current registry on first use (vocabulary nouns, currency codes,
# counted nouns): defining all ~700 forms up front would cost pint more than its import.
# Each definition is a pure function of its name, never of what was defined before, so the
# registry answers every name alike whatever the process met first (tests/test_units_fast.py).
_IN_PINT: set[str] = set()
_NOUN = re.compile(r"[a-z]{3,39}")


@lru_cache(maxsize=1)
def _defined() -> frozenset[str]:
    """Every word of units.txt: a superset of the names, symbols and aliases pint knows."""
    return frozenset(_WORD.findall(re.sub(r"#.*", "", shipped("units.txt")))) | {"dimensionless"}


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """The names, symbols and aliases units.txt defines (`name = definition = symbol = alias`)."""
    names = {"dimensionless"}
    for line in re.sub(r"#.*", "", shipped("units.txt")).splitlines():
        fields = [f.strip() for f in line.split("=")]
        if len(fields) > 1:
            names.update(f for f in [fields[0]] + fields[2:] if _WORD.fullmatch(f))
    return frozenset(names)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, tuple[str, str]]:
    """The shipped counted nouns (nouns.txt): each form, singular or plural -> (singular, plural)."""
    out = {}
    for line in re.sub(r"#.*", "", shipped("nouns.txt")).splitlines():
        forms = line.split()
        if forms:
            singular, plural = forms[0], forms[-1]
            out[singular] = out[plural] = (singular, plural)
    return out


@lru_cache(maxsize=1)
def currencies() -> frozenset[str]:
    """ISO 4217 codes (currencies.txt), in capitals."""
    return frozenset(line.split()[0] for line in shipped("currencies.txt").splitlines()
                     if line.strip() and not line.startswith("#"))


def singular(unit: str) -> str:
    """How one of a unit is written: states -> state, miles -> mile, km stays km."""
    if unit in vocabulary():
        return vocabulary()[unit][0]
    if unit.endswith("s") and len(unit) > 2 and unit[:-1] in _names():
        return unit[:-1]
    return unit


def _is_unit_name(word: str) -> bool:
    """A name units.txt defines, or one less a plural "s", as pint looks a name up."""
    return word in _names() or (word.endswith("s") and len(word) > 2 and word[:-1] in _names())


def project_nouns(entry: str) -> dict[str, str]:
    """The forms of a noun a project adds in checks/ -> the spelling its claims are kept in.

    `sandwiches` (or `sandwich`) also accepts its other number by the regular rules of
    English; an irregular noun is written as its two forms, `loaf loaves`.  Raises UnitError
    for an entry that is not a plain word, or is a unit already (miles convert; they are not
    counted)."""
    words = entry.lower().split()
    if not 1 <= len(words) <= 2 or not all(re.fullmatch(r"[a-z]{2,39}", w) for w in words):
        raise UnitError(f"noun '{entry[:MAX_UNIT_LENGTH]}' is not a plain word; expected a noun "
                        "such as sandwiches, or its two forms such as 'loaf loaves'")
    for word in words:
        if _is_unit_name(word) or word in NON_QUANTITIES or word in _ALIASES or \
                word in ("person", "persons", "people"):
            raise UnitError(f"'{word}' is a unit already, not a noun to count; expected a noun "
                            "such as sandwiches")
    if any(w in vocabulary() for w in words):
        return {}                           # shipped already, in both numbers
    if len(words) == 2:
        forms, spelling = set(words), words[1]
    elif re.search(r"[^su]s$", words[0]):    # looks plural: sandwiches, ferries (not bus, glass)
        forms, spelling = {words[0], *_singulars(words[0])}, words[0]
    else:
        forms, spelling = {words[0], _plural(words[0])}, _plural(words[0])
    forms = {f for f in forms if f not in vocabulary() and not _is_unit_name(f)
             and f not in NON_QUANTITIES}
    # claims are kept in one spelling, the plural, unless that is some other unit's word
    return dict.fromkeys(sorted(forms), spelling if spelling in forms else words[0])


def _plural(word: str) -> str:
    """The regular plural: ferry -> ferries, box -> boxes, loaf -> loafs."""
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + ("es" if re.search(r"(s|x|z|ch|sh)$", word) else "s")


def _singulars(word: str) -> set[str]:
    """What a regular plural may be the plural of: ferries -> ferry, boxes -> box or boxe."""
    found = {word[:-1]}
    if word.endswith("ies"):
        found.add(word[:-3] + "y")
    if re.search(r"(s|x|z|ch|sh)es$", word):
        found.add(word[:-2])
    return found


def suggestions(nouns: dict[str, str] | None = None) -> dict[str, str]:
    """Every word a unit may be, lowercased for "did you mean" -> as it must be written."""
    out = {name.lower(): name for name in sorted(_names())}
    out.update({code.lower(): code for code in currencies()})
    out.update({form: form for form in vocabulary()})
    out.update({form: form for form in nouns or {}})
    out.update({w: w for w in ("people", "percent", "points") + NON_QUANTITIES})
    return out


def canonical(text: str | None, nouns: dict[str, str] | None = None) -> str:
    """'persons' -> 'people', '$' -> 'USD', 'State' -> 'states', 'km/h' -> 'km/h'.

    `nouns` are the counted nouns a project added (config.nouns).  Raises UnitError for text
    that is not a unit name, UnknownUnit for a word no unit, currency or noun."""
    if text is None:
        return "1"
    if type(text) is str and not nouns and len(text) <= MAX_UNIT_LENGTH:   # the usual case:
        return _canonical(text)     # the same few units, file after file (kept short: a key)
    return _uncached(text, nouns)


@lru_cache(maxsize=1024)    # a pure function of the text; a unit refused raises, and is not kept
def _canonical(text: str) -> str:
    return _uncached(text, None)


def _uncached(text: str, nouns: dict[str, str] | None) -> str:
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
    return "/".join(_known(part, nouns or {}) for part in parts)


def _known(word: str, nouns: dict[str, str]) -> str:
    """A word of a unit as its claims are kept: units and codes as written, nouns in one
    spelling (the plural), so that `state` and `states` are one unit."""
    lowered = word.lower()
    if lowered in _TEMPERATURES:
        raise UnitError(f"unit '{word}': temperatures are not supported (their scales are offset, "
                        "so they do not convert by a factor)")
    if lowered in ("nan", "nans"):      # pint reads the word 'nan' as the number NaN
        raise UnitError(f"unit '{word}' is not a unit name; expected a word such as people, "
                        "USD, km, states")
    if _is_unit_name(word) or word in currencies():
        return word
    if lowered in vocabulary():
        return vocabulary()[lowered][1]
    if lowered in nouns:
        return nouns[lowered]
    raise UnknownUnit(word, nouns)


@lru_cache(maxsize=1024)    # asked per claim; a pure function of the unit's text
def dimension(unit: str) -> str:
    """A printable dimension: '[people]', '[length]', '[currency_USD]', '[count_state]'."""
    quick = _quick_dimension(unit)
    if quick is not None:
        return quick
    dims = dict(_unit(unit).dimensionality)    # str() of pint's Fraction exponents fails
    return " * ".join(name if power == 1 else f"{name}^{power}"
                      for name, power in sorted(dims.items())) or "dimensionless"


def _quick_dimension(unit: str) -> str | None:
    """The dimension of a plain word pint would give, decided without pint; else None."""
    if unit in ("1", "percent"):
        return "dimensionless"
    if unit in NON_QUANTITIES:
        return unit
    if unit == "people":
        return "[people]"
    if unit == "points":
        return "[percentage_point]"
    if unit in vocabulary():
        return f"[count_{vocabulary()[unit][0]}]"
    if unit in currencies():
        return f"[currency_{unit}]"
    return _counted_dimension(unit)


def _counted_dimension(unit: str) -> str | None:
    """'[count_sandwiche]' for a plain noun no definition names: a pure function of the word
    and the shipped data (a form of a shipped noun is that noun), whatever the process met
    before; None when pint must decide (a defined word, anything unusual)."""
    if not _NOUN.fullmatch(unit) or unit in _TEMPERATURES:
        return None
    singular = unit[:-1] if unit.endswith("s") else unit
    if singular == "nan":
        return None
    defined = _defined()
    counted = {form: noun[0] for form, noun in vocabulary().items()}   # form -> unit name
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
    return f"[count_{singular}]"


def is_count(unit: str) -> bool:
    """Counts of people and things are whole numbers."""
    if unit == "people":
        return True
    if unit in ("1", "percent") or unit in NON_QUANTITIES:
        return False
    found = dimension(unit)        # one counted noun alone: "deaths per minute" is a rate
    return found == "[people]" or (found.startswith("[count_") and found.endswith("]")
                                   and found.count("[") == 1)


def is_ratio(unit: str) -> bool:
    """A share or a rate ("percent", "deaths per 100,000 residents", "km/h"): the figures of
    subgroups average into the whole's rather than add up to it."""
    return unit == "percent" or "/" in unit or "per" in unit.split()


_ONE = Fraction(1)      # a Fraction is never changed: one made once serves every caller


def factor(from_unit: str, to_unit: str) -> Fraction:
    """The exact factor that turns a value in from_unit into to_unit."""
    if from_unit == to_unit:
        return _ONE
    if {from_unit, to_unit} <= {"1", "percent"}:
        return Fraction(1, 100) if from_unit == "percent" else Fraction(100)
    here, there = _quick_dimension(from_unit), _quick_dimension(to_unit)
    if here is not None and there is not None:
        if here != there:
            raise UnitError(f"{from_unit} ({here}) cannot be compared with {to_unit} ({there})")
        if here.startswith("["):
            return _ONE     # people, a currency code, points, a noun: one unit, its aliases
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


def _unit(unit: str) -> pint.Unit:
    ureg = registry()
    parts = unit.split("/")
    units = [_named(ureg, part) for part in parts]
    return units[0] / units[1] if len(units) == 2 else units[0]


def _named(ureg: pint.UnitRegistry[Fraction], word: str) -> pint.Unit:
    """A registry unit by its checked name; an unknown noun becomes a counted thing."""
    if not _WORD.fullmatch(word):
        raise UnitError(f"unit '{word}' is not a unit name")
    if word.lower() in _TEMPERATURES:
        raise UnitError(f"unit '{word}': temperatures are not supported (their scales are offset, "
                        "so they do not convert by a factor)")
    counted = _counted_dimension(word)
    if counted is not None:     # as dimension() says, never by pint's lookup among earlier nouns
        return ureg.parse_units(_define_counted(ureg, word, counted[len("[count_"):-1]))
    try:
        return _parse(ureg, word)   # a single checked word: no expression to evaluate
    except Exception:   # pint raises several types for an unknown name
        pass
    singular = word[:-1] if word.endswith("s") and len(word) > 2 else word
    if singular.lower() == "nan":    # pint reads the word 'nan' as the number NaN
        raise UnitError(f"unit '{word}' is not a unit name; expected a word such as people, "
                        "USD, km, states")
    try:
        return _parse(ureg, singular)
    except Exception:
        pass
    try:
        ureg.define(_counted(singular, word))
        return ureg.parse_units(singular)
    except Exception as error:      # a name pint reserves or cannot define: never a crash
        raise UnitError(f"unit '{word}' cannot be used as a unit name ({type(error).__name__}); "
                        "expected a word such as people, USD, km, states") from None


def _define_counted(ureg: pint.UnitRegistry[Fraction], word: str, singular: str) -> str:
    """Defines `word` as a unit of the counted noun `singular` (a shipped noun's, or one of
    its own under a name no word can take, `count_<singular>`), each once; returns `word`."""
    if singular in vocabulary():
        _parse(ureg, singular)          # the shipped noun, defined as it always is
        base = singular
    else:
        base = f"count_{singular}"
        if base not in _IN_PINT:
            ureg.define(f"{base} = [count_{singular}]")
            _IN_PINT.add(base)
    if word not in _IN_PINT:            # a form of a shipped noun is defined with it
        ureg.define(f"{word} = {base}")
        _IN_PINT.add(word)
    return word


def _counted(singular: str, word: str) -> str:
    """pint's definition of a counted noun: a dimension of its own, named in either number."""
    return f"{singular} = [count_{singular}]" + (f" = {word}" if word != singular else "")


def _parse(ureg: pint.UnitRegistry[Fraction], name: str) -> pint.Unit:
    """pint's lookup of a name, as if every vocabulary noun and currency code were defined:
    those pint would find for it (the name, or the name less a plural "s") are defined first."""
    for word in (name, name[:-1] if name.endswith("s") and len(name) > 2 else None):
        if word in _IN_PINT or word is None:
            continue
        if word in vocabulary():
            singular, plural = vocabulary()[word]
            ureg.define(_counted(singular, plural))
            _IN_PINT.update((singular, plural))
        elif word in currencies() and word not in _names():
            ureg.define(f"{word} = [currency_{word}]")
            _IN_PINT.add(word)
    return ureg.parse_units(name)
