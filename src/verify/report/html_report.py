"""The editor's report: one self-contained HTML page (inline CSS and JS, no network).

Top: counts by verdict and each listed finding in plain words with its arithmetic.  Then
each source text with every figure marked by status (red contradiction, amber holds only
if, green verified, grey not covered or left unchecked), with a glyph and a hidden label
as well as a colour.  Marks are focusable buttons (role=button; inline elements, so a
long figure wraps with the text): hover, click, Enter or keyboard focus shows the checks
the figure takes part in, most serious first; `#m-N` in the address opens figure N.  Under each file, a
collapsed appendix lists every check evaluated (passes and waived ones included): the
popups are copied from it, and printing expands it.

All article and claims text is untrusted and escaped; a Content-Security-Policy allows
only this page's own style and script (by hash), so nothing is fetched and nothing
injected would run.
"""
from __future__ import annotations

import base64
import hashlib
from html import escape
from typing import TextIO

from verify.model import FileResult, Finding, Mark, RunResult, Source, Verdict
from verify.report.common import (TOOL_NAME, TOOL_VERSION, VERDICT_WORDS, headline, listed,
                                  ordered, ordered_files, plural, quotes, relpath,
                                  source_path, summarize)

# status -> (glyph, words)
STATUS = {
    "contradiction": ("\u2717", "contradiction"),
    "conditional": ("?", "holds only if"),
    "verified": ("\u2713", "verified"),
    "uncovered": ("\u25cb", "not covered by any claim"),
    "unchecked": ("\u2013", "left unchecked"),
}
VERDICT_GLYPH = {Verdict.CONTRADICTION: "\u2717", Verdict.CONDITIONAL: "?",
                 Verdict.HOLDS: "\u2713", Verdict.INVALID: "!"}
VERDICT_LEAD = {Verdict.CONTRADICTION: "These figures cannot all be true.",
                Verdict.CONDITIONAL: "This holds only under a reading of the figures.",
                Verdict.HOLDS: "Checked: this holds.",
                Verdict.INVALID: "The claims file has a problem here."}
EMPTY_NOTE = {"uncovered": "No claim in the claims file covers this figure.",
              "unchecked": "The claims file lists this figure as deliberately unchecked."}

