"""Written figures -> exact intervals: every form in the seed and in the claims language."""
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from quicktions import Fraction as F

from verify.model import Interval
from verify.values.numbers import FigureError, Tolerances, figure_from, fmt, read_written, rounding_place

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
    ("doubled", None, False, "exact", (F(19, 10), F(21, 10), True, True)),
    ("three times", None, False, "exact", (F(285, 100), F(315, 100), True, True)),
    ("halved", None, False, "exact", (F(19, 40), F(21, 40), True, True)),
    ("about $667,000", None, False, "about", (662000, 672000, True, True)),
    ("about 1.3 million", None, False, "about", (1170000, 1430000, True, True)),
    ("slightly fewer than 5,000", "people", True, "nearly", (4500, 5000, True, False)),
    ("a little over 40", None, False, "just over", (40, 44, False, True)),
    ("well over 40", "people", True, "more than", (40, None, False, True)),
    ("5%-8%", "percent", False, "between", (5, 8, True, True)),
    ("5-8%", None, False, "between", (5, 8, True, True)),
    ("40 to 50", "people", True, "between", (40, 50, True, True)),
    ("$2 million-$3 million", None, False, "between", (2000000, 3000000, True, True)),
    ("5 to 8 million", None, False, "between", (5000000, 8000000, True, True)),
    ("one in five", "percent", False, "about", (18, 22, True, True)),
    ("one out of every three", "percent", False, "about", (30, F(110, 3), True, True)),
    ("nine in 10", "percent", False, "about", (81, 99, True, True)),
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


def test_as_printed_a_figure_is_the_figure_printed_and_a_bound_is_the_bound():
    assert figure_from("$1.3 million", None, None, False).reading == Interval.point(F(1300000))
    for text in ("about 1,000", "nearly 1,000", "just over 1,000"):
        hedged = figure_from(text, None, None, False)
        assert hedged.reading == Interval.point(F(1000)), text
        assert hedged.hedged and hedged.rounded == Interval.point(F(1000))
    bound = figure_from("more than 1,000", None, None, False)
    assert bound.reading == bound.interval and not bound.hedged


def test_without_its_hedge_a_figure_keeps_its_rounding():
    figure = figure_from("about $1.3 million", None, None, False)
    assert figure.rounded == Interval(F(1250000), F(1350000), True, False)
    assert figure.interval == Interval(F(1170000), F(1430000))


def test_a_hedge_strays_at_most_a_few_units_of_the_last_significant_digit():
    assert figure_from("about 12,345", None, None, False).interval == Interval(F(12340), F(12350))
    assert figure_from("about 1,000", None, None, False).interval == Interval(F(900), F(1100))
    flat = Tolerances(steps=None)
    assert figure_from("about $667,000", None, None, False, flat).interval == \
        Interval(F(600300), F(733700))
    wider = Tolerances(steps=20)
    assert figure_from("about $667,000", None, None, False, wider).interval == \
        Interval(F(647000), F(687000))


def test_rounded_reads_trailing_zeros_at_the_last_non_zero_digit_unless_told_the_place():
    assert figure_from("44,000", "people", None, True).interval == Interval.point(F(44000))
    assert figure_from("44,000", "people", "rounded", True).interval == \
        Interval(F(43500), F(44500), True, False)
    assert figure_from("44,000", "people", None, True, rounded_to=F(100)).interval == \
        Interval(F(43950), F(44050), True, False)
    assert figure_from("50%", None, None, False).interval == Interval(F(99, 2), F(101, 2), True, False)


@pytest.mark.parametrize("text,place", [("hundreds", 100), ("the nearest thousand", 1000),
                                        ("100", 100), ("0.1", F(1, 10)), ("tenths", F(1, 10))])
def test_rounding_places_are_read_in_words_and_digits(text, place):
    assert rounding_place(text) == place


@pytest.mark.parametrize("text", ["7", "banana", "0", "150"])
def test_a_rounding_place_that_is_not_a_power_of_ten_is_an_error(text):
    with pytest.raises(FigureError):
        rounding_place(text)


def test_multiples_tolerance_comes_from_settings():
    figure = figure_from("doubled", None, None, False, Tolerances(multiples=F(1, 100)))
    assert figure.interval == Interval(F(198, 100), F(202, 100))


@pytest.mark.parametrize("text", ["8-5", "between 9 and 3", "5%-banana"])
def test_a_range_that_cannot_be_read_says_it_is_a_range(text):
    with pytest.raises(FigureError, match=r"range|figure|number"):
        figure_from(text, None, None, False)


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


