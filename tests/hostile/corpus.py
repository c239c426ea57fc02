"""The hostile corpus: claims files nobody should have to trust, and what verify must say.

Small cases are files beside this one (they quote article.txt); big, binary or odd ones
(100 MB, invalid UTF-8, NUL, BOM, CRLF, FIFOs, deep nesting) are made by a generator into a
test's temporary folder, never committed.  Each case names the claims file to check and
what the run must print for it:

    code     2 for input that cannot be checked; 1 for valid input with a finding (the seed
             checked in the same run has a finding too, so a clean file also gives 1)
    phrase   a key phrase of the hostile file's message (never the whole text)
    where    (line, col) the message must point at, when one place is right
    rule     the rule of the expected finding (`input` for malformed input)
    xfail    a known bug elsewhere (the file and what happens); the case must fail until fixed
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLE = (HERE / "article.txt").read_text(encoding="utf-8")

# A valid file: two claims of the same quantity that disagree (47 and 41), so a run that
# really checked it reports rule `same` at claim b (line 10, column 5).
VALID = """version: 1
sources:
  - id: article
    file: article.txt
claims:
  - id: a
    quote: 47 people were rescued
    measure: rescued
    value: 47
  - id: b
    quote: 41 people were rescued
    measure: rescued
    value: 41
