"""Every relation kind, every role that names claims, every kind of claim: the loader either
accepts the claim in that role or says where and why not (exit 2), and nothing reaches a rule
it would crash (issue 12, item 5).  What each role accepts is schema.RELATIONS' `accepts`."""
import re
from pathlib import Path

import pytest

from verify.load import schema

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = ("Cases rose from 200 to 230, up 15%. Sales doubled. 12 people came on Friday, "
           "2021-08-27, at 3 p.m.; 40 left. Iowa and Ohio joined. Two states, Utah and Idaho, "
           "signed.\n")
# The claims every relation is built from: quantities in people.
BASE = """\
  - {id: a, quote: from 200, measure: cases, scope: {year: before}, value: "200", unit: people}
  - {id: b, quote: to 230, measure: cases, scope: {year: after}, value: "230", unit: people}
  - {id: c, quote: 40 left, measure: left, value: "40", unit: people}
  - {id: d, quote: "Friday, 2021-08-27", value: "Friday, 2021-08-27", unit: date}
"""
# The claim tried in each role, of every kind the claims language has: (its kinds, its fields).
PROBES = {
    "people": ({"quantity"}, 'quote: 12 people, measure: came, value: "12", unit: people'),
    "percent": ({"quantity"}, "quote: up 15%, measure: change in cases, value: 15%, unit: percent"),
    "multiple": ({"quantity"}, "quote: Sales doubled, measure: change in sales, value: doubled"),
    "weekday": ({"weekday"}, "quote: on Friday, value: Friday, unit: weekday, date: 2021-08-27"),
    "date": ({"date"}, "quote: 2021-08-27, value: 2021-08-27, unit: date"),
    "time": ({"time"}, "quote: at 3 p.m., value: 3 p.m., unit: time"),
    "list": ({"list"}, "quote: Iowa and Ohio, items: [Iowa, Ohio]"),
    "counted list": ({"quantity", "list"},
                     'quote: "Two states, Utah and Idaho", measure: states, value: Two, unit: states, '
                     "items: [Utah, Idaho]"),
}
# Each relation kind with every claim role filled by quantities; PROBE marks the role tried.
RELATIONS = {
    ("same", "same"): "{same: [a, PROBE]}",
    ("sum", "sum"): "{sum: PROBE, parts: [a, b]}",
    ("sum", "parts"): "{sum: a, parts: [b, PROBE]}",
    ("subset", "subset"): "{subset: PROBE, of: a}",
    ("subset", "of"): "{subset: a, of: PROBE}",
    ("count", "count"): "{count: PROBE, items: [Iowa, Ohio]}",
    ("count", "items"): "{count: c, items: [Utah, PROBE]}",
    ("share", "share"): "{share: PROBE, part: a, whole: b}",
    ("share", "part"): "{share: c, part: PROBE, whole: b}",
    ("share", "whole"): "{share: c, part: a, whole: PROBE}",
    ("share", "minus"): "{share: c, part: a, whole: [a, b], minus: PROBE}",
    ("average", "average"): "{average: PROBE, total: a, over: c}",
    ("average", "total"): "{average: c, total: PROBE, over: b}",
    ("average", "over"): "{average: c, total: a, over: PROBE}",
    ("rate", "rate"): "{rate: PROBE, of: a, population: b, per: 1000}",
    ("rate", "of"): "{rate: c, of: [a, PROBE], population: b}",
    ("rate", "population"): "{rate: c, of: a, population: PROBE}",
    ("frequency", "frequency"): "{frequency: PROBE, of: a, period: 1 year}",
    ("frequency", "of"): "{frequency: c, of: PROBE, period: 24 hours}",
    ("mean", "mean"): "{mean: PROBE, of: [a, b]}",
    ("mean", "of"): "{mean: a, of: [b, PROBE]}",
    ("change", "change"): "{change: PROBE, from: a, to: b}",
    ("change", "from"): "{change: c, from: PROBE, to: b}",
    ("change", "to"): "{change: c, from: a, to: PROBE}",
    ("rank", "claim"): "{rank: most, claim: PROBE, among: [a, b]}",
    ("rank", "among"): "{rank: most, claim: a, among: [b, PROBE]}",
    ("rank", "than"): "{rank: more, claim: a, than: PROBE}",
    ("elapsed", "from"): "{elapsed: 1 day, from: PROBE, to: d}",
    ("elapsed", "to"): "{elapsed: 1 day, from: d, to: PROBE}",
}
CASES = [(kind, role, probe) for kind, role in RELATIONS for probe in PROBES]


def _claims_file(tmp_path, relation: str, probe: str):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text("sources:\n  - {id: article, file: article.txt, published: 2021-08-28}\n"
                    f"claims:\n{BASE}  - {{id: probe, {PROBES[probe][1]}}}\n"
                    f"relations:\n  - {relation.replace('PROBE', 'probe')}\n", encoding="utf-8")
    return path


def test_every_role_that_names_claims_is_tried():
    claim_roles = {(kind, role) for kind, roles in schema.RELATIONS.items()
                   for role, spec in roles.items() if spec.accepts}
    assert claim_roles == set(RELATIONS)
    assert {kind for kind, _ in RELATIONS} == set(schema.RELATIONS)
    # every role typed as claim ids says what it accepts
    assert all(spec.accepts for roles in schema.RELATIONS.values() for spec in roles.values()
               if spec.type in ("id", "ids", "among"))
    assert {k for kinds, _ in PROBES.values() for k in kinds} == set(schema.CLAIM_KINDS)


