"""Properties of the quantity model over a generated cube (issue 11).

A *world* is one measure (people arrested, whole numbers) over 2-3 dimensions, each a
breakdown of 2-4 named parts (and, sometimes, parts the articles never name: `size:`), with a
true count for every leaf cell and every sum computed from them.  2-4 sources each state some
cells, leaf or aggregate (a dimension left out of a scope is its whole; sometimes the whole is
written out instead), as a writer would: exactly ("1,234"), hedged ("about 1,200", the true
value inside the `about` tolerance), or as a floor ("more than 1,200", below the true value).
Some cells are stated by several sources, some parts by none.

1. A consistent world gives no finding at warning or error.
2. One exact figure pushed outside every interval it must lie in gives an error naming it.
3. Every derived fact printed holds in the world.

Each claim is one sentence of its source, quoted whole, and no quote occurs twice.
"""
from __future__ import annotations

import itertools
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st
from quicktions import Fraction

from verify import config
from verify.engine import check_file
from verify.model import Severity, Verdict

CONFIG = config.load([])                      # the package defaults only
ABOUT = CONFIG.tolerances.about               # 10% in src/verify/data/defaults.yaml
MEASURE, UNIT, VERB = "arrested", "people", "people were arrested"

# dimension, whole, named parts (in the order drawn), the words leading a sentence's scope
DIMENSIONS = (
    ("place", "all places", ("Ames", "Boone", "Cole", "Dover"), "in {}"),
    ("age", "all ages", ("adults", "minors", "teens", "seniors"), "among {}"),
    ("period", "all periods", ("morning", "afternoon", "evening", "night"), "in the {}"),
)
UNNAMED = "<unnamed>"     # a cell coordinate: the parts of a dimension that have no names

