"""The example articles of examples/ each report exactly their planted error.

Every example claims file says, in comments at its top, what verify must report and what it
must not (the same outcome syntax as the rule manuals, tests/test_manuals.py):

    # -> error same (crews-overnight, crews-mayor): words for the reader
    # trap: same (without-water, lost-service)

`-> OUTCOME RULE (ids)` lines are the planted findings: each must be reported, and nothing
else may be reported at warning or error.  `trap: RULE (ids)` lines are checks that look
suspicious but hold: that rule must have checked exactly those claims and found them to hold.
The examples run through the command line (`verify check --format json`), as in CI.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from verify import cli
from verify.evaluate.rules import NAMES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SETTINGS = ROOT / "checks" / "verify.yaml"
PLANTED = re.compile(r"^# -> (note|warning|error) ([a-z]+) \(([^)]*)\): \S", re.MULTILINE)
TRAP = re.compile(r"^# trap: ([a-z]+) \(([^)]*)\)$", re.MULTILINE)
LOUD = ("warning", "error")


def _ids(text: str) -> frozenset[str]:
    return frozenset(i.strip() for i in text.split(",") if i.strip())


def _examples():
    return sorted(EXAMPLES.glob("*/*.yaml"))


def _check(path: Path) -> tuple[int, list[dict]]:
    out = io.StringIO()
    code = cli.main(["check", str(path), "--format", "json", "--show-level", "pass",
                     "--config", str(SETTINGS)], out)
    (result,) = json.loads(out.getvalue())["files"]
    return code, result["findings"]


@pytest.mark.parametrize("path", _examples(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example_reports_exactly_its_planted_error(path):
    text = path.read_text(encoding="utf-8")
    planted = {(rule, severity, _ids(ids)) for severity, rule, ids in PLANTED.findall(text)}
    traps = [(rule, _ids(ids)) for rule, ids in TRAP.findall(text)]
    assert planted and traps, "an example plants an error ('# -> ...') and sets a trap ('# trap: ...')"
    if path.parent.name in set(NAMES) | {"solve", "anchor"}:    # else: a folder of a topic
        assert {rule for rule, _, _ in planted} == {path.parent.name}, "the error is the folder's rule"
    code, findings = _check(path)
    reported = {(f["rule"], f["severity"], frozenset(f["claims"])) for f in findings
                if f["severity"] in LOUD}
    shown = "\n".join(f"{f['severity']} {f['rule']} {f['claims']}: {f['message']}" for f in findings)
    assert reported == planted, shown
    assert code == (1 if any(s == "error" for _, s, _ in planted) else 0)
    for rule, ids in traps:
        held = [f for f in findings if f["rule"] == rule and frozenset(f["claims"]) == ids]
        assert held and all(f["verdict"] == "holds" for f in held), f"trap {rule} {sorted(ids)}\n{shown}"


def test_every_rule_has_an_example():
    from verify.evaluate.rules import NAMES
    assert set(NAMES) | {"solve", "anchor"} <= {p.parent.name for p in _examples()}


def test_examples_are_explained():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "deliberately" in readme
    for path in _examples():
        assert f"{path.parent.name}/{path.name}" in readme, path
