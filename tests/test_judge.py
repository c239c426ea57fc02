"""The judge: every linear check from one model of the article's quantities; a conflict no pair
of claims shows, its minimal set, derived bounds that the claims imply."""
from dataclasses import replace

from verify import config
from verify.anchor import quotes
from verify.engine import check_file
from verify.evaluate import exact, judge, smt
from verify.load import claims
from verify.relate import relations

ARTICLE = """\
Police made 20 arrests across the three districts on Saturday.
The north district had the most arrests, with 6.
At least 5 people were arrested in the south district, and at least 5 in the east.
"""
CLAIMS = """\
sources: [{id: article, file: a.txt, published: 2021-09-04}]
claims:
  - {id: total, quote: made 20 arrests, measure: arrested, value: "20", unit: people}
  - {id: north, quote: "the most arrests, with 6", measure: arrested north, value: "6", unit: people}
  - {id: south, quote: At least 5 people, measure: arrested south, value: at least 5, unit: people}
  - {id: east, quote: at least 5 in the east, measure: arrested east, value: at least 5, unit: people}
relations:
  - {id: districts, sum: total, parts: [north, south, east]}
  - {id: north-most, rank: most, claim: north, among: [south, east], quote: had the most arrests}
"""


def _files(tmp_path, claims=CLAIMS):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(claims, encoding="utf-8")
    return path


def test_a_conflict_only_the_whole_article_shows_is_reported_with_its_minimal_set(tmp_path):
    result = check_file(str(_files(tmp_path)), config.load([]))
    local = [f for f in result.findings if f.rule in ("sum", "rank") and f.verdict.value != "holds"]
    assert local == []                          # no single relation is contradictory
    (conflict,) = [f for f in result.findings if f.rule == "solve"]
    assert conflict.severity.label == "error"
    assert set(conflict.claims) == {"total", "north"}
    text = " ".join(conflict.arithmetic)
    assert "arrested south" in text and "arrested east" in text   # the relations, in words
    assert "south:" not in text and "east:" not in text    # their own bounds are not needed
    assert "at most 18" in conflict.message or "which is not" in conflict.message


def test_removing_any_member_of_the_minimal_set_makes_the_rest_feasible(tmp_path):
    cfg = config.load([])
    claims_file, _ = quotes.anchor(claims.load(str(_files(tmp_path)), cfg).claims_file)
    problem = judge.problem(relations.build(claims_file))
    found = smt.conflicts(problem)
    assert found.complete
    (conflict,) = found.sets
    assert set(conflict) == {"stated:total", "stated:north", "districts", "north-most"}
    for member in conflict:
        assert smt.check(_without(problem, member)).status == "sat", member


def _without(problem, group):
    variables = tuple(replace(v, lo=None, hi=None) if v.group == group else v for v in problem.vars)
    return smt.Problem(variables, tuple(c for c in problem.constraints if c.group != group))


def test_seed_is_feasible_with_bounds_for_the_states_without_figures(seed):
    result = check_file(str(seed), config.load([]))
    notes = [d for f in result.findings for d in f.derived]
    assert not [f for f in result.findings if f.rule == "solve" and f.severity.label == "error"]
    assert any("the 7 without figures" in d and "32 of arrested" in d
               and "each between 0 and 32" in d for d in notes), notes


def test_a_conflict_is_reported_once(seed):
    result = check_file(str(seed), config.load([]))
    errors = [f.rule for f in result.findings if f.severity.label == "error"]
    assert errors == ["same"]                    # 47 vs 41, and not a second time by solve


def test_no_derived_fact_about_a_quantity_whose_statements_conflict(seed):
    result = check_file(str(seed), config.load([]))
    assert not [d for f in result.findings for d in f.derived if "rescued" in d]


def test_a_scope_leaving_out_a_dimension_with_two_wholes_is_an_input_error(tmp_path, run):
    (tmp_path / "a.txt").write_text("Police arrested 10 people, 4 in Ames. Kansas had 3.\n",
                                    encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "sources: [{id: article, file: a.txt}]\n"
        "breakdowns:\n"
        "  - {dimension: place, whole: Iowa, parts: [Ames, Boone]}\n"
        "  - {dimension: place, whole: Kansas, parts: [Wichita, Topeka]}\n"
        "claims:\n"
        "  - {id: t, quote: arrested 10 people, measure: arrested, value: '10', unit: people}\n"
        "  - {id: a, quote: 4 in Ames, measure: arrested, scope: {place: Ames}, value: '4', unit: people}\n",
        encoding="utf-8")
    code, out, _ = run("check", str(tmp_path / "c.yaml"))
    assert code == 2
    assert "c.yaml:6:5: error input claim t leaves out place" in out and "Iowa, Kansas" in out


