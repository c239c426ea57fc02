"""Order independence: reordering a claims file's records never changes what verify reports.

For every claims file in the repository (the seed, every example under examples/, and
every rule case of tests/cases/), the lists `sources`, `breakdowns`, `claims`, `relations`,
`unchecked` and `waivers` are permuted (first every list reversed, then two seeded shuffles)
and the JSON report of each permutation must be byte-identical to the report of the file in
its written order, after one normalisation: the line and column of a finding's location in
the *claims file* (and the claims file's own path) are dropped, because moving a record moves
them.  Everything else is compared as is: the set and order of findings, rule, severity,
verdict, message, claims, quotes, spans (positions in the *source* texts, which do not move),
arithmetic, derived facts, waivers and fingerprints; the sources, marks and summary too.

Each file is read with PyYAML's BaseLoader (every scalar stays the text it was written as) and
written back with safe_dump; the file in its written order goes through the same round trip,
so the permutation is the only difference.  A first check makes sure that round trip itself
changes nothing for the repository's files (the case files are built that way already).
"""
from __future__ import annotations

import difflib
import io
import json
import random
import shutil
from collections import Counter
from pathlib import Path, PurePosixPath

import pytest
import test_cases
import yaml

from verify import config as settings
from verify.engine import check_file
from verify.model import RunResult, Severity
from verify.report import ReportOptions, json_report
from verify.report.common import write_json

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "claims" / "operation-united-front.yaml"
EXAMPLES = ROOT / "examples"
REPO_SETTINGS = ROOT / "checks" / "verify.yaml"
SHUFFLED = ("sources", "breakdowns", "claims", "relations", "unchecked", "waivers")
SHUFFLES = 3            # permutations per file: reversed, then seeded random ones
MAX_DIFF_LINES = 250


def _items():
    yield pytest.param("repo", SEED, id="seed")
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        yield pytest.param("repo", path, id=f"examples/{path.relative_to(EXAMPLES).with_suffix('')}")
    for path in sorted(test_cases.CASES.glob("*.yaml")):
        for case in test_cases.read_cases(path):
            yield pytest.param("case", case, id=f"cases/{path.stem}::{case['name']}")


# -- files ---------------------------------------------------------------------------------

def _load(text: str) -> dict:
    data = yaml.load(text, Loader=yaml.BaseLoader)
    assert isinstance(data, dict), "a claims file is a mapping"
    return data


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _source_files(data: dict) -> list[str]:
    files = []
    for source in data.get("sources") or []:
        name = source.get("file") if isinstance(source, dict) else None
        if name:
            path = PurePosixPath(name)
            assert not path.is_absolute() and ".." not in path.parts, \
                f"source file {name!r} is not below its claims file; this test copies sources beside it"
            files.append(name)
    return files


class Subject:
    """One claims file: its text, where its sources are, the settings it is checked with."""

    def __init__(self, kind: str, what, tmp_path: Path):
        if kind == "case":
            claims_path, settings_path = test_cases.write_case(what, _mkdir(tmp_path / "case"))
            self.config = settings.load([str(settings_path)])
        else:
            claims_path = what
            self.config = settings.load([str(REPO_SETTINGS)])
        self.name = claims_path.name
        self.folder = claims_path.parent
        self.text = claims_path.read_text(encoding="utf-8")
        self.data = _load(self.text)
        self.sources = _source_files(self.data)
        self.tmp = tmp_path

    def report(self, label: str, text: str) -> str:
        """The normalised JSON report of the claims file `text`, checked beside copies of the
        sources in a folder of its own (so paths and fingerprints read the same in each)."""
        folder = _mkdir(self.tmp / label)
        for name in self.sources:
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if (self.folder / name).is_file():
                shutil.copyfile(self.folder / name, target)
        path = folder / self.name
        path.write_text(text, encoding="utf-8")
        result = check_file(str(path), self.config)
        out = io.StringIO()
        json_report.write(RunResult((result,)), out,
                          ReportOptions(show_level=Severity.PASS, show_waived=True, root=str(folder)))
        return _normalised(json.loads(out.getvalue()))


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _normalised(report: dict) -> str:
    """Positions in the claims file move when its records are reordered: drop them (and the
    claims file's path).  Spans and marks are positions in the sources and stay."""
    for file in report["files"]:
        file["path"] = "<claims file>"
        for finding in file["findings"]:
            location = finding["location"]
            location.pop("line", None)
            location.pop("column", None)
            location["path"] = "<claims file>"
    out = io.StringIO()
    write_json(report, out)
    return out.getvalue()


# -- permutations --------------------------------------------------------------------------

