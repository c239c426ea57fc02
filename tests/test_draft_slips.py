"""Modelling slips are warnings, located, with a did-you-mean (issue 16, item 4)."""
from __future__ import annotations

from pathlib import Path

from verify import config
from verify.engine import check_file

TEXT = ("Police arrested 102 people in all. Kentucky had 46 arrests and Iowa 11 arrests.\n"
        "Texas paid $5,000.\n")
HEAD = """version: 1
sources:
  - id: article
    file: a.txt
breakdowns:
  - dimension: place
    whole: all states
    parts: [Kentucky, Iowa, Texas]
claims:
  - id: total
    quote: arrested 102 people
    measure: arrested
    scope: {place: all states}
    value: 102
    unit: people
"""


def _check(tmp_path: Path, claims: str):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(HEAD + claims, encoding="utf-8")
    result = check_file(str(path), config.load([]))
    assert not result.fatal
    return [f for f in result.findings if f.rule == "input" and f.severity.label == "warning"]


KENTUCKY = """  - id: kentucky
    quote: Kentucky had 46 arrests
    measure: {measure}
    scope: {{place: {place}}}
    value: 46
    unit: {unit}
"""


def test_a_measure_used_once_near_another_is_named_with_it(tmp_path):
    (warning,) = _check(tmp_path, KENTUCKY.format(measure="arrestd", place="Kentucky", unit="people"))
    assert "'arrestd'" in warning.message and "did you mean 'arrested'" in warning.message
    assert warning.claims == ("kentucky",)
    assert (warning.location.line, warning.location.path.endswith("c.yaml")) == (16, True)


def test_two_measures_used_once_each_are_one_warning_naming_both(tmp_path):
    claims = KENTUCKY.format(measure="arrestd", place="Kentucky", unit="people").replace(
        "measure: arrestd", "measure: arrests") + \
        KENTUCKY.format(measure="arrestd", place="Iowa", unit="people").replace(
            "id: kentucky", "id: iowa").replace("Kentucky had 46 arrests", "Iowa 11 arrests").replace(
            "value: 46", "value: 11")
    claims = claims.replace("measure: arrests", "measure: arrestd")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(HEAD.replace("measure: arrested", "measure: held") + claims,
                                     encoding="utf-8")
    result = check_file(str(tmp_path / "c.yaml"), config.load([]))
    assert [f for f in result.findings if "did you mean" in f.message] == []    # arrestd twice
    (tmp_path / "c.yaml").write_text(HEAD + KENTUCKY.format(measure="arrestd", place="Kentucky",
                                                            unit="people"), encoding="utf-8")
    result = check_file(str(tmp_path / "c.yaml"), config.load([]))
    (warning,) = [f for f in result.findings if "did you mean" in f.message]
    assert warning.claims == ("kentucky",)


def test_a_scope_value_in_no_breakdown_close_to_a_part(tmp_path):
    claims = KENTUCKY.format(measure="arrested", place="Kentuky", unit="people")
    (warning,) = _check(tmp_path, claims.replace("{place:", "{state:"))
    assert "'Kentuky'" in warning.message and "did you mean 'Kentucky'" in warning.message
    assert warning.claims == ("kentucky",) and warning.location.line == 16


def test_in_a_dimension_with_breakdowns_the_loader_refuses_it(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(HEAD + KENTUCKY.format(measure="arrested", place="Kentuky",
                                                            unit="people"), encoding="utf-8")
    result = check_file(str(tmp_path / "c.yaml"), config.load([]))
    assert result.fatal and "did you mean 'Kentucky'" in result.findings[0].message


def test_one_measure_in_units_of_different_dimensions(tmp_path):
    claims = KENTUCKY.format(measure="arrested", place="Kentucky", unit="people") + """  - id: texas
    quote: Texas paid $5,000
    measure: arrested
    scope: {place: Texas}
    value: $5,000
    unit: USD
"""
    (warning,) = _check(tmp_path, claims)
    assert warning.claims == ("texas",) and "USD" in warning.message and "people" in warning.message


def test_a_file_without_slips_has_no_such_warning(tmp_path):
    claims = KENTUCKY.format(measure="arrested", place="Kentucky", unit="people") + """  - id: iowa
    quote: Iowa 11 arrests
    measure: arrested
    scope: {place: Iowa}
    value: 11
    unit: people
"""
    assert _check(tmp_path, claims) == []


def test_a_line_still_marked_guessed_is_a_warning_until_the_comment_goes(tmp_path):
    claims = KENTUCKY.format(measure="arrested   # guessed from \"46 arrests\"", place="Kentucky",
                             unit="people")
    (warning,) = _check(tmp_path, claims)
    assert "guessed" in warning.message and (warning.location.line, warning.location.col) == (18, 25)
    assert _check(tmp_path, KENTUCKY.format(measure="arrested", place="Kentucky", unit="people")) == []


def test_the_seed_and_examples_have_no_slips():
    root = Path(__file__).resolve().parent.parent
    files = [root / "claims" / "operation-united-front.yaml"] + sorted((root / "examples").rglob("*.yaml"))
    for path in files:
        result = check_file(str(path), config.load([]))
        assert not [f for f in result.findings if "did you mean" in f.message or "guessed" in f.message], path


def test_two_measures_a_word_apart_are_no_slip(tmp_path):
    """'not arrested' beside 'arrested' (or 'new roads budget' beside 'road budget') are two
    measures, not one misspelt: difflib finds them close, but four typed characters part them."""
    warnings = _check(tmp_path, KENTUCKY.format(measure="not arrested", place="Kentucky",
                                                unit="people"))
    assert [w for w in warnings if "did you mean" in w.message] == []


def test_the_slip_warning_is_the_same_whatever_the_order_of_the_claims(tmp_path):
    """Two measures used once each: the warning stands at the one more likely misspelt, by its
    words, and names the other's claims in sorted order; the file's order plays no part."""
    one = KENTUCKY.format(measure="arrestd", place="Kentucky", unit="people")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    found = []
    for claims in (HEAD + one, HEAD.split("claims:\n")[0] + "claims:\n" + one
                   + HEAD.split("claims:\n")[1]):
        (tmp_path / "c.yaml").write_text(claims, encoding="utf-8")
        result = check_file(str(tmp_path / "c.yaml"), config.load([]))
        found.append([(f.claims, f.message) for f in result.findings if "did you mean" in f.message])
    assert found[0] == found[1] == [(("kentucky",), found[0][0][1])]
    assert "did you mean 'arrested'" in found[0][0][1]
