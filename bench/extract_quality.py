"""Recall and precision of `verify extract` over the hand-labelled articles.

Usage: PYTHONPATH=src python bench/extract_quality.py [LABELS_DIR]

Each `*.yaml` in tests/data/extract/ names its article and lists every figure in it
({line, text, kind, value, unit?}), labelled by hand against the policy in
src/verify/extract/figures.py.  A found figure matches a labelled one with the same line and text
(each label used once).  "kind/value" counts matches whose kind and value also agree.
Targets: recall >= 98%, precision >= 95%.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from verify.extract.figures import extract_figures

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"


def score(labels_path: Path) -> dict:
    """Counts for one labelled article: gold, found, matched, agreeing, and the misses."""
    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    text = (labels_path.parent / labels["article"]).read_text(encoding="utf-8")
    gold = labels["figures"]
    found = extract_figures(text)
    wanted = Counter((g["line"], g["text"]) for g in gold)
    by_key = {(g["line"], g["text"]): g for g in gold}
    matched = agreeing = 0
    extra, wrong = [], []
    for f in found:
        key = (f.line, f.text)
        if wanted[key] > 0:
            wanted[key] -= 1
            matched += 1
            g = by_key[key]
            if g["kind"] == f.kind and str(g["value"]) == f.value:
                agreeing += 1
            else:
                wrong.append((f.line, f.text, f"{f.kind} {f.value}", f"{g['kind']} {g['value']}"))
        else:
            extra.append(key)
    missed = sorted(wanted.elements())
    return {"gold": len(gold), "found": len(found), "matched": matched, "agreeing": agreeing,
            "missed": missed, "extra": extra, "wrong": wrong}


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:6.1f}%" if whole else "     -"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else LABELS
    rows = [(p.stem, score(p)) for p in sorted(folder.glob("*.yaml"))]
    print(f"{'article':28} {'gold':>5} {'found':>5} {'recall':>7} {'precision':>9} {'kind/value':>10}")
    totals = Counter()
    for name, s in rows:
        print(f"{name:28} {s['gold']:5} {s['found']:5} {pct(s['matched'], s['gold'])} "
              f"{pct(s['matched'], s['found']):>9} {pct(s['agreeing'], s['matched']):>10}")
        totals.update({k: s[k] for k in ("gold", "found", "matched", "agreeing")})
    print(f"{'TOTAL':28} {totals['gold']:5} {totals['found']:5} {pct(totals['matched'], totals['gold'])} "
          f"{pct(totals['matched'], totals['found']):>9} {pct(totals['agreeing'], totals['matched']):>10}")
    for name, s in rows:
        for line, text in s["missed"]:
            print(f"missed  {name}:{line} {text!r}")
        for line, text in s["extra"]:
            print(f"extra   {name}:{line} {text!r}")
        for line, text, got, want in s["wrong"]:
            print(f"differs {name}:{line} {text!r}: found {got}, labelled {want}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