@pytest.mark.parametrize("kind,role,probe", CASES, ids=[f"{k}.{r}.{p}" for k, r, p in CASES])
def test_a_claim_in_a_role_is_checked_or_refused_where_it_stands(run, tmp_path, kind, role, probe):
    path = _claims_file(tmp_path, RELATIONS[kind, role], probe)
    code, out, err = run("check", str(path))
    assert "internal error" not in out + err and "Traceback" not in out + err, out + err
    accepted = bool(PROBES[probe][0] & schema.RELATIONS[kind][role].accepts)
    assert code in ((0, 1) if accepted else (2,)), out + err
    refusals = re.findall(r"^(\S+):(\d+):(\d+): error input (.*'probe' is .*)$", out, re.M)
    if accepted:
        assert not refusals, out
        return
    assert len(refusals) == 1, out
    where, line, col, message = refusals[0]
    assert where == str(path)
    # located at the claim id in the relation, which is on the relation's line
    assert path.read_text().splitlines()[int(line) - 1][int(col) - 1:].startswith("probe")
    assert f"a {kind}'s '{role}'" in message


def test_change_refuses_a_weekday_and_a_list_and_says_what_it_needs(run, tmp_path):
    for probe, said in (("weekday", "is a weekday"), ("list", "is a list")):
        path = _claims_file(tmp_path, RELATIONS["change", "from"], probe)
        code, out, _ = run("check", str(path))
        assert code == 2
        assert said in out and "a change's 'from' needs a quantity" in out


def test_count_items_take_names_and_list_claims_not_other_claims(run, tmp_path):
    path = _claims_file(tmp_path, RELATIONS["count", "items"], "list")
    assert run("check", str(path))[0] in (0, 1)
    path = _claims_file(tmp_path, RELATIONS["count", "items"], "people")
    code, out, _ = run("check", str(path))
    assert code == 2 and "is a quantity" in out and "list claim" in out


def test_a_claim_with_neither_value_nor_items_is_refused_where_it_stands(run, tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text("sources:\n  - {id: article, file: article.txt}\nclaims:\n"
                    f"{BASE}  - {{id: probe, quote: 12 people}}\n"
                    "relations:\n  - {sum: probe, parts: [a, b]}\n", encoding="utf-8")
    code, out, _ = run("check", str(path))
    assert code == 2
    line = len(BASE.splitlines()) + 4       # after sources:, its source, claims: and BASE
    assert re.search(rf"^\S+:{line}:5: error input claim 'probe' has neither 'value' nor 'items'",
                     out, re.M)


def test_a_list_claim_with_no_items_is_refused_not_counted_as_a_name(run, tmp_path):
    # counted as the name "probe", it would make "Two states" hold with one name given
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text("sources:\n  - {id: article, file: article.txt}\nclaims:\n"
                    "  - {id: n, quote: Two states, measure: states, value: Two, unit: states}\n"
                    "  - {id: probe, quote: Iowa and Ohio, items: []}\n"
                    "relations:\n  - {count: n, items: [Iowa, probe]}\n", encoding="utf-8")
    code, out, _ = run("check", str(path))
    assert code == 2
    col = path.read_text().splitlines()[4].index("[]") + 1
    assert re.search(rf"^\S+:5:{col}: error input claim 'probe' lists no items", out, re.M), out


def test_the_claims_language_lists_what_each_role_takes():
    text = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    table = text.split("Which claims each role takes:", 1)[1].split("\n\n")[1]
    documented = {}
    for row in table.splitlines()[2:]:
        kind, roles, take = (cell.strip() for cell in row.strip("|").split("|"))
        kinds = {"quantity"} if take == "quantities" else {"list"} if "list claims" in take else \
            {"date", "weekday"} if take == "dates and weekdays" else set()
        for role in re.findall(r"`(\w+)`", roles):
            documented[kind, role] = kinds
    assert documented == {(kind, role): set(spec.accepts) for kind, roles in
                          schema.RELATIONS.items() for role, spec in roles.items() if spec.accepts}


@pytest.mark.parametrize("probe", list(PROBES))
def test_elapsed_names_a_claim_of_any_kind_or_a_duration_and_never_crashes(run, tmp_path, probe):
    # `elapsed:` is a claim id or a duration ("1 day"): a claim with no figure in days, weeks,
    # months or years is reported at the relation (invalid), not passed, never a traceback
    path = _claims_file(tmp_path, "{elapsed: PROBE, from: d}", probe)
    code, out, err = run("check", str(path))
    assert "internal error" not in out + err and "Traceback" not in out + err, out + err
    assert code == 1, out + err
    assert re.search(r"error elapsed .*(states no figure|counted in days, weeks, months or years)",
                     out), out


def test_elapsed_refuses_a_name_that_is_neither_a_claim_nor_a_duration(run, tmp_path):
    """The loader says it, where the name stands, with the claim id it is closest to: a
    misspelt id is an input error (exit 2), not a check that fails."""
    path = _claims_file(tmp_path, "{elapsed: prboe, from: d}", "people")
    code, out, _ = run("check", str(path))
    assert code == 2, out
    assert re.search(r"claims\.yaml:\d+:\d+: error input elapsed relation .* gives 'prboe', which is "
                     r"neither a claim of this file nor a length of time; expected a claim id "
                     r"\(did you mean 'probe'\?\)", out), out