CSS = """
:root{--red:#b3261e;--red-bg:#fde3e1;--amber:#8a5300;--amber-bg:#ffecb3;--green:#1e6b34;
--green-bg:#dcf2e2;--grey:#5f6b73;--grey-bg:#eceff1;--ink:#1d2327;--line:#d5dade}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
background:#f6f7f8}
main,header.top{max-width:60rem;margin:0 auto;padding:0 1.25rem}
header.top{padding-top:1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:0 0 .25rem}
.lede{margin:.25rem 0 1rem;color:#3c464c}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0 0 1rem}
.counts li{background:#fff;border:1px solid var(--line);border-left:6px solid var(--grey);
border-radius:6px;padding:.4rem .8rem;min-width:8.5rem}
.counts .n{display:block;font-size:1.5rem;font-weight:700;line-height:1.2}
.counts .v-contradiction,.finding.v-contradiction{border-left-color:var(--red)}
.counts .v-holds-only-if,.finding.v-holds-only-if{border-left-color:#d98e04}
.counts .v-holds,.finding.v-holds{border-left-color:var(--green)}
.counts .v-invalid,.finding.v-invalid{border-left-color:#6a1b9a}
ol.findings{list-style:none;padding:0;margin:0}
.finding{background:#fff;border:1px solid var(--line);border-left:6px solid var(--grey);
border-radius:6px;padding:.6rem .9rem;margin:0 0 .6rem}
.fhead{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline;font-size:.9rem}
.tag{font-weight:700}.v-contradiction .tag{color:var(--red)}.v-holds-only-if .tag{color:var(--amber)}
.v-holds .tag{color:var(--green)}.v-invalid .tag{color:#6a1b9a}
.sev{text-transform:uppercase;font-size:.75rem;letter-spacing:.05em;border:1px solid currentColor;
border-radius:3px;padding:0 .3rem}
.loc,.rule{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.8rem;color:#4b555b}
.msg{margin:.3rem 0;font-weight:600}.lead{margin:.2rem 0;color:#3c464c}
.quotes,.derived{margin:.2rem 0;padding-left:1.2rem;font-size:.95rem}
pre.arith{background:#f3f5f6;border-radius:4px;padding:.4rem .6rem;margin:.35rem 0;
white-space:pre-wrap;font-size:.85rem}
.waived{margin:.3rem 0;font-style:italic}.figs{margin:.3rem 0;font-size:.9rem}
.figs a{margin-right:.35rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;background:#fff;
border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;font-size:.9rem;
position:sticky;top:0;z-index:2}
.source{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;
margin:0 0 1rem}
.meta{margin:0 0 .75rem;color:#5f6b73;font-size:.85rem}
.text{white-space:pre-wrap;font:1.05rem/1.75 Georgia,"Times New Roman",serif;max-width:44rem}
.mark{cursor:pointer;border-bottom:3px solid;border-radius:3px;padding:0 .15rem;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.mark .badge{font:700 .7rem/1 system-ui,sans-serif;vertical-align:super;margin-left:.1rem}
.mark:focus-visible{outline:3px solid #1a73e8;outline-offset:1px}
.s-contradiction{background:var(--red-bg);border-color:var(--red)}.s-contradiction .badge{color:var(--red)}
.s-conditional{background:var(--amber-bg);border-color:#d98e04}.s-conditional .badge{color:var(--amber)}
.s-verified{background:var(--green-bg);border-color:var(--green)}.s-verified .badge{color:var(--green)}
.s-uncovered,.s-unchecked,.s-other{background:var(--grey-bg);border-color:#90a4ae}
.s-unchecked{border-bottom-style:dashed}.s-uncovered .badge,.s-unchecked .badge{color:var(--grey)}
.mark[aria-expanded=true]{box-shadow:0 0 0 2px #1a73e8}
#pop{position:absolute;z-index:5;max-width:32rem;max-height:70vh;overflow:auto;background:#fff;border:1px solid #9aa5ab;
border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.18);padding:.6rem .8rem;font-size:.9rem}
#pop .finding{list-style:none;border-width:0 0 0 4px;border-radius:0;padding:.2rem .6rem;margin:.4rem 0}
#pop .pop-head{margin:0;font-weight:700}
details.all{margin:0 0 1.5rem}details.all summary{cursor:pointer;font-weight:600}
.fatal{background:#f3e5f5;border:1px solid #6a1b9a;border-radius:6px;padding:.5rem .8rem}
footer{max-width:60rem;margin:2rem auto;padding:0 1.25rem;color:#6b757b;font-size:.8rem}
.legend .mark{cursor:default}.print-only{display:none}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
body{background:#fff;font-size:11pt}.legend{position:static}#pop,.figs,.hint{display:none}.print-only{display:inline}
details.all>summary{list-style:none;cursor:auto}details.all>summary::-webkit-details-marker{display:none}
details.all::details-content{display:contents;content-visibility:visible}
.mark{border-bottom-width:2px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.mark[data-refs]:not([data-refs=""])::after{content:" [" attr(data-refs) "]";
font:.7rem system-ui,sans-serif;vertical-align:super}
.finding,.source,.counts li{break-inside:avoid;-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

JS = """
(function(){
var pop=document.getElementById('pop'),pinned=null,shown=null,timer=null;
function place(m){var r=m.getBoundingClientRect(),w=Math.min(pop.offsetWidth,innerWidth-16);
pop.style.top=(r.bottom+scrollY+6)+'px';
pop.style.left=Math.max(8,Math.min(r.left+scrollX,scrollX+innerWidth-w-8))+'px';}
function show(m){clearTimeout(timer);if(shown&&shown!==m)shown.setAttribute('aria-expanded','false');
shown=m;pop.textContent='';var h=document.createElement('p');h.className='pop-head';
h.textContent='\\u201c'+m.dataset.text+'\\u201d: '+m.dataset.label;pop.appendChild(h);
var ids=(m.dataset.findings||'').split(' ').filter(Boolean);
ids.forEach(function(k){var c=document.getElementById('c-'+k);if(!c)return;
var n=c.cloneNode(true);n.removeAttribute('id');pop.appendChild(n);});
if(!ids.length){var p=document.createElement('p');p.textContent=m.dataset.note||'';pop.appendChild(p);}
pop.hidden=false;m.setAttribute('aria-expanded','true');place(m);}
function hide(){if(pinned)return;pop.hidden=true;if(shown)shown.setAttribute('aria-expanded','false');shown=null;}
function later(){clearTimeout(timer);timer=setTimeout(hide,200);}
function mark(e){return e.target.closest?e.target.closest('.mark[role=button]'):null;}
document.addEventListener('mouseover',function(e){var m=mark(e);
if(m&&!pinned)show(m);else if(e.target.closest&&e.target.closest('#pop'))clearTimeout(timer);});
document.addEventListener('mouseout',function(e){if(mark(e)||(e.target.closest&&e.target.closest('#pop')))later();});
document.addEventListener('focusin',function(e){var m=mark(e);if(m&&!pinned)show(m);});
document.addEventListener('focusout',function(e){if(mark(e))later();});
document.addEventListener('click',function(e){var m=mark(e);
if(m){if(pinned===m){pinned=null;hide();}else{pinned=m;show(m);}return;}
if(!(e.target.closest&&e.target.closest('#pop'))){pinned=null;hide();}});
document.addEventListener('keydown',function(e){var m=mark(e);
if(m&&(e.key==='Enter'||e.key===' ')){e.preventDefault();m.click();return;}
if(e.key==='Escape'&&shown){m=shown;pinned=null;hide();m.focus();}});
function fromHash(){var m=location.hash&&document.getElementById(location.hash.slice(1));
if(m&&m.classList.contains('mark')&&m.getAttribute('role')==='button'){pinned=m;show(m);m.focus({preventScroll:true});}}
addEventListener('hashchange',fromHash);addEventListener('resize',function(){if(shown)place(shown);});
addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});pinned=null;hide();});
fromHash();document.body.setAttribute('data-js','ready');
})();
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


