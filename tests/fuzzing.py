"""Mutated claims files, for tests/test_fuzz.py (a small budget) and bench/fuzz.py (a large one).

A case starts from a valid claims file -- the example of claims/ or one built from a rule case
of tests/cases/ -- and applies a few mutations: delete, duplicate, retype (scalar <-> list <->
mapping), reorder fields, corrupt a scalar (random unicode, huge numbers, empty, NaN, units
like 10**10**10), drop quotes, add a relation between random claims (self-references and
cycles included), and now and then damage the text or the bytes (truncation, CRLF, a BOM, NUL,
invalid UTF-8).  Mutations work on PyYAML's representation graph (`yaml.compose`: every scalar
keeps its text, nothing is constructed), so a mutant is the valid file with a few changes.

`run_case` checks one mutant in-process with `verify.engine.check_file` and says what went
wrong, if anything: an exception, a result that is not a FileResult, the engine's catch-all
("internal error", "nested too deeply"), or a fatal result without a positioned message.
Every random choice is a `draw` from a Hypothesis strategy, so both users are Hypothesis runs.
"""
from __future__ import annotations

import copy
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hypothesis import strategies as st

from verify.engine import check_file
from verify.model import FileResult

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "claims" / "operation-united-front.yaml"
CASES = ROOT / "tests" / "cases"

STR, SEQ, MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
NASTY = ["", " ", "~", "null", "NaN", ".nan", ".inf", "-.inf", "infinity", "1e100000000",
         "10**10**10", "10^10^10", "0", "-0", "0%", "between 5 and 3", "between between 1 and 2",
         "about", "$", "%", "1" * 41, "9" * 40, "0." + "0" * 39 + "1", "-" * 50 + "5",
         "5" + " times" * 50, "a third", "twenty-one", "2021-02-30", "2021-13-01/2020-01-01",
         "Friday", "1,2,3", "1..2", "FILL-IN", "nan", "count_x", "km/h/s", "per", "people per",
         "\x00", "\ufeff", "\u2028", "!!python/object/apply:os.system", "*alias", "&anchor",
         "e" * 300, "9" * 20000, "999999", "1000000", "x" * 41, "/dev/zero", ".", "..", "/"]
KINDS = ("delete", "duplicate", "retype", "reorder", "corrupt", "corrupt", "drop_quote",
         "add_relation", "add_relation", "renumber", "renumber", "rename_key")
FIGURES = st.one_of(st.integers(0, 1000).map(str), st.sampled_from(
    ["0", "0%", "100%", "about 0", "-5", "0.5", "1.2 million", "between 0 and 0", "more than 0",
     "fewer than 1", "doubled", "halved", "a third", "twice", "-0.0", "$0", "up to 0"]))
RELATIONS = ("same", "sum", "subset", "count", "share", "change", "rank")


@dataclass
class Case:
    """A claims file (bytes) and the files beside it."""

    name: str
    claims: bytes
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass
class Outcome:
    seconds: float
    problem: str | None          # None: verify behaved; else what went wrong
    fatal: bool = False


def seeds() -> list[tuple[str, str, dict[str, bytes]]]:
    """(name, claims text, files beside it): the example and every rule case."""
    out = [("example", EXAMPLE.read_text(encoding="utf-8"),
            {"operation-united-front.txt": EXAMPLE.with_suffix(".txt").read_bytes()})]
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
        for case in data.get("cases", []):
            if any(e.get("rule") == "input" for e in case.get("expect") or []) or \
                    "nouns" in (case.get("settings") or {}):
                continue      # a malformed file, or one whose units need its settings' nouns,
                              # is no valid start for mutants (seeds are checked without settings)
            out.append(_from_rule_case(f"{path.stem}::{case.get('name')}", case))
    return out


def _from_rule_case(name: str, case: dict) -> tuple[str, str, dict[str, bytes]]:
    sources = [{"id": "article", "file": "article.txt", **(
        {"published": case["published"]} if "published" in case else {})}]
    files = {"article.txt": case.get("article", "").encode("utf-8")}
    for extra in case.get("sources", []) or []:
        sources.append({"id": extra["id"], "file": f"{extra['id']}.txt"}
                       | ({"corrects": extra["corrects"]} if extra.get("corrects") else {}))
        files[f"{extra['id']}.txt"] = extra.get("text", "").encode("utf-8")
    claims = {"sources": sources}
    for key in ("breakdowns", "claims", "relations", "unchecked", "waivers"):
        if key in case:
            claims[key] = case[key]
    return name, yaml.safe_dump(claims, allow_unicode=True, sort_keys=False), files


SEEDS = seeds()


