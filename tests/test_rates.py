"""Property: averages, rates, frequencies and means printed rounded hold; pushed beyond rounding
they are errors (issue 15, item 3).

An average (total / count), a rate (per × count / population) and a frequency (a year over a
count, in minutes) computed exactly from generated figures and printed rounded half up (to
whole units or to tenths) are never reported at warning or error; the same figure printed one
step or more beyond its rounding is always an error, never passed.  An overall percent that
is a true weighted average of its groups' is never reported; one printed below every group by
more than their rounding always is."""
from math import floor

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from quicktions import Fraction

from verify import config
from verify.engine import check_file
from verify.model import Severity, Verdict

CONFIG = config.load([])
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
YEAR_MINUTES = 365 * 24 * 60


def _rounded(value: Fraction, decimals: int) -> Fraction:
    step = Fraction(1, 10 ** decimals)
    return floor(value / step + Fraction(1, 2)) * step


def _text(value: Fraction, decimals: int) -> str:
    whole, rest = divmod(value * 10 ** decimals, 10 ** decimals)
    text = f"{int(whole):,}"
    return text + (f".{int(rest):0{decimals}d}" if decimals else "")


@st.composite
def quotients(draw):
    """(kind, the figures' texts, the true value, decimals): an average, a rate or a frequency."""
    kind = draw(st.sampled_from(["average", "rate", "frequency"]))
    decimals = draw(st.sampled_from([0, 1]))
    if kind == "average":
        count = draw(st.integers(1, 500))
        total = draw(st.integers(count, 2_000_000))
        return kind, {"total": total, "count": count}, Fraction(total, count), decimals
    if kind == "rate":
        per = draw(st.sampled_from([1_000, 100_000]))
        population = draw(st.integers(1_000, 5_000_000))
        count = draw(st.integers(1, population))
        return (kind, {"count": count, "population": population, "per": per},
                Fraction(per * count, population), decimals)
    count = draw(st.integers(1, 2_000_000))
    return kind, {"count": count}, Fraction(YEAR_MINUTES, count), decimals


def _findings(tmp_path, kind: str, figures: dict, stated: str):
    if kind == "average":
        article = (f"The {figures['count']:,} schools teach {figures['total']:,} pupils, "
                   f"an average of {stated} each.")
        claims = [f'{{id: n, quote: "{figures["count"]:,} schools", measure: schools, '
                  f'value: "{figures["count"]:,}", unit: schools}}',
                  f'{{id: t, quote: "{figures["total"]:,} pupils", measure: pupils, '
                  f'value: "{figures["total"]:,}", unit: pupils}}',
                  f'{{id: r, quote: "an average of {stated}", measure: pupils per school, '
                  f'value: "{stated}", unit: pupils per school}}']
        relation = "{average: r, total: t, over: n}"
    elif kind == "rate":
        article = (f"There were {figures['count']:,} deaths among {figures['population']:,} "
                   f"residents, a rate of {stated} per {figures['per']:,}.")
        claims = [f'{{id: c, quote: "{figures["count"]:,} deaths", measure: deaths, '
                  f'value: "{figures["count"]:,}", unit: deaths}}',
                  f'{{id: p, quote: "{figures["population"]:,} residents", measure: residents, '
                  f'value: "{figures["population"]:,}", unit: people}}',
                  f'{{id: r, quote: "a rate of {stated}", measure: death rate, '
                  f'value: "{stated}", unit: deaths}}']
        relation = f'{{rate: r, of: c, population: p, per: "{figures["per"]:,}"}}'
    else:
        article = (f"Last year {figures['count']:,} people died, one death every {stated} "
                   "minutes.")
        claims = [f'{{id: c, quote: "{figures["count"]:,} people died", measure: deaths, '
                  f'value: "{figures["count"]:,}", unit: deaths}}',
                  f'{{id: r, quote: "every {stated} minutes", measure: time between deaths, '
                  f'value: "{stated}", unit: minutes}}']
        relation = "{frequency: r, of: c, period: 1 year}"
    return _run(tmp_path, article, claims, relation)


