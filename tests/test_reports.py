"""Report writers: every format from one hand-built RunResult of the seed article.

Tests compare kinds, fields, counts and escapes, never whole message strings.
"""
from __future__ import annotations

import dataclasses
import io
import json
import os
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from quicktions import Fraction

from verify.model import FileResult, Finding, Location, Mark, RunResult, Severity, Source, Span, Verdict
from verify.report import (
    ReportOptions,
    common,
    github_report,
    html_report,
    json_report,
    jsonwrite,
    junit_report,
    markdown_report,
    sarif_report,
    text,
    waivers,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CLAIMS = "claims/operation-united-front.yaml"
ARTICLE = (ROOT / "claims" / "operation-united-front.txt").read_text(encoding="utf-8")
WRITERS = {"json": json_report, "github": github_report, "sarif": sarif_report,
           "junit": junit_report, "markdown": markdown_report, "html": html_report, "text": text}


# --- the seed RunResult, built by hand ------------------------------------------------------

def span(needle: str, occurrence: int = 0, text: str = ARTICLE, source: str = "article") -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return Span(source, start, start + len(needle), line, col)


def claim_loc(claim_id: str) -> Location:
    lines = (ROOT / CLAIMS).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == f"- id: {claim_id}")
    return Location(CLAIMS, line, 5)


def mark(needle: str, status: str, findings=(), claims=(), occurrence: int = 0) -> Mark:
    s = span(needle, occurrence)
    return Mark("article", s.start, s.end, s.line, s.col, needle, status, tuple(claims),
                tuple(findings))


def seed_findings() -> list[Finding]:
    return [
        Finding("same", Severity.ERROR, Verdict.CONTRADICTION,
                "rescued (all states) is stated as 47 and as 41",
                claim_loc("rescued-thursday-friday"),
                claims=("rescued-headline", "rescued-thursday-friday"),
                spans=(span("47"), span("41")),
                quotes=(("rescued-headline", "47 people were rescued"),
                        ("rescued-thursday-friday", "On Thursday and Friday, 41 people were rescued")),
                arithmetic=("47 \u2260 41",)),
        Finding("sum", Severity.NOTE, Verdict.HOLDS,
                "arrested (all states) 102 is at least the states' figures",
                claim_loc("arrested-total"),
                claims=("arrested-total", "iowa-arrested", "kentucky-arrested", "missouri-arrested",
                        "nebraska-arrested", "texas-arrested"),
                spans=(span("102"), span("Two"), span("46"), span("11", 2), span("Four"),
                       span("seven")),
                quotes=(("arrested-total", "arrested 102 persons"),
                        ("missouri-arrested", "Two persons were detained")),
                arithmetic=("2 + 46 + 11 + 4 + 7 = 70, which is at most 102",),
                derived=("the 7 unreported states account for 32 arrests together",
                         "each unreported state made at most 46 arrests")),
        Finding("same", Severity.PASS, Verdict.HOLDS, "rescued is 47 both times",
                claim_loc("rescued-lead"), claims=("rescued-headline", "rescued-lead"),
                spans=(span("47"), span("47", 1)), arithmetic=("47 = 47",)),
        Finding("count", Severity.PASS, Verdict.HOLDS, "12 states: Missouri and 11 named",
                claim_loc("states-headline"), claims=("states-headline", "states-named"),
                spans=(span("12-state"),), arithmetic=("1 + 11 = 12",)),
        Finding("date", Severity.PASS, Verdict.HOLDS, "2021-08-27 is a Friday",
                claim_loc("statement-friday"), claims=("dateline", "statement-friday"),
                spans=(span("2021-08-27"),)),
        Finding("same", Severity.ERROR, Verdict.CONTRADICTION,
                "rescued (all states) is stated as 47 and as 41",
                claim_loc("rescued-thursday-friday"),
                claims=("rescued-lead", "rescued-thursday-friday"),
                spans=(span("47", 1), span("41")),
                quotes=(("rescued-lead", "rescued 47 victims and sex workers"),
                        ("rescued-thursday-friday", "On Thursday and Friday, 41 people were rescued")),
                arithmetic=("47 \u2260 41",),
                waived="41 is those given medical care; AG release"),
    ]


def seed_marks() -> list[Mark]:
    return [
        mark("2021-08-27", "verified", [4], ["dateline"]),
        mark("12-state", "verified", [3], ["states-headline"]),
        mark("47", "contradiction", [0, 2], ["rescued-headline"]),
        mark("102", "verified", [1], ["arrested-total"]),
        mark("47", "verified", [2, 5], ["rescued-lead"], occurrence=1),
        mark("once-in-a-lifetime", "unchecked"),
        mark("41", "contradiction", [0, 5], ["rescued-thursday-friday"]),
        mark("Two", "verified", [1], ["missouri-arrested"]),
        mark("11", "uncovered", occurrence=1),
        mark("46", "verified", [1], ["kentucky-arrested"]),
        mark("Wednesday", "uncovered"),
    ]


def seed_file(findings=None, marks=None, path: str = CLAIMS) -> FileResult:
    source = Source("article", "In a 12-state human trafficking sting, 47 people were rescued",
                    "operation-united-front.txt", ARTICLE, "2021-08-27", Location(path, 6, 9))
    return FileResult(path, (source,), 22, tuple(seed_findings() if findings is None else findings),
                      tuple(seed_marks() if marks is None else marks))


def seed_result() -> RunResult:
    return RunResult((seed_file(),))


STARTED = datetime(2021, 8, 27, 14, 30, 5, tzinfo=UTC)


def render(writer, result: RunResult | None = None, **options) -> str:
    options.setdefault("started", STARTED)
    out = io.StringIO()
    if writer is github_report:
        writer.write(seed_result() if result is None else result, out, ReportOptions(**options),
                     env={})
    else:
        writer.write(seed_result() if result is None else result, out, ReportOptions(**options))
    return out.getvalue()


