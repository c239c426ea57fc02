"""`verify extract --draft --update claims.yaml`: keep a claims file current with its sources.

Adds a drafted claim (guesses marked, as `--draft` writes them) for every figure of its
sources that no claim covers and no `unchecked:` entry explains, at the end of its `claims:`
list, and lists the claims whose quote is no longer in their source.  Nothing else of the file
changes: its comments, order and layout stay as the person left them.
"""
from __future__ import annotations

import os
import re

from verify import config
from verify.anchor import coverage, quotes
from verify.draft.quoting import guess_published
from verify.draft.skeleton import Text, _claim_lines, _unique, plan
from verify.extract.figures import extract_figures
from verify.load import claims
from verify.model import record

_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


@record()
class Updated:
    text: str | None           # the new file text; None when it cannot be updated
    added: tuple[str, ...]     # ids of the claims added
    gone: tuple[str, ...]      # "path:line:col: ..." for each claim whose quote is gone
    problems: tuple[str, ...]  # why it cannot be updated


def update(path: str) -> Updated:
    """The claims file at `path` with draft claims for its uncovered figures."""
    with open(path, encoding="utf-8") as handle:
        original = handle.read()
    loaded = claims.load(path, config.load([]))
    if loaded.claims_file is None:
        return Updated(None, (), (), tuple(f"{p.location}: {p.message}" for p in loaded.problems))
    claims_file, _ = quotes.anchor(loaded.claims_file)
    gone = tuple(f"{c.loc}: claim '{c.id}': its quote \"{c.quote}\" is no longer in source "
                 f"'{c.source}'; update or delete the claim"
                 for c in claims_file.claims if c.span is None and c.quote)
    uncovered = {(s.source, s.start) for f in coverage.uncovered(claims_file)
                 for s in f.spans}
    taken = {c.id for c in claims_file.claims}
    several = len(claims_file.sources) > 1
    lines: list[str] = []
    added = []
    for source in claims_file.sources:
        text = Text(source.id, source.path, source.text, source.title, source.published)
        for c in plan([text]).claims:
            if (source.id, c.figure.start) not in uncovered:
                continue
            ident = _unique(c.id, taken)
            published = source.published or guess_published(source.text, extract_figures(source.text))
            drafted = _claim_lines(c, text, published, several)
            drafted = [line.replace(f"- id: {c.id}", f"- id: {ident}", 1) for line in drafted]
            lines += [""] + drafted
            added.append(ident)
    if not lines:
        return Updated(original, (), gone, ())
    at = _end_of_claims(original.splitlines())
    if at is None:
        return Updated(None, (), gone, (f"{path}: its claims: list is not a block list "
                                        "(one '- id:' entry a line); add the claims by hand",))
    old = original.splitlines()
    new = old[:at] + lines + old[at:]
    return Updated("\n".join(new) + "\n", tuple(added), gone, ())


def _end_of_claims(lines: list[str]) -> int | None:
    """The line index where claims end: before the next top-level key (and the blank and
    comment lines that introduce it), else the end of the file."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^claims\s*:\s*(#.*)?$", line)), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return end


def write(path: str, text: str) -> None:
    """Replace the file in one step, so an editor or a watcher never sees half of it."""
    temporary = f"{path}.verify-update"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)
