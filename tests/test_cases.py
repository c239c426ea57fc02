"""Rule cases as data: each case of tests/cases/<rule>.yaml is one pytest case, `<rule>::<name>`.

A case is an article, claims about it in the claims language, and the findings expected.
Adding a case never needs Python.  The format (tests/cases/README.md has the full manual):

    cases:
      - name: fail_off_by_five           # unique in its file; the test id is sum::fail_off_by_five
        note: why this case exists       # optional, for people
        article: |                       # the text of source "article" (file article.txt)
          Police arrested 12 people: 4 in Ames and 3 in Boone.
        published: 2021-08-27            # optional: the article's publication date
        sources:                         # optional: more sources, each {id, text, published, corrects}
          - {id: wire, text: "...", published: 2021-08-26}
        breakdowns: [...]                # copied into the claims file as written
        claims: [...]                    #   "
        relations: [...]                 #   "
        unchecked: [...]                 #   "
        waivers: [...]                   #   "
        settings: {hedges: {about: 5%}}  # optional settings overrides (coverage is off unless set)
        expect:                          # findings that must appear (each matches one or more)
          - rule: sum                    # default: the file's rule
            severity: error              # pass | note | warning | error (optional)
            verdict: contradiction       # contradiction | holds-only-if | holds | invalid (optional)
            claims: [t, a, b]            # exactly these claim ids, in any order (optional)
            message_has: ["1,334,000"]   # substrings of the message (optional)
            detail_has: ["= 7"]          # substrings of the arithmetic and derived lines (optional)
            waived: true                 # the finding is waived (optional)
        strict: rule                     # rule (default) | all | off, see below

Strictness, checked after `expect`: with `rule` every finding of the case's own rule at note or
above, and every finding of any rule at warning or above, must be matched by an `expect`
entry; `all` widens that to every finding at note or above; `off` checks only `expect`.
So `expect: []` says "nothing to report".

The runner writes the article and a claims file built from the case into a temporary folder,
runs `verify.engine.check_file`, and compares rules, severities, verdicts and claim ids,
never whole messages.  Case files are read with PyYAML's BaseLoader, so every scalar stays
the text it was written as ("3.20" stays "3.20").
"""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from verify import config as settings
from verify.engine import check_file
from verify.model import Severity, Verdict

CASES = Path(__file__).resolve().parent / "cases"
CASE_KEYS = ("name", "note", "article", "published", "sources", "breakdowns", "claims",
             "relations", "unchecked", "waivers", "settings", "expect", "strict")
EXPECT_KEYS = ("rule", "severity", "verdict", "claims", "message_has", "detail_has", "waived")
COPIED = ("breakdowns", "claims", "relations", "unchecked", "waivers")
BASE_SETTINGS = {"rules": {"coverage": "off"}}


def read_cases(path: Path) -> list[dict]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{path.name}: {error}") from None
    cases = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(cases, list) or not cases:
        raise ValueError(f"{path.name}: expected a top-level 'cases:' list")
    names = [c.get("name") for c in cases]
    for case, name in zip(cases, names, strict=True):
        _known(case, CASE_KEYS, f"{path.name} case {name}")
        if not name or names.count(name) > 1:
            raise ValueError(f"{path.name}: case name {name!r} is missing or used twice")
        for entry in _list(case.get("expect")):
            _known(entry, EXPECT_KEYS, f"{path.name} case {name}: expect entry")
    return cases


def _known(record, keys, what: str) -> None:
    if not isinstance(record, dict):
        raise ValueError(f"{what} must be a mapping")
    for key in record:
        if key not in keys:
            guess = difflib.get_close_matches(key, keys, n=1)
            hint = f"; did you mean {guess[0]!r}?" if guess else ""
            raise ValueError(f"{what}: unknown key {key!r}{hint}")


def _list(value) -> list:
    return [] if value in (None, "", "[]") else list(value)


def write_case(case: dict, folder: Path) -> tuple[Path, Path]:
    """The case as files: article.txt (+ other sources), claims.yaml and settings.yaml."""
    sources = [{"id": "article", "text": case.get("article", ""), "published": case.get("published")}]
    sources += _list(case.get("sources"))
    listed = []
    for source in sources:
        name = f"{source['id']}.txt"
        (folder / name).write_text(source.get("text") or "", encoding="utf-8")
        listed.append({"id": source["id"], "file": name}
                      | ({"published": source["published"]} if source.get("published") else {})
                      | ({"corrects": source["corrects"]} if source.get("corrects") else {}))
    document = {"sources": listed} | {key: case[key] for key in COPIED if key in case}
    claims_path = folder / "claims.yaml"
    claims_path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                           encoding="utf-8")
    settings_path = folder / "settings.yaml"
    overrides = dict(case.get("settings") or {})
    merged = BASE_SETTINGS | overrides
    merged["rules"] = BASE_SETTINGS["rules"] | dict(overrides.get("rules") or {})
    settings_path.write_text(yaml.safe_dump(merged, sort_keys=False), encoding="utf-8")
    return claims_path, settings_path


def run_case(case: dict, folder: Path):
    claims_path, settings_path = write_case(case, folder)
    return check_file(str(claims_path), settings.load([str(settings_path)]))


def matches(finding, entry: dict, rule: str) -> bool:
    if finding.rule != entry.get("rule", rule):
        return False
    if "severity" in entry and finding.severity is not Severity.parse(entry["severity"]):
        return False
    if "verdict" in entry and finding.verdict is not Verdict(entry["verdict"]):
        return False
    if "claims" in entry and set(finding.claims) != set(_list(entry["claims"])):
        return False
    if "waived" in entry and (finding.waived is not None) != (entry["waived"] == "true"):
        return False
    detail = "\n".join(finding.arithmetic + finding.derived)
    return all(s in finding.message for s in _list(entry.get("message_has"))) and \
        all(s in detail for s in _list(entry.get("detail_has")))


def show(finding) -> str:
    return (f"{finding.severity.label} {finding.rule} {finding.verdict.value} "
            f"[{', '.join(finding.claims)}]{' (waived)' if finding.waived else ''}: {finding.message}")


def problems(findings, expect: list[dict], rule: str, strict: str) -> list[str]:
    """What is wrong with `findings` against the case's expectations (empty: the case passes)."""
    out = [f"expected {entry}, not found" for entry in expect
           if not any(matches(f, entry, rule) for f in findings)]
    if strict not in ("rule", "all", "off"):
        out.append(f"strict is {strict!r}; expected rule, all or off")
    for finding in findings:
        if strict == "off" or any(matches(finding, entry, rule) for entry in expect):
            continue
        loud = finding.severity >= Severity.WARNING or (
            finding.severity >= Severity.NOTE and (strict == "all" or finding.rule == rule))
        if loud:
            out.append(f"unexpected: {show(finding)}")
    return out


def _collect():
    for path in sorted(CASES.glob("*.yaml")):
        for case in read_cases(path):
            yield pytest.param(path.stem, case, id=f"{path.stem}::{case['name']}")


@pytest.mark.parametrize("rule, case", list(_collect()))
def test_case(rule, case, tmp_path):
    result = run_case(case, tmp_path)
    wrong = problems(result.findings, _list(case.get("expect")), rule, case.get("strict", "rule"))
    assert not wrong, "\n".join(wrong + ["findings:"] + [show(f) for f in result.findings])


def test_every_rule_has_cases():
    from verify.evaluate.rules import NAMES
    have = {p.stem for p in CASES.glob("*.yaml")}
    assert set(NAMES) | {"solve", "anchor"} <= have