TWO_CONFLICTS = """\
sources: [{id: article, file: a.txt}]
claims:
  - {id: t1, quote: made 20 arrests, measure: arrested, value: "20", unit: people}
  - {id: n1, quote: "the most arrests, with 6", measure: arrested north, value: "6", unit: people}
  - {id: s1, quote: At least 5 people, measure: arrested south, value: at least 5, unit: people}
  - {id: e1, quote: at least 5 in the east, measure: arrested east, value: at least 5, unit: people}
relations:
  - {id: one, sum: t1, parts: [n1, s1, e1]}
  - {id: two, rank: most, claim: n1, among: [s1, e1]}
  - {id: three, subset: t1, of: n1}
"""


def test_a_search_cut_short_says_more_conflicts_may_exist(tmp_path, monkeypatch):
    monkeypatch.setattr(judge, "MOST_CONFLICTS", 1)
    result = check_file(str(_files(tmp_path, TWO_CONFLICTS)), config.load([]))
    errors = [f for f in result.findings if f.severity.label == "error"]
    assert len(errors) == 1
    (more,) = [f for f in result.findings if f.rule == "solve" and f.severity.label == "warning"]
    assert "more conflicts may exist" in more.message


def test_every_conflict_is_found_when_the_search_is_not_cut(tmp_path):
    result = check_file(str(_files(tmp_path, TWO_CONFLICTS)), config.load([]))
    errors = {(f.rule, frozenset(f.claims)) for f in result.findings if f.severity.label == "error"}
    assert errors == {("solve", frozenset({"t1", "n1"})), ("subset", frozenset({"t1", "n1"}))}
    assert not [f for f in result.findings if f.rule == "solve" and f.severity.label == "warning"]


def test_a_check_not_decided_in_the_budget_is_a_warning_never_a_pass(tmp_path, monkeypatch):
    monkeypatch.setattr(smt, "_run", lambda solver, clock, assumptions=(), most_ms=None: "unknown")
    monkeypatch.setattr(exact, "decide", lambda integer, rows: exact.UNKNOWN)   # z3's to decide
    monkeypatch.setattr(exact.Prepared, "decide", lambda self: exact.UNKNOWN)
    result = check_file(str(_files(tmp_path)), config.load([]))
    (undecided,) = [f for f in result.findings if f.rule == "solve"]
    assert undecided.severity.label == "warning" and "not decided" in undecided.message
    assert not [f for f in result.findings if f.derived]


def test_bounds_cut_short_by_the_budget_are_said_once_never_guessed(seed, monkeypatch):
    solve = smt.conflicts

    def spent(*args, clock, **kwargs):       # the budget is gone once the model is solved
        found = solve(*args, clock=clock, **kwargs)
        clock.spent += 1000
        return found

    monkeypatch.setattr(smt, "conflicts", spent)
    result = check_file(str(seed), config.load([]))
    (cut,) = [f for f in result.findings if f.rule == "solve"]
    assert cut.severity.label == "warning" and "were not derived" in cut.message
    assert not [d for f in result.findings for d in f.derived if "account for" in d]


def test_a_conflict_says_each_explanation_once(tmp_path):
    """Routes through a breakdown that explain a conflict in the same words are said once:
    no 'also:' line repeats the finding's own message."""
    (tmp_path / "a.txt").write_text("83% of pupils passed, 86% of girls and 87% of boys.\n",
                                    encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text("""\
sources: [{id: article, file: a.txt}]
breakdowns: [{dimension: group, whole: all, parts: [girls, boys], combine: sum}]
claims:
  - {id: all, quote: 83% of pupils, measure: passed, scope: {group: all}, value: 83%, unit: percent}
  - {id: girls, quote: 86% of girls, measure: passed, scope: {group: girls}, value: 86%, unit: percent}
  - {id: boys, quote: 87% of boys, measure: passed, scope: {group: boys}, value: 87%, unit: percent}
""", encoding="utf-8")
    (finding,) = [f for f in check_file(str(path), config.load([])).findings if f.rule == "sum"
                  and f.severity.label == "error"]
    assert f"also: {finding.message}" not in finding.arithmetic
    assert len(set(finding.arithmetic)) == len(finding.arithmetic)