def draw_case(draw) -> Case:
    """One mutant of one seed; `draw` is Hypothesis's data.draw."""
    name, text, files = SEEDS[draw(st.integers(0, len(SEEDS) - 1), label="seed")]
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    done = []
    for _ in range(draw(st.integers(1, 3), label="mutations")):
        kind = draw(st.sampled_from(KINDS), label="kind")
        if _MUTATIONS[kind](draw, root):
            done.append(kind)
    text = yaml.serialize(root, Dumper=yaml.SafeDumper, allow_unicode=True)
    data = _damage(draw, text)
    return Case(f"{name} [{', '.join(done)}]", data, files)


def _nodes(root):
    """Every (node, parent, index in parent) of the graph, depth first."""
    out, stack = [], [(root, None, None)]
    while stack:
        node, parent, index = stack.pop()
        out.append((node, parent, index))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, node, i) for i, child in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend((value, node, i) for i, (_, value) in enumerate(node.value))
    return out


def _pick(draw, root, want=None):
    nodes = [n for n in _nodes(root) if want is None or isinstance(n[0], want)]
    return nodes[draw(st.integers(0, len(nodes) - 1), label="node")] if nodes else None


def _delete(draw, root) -> bool:
    picked = _pick(draw, root, (yaml.SequenceNode, yaml.MappingNode))
    if picked is None or not picked[0].value:
        return False
    items = picked[0].value
    del items[draw(st.integers(0, len(items) - 1), label="delete")]
    return True


def _duplicate(draw, root) -> bool:
    """A list item twice (duplicate claim ids), or a mapping entry twice (duplicate keys)."""
    picked = _pick(draw, root, (yaml.SequenceNode, yaml.MappingNode))
    if picked is None or not picked[0].value:
        return False
    items = picked[0].value
    at = draw(st.integers(0, len(items) - 1), label="duplicate")
    items.insert(at, copy.deepcopy(items[at]))     # a shared node would become an alias
    return True


def _retype(draw, root) -> bool:
    picked = _pick(draw, root)
    node, parent, index = picked
    if parent is None:
        return False
    target = draw(st.sampled_from(("scalar", "seq", "map")), label="to")
    text = node.value if isinstance(node, yaml.ScalarNode) else "x"
    new = {"scalar": lambda: _scalar(text),
           "seq": lambda: yaml.SequenceNode(SEQ, [copy.deepcopy(node)]),
           "map": lambda: yaml.MappingNode(MAP, [(_scalar("x"), copy.deepcopy(node))])}[target]()
    _replace(parent, index, new)
    return True


def _reorder(draw, root) -> bool:
    picked = _pick(draw, root, yaml.MappingNode)
    if picked is None:
        return False
    picked[0].value[:] = draw(st.permutations(picked[0].value), label="order")
    return True


def _corrupt(draw, root) -> bool:
    picked = _pick(draw, root, yaml.ScalarNode)
    if picked is None or picked[1] is None:
        return False
    text = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=40),
                          st.integers(-10**60, 10**60).map(str),
                          st.sampled_from(_ids(root) or ["x"])), label="text")
    _replace(picked[1], picked[2], _scalar(text))
    return True


def _renumber(draw, root) -> bool:
    """Another figure where a value was: the file stays valid, the arithmetic changes
    (zero totals, negative parts, empty hedges)."""
    values = [(n, p, i) for n, p, i in _nodes(root) if isinstance(p, yaml.MappingNode)
              and p.value[i][0].value == "value"]
    if not values:
        return False
    _, parent, index = values[draw(st.integers(0, len(values) - 1), label="value")]
    _replace(parent, index, _scalar(draw(FIGURES, label="figure")))
    return True


def _rename_key(draw, root) -> bool:
    """A mistyped, empty (`~`, ''), duplicated or foreign key."""
    picked = _pick(draw, root, yaml.MappingNode)
    if picked is None or not picked[0].value:
        return False
    entries = picked[0].value
    at = draw(st.integers(0, len(entries) - 1), label="entry")
    keys = [k.value for k, _ in entries] + ["~", "", "null", "id", "value", "claims", "sum"]
    text = draw(st.one_of(st.sampled_from(keys), st.text(max_size=12)), label="key")
    entries[at] = (_scalar(text), entries[at][1])
    return True


def _drop_quote(draw, root) -> bool:
    """Claims without their quote: the field most often forgotten."""
    claims = [n for n, _, _ in _nodes(root) if isinstance(n, yaml.MappingNode)
              and any(k.value == "quote" for k, _ in n.value)]
    if not claims:
        return False
    claim = claims[draw(st.integers(0, len(claims) - 1), label="claim")]
    claim.value[:] = [(k, v) for k, v in claim.value if k.value != "quote"]
    return True