def one(finding: Finding, path: str = CLAIMS) -> RunResult:
    return RunResult((seed_file([finding], [], path),))


def odd_finding(**changes) -> Finding:
    base = Finding("sum", Severity.ERROR, Verdict.CONTRADICTION,
                   "50% of A, B: c\r\nnext <b>&amp;</b> | `x` *y*",
                   Location("claims/odd,dir/a:b.yaml", 3, 7), claims=("a", "b"),
                   arithmetic=("1 + 1 = 2, not 3: 100%",))
    return dataclasses.replace(base, **changes)


# --- common ---------------------------------------------------------------------------------

def test_summary_counts_every_finding_and_waived_apart():
    summary = common.summarize(seed_result().files)
    assert (summary.files, summary.claims, summary.checks) == (1, 22, 6)
    assert summary.severity == {"pass": 3, "note": 1, "warning": 0, "error": 1}
    assert summary.waived == 1
    assert summary.verdict["contradiction"] == 2 and summary.verdict["holds"] == 4


@pytest.mark.parametrize("options, expected", [
    (ReportOptions(), {"same:error", "sum:note"}),
    (ReportOptions(show_level=Severity.ERROR), {"same:error"}),
    (ReportOptions(show_waived=True), {"same:error", "sum:note", "same:error:waived"}),
    (ReportOptions(show_level=Severity.PASS),
     {"same:error", "sum:note", "same:pass", "count:pass", "date:pass"}),
])
def test_listing_follows_show_level_and_show_waived(options, expected):
    shown = {f"{f.rule}:{f.severity.label}" + (":waived" if f.waived else "")
             for _, f in common.listed(seed_file(), options)}
    assert shown == expected


def test_relpath_never_absolute(tmp_path):
    assert common.relpath(str(tmp_path / "claims" / "a.yaml"), str(tmp_path)) == "claims/a.yaml"
    assert common.relpath("./claims//a.yaml") == "claims/a.yaml"


# --- json -----------------------------------------------------------------------------------