CSP = (f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(JS)}; "
       "img-src data:; base-uri 'none'; form-action 'none'")


def write(result: RunResult, out: TextIO, options) -> None:
    out.write(render(result, options))


def render(result: RunResult, options) -> str:
    files = ordered_files(result, options.root)
    index = _Index(files)
    summary = summarize(files)
    # most serious first: an editor reads the contradictions before the notes
    shown = sorted(((file, i, f) for file in files for i, f in listed(file, options)),
                   key=lambda item: -item[2].severity)
    parts = ["<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
             f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
             f"<title>verify report: {escape(headline(summary))}</title>\n",
             f"<style>{CSS}</style>\n</head>\n<body>\n", _summary(summary), "<main>\n",
             f'<section aria-labelledby="h-findings"><h2 id="h-findings">Findings '
             f"({len(shown)})</h2>\n"]
    if shown:
        parts.append('<ol class="findings">\n')
        parts += [_finding(f, file, index.number[file.path, i], "f", options,
                           index.figures.get((file.path, i), ())) for file, i, f in shown]
        parts.append("</ol>\n")
    else:
        parts.append("<p>No findings to show at this level.</p>\n")
    parts += ["</section>\n", _legend()]
    parts += [_file(file, index, options) for file in files]
    parts += ["</main>\n", '<div id="pop" role="region" aria-live="polite" '
              'aria-label="Checks for this figure" hidden></div>\n',
              f"<footer>Made by {TOOL_NAME} {escape(TOOL_VERSION)}. Every figure is marked "
              "with a symbol as well as a colour.</footer>\n",
              f"<script>{JS}</script>\n</body>\n</html>\n"]
    return "".join(parts)


