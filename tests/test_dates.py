"""Weekdays written with a day of the month (issue 12, item 3).

Property: a random date written in a common style (with or without its year, AP month
abbreviations) next to its true weekday holds; next to any other weekday it is an error
naming the claim.  And: impossible dates and misspelt weekdays are input errors at the claim.
"""
import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify import config
from verify.engine import check_file
from verify.model import Severity, Verdict
from verify.values import dates

CONFIG = config.load([])
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
AP = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
STYLES = (
    lambda d, m: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d, m: f"{AP[d.month - 1]} {d.day}, {d.year}",
    lambda d, m: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d, m: d.isoformat(),
    lambda d, m: f"{MONTHS[d.month - 1]} {d.day}",
    lambda d, m: f"{AP[d.month - 1]} {d.day}",
    lambda d, m: f"{d.day} {MONTHS[d.month - 1]}",
    lambda d, m: f"{MONTHS[d.month - 1]} {d.day}{m}",
)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


@st.composite
def written_days(draw):
    """(date, its words, the publication date): without a year, published within five
    months of it, so that the nearest such date around publication is the date itself."""
    day = draw(st.dates(datetime.date(1901, 1, 1), datetime.date(2098, 12, 31)))
    style = draw(st.sampled_from(STYLES))
    words = style(day, _suffix(day.day))
    published = day + datetime.timedelta(days=draw(st.integers(-150, 150)))
    return day, words, published


def _check(tmp_path, value: str, published: datetime.date, extra: str = ""):
    (tmp_path / "a.txt").write_text(f"It happened on {value}.\n", encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(f"sources: [{{id: article, file: a.txt, published: {published}}}]\n"
                    "claims:\n"
                    f'  - {{id: when, quote: "{value}", value: "{value}", unit: date{extra}}}\n',
                    encoding="utf-8")
    return check_file(str(path), CONFIG)


@SETTINGS
@given(written_days(), st.sampled_from((", ", " ")))
def test_a_date_with_its_true_weekday_holds(tmp_path, written, comma):
    day, words, published = written
    result = _check(tmp_path, f"{DAYS[day.weekday()]}{comma}{words}", published)
    assert not result.fatal, [f.message for f in result.findings]
    found = [f for f in result.findings if f.rule == "date"]
    assert [f.verdict for f in found] == [Verdict.HOLDS], [f.message for f in found]
    assert f"{day} is a {DAYS[day.weekday()]}" in found[0].arithmetic


@SETTINGS
@given(written_days(), st.integers(1, 6))
def test_a_date_with_another_weekday_is_an_error_naming_the_claim(tmp_path, written, off):
    day, words, published = written
    wrong = DAYS[(day.weekday() + off) % 7]
    result = _check(tmp_path, f"{wrong}, {words}", published)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert [(f.rule, f.claims) for f in errors] == [("date", ("when",))]
    assert f"{day} is a {DAYS[day.weekday()]}, not a {wrong}" in errors[0].message
    assert errors[0].location.line == 3


@SETTINGS
@given(written_days(), st.integers(1, 27))
def test_a_date_field_other_than_the_written_day_is_an_error(tmp_path, written, off):
    day, words, published = written
    other = day + datetime.timedelta(days=off)
    result = _check(tmp_path, f"{DAYS[day.weekday()]}, {words}", published, f", date: {other}")
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert [(f.rule, f.claims) for f in errors] == [("date", ("when",))]
    assert f"the value says {day} but date is {other}" in errors[0].message


def test_a_reading_without_a_year_is_named():
    """Published December 28: "Monday, Jan. 3" is the coming January 3."""
    (mention,) = dates.read("Monday, Jan. 3")
    assert (mention.name, mention.date.month, mention.date.day, mention.date.year) == ("Monday", 1, 3, None)
    assert dates.nearest(mention.date, datetime.date(2021, 12, 28)) == 2022
    assert dates.nearest(mention.date, datetime.date(2021, 6, 1)) == 2021


def test_each_weekday_pairs_with_the_date_beside_it():
    pairs = [(m.name, m.date and m.date.day) for m in
             dates.read("late Sunday night September 22 into Monday morning, September 23")]
    assert pairs == [("Sunday", 22), ("Monday", 23)]
    pairs = [(m.name, m.date and m.date.day) for m in dates.read("Thursday and Friday, August 26 and 27")]
    assert pairs == [("Thursday", 26), ("Friday", 27)]
    pairs = [(m.name, m.date and m.date.day) for m in dates.read("Thursday night into Friday morning")]
    assert pairs == [("Thursday", None), ("Friday", None)]


def _load_problems(tmp_path, value: str, unit: str = "date"):
    (tmp_path / "a.txt").write_text(f"On {value}.\n", encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text("sources: [{id: article, file: a.txt, published: 2023-03-01}]\n"
                    "claims:\n"
                    f"  - id: d\n    quote: On {value}\n    value: {value}\n    unit: {unit}\n",
                    encoding="utf-8")
    return check_file(str(path), CONFIG)


def test_an_impossible_date_is_an_input_error_at_the_value(tmp_path):
    result = _load_problems(tmp_path, "Monday, February 30, 2023")
    assert result.fatal
    (problem,) = result.findings
    assert (problem.rule, problem.verdict) == ("input", Verdict.INVALID)
    assert (problem.location.line, problem.location.col) == (5, 12)
    assert "February has no day 30 in 2023" in problem.message and "claim 'd'" in problem.message


def test_a_misspelt_weekday_is_an_input_error_with_a_guess(tmp_path):
    result = _load_problems(tmp_path, "Fridy", unit="weekday")
    assert result.fatal
    (problem,) = result.findings
    assert (problem.location.line, problem.location.col) == (5, 12)
    assert "'Fridy'" in problem.message and "did you mean 'Friday'?" in problem.message


def test_words_that_are_not_misspelt_weekdays_are_left_alone():
    assert dates.problems("Thursday night into Friday morning, Tues., Mondays, money, Saturn") == []


def test_a_long_hostile_value_is_read_in_linear_time():
    """A value may hold 20,000 characters (limits.string_chars): "1, 1, 1, ..." once took 40 s."""
    import time
    for value in ("1, " * 6600, "March " + "1 and " * 3300, "Monday " * 2800, "2021-01-01 " * 1800):
        start = time.monotonic()
        dates.read(value)
        dates.problems(value)
        assert time.monotonic() - start < 2, value[:20]
