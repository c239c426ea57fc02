"""The HTML report in a real headless browser: the DOM after its script ran, and a
screenshot.  Needs Debian's chromium (`apt-get install -y chromium`)."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from test_reports import seed_result
from verify.report import ReportOptions, html_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("chromium not found: install Debian's chromium to run the browser test "
                    "(apt-get install -y chromium)")
    return found


def run_chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
               f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(command, capture_output=True, timeout=60, check=True,
                          env={**os.environ, "HOME": str(tmp_path)})


@pytest.fixture
def report(tmp_path):
    out = io.StringIO()
    html_report.write(seed_result(), out, ReportOptions())
    path = tmp_path / "report.html"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


class Dom(HTMLParser):
    """Marks and the popup panel of a dumped DOM."""

    def __init__(self):
        super().__init__()
        self.marks, self.body, self.pop, self.pop_text = [], {}, None, []
        self._fig = False
        self._depth = 0          # depth inside #pop

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.body = attrs
        if self._depth:
            self._depth += 1
        elif attrs.get("id") == "pop":
            self.pop, self._depth = attrs, 1
        if attrs.get("role") == "button" and "mark" in (attrs.get("class") or "").split():
            self.marks.append({**attrs, "text": ""})
        self._fig = tag == "span" and attrs.get("class") == "fig"

    def handle_endtag(self, tag):
        self._fig = False
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._fig and self.marks:
            self.marks[-1]["text"] += data
        if self._depth:
            self.pop_text.append(data)


def dump(tmp_path, url: str) -> Dom:
    dom = Dom()
    dom.feed(run_chromium(tmp_path, "--virtual-time-budget=2000", "--dump-dom", url)
             .stdout.decode("utf-8"))
    return dom


def test_marks_after_script_ran(tmp_path, report):
    dom = dump(tmp_path, report.as_uri())
    assert dom.body.get("data-js") == "ready", "the report's script did not run"
    status = {}
    for mark in dom.marks:
        status.setdefault(mark["text"], []).append(mark["data-status"])
    assert status["47"] == ["contradiction", "verified"]
    assert status["41"] == ["contradiction"]
    assert status["102"] == ["verified"]
    assert "uncovered" in status["Wednesday"]
    headline_47 = next(m for m in dom.marks if m["text"] == "47")
    assert headline_47["data-claims"] == "rescued-headline"
    assert dom.pop is not None and "hidden" in dom.pop


def test_address_opens_a_figure_with_its_checks(tmp_path, report):
    """`#m-1-3` (the headline 47) opens its popup: the checks it takes part in."""
    dom = dump(tmp_path, report.as_uri() + "#m-1-3")
    opened = next(m for m in dom.marks if m["id"] == "m-1-3")
    assert opened["text"] == "47" and opened["aria-expanded"] == "true"
    assert "hidden" not in dom.pop
    text = "".join(dom.pop_text)
    assert "47 cannot equal 41" in text and "47 = 47" in text     # the two checks of this 47
    assert "2 + 46 + 11" not in text                         # and not another figure's


def test_screenshot(tmp_path, report):
    shot = tmp_path / "report.png"
    run_chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,1800",
                 "--hide-scrollbars", report.as_uri() + "#m-1-3")
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 20_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1800)
