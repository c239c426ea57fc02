"""The editor's page's own style sheet and script, inline in every page (no network).

The page's Content-Security-Policy allows exactly these two texts, by their hashes.
"""
from __future__ import annotations

import base64
import hashlib

CSS = """
:root{--red:#b3261e;--red-bg:#fde3e1;--amber:#8a5300;--amber-bg:#ffecb3;--green:#1e6b34;
--green-bg:#dcf2e2;--grey:#5f6b73;--grey-bg:#eceff1;--ink:#1d2327;--line:#d5dade;--violet:#6a1b9a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
background:#f6f7f8}
main,header.top{max-width:60rem;margin:0 auto;padding:0 1.25rem}
header.top{padding-top:1.25rem}
.file-line{margin:0;color:#5f6b73;font-size:.85rem}
h1{font-size:1.7rem;line-height:1.25;margin:.2rem 0 .4rem}
h1 .glyph{display:inline-block;min-width:1.4em}
.a-contradiction h1,.a-invalid h1{color:var(--red)}.a-conditional h1{color:var(--amber)}
.a-holds h1{color:var(--green)}.a-uncovered h1{color:var(--grey)}
h2{font-size:1.2rem;margin:1.5rem 0 .6rem}h3{font-size:1.1rem;margin:0 0 .25rem}
.answers{margin:0 0 .6rem;padding-left:1.3rem;font-size:1.05rem}
.answers a{color:inherit}
.counts{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.4rem 0 0}
.counts li{background:#fff;border:1px solid var(--line);border-left:5px solid var(--grey);
border-radius:5px;padding:.15rem .6rem;font-size:.9rem}
.counts .n{font-weight:700;margin-right:.3rem}
.counts .zero{display:none}
.c-contradiction,.finding.v-contradiction{border-left-color:var(--red)!important}
.c-holds-only-if,.finding.v-holds-only-if{border-left-color:#d98e04!important}
.c-holds,.finding.v-holds{border-left-color:var(--green)!important}
.c-invalid,.finding.v-invalid{border-left-color:var(--violet)!important}
.c-uncovered,.finding.v-uncovered{border-left-color:#90a4ae!important}
.c-waived,.finding.waived-by-editor{border-left-color:#37474f!important}
ol.findings{list-style:none;padding:0;margin:0}
.finding{background:#fff;border:1px solid var(--line);border-left:6px solid var(--grey);
border-radius:6px;padding:.6rem .9rem;margin:0 0 .6rem}
.finding.v-uncovered{background:#f7f8f9}
.fhead{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline;font-size:.85rem}
.tag{font-weight:700}.v-contradiction .tag{color:var(--red)}.v-holds-only-if .tag{color:var(--amber)}
.v-holds .tag{color:var(--green)}.v-invalid .tag{color:var(--violet)}.v-uncovered .tag{color:var(--grey)}
.sev{text-transform:uppercase;font-size:.7rem;letter-spacing:.05em;border:1px solid currentColor;
border-radius:3px;padding:0 .3rem}
.loc{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.8rem;color:#4b555b}
.msg{margin:.3rem 0;font-weight:600;font-size:1.05rem}
.why{margin:.2rem 0 .4rem;padding-left:1.2rem;color:#3c464c}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.5rem;margin:.4rem 0}
.side{border:1px solid var(--line);border-radius:5px;padding:.35rem .6rem;background:#fbfbfc}
.side h4{margin:0;font-size:.9rem}.side h4 .says{font-weight:400;color:#3c464c}
.side ul{margin:.2rem 0 0;padding-left:1.1rem;font-size:.95rem}
.side .ln{color:#6b757b;font-size:.8rem;white-space:nowrap}
.quote b{background:var(--grey-bg);border-radius:2px;padding:0 .1rem}
.v-contradiction .quote b{background:var(--red-bg)}
.derived{margin:.2rem 0;padding-left:1.2rem;font-size:.95rem}
.waived{margin:.3rem 0;font-style:italic}.figs{margin:.3rem 0;font-size:.85rem}
.figs a{margin-right:.35rem}
details.waive{margin:.4rem 0 0;font-size:.9rem}details.waive summary{cursor:pointer;color:#1a56b3}
pre.snippet{background:#f3f5f6;border:1px solid var(--line);border-radius:4px;padding:.4rem .6rem;
margin:.3rem 0;white-space:pre-wrap;font-size:.85rem}
button.copy{font:inherit;font-size:.85rem;padding:.1rem .6rem;border:1px solid #9aa5ab;border-radius:4px;
background:#fff;cursor:pointer}
.legend{display:flex;flex-wrap:wrap;gap:.2rem .9rem;align-items:center;background:#fff;
border:1px solid var(--line);border-radius:6px;padding:.35rem .7rem;font-size:.85rem;margin:1rem 0 .6rem}
@media (min-width:48rem){.legend{position:sticky;top:0;z-index:2}}
.source{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.9rem 1.25rem;
margin:0 0 1rem}
.meta{margin:0 0 .6rem;color:#5f6b73;font-size:.85rem}
.text{font:1.05rem/1.7 Georgia,"Times New Roman",serif;max-width:44rem;overflow-wrap:anywhere}
.text p{margin:0 0 .8em}
.mark{cursor:pointer;border-bottom:3px solid;border-radius:3px;padding:0 .15rem;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.mark .badge{font:700 .7rem/1 system-ui,sans-serif;vertical-align:super;margin-left:.1rem}
.mark:focus-visible{outline:3px solid #1a73e8;outline-offset:1px}
.s-contradiction{background:var(--red-bg);border-color:var(--red)}.s-contradiction .badge{color:var(--red)}
.s-disputed{background:#fff;border-color:var(--red);border-bottom-style:dotted}\
.s-disputed .badge{color:var(--red)}
.s-conditional{background:var(--amber-bg);border-color:#d98e04}.s-conditional .badge{color:var(--amber)}
.s-verified{background:var(--green-bg);border-color:var(--green)}.s-verified .badge{color:var(--green)}
.s-uncovered,.s-unchecked,.s-other{background:var(--grey-bg);border-color:#90a4ae}
.s-unchecked{border-bottom-style:dashed}.s-uncovered .badge,.s-unchecked .badge{color:var(--grey)}
.s-replaced{background:var(--grey-bg);border-color:#90a4ae;text-decoration:line-through}
.s-replaced .badge{color:var(--grey)}
.mark[aria-expanded=true]{box-shadow:0 0 0 2px #1a73e8}
#pop{position:absolute;z-index:5;max-width:32rem;max-height:70vh;overflow:auto;background:#fff;
border:1px solid #9aa5ab;border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.18);padding:.6rem .8rem;
font-size:.9rem}
#pop .finding{list-style:none;border-width:0 0 0 4px;border-radius:0;padding:.2rem .6rem;margin:.4rem 0}
#pop .pop-head{margin:0;font-weight:700}
details.more{margin:0 0 .8rem;background:#fff;border:1px solid var(--line);border-radius:6px;
padding:.4rem .8rem}details.more>summary{cursor:pointer;font-weight:600}
details.more[open]>summary{margin-bottom:.5rem}
.fatal{background:#f3e5f5;border:1px solid var(--violet);border-radius:6px;padding:.5rem .8rem}
footer{max-width:60rem;margin:1.5rem auto;padding:0 1.25rem;color:#6b757b;font-size:.8rem}
.legend .mark{cursor:default}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:40rem){h1{font-size:1.35rem}main,header.top{padding:0 .7rem}
.source{padding:.7rem .8rem}.text{font-size:1rem}}
@media print{
@page{margin:14mm 14mm}
body{background:#fff;font-size:10pt}h1{font-size:16pt}h2{font-size:12pt;margin:.8rem 0 .4rem}
main,header.top,footer{max-width:none;padding:0}
.legend{position:static;margin:.6rem 0 .4rem}#pop,.figs,.hint,details.waive,button.copy{display:none}
.text{font-size:10.5pt;line-height:1.5}.text p{margin:0 0 .5em}
.mark{border-bottom-width:2px}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.finding,.counts li,.side{break-inside:avoid}
details.more{border:0;padding:0}
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
function hide(){if(pinned)return;pop.hidden=true;\
if(shown)shown.setAttribute('aria-expanded','false');shown=null;}
function later(){clearTimeout(timer);timer=setTimeout(hide,200);}
function mark(e){return e.target.closest?e.target.closest('.mark[role=button]'):null;}
function copy(b){var pre=b.parentNode.querySelector('pre.snippet');if(!pre)return;
function done(ok){b.textContent=ok?'Copied':'Select the text and copy it';}
function select(){var r=document.createRange();r.selectNodeContents(pre);var s=getSelection();
s.removeAllRanges();s.addRange(r);var ok=false;try{ok=document.execCommand('copy');}catch(x){}done(ok);}
if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(pre.textContent)
.then(function(){done(true);},select);}else{select();}}
document.addEventListener('mouseover',function(e){var m=mark(e);
if(m&&!pinned)show(m);else if(e.target.closest&&e.target.closest('#pop'))clearTimeout(timer);});
document.addEventListener('mouseout',function(e){if(mark(e)||(e.target.closest&&e.target.closest('#pop')))later();});
document.addEventListener('focusin',function(e){var m=mark(e);if(m&&!pinned)show(m);});
document.addEventListener('focusout',function(e){if(mark(e))later();});
document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('button.copy');
if(b){copy(b);return;}var m=mark(e);
if(m){if(pinned===m){pinned=null;hide();}else{pinned=m;show(m);}return;}
if(!(e.target.closest&&e.target.closest('#pop'))){pinned=null;hide();}});
document.addEventListener('keydown',function(e){var m=mark(e);
if(m&&(e.key==='Enter'||e.key===' ')){e.preventDefault();m.click();return;}
if(e.key==='Escape'&&shown){m=shown;pinned=null;hide();m.focus();}});
function fromHash(){var m=location.hash&&document.getElementById(location.hash.slice(1));
if(m&&m.classList.contains('mark')&&m.getAttribute('role')==='button'){pinned=m;show(m);m.focus({preventScroll:true});}}
addEventListener('hashchange',fromHash);addEventListener('resize',function(){if(shown)place(shown);});
addEventListener('beforeprint',function(){pinned=null;hide();});
fromHash();document.body.setAttribute('data-js','ready');
})();
"""


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


CSP = (f"default-src 'none'; style-src {csp_hash(CSS)}; script-src {csp_hash(JS)}; "
       "img-src data:; base-uri 'none'; form-action 'none'")