def _add_relation(draw, root) -> bool:
    """A relation between random claims: self-references and cycles come up often."""
    ids = _ids(root)
    if not ids or not isinstance(root, yaml.MappingNode):
        return False

    def one() -> yaml.ScalarNode:
        return _scalar(draw(st.sampled_from(ids + ["missing"]), label="id"))

    def many() -> yaml.SequenceNode:
        return yaml.SequenceNode(SEQ, [one() for _ in range(draw(st.integers(0, 3)))])

    kind = draw(st.sampled_from(RELATIONS), label="relation")
    roles = {"same": [("same", many)], "sum": [("sum", one), ("parts", many)],
             "subset": [("subset", one), ("of", one)], "count": [("count", one), ("items", many)],
             "share": [("share", one), ("part", one), ("whole", one)],
             "change": [("change", one), ("from", one), ("to", one)],
             "rank": [("rank", lambda: _scalar(draw(st.sampled_from(("most", "least", "more"))))),
                      ("claim", one), ("among", many), ("than", one)]}[kind]
    relation = yaml.MappingNode(MAP, [(_scalar(role), make()) for role, make in roles])
    for key, value in root.value:
        if key.value == "relations" and isinstance(value, yaml.SequenceNode):
            value.value.append(relation)
            return True
    root.value.append((_scalar("relations"), yaml.SequenceNode(SEQ, [relation])))
    return True


_MUTATIONS = {"delete": _delete, "duplicate": _duplicate, "retype": _retype, "reorder": _reorder,
              "corrupt": _corrupt, "drop_quote": _drop_quote, "add_relation": _add_relation,
              "renumber": _renumber, "rename_key": _rename_key}


def _ids(root) -> list[str]:
    ids = []
    for node, _, _ in _nodes(root):
        if isinstance(node, yaml.MappingNode):
            ids += [v.value for k, v in node.value
                    if k.value == "id" and isinstance(v, yaml.ScalarNode)]
    return ids


def _scalar(text: str) -> yaml.ScalarNode:
    # The tag a plain scalar would get, so the serializer writes it plain when it can.
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    return yaml.ScalarNode(tag, text)


def _replace(parent, index, new) -> None:
    if isinstance(parent, yaml.SequenceNode):
        parent.value[index] = new
    else:
        key, _ = parent.value[index]
        parent.value[index] = (key, new)


def _damage(draw, text: str) -> bytes:
    """Usually nothing; else one change to the text or its bytes."""
    how = draw(st.sampled_from(["none"] * 14 + ["truncate", "crlf", "bom", "nul", "bytes",
                                               "unquote", "dedent"]), label="damage")
    at = draw(st.integers(0, len(text)), label="at")
    if how == "truncate":
        text = text[:at]
    elif how == "crlf":
        text = text.replace("\n", "\r\n")
    elif how == "bom":
        text = "\ufeff" + text
    elif how == "nul":
        text = text[:at] + "\x00" + text[at:]
    elif how == "unquote":
        text = text.replace('"', "").replace("'", "")
    elif how == "dedent":
        text = "\n".join(line.lstrip() if i % 3 == 0 else line
                         for i, line in enumerate(text.split("\n")))
    data = text.encode("utf-8")
    if how == "bytes":
        junk = draw(st.binary(min_size=1, max_size=4), label="junk")
        data = data[:at] + junk + data[at:]
    return data


def run_case(case: Case, config) -> Outcome:
    """Check one mutant in a private folder; what went wrong, if anything."""
    folder = Path(tempfile.mkdtemp(prefix="verify-fuzz-"))
    try:
        for name, data in case.files.items():
            (folder / name).write_bytes(data)
        path = folder / "claims.yaml"
        path.write_bytes(case.claims)
        start = time.perf_counter()
        try:
            result = check_file(str(path), config)
        except BaseException as error:
            return Outcome(time.perf_counter() - start, f"{type(error).__name__}: {error}")
        return Outcome(time.perf_counter() - start, _judge(result, str(path)),
                       getattr(result, "fatal", False))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _judge(result, path: str) -> str | None:
    if not isinstance(result, FileResult):
        return f"check_file returned {type(result).__name__}"
    for finding in result.findings:
        if "internal error" in finding.message or "nested too deeply" in finding.message:
            return finding.message
    if result.fatal:
        if not result.findings:
            return "a fatal result without findings"
        for finding in result.findings:
            where = finding.location
            if where.path != path or where.line < 1 or where.col < 1 or not finding.message:
                return f"a finding without a position or message: {where} {finding.message!r}"
    return None