class _Index:
    """Numbers for checks (1.. across files, in report order) and anchors for marks
    (`m-FILE-N`, in text order), and which marks each finding is shown on."""

    def __init__(self, files: list[FileResult]):
        self.number: dict[tuple[str, int], int] = {}
        self.marks: dict[str, list[tuple[str, Mark]]] = {}
        self.figures: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for f_no, file in enumerate(files, 1):
            for i, _ in ordered(file):
                self.number[file.path, i] = len(self.number) + 1
            marks = sorted(file.marks, key=lambda m: (m.source, m.start, -m.end, m.status))
            self.marks[file.path] = [(f"m-{f_no}-{n}", m) for n, m in enumerate(marks, 1)]
            for anchor, mark in self.marks[file.path]:
                for i in mark.findings:
                    self.figures.setdefault((file.path, i), []).append((anchor, mark.text))


def _summary(summary) -> str:
    counts = [("v-contradiction", summary.verdict["contradiction"], "contradiction",
               "contradictions"),
              ("v-holds-only-if", summary.verdict["holds-only-if"], "holds only if",
               "hold only if"),
              ("v-holds", summary.verdict["holds"], "holds", "hold"),
              ("v-invalid", summary.verdict["invalid"], "input problem", "input problems"),
              ("v-waived", summary.waived, "waived by an editor", "waived by an editor")]
    items = "".join(f'<li class="{cls}"><span class="n">{n}</span>{one if n == 1 else many}</li>'
                    for cls, n, one, many in counts)
    lede = (f"{plural(summary.checks, 'check')} on {plural(summary.claims, 'claim')} in "
            f"{plural(summary.files, 'claims file')}: {plural(summary.errors, 'error')}, "
            f"{plural(summary.warnings, 'warning')}, {plural(summary.notes, 'note')}; "
            f"{summary.waived} waived.")
    if summary.fatal:
        lede += f" {plural(summary.fatal, 'claims file')} could not be checked."
    return (f'<header class="top"><h1>Do the figures agree?</h1>\n<p class="lede">{lede}</p>\n'
            f'<ul class="counts" aria-label="Checks by verdict">{items}</ul></header>\n')


def _legend() -> str:
    items = "".join(f'<span><span class="mark s-{status}" aria-hidden="true">12<span '
                    f'class="badge">{glyph}</span></span> {words}</span>'
                    for status, (glyph, words) in STATUS.items())
    return (f'<div class="legend" role="note" aria-label="Legend"><strong>Legend</strong>'
            f'{items}<span class="hint">Hover, click or tab to a figure to see its checks.'
            f'</span><span class="print-only">[n]: the numbered checks listed after each text.'
            f"</span></div>\n")


def _finding(finding: Finding, file: FileResult, number: int, prefix: str, options,
             marks=()) -> str:
    verdict = finding.verdict
    where = f"{relpath(finding.location.path, options.root)}:{finding.location.line}:" \
            f"{finding.location.col}"
    parts = [f'<li class="finding v-{verdict.value}" id="{prefix}-{number}">'
             f'<div class="fhead"><span class="tag">{VERDICT_GLYPH[verdict]} '
             f"{escape(VERDICT_WORDS[verdict].capitalize())}</span>"
             f'<span class="sev">{finding.severity.label}</span>'
             f'<span class="rule">{escape(finding.rule)}</span>'
             f'<span class="loc">#{number} \u00b7 {escape(where)}</span></div>'
             f'<p class="lead">{VERDICT_LEAD[verdict]}</p>'
             f'<p class="msg">{escape(finding.message)}</p>']
    if finding.waived is not None:
        parts.append(f'<p class="waived">Waived by an editor: {escape(finding.waived)}</p>')
    found = quotes(finding, file)
    if found:
        parts.append('<ul class="quotes">' + "".join(
            f"<li>{escape(q.describe())}</li>" for q in found) + "</ul>")
    if finding.arithmetic:
        parts.append(f'<pre class="arith">{escape(chr(10).join(finding.arithmetic))}</pre>')
    if finding.derived:
        parts.append('<ul class="derived">' + "".join(
            f"<li>Derived: {escape(d)}</li>" for d in finding.derived) + "</ul>")
    if marks:
        parts.append('<p class="figs">In the text: ' + "".join(
            f'<a href="#{mid}">{escape(text)}</a>' for mid, text in marks) + "</p>")
    parts.append("</li>\n")
    return "".join(parts)


