"""Hostile and malformed input: verify never crashes, hangs, runs code or exhausts memory.

Every case of tests/hostile/corpus.py runs as CI runs it: `python -m verify.cli check
<hostile file> <seed>` in a subprocess, with a copy of the example claims file as the seed in
the same run.  Each case checks the exit code; a `path:line:col` message with the case's key
phrase (never whole texts); no traceback; that the seed was still checked (its `same`
finding is printed); the CPU time (a run past TIMEOUT CPU seconds, or waiting HANG seconds,
is stopped and fails this case only); and the child's peak memory.

Memory.  The spec says under 500 MB; that is asserted on the child's peak resident set
(ru_maxrss).  The hard cap is RLIMIT_AS = 1 GiB, set in the child before it starts: address
space is not memory (shared libraries, allocator arenas and reserved, untouched mappings all
count), so a cap at 500 MB could fail a healthy run, while 1 GiB still turns a runaway into a
MemoryError instead of a CI machine lost to the OOM killer.  ru_maxrss is read with os.wait4
for exactly this child: getrusage(RUSAGE_CHILDREN) is the high-water mark of every child the
test process ever waited for, so a heavy child of an earlier test (a browser) would be
measured instead.
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hostile.corpus import CASES, FOLDER, VALID

from verify import cli
from verify import config as settings
from verify.engine import check_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "claims" / "operation-united-front.yaml"
TIMEOUT = 5.0                       # CPU seconds per run, the seed included: what the run
                                    # costs, whatever else loads the machine (CI, parallel jobs)
HANG = 60.0                         # wall-clock seconds: a run waiting on nothing is a hang too
ADDRESS_SPACE = 2**30               # RLIMIT_AS of the child
PEAK_MEMORY = 500 * 2**20           # asserted on ru_maxrss
SEED_CHECKED = re.compile(r"^seed/operation-united-front\.yaml:\d+:\d+: error same ", re.M)


def _cap_memory() -> None:          # runs in the child, before verify starts
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    cpu = int(TIMEOUT) + 1          # the kernel stops a child that spins past its CPU time
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def run_cli(args: list[str], cwd: Path) -> tuple[int, str, str, float, int]:
    """(exit code, stdout, stderr, CPU seconds, peak RSS in bytes); fails the test on a hang."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        # notes too (the coverage and date messages the cases expect), as the text format
        # lists them only under --show-level note
        child = subprocess.Popen([sys.executable, "-m", "verify.cli", "check", "--show-level",
                                  "note", *args], cwd=cwd,
                                 stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                 preexec_fn=_cap_memory, env={**os.environ, "GITHUB_ACTIONS": ""})
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > HANG:
                child.kill()
                os.wait4(child.pid, 0)
                child.returncode = -9          # reaped here; Popen must not wait again
                pytest.fail(f"hang: `verify check {' '.join(args)}` killed after {HANG} s")
            time.sleep(0.01)
        seconds = usage.ru_utime + usage.ru_stime
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode == -signal.SIGXCPU or child.returncode == -signal.SIGKILL:
            pytest.fail(f"hang: `verify check {' '.join(args)}` stopped after {TIMEOUT} CPU seconds")
        out.seek(0)
        err.seek(0)
        return (child.returncode, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"), seconds, usage.ru_maxrss * 1024)


@pytest.fixture
def seeded(tmp_path) -> Path:
    (tmp_path / "seed").mkdir()
    shutil.copy(SEED, tmp_path / "seed")
    shutil.copy(SEED.with_suffix(".txt"), tmp_path / "seed")
    (tmp_path / "hostile").mkdir()
    yield tmp_path
    shutil.rmtree(tmp_path / "hostile", ignore_errors=True)    # the 100 MB file goes at once


def _params() -> list:
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
        yield pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_hostile_input(seeded, case):
    path = case.make(seeded / "hostile").relative_to(seeded).as_posix()
    code, out, err, seconds, peak = run_cli([path, "seed/operation-united-front.yaml"], seeded)
    assert "Traceback" not in out + err
    assert SEED_CHECKED.search(out), f"the seed was not checked in the same run:\n{out[-2000:]}"
    mine = [line for line in out.splitlines() if line.startswith(f"{path}:")]
    pattern = re.compile(rf"^{re.escape(path)}:(\d+):(\d+): (error|warning|note) {case.rule} "
                         rf".*{re.escape(case.phrase)}")
    found = [m for m in map(pattern.match, mine) if m]
    assert found, f"no '{case.rule}' message with {case.phrase!r} for {path}:\n" + "\n".join(mine)
    if case.where:
        assert (int(found[0].group(1)), int(found[0].group(2))) == case.where, found[0].group(0)
    if case.code == 1:      # valid input: checked, with no input problem
        assert not [line for line in mine if " error input " in line], mine
    assert all(len(line) < 2000 for line in mine), "a message echoes the hostile input whole"
    assert code == case.code, f"exit {code}:\n{out[-2000:]}\n{err[-2000:]}"
    assert not list(seeded.rglob("pwned")), "a YAML tag ran code"
    assert seconds < TIMEOUT
    assert peak < PEAK_MEMORY, f"peak memory {peak / 2**20:.0f} MB"


def test_a_folder_named_like_a_claims_file(seeded):
    """On the command line a folder is a folder of claims files (this one holds none);
    handed to the engine as a file, it is an input problem with a position."""
    path = FOLDER.make(seeded / "hostile").relative_to(seeded).as_posix()
    code, out, err, _, _ = run_cli([path, "seed/operation-united-front.yaml"], seeded)
    assert "Traceback" not in out + err and SEED_CHECKED.search(out)
    assert code == 1
    result = check_file(str(seeded / path), settings.load([]))
    assert result.fatal
    first = result.findings[0]
    assert first.location.line == 1 and "it is a directory" in first.message


LIMITS = [("file_bytes", 100, "(limits.file_bytes)"), ("source_bytes", 10, "(limits.source_bytes)"),
          ("depth", 1, "(limits.depth)"), ("nodes", 5, "(limits.nodes)"),
          ("claims", 1, "(limits.claims)"), ("string_chars", 5, "(limits.string_chars)")]


@pytest.mark.parametrize("limit, value, phrase", LIMITS, ids=[x[0] for x in LIMITS])
def test_every_limit_is_set_in_checks(tmp_path, limit, value, phrase):
    (tmp_path / "article.txt").write_text("In all, 47 people were rescued on Friday. Officials "
                                          "later said 41 people were rescued.\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "limits.yaml").write_text(f"limits:\n  {limit}: {value}\n", encoding="utf-8")
    result = check_file(str(tmp_path / "c.yaml"), settings.load([str(tmp_path / "limits.yaml")]))
    assert result.fatal
    assert any(phrase in f.message and f.location.line >= 1 for f in result.findings), \
        [f.message for f in result.findings]
    assert not check_file(str(tmp_path / "c.yaml"), settings.load([])).fatal


def test_a_hostile_settings_file_is_refused_with_its_position(tmp_path, capsys):
    (tmp_path / "checks").mkdir()
    shutil.copy(ROOT / "tests" / "hostile" / "alias-bomb.yaml", tmp_path / "checks" / "bomb.yaml")
    code = cli.main(["check", str(SEED), "--config", str(tmp_path / "checks" / "bomb.yaml")])
    err = capsys.readouterr().err
    assert code == 2
    assert re.search(r"bomb\.yaml:3:8: alias '\*a' is not allowed", err), err
    assert "Traceback" not in err


def test_an_unknown_limit_is_a_settings_error(tmp_path):
    (tmp_path / "limits.yaml").write_text("limits:\n  claim: 5\n", encoding="utf-8")
    with pytest.raises(settings.ConfigError, match=r"limits.yaml:2:3: unknown limit 'claim'"):
        settings.load([str(tmp_path / "limits.yaml")])


@pytest.mark.parametrize("interruption", [RuntimeError("disk full"), KeyboardInterrupt()],
                         ids=["failure", "interrupt"])
def test_a_report_that_fails_midway_leaves_the_previous_report(tmp_path, monkeypatch,
                                                              interruption, capsys):
    import verify.report.json_report as json_report

    shutil.copy(SEED, tmp_path)
    shutil.copy(SEED.with_suffix(".txt"), tmp_path)
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    report.write_text('{"previous": "report"}\n', encoding="utf-8")

    def half_then_fail(result, out, options):
        out.write('{"schema": 1, "files": [')
        raise interruption

    monkeypatch.setattr(json_report, "write", half_then_fail)
    code = cli.main(["check", str(tmp_path / SEED.name), "--report", f"json:{report}"])
    assert code == 2
    assert report.read_text(encoding="utf-8") == '{"previous": "report"}\n'
    assert [p.name for p in report.parent.iterdir()] == ["report.json"]   # no temporary left
    assert "Traceback" not in capsys.readouterr().err
