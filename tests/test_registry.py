"""One rule registry, and only the engine stamps rule id and severity (issue 14, items 1-2).

Every rule id of the registry obeys `rules:` in checks/: `off` leaves its findings out and
`warning` (or `note`) lowers them, whichever stage produced them.  A misspelt rule name in
checks/ or in a waiver is a located error, never a setting quietly ignored.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import test_cases as cases
import yaml

from verify import config as settings
from verify.engine import check_file
from verify.evaluate import rules
from verify.model import Severity

ROOT = Path(__file__).resolve().parent.parent

# Cases for the ids that have no case file of their own: each gives a finding of its rule.
STAGE_CASES = {
    "coverage": {
        "article": "Police arrested 12 people on Friday and 3 more on Sunday.",
        "claims": [{"id": "t", "quote": "arrested 12 people", "measure": "arrested",
                    "value": "12", "unit": "people"}],
        "settings": {"rules": {"coverage": "note"}},
    },
    "waiver": {
        "article": "Police arrested 12 people on Friday.",
        "claims": [{"id": "t", "quote": "arrested 12 people", "measure": "arrested",
                    "value": "12", "unit": "people",
                    "waive": [{"rule": "same", "reason": "checked by hand"}]}],
    },
    "input": {     # a measure one letter from another: a modelling slip
        "article": "Police arrested 12 people: 4 in Ames and 3 in Boone.",
        "claims": [{"id": "t", "quote": "arrested 12 people", "measure": "arrested",
                    "value": "12", "unit": "people"},
                   {"id": "a", "quote": "4 in Ames", "measure": "arrested",
                    "scope": {"place": "Ames"}, "value": "4", "unit": "people"},
                   {"id": "b", "quote": "3 in Boone", "measure": "arrestd",
                    "scope": {"place": "Boone"}, "value": "3", "unit": "people"}],
    },
}


def _case(rule: str) -> dict:
    """A case giving findings of `rule` at its default severity: the first failing case of
    its case file expecting one (with no settings of its own), else STAGE_CASES."""
    if rule in STAGE_CASES:
        return STAGE_CASES[rule]
    for case in cases.read_cases(cases.CASES / f"{rule}.yaml"):
        if case.get("settings") or not case["name"].startswith("fail_"):
            continue
        if any(e.get("rule", rule) == rule and e.get("severity") == "error"
               for e in cases._list(case.get("expect"))):
            return case
    raise AssertionError(f"no failing case of rule {rule}: add one to STAGE_CASES")


def _findings(rule: str, level: str | None, tmp_path: Path):
    case = dict(_case(rule))
    if level is not None:
        given = dict(case.get("settings") or {})
        case["settings"] = given | {"rules": dict(given.get("rules") or {}) | {rule: level}}
    result = cases.run_case(case, tmp_path)
    assert not result.fatal
    return [f for f in result.findings if f.rule == rule]


def _default(rule: str) -> Severity:
    return settings.load([]).severity(rule)


@pytest.mark.parametrize("rule", rules.IDS)
def test_each_rule_id_has_a_finding_at_its_default_severity(rule, tmp_path):
    found = _findings(rule, None, tmp_path)
    assert any(f.severity is _default(rule) for f in found), [f.message for f in found]


@pytest.mark.parametrize("rule", rules.IDS)
def test_off_in_checks_leaves_out_every_finding_of_the_rule(rule, tmp_path):
    assert _findings(rule, "off", tmp_path) == []


@pytest.mark.parametrize("level", ["warning", "note"])
@pytest.mark.parametrize("rule", rules.IDS)
def test_a_severity_in_checks_is_the_rules_severity(rule, level, tmp_path):
    """What the default made an error (or a note, for coverage) is now `level`; a
    condition stays at most a warning, a pass stays a pass."""
    found = _findings(rule, level, tmp_path)
    assert any(f.severity is Severity.parse(level) for f in found), [f.message for f in found]
    assert all(f.severity <= max(Severity.parse(level), Severity.NOTE) or
               (f.verdict.value == "holds-only-if" and f.severity is Severity.WARNING)
               for f in found)


def test_the_registry_reads_each_rule_modules_own_face():
    """The engine dispatches on ID, APPLIES and KIND: every relation kind of the claims
    language has its rule, and every rule module's ID is its id in the registry."""
    from verify.load import schema
    registry = rules.registry()
    assert list(registry) == list(rules.IDS)
    for name in rules.NAMES:
        module = rules.load(name)
        assert (registry[name].id, registry[name].applies) == (module.ID, module.APPLIES)
    assert set(rules.by_kind()) == set(schema.RELATIONS)
    assert [r.id for r in rules.every_relation()] == ["units"]
    assert [r.id for r in rules.of_claims()] == ["date"]
    assert {r.id for r in registry.values() if r.applies == "stage"} == \
        {"anchor", "solve", "coverage", "waiver", "input", "correction"}


