"""How much of a person's claims file `verify extract --draft` writes for them (issue 16).

For the seed and every example claims file of the repository (claims/ and examples/), the
sources are drafted together, as `verify extract --draft A.txt B.txt` would, and compared
with the file a person wrote:

  - each quantity claim of the person's (a value in a unit other than date, weekday, time):
    the draft claim for the same figure (the figure the person's quote holds), and whether it
    has the same unit, measure and scope.  Compared normalised: case, plural, persons/people;
    a measure matches when one contains the other; scope {} and no scope are one.
  - each breakdown of the person's: proposed when the draft has one with the same parts.
  - each relation kind the person's file uses: proposed when the draft proposes that kind.

Prints the numbers; asserts nothing.  Run: python bench/draft_quality.py [--verbose]
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from verify.anchor.textindex import Folded, fold
from verify.draft.skeleton import Text, _slug_words, known_unit, plan, unique_ids
from verify.load import yamlread
from verify.values import units

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "claims" / "operation-united-front.yaml"
RELATION_KINDS = ("same", "sum", "subset", "count", "share", "change", "rank")


def claims_files() -> list[Path]:
    found = {SEED}
    for folder in ("claims", "examples"):
        found.update(p for p in (ROOT / folder).rglob("*.yaml") if p.is_file())
    return sorted(found, key=lambda p: (p != SEED, str(p)))


def _unit(text) -> str:
    try:
        return units.canonical(str(text))
    except units.UnitError:
        return str(text).lower()


def _norm(text) -> str:
    words = str(text).lower().replace("persons", "people").split()
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def _measure_matches(mine, theirs) -> bool:
    if mine is None or theirs is None:
        return mine == theirs
    a, b = _norm(mine), _norm(theirs)
    return a in b or b in a


def _scope(scope) -> tuple:
    return tuple(sorted((str(k).lower(), _norm(v)) for k, v in (scope or {}).items()))


def _plain(node: yamlread.Node | None) -> Any:
    """A claims file as the checker reads it: every scalar as written (`side: yes` is the
    text "yes", not True), as dicts, lists and strings."""
    if node is None:
        return None
    if node.kind == "map":
        return {key: _plain(value) for key, _, value in node.items()}
    if node.kind == "seq":
        return [_plain(item) for item in node.value]
    return node.value


def compare(path: Path, verbose: bool) -> dict:
    data = _plain(yamlread.read(path.read_text(encoding="utf-8")))
    sources = [s for s in data.get("sources", []) if s.get("file")]
    texts = {s["id"]: (path.parent / s["file"]).read_text(encoding="utf-8") for s in sources}
    ids = unique_ids([_slug_words(Path(s["file"]).stem) for s in sources]) if len(sources) > 1 \
        else ["article"]
    # strict=False: a file without sources has the one id "article" and nothing to pair it with
    drafted = plan([Text(i, s["file"], texts[s["id"]]) for i, s in zip(ids, sources, strict=False)])
    draft_source = {s["id"]: i for i, s in zip(ids, sources, strict=False)}
    counts = {"claims": 0, "found": 0, "unit": 0, "measure": 0, "scope": 0, "all": 0}
    for claim in data.get("claims", []):
        if "value" not in claim or str(claim.get("unit")) in ("date", "weekday", "time"):
            continue
        counts["claims"] += 1
        source = claim.get("source", sources[0]["id"])
        match = _draft_for(claim, texts[source], [c for c in drafted.claims
                                                  if c.source == draft_source[source]])
        if match is None:
            if verbose:
                print(f"    {claim['id']}: no draft claim for its figure")
            continue
        counts["found"] += 1
        known = match.unit is not None and known_unit(match.unit)
        unit = known and _unit(claim.get("unit")) == _unit(match.unit)
        measure = _measure_matches(match.measure.value if match.measure else None, claim.get("measure"))
        scope = match.scope is not None and _scope(dict(match.scope)) == _scope(claim.get("scope"))
        counts["unit"] += unit
        counts["measure"] += measure
        counts["scope"] += scope
        counts["all"] += unit and measure and scope
        if verbose and not (unit and measure and scope):
            print(f"    {claim['id']}: unit {match.unit!r}/{claim.get('unit')!r} measure "
                  f"{match.measure.value if match.measure else None!r}/{claim.get('measure')!r} "
                  f"scope {match.scope!r}/{claim.get('scope')!r}")
    theirs = [frozenset(map(str, b.get("parts", []))) for b in data.get("breakdowns", []) or []]
    mine = {frozenset(b[2]) for b in drafted.breakdowns}
    counts["breakdowns"] = len(theirs)
    counts["breakdowns proposed"] = sum(b in mine for b in theirs)
    kinds = {k for r in data.get("relations", []) or [] for k in RELATION_KINDS if k in r}
    proposed = {r[0] for r in drafted.relations}
    counts["relation kinds"] = len(kinds)
    counts["relation kinds proposed"] = len(kinds & proposed)
    if verbose and kinds - proposed:
        print(f"    relation kinds not proposed: {', '.join(sorted(kinds - proposed))}")
    return counts


def _draft_for(claim: dict, text: str, drafted):
    """The draft claim whose figure lies in the person's quote and reads as their value."""
    folded = Folded(text)
    hits = folded.find_all(fold(str(claim.get("quote", ""))))
    if not hits:
        return None
    at = hits[min(len(hits), int(claim.get("occurrence", 1))) - 1]
    start = folded.index[at]
    end = folded.index[min(at + len(fold(str(claim["quote"]))), len(folded.index) - 1)]
    inside = [c for c in drafted if start <= c.figure.start and c.figure.end <= end + 1]
    value = str(claim["value"]).lower()
    return next((c for c in inside if c.figure.text.lower() == value), None) or \
        next((c for c in inside if value in c.figure.text.lower() or c.figure.text.lower() in value),
             None) or (inside[0] if len(inside) == 1 else None)


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    total: dict[str, int] = {}
    for path in claims_files():
        counts = compare(path, verbose)
        for key, value in counts.items():
            total[key] = total.get(key, 0) + value
        print(f"{path.relative_to(ROOT)}: {_line(counts)}")
    print(f"all {len(claims_files())} files: {_line(total)}")
    return 0


def _line(c: dict) -> str:
    pct = lambda n: f"{100 * n / c['claims']:.0f}%" if c["claims"] else "-"     # noqa: E731
    return (f"{c['all']}/{c['claims']} quantity claims drafted with the person's measure, scope "
            f"and unit ({pct(c['all'])}); unit {pct(c['unit'])}, measure {pct(c['measure'])}, "
            f"scope {pct(c['scope'])}, figure found {pct(c['found'])}; breakdowns "
            f"{c['breakdowns proposed']}/{c['breakdowns']}; relation kinds "
            f"{c['relation kinds proposed']}/{c['relation kinds']}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