@pytest.mark.parametrize("text, says", [
    ("1e3", "uses an exponent"), ("2.5E6", "uses an exponent"),
    ("12 people", "'12 people' is not a number written with digits"),
    ("3 percentage points", "'3 percentage points' is not a number written with digits"),
    ("4 7", "is not a number written with digits"),
])
def test_an_unreadable_value_is_told_what_is_wrong_with_it(text, says):
    """"12 people" was said to use an exponent (an "e" anywhere after a digit was taken for
    one): only an exponent is said to be one."""
    with pytest.raises(FigureError, match=re.escape(says)):
        figure_from(text, None, None, False)

def test_hedge_and_precision_must_agree():
    with pytest.raises(FigureError):
        figure_from("about 40", None, "exact", False)


def test_fmt_is_exact_and_readable():
    assert fmt(F(1334000)) == "1,334,000"
    assert fmt(F(93, 2), "percent") == "46.5%"
    assert fmt(F(100, 3)) == "33.3333..."
    assert fmt(F(-5)) == "-5"


@pytest.mark.parametrize("value, unit, shown", [
    (F(3, 10), "USD", "$0.30"), (F(-3, 10), "USD", "-$0.30"), (F(-1234567, 100), "EUR", "-€12,345.67"),
    (F(1, 3), "GBP", "£0.3333..."), (F(-93, 2), "percent", "-46.5%"), (F(1, 20000), None, "0.0..."),
    (F(1, 10000), "km", "0.0001 km"), (F(-1, 3), "states", "-0.3333... states"), (F(0), "USD", "$0"),
    (F(7, 4), "1", "1.75"), (F(5), "date", "5"),
])
def test_fmt_writes_signs_symbols_and_cut_decimals(value, unit, shown):
    assert fmt(value, unit) == shown


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


def test_the_share_words_table_in_the_docs_is_what_the_code_reads():
    """docs/claims.md lists each share word's interval; every row must be what figure_from says."""
    import re
    from pathlib import Path

    from verify.values.numbers import fmt_interval
    text = (Path(__file__).resolve().parents[1] / "docs" / "claims.md").read_text(encoding="utf-8")
    table = text.split("**Share words.**", 1)[1].split("\n\n", 2)[1]
    rows = re.findall(r"^\| (`.+?) \| (?:about [^:]+: )?(\S+ \S+?) \|$", table, re.MULTILINE)
    assert len(rows) >= 9
    for words, allows in rows:
        for word in re.findall(r"`([^`]+)`", words):
            figure = figure_from(word, "percent", None, False)
            assert fmt_interval(figure.interval, "percent") == allows, word


def test_the_hedge_words_table_in_the_docs_is_what_the_code_reads():
    """docs/claims.md lists the hedge words by the precision they read as; the table and
    numbers.HEDGES (which extraction and the change-direction reader also read) are one list."""
    import re
    from pathlib import Path

    from verify.values.numbers import HEDGES
    text = (Path(__file__).resolve().parents[1] / "docs" / "claims.md").read_text(encoding="utf-8")
    table = text.split("| precision | words | allows (defaults) |", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `([a-z ]+)` \| ([a-z ,]+) \| ", table, re.MULTILINE)
    documented = {word.strip(): precision for precision, words in rows for word in words.split(",")}
    assert documented == HEDGES


@pytest.mark.parametrize("value, unit, shown", [
    (1, "states", "1 state"), (2, "states", "2 states"), (1, "miles", "1 mile"),
    (-1, "states", "-1 state"), (1, "km", "1 km"), (F(3, 2), "hours", "1.5 hours"),
    (1, "people", "1"), (1, "percent", "1%"),
])
def test_one_of_a_unit_is_written_in_the_singular(value, unit, shown):
    assert fmt(F(value), unit) == shown


def test_equal_tolerances_hash_alike_and_unequal_ones_differ():
    base = Tolerances()
    same = Tolerances(about=F(2, 20), nearly=F(1, 10), steps=5)
    assert same == base and hash(same) == hash(base)
    whole = Tolerances(about=F(1))
    assert whole == Tolerances(about=1) and hash(whole) == hash(Tolerances(about=1))
    assert replace(base, rounding="either") != base
    assert len({base, same, replace(base, rounding="either"), replace(base, steps=None)}) == 3
