"""units.dimension() decides plain counted nouns without loading pint; it must agree with pint.

A unit's dimension is a pure function of its text: pint defines each counted noun as the fast
path names it, so no answer depends on which units the process met before, or when pint was
loaded (issue 14, item 5).
"""
import keyword

import pytest

from verify.values import units

WORDS = ["states", "votes", "state", "calls", "counties", "countie", "agencies", "cats", "catss",
         "cat", "bus", "buses", "bu", "nan", "nans", "inf", "infinity", "and", "not", "lambda",
         "miles", "mile", "mins", "percents", "persons", "people", "dollars", "usds", "kelvin",
         "degrees", "celsius", "dimensionless", "lengths", "length", "meters", "tons", "tonss",
         "ass", "sss", "arrests", "arrest", "arrestss", "yens", "feets", "inchs", "items",
         "States", "USD", "km", "km2", "sq_mi", "hectares", "acres", "days", "weeks", "dayss",
         # the shipped vocabulary (nouns.txt), ISO codes (currencies.txt) and points
         "county", "countys", "buss", "busses", "children", "child", "childs", "sheep", "sheeps",
         "aircrafts", "sandwiches", "CHF", "CHFs", "chf", "XAU", "points", "point", "pp",
         # nouns of no vocabulary, one the other plus "s": each is a noun of its own
         "zorbs", "zorbss", "zorb", "glorps", "glorp", "glorpss",
         ] + [k for k in keyword.kwlist if k.islower()]


def _fresh():
    units.registry.cache_clear()
    units.dimension.cache_clear()


def _answer(word):
    try:
        return units.dimension(word), units.is_count(word)
    except Exception as error:        # pint's own error types for odd words are part of it
        return type(error).__name__


@pytest.fixture(autouse=True)
def restore():
    yield
    _fresh()


@pytest.mark.parametrize("order", [1, -1])
def test_fast_path_then_pint_agree_with_pint_alone(order):
    words = WORDS[::order]
    _fresh()
    units.registry()                  # pint from the start: the reference answers
    reference = [_answer(w) for w in words]
    _fresh()
    fast = [_answer(w) for w in words]      # without pint while it can
    assert fast == reference
    units.registry()                  # pint loaded late must agree with what was said
    assert [_answer(w) for w in words] == reference


def test_plain_nouns_do_not_load_pint():
    _fresh()
    assert units.is_count("states") and units.dimension("votes") == "[count_vote]"
    assert units.registry.cache_info().currsize == 0
    assert units.factor("states", "states") == 1
    assert units.registry.cache_info().currsize == 0


@pytest.mark.parametrize("pint_first", [False, True])
def test_a_units_dimension_does_not_depend_on_the_units_met_before(pint_first):
    """Each word alone in a fresh process state is the reference; meeting the others first,
    in either order, with pint loaded at the start or not, changes no answer ('zorbs' met
    before 'zorbss' used to make them one noun, 'zorbss' alone was a noun of its own)."""
    alone = {}
    for word in WORDS:
        _fresh()
        alone[word] = _answer(word)
    for order in (1, -1):
        _fresh()
        if pint_first:
            units.registry()
        assert {w: _answer(w) for w in WORDS[::order]} == alone


def test_a_conversion_does_not_depend_on_the_units_met_before():
    pairs = [("USD/zorbss", "USD/zorbss"), ("USD/zorbs", "USD/zorbss"), ("zorbs/km", "zorbss/miles"),
             ("USD/buss", "USD/buss"), ("USD/bus", "USD/buss"), ("buss/km", "buss/miles"),
             ("sandwiches/km", "sandwiche/miles"), ("statess/km", "states/km")]

    def answers(order):
        _fresh()
        out = {}
        for a, b in pairs[::order]:
            try:
                out[a, b] = units.factor(a, b)
            except units.UnitError as error:
                out[a, b] = type(error).__name__
        return out
    assert answers(1) == answers(-1)


def test_a_rate_of_counted_things_is_not_a_count():
    """'430 pupils per school' or '0.14 deaths per minute' need not be whole numbers: only a
    single counted noun (or people) is a count."""
    from verify.values import units
    assert units.is_count("pupils") and units.is_count("people")
    for unit in ("pupils per school", "deaths per minute", "people per km"):
        assert not units.is_count(units.canonical(unit)), unit