def _file(file: FileResult, index: _Index, options) -> str:
    path = relpath(file.path, options.root)
    parts = [f'<section class="file" aria-label="{escape(path)}"><h2>{escape(path)}</h2>\n']
    if file.fatal:
        parts.append('<p class="fatal">This claims file could not be checked; its input '
                     "problems are listed above.</p>\n")
    for source in file.sources:
        marks = [(a, m) for a, m in index.marks[file.path] if m.source == source.id]
        parts.append(_source(file, source, marks, index, options))
    checks = ordered(file)
    if checks:
        parts.append(f'<details class="all"><summary>All {plural(len(checks), "check")} '
                     f"evaluated for this file</summary>\n<ol class=\"findings\">\n")
        parts += [_finding(f, file, index.number[file.path, i], "c", options)
                  for i, f in checks]
        parts.append("</ol></details>\n")
    parts.append("</section>\n")
    return "".join(parts)


def _source(file: FileResult, source: Source, marks, index: _Index, options) -> str:
    meta = [escape(source_path(file, source, options.root))]
    if source.published:
        meta.append(f"published {escape(source.published)}")
    meta_text = " \u00b7 ".join(meta)
    head = (f'<article class="source"><h3>{escape(source.title or source.id)}</h3>'
            f'<p class="meta">{meta_text}</p>\n<div class="text">')
    text, pos, body = source.text, 0, []
    for anchor, mark in marks:
        if mark.start < pos or mark.end > len(text) or mark.start >= mark.end:
            continue   # overlapping or out of range: keep the first, never garble the text
        body.append(escape(text[pos:mark.start]))
        body.append(_mark(anchor, mark, text[mark.start:mark.end], file, index))
        pos = mark.end
    body.append(escape(text[pos:]))
    return head + "".join(body) + "</div></article>\n"


def _mark(anchor: str, mark: Mark, text: str, file: FileResult, index: _Index) -> str:
    glyph, words = STATUS.get(mark.status, ("\u00b7", mark.status))
    css = mark.status if mark.status in STATUS else "other"
    checks = [(file.findings[i], index.number[file.path, i]) for i in mark.findings
              if (file.path, i) in index.number]
    refs = [str(n) for _, n in sorted(checks, key=lambda fn: fn[1])]
    # the popup shows the most serious check first
    serious = [str(n) for _, n in sorted(checks, key=lambda fn: (-fn[0].severity, fn[1]))]
    note = EMPTY_NOTE.get(mark.status, "")
    return (f'<span role="button" tabindex="0" class="mark s-{css}" id="{anchor}" '
            f'data-status="{escape(mark.status)}" data-claims="{escape(" ".join(mark.claims))}" '
            f'data-findings="{" ".join(serious)}" data-refs="{", ".join(refs)}" '
            f'data-text="{escape(text)}" data-label="{escape(words)}" data-note="{note}" '
            f'aria-controls="pop" aria-expanded="false" title="{escape(words)}">'
            f'<span class="fig">{escape(text)}</span><span class="badge" aria-hidden="true">'
            f'{glyph}</span><span class="vh"> ({escape(words)})</span></span>')