"""


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[Path], Path]     # writes the case into a folder; returns the claims file
    code: int
    phrase: str
    where: tuple[int, int] | None = None
    rule: str = "input"
    xfail: str | None = None


def _file(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        shutil.copy(HERE / "article.txt", folder / "article.txt")
        shutil.copy(HERE / f"{name}.yaml", folder / f"{name}.yaml")
        return folder / f"{name}.yaml"
    return make


def _write(name: str, data: str | bytes, files: dict[str, str | bytes] | None = None):
    def make(folder: Path) -> Path:
        for file_name, content in {"article.txt": ARTICLE, **(files or {})}.items():
            _put(folder / file_name, content)
        _put(folder / name, data)
        return folder / name
    return make


def _put(path: Path, data: str | bytes) -> None:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _big(folder: Path) -> Path:
    """A 100 MB claims file, written in chunks (never held in memory whole)."""
    path = folder / "big.yaml"
    claim = "  - id: c{}\n    quote: 47 people were rescued\n    value: 47\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(VALID)
        block = "".join(claim.format(i) for i in range(10_000))
        while out.tell() < 100 * 2**20:
            out.write(block)
    return path


def _fifo_source(folder: Path) -> Path:
    os.mkfifo(folder / "fifo.txt")       # opening it for reading would block forever
    return _write("source-fifo.yaml", VALID.replace("file: article.txt", "file: fifo.txt"))(folder)


def _claims_folder(folder: Path) -> Path:
    (folder / "folder.yaml").mkdir()
    return folder / "folder.yaml"


def _value(text: str) -> str:
    return VALID.replace("value: 41", f"value: '{text}'")


def _claims(count: int, extra: str = "", scope: str = "") -> str:
    """VALID (its 47-and-41 finding included) with `count` more claims, then `extra`."""
    body = "".join(f"  - id: c{i}\n    quote: 47 people were rescued\n    occurrence: 1\n"
                   f"    measure: m{i}\n{scope}    value: 47\n" for i in range(count))
    return VALID.replace("    value: 47\n", "    value: 47\n    occurrence: 1\n") + body + extra


def _many_unknown_ids() -> str:
    relations = "".join(f"  - subset: c{i}\n    of: missing-{i}\n" for i in range(1000))
    return _claims(1990, "relations:\n" + relations)


def _long_quote(figures: int) -> str:
    """A quote of many figures the source nearly holds: regex backtracking bait."""
    return VALID.replace("quote: 41 people were rescued", "quote: '" + "1 " * figures + "zz'")


SOURCE_10K = "ab " * 3400 + "\n"            # many spaces for lazy gaps to try
SOURCE_COMMON = ARTICLE + "e " * 300_000      # a one-letter quote occurs 300,000 times
SOURCE_DIGITS = ARTICLE + "1 " * 2_000 + "\n"


CASES = [
    # YAML itself
    Hostile("alias-bomb", _file("alias-bomb"), 2, "alias '*a' is not allowed", (3, 8)),
    Hostile("python-tag", _file("python-tag"), 2, "is not allowed; claims files hold plain text",
            (9, 12)),
    Hostile("duplicate-key", _file("duplicate-key"), 2, "duplicate key 'value'", (9, 5)),
    Hostile("second-document", _file("second-document"), 2, "a second YAML document", (14, 1)),
    Hostile("deep-block", _write("deep-block.yaml", "- " * 10_000 + "x\n"), 2,
            "nesting deeper than 64 levels"),
    Hostile("deep-flow-list", _write("deep-flow-list.yaml", "[" * 10_000 + "]" * 10_000 + "\n"),
            2, "nesting"),
    Hostile("deep-flow-map", _write("deep-flow-map.yaml", "{a: " * 10_000 + "b" + "}" * 10_000),
            2, "nesting"),
    Hostile("nodes-over-limit", _write("nodes.yaml", "claims: [" + "a," * 100_001 + "a]\n"), 2,
            "(limits.nodes)"),
    # bytes and text
    Hostile("file-100mb", _big, 2, "bytes; the limit is 2,000,000 (limits.file_bytes)", (1, 1)),
    Hostile("invalid-utf8", _write("invalid-utf8.yaml", VALID.encode().replace(
        b"value: 41", b"value: \xc3\xa9\xff41")), 2, "is not valid UTF-8", (13, 13)),
    Hostile("nul-byte", _write("nul.yaml", VALID.replace("value: 41", "value: 4\x001")), 2,
            "character #x0000 is not allowed", (13, 13)),
    Hostile("bom", _write("bom.yaml", b"\xef\xbb\xbf" + VALID.encode(),
                          {"article.txt": "\ufeff" + ARTICLE}), 1,
            "rescued is stated as 47 and as 41", (6, 5), rule="same"),
    Hostile("crlf", _write("crlf.yaml", VALID.replace("\n", "\r\n"),
                           {"article.txt": ARTICLE.replace(" Officials", "\r\nOfficials")}), 1,
            "rescued is stated as 47 and as 41", (6, 5), rule="same"),
    Hostile("crlf-error", _write("crlf-error.yaml", _value("x41").replace("\n", "\r\n")), 2,
            "'x41' is not a figure", (13, 12)),
    Hostile("empty", _file("empty"), 2, "must be a mapping of fields", (1, 1)),
    Hostile("comment-only", _file("comment-only"), 2, "must be a mapping of fields", (1, 1)),
    Hostile("top-list", _file("top-list"), 2, "must be a mapping of fields", (1, 1)),
    Hostile("top-scalar", _file("top-scalar"), 2, "must be a mapping of fields", (1, 1)),
    Hostile("key-1mb", _write("key.yaml", VALID + "? " + "x" * 2**20 + "\n: 1\n"), 2,
            "unknown field 'xxx", (14, 3)),
    Hostile("key-null", _write("null-key.yaml", VALID.replace(
        "    file: article.txt", "    file: article.txt\n    ~: x")), 2, "unknown field ''",
            (5, 5)),
    Hostile("scope-null-key", _write("null-scope.yaml", VALID.replace(
        "    value: 41", "    value: 41\n    scope: {~: x}")), 1,
            "\"Friday\" (line 1 of article.txt) is not covered", (3, 5), rule="coverage"),
    Hostile("problems-over-cap", _write("problems.yaml", VALID + "".join(
        f"k{i}: 1\n" for i in range(1500))), 2, "more than 1,000 problems"),
    # claims and values
    Hostile("duplicate-claim-id", _file("duplicate-claim-id"), 2, "claim id 'a' is used twice",
            (9, 5)),
    Hostile("claims-over-limit", _write("claims.yaml", _claims(2001)), 2, "(limits.claims)"),
    Hostile("unit-power", _file("unit-power"), 2, "is not a unit name", (9, 11)),
    Hostile("unit-caret", _file("unit-caret"), 2, "is not a unit name", (9, 11)),
    Hostile("unit-nan", _file("unit-nan"), 2, "is not a unit name", (9, 11)),
    Hostile("unit-too-long", _write("unit-long.yaml", VALID.replace(
        "value: 41", "value: 41\n    unit: " + "a" * 41)), 2, "is longer than 40 characters",
            (14, 11)),
    Hostile("value-exponent", _file("value-exponent"), 2, "uses an exponent", (8, 12)),
    Hostile("value-nan", _file("value-nan"), 2, "is not a figure", (8, 12)),
    Hostile("value-inf", _file("value-inf"), 2, "is not a figure", (8, 12)),
    Hostile("value-infinity", _file("value-infinity"), 2, "is not a figure", (8, 12)),
    Hostile("value-41-digits", _file("value-41-digits"), 2, "more than 40 digits", (8, 12)),
    Hostile("value-nested-between", _write("between.yaml", _value(
        "between " * 1200 + "1 and 2" + " and 3" * 1199)), 2, "is not a figure", (13, 12)),
    Hostile("value-signs", _write("signs.yaml", _value("-" * 19_000 + "5")), 2, "one sign",
            (13, 12)),
    Hostile("value-times", _write("times.yaml", _value("5" + " times" * 3000)), 2, "one sign",
            (13, 12)),
    Hostile("quote-1mb", _write("quote.yaml", VALID.replace(
        "quote: 41 people were rescued", "quote: " + "x" * 2**20)), 2,
            "characters long; the limit is 20,000 (limits.string_chars)", (11, 12)),
    Hostile("quote-figures-redos", _write("redos.yaml", _long_quote(12).replace(
        "quote: 47 people were rescued", "quote: ab ab\n    occurrence: 1"),
        {"article.txt": SOURCE_10K}), 1, "is not in source", (11, 5), rule="anchor"),
    Hostile("quote-8-figures", _write("figures8.yaml", _long_quote(8),
                                      {"article.txt": SOURCE_DIGITS}), 1, "is not in source",
            (10, 5), rule="anchor"),
    Hostile("quote-common", _write("common.yaml", VALID.replace(
        "quote: 41 people were rescued", "quote: e"), {"article.txt": SOURCE_COMMON}), 1,
            "occurs more than 10 times", (10, 5), rule="anchor"),
    Hostile("occurrence-huge", _write("occurrence.yaml", VALID.replace(
        "value: 41", "value: 41\n    occurrence: 999999")), 1, "expected at most 1,000", (10, 5),
            rule="anchor"),
    # relations
    Hostile("relation-self", _file("relation-self"), 2, "names the same claim twice", (15, 10)),
    Hostile("relation-missing-claim", _file("relation-missing-claim"), 2,
            "names claim 'c', which is not in this file", (16, 9)),
    Hostile("relation-empty", _file("relation-empty"), 2, "has 0 entries", (15, 11)),
    Hostile("relation-cycle", _file("relation-cycle"), 1, "add to 41, not 47", (16, 5),
            rule="sum"),
    Hostile("relation-cycle-subset", _file("relation-cycle-subset"), 1,
            "is more than the whole it is part of", (15, 5), rule="subset"),
    Hostile("relation-unknown-ids", _write("unknown.yaml", _many_unknown_ids()), 2,
            "which is not in this file"),
    Hostile("relation-no-figure", _file("relation-no-figure"), 2,
            "claim 'names' is a list; a sum's 'sum' needs a quantity", (19, 10)),
    # sources and paths
    Hostile("source-missing", _file("source-missing"), 2, "No such file or directory", (4, 11)),
    Hostile("source-binary", _write("binary.yaml", VALID.replace("article.txt", "image.png"),
                                    {"image.png": bytes(range(256)) * 8}), 2,
            "image.png is not valid UTF-8", (4, 11)),
    Hostile("source-over-limit", _write("over.yaml", VALID.replace("article.txt", "long.txt"),
                                        {"long.txt": "x" * 1_000_001}), 2,
            "(limits.source_bytes)", (4, 11)),
    Hostile("source-device", _file("source-device"), 2, "is outside the project", (4, 11)),
    Hostile("source-fifo", _fifo_source, 2, "not a regular file", (4, 11)),
    Hostile("source-directory", _file("source-directory"), 2, "it is a directory", (4, 11)),
    Hostile("source-name-nul", _file("source-name-nul"), 2, "cannot hold a NUL", (4, 11)),
    # rules on valid but extreme input
    Hostile("date-overflow", _file("date-overflow"), 1, "fits its date", (15, 5), rule="date"),
    Hostile("date-range-long", _write("dates.yaml", VALID + "".join(
        f"  - id: d{i}\n    quote: on Friday\n    occurrence: 1\n    value: Friday\n"
        f"    unit: weekday\n    date: 0001-01-01/9999-12-31\n" for i in range(100))), 1,
            "is longer than a month", rule="date"),
    Hostile("unchecked-common-word", _write("unchecked.yaml", VALID.replace(
        "article.txt", "common.txt") + "unchecked:\n" + "".join(
        f"  - text: e\n    reason: r{i}\n" for i in range(50)), {"common.txt": SOURCE_COMMON}),
            1, "rescued is stated as 47 and as 41", (6, 5), rule="same"),
    Hostile("breakdowns-many", _write("breakdowns.yaml", _claims(
        1000, scope="    scope: {place: all}\n").replace("claims:\n", "breakdowns:\n" + "".join(
            f"  - dimension: place\n    whole: all\n    parts: [a{j}, b{j}]\n"
            for j in range(1500)) + "claims:\n")), 2, "is broken down twice"),
]
# Not a claims file but a folder named like one: a folder is a folder of claims files.
FOLDER = Hostile("claims-folder", _claims_folder, 1, "", rule="")
