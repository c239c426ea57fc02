"""Every rule's manual (its module docstring) runs: the passing example passes, the failing fails.

A manual has one "Passing example:" and one "Failing example:" section.  Each is an indented
block in the case format of tests/cases (article, published, breakdowns, claims, relations,
settings ...) followed by one or more outcome lines:

    -> OUTCOME RULE (CLAIM, CLAIM ...): words for the reader

OUTCOME is `holds` (the check held, with or without a note), `note` (held, with a note),
`warning` or `error` (the severity of the finding).  The claim ids are the finding's, in any
order; the words after the colon are for people and are not compared.  Beyond the outcome
lines the example must be quiet: nothing else from its rule at note or above, and nothing from
any rule at warning or above.
"""
from __future__ import annotations

import re
import textwrap

import pytest
import test_cases as cases
import yaml

from verify.evaluate.rules import NAMES, registry

SECTION = re.compile(r"^(Passing|Failing) example:\n((?:(?:    .*)?\n)+)", re.MULTILINE)
OUTCOME = re.compile(r"-> (holds|note|warning|error) ([a-z]+) \(([^)]*)\): \S.*")
EXPECT = {"holds": {"verdict": "holds"}, "note": {"severity": "note", "verdict": "holds"},
          "warning": {"severity": "warning"}, "error": {"severity": "error"}}


def examples(doc: str) -> dict[str, tuple[dict, list[dict]]]:
    """{"Passing": (case, expect), "Failing": (case, expect)} from a rule's manual."""
    found = {}
    for kind, block in SECTION.findall(doc + "\n"):
        lines = textwrap.dedent(block).strip("\n").splitlines()
        outcomes = [line for line in lines if line.startswith("->")]
        assert outcomes, f"{kind} example has no '-> OUTCOME RULE (ids): ...' line"
        case = yaml.load("\n".join(line for line in lines if not line.startswith("->")),
                         Loader=yaml.BaseLoader)
        expect = []
        for line in outcomes:
            match = OUTCOME.fullmatch(line)
            assert match, f"{kind} example: '{line}' is not '-> OUTCOME RULE (ids): words'"
            outcome, rule, ids = match.groups()
            expect.append({"rule": rule, "claims": [i.strip() for i in ids.split(",") if i.strip()],
                           **EXPECT[outcome]})
        assert kind not in found, f"two {kind} examples"
        found[kind] = (case, expect)
    return found


def _params():
    for name in NAMES:
        for kind in ("Passing", "Failing"):
            yield pytest.param(name, kind, id=f"{name}::{kind.lower()}")


@pytest.mark.parametrize("rule, kind", list(_params()))
def test_manual_example(rule, kind, tmp_path):
    doc = registry()[rule].manual     # its module's docstring (read from source when compiled)
    assert doc.startswith(f"{rule}: "), "a manual starts with 'RULE: what it checks'"
    found = examples(doc)
    assert kind in found, f"the manual of {rule} has no '{kind} example:' section"
    case, expect = found[kind]
    assert all(e["rule"] == rule for e in expect), "an example shows its own rule's outcome"
    severities = {e.get("severity") for e in expect}
    if kind == "Passing":
        assert severities <= {None, "note"}, "a passing example expects holds or note"
    else:
        assert severities & {"warning", "error"}, "a failing example expects a warning or error"
    result = cases.run_case(case, tmp_path)
    wrong = cases.problems(result.findings, expect, rule, "rule")
    assert not wrong, "\n".join(wrong + ["findings:"] + [cases.show(f) for f in result.findings])
