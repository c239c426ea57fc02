"""The HTML report in a real headless browser: the DOM after its script ran, and a
screenshot.  Needs Debian's chromium (`apt-get install -y chromium`)."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_reports import seed_result

from verify.report import ReportOptions, html_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SEED = Path(__file__).resolve().parent.parent / "claims" / "operation-united-front.yaml"


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


# --- the page as an editor sees it: a probe page measures the report in an iframe -------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "two-sources"
PROBE = """<!DOCTYPE html><html><body>
<iframe id="wide" src="report.html" style="width:1280px;height:900px"></iframe>
<iframe id="phone" src="report.html" style="width:390px;height:800px"></iframe>
<pre id="out"></pre><script>
addEventListener('load', function(){
  var doc = document.getElementById('wide').contentDocument, out = {};
  out.counts = {};
  doc.querySelectorAll('.counts li').forEach(function(li){
    out.counts[li.dataset.category] = +li.dataset.count;});
  out.findings = [];
  doc.querySelectorAll('details.g-all li.finding').forEach(function(li){
    out.findings.push(li.dataset.category);});
  out.uncovered = [];
  doc.querySelectorAll('.mark.s-uncovered[role=button]').forEach(function(m){
    out.uncovered.push([m.dataset.label, getComputedStyle(m).backgroundColor]);});
  var sides = doc.querySelectorAll('#h-problems ~ ol .sides')[0].querySelectorAll('.side');
  out.sides = Array.prototype.map.call(sides, function(s){var r = s.getBoundingClientRect();
    return [s.dataset.source, s.querySelector('.says').textContent, r.top, r.left, r.width];});
  out.snippet = doc.querySelector('#h-problems ~ ol pre.snippet').textContent;
  out.paste = doc.querySelector('#h-problems ~ ol .paste-at').textContent;
  var phone = document.getElementById('phone').contentDocument;
  out.phoneLegend = getComputedStyle(phone.querySelector('.legend')).position;
  out.wideLegend = getComputedStyle(doc.querySelector('.legend')).position;
  document.getElementById('out').textContent = JSON.stringify(out);
});
</script></body></html>
"""


def probe(tmp_path, result) -> dict:
    out = io.StringIO()
    html_report.write(result, out, ReportOptions())
    (tmp_path / "report.html").write_text(out.getvalue(), encoding="utf-8")
    (tmp_path / "probe.html").write_text(PROBE, encoding="utf-8")
    dom = run_chromium(tmp_path, "--allow-file-access-from-files", "--virtual-time-budget=3000",
                       "--dump-dom", (tmp_path / "probe.html").as_uri()).stdout.decode("utf-8")
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert found and found.group(1), "the probe page did not measure the report"
    return json.loads(unescape(found.group(1)))


@pytest.fixture
def two_sources(tmp_path):
    """The two-sources example with the claim of Cole's 190 taken out: 420 against 402 in
    two sources, and one figure no claim covers."""
    folder = tmp_path / "claims"
    shutil.copytree(EXAMPLES, folder)
    claims = folder / "flood-damage.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text[:text.index("  - id: cole-county")], encoding="utf-8")
    from verify import engine
    return engine.check_paths([str(claims)])


def test_counts_by_category_equal_the_findings(tmp_path, two_sources):
    seen = probe(tmp_path, two_sources)
    findings = two_sources.files[0].findings
    assert sum(seen["counts"].values()) == len(findings) == len(seen["findings"])
    for name, count in seen["counts"].items():
        assert seen["findings"].count(name) == count, name
    assert seen["counts"]["uncovered"] == 1 and seen["counts"]["holds-only-if"] == 0


def test_an_uncovered_figure_is_grey_and_says_not_covered(tmp_path, two_sources):
    (label, colour), = probe(tmp_path, two_sources)["uncovered"]
    assert label == "not covered by any claim"
    red, green, blue = map(int, re.findall(r"\d+", colour)[:3])
    assert max(red, green, blue) - min(red, green, blue) < 16 and red > 200     # light grey


def test_a_conflict_between_sources_is_shown_side_by_side(tmp_path, two_sources):
    seen = probe(tmp_path, two_sources)
    (left, said_left, top_l, x_l, w_l), (right, said_right, top_r, x_r, _) = seen["sides"]
    assert (left, said_left, right, said_right) == ("article", "says 420", "county", "says 402")
    assert top_l == top_r and x_r >= x_l + w_l                  # one row, next to each other
    assert "waive:" in seen["snippet"] and "- rule: same" in seen["snippet"]
    assert "reason:" in seen["snippet"] and re.fullmatch(r".*flood-damage\.yaml:\d+", seen["paste"])
    assert seen["wideLegend"] == "sticky" and seen["phoneLegend"] == "static"


def test_the_seed_prints_on_at_most_three_pages(tmp_path):
    from verify import engine
    out = io.StringIO()
    html_report.write(engine.check_paths([str(SEED)]), out, ReportOptions())
    page, pdf = tmp_path / "seed.html", tmp_path / "seed.pdf"
    page.write_text(out.getvalue(), encoding="utf-8")
    run_chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf.read_bytes()))
    assert 1 <= pages <= 3