def test_verify_rules_and_the_docs_list_every_id_of_the_registry():
    listed = subprocess.run([sys.executable, "-m", "verify", "rules"], capture_output=True,
                            text=True, check=True).stdout
    assert [line.split()[0] for line in listed.splitlines()] == list(rules.IDS)
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert all(f"`{rule}`" in page for rule in rules.IDS)
    for rule in rules.IDS:
        manual = subprocess.run([sys.executable, "-m", "verify", "rules", rule],
                                capture_output=True, text=True, check=True).stdout
        assert manual.strip() == rules.registry()[rule].manual


def _project(tmp_path: Path, checks: str, claims: str | None = None) -> Path:
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "verify.yaml").write_text(checks, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Police arrested 12 people.", encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(claims or "sources: [{id: article, file: a.txt}]\nclaims:\n"
                    "  - {id: t, quote: arrested 12 people, measure: arrested, value: 12, "
                    "unit: people}\n", encoding="utf-8")
    return path


def _verify(path: Path):
    return subprocess.run([sys.executable, "-m", "verify", "check", path.name],
                          capture_output=True, text=True, cwd=path.parent)


def test_an_unknown_rule_in_checks_is_a_located_error_naming_the_rule_meant(tmp_path):
    done = _verify(_project(tmp_path, "rules:\n  sum: error\n  sume: off\n"))
    assert done.returncode == 2
    assert done.stderr.startswith("checks/verify.yaml:3:3: unknown rule 'sume'")
    assert "did you mean 'sum'?" in done.stderr


def test_input_off_keeps_a_file_that_cannot_be_read_an_error(tmp_path):
    """`input` rules only the input findings of a file still checked (slips): a claims file
    with a mistake is not checked at all, whatever checks/ says, and exits 2."""
    path = _project(tmp_path, "rules:\n  input: off\n", "sources: [{id: article, file: a.txt}]\n"
                    "claims:\n  - {id: t, quote: arrested 12 people, valeu: 12}\n")
    done = _verify(path)
    assert done.returncode == 2
    assert "c.yaml:3:" in done.stdout and "valeu" in done.stdout and "error" in done.stdout


def test_a_waiver_of_a_rule_not_in_the_registry_is_a_located_error(tmp_path):
    claims = ("sources: [{id: article, file: a.txt}]\nclaims:\n"
              "  - {id: t, quote: arrested 12 people, measure: arrested, value: 12, unit: people,\n"
              "     waive: [{rule: sme, reason: checked}]}\n")
    path = _project(tmp_path, "rules: {}\n", claims)
    result = check_file(str(path), settings.load([]))
    assert result.fatal
    (problem,) = result.findings
    assert (problem.rule, problem.location.line) == ("input", 4) and "same" in problem.message
    schema = yaml.safe_load(subprocess.run([sys.executable, "-m", "verify", "schema"],
                                           capture_output=True, text=True, check=True).stdout)
    assert set(schema["$defs"]["waiver"]["properties"]["rule"]["enum"]) == set(rules.IDS) - {"input"}


def test_no_test_skips_but_the_browser_test_without_chromium():
    """A test that skips when a module cannot be imported turns a broken engine into a skip
    (issue 14, item 7): the only skip left is the browser test's, when chromium is absent
    (CI installs it)."""
    skipping = sorted(path.name for path in (ROOT / "tests").glob("*.py")
                      if path.name != Path(__file__).name and any(
                          word in path.read_text(encoding="utf-8")
                          for word in ("pytest.skip(", "importorskip", "mark.skip", "skipif")))
    assert skipping == ["test_html_browser.py"]


def test_the_contributing_page_names_files_that_exist():
    """docs/contributing.md says where a rule, a report format and a hedge word go; every
    file it names in backticks is there, and the names it uses are the code's."""
    import re

    from verify import report
    from verify.values import numbers
    page = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    for heading in ("## Adding a rule", "## Adding a report format", "## Adding a hedge word"):
        assert heading in page
    named = set(re.findall(r"`((?:src|tests|docs)/[\w/.]+\.(?:py|yaml|md))`", page))
    assert named and all((ROOT / path).is_file() for path in named), named
    assert hasattr(numbers, "HEDGES") and hasattr(report, "MODULES") and hasattr(rules, "MODULES")