# VERIFY_CUBE_EXAMPLES=500 for a deeper search than the suite's
SETTINGS = settings(max_examples=int(os.environ.get("VERIFY_CUBE_EXAMPLES", 30)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- the world ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Dimension:
    name: str
    whole: str
    parts: tuple[str, ...]        # named
    unnamed: int                  # parts with no name (breakdown size = named + unnamed)
    lead: str

    @property
    def whole_lead(self) -> str:
        return f"{self.lead.split()[0]} {self.whole}"

    def leaves(self):
        """Leaf coordinates: the named parts, and (index) for each unnamed one."""
        return list(self.parts) + [(UNNAMED, i) for i in range(self.unnamed)]

    def covers(self, coordinate, leaf) -> bool:
        if coordinate is None:
            return True
        if coordinate == UNNAMED:
            return isinstance(leaf, tuple)
        return coordinate == leaf


@dataclass
class Statement:
    source: str
    cell: tuple                   # a coordinate per dimension: part name, or None (the whole)
    form: str                     # exact | about | more
    written: str                  # the value as written: "1,234", "about 1,200", "more than 1,200"
    explicit: tuple[bool, ...]    # per dimension at its whole: written out in the scope?
    claim: str = ""
    quote: str = ""


@dataclass
class World:
    dimensions: tuple[Dimension, ...]
    counts: dict                  # leaf tuple -> true count
    statements: list[Statement] = field(default_factory=list)
    sources: tuple[str, ...] = ()

    def value(self, cell) -> int:
        return sum(n for leaf, n in self.counts.items()
                   if all(d.covers(c, part) for d, c, part in zip(self.dimensions, cell, leaf, strict=True)))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def describe(self, cell) -> str:
        shown = [d.whole if c is None else f"the {d.unnamed} unnamed parts of {d.whole}"
                 if c == UNNAMED else c for d, c in zip(self.dimensions, cell, strict=True)]
        return f"{MEASURE} ({', '.join(map(str, shown))})"


def _grouped(n: int) -> str:
    return f"{n:,}"


def _about(t: int) -> str | None:
    """'about N' with N a round figure whose tolerance holds t comfortably, or None."""
    if t < 20:
        return None
    step = 10 ** max(0, len(str(t)) - 2)
    n = (t + step // 2) // step * step
    if n == t or abs(t - n) > ABOUT * n / 2:      # a plain figure would do; or too far out
        return None
    return f"about {_grouped(n)}"


def _more_than(t: int) -> str | None:
    """'more than N' with N a round figure below t, or None."""
    if t < 10:
        return None
    step = 10 ** (len(str(t)) - 1)
    n = (t - 1) // step * step
    return f"more than {_grouped(n)}" if 0 < n < t else None


def _written(t: int, form: str) -> tuple[str, str]:
    text = {"about": _about, "more": _more_than}.get(form, lambda _: None)(t)
    return (form, text) if text else ("exact", _grouped(t))


@st.composite
def worlds(draw) -> World:
    k = draw(st.integers(2, 3))
    dimensions = []
    for name, whole, parts, lead in DIMENSIONS[:k]:
        named = draw(st.integers(2, 4))
        unnamed = draw(st.sampled_from((0, 0, 1, 2)))
        dimensions.append(Dimension(name, whole, parts[:named], unnamed, lead))
    dimensions = tuple(dimensions)
    leaves = list(itertools.product(*(d.leaves() for d in dimensions)))
    values = draw(st.lists(st.integers(0, 400), min_size=len(leaves), max_size=len(leaves)))
    world = World(dimensions, dict(zip(leaves, values, strict=True)))

    statable = list(itertools.product(*((None,) + d.parts for d in dimensions)))
    pool = draw(st.lists(st.sampled_from(statable), min_size=1, max_size=8, unique=True))
    for _ in range(draw(st.integers(0, 2))):      # a whole with some of its parts along a dimension
        parent = draw(st.sampled_from(statable))
        free = [i for i, c in enumerate(parent) if c is None]
        if free:
            i = draw(st.sampled_from(free))
            parts = draw(st.lists(st.sampled_from(dimensions[i].parts), min_size=1, unique=True))
            pool += [parent] + [parent[:i] + (p,) + parent[i + 1:] for p in parts]
    pool = list(dict.fromkeys(pool))
    world.sources = tuple(f"s{i}" for i in range(1, draw(st.integers(2, 4)) + 1))
    for source in world.sources:
        cells = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=len(pool), unique=True))
        for cell in cells:
            form, written = _written(world.value(cell), draw(st.sampled_from(("exact", "about", "more"))))
            explicit = tuple(draw(st.booleans()) for _ in dimensions)
            world.statements.append(Statement(source, cell, form, written, explicit))
    return world


# -- the files ------------------------------------------------------------------------------

def _slug(cell) -> str:
    return "-".join("all" if c is None else c.lower() for c in cell)


def _leaf_slug(leaf) -> str:
    """A leaf as the notes name it: its parts, an unnamed one as other1, other2 ..."""
    return _slug(tuple(c if isinstance(c, str) else f"other{c[1] + 1}" for c in leaf))


def _sentence(world: World, cell, written: str) -> str:
    """Every dimension's coordinate in words, in one order, so no quote ends another."""
    lead = ", ".join(d.lead.format(c) if c is not None else d.whole_lead
                     for d, c in zip(world.dimensions, cell, strict=True))
    return f"{lead[0].upper()}{lead[1:]}, {written} {VERB}"


def write(world: World, folder: Path, pushed: Statement | None = None, to: int | None = None) -> Path:
    """The sources and claims file of `world`; `pushed` is printed as the exact figure `to`."""
    texts = {s: [] for s in world.sources}
    claims = []
    for st_ in world.statements:
        written = _grouped(to) if st_ is pushed else st_.written
        st_.claim = f"{st_.source}.{_slug(st_.cell)}"
        st_.quote = _sentence(world, st_.cell, written)
        texts[st_.source].append(st_.quote + ".")
        scope = {}
        for d, c, explicit in zip(world.dimensions, st_.cell, st_.explicit, strict=True):
            if c is not None or explicit:
                scope[d.name] = c if c is not None else d.whole
        claim = {"id": st_.claim, "source": st_.source, "quote": st_.quote, "measure": MEASURE}
        if scope:
            claim["scope"] = scope
        claims.append(claim | {"value": written, "unit": UNIT})
    for source, lines in texts.items():
        text = "\n".join(lines) + "\n"
        for st_ in world.statements:
            if st_.source == source:
                assert text.lower().count(st_.quote.lower()) == 1, \
                    f"the test wrote an ambiguous quote: {st_.quote}"
        (folder / f"{source}.txt").write_text(text, encoding="utf-8")
    breakdowns = []
    for d in world.dimensions:
        breakdowns.append({"dimension": d.name, "whole": d.whole, "parts": list(d.parts)}
                          | ({"size": len(d.parts) + d.unnamed} if d.unnamed else {}))
    document = {"sources": [{"id": s, "file": f"{s}.txt"} for s in world.sources],
                "breakdowns": breakdowns, "claims": claims}
    path = folder / "claims.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def run(world: World, **push):
    with tempfile.TemporaryDirectory() as folder:
        path = write(world, Path(folder), **push)
        note(path.read_text(encoding="utf-8"))
        for source in world.sources:
            note(f"--- {source}.txt\n" + (Path(folder) / f"{source}.txt").read_text(encoding="utf-8"))
        note("true leaf counts: " + ", ".join(f"{_leaf_slug(leaf)}={n}"
                                              for leaf, n in world.counts.items()))
        result = check_file(str(path), CONFIG)
    assert not result.fatal, [f.message for f in result.findings]
    return result


def show(findings) -> str:
    return "\n".join(f"{f.severity.label} {f.rule} {f.verdict.value} {list(f.claims)}: {f.message}"
                     + "".join(f"\n    {line}" for line in f.arithmetic)
                     + "".join(f"\n    derived: {line}" for line in f.derived) for f in findings)


# -- derived facts --------------------------------------------------------------------------
#
# The engine prints derived facts as text (Finding.derived); these are the forms it prints:
#   "arrested (Boone, adults), which has no figure: 12"                  (one quantity, named in full)
#   "the 3 without figures (minors, teens, 2 unnamed) account for between 4 and 9 of arrested
#    (Boone, all ages) together, each between 0 and 9"   (parts of one whole; "; those named each")
#   "the 2 without figures (Ames, Boone) account for 32 together"        (older: no whole named)
#   "Ohio, which has no figure, had at most 46" / "... had at most 46 each"
# A name leaves out a dimension when it means the dimension's whole; "the 2 unnamed parts of
# all ages" is the parts of a breakdown that have no names.

_N = r"-?[\d,]+(?:\.\d+)?"
_AMOUNT = rf"(?:between (?P<lo>{_N}) and (?P<hi>{_N})|(?P<exact>{_N}))"
_EACH_BETWEEN = rf"(?:(?P<sep>,? each|; those named each) between (?P<each_lo>{_N}) and (?P<each_hi>{_N}))?"
_MANY = re.compile(r"^the (?:(?P<n>\d+) )?(?:parts )?without figures \(")
_ONE = re.compile(r"^(?P<name>.+?), which has no figure")
_OF_WHOLE = re.compile(rf"^,? accounts? for {_AMOUNT} of (?P<whole>.+) together{_EACH_BETWEEN}$")
_TOGETHER = re.compile(rf"^(?:,? accounts? for|:) {_AMOUNT}(?: [\w ]+?)??(?: together)?{_EACH_BETWEEN}$")
_BOUND = re.compile(rf"^,? (?:had|has|accounts? for|is|was) (?P<how>at most|at least) (?P<a>{_N})"
                    rf"(?: [\w ]+?)??(?: each|(?P<together> together))?$")
_UNNAMED_LABEL = re.compile(r"^(?:the )?(?:(?P<k>\d+) )?unnamed(?: parts?)?$")
_UNNAMED_IN_NAME = re.compile(r"the (?:(?P<k>\d+) )?unnamed parts? of (?P<whole>[^,()]+)")
_ABOUT_PRINTED = re.compile(r"^the printed parts add to ")   # about printed figures, not the world
_NOT_DERIVED = re.compile(r"^bounds for .* were not derived")  # the solver's budget ran out


@dataclass
class Fact:
    """What a derived fact says: of these parts (of `whole`, when named), their sum lies in
    `together`; each (or each named one) lies in `each`."""
    count: int | None
    labels: list[str]
    whole: str | None = None
    together: tuple | None = None          # (lo, hi), None for unbounded
    each: tuple | None = None
    each_named_only: bool = False


def _n(text: str | None):
    return None if text is None else Fraction(text.replace(",", ""))


def _split(names: str) -> list[str]:
    """Names separated by ', ' outside parentheses."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(names):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and names.startswith(", ", i):
            out.append(names[start:i])
            start = i + 2
    return out + [names[start:]]


def parse_fact(fact: str) -> Fact | None:
    many = _MANY.match(fact)
    if many:
        depth, end = 1, None
        for i in range(many.end(), len(fact)):
            depth += {"(": 1, ")": -1}.get(fact[i], 0)
            if depth == 0:
                end = i
                break
        if end is None:
            return None
        out = Fact(int(many["n"]) if many["n"] else None, _split(fact[many.end():end]))
        rest = fact[end + 1:]
    else:
        one = _ONE.match(fact)
        if one is None:
            return None
        out, rest = Fact(None, [one["name"]]), fact[one.end():]
    m = _OF_WHOLE.match(rest) or _TOGETHER.match(rest)
    if m:
        g = m.groupdict()
        out.whole = g.get("whole")
        exact = _n(g["exact"])
        out.together = (exact, exact) if exact is not None else (_n(g["lo"]), _n(g["hi"]))
        if g["each_lo"] is not None:
            out.each = (_n(g["each_lo"]), _n(g["each_hi"]))
            out.each_named_only = g["sep"].startswith(";")
        return out
    m = _BOUND.match(rest)
    if m:
        bound = (_n(m["a"]), None) if m["how"] == "at least" else (None, _n(m["a"]))
        if m["together"]:
            out.together = bound
        else:
            out.each = bound
        return out
    return None


def resolve(world: World, name: str, base=None):
    """The cell a name denotes: each dimension's value named in it; a dimension left out is
    `base`'s coordinate (by default its whole).  None: not one cell of the world."""
    cell = list(base) if base is not None else [None] * len(world.dimensions)
    for m in _UNNAMED_IN_NAME.finditer(name):
        dims = [i for i, d in enumerate(world.dimensions)
                if d.whole.casefold() == m["whole"].strip().casefold()]
        if len(dims) != 1 or world.dimensions[dims[0]].unnamed != int(m["k"] or 1):
            return None
        cell[dims[0]] = UNNAMED
    matched = name != _UNNAMED_IN_NAME.sub(" ", name) or name.strip() == MEASURE
    name = _UNNAMED_IN_NAME.sub(" ", name)
    for i, d in enumerate(world.dimensions):
        found = [p for p in d.parts + (d.whole,) if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", name, re.I)]
        if len(found) > 1:
            return None
        if found:
            cell[i] = None if found[0] == d.whole else found[0]
            matched = True
    return tuple(cell) if matched else None


def _overlap(a, b) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def _readings(world: World, fact: Fact, context):
    """Every way to read the fact's labels as cells: [(cells, named flags)], or a complaint.
    A label is a named part ("Ames"), unnamed parts saying of which whole ("the 2 unnamed
    parts of all places"), or unnamed parts that do not ("2 unnamed")."""
    base = resolve(world, fact.whole) if fact.whole is not None else context
    if fact.whole is not None and base is None:
        return f"UNPARSED: the whole {fact.whole!r} is not one cell of the world"
    kinds = ["unnamed" if _UNNAMED_IN_NAME.search(label) else "bare unnamed"
             if _UNNAMED_LABEL.match(label) else "named" for label in fact.labels]
    cells = [resolve(world, label, base) if kind != "bare unnamed" else None
             for label, kind in zip(fact.labels, kinds, strict=True)]
    if any(c is None for c, kind in zip(cells, kinds, strict=True) if kind != "bare unnamed"):
        return "UNPARSED: a name that is not one cell of the world"
    named = [kind == "named" for kind in kinds]
    if "bare unnamed" not in kinds:
        return [(cells, named)]
    known = [c for c in cells if c is not None]
    along = {i for c in known
             for i, (x, y) in enumerate(zip(c, base or [None] * len(c), strict=True)) if x != y}
    ks = {int(m["k"] or 1) for m in map(_UNNAMED_LABEL.match, fact.labels) if m}
    dims = sorted(along) if len(along) == 1 else \
        [i for i, d in enumerate(world.dimensions) if (base is None or base[i] is None) and d.unnamed in ks]
    readings = []
    for dim in dims:
        cell = list(base or [None] * len(world.dimensions))
        cell[dim] = UNNAMED
        readings.append(([c if c is not None else tuple(cell) for c in cells], named))
    return readings or "UNPARSED: unnamed parts of no dimension of the world"


def _judge(world: World, fact: Fact, cells, named) -> str | None:
    """None when the fact holds of these cells in the world; otherwise why not."""
    if fact.count is not None:
        size = sum(world.dimensions[c.index(UNNAMED)].unnamed
                   if UNNAMED in c else 1 for c in cells)
        if size != fact.count:
            return f"says {fact.count} but names {size} parts"
    for a, b in itertools.combinations(cells, 2):
        if _overlap(a, b):
            return (f"adds overlapping quantities: {world.describe(a)} and {world.describe(b)} "
                    "(a sum across dimensions)")
    if fact.whole is not None:
        whole = resolve(world, fact.whole)
        for c in cells:
            differ = [i for i, (x, y) in enumerate(zip(c, whole, strict=True)) if x != y]
            if len(differ) != 1 or whole[differ[0]] is not None:
                return f"{world.describe(c)} is not a part of {world.describe(whole)} along one breakdown"
    values = [world.value(c) for c in cells]
    together = sum(values)
    truth = ", ".join(f"{world.describe(c)} = {v}" for c, v in zip(cells, values, strict=True))

    def inside(v, b) -> bool:
        return (b[0] is None or b[0] <= v) and (b[1] is None or v <= b[1])

    if fact.together is not None and not inside(together, fact.together):
        return f"false in the world: {truth} (together {together})"
    if fact.each is not None:
        bad = [f"{world.describe(c)} = {v}" for c, v, n in zip(cells, values, named, strict=True)
               if (n or not fact.each_named_only) and not inside(v, fact.each)]
        if bad:
            return f"false in the world for each: {', '.join(bad)}"
    return None


def check_fact(world: World, fact: str, context=None) -> str | None:
    """None when `fact` holds in the world; otherwise what is wrong with it.  A name that
    leaves a dimension out means its whole, unless `context` (a cell) says otherwise."""
    if _ABOUT_PRINTED.match(fact):
        return None
    if _NOT_DERIVED.match(fact):
        event("the solver budget ran out: bounds not derived")
        return None
    parsed = parse_fact(fact)
    if parsed is None:
        return "UNPARSED: the test does not know this form of derived fact"
    readings = _readings(world, parsed, context)
    if isinstance(readings, str):
        return readings
    verdicts = [_judge(world, parsed, cells, named) for cells, named in readings]
    if len(readings) > 1:
        shown = "; ".join(f"as {', '.join(world.describe(c) for c in cells)}: {v or 'holds'}"
                          for (cells, _), v in zip(readings, verdicts, strict=True))
        return f"AMBIGUOUS: the unnamed parts could be of several dimensions ({shown})"
    return verdicts[0]


# -- the properties -------------------------------------------------------------------------

@SETTINGS
@given(worlds())
def test_a_consistent_cube_gives_no_error_and_warns_only_on_a_hedge(world):
    """As printed, "about 310" is 310: parts that add up only through that hedge give a "holds
    only if" warning (issue 12, item 1).  Nothing else may be louder than a note."""
    result = run(world)
    hedged = {s.claim for s in world.statements if s.form == "about"}
    loud = [f for f in result.findings if f.severity >= Severity.WARNING and not (
        f.severity == Severity.WARNING and f.verdict == Verdict.CONDITIONAL
        and hedged & set(f.claims))]
    assert not loud, show(loud)


def _bounded_above(world: World, statement: Statement) -> bool:
    """Does another statement bound this cell from above: an exact or hedged figure for the
    cell itself or for a cell containing it?"""
    return any(other is not statement and other.form in ("exact", "about")
               and all(o is None or o == c for o, c in zip(other.cell, statement.cell, strict=True))
               for other in world.statements)


@SETTINGS
@given(worlds(), st.data())
def test_an_exact_figure_pushed_out_gives_an_error_naming_it(world, data):
    candidates = [s for s in world.statements if s.form == "exact" and _bounded_above(world, s)]
    assume(candidates)
    pushed = data.draw(st.sampled_from(candidates), label="pushed")
    event(f"pushed a {'leaf' if None not in pushed.cell else 'aggregate'} figure")
    to = world.value(pushed.cell) + 2 * world.total + 1     # past "about" the whole, even
    result = run(world, pushed=pushed, to=to)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert any(pushed.claim in f.claims for f in errors), \
        f"no error names {pushed.claim} (printed {to:,}):\n{show(result.findings)}"


@SETTINGS
@given(worlds())
def test_every_derived_fact_holds_in_the_world(world):
    result = run(world)
    claims = {s.claim: s for s in world.statements}
    wrong = []
    facts = [fact for finding in result.findings for fact in finding.derived]
    event(f"derived facts: {min(len(facts), 3)}{'+' if len(facts) >= 3 else ''}")
    if any("unnamed" in fact for fact in facts):
        event("a derived fact about unnamed parts")
    for finding in result.findings:
        for fact in finding.derived:
            problem = check_fact(world, fact)
            if problem is None:
                continue
            first = claims.get(finding.claims[0]) if finding.claims else None
            if first is not None and not problem.startswith("UNPARSED") \
                    and check_fact(world, fact, context=first.cell) is None:
                problem += ("; it holds if the names are read in the scope of "
                            f"{world.describe(first.cell)}: the fact does not name its full scope")
            wrong.append(f"{fact!r} ({finding.rule}, {list(finding.claims)}): {problem}")
    assert not wrong, "\n".join(wrong) + "\n\nfindings:\n" + show(result.findings)
