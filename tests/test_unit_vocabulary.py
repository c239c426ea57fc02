"""A unit must be known: a unit of units.txt, an ISO 4217 code, points, or a counted noun of
the shipped vocabulary (nouns.txt) or of checks/ (`nouns:`), singular or plural alike.

Anything else is a located input error with the closest known word (exit 2, the other files
of the run still checked).  Nouns, currencies and points are decided without importing pint.
"""
import difflib
import re

import pytest

from verify import cli
from verify import config as settings
from verify.engine import check_file
from verify.values import units


@pytest.fixture(autouse=True)
def fresh():
    def clear():
        units.registry.cache_clear()
        units.dimension.cache_clear()
    clear()
    yield
    clear()


def test_the_vocabulary_holds_no_unit_and_both_numbers_of_each_noun():
    vocabulary = units.vocabulary()
    assert len(set(vocabulary.values())) >= 300
    for form, (singular, plural) in vocabulary.items():
        assert form in (singular, plural) and form == form.lower()
        assert vocabulary[singular] == vocabulary[plural] == (singular, plural)
        assert not units._is_unit_name(form), f"{form} is a unit of units.txt"
        assert form not in units.NON_QUANTITIES + ("person", "persons", "people", "nan")
        assert form not in units._ALIASES and form.lower() not in units._TEMPERATURES
    for noun in ("people", "arrests", "votes", "states", "counties", "cases", "deaths", "jobs",
                 "students", "homes", "vehicles", "children", "women"):
        assert units.canonical(noun) == ("people" if noun == "people" else noun)


def test_singular_and_plural_are_one_unit_kept_in_the_plural():
    assert units.canonical("county") == units.canonical("counties") == "counties"
    assert units.canonical("State") == units.canonical("states") == "states"
    assert units.canonical("child") == "children" and units.canonical("aircraft") == "aircraft"
    assert units.dimension("county") == units.dimension("counties") == "[count_county]"
    assert units.factor("county", "counties") == 1 and units.is_count("counties")


def test_every_noun_and_currency_is_what_pint_alone_says():
    words = sorted(units.vocabulary()) + sorted(units.currencies()) + ["points"]
    quick = [(units.dimension(w), units.is_count(w)) for w in words]
    assert units.registry.cache_info().currsize == 0        # no pint for any of them
    units.dimension.cache_clear()
    units.registry()
    assert [(units.dimension(w), units.is_count(w)) for w in words] == quick


def test_iso_currencies_are_money_of_their_own():
    codes = units.currencies()
    assert {"USD", "EUR", "CHF", "CNY", "MXN", "BRL", "ZAR"} <= codes and len(codes) >= 170
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes) and not {"XTS", "XXX"} & codes
    assert units.canonical("CHF") == "CHF" and units.dimension("CHF") == "[currency_CHF]"
    assert not units.is_count("CHF")         # francs are not counted in whole numbers
    with pytest.raises(units.UnitError, match=r"CHF \(\[currency_CHF\]\) cannot be compared"):
        units.factor("CHF", "USD")
    assert units.factor("USD", "dollars") == 1       # aliases of units.txt still convert


def test_points_are_a_unit_of_their_own():
    for written in ("points", "point", "percentage points", "Percentage  Points", "pp",
                    "percentage_points"):
        assert units.canonical(written) == "points"
    assert units.dimension("points") == "[percentage_point]" and not units.is_count("points")
    for other in ("percent", "1", "people"):
        with pytest.raises(units.UnitError, match="cannot be compared"):
            units.factor("points", other)


def test_plain_nouns_currencies_and_their_errors_do_not_load_pint():
    for unit in ("states", "county", "CHF", "points", "USD"):
        units.dimension(units.canonical(unit))
    with pytest.raises(units.UnitError):
        units.factor("states", "people")
    with pytest.raises(units.UnitError):
        units.factor("CHF", "states")
    with pytest.raises(units.UnknownUnit):
        units.canonical("peolpe")
    assert units.registry.cache_info().currsize == 0
    assert units.canonical("miles") == "miles"       # a unit name: known without pint too


