"""Elapsed time by the calendar (issue 15, item 4).

Properties, against counts made here another way (day numbers, and the anniversary date that
has or has not come): between random event and publication dates the true number of days,
full years and calendar years holds, and one more or one fewer is an error naming the claims;
a date written as a month only holds for every day of it, none, or some (then a warning that
names the days that fit), exactly as counting each day of the month says.
"""
import datetime

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from verify import config
from verify.engine import check_file
from verify.model import Severity, Verdict

CONFIG = config.load([])
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
DAYS = st.dates(datetime.date(1600, 1, 1), datetime.date(2400, 12, 31))


def _written(day: datetime.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _full_years(a: datetime.date, b: datetime.date) -> int:
    """The most years n whose anniversary (a's month and day in year a.year + n) is on or
    before b; a is never February 29 here."""
    n = b.year - a.year
    while datetime.date(a.year + n, a.month, a.day) > b:
        n -= 1
    return n


def _check(tmp_path, start: str, figure: int, unit: str, published: datetime.date, form=""):
    (tmp_path / "a.txt").write_text(f"It began {start}; {figure} {unit} have passed.\n",
                                    encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(f"sources: [{{id: article, file: a.txt, published: {published}}}]\n"
                    "claims:\n"
                    f'  - {{id: began, quote: "{start}", value: "{start}", unit: date}}\n'
                    f'  - {{id: span, quote: "{figure} {unit}", measure: time since, '
                    f'value: "{figure}", unit: {unit}}}\n'
                    f"relations:\n  - {{elapsed: span, from: began{form}}}\n", encoding="utf-8")
    result = check_file(str(path), CONFIG)
    assert not result.fatal, [f.message for f in result.findings]
    return [f for f in result.findings if f.rule == "elapsed"]


@SETTINGS
@given(DAYS, st.integers(0, 40000), st.sampled_from((-1, 0, 1)))
def test_days_between_an_event_and_publication(tmp_path, start, gap, off):
    published = start + datetime.timedelta(days=gap)
    assume(published.year <= 9999)
    true = published.toordinal() - start.toordinal()
    assume(true + off >= 0)
    (found,) = _check(tmp_path, _written(start), true + off, "days", published)
    if off == 0:
        assert found.verdict is Verdict.HOLDS, found.message
        assert f"{published} - {start} = {true} day" in found.arithmetic[0]
    else:
        assert (found.severity, found.verdict) == (Severity.ERROR, Verdict.CONTRADICTION)
        assert set(found.claims) == {"span", "began"}


@SETTINGS
@given(DAYS, st.integers(0, 36500), st.sampled_from((-1, 0, 1)))
def test_full_years_an_age_or_years_since(tmp_path, start, gap, off):
    assume((start.month, start.day) != (2, 29))
    published = start + datetime.timedelta(days=gap)
    true = _full_years(start, published)
    assume(true + off >= 0)
    (found,) = _check(tmp_path, _written(start), true + off, "years", published)
    if off == 0:
        assert found.verdict is Verdict.HOLDS, found.message
    else:
        assert (found.severity, found.verdict) == (Severity.ERROR, Verdict.CONTRADICTION), found.message
        assert f"is {true} year" in found.message


@SETTINGS
@given(DAYS, st.integers(0, 36500), st.sampled_from((-1, 0, 1)))
def test_calendar_years_an_anniversary(tmp_path, start, gap, off):
    published = start + datetime.timedelta(days=gap)
    true = published.year - start.year
    assume(true + off >= 0)
    (found,) = _check(tmp_path, _written(start), true + off, "years", published, ", as: calendar")
    expected = Verdict.HOLDS if off == 0 else Verdict.CONTRADICTION
    assert found.verdict is expected, found.message


@SETTINGS
@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(0, 120), st.integers(-2, 2))
def test_a_month_only_date_holds_for_every_day_none_or_some(tmp_path, year, month, after, off):
    first = datetime.date(year, month, 1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    published = first + datetime.timedelta(days=after)
    span = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    counts = [published.toordinal() - d.toordinal() for d in span]
    figure = counts[-1] + off
    assume(figure >= 0)
    (found,) = _check(tmp_path, f"{MONTHS[month - 1]} {year}", figure, "days", published)
    fits = [d for d, n in zip(span, counts, strict=True) if n == figure]
    if len(fits) == len(span):
        assert found.verdict is Verdict.HOLDS
    elif not fits:
        assert (found.severity, found.verdict) == (Severity.ERROR, Verdict.CONTRADICTION)
    else:
        assert (found.severity, found.verdict) == (Severity.WARNING, Verdict.CONDITIONAL)
        assert f"was {fits[0]}" in found.message


def test_a_leap_day_birthday_is_a_question_on_february_28(tmp_path):
    (found,) = _check(tmp_path, "February 29, 2000", 21, "years", datetime.date(2021, 2, 28))
    assert (found.severity, found.verdict) == (Severity.WARNING, Verdict.CONDITIONAL)
    (found,) = _check(tmp_path, "February 29, 2000", 21, "years", datetime.date(2021, 3, 1))
    assert found.verdict is Verdict.HOLDS
    (found,) = _check(tmp_path, "February 29, 2000", 21, "years", datetime.date(2021, 2, 27))
    assert found.verdict is Verdict.CONTRADICTION