def _run(tmp_path, article: str, claims: list[str], relation: str):
    (tmp_path / "a.txt").write_text(article + "\n", encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text("sources: [{id: article, file: a.txt}]\nclaims:\n"
                    + "".join(f"  - {c}\n" for c in claims)
                    + f"relations:\n  - {relation}\n", encoding="utf-8")
    result = check_file(str(path), CONFIG)
    assert not [f for f in result.findings if f.rule == "input"], result.findings
    return result.findings


def _loud(findings):
    return [f for f in findings if f.severity >= Severity.WARNING and f.rule != "coverage"]


@SETTINGS
@given(case=quotients())
def test_a_quotient_printed_rounded_is_never_reported(tmp_path, case):
    kind, figures, value, decimals = case
    findings = _findings(tmp_path, kind, figures, _text(_rounded(value, decimals), decimals))
    assert _loud(findings) == []
    assert [f for f in findings if f.rule == kind and f.verdict is Verdict.HOLDS]


@SETTINGS
@given(case=quotients(), steps=st.integers(1, 3), up=st.booleans())
def test_a_quotient_pushed_beyond_rounding_is_always_an_error(tmp_path, case, steps, up):
    kind, figures, value, decimals = case
    step = Fraction(1, 10 ** decimals)
    pushed = _rounded(value, decimals) + (steps if up else -steps) * step
    if pushed <= 0:
        return
    findings = _loud(_findings(tmp_path, kind, figures, _text(pushed, decimals)))
    assert [(f.rule, f.severity, f.verdict) for f in findings] == \
        [(kind, Severity.ERROR, Verdict.CONTRADICTION)], findings


GROUPS = ["girls", "boys", "others"]


@st.composite
def means(draw):
    """(the groups' printed percents, the true overall percent, decimals)."""
    decimals = draw(st.sampled_from([0, 1]))
    sizes = draw(st.lists(st.integers(1, 5_000), min_size=2, max_size=3))
    passed = [draw(st.integers(0, n)) for n in sizes]
    overall = Fraction(100 * sum(passed), sum(sizes))
    groups = [_rounded(Fraction(100 * p, n), decimals) for p, n in zip(passed, sizes, strict=True)]
    return groups, overall, decimals


def _mean_findings(tmp_path, groups, overall: str, decimals: int):
    texts = [_text(g, decimals) + "%" for g in groups]
    names = GROUPS[:len(groups)]
    article = f"{overall}% of pupils passed: " + ", ".join(
        f"{t} of {n}" for t, n in zip(texts, names, strict=True)) + "."
    claims = [f'{{id: all, quote: "{overall}% of pupils", measure: pass rate, '
              f'scope: {{group: all}}, value: "{overall}%", unit: percent}}'] + [
        f'{{id: {n}, quote: "{t} of {n}", measure: pass rate, scope: {{group: {n}}}, '
        f'value: "{t}", unit: percent}}' for t, n in zip(texts, names, strict=True)]
    return _run(tmp_path, article, claims, f"{{mean: all, of: [{', '.join(names)}]}}")


@SETTINGS
@given(case=means())
def test_an_overall_rate_between_its_groups_is_never_reported(tmp_path, case):
    groups, overall, decimals = case
    findings = _mean_findings(tmp_path, groups, _text(_rounded(overall, decimals), decimals),
                              decimals)
    assert _loud(findings) == []


@SETTINGS
@given(case=means(), steps=st.integers(1, 3))
def test_an_overall_rate_below_every_group_beyond_rounding_is_an_error(tmp_path, case, steps):
    groups, _, decimals = case
    step = Fraction(1, 10 ** decimals)
    below = min(groups) - (steps + 1) * step       # its highest reading below the lowest group's
    if below < 0:
        return
    findings = _loud(_mean_findings(tmp_path, groups, _text(below, decimals), decimals))
    assert [(f.rule, f.severity) for f in findings] == [("mean", Severity.ERROR)], findings