@pytest.mark.parametrize("written, hint", [
    ("peolpe", "did you mean 'people'?"), ("UDS", "did you mean 'USD'?"),
    ("Miles", "did you mean 'miles'?"), ("chf", "did you mean 'CHF'?"),
    ("studnets", "did you mean 'students'?"), ("USD per persn", "'persn'"),
    ("xqzzv", "expected a unit such as people"),
])
def test_an_unknown_unit_names_the_closest_known_word(written, hint):
    with pytest.raises(units.UnknownUnit) as caught:
        units.canonical(written)
    message = caught.value.message(guess=lambda word, options: (
        difflib.get_close_matches(word, options, n=1) or [None])[0])
    assert "is not a known unit, currency or counted noun" in message and hint in message
    assert "checks/ nouns:" in message


def test_nouns_added_in_checks_are_counted_in_either_number(tmp_path):
    path = tmp_path / "nouns.yaml"
    path.write_text("nouns: [sandwiches, loaf loaves, ferry]\n", encoding="utf-8")
    nouns = settings.load([str(path)]).nouns
    for written, kept in (("sandwich", "sandwiches"), ("Sandwiches", "sandwiches"),
                          ("loaf", "loaves"), ("loaves", "loaves"), ("ferries", "ferries"),
                          ("ferry", "ferries")):
        assert units.canonical(written, nouns) == kept
        assert units.is_count(kept)
    assert units.dimension("sandwiches") != units.dimension("loaves")
    with pytest.raises(units.UnknownUnit):
        units.canonical("sandwich")          # not without the project's settings
    assert settings.load([]).nouns == {}


@pytest.mark.parametrize("text, where, phrase", [
    ("nouns: [miles]\n", "1:9", "'miles' is a unit already"),
    ("nouns: [points]\n", "1:9", "'points' is a unit already"),
    ("nouns:\n  - sandwiches\n  - x-rays\n", "3:5", "is not a plain word"),
    ("nouns: sandwiches\n", "1:8", "expected a list of nouns"),
])
def test_a_bad_noun_in_checks_is_a_settings_error_at_its_place(tmp_path, text, where, phrase):
    path = tmp_path / "nouns.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(settings.ConfigError, match=rf"nouns\.yaml:{where}: .*{re.escape(phrase)}"):
        settings.load([str(path)])


CLAIMS = """\
sources:
  - {id: article, file: article.txt}
claims:
  - id: a
    quote: 47 people were rescued
    measure: rescued
    value: "47"
    unit: peolpe
"""


def test_an_unknown_unit_in_no_relation_stops_its_file_at_the_unit(tmp_path, capsys):
    (tmp_path / "article.txt").write_text("Police said 47 people were rescued.\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(CLAIMS.replace("peolpe", "people"), encoding="utf-8")
    code = cli.main(["check", str(tmp_path / "bad.yaml"), str(tmp_path / "good.yaml")])
    out = capsys.readouterr().out
    assert code == 2
    assert re.search(r"bad\.yaml:8:11: error input unit 'peolpe' is not a known unit, currency "
                     r"or counted noun; did you mean 'people'\?", out), out
    assert "in 2 files (1 claim); 1 file could not be checked" in out     # good.yaml was checked


def test_a_noun_added_in_checks_is_accepted_where_it_would_be_refused(tmp_path):
    (tmp_path / "article.txt").write_text("The deli sold 47 sandwiches.\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CLAIMS.replace("47 people were rescued", "sold 47 sandwiches")
                                     .replace("peolpe", "sandwich"), encoding="utf-8")
    (tmp_path / "nouns.yaml").write_text("nouns: [sandwich]\n", encoding="utf-8")
    refused = check_file(str(tmp_path / "c.yaml"), settings.load([]))
    assert refused.fatal and "'sandwich' is not a known unit" in refused.findings[0].message
    accepted = check_file(str(tmp_path / "c.yaml"), settings.load([str(tmp_path / "nouns.yaml")]))
    assert not accepted.fatal and not [f for f in accepted.findings if f.rule == "input"]


def test_the_vocabulary_file_ships_with_the_package():
    import tomllib
    from pathlib import Path
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert "data/*" in pyproject["tool"]["setuptools"]["package-data"]["verify"]