def _permuted(data: dict, rng: random.Random | None) -> dict:
    """`data` with each shuffled list reversed (rng None) or shuffled by `rng`; a shuffle that
    leaves every list as it was is drawn again, so that each variant does reorder something."""
    lists = [k for k in SHUFFLED if isinstance(data.get(k), list) and len(data[k]) > 1]
    for _ in range(20):
        out = dict(data)
        for key in lists:
            records = list(data[key])
            if rng is None:
                records.reverse()
            else:
                rng.shuffle(records)
            out[key] = records
        if rng is None or not lists or any(out[k] != data[k] for k in lists):
            return out
    return out


def _label(record) -> str:
    if not isinstance(record, dict):
        return repr(record)[:30]
    for key in ("id", "text", "whole", "rule"):
        if key in record:
            return f"{key}={record[key]}"
    kind = next(iter(record), "?")
    return f"{kind}={record[kind]}"


def _describe(data: dict, permuted: dict) -> str:
    lines = []
    for key in SHUFFLED:
        if isinstance(permuted.get(key), list) and permuted[key] != data.get(key):
            lines.append(f"  {key}: {', '.join(_label(r) for r in permuted[key])}")
    return "\n".join(lines) or "  (nothing to reorder)"


def _keys(findings: list[dict]) -> list[str]:
    return [json.dumps(f, sort_keys=True) for f in findings]


def _explain(expected: str, got: str) -> str:
    """What differs, in words, then a unified diff of the two reports."""
    a, b = json.loads(expected), json.loads(got)
    words = []
    for fa, fb in zip(a["files"], b["files"], strict=True):
        ka, kb = _keys(fa["findings"]), _keys(fb["findings"])
        if Counter(ka) == Counter(kb) and ka != kb:
            words.append("the same findings, in a different order")
        elif Counter(ka) != Counter(kb):
            gone = [json.loads(k) for k in (Counter(ka) - Counter(kb)).elements()]
            new = [json.loads(k) for k in (Counter(kb) - Counter(ka)).elements()]
            words.append(f"{len(gone)} finding(s) only in the written order, {len(new)} only in "
                         "the permutation:")
            words += [f"  - {f['severity']} {f['rule']} {f['claims']}: {f['message']}" for f in gone]
            words += [f"  + {f['severity']} {f['rule']} {f['claims']}: {f['message']}" for f in new]
        for key in ("sources", "marks", "claims", "fatal"):
            if fa.get(key) != fb.get(key):
                words.append(f"'{key}' differs")
    if a["summary"] != b["summary"]:
        words.append("the summary differs")
    diff = list(difflib.unified_diff(expected.splitlines(), got.splitlines(),
                                     "written order", "permuted", n=3, lineterm=""))
    if len(diff) > MAX_DIFF_LINES:
        diff = diff[:MAX_DIFF_LINES] + [f"... ({len(diff) - MAX_DIFF_LINES} more diff lines)"]
    return "\n".join(words + [""] + diff)


# -- the property --------------------------------------------------------------------------

@pytest.mark.parametrize("kind, what", list(_items()))
def test_reordering_records_changes_no_finding(kind, what, tmp_path, request):
    subject = Subject(kind, what, tmp_path)
    written = _dump(subject.data)
    expected = subject.report("written", written)
    if kind == "repo" and written != subject.text:
        as_is = subject.report("as-is", subject.text)
        assert as_is == expected, (
            "the BaseLoader -> safe_dump round trip alone changed the report (a problem of this "
            "test's premise, not of order):\n" + _explain(as_is, expected))
    for n in range(SHUFFLES):
        rng = None if n == 0 else random.Random(f"{request.node.callspec.id}:{n}")
        permuted = _permuted(subject.data, rng)
        got = subject.report(f"permuted-{n}", _dump(permuted))
        if got != expected:
            how = "every list reversed" if rng is None else f"shuffle {n} (seeded)"
            pytest.fail(f"{how} changed the report.\nThe permutation:\n"
                        f"{_describe(subject.data, permuted)}\n\n{_explain(expected, got)}",
                        pytrace=False)


def test_the_order_of_the_files_of_a_run_changes_no_files_report(tmp_path):
    """No hidden process state (issue 14, item 5): the seed and every example checked in one
    process, in the written order and reversed, give each file the same report (a unit's
    dimension once depended on the units the process had met before)."""
    import subprocess
    import sys
    root = Path(__file__).resolve().parent.parent
    files = ["claims/operation-united-front.yaml"] + sorted(
        str(p.relative_to(root)) for p in (root / "examples").rglob("*.yaml"))

    def reports(order):
        done = subprocess.run([sys.executable, "-m", "verify", "check", "--format", "json",
                               "--show-level", "pass", *order], capture_output=True, text=True,
                              cwd=root)
        assert done.returncode in (0, 1), done.stderr
        return {f["path"]: f for f in json.loads(done.stdout)["files"]}
    assert reports(files) == reports(files[::-1])
