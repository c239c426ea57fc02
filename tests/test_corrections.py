"""Corrections: a source that corrects another (`corrects:`) and what it says was printed before
(`earlier: true`).

Properties: a corrected total that agrees with its parts gives no error whatever the published
total was; a corrected total that does not is an error naming it, even when the published
total agreed (a replaced figure never makes a check pass); what a note says was printed is an
error exactly when it is not what was printed.  The loader's mistakes are located,
with a did-you-mean; a correction of a correction uses the latest figure.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify import config
from verify.engine import check_file
from verify.model import FileResult, Finding, Severity

CONFIG = config.load([])
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(folder: Path, claims: str, sources: dict[str, str], extra: str = "") -> FileResult:
    """Write the sources ({id: "text" or "text|corrects"}) and a claims file, and check it."""
    listed = []
    for source_id, text in sources.items():
        body, _, corrects = text.partition("|")
        (folder / f"{source_id}.txt").write_text(body + "\n", encoding="utf-8")
        listed.append(f"  - {{id: {source_id}, file: {source_id}.txt"
                      + (f", corrects: {corrects}" if corrects else "") + "}\n")
    path = folder / "claims.yaml"
    path.write_text("sources:\n" + "".join(listed) + "claims:\n" + claims + extra, encoding="utf-8")
    return check_file(str(path), CONFIG)


def _loud(result: FileResult) -> list[Finding]:
    return [f for f in result.findings if f.severity >= Severity.WARNING and f.rule != "coverage"]


TOTALS = """\
  - {id: total, source: article, quote: "arrested %s people", measure: arrested, value: "%s", unit: people}
  - {id: ames, source: article, quote: "%s in Ames", measure: arrested, scope: {town: Ames},
     value: "%s", unit: people}
  - {id: boone, source: article, quote: "%s in Boone", measure: arrested, scope: {town: Boone},
     value: "%s", unit: people}
  - {id: fixed, source: note, quote: "arrested %s people in all", measure: arrested, value: "%s",
     unit: people}
breakdowns:
  - {dimension: town, whole: county, parts: [Ames, Boone]}
"""


def _totals(folder: Path, published: int, ames: int, boone: int, corrected: int) -> FileResult:
    claims = TOTALS % (published, published, ames, ames, boone, boone, corrected, corrected)
    return _check(folder, claims, {
        "article": f"Police arrested {published} people, {ames} in Ames and {boone} in Boone.",
        "note": f"Correction: police arrested {corrected} people in all.|article"})


@SETTINGS
@given(ames=st.integers(0, 5000), boone=st.integers(0, 5000), published=st.integers(0, 20000))
def test_a_corrected_total_that_agrees_gives_no_error_whatever_was_published(
        tmp_path: Path, ames: int, boone: int, published: int) -> None:
    result = _totals(tmp_path, published, ames, boone, ames + boone)
    assert _loud(result) == [], result.findings
    replaced = [f for f in result.findings if f.rule == "correction" and "replaced" in f.message]
    assert bool(replaced) == (published != ames + boone)


@SETTINGS
@given(ames=st.integers(0, 5000), boone=st.integers(0, 5000), off=st.integers(1, 300),
       sign=st.sampled_from([1, -1]), published_agrees=st.booleans())
def test_a_corrected_total_that_disagrees_is_an_error_naming_it(
        tmp_path: Path, ames: int, boone: int, off: int, sign: int, published_agrees: bool) -> None:
    corrected = ames + boone + sign * off
    if corrected < 0:
        corrected = ames + boone + off
    published = ames + boone if published_agrees else corrected
    result = _totals(tmp_path, published, ames, boone, corrected)
    errors = [f for f in _loud(result) if f.severity is Severity.ERROR]
    assert errors and all("fixed" in f.claims and "total" not in f.claims for f in errors), \
        result.findings
    assert not [f for f in result.findings if "settles" in f.message]


def test_a_correction_of_a_correction_uses_the_latest_figure(tmp_path: Path) -> None:
    claims = """\
  - {id: before, source: article, quote: "from $800", measure: rent, scope: {year: "2015"},
     value: $800, unit: USD}
  - {id: after, source: article, quote: "to $2,000", measure: rent, scope: {year: "2024"},
     value: "$2,000", unit: USD}
  - {id: rise, source: article, quote: a rise of 250%, measure: rent rise, value: 250%, unit: percent}
  - {id: rise-2, source: v2, quote: a rise of 200%, measure: rent rise, value: 200%, unit: percent}
  - {id: rise-3, source: v3, quote: a rise of 150%, measure: rent rise, value: 150%, unit: percent}
