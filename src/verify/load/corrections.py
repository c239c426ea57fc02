"""Corrections in a claims file: `corrects:` on a source, `earlier: true` on a claim.

A source that corrects another names it by id; the names must lead nowhere in a circle.  A
claim that gives what an earlier version said belongs to a correcting source, and no relation
computes with it: it is compared with the earlier version's figure and nothing else.
"""
from __future__ import annotations

from collections.abc import Sequence

from verify.load.validate import Reader, short
from verify.load.yamlread import Node
from verify.model import Relation


def check(reader: Reader, sources: Sequence[Node], claims: Sequence[Node],
          relations: Sequence[Relation]) -> None:
    """Every mistake of the corrections of a file, at its line and column."""
    corrected = _corrected(reader, sources)
    earlier = _earlier(reader, claims, corrected, _only_source(sources))
    for relation in relations:
        for claim_id in sorted(_named(relation) & earlier):
            reader.add(f"{relation.kind} relation {short(relation.id or relation.kind)} names "
                       f"claim '{short(claim_id)}', which gives what an earlier version said "
                       "(earlier: true); expected a claim of a figure the source stands by",
                       relation.loc)


def _scalar(node: Node | None, key: str) -> Node | None:
    found = node.get(key) if node is not None and node.kind == "map" else None
    return found if found is not None and found.kind == "scalar" and found.value is not None \
        else None


def _corrected(reader: Reader, sources: Sequence[Node]) -> dict[str, str]:
    """Source id -> the id of the source it corrects, for the sources that correct one."""
    ids = [n.text for n in (_scalar(s, "id") for s in sources) if n is not None]
    out: dict[str, str] = {}
    where: dict[str, Node] = {}
    for node in sources:
        ident, named = _scalar(node, "id"), _scalar(node, "corrects")
        if ident is None or named is None:
            continue
        if named.text == ident.text:
            reader.problem(named, f"source '{short(ident.text)}' corrects itself; expected the "
                           "id of the source whose figures it corrects")
        elif named.text not in ids:
            guess = reader.guess(named.text, [i for i in ids if i != ident.text])
            hint = f"did you mean '{guess}'?" if guess else \
                f"expected one of: {', '.join(short(i, 30) for i in ids if i != ident.text)}"
            reader.problem(named, f"source '{short(ident.text)}' corrects '{short(named.text)}', "
                           f"which is not a source of this file; {hint}")
        else:
            out[ident.text], where[ident.text] = named.text, named
    circled: set[str] = set()
    for start in sorted(out):       # each circle once, at its first source by id
        path, at = [start], out[start]
        while at in out and at not in path:
            path.append(at)
            at = out[at]
        if at == start and start not in circled:
            circled.update(path)
            circle = " -> ".join(path + [start])
            reader.problem(where[start], f"sources correct each other in a circle ({short(circle, 120)}); "
                           "expected each correction to name the version it corrects")
    return out


def _only_source(sources: Sequence[Node]) -> str | None:
    ids = [n.text for n in (_scalar(s, "id") for s in sources) if n is not None]
    return ids[0] if len(ids) == 1 else None


def _earlier(reader: Reader, claims: Sequence[Node], corrected: dict[str, str],
             only: str | None) -> set[str]:
    """The ids of the claims marked `earlier: true`; each must quote a correcting source."""
    out: set[str] = set()
    for node in claims:
        flag = _scalar(node, "earlier")
        if flag is None or flag.text.lower() not in ("true", "yes"):
            continue
        ident = _scalar(node, "id")
        if ident is None:
            continue
        out.add(ident.text)
        named = _scalar(node, "source")
        source = named.text if named is not None else only
        if source is not None and source not in corrected:
            reader.problem(flag, f"claim '{short(ident.text)}' gives what an earlier version said "
                           f"(earlier: true), but its source '{short(source)}' corrects no other; "
                           "expected 'corrects:' on the source of the correction, naming the "
                           "version it corrects")
    return out


def _named(relation: Relation) -> set[str]:
    """Every claim id a relation names, in any role."""
    out: set[str] = set()
    for _, value in relation.members:
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, str):
                out.add(item)
    return out