def json_validator():
    schema = json.loads((DATA / "report-schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("options", [{}, {"show_waived": True}, {"show_level": Severity.PASS}])
def test_json_matches_its_schema(options):
    data = json.loads(render(json_report, **options))
    json_validator().validate(data)
    assert data["schema"] == 1 and data["tool"]["name"] == "verify"


def test_json_schema_rejects_a_wrong_report():
    data = json.loads(render(json_report))
    data["files"][0]["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        json_validator().validate(data)


def test_json_lists_filtered_findings_but_counts_all():
    data = json.loads(render(json_report, show_level=Severity.ERROR))
    findings = data["files"][0]["findings"]
    assert [(f["rule"], f["severity"], f["verdict"]) for f in findings] == [
        ("same", "error", "contradiction")]
    assert findings[0]["claims"] == ["rescued-headline", "rescued-thursday-friday"]
    assert [s["line"] for s in findings[0]["spans"]] == [1, 21]
    assert data["summary"]["severity"]["note"] == 1 and data["summary"]["waived"] == 1
    assert {m["status"] for m in data["files"][0]["marks"]} == {
        "verified", "contradiction", "uncovered", "unchecked"}
    assert data["files"][0]["sources"][0]["path"] == "claims/operation-united-front.txt"


def test_json_paths_relative_to_root(tmp_path):
    path = str(tmp_path / "claims" / "x.yaml")
    finding = dataclasses.replace(seed_findings()[0], location=Location(path, 4, 5))
    text = render(json_report, RunResult((seed_file([finding], [], path),)), root=str(tmp_path))
    assert str(tmp_path) not in text
    data = json.loads(text)
    assert data["files"][0]["path"] == "claims/x.yaml"
    assert data["files"][0]["findings"][0]["location"]["path"] == "claims/x.yaml"
    assert data["files"][0]["findings"][0]["fingerprint"].startswith("same:claims/x.yaml:")


def shuffled(result: RunResult) -> RunResult:
    """The same run with findings in reverse order (mark indexes remapped) and files reversed."""
    files = []
    for file in result.files:
        n = len(file.findings)
        marks = [dataclasses.replace(m, findings=tuple(n - 1 - i for i in m.findings))
                 for m in reversed(file.marks)]
        files.append(dataclasses.replace(file, findings=tuple(reversed(file.findings)),
                                         marks=tuple(marks)))
    return RunResult(tuple(reversed(files)))


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_output_is_deterministic(name, no_catalogue):
    result = RunResult((seed_file(), seed_file(path="claims/other.yaml")))
    first = render(WRITERS[name], result, show_waived=True)
    assert first == render(WRITERS[name], result, show_waived=True)
    assert first == render(WRITERS[name], shuffled(result), show_waived=True)


_JSON_SCALARS = (st.none() | st.booleans() | st.integers() | st.text()
                 | st.sampled_from(list(Severity) + list(Verdict)))    # int and str enums
_JSON = st.recursive(_JSON_SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.tuples(inner, inner) | st.dictionaries(st.text(), inner, max_size=4),
                     max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_json_writer_writes_what_the_json_module_writes(data):
    """The reports' JSON writer (for speed) gives the bytes of json.dump with the reports'
    settings, for every kind of value and nesting."""
    expected = io.StringIO()
    json.dump(data, expected, sort_keys=True, indent=2, separators=(",", ": "), ensure_ascii=False)
    out = io.StringIO()
    common.write_json(data, out)
    assert out.getvalue() == expected.getvalue() + "\n"


@pytest.mark.parametrize("data", [0.5, [1, 2.0], {"share": float("nan")}, {1.5: "key"}])
def test_json_writer_refuses_floats(data):
    """A report's numbers are exact (Fractions written as text, whole numbers): a float
    reaching the writer is a bug, said, never written rounded."""
    with pytest.raises(TypeError):
        common.write_json(data, io.StringIO())


def test_json_writer_streams_a_list_as_the_list_it_yields():
    made: list[int] = []

    def items():
        for n in range(3):
            made.append(n)
            yield {"n": n, "empty": [], "none": {}}

    out = io.StringIO()
    common.write_json({"b": jsonwrite.Stream(items()), "a": jsonwrite.Stream(iter(()))}, out)
    listed = {"b": [{"n": n, "empty": [], "none": {}} for n in range(3)], "a": []}
    assert out.getvalue() == json.dumps(listed, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert made == [0, 1, 2]


def test_json_report_is_the_json_modules_text_of_its_data(engine_result):
    out = io.StringIO()
    json_report.write(engine_result, out, ReportOptions(show_level=Severity.PASS))
    data = json.loads(out.getvalue())
    assert out.getvalue() == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert data["files"][0]["findings"] and data["files"][0]["marks"]


# --- github ---------------------------------------------------------------------------------

def annotations(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("::")]


def test_github_annotations_for_listed_findings():
    lines = annotations(render(github_report))
    kinds = [re.match(r"::(\w+) ", line).group(1) for line in lines]
    assert kinds == ["error", "notice"]          # article order: the 47 of the headline comes first
    props = dict(p.split("=", 1) for p in lines[0].split(" ", 1)[1].split("::")[0].split(","))
    loc = claim_loc("rescued-thursday-friday")
    assert props == {"file": CLAIMS, "line": str(loc.line), "col": "5", "title": "verify (same)"}
    message = lines[0].split("::", 2)[2]
    assert "%0A47 \u2260 41" in message and "\n" not in message


def test_github_default_level_annotates_problems_only_and_ends_with_one_summary_line():
    """The CLI's default for github: warnings and errors; passes and notes use up no
    annotation (GitHub shows ten of each type per step).  Then one plain line."""
    from verify.report import default_show_level
    lines = render(github_report, show_level=default_show_level("github")).splitlines()
    assert [re.match(r"::(\w+) ", line).group(1) for line in lines[:-1]] == ["error"]
    assert not lines[-1].startswith("::") and "%" not in lines[-1]
    assert re.fullmatch(r"verify: 1 error, 0 warnings, 1 note, 1 waived in 1 file \(22 claims\); "
                        r"4 checks held", lines[-1])


def test_github_summary_says_when_annotations_will_not_all_be_shown():
    many = [dataclasses.replace(seed_findings()[0], claims=(f"c{i}",)) for i in range(12)]
    last = render(github_report, RunResult((seed_file(many),))).splitlines()[-1]
    assert "GitHub shows the first 10 annotations of each type" in last and "12 errors" in last


def test_github_waived_is_a_notice_only_with_show_waived():
    lines = annotations(render(github_report, show_waived=True))
    waived = [line for line in lines if "waived" in line.split("::")[1]]
    assert len(waived) == 1 and waived[0].startswith("::notice ")
    assert "waived: 41 is those given medical care; AG release" in waived[0]


def test_github_escaping_of_data_and_properties():
    line = annotations(render(github_report, one(odd_finding(), "claims/odd,dir/a:b.yaml")))[0]
    head, message = line.split("::")[1], line.split("::", 2)[2]
    assert "file=claims/odd%2Cdir/a%3Ab.yaml," in head
    assert message.startswith("50%25 of A, B: c%0D%0Anext")
    assert "%0A1 + 1 = 2, not 3: 100%25" in message
    assert "\r" not in line and "\n" not in line
    assert github_report.escape_property("a%b:c,d\re\nf") == "a%25b%3Ac%2Cd%0De%0Af"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_github_escaping_round_trips(text):
    prop, data = github_report.escape_property(text), github_report.escape_data(text)
    assert not set(prop) & set("\r\n:,") and not set(data) & set("\r\n")

    def unescape(s: str) -> str:
        return re.sub("%(25|0D|0A|3A|2C)", lambda m: bytes.fromhex(m[1]).decode(), s)

    assert unescape(prop) == text and unescape(data) == text


def test_github_step_summary_appended(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    out = io.StringIO()
    github_report.write(seed_result(), out, ReportOptions(),
                        env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")
    assert "| 1 | 22 | 1 | 0 | 1 | 1 |" in text
    assert "::" not in text and out.getvalue().count("::error") == 1


# --- sarif ----------------------------------------------------------------------------------

@pytest.fixture
def no_catalogue(monkeypatch):
    """SARIF rules from the findings alone: an empty rule catalogue."""
    monkeypatch.setattr(sarif_report, "_catalogue", dict)


def sarif_validate(data):
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)   # the official file is draft-04
    cls(schema).validate(data)


def test_sarif_valid_with_levels_and_suppressions(no_catalogue):
    data = json.loads(render(sarif_report))
    sarif_validate(data)
    run = data["runs"][0]
    assert data["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "verify"
    assert [(r["ruleId"], r["kind"], r["level"], "suppressions" in r) for r in run["results"]] == [
        ("same", "fail", "error", False), ("sum", "informational", "none", False),
        ("same", "fail", "error", True)]   # article order
    waived = run["results"][2]["suppressions"][0]
    assert waived == {"kind": "external", "justification": "41 is those given medical care; AG release"}
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == ["same", "sum"]
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": CLAIMS, "uriBaseId": "%SRCROOT%"}
        assert physical["region"]["startColumn"] == 5
    related = run["results"][0]["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [1, 21]
    assert "%SRCROOT%" in run["originalUriBaseIds"]


@pytest.mark.parametrize("level, expected", [
    (Severity.WARNING, [("fail", "error")] * 2),                          # the CLI's default
    (Severity.NOTE, [("fail", "error"), ("informational", "none"), ("fail", "error")]),
    (Severity.PASS, [("fail", "error"), ("informational", "none"), ("pass", "none"),
                     ("pass", "none"), ("pass", "none"), ("fail", "error")]),
])
def test_sarif_alerts_only_for_problems_passes_and_notes_are_kinds(no_catalogue, level, expected):
    """Only warnings and errors are alerts (kind fail); a note is informational and a pass a
    pass, at level none as SARIF requires for any kind but fail."""
    data = json.loads(render(sarif_report, show_level=level))
    sarif_validate(data)
    results = data["runs"][0]["results"]
    assert sorted((r["kind"], r["level"]) for r in results) == sorted(expected)
    assert all((r["level"] == "none") == (r["kind"] != "fail") for r in results)


def test_sarif_schema_rejects_a_wrong_kind(no_catalogue):
    data = json.loads(render(sarif_report))
    data["runs"][0]["results"][0]["kind"] = "passed"
    with pytest.raises(jsonschema.ValidationError):
        sarif_validate(data)


def test_sarif_fingerprints_stable_when_lines_move(no_catalogue):
    moved = [dataclasses.replace(f, location=dataclasses.replace(f.location, line=f.location.line + 7))
             for f in seed_findings()]
    before = json.loads(render(sarif_report))["runs"][0]["results"]
    after = json.loads(render(sarif_report, RunResult((seed_file(moved),))))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before] != \
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    prints = [r["partialFingerprints"]["verify/v1"] for r in before]
    assert len(set(prints)) == len(prints) and all(re.fullmatch("[0-9a-f]{64}", p) for p in prints)


def test_sarif_rules_from_catalogue_when_present(monkeypatch):
    fake = {"same": ("A figure stated twice agrees", "Manual of same."),
            "date": ("Weekdays match dates", "Manual of date.")}
    monkeypatch.setattr(sarif_report, "_catalogue", lambda: fake)
    data = json.loads(render(sarif_report))
    sarif_validate(data)
    rules = {r["id"]: r for r in data["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {"same", "sum", "date"}
    assert rules["same"]["shortDescription"]["text"] == "A figure stated twice agrees"
    assert rules["same"]["help"]["text"] == "Manual of same."
    assert "fullDescription" not in rules["sum"]


def test_sarif_with_the_real_rule_catalogue():
    from verify.evaluate import rules
    data = json.loads(render(sarif_report))
    sarif_validate(data)
    ids = {r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules.catalogue()) | {"same", "sum"} == ids


# --- junit ----------------------------------------------------------------------------------

def junit(tmp_path, result=None, **options):
    from junitparser import Error, Failure, JUnitXml, Skipped
    path = tmp_path / "junit.xml"
    path.write_text(render(junit_report, result, **options), encoding="utf-8")
    junit_validate(path)
    cases = [case for suite in JUnitXml.fromfile(str(path)) for case in suite]
    kinds = [type(r).__name__ for case in cases for r in case.result]
    return cases, kinds.count(Failure.__name__), kinds.count(Skipped.__name__), \
        kinds.count(Error.__name__)


def junit_validate(path):
    """Against the Ant JUnit schema (tests/data/junit-ant.xsd): time, timestamp, hostname,
    properties, system-out and system-err are required there."""
    import xmlschema
    xmlschema.XMLSchema(str(DATA / "junit-ant.xsd")).validate(str(path))


def test_junit_lists_every_check(tmp_path):
    cases, failures, skipped, errors = junit(tmp_path)
    assert (len(cases), failures, skipped, errors) == (6, 1, 1, 0)
    names = {case.name for case in cases}
    assert "same: rescued-headline, rescued-thursday-friday" in names
    assert {case.classname for case in cases} == {CLAIMS}
    waived = next(case for case in cases if case.result and case.result[0].message.startswith("41 is"))
    assert waived.is_skipped
    failed = next(case for case in cases if case.result and case.result[0].type == "contradiction")
    assert "47 \u2260 41" in failed.result[0].text and "line 21 of article" in failed.result[0].text


def test_junit_suite_output_has_every_check_with_its_details(tmp_path):
    junit(tmp_path)
    system_out = ET_suite(tmp_path).find("system-out").text
    assert "2 + 46 + 11 + 4 + 7 = 70" in system_out
    assert system_out.count(f"{CLAIMS}:") == 6


def test_junit_time_and_timestamp_as_the_ant_schema_requires(tmp_path):
    import xml.etree.ElementTree as ET
    root = ET.fromstring(render(junit_report, RunResult((seed_file(), seed_file(path="b.yaml")))))
    suites = root.findall("testsuite")
    assert [s.get("id") for s in suites] == ["0", "1"] and not root.attrib
    assert {s.get("timestamp") for s in suites} == {"2021-08-27T14:30:05"}
    assert {s.get("time") for s in suites} == {"0"} and {s.get("hostname") for s in suites} == {"localhost"}
    assert all(case.get("time") == "0" for case in root.iter("testcase"))
    (tmp_path / "bad.xml").write_text(ET.tostring(root, encoding="unicode")
                                      .replace(' timestamp="2021-08-27T14:30:05"', "", 1))
    import xmlschema
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        junit_validate(tmp_path / "bad.xml")


def test_junit_input_problem_is_an_error_and_a_contradiction_a_failure(tmp_path):
    problem = Finding("input", Severity.ERROR, Verdict.INVALID, "claim 'x' has no quote",
                      Location(CLAIMS, 9, 5), claims=("x",))
    result = RunResult((seed_file([*seed_findings(), problem]),))
    cases, failures, skipped, errors = junit(tmp_path, result)
    assert (failures, skipped, errors) == (1, 1, 1)
    case = next(c for c in cases if c.name == "input: x")
    assert type(case.result[0]).__name__ == "Error" and case.result[0].type == "invalid"
    suite = ET_suite(tmp_path)
    assert (suite.get("errors"), suite.get("failures"), suite.get("skipped")) == ("1", "1", "1")


def ET_suite(tmp_path):
    import xml.etree.ElementTree as ET
    return ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")


def test_junit_fail_level(tmp_path):
    warning = dataclasses.replace(seed_findings()[1], severity=Severity.WARNING,
                                  verdict=Verdict.CONDITIONAL)
    result = RunResult((seed_file([*seed_findings(), warning]),))
    assert junit(tmp_path, result)[1:3] == (1, 1)
    assert junit(tmp_path, result, fail_level=Severity.WARNING)[1:3] == (2, 1)
    assert junit(tmp_path, result, fail_level=None)[1:3] == (0, 1)


def test_junit_escapes_markup_and_control_characters(tmp_path):
    bad = odd_finding(message="a <b> & \"c\" \x01 ]]> done", claims=("x<y",))
    cases, failures, _, _ = junit(tmp_path, one(bad))
    assert failures == 1 and cases[0].name == "sum: x<y"
    assert cases[0].result[0].message == 'a <b> & "c"  ]]> done'


# --- text -----------------------------------------------------------------------------------

def test_text_default_lists_problems_and_one_summary_line():
    from verify.report import default_show_level
    lines = render(text, show_level=default_show_level("text")).splitlines()
    heads = [line for line in lines if not line.startswith("    ")]
    assert len(heads) == 2 and re.match(rf"{CLAIMS}:\d+:5: error same ", heads[0])
    assert re.fullmatch(r"1 error, 0 warnings, 1 note, 1 waived in 1 file \(22 claims\); 4 checks "
                        r"held \(--show-level note lists the notes\)", heads[1])
    assert "derived:" not in "\n".join(lines)


def test_text_notes_with_derived_facts_under_show_level_note():
    out = render(text, show_level=Severity.NOTE)
    assert re.search(rf"^{CLAIMS}:\d+:5: note sum ", out, re.M)
    assert "    derived: the 7 unreported states account for 32 arrests together" in out
    assert "lists the notes" not in out


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_text_colour_only_when_asked_and_the_same_text_without_it():
    plain = render(text, show_level=Severity.NOTE)
    coloured = render(text, show_level=Severity.NOTE, colour=True)
    assert "\x1b" not in plain
    assert "\x1b[1;31merror\x1b[0m" in coloured and "\x1b[36mnote\x1b[0m" in coloured
    assert ANSI.sub("", coloured) == plain


# --- markdown -------------------------------------------------------------------------------

def test_markdown_table_and_findings():
    text = render(markdown_report)
    assert "| files | claims | errors | warnings | notes | waived |" in text
    assert "| 1 | 22 | 1 | 0 | 1 | 1 |" in text
    assert text.count("- **error**") == 1 and text.count("- **note**") == 1
    assert "2 + 46 + 11 + 4 + 7 = 70" in text and "waived" not in text.split("|\n", 3)[-1]
    assert "line 21 of article" in text


def test_markdown_escapes_untrusted_text():
    text = render(markdown_report, one(odd_finding(message="<script>x</script> | [a](b) @ed #4")))
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\| \\[a\\](b) \\@ed \\#4" in text


# --- html -----------------------------------------------------------------------------------

class Marks(HTMLParser):
    """Collects the marks (role=button) of a report: attributes and visible figure text."""

    def __init__(self):
        super().__init__()
        self.marks, self.tags, self._fig = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if attrs.get("role") == "button" and "mark" in attrs.get("class", "").split():
            self.marks.append({**attrs, "text": ""})
        self._fig = tag == "span" and attrs.get("class") == "fig"

    def handle_data(self, data):
        if self._fig:
            self.marks[-1]["text"] += data

    def handle_endtag(self, tag):
        self._fig = False


def parse_html(text: str) -> Marks:
    parser = Marks()
    parser.feed(text)
    return parser


def test_html_marks_by_status_with_claims_and_labels():
    text = render(html_report)
    marks = parse_html(text).marks
    assert [(m["text"], m["data-status"]) for m in marks if m["text"] in ("47", "41", "102")] == [
        ("47", "contradiction"), ("102", "verified"), ("47", "verified"), ("41", "contradiction")]
    assert len(marks) == len(seed_marks())
    first = next(m for m in marks if m["text"] == "41")
    assert first["data-claims"] == "rescued-thursday-friday"
    assert first["data-findings"].split() == ["3", "6"]      # check numbers in report order
    headline = next(m for m in marks if m["text"] == "47")
    assert headline["data-findings"] == "3 4"                 # popup: the error before the pass
    assert all(m["aria-expanded"] == "false" and m["tabindex"] == "0" for m in marks)
    for status, (glyph, words) in html_report.STATUS.items():
        if any(m["data-status"] == status for m in marks):
            assert f'data-label="{words}"' in text and glyph in text
    # the article text survives intact around the marks
    body = re.sub(r"<[^>]+>", "", text.split('<div class="text">', 1)[1].split("</div>", 1)[0])
    for glyph, words in html_report.STATUS.values():
        body = body.replace(glyph + f" ({words})", "")
    assert "47 people were rescued" in body and "rescued and received" in body


@pytest.mark.parametrize("slip, expected", [
    (Severity.WARNING, "The figures do not agree: 1 contradiction"),
    (Severity.ERROR, "The figures do not agree: 1 contradiction, and 1 input problem to fix"),
])
def test_html_answer_leads_with_a_contradiction_not_a_modelling_slip(slip, expected):
    """An input warning (a measure spelled two ways) is counted beside the answer, never put
    in its place: the contradiction is what the editor must see first."""
    warning = Finding("input", slip, Verdict.INVALID, "measure 'arrestd' is one slip away",
                      claim_loc("iowa-arrested"), claims=("iowa-arrested",))
    findings = [*seed_findings(), warning]
    head = render(html_report, RunResult((seed_file(findings),))).split("<main>", 1)[0]
    assert re.search(rf"<h1>.*{re.escape(expected)}</h1>", head), head


def test_html_answer_first_then_counts_by_category():
    text = render(html_report)
    head = text.split("<main>", 1)[0]
    assert re.search(r"<h1>.*The figures do not agree: 1 contradiction</h1>", head)
    counts = dict(re.findall(r'data-category="([\w-]+)" data-count="(\d+)"', head))
    # every finding in exactly one category: the waived contradiction is counted as waived
    assert counts == {"contradiction": "1", "holds-only-if": "0", "invalid": "0",
                      "uncovered": "0", "holds": "4", "waived": "1"}
    assert sum(map(int, counts.values())) == len(seed_findings())
    problems = text.split('id="h-problems"', 1)[1].split("</section>", 1)[0]
    assert problems.count('class="finding ') == 1            # only what is wrong, first
    assert 'href="#m-1-3"' in problems        # the headline 47, linked from its finding
    assert "47 cannot equal 41" in problems   # relations and intervals in words
    # the article comes before the derived facts and the passes, which are collapsed
    article = text.index('<article class="source"')
    assert text.index('id="h-problems"') < article
    derived = text.index('<details class="more g-derived">')
    assert article < derived < text.index('<details class="more g-all">')
    assert "2 + 46 + 11 + 4 + 7 = 70" in text[derived:] and "Derived:" in text[derived:]
    assert text.count('class="finding v-') == 2 + 6   # listed + appendix of every check
    assert "<details open" not in text


def test_html_uncovered_figure_is_its_own_category_never_a_verdict():
    where = span("Wednesday")
    uncovered = Finding("coverage", Severity.NOTE, Verdict.UNCOVERED,
                        '"Wednesday" (line 27 of operation-united-front.txt) is not covered '
                        "by any claim", Location(CLAIMS, 6, 9), (), (where,))
    marks = [Mark("article", where.start, where.end, where.line, where.col, "Wednesday",
                  "uncovered", (), (0,))]
    text = render(html_report, RunResult((seed_file([uncovered], marks),)))
    head = text.split("<main>", 1)[0]
    assert 'data-category="uncovered" data-count="1"' in head
    assert 'data-category="holds-only-if" data-count="0"' in head
    assert "The figures agree" in head
    assert "Holds only if" not in text and "holds only under" not in text.split("<main>")[1]
    card = text.split('<details class="more g-uncovered">', 1)[1].split("</details>", 1)[0]
    assert "\u25cb Not covered" in card and "No claim covers this figure" in card
    mark_ = parse_html(text).marks[0]
    assert mark_["data-label"] == "not covered by any claim" and "s-uncovered" in mark_["class"]
    json_validator().validate(json.loads(render(json_report, RunResult((seed_file(
        [uncovered], marks),)))))


def test_html_several_sources_side_by_side():
    article = "Ames: 420 homes.\n"
    county = "Update: 402 in Ames.\n"
    sources = (Source("article", "Floods", "a.txt", article),
               Source("county", "County update", "c.txt", county))
    a, c = span("420", text=article), span("402", text=county, source="county")
    finding = Finding("same", Severity.ERROR, Verdict.CONTRADICTION,
                      "homes damaged (Ames) is stated as 420 and as 402", Location(CLAIMS, 42, 5),
                      ("ames", "ames-county"), (a, c),
                      (("ames", "Ames: 420 homes"), ("ames-county", "402 in Ames")),
                      ("420 allows 420; 402 allows 402: no value is in both",
                       "article: 420 \u00b7 county: 402"))
    text = render(html_report, RunResult((FileResult(CLAIMS, sources, 2, (finding,), ()),)))
    problems = text.split('id="h-problems"', 1)[1].split("</section>", 1)[0]
    sides = re.findall(r'<div class="side" data-source="(\w+)"><h4[^>]*>\w+ <span class="says">'
                       r"says ([^<]+)</span>", problems)
    assert sides == [("article", "420"), ("county", "402")]
    assert "\u201c<b>402</b> in Ames\u201d" in problems         # the figure picked out
    assert "article: 420 \u00b7 county: 402" not in problems      # shown side by side instead


def test_quotes_are_placed_where_the_engine_found_them():
    """A quote that occurs in two sources is shown at its claim's source, from the spans the
    engine found (never searched for again)."""
    a_text, b_text = "x\nb47 were freed\n", "y\nb47 were freed\n"
    sources = (Source("a", "A", "a.txt", a_text), Source("b", "B", "b.txt", b_text))
    in_a, in_b = span("47", text=a_text, source="a"), span("47", text=b_text, source="b")
    finding = Finding("same", Severity.PASS, Verdict.HOLDS, "rescued is 47 both times",
                      Location(CLAIMS, 3, 5), ("a2", "b2"), (in_a, in_b),
                      (("a2", "b47 were freed"), ("b2", "b47 were freed")))
    file = FileResult(CLAIMS, sources, 2, (finding,), ())
    placed = [(q.claim, q.span.source, q.source.id) for q in common.quotes(finding, file)]
    assert placed == [("a2", "a", "a"), ("b2", "b", "b")]
    assert "(b2, line 2 of b)" in common.quotes(finding, file)[1].describe()
    for writer in (markdown_report, html_report):
        shown = render(writer, RunResult((file,)), show_level=Severity.PASS)
        assert "line 2 of a" not in shown.split("b2", 1)[1].split("\n", 1)[0]


def test_a_quote_without_its_span_takes_none_and_the_next_quote_the_span_inside_it():
    """When a claim of a finding was not anchored (fewer spans than quotes), each quote takes
    the next span that lies inside an occurrence of that quote: here the span of "b47 were
    freed" lies in its second occurrence, and "a9 held" has no span."""
    text = "b47 were freed\nand a9 held\nb47 were freed\n"
    sources = (Source("a", "A", "a.txt", text),)
    second = span("47", occurrence=1, text=text, source="a")
    finding = Finding("same", Severity.ERROR, Verdict.CONTRADICTION, "m", Location(CLAIMS, 3, 5),
                      ("a9", "b2"), (second,), (("a9", "a9 held"), ("b2", "b47 were freed")))
    file = FileResult(CLAIMS, sources, 2, (finding,), ())
    placed = [(q.claim, q.span) for q in common.quotes(finding, file)]
    assert placed == [("a9", None), ("b2", second)]
    for edge in (Span("a", 0, 3, 1, 1),                           # the quote's first characters
                 span("freed", occurrence=1, text=text, source="a")):  # its last ones
        assert [q.span for q in common.quotes(dataclasses.replace(finding, spans=(edge,)), file)] \
            == [None, edge]
    outside = span("a9", text=text, source="a")    # in no occurrence of "b47 were freed"
    assert [q.span for q in common.quotes(dataclasses.replace(
        finding, quotes=(("b2", "b47 were freed"),), claims=("b2",), spans=(outside, second)),
        file)] == [second]


def test_html_self_contained_and_escaped():
    evil = "<script>alert(1)</script> \"q\" & <img src=x onerror=alert(2)>"
    source = Source("article", evil, "x.txt", "Total " + evil + " 12 done")
    start = source.text.index("12")
    file = FileResult(CLAIMS, (source,), 1,
                      (odd_finding(message=evil, claims=('a"b',), waived=None),),
                      (Mark("article", start, start + 2, 1, start + 1, "12", "conditional",
                            ('a"b', "<c>"), (0,)),))
    text = render(html_report, RunResult((file,)))
    assert "<script>alert" not in text and "<img" not in text
    assert text.count("<script>") == 1
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "<link" not in text and "@import" not in text and "url(" not in text
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    mark = parse_html(text).marks[0]
    assert mark["data-claims"] == 'a"b <c>' and mark["data-status"] == "conditional"


class ArticleText(HTMLParser):
    """The text of the article as a reader sees it: marks' figures without their labels."""

    def __init__(self):
        super().__init__()
        self.text, self._inside, self._skip = [], 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._inside:
            self._inside += 1
            self._skip += bool(self._skip) or attrs.get("class") in ("badge", "vh")
        elif attrs.get("class") == "text":
            self._inside = 1

    def handle_endtag(self, tag):
        if self._inside:
            self._inside -= 1
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if self._inside and not self._skip:
            self.text.append(data)


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"),
               min_size=1), st.data())
def test_html_keeps_any_article_text_intact(text, data):
    """Every character of the article is shown, in order; only line breaks change: a blank
    line starts a paragraph, a single line break is a space."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    source = Source("article", "t", "t.txt", text)
    mark_ = Mark("article", start, end, 1, 1, text[start:end], "verified", ("c",), ())
    parser = ArticleText()
    parser.feed(render(html_report, RunResult((FileResult(CLAIMS, (source,), 1, (), (mark_,)),))))
    shown = "".join(parser.text)
    assert re.sub(r"[ \t\n]+", " ", shown).strip(" ") == re.sub(r"[ \t\n]+", " ", text).strip(" ")


def test_html_hard_wrapped_source_reads_as_paragraphs():
    wire = "Police rescued 47\npeople on Friday.\n\nOfficials said\nmore later.\n"
    text = render(html_report, RunResult((FileResult(CLAIMS, (Source(
        "wire", "Wire", "w.txt", wire),), 0, (), ()),)))
    body = text.split('<div class="text">', 1)[1].split("</div>", 1)[0]
    assert body == ("<p>Police rescued 47 people on Friday.</p>\n"
                    "<p>Officials said more later. </p>")


def test_html_print_stylesheet_and_fatal_file():
    fatal = FileResult("claims/broken.yaml", (), 0, (Finding(
        "input", Severity.ERROR, Verdict.INVALID, "expected a mapping",
        Location("claims/broken.yaml", 2, 1)),), (), fatal=True)
    text = render(html_report, RunResult((fatal,)))
    assert "@media print" in text and "could not be checked" in text
    assert "Input problem" in text


# --- atomic writes ----------------------------------------------------------------------------

def test_write_atomically_keeps_previous_report_on_failure(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("previous\n", encoding="utf-8")
    os.chmod(target, 0o640)

    def broken(out):
        out.write("partial")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        common.write_atomically(target, broken)
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]

    common.write_atomically(target, lambda out: json_report.write(
        seed_result(), out, ReportOptions()))
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    assert os.stat(target).st_mode & 0o777 == 0o640


def test_registry_has_every_format():
    from verify.report import formats
    assert set(formats()) == {"text", "json", "github", "sarif", "junit", "markdown", "html"}
    assert formats()["html"] is html_report.write


# --- the real engine on the seed claims file --------------------------------------------------

@pytest.fixture(scope="module")
def engine_result():
    from verify import engine  # a broken engine fails these tests, never skips them
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return engine.check_paths([CLAIMS])
    finally:
        os.chdir(cwd)


def test_engine_seed_in_every_format(engine_result, tmp_path):
    file = engine_result.files[0]
    assert not file.fatal
    contradiction = [f for f in file.findings if f.verdict is Verdict.CONTRADICTION
                     and f.severity is Severity.ERROR and f.waived is None
                     and "rescued-thursday-friday" in f.claims]
    assert contradiction, "47 rescued vs 41 rescued should be an error"
    data = json.loads(render(json_report, engine_result))
    json_validator().validate(data)
    assert any(f["verdict"] == "contradiction" and "rescued-thursday-friday" in f["claims"]
               for f in data["files"][0]["findings"])
    sarif_validate(json.loads(render(sarif_report, engine_result)))
    cases, failures, _, _ = junit(tmp_path, engine_result)
    assert len(cases) == len(file.findings) and failures >= 1
    assert render(github_report, engine_result).count("::error ") >= 1
    marks = parse_html(render(html_report, engine_result)).marks
    status = {}
    for m in marks:
        status.setdefault(m["text"], set()).add(m["data-status"])
    assert "contradiction" in status["41"] and "contradiction" in status["47"]
    assert status["102"] == {"verified"}


# --- the editor's decision: the snippet each finding offers ------------------------------------

def _seed_copy(tmp_path) -> Path:
    for name in ("operation-united-front.yaml", "operation-united-front.txt"):
        (tmp_path / name).write_text((ROOT / "claims" / name).read_text(encoding="utf-8"),
                                     encoding="utf-8")
    return tmp_path / "operation-united-front.yaml"


def _paste(path: Path, line: int, snippet: str, reason: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line, snippet.replace(waivers.REASON, reason)
                 .replace(waivers.UNCHECKED_REASON, reason))
    path.write_text("".join(lines), encoding="utf-8")


def test_waiver_snippet_pasted_where_it_says_waives_the_finding(tmp_path):
    from verify import engine
    claims = _seed_copy(tmp_path)
    file = engine.check_paths([str(claims)]).files[0]
    (error,) = [f for f in file.findings if f.severity is Severity.ERROR and f.waived is None]
    offer = waivers.suggestion(error, file, str(tmp_path))
    assert offer.where == f"operation-united-front.yaml:{error.location.line}"
    assert f"rule: {error.rule}" in offer.snippet and "FILL IN" in offer.snippet
    page = render(html_report, RunResult((file,)), root=str(tmp_path))
    assert f'<code class="paste-at">{offer.where}</code>' in page
    assert html_report.escape(offer.snippet) in page
    _paste(claims, error.location.line, offer.snippet, "AG release says 41 were given care")
    after = engine.check_paths([str(claims)]).files[0]
    assert not [f for f in after.findings if f.severity is Severity.ERROR and f.waived is None]
    assert [f.waived for f in after.findings if f.rule == error.rule and f.waived] == [
        "AG release says 41 were given care"]


def test_unchecked_snippet_for_an_uncovered_figure_covers_it(tmp_path):
    from verify import engine
    claims = _seed_copy(tmp_path)
    text = claims.read_text(encoding="utf-8")
    start = text.index("  - id: texas-arrested")
    end = text.index("  - id:", start + 5)
    claims.write_text(text[:start] + text[end:], encoding="utf-8")   # "Four" loses its claim
    file = engine.check_paths([str(claims)]).files[0]
    uncovered = [f for f in file.findings if f.rule == "coverage"]
    assert [f.verdict for f in uncovered] == [Verdict.UNCOVERED]
    assert engine.check_paths([str(claims)], require_coverage=True).files[0].findings and all(
        f.verdict is Verdict.UNCOVERED for f in engine.check_paths(
            [str(claims)], require_coverage=True).files[0].findings if f.rule == "coverage")
    offer = waivers.suggestion(uncovered[0], file, str(tmp_path))
    assert offer.snippet.startswith("unchecked:\n  - text: Four\n")
    entry = offer.snippet.split("\n", 1)[1]         # into the file's own unchecked: list
    line = claims.read_text(encoding="utf-8").splitlines().index("unchecked:") + 1
    _paste(claims, line, entry, "checked by hand")
    after = engine.check_paths([str(claims)], require_coverage=True).files[0]
    assert not [f for f in after.findings if f.rule == "coverage"]


def test_no_snippet_for_passes_input_problems_and_waived_findings():
    file = seed_file()
    offers = [waivers.suggestion(f, file) for f in file.findings]
    assert [o is not None for o in offers] == [True, False, False, False, False, False]
    bad = Finding("input", Severity.ERROR, Verdict.INVALID, "x", Location(CLAIMS, 3, 1))
    assert waivers.suggestion(bad, file) is None


def test_a_figure_repeated_by_other_sources_is_disputed_not_red(tmp_path):
    from verify import engine
    (tmp_path / "a.txt").write_text("Police said 47 were rescued. Later, 41 were rescued.\n")
    (tmp_path / "b.txt").write_text("The office said 47 were rescued.\n")
    claim = "  - {{id: {id}, source: {src}, quote: {q}, measure: rescued, value: \"{v}\", unit: people}}\n"
    (tmp_path / "c.yaml").write_text(
        "version: 1\nsources:\n  - {id: a, title: A, file: a.txt}\n"
        "  - {id: b, title: B, file: b.txt}\nclaims:\n"
        + claim.format(id="a47", src="a", q="said 47 were rescued", v="47")
        + claim.format(id="a41", src="a", q="41 were rescued", v="41")
        + claim.format(id="b47", src="b", q="said 47 were rescued", v="47"), encoding="utf-8")
    file = engine.check_paths([str(tmp_path / "c.yaml")]).files[0]
    status = {(m.source, m.text): m.status for m in file.marks if m.claims}
    assert status == {("a", "47"): "contradiction", ("a", "41"): "contradiction",
                      ("b", "47"): "disputed"}
    quoted = [q for f in file.findings for q in common.quotes(f, file) if q.claim == "b47"]
    assert quoted and all(q.span.source == "b" for q in quoted)


@pytest.mark.parametrize("verb", ["add to", "allows", "is", "not"])
def test_an_interval_on_the_page_reads_as_english_after_its_verb(verb):
    text = common.in_words(f"the parts {verb} [$49,445,000, $49,855,000), (1, 2], (3, 4) and [5, 6]")
    assert text == (f"the parts {verb} between $49,445,000 and just under $49,855,000, between "
                    "just over 1 and 2, between just over 3 and just under 4 and between 5 and 6")


_UNITS = st.sampled_from([None, "percent", "people", "USD", "EUR", "homes", "km", "1"])
_ENDS = st.fractions(min_value=-10**7, max_value=10**7, max_denominator=1000).map(Fraction)


@given(_ENDS, _ENDS, st.booleans(), st.booleans(), _UNITS)
def test_intervals_in_words_wherever_a_rule_writes_one(a, b, lo_closed, hi_closed, unit):
    from verify.model import Interval
    from verify.values.numbers import fmt_interval
    interval = Interval(min(a, b), max(a, b), lo_closed, hi_closed)
    words = common.interval_words(interval, unit)
    assert "[" not in words and ")" not in words
    if not interval.is_point:        # one phrase that reads after any verb: "add to between ..."
        assert words.startswith("between ") and " to " not in words
    assert common.in_words(f"x is {fmt_interval(interval, unit)}, not 3") == f"x is {words}, not 3"
    assert common.in_words(f'"{fmt_interval(interval, unit)}" as quoted') == \
        f'"{fmt_interval(interval, unit)}" as quoted'
