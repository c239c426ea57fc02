"""Claims files: every scalar as written, positions kept, and every malformed file reported
as path:line:col with exit 2 while other files are still checked."""
import re

import pytest

from verify import config
from verify.load import claims as load
from verify.load import schema, validate, yamlread

CLEAN = """\
version: 1
sources:
  - id: article
    file: a.txt
    published: 2021-08-27
claims:
  - id: total
    quote: arrested 102 persons
    measure: arrested
    value: 102
    unit: people
"""
ARTICLE = "Police arrested 102 persons on Friday.\n"


def write(tmp_path, text, name="c.yaml", article=ARTICLE):
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def problems(path):
    loaded = load.load(str(path), config.load([]))
    return loaded.claims_file, loaded.problems


def test_scalars_are_kept_as_written():
    root = yamlread.read("a: 3.20\nb: 012\nc: 1:30\nd: NO\ne: 2021-08-27\nf: 1e3\ng: ~\n")
    values = {k: v.value for k, _, v in root.items()}
    assert values == {"a": "3.20", "b": "012", "c": "1:30", "d": "NO", "e": "2021-08-27",
                      "f": "1e3", "g": None}


def test_positions_of_every_node_are_kept():
    root = yamlread.read(CLEAN)
    claim = root.get("claims").value[0]
    assert (claim.line, claim.col) == (7, 5)
    assert (claim.get("value").line, claim.get("value").col) == (10, 12)


def test_a_clean_file_loads(tmp_path):
    claims_file, found = problems(write(tmp_path, CLEAN))
    assert found == []
    assert claims_file.claims[0].figure.text == "102"
    assert claims_file.sources[0].published == "2021-08-27"


@pytest.mark.parametrize("relation", ["{complete: false, parts: [part], sum: total}",
                                      "{sum: total, parts: [part], complete: false}",
                                      "{parts: [part], complete: false, sum: total}"])
def test_an_unnamed_relation_is_named_by_what_it_relates_in_any_order(tmp_path, relation):
    """An unnamed relation is named by its kind's own field ("sum-total"), whatever the order
    its fields are written in; a flag written first (`complete: false`) is passed over (it
    raised "TypeError: 'bool' object is not iterable")."""
    text = CLEAN + ("  - {id: part, quote: 102 persons, measure: arrested, value: 102, unit: people}\n"
                    f"relations:\n  - {relation}\n")
    claims_file, found = problems(write(tmp_path, text))
    assert found == []
    assert [r.id for r in claims_file.relations] == ["sum-total"]



def test_unnamed_relations_on_one_base_are_numbered_past_the_names_taken(tmp_path):
    """Unnamed relations that would share a name are numbered (sum-total, sum-total-3, ...),
    passing over a name the file gives a relation itself, whatever their order."""
    parts = "".join(f"  - {{id: {p}, quote: 102 persons, measure: arrested, value: 102, unit: people}}\n"
                    for p in "abc")
    relations = ["{sum: total, parts: [c]}", "{id: sum-total-2, sum: total, parts: [a]}",
                 "{sum: total, parts: [a, b]}", "{sum: total, parts: [b]}"]
    for order in (relations, relations[::-1]):
        text = CLEAN + parts + "relations:\n" + "".join(f"  - {r}\n" for r in order)
        claims_file, _ = problems(write(tmp_path, text))
        named = {r.id: r.get("parts") for r in claims_file.relations}
        assert named == {"sum-total": ("a", "b"), "sum-total-2": ("a",), "sum-total-3": ("b",),
                         "sum-total-4": ("c",)}