relations:
  - {change: rise, from: before, to: after}
"""
    result = _check(tmp_path, claims, {
        "article": "Rent went from $800 to $2,000, a rise of 250%.",
        "v2": "Rent went from $800 to $2,000, a rise of 200%.|article",
        "v3": "Rent went from $800 to $2,000, a rise of 150%.|v2"})
    assert _loud(result) == [], result.findings
    held = [f for f in result.findings if f.rule == "change"]
    assert held and all(set(f.claims) == {"rise-3", "before", "after"} for f in held)
    settled = [f for f in result.findings if "settles" in f.message]
    assert settled and all("rise" in f.claims and "rise-3" in f.claims for f in settled)


def _input(result: FileResult) -> list[str]:
    assert result.fatal
    return [f"{f.location.line}:{f.location.col} {f.message}" for f in result.findings
            if f.rule == "input"]


def test_a_correction_naming_an_unknown_source_is_located_with_a_guess(tmp_path: Path) -> None:
    claims = "  - {id: a, source: article, quote: arrested 4 people, value: \"4\", unit: people}\n"
    found = _input(_check(tmp_path, claims, {"article": "Police arrested 4 people.",
                                             "note": "Police arrested 5 people.|artcle"}))
    assert len(found) == 1 and found[0].startswith("3:42 ") and "did you mean 'article'?" in found[0]


def test_sources_correcting_themselves_or_in_a_circle_are_refused(tmp_path: Path) -> None:
    claims = "  - {id: a, source: article, quote: arrested 4 people, value: \"4\", unit: people}\n"
    found = _input(_check(tmp_path, claims, {"article": "Police arrested 4 people.|note",
                                             "note": "Police arrested 5 people.|article",
                                             "self": "Police arrested 6 people.|self"}))
    circles = [f for f in found if "circle" in f]     # one circle, reported once
    assert len(circles) == 1 and circles[0].startswith("2:48 "), found
    assert "(article -> note -> article)" in circles[0]
    assert any(f.startswith("4:42 ") and "corrects itself" in f for f in found), found


def test_an_earlier_figure_belongs_to_a_correction_and_no_relation_uses_it(tmp_path: Path) -> None:
    claims = """\
  - {id: a, source: article, quote: arrested 4 people, measure: arrested, value: "4", unit: people}
  - {id: b, source: article, quote: 2 in Ames, measure: arrested in Ames, value: "2", unit: people,
     earlier: true}
relations:
  - {subset: b, of: a}
"""
    found = _input(_check(tmp_path, claims, {"article": "Police arrested 4 people, 2 in Ames."}))
    assert any(f.startswith("6:15 ") and "corrects no other" in f for f in found), found
    assert any(f.startswith("8:5 ") and "names claim 'b', which gives what an earlier version "
               "said" in f for f in found), found


def test_a_replaced_figure_is_marked_replaced_never_verified(tmp_path: Path) -> None:
    result = _totals(tmp_path, 30, 10, 20, 30)          # the note restates the total unchanged
    assert {m.text: m.status for m in result.marks if m.source == "article"}["30"] == "replaced"
    result = _totals(tmp_path, 25, 10, 20, 30)          # published 25 was wrong; settled
    statuses = {(m.source, m.text): m.status for m in result.marks}
    assert statuses[("article", "25")] == "replaced" and statuses[("note", "30")] == "verified"
    assert [f for f in result.findings if "settles" in f.message and "total" in f.claims]


@SETTINGS
@given(published=st.integers(1, 999), said=st.integers(1, 999))
def test_an_earlier_figure_is_an_error_exactly_when_it_is_not_what_was_published(
        tmp_path: Path, published: int, said: int) -> None:
    claims = f"""\
  - {{id: rise, source: article, quote: rose {published}%, measure: rise, value: "{published}%",
     unit: percent}}
  - {{id: was, source: note, quote: said {said}%, measure: rise, value: "{said}%", unit: percent,
     earlier: true}}
  - {{id: fixed, source: note, quote: it rose 5%, measure: rise, value: 5%, unit: percent}}
"""
    result = _check(tmp_path, claims, {"article": f"Rents rose {published}%.",
                                       "note": f"An earlier version said {said}%; it rose 5%.|article"})
    errors = [f for f in _loud(result) if f.rule == "correction"]
    assert [set(f.claims) for f in errors] == ([] if said == published else [{"was", "rise"}])
