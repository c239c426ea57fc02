"""Property: a hedge on a figure the arithmetic starts from never makes a check pass.

A share computed from the printed part and whole holds exactly when it rounds to the stated
percent; when it does not, a hedge on the part ("about 667,000") may make the finding a "holds
only if" warning or leave it an error, but never a pass.  Same for a sum's hedged part."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from quicktions import Fraction

from verify import config
from verify.engine import check_file
from verify.model import Verdict

CONFIG = config.load([])
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _verdicts(tmp_path, article: str, claims: str, relations: str, rule: str):
    (tmp_path / "a.txt").write_text(article + "\n", encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text("sources: [{id: article, file: a.txt}]\nclaims:\n" + claims +
                    "relations:\n" + relations, encoding="utf-8")
    result = check_file(str(path), CONFIG)
    assert not [f for f in result.findings if f.rule == "input"], result.findings
    return [f.verdict for f in result.findings if f.rule == rule]


@SETTINGS
@given(whole=st.integers(200, 20000), part_share=st.integers(1, 99), stated=st.integers(1, 99),
       hedge=st.sampled_from(["about", "nearly", "just over", "roughly", "almost"]))
def test_a_hedged_part_never_makes_a_share_pass(tmp_path, whole, part_share, stated, hedge):
    part = max(whole * part_share // 100, 50)     # "nearly 2" people would be no count at all
    printed = Fraction(100 * part, whole)
    article = f"Of {whole:,} voters, {hedge} {part:,} said yes, {stated}%."
    claims = (f'  - {{id: w, quote: "{whole:,} voters", measure: voters, value: "{whole:,}", unit: people}}\n'
              f'  - {{id: p, quote: "{hedge} {part:,} said yes", measure: yes, '
              f'value: "{hedge} {part:,}", unit: people}}\n'
              f'  - {{id: s, quote: "{stated}%", measure: share yes, value: "{stated}%", unit: percent}}\n')
    verdicts = _verdicts(tmp_path, article, claims, "  - {share: s, part: p, whole: w}\n", "share")
    as_printed = stated - Fraction(1, 2) <= printed < stated + Fraction(1, 2)
    assert verdicts == [Verdict.HOLDS] if as_printed else Verdict.HOLDS not in verdicts, \
        (article, verdicts)


@SETTINGS
@given(a=st.integers(1, 5000), b=st.integers(1, 5000), off=st.integers(-300, 300),
       hedge=st.sampled_from(["about", "roughly", "around"]))
def test_a_hedged_part_never_makes_a_sum_pass(tmp_path, a, b, off, hedge):
    total = a + b + off
    if total < 1:
        return
    article = f"Police arrested {total:,} people: {hedge} {a:,} in Ames and {b:,} in Boone."
    claims = (f'  - {{id: t, quote: "arrested {total:,} people", measure: arrested, '
              f'value: "{total:,}", unit: people}}\n'
              f'  - {{id: a, quote: "{hedge} {a:,} in Ames", measure: arrested, scope: {{place: Ames}}, '
              f'value: "{hedge} {a:,}", unit: people}}\n'
              f'  - {{id: b, quote: "{b:,} in Boone", measure: arrested, scope: {{place: Boone}}, '
              f'value: "{b:,}", unit: people}}\n')
    verdicts = _verdicts(tmp_path, article, claims, "  - {sum: t, parts: [a, b]}\n", "sum")
    verdicts += _verdicts(tmp_path, article, claims, "  - {sum: t, parts: [a, b]}\n", "solve")
    assert (verdicts == [Verdict.HOLDS]) if off == 0 else Verdict.HOLDS not in verdicts, \
        (article, verdicts)
