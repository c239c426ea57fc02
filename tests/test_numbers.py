"""Written figures -> exact intervals: every form in the seed and in the claims language."""
from fractions import Fraction as F

import pytest
from hypothesis import given, strategies as st

from verify.model import Interval
from verify.numbers import FigureError, Tolerances, figure_from, fmt, read_written

CASES = [
    # text, unit, integer, precision, (lo, hi, lo_closed, hi_closed), reading point or None
    ("102", "people", True, "exact", (102, 102, True, True)),
    ("Two", "people", True, "exact", (2, 2, True, True)),
    ("four", "people", True, "exact", (4, 4, True, True)),
    ("seven", "people", True, "exact", (7, 7, True, True)),
    ("Twenty-one", "people", True, "exact", (21, 21, True, True)),
    ("one hundred two", "people", True, "exact", (102, 102, True, True)),
    ("a dozen", "people", True, "exact", (12, 12, True, True)),
    ("12-state", "states", True, "exact", (12, 12, True, True)),
    ("1,234", None, False, "exact", (1234, 1234, True, True)),
    ("1.2 million", None, False, "rounded", (1150000, 1250000, True, False)),
    ("$1.2 million", None, False, "rounded", (1150000, 1250000, True, False)),
    ("47%", None, False, "rounded", (F(93, 2), F(95, 2), True, False)),
    ("3.20", None, False, "rounded", (F(3195, 1000), F(3205, 1000), True, False)),
    ("$3.20", None, False, "rounded", (F(3195, 1000), F(3205, 1000), True, False)),
    ("about 1,000", None, False, "about", (900, 1100, True, True)),
    ("nearly half", "percent", False, "nearly", (45, 50, True, False)),
    ("more than 40", "people", True, "more than", (40, None, False, True)),
    ("at least 40", "people", True, "at least", (40, None, True, True)),
    ("fewer than 40", "people", True, "fewer than", (0, 40, True, False)),
    ("up to 40", "people", True, "up to", (0, 40, True, True)),
    ("just over 40", None, False, "just over", (40, 44, False, True)),
    ("between 10 and 20", None, False, "between", (10, 20, True, True)),
    ("doubled", None, False, "exact", (2, 2, True, True)),
    ("three times", None, False, "exact", (3, 3, True, True)),
    ("12 percent", None, False, "rounded", (F(23, 2), F(25, 2), True, False)),
]


@pytest.mark.parametrize("text,unit,integer,precision,bounds", CASES, ids=[c[0] for c in CASES])
def test_written_figure_interval(text, unit, integer, precision, bounds):
    figure = figure_from(text, unit, None, integer)
    lo, hi, lo_closed, hi_closed = bounds
    assert figure.precision == precision
    assert figure.interval == Interval(None if lo is None else F(lo), None if hi is None else F(hi),
                                       lo_closed, hi_closed)


def test_units_read_from_the_text():
    assert read_written("$1.2 million").unit == "USD"
    assert read_written("47%").unit == "percent"
    assert read_written("€5").unit == "EUR"
    assert read_written("12-state").compound == "state"


def test_shares_in_words_are_percent_when_the_unit_is_percent():
    figure = figure_from("a third", "percent", None, False)
    assert figure.nominal == F(100, 3)
    assert figure.precision == "about"


def test_as_printed_reading_is_the_point_for_rounded_figures_and_the_hedge_otherwise():
    assert figure_from("$1.3 million", None, None, False).reading == Interval.point(F(1300000))
    about = figure_from("about 1,000", None, None, False)
    assert about.reading == about.interval


def test_decimals_keep_their_written_precision():
    assert read_written("3.20").step == F(1, 100)
    assert read_written("3.2").step == F(1, 10)


def test_tolerances_come_from_settings():
    figure = figure_from("about 100", None, None, False, Tolerances(about=F(1, 20)))
    assert figure.interval == Interval(F(95), F(105))


def test_rounding_either_closes_the_upper_end():
    figure = figure_from("47%", None, None, False, Tolerances(rounding="either"))
    assert figure.interval.hi_closed


@pytest.mark.parametrize("text", ["1e100000000", "10**10", "", "banana", "1" * 41,
                                  "about", "between 1", "NaN", "inf"])
def test_unreadable_figures_are_errors_not_crashes(text):
    with pytest.raises(FigureError):
        figure_from(text, None, None, False)


def test_hedge_and_precision_must_agree():
    with pytest.raises(FigureError):
        figure_from("about 40", None, "exact", False)


def test_fmt_is_exact_and_readable():
    assert fmt(F(1334000)) == "1,334,000"
    assert fmt(F(93, 2), "percent") == "46.5%"
    assert fmt(F(100, 3)) == "33.3333..."
    assert fmt(F(-5)) == "-5"


# --- properties ---------------------------------------------------------------------------
digits = st.integers(min_value=0, max_value=10**12)
decimals = st.integers(min_value=0, max_value=6)


@given(digits, decimals)
def test_a_rounded_figure_contains_every_value_that_rounds_to_it(n, places):
    text = f"{n // 10**places}.{n % 10**places:0{places}d}" if places else f"{n}.0"
    value = F(n, 10**places) if places else F(n)
    figure = figure_from(text, None, "rounded", False)
    step = F(1, 10**places) if places else F(1, 10)
    assert figure.interval.contains(value)
    assert figure.interval.contains(value - step / 2)           # half-up: lower end in
    assert not figure.interval.contains(value + step / 2)       # upper end out
    assert not figure.interval.contains(value - step)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_comma_grouped_digits_read_exactly(n, cents):
    text = f"{n:,}.{cents:02d}"
    assert read_written(text).value == F(n) + F(cents, 100)


@given(st.integers(min_value=1, max_value=10**6))
def test_a_figure_pushed_past_its_interval_is_outside_it(n):
    figure = figure_from(f"{n:,}", "people", None, True)
    assert figure.interval.contains(F(n))
    assert not figure.interval.contains(F(n + 1))
