"""verify check --watch: the result is redrawn when a claims file or a source changes (issue 16)."""
from __future__ import annotations

import io
import os

from verify import cli, watch

CLAIMS = """version: 1
sources:
  - id: article
    file: "a.txt"   # the article
claims:
  - id: total
    quote: arrested 102 people
    measure: arrested
    value: 102
    unit: people
"""


def _setup(tmp_path):
    (tmp_path / "a.txt").write_text("Police arrested 102 people.\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    return tmp_path / "c.yaml", tmp_path / "a.txt"


def _touch(path, text):
    path.write_text(text, encoding="utf-8")
    info = os.stat(path)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))    # a later mtime, surely


def test_watched_files_are_the_claims_files_and_their_sources(tmp_path):
    claims, source = _setup(tmp_path)
    assert watch.watched([str(tmp_path)]) == sorted([str(claims), str(source)])


def test_a_change_to_a_source_or_claims_file_runs_the_check_again(tmp_path):
    claims, source = _setup(tmp_path)
    runs = []
    edits = [lambda: None, lambda: _touch(source, "Police arrested 103 people.\n"), lambda: None,
             lambda: _touch(claims, CLAIMS.replace("102", "103"))]
    out = io.StringIO()
    code = watch.watch(lambda: runs.append(1) or len(runs), lambda: watch.watched([str(tmp_path)]),
                       out, polls=len(edits), sleep=lambda _: edits.pop(0)())
    assert len(runs) == 3 and code == 3            # once at the start, once per change
    shown = out.getvalue().splitlines()
    assert [line for line in shown if "checking again" in line] == [
        f"verify: {source} changed; checking again", f"verify: {claims} changed; checking again"]


def test_no_change_no_redraw(tmp_path):
    _setup(tmp_path)
    runs = []
    watch.watch(lambda: runs.append(1) or 0, lambda: watch.watched([str(tmp_path)]), io.StringIO(),
                polls=3, sleep=lambda _: None)
    assert runs == [1]


def test_check_watch_on_the_command_line_checks_and_stops_on_ctrl_c(tmp_path, monkeypatch):
    claims, source = _setup(tmp_path)

    def interrupt(_):
        raise KeyboardInterrupt
    monkeypatch.setattr(watch.time, "sleep", interrupt)
    out = io.StringIO()
    _touch(source, "Police arrested 101 people.\n")       # the quote no longer matches
    assert cli.main(["check", "--watch", str(claims)], out) == 1
    assert "1 error" in out.getvalue()
