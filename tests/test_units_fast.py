"""units.dimension() decides plain counted nouns without loading pint; it must agree with pint.

The fast path records the nouns it met, and registry() defines them when pint is finally
loaded, so every later answer (pint's) must be the one pint alone would have given.
"""
import keyword

import pytest

from verify import units

WORDS = ["states", "votes", "state", "calls", "counties", "countie", "agencies", "cats", "catss",
         "cat", "bus", "buses", "bu", "nan", "nans", "inf", "infinity", "and", "not", "lambda",
         "miles", "mile", "mins", "percents", "persons", "people", "dollars", "usds", "kelvin",
         "degrees", "celsius", "dimensionless", "lengths", "length", "meters", "tons", "tonss",
         "ass", "sss", "arrests", "arrest", "arrestss", "yens", "feets", "inchs", "items",
         "States", "USD", "km", "km2", "sq_mi", "hectares", "acres", "days", "weeks", "dayss",
         # the shipped vocabulary (nouns.txt), ISO codes (currencies.txt) and points
         "county", "countys", "buss", "busses", "children", "child", "childs", "sheep", "sheeps",
         "aircrafts", "sandwiches", "CHF", "CHFs", "chf", "XAU", "points", "point", "pp",
         ] + [k for k in keyword.kwlist if k.islower()]


def _fresh():
    units.registry.cache_clear()
    units.dimension.cache_clear()
    units._COUNTED.clear()


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