MALFORMED = {
    "bad indentation": ("version: 1\nsources:\n  - id: a\n   file: a.txt\n", 4, "expected"),
    "unknown field vaule": (CLEAN.replace("value: 102", "vaule: 102"), 10, "did you mean 'value'"),
    "missing quote": (CLEAN.replace("    quote: arrested 102 persons\n", ""), 7, "no 'quote'"),
    "duplicate key": (CLEAN.replace("    unit: people\n", "    unit: people\n    unit: people\n"),
                      12, "duplicate key 'unit'"),
    "alias": (CLEAN + "  - &x {id: b, quote: q, value: 1}\n  - *x\n", 13, "alias"),
    "non-mapping top level": ("- just\n- a list\n", 1, "must be a mapping"),
    "python tag": (CLEAN.replace("value: 102", "value: !!python/object/apply:os.system [ls]"),
                   10, "tag"),
    "unknown unit expression": (CLEAN.replace("unit: people", "unit: 10**10**10"), 11, "not a unit name"),
    "unreadable value": (CLEAN.replace("value: 102", "value: lots"), 10, "not a figure"),
    "wrong type": (CLEAN.replace("    measure: arrested\n", "    measure: [a, b]\n"), 9, "single value"),
    "unknown source": (CLEAN.replace("    measure: arrested\n", "    source: wire\n    measure: arrested\n"),
                       9, "names source 'wire'"),
    "duplicate claim id": (CLEAN + "  - id: total\n    quote: arrested 102 persons\n    value: 102\n",
                           12, "used twice"),
    "relation to a missing claim": (CLEAN + "relations:\n  - sum: total\n    parts: [totl]\n",
                                    14, "did you mean 'total'"),
    "waiver without reason": (CLEAN + "    waive: [{rule: same}]\n", 12, "no 'reason'"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_files_give_path_line_col_and_exit_2(tmp_path, run, name):
    text, line, phrase = MALFORMED[name]
    path = write(tmp_path, text)
    code, out, _ = run("check", str(path))
    assert code == 2
    located = re.findall(rf"^{re.escape(str(path))}:(\d+):(\d+): error input (.*)$", out, re.M)
    assert located, out
    assert any(int(at) == line and phrase in message for at, _, message in located), out
    assert "Traceback" not in out


def test_invalid_utf8_is_reported_with_its_position(tmp_path, run):
    path = write(tmp_path, CLEAN.encode() + b"  # caf\xe9\n")
    code, out, _ = run("check", str(path))
    assert code == 2
    assert re.search(rf"{re.escape(str(path))}:12:\d+: error input .*not valid UTF-8", out), out


def test_all_problems_of_a_file_are_reported_together(tmp_path):
    text = CLEAN.replace("value: 102", "vaule: 102").replace("unit: people", "unti: people")
    _, found = problems(write(tmp_path, text))
    assert {10, 11} <= {f.location.line for f in found}
    assert len(found) >= 2


def test_other_files_are_still_checked(tmp_path, run, seed):
    bad = write(tmp_path, "claims: [", name="bad.yaml")
    code, out, _ = run("check", str(bad), str(seed))
    assert code == 2
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: error input", out, re.M)
    assert re.search(r"error same rescued \(all states\) is stated as 47 .*and as 41", out)


def test_a_missing_path_is_a_usage_error(tmp_path, run):
    code, _, err = run("check", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "nope.yaml:1:1" in err


def test_bom_and_crlf_are_accepted(tmp_path):
    text = "\ufeff" + CLEAN.replace("\n", "\r\n")
    claims_file, found = problems(write(tmp_path, text))
    assert found == []
    assert claims_file.claims[0].loc.line == 7


@pytest.mark.parametrize("name", ["/etc/passwd", "../../../../../../proc/self/environ"])
def test_a_source_outside_the_project_is_refused(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    _, found = problems(write(tmp_path, CLEAN.replace("file: a.txt", f"file: {name}")))
    assert [f.location.line for f in found] == [4]
    assert "is outside the project" in found[0].message


def test_a_source_beside_the_claims_folder_is_read_inside_its_project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")    # marks the project
    (tmp_path / "articles").mkdir()
    (tmp_path / "claims").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "claims" / "c.yaml"
    path.write_text(CLEAN.replace("file: a.txt", "file: ../articles/a.txt"), encoding="utf-8")
    monkeypatch.chdir("/")                 # wherever verify is run from
    claims_file, found = problems(path)
    assert found == [] and claims_file.sources[0].text == ARTICLE


@pytest.mark.parametrize("where", ["/", "home"])
def test_a_source_outside_the_project_is_refused_wherever_verify_runs(tmp_path, monkeypatch, where):
    """Run from / (or the home folder), ../../../etc/passwd was inside the working folder and
    was read (issue 12, item 6): the project is found from the claims file, not from there."""
    from pathlib import Path
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "checks").mkdir()
    (tmp_path / "secret.txt").write_text("not for a claims file\n", encoding="utf-8")
    path = tmp_path / "project" / "c.yaml"
    depth = len(path.parent.parts)
    for name in ("../secret.txt", "../" * depth + "etc/passwd"):
        path.write_text(CLEAN.replace("file: a.txt", f"file: {name}"), encoding="utf-8")
        monkeypatch.chdir("/" if where == "/" else Path.home())
        claims_file, found = problems(path)
        assert claims_file is None and "is outside the project" in found[0].message, name


def test_a_run_finds_each_folders_project_once_and_the_next_run_looks_again(tmp_path, monkeypatch):
    """Within a run a folder's project is looked for once (a file asked four times); a run
    made after the folders change (a watch) sees the change."""
    from pathlib import Path

    from verify import project
    (tmp_path / "project" / "claims").mkdir(parents=True)
    folder = tmp_path / "project" / "claims"
    looked: list[Path] = []
    find = project._find_root
    monkeypatch.setattr(project, "_find_root", lambda f: looked.append(f) or find(f))
    with project.remembering():
        first = project.project_root(folder)
        (tmp_path / "project" / "checks").mkdir()
        assert project.project_root(folder) == first and looked == [folder]
        assert project.inside_project(folder, "c.yaml") and looked == [folder]
    assert project.project_root(folder) == (tmp_path / "project").resolve()
    assert project.project_root(folder) == (tmp_path / "project").resolve()
    assert looked == [folder] * 3

def test_a_folder_scan_does_not_follow_a_link_out_of_the_folder(tmp_path):
    from verify.engine import claims_files
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "other.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "mine.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "claims" / "linked.yaml").symlink_to(tmp_path / "outside" / "other.yaml")
    assert claims_files([str(tmp_path / "claims")]) == [str(tmp_path / "claims" / "mine.yaml")]
    # nor a link to a folder: the walk takes a file that is no link as inside without asking
    (tmp_path / "claims" / "more").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert claims_files([str(tmp_path / "claims")]) == [str(tmp_path / "claims" / "mine.yaml")]


def test_a_publication_date_is_one_day_not_a_range(tmp_path):
    """A range was accepted and then stopped the whole file in the date rule (issue 12, item 5)."""
    text = CLEAN.replace("published: 2021-08-27", "published: 2021-08-26/2021-08-27")
    claims_file, found = problems(write(tmp_path, text))
    assert claims_file is None
    (problem,) = found
    assert (problem.location.line, problem.location.col) == (5, 16)
    assert "expected one date YYYY-MM-DD" in problem.message


def test_a_claims_file_that_links_out_of_its_project_is_refused(tmp_path, monkeypatch):
    """Named on the command line, a link in the project to a claims file elsewhere would read
    sources relative to the project while the file came from outside it (issue 12, item 6)."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "outside" / "other.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "project" / "checks").mkdir(parents=True)
    link = tmp_path / "project" / "linked.yaml"
    link.symlink_to(tmp_path / "outside" / "other.yaml")
    monkeypatch.chdir("/")
    claims_file, found = problems(link)
    assert claims_file is None
    (problem,) = found
    assert problem.location.path == str(link) and problem.location.line == 1
    assert "is a link to a file outside its project" in problem.message
    inside = tmp_path / "project" / "real.yaml"
    (tmp_path / "project" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    inside.write_text(CLEAN, encoding="utf-8")
    (tmp_path / "project" / "alias.yaml").symlink_to(inside)     # a link inside is fine
    assert problems(tmp_path / "project" / "alias.yaml")[1] == []


@pytest.mark.parametrize("setting, expected", [
    ("combine: mean", "expected one of: sum, average"),
    ("combine: average\n    total: 100%", "the parts of a total add up to it"),
])
def test_a_breakdown_says_how_its_parts_combine_in_words_it_knows(tmp_path, setting, expected):
    text = CLEAN + ("breakdowns:\n  - dimension: place\n    whole: all states\n"
                    f"    parts: [Kentucky, Ohio]\n    {setting}\n")
    _, found = problems(write(tmp_path, text))
    assert [f.location.line for f in found if expected in f.message] == [len(CLEAN.splitlines()) + 5]


@pytest.mark.parametrize("published, says", [
    ("2026-02-30", "'2026-02-30', a day that does not exist (February 2026 has 28 days)"),
    ("2026-13-01", "'2026-13-01', and there is no month 13"),
])
def test_a_date_the_calendar_lacks_says_why(tmp_path, published, says):
    _, found = problems(write(tmp_path, CLEAN.replace("2021-08-27", published)))
    (problem,) = found
    assert says in problem.message and problem.location.line == 5


def test_a_leap_day_is_a_day(tmp_path):
    assert problems(write(tmp_path, CLEAN.replace("2021-08-27", "2024-02-29")))[1] == []


# What a new user tripped over: each message says what is wrong where it is, once, and what
# to write instead.

def _messages(out, path):
    return re.findall(rf"^{re.escape(str(path))}:(\d+):(\d+): error input (.*)$", out, re.M)


def test_a_files_mistakes_come_in_line_order_not_claim_id_order(tmp_path, run):
    claims = "".join(f"  - id: {name}\n    source: relase\n    quote: arrested 102 persons\n"
                     f"    value: 102\n    unit: people\n" for name in ("zeta", "mid", "alpha"))
    path = write(tmp_path, CLEAN.replace("    published: 2021-08-27\n", "") + claims)
    code, out, _ = run("check", str(path))
    assert code == 2
    lines = [int(line) for line, _, message in _messages(out, path) if "relase" in message]
    assert len(lines) == 3 and lines == sorted(lines), out


BREAKDOWN = """\
breakdowns:
  - dimension: district
    whole: all districts
    parts: [North, South, East, West]
    size: 3
relations:
  - count: total
    breakdown: all districts
"""


def test_a_refused_breakdown_is_one_error_not_two(tmp_path, run):
    path = write(tmp_path, CLEAN + BREAKDOWN)
    code, out, _ = run("check", str(path))
    assert code == 2
    found = _messages(out, path)
    assert [(int(line), message) for line, _, message in found] == [
        (16, "size 3 is less than the 4 parts listed; expected the number of parts in all, "
             "named or not")], out


def test_a_count_of_a_breakdown_no_file_declares_is_still_an_error(tmp_path, run):
    path = write(tmp_path, CLEAN + BREAKDOWN.replace("    size: 3\n", "").replace(
        "breakdown: all districts", "breakdown: all distrcts"))
    code, out, _ = run("check", str(path))
    assert code == 2
    assert "counts the parts of 'all distrcts', which is not a breakdown whole of this file; " \
           "did you mean 'all districts'?" in out, out


def test_a_misspelt_source_file_gets_the_file_beside_it(tmp_path, run):
    (tmp_path / "release.txt").write_text("Police arrested 102 persons.\n", encoding="utf-8")
    path = write(tmp_path, CLEAN.replace("file: a.txt", "file: relase.txt"))
    code, out, _ = run("check", str(path))
    assert code == 2
    assert re.search(rf"^{re.escape(str(path))}:4:11: error input cannot read .*relase\.txt: "
                     r".*; did you mean 'release\.txt'\?$", out, re.M), out


def test_a_missing_source_file_with_nothing_like_it_gets_no_guess(tmp_path, run):
    path = write(tmp_path, CLEAN.replace("file: a.txt", "file: zzzz.txt"))
    code, out, _ = run("check", str(path))
    assert code == 2
    assert "zzzz.txt" in out and "did you mean" not in out, out


@pytest.mark.parametrize("written, guess", [
    ("7.2 millon", "7.2 million"), ("7.2 Milion", "7.2 million"), ("3 thosand", "3 thousand"),
    ("1.1 bilion", "1.1 billion"), ("2 trillino", "2 trillion"), ("7.2 zillion", None),
    ("7.2 lots", None)])
def test_a_misspelt_scale_word_gets_a_did_you_mean(tmp_path, written, guess):
    _, found = problems(write(tmp_path, CLEAN.replace("value: 102", f"value: {written}")))
    [message] = [f.message for f in found if f.location.line == 10]
    assert message.startswith(f"'{written}' is not a number written with digits"), message
    assert message.endswith(f"; did you mean '{guess}'?" if guess else "digits"), message


@pytest.mark.parametrize("value, unit, value_error", [
    ("4 7", "peeple", "'4 7' is not a number written with digits"),
    ("7.2 millon", "peeple", "did you mean '7.2 million'?"),
    ("102", "peeple", None),
    ("2021-08-27", "calendar", None),      # a date's value is no figure
    ("lots", "dte", None),                 # a slip of 'date': its value need not be a figure
])
def test_an_unknown_unit_does_not_hide_an_unreadable_value(tmp_path, value, unit, value_error):
    """Both mistakes of a claim are said at once: its unit and its value were reported one
    after the other, the value only once the unit was fixed."""
    text = CLEAN.replace("value: 102", f"value: {value}").replace("unit: people", f"unit: {unit}")
    _, found = problems(write(tmp_path, text))
    assert [f.location.line for f in found if "not a known unit" in f.message] == [11]
    said = [f.message for f in found if f.location.line == 10]
    assert (said == [] if value_error is None else len(said) == 1 and value_error in said[0]), said

FLOW = """\
version: 1
sources:
  - {id: article, file: a.txt}
claims:
  - {id: total, quote: QUOTE, value: 102, unit: people}
"""


@pytest.mark.parametrize("quote, at", [
    ("a rate of 3.1 crashes per 1,000 residents", ["000 residents"]),
    ("1,000 and 2,000 residents", ["000 and 2", "000 residents"])])
def test_a_comma_inside_a_figure_in_braces_says_to_quote_the_value(tmp_path, run, quote, at):
    path = write(tmp_path, FLOW.replace("QUOTE", quote))
    code, out, _ = run("check", str(path))
    assert code == 2
    hint = "a comma inside a figure (1,000) ends a value in {...}: quote a value that holds a " \
           "comma: quote: \"...\""
    found = [message for _, _, message in _messages(out, path)]
    assert [f"unknown field '{key}' in a claim; {hint}" for key in at] == found, out


def test_a_duplicate_key_cut_by_a_comma_says_to_quote_the_value(tmp_path):
    with pytest.raises(yamlread.YamlError) as raised:
        yamlread.read("a: {quote: per 1,000, 000: x}\n")
    assert raised.value.message.endswith(
        "expected each key once; a comma inside a figure (1,000) ends a value in {...}: quote a "
        "value that holds a comma: quote: \"...\"")


def test_an_unknown_field_that_is_no_cut_figure_gets_no_comma_hint(tmp_path):
    flow = FLOW.replace("QUOTE", "arrested 102 persons").replace("people}", "people, 2020 vote: y}")
    block = CLEAN + "    000 residents: y\n"       # under `unit: people`, on a line of its own
    for text in (flow, block):
        _, found = problems(write(tmp_path, text))
        [message] = [f.message for f in found]
        assert message.startswith("unknown field '") and "comma" not in message, message


def test_a_misspelt_relation_kind_gets_a_did_you_mean(tmp_path):
    _, found = problems(write(tmp_path, CLEAN + "relations:\n  - {sume: [total]}\n"))
    (problem,) = found
    assert "found none; 'sume': did you mean 'sum'?" in problem.message


@pytest.mark.parametrize("text, at", [("? [a, b]\n: c\n", (1, 3)), ("{a: 1, {b: 2}: 3}\n", (1, 8)),
                                      ("? {b: 2}\n: 3\n", (1, 3))])
def test_a_list_or_mapping_as_a_key_is_refused_where_it_starts(text, at):
    with pytest.raises(yamlread.YamlError) as raised:
        yamlread.read(text)
    assert (raised.value.line, raised.value.col, raised.value.message) == (
        *at, "a mapping key must be plain text")


SAMPLES = ["x", "total", "a b", "FILL-IN", "", "~", "'~'", "'FILL-IN'", "12", "012", "0", "1000000",
           "true", "No", "YES", "maybe", "2021-08-27", "2021-02-30", "2021-08-27/2021-09-01",
           "1 year", "24 hours", "100,000", "1,00", "most", "sum", "half-up", "rise", "x" * 70,
           "[a, b]", "[a, FILL-IN]", "[a, '']", "[a, [b]]", "[]", "{place: Missouri}",
           "{place: ''}", "{place: [a]}", "{measure: m, scope: {year: 2020}}", "{measure: m}",
           "[{rule: same, reason: r}]", "[{id: a, file: a.txt}]"]


RELATION_TABLES = [{**roles, **schema.RELATION_COMMON} for roles in schema.RELATIONS.values()]


@pytest.mark.parametrize("table", [schema.FILE, schema.SOURCE, schema.CLAIM, schema.BREAKDOWN,
                                   schema.UNCHECKED, schema.WAIVER, *RELATION_TABLES])
def test_a_record_reads_every_value_as_convert_does(table):
    """record reads most values without `convert`; what it gives and says must be the same."""
    settings = config.load([])
    for key, spec in table.items():
        for sample in SAMPLES:
            node = yamlread.read(f"{key}: {sample}\n")
            fast = validate.Reader("c.yaml", settings)
            got = fast.record(node, {key: (spec[0], False, spec[2])}, "a record")
            slow = validate.Reader("c.yaml", settings)
            value = node.get(key)
            expected = slow.convert(value, spec[0], f"'{key}' of a record")
            assert got == ({} if expected is validate.BAD else {key: (expected, value)}), (key, sample)
            assert fast.problems == slow.problems, (key, sample)
