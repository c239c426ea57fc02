"""What a user sees from `verify check` on the seed: findings, exit codes, waivers, stale quotes."""
import errno
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from verify.load import yamlread


def test_seed_reports_47_vs_41_with_both_quotes_and_exits_1(run, seed):
    code, out, _ = run("check", str(seed))
    assert code == 1
    line = re.search(r"^(\S+):(\d+):(\d+): error same (.*)$", out, re.M)
    assert line, out
    assert "47" in line.group(4) and "41" in line.group(4)
    assert "“47 people were rescued”" in out or "“rescued 47 victims and sex workers”" in out
    assert "“On Thursday and Friday, 41 people were rescued”" in out
    # at the first claim of the quantity in the article's order, whatever the file's order
    text = seed.read_text(encoding="utf-8").splitlines()
    assert "rescued-headline" in text[int(line.group(2)) - 1]


def test_seed_reports_exactly_one_error_and_the_derived_facts(run, seed):
    _, out, _ = run("check", str(seed), "--format", "json", "--show-level", "pass")
    report = json.loads(out)
    findings = [f for file in report["files"] for f in file["findings"]]
    errors = [(f["rule"], sorted(f["claims"])) for f in findings if f["severity"] == "error"]
    assert errors == [("same", ["rescued-headline", "rescued-lead", "rescued-thursday-friday"])]
    assert not [f for f in findings if f["severity"] == "warning"]
    derived = " ".join(d for f in findings for d in f["derived"])
    assert "account for 32 of arrested (all states) together" in derived   # 102 - 70 arrests
    assert "rescued" not in derived       # 47 or 41 rescued: the claims imply no one remainder
    assert "had at most 46 each" in derived                   # Kentucky had the most
    held = {(f["rule"], tuple(sorted(f["claims"]))) for f in findings if f["verdict"] == "holds"}
    assert ("count", ("states-headline", "states-named")) in held        # 12 = Missouri + 11
    assert ("count", ("other-states", "states-named")) in held
    assert any(rule == "date" and claims == ("statement-friday",) for rule, claims in held)
    assert any(rule == "date" and claims == ("operation-days",) for rule, claims in held)


def test_a_waiver_with_a_reason_keeps_the_run_green(run, seed):
    text = seed.read_text(encoding="utf-8").replace(
        "    value: 41\n    unit: people\n",
        "    value: 41\n    unit: people\n    waive:\n      - rule: same\n"
        "        reason: 41 is those given medical care; AG release\n")
    seed.write_text(text, encoding="utf-8")
    code, out, _ = run("check", str(seed))
    assert code == 0
    assert "1 waived" in out
    assert "error same" not in out
    code, out, _ = run("check", str(seed), "--show-waived")
    assert "waived same" in out and "AG release" in out


def test_a_waiver_that_matches_nothing_is_reported(run, seed):
    text = seed.read_text(encoding="utf-8").replace(
        "    value: 102\n    unit: people\n",
        "    value: 102\n    unit: people\n    waive: [{rule: sum, reason: checked by phone}]\n")
    seed.write_text(text, encoding="utf-8")
    _, out, _ = run("check", str(seed), "--show-level", "warning")
    assert re.search(r"warning waiver waiver for rule 'sum' matches no finding", out)


def test_editing_the_article_makes_the_stale_quote_fail_at_the_claim(run, seed):
    article = seed.with_name("operation-united-front.txt")
    article.write_text(article.read_text(encoding="utf-8").replace("102", "104"), encoding="utf-8")
    code, out, _ = run("check", str(seed))
    assert code == 1
    claim_line = next(i for i, line in enumerate(seed.read_text().splitlines(), 1)
                      if "id: arrested-total" in line)
    match = re.search(rf"^{re.escape(str(seed))}:{claim_line}:\d+: error anchor (.*)$", out, re.M)
    assert match, out
    assert "104" in match.group(1) and "102" in match.group(1)


def test_a_quote_whose_figure_differs_from_the_value_is_an_error(run, seed):
    seed.write_text(seed.read_text(encoding="utf-8").replace("    value: 102\n", "    value: 103\n"),
                    encoding="utf-8")
    code, out, _ = run("check", str(seed))
    assert code == 1
    assert re.search(r"error anchor claim 'arrested-total' has value 103, but the quote says 102", out)


@pytest.mark.parametrize("level,code", [("error", 1), ("warning", 1), ("note", 1), ("none", 0)])
def test_fail_level(run, seed, level, code):
    assert run("check", str(seed), "--fail-level", level)[0] == code


def test_fail_level_note_fails_on_notes_alone(run, seed):
    text = seed.read_text(encoding="utf-8").replace("    value: 41\n", "    value: 47\n") \
        .replace("On Thursday and Friday, 41 people", "On Thursday and Friday, 47 people") \
        .replace("quote: 47 people were rescued", "quote: sting, 47 people were rescued")
    seed.with_name("operation-united-front.txt").write_text(
        seed.with_name("operation-united-front.txt").read_text(encoding="utf-8")
        .replace("41 people", "47 people"), encoding="utf-8")
    seed.write_text(text, encoding="utf-8")
    assert run("check", str(seed))[0] == 0
    assert run("check", str(seed), "--fail-level", "note")[0] == 1


def test_show_level_hides_notes(run, seed):
    _, out, _ = run("check", str(seed), "--show-level", "error")
    assert "note" not in "".join(line.split(" ")[1] for line in out.splitlines()
                                 if re.match(r"^\S+:\d+:\d+:", line))


def test_default_path_is_claims_folder(run, monkeypatch, seed):
    monkeypatch.chdir(seed.parent)
    (seed.parent / "claims").mkdir()
    seed.rename(seed.parent / "claims" / seed.name)
    seed.with_name("operation-united-front.txt").rename(
        seed.parent / "claims" / "operation-united-front.txt")
    code, out, _ = run("check")
    assert code == 1 and "claims/operation-united-front.yaml" in out


def test_output_is_deterministic(run, seed):
    assert run("check", str(seed))[1] == run("check", str(seed))[1]


def test_rules_catalogue_and_manual(run):
    code, out, _ = run("rules")
    assert code == 0
    listed = {line.split()[0] for line in out.splitlines()}
    assert {"same", "sum", "subset", "count", "share", "change", "rank", "date", "units"} <= listed
    code, out, _ = run("rules", "sum")
    assert code == 0 and "Passing example" in out and "Failing example" in out
    assert run("rules", "nonsense")[0] == 2


def test_schema_is_json_schema_and_the_seed_conforms(run, seed):
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(_plain(yamlread.read(seed.read_text(encoding="utf-8")))))
    assert list(validator.iter_errors({"sources": [], "claims": [{"id": "x", "vaule": "1"}]}))


def _plain(node):
    """Nodes -> plain data as a YAML 1.2 editor would see it (numbers and booleans typed)."""
    if node.kind == "map":
        return {k: _plain(v) for k, _, v in node.items()}
    if node.kind == "seq":
        return [_plain(v) for v in node.value]
    if node.plain and node.text in ("true", "false"):
        return node.text == "true"
    if node.plain and re.fullmatch(r"-?\d+", node.text or ""):
        return int(node.text)
    return node.value


def test_unknown_command_and_bad_options_exit_2(run):
    assert run("frobnicate")[0] == 2
    assert run("check", "--fail-level", "loud")[0] == 2
    assert run("check", "--report", "pdf:x.pdf")[0] == 2
    assert run("check", "--shard", "3/2")[0] == 2


def test_committed_schema_matches_the_code(run):
    from conftest import ROOT
    assert run("schema")[1] == (ROOT / "docs" / "claims.schema.json").read_text(encoding="utf-8")


def test_the_same_quantity_in_two_sources_is_compared(run, tmp_path):
    (tmp_path / "story.txt").write_text("Police arrested 102 people on Friday.\n", encoding="utf-8")
    (tmp_path / "release.txt").write_text("Officers arrested 104 persons in all.\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "sources:\n"
        "  - {id: story, file: story.txt, published: 2021-08-27}\n"
        "  - {id: release, kind: press release, file: release.txt}\n"
        "unchecked: [{text: Friday, reason: not at issue}]\n"
        "claims:\n"
        "  - {id: a, source: story, quote: arrested 102 people, measure: arrested, "
        "value: '102', unit: people}\n"
        "  - {id: b, source: release, quote: arrested 104 persons, measure: arrested, "
        "value: '104', unit: people}\n",
        encoding="utf-8")
    code, out, _ = run("check", str(tmp_path / "c.yaml"))
    assert code == 1
    assert re.search(r"error same arrested is stated as (102 and as 104|104 and as 102)", out)
    assert "line 1 of story" in out and "line 1 of release" in out


def test_a_figure_without_a_claim_is_noted_and_fails_with_require_coverage(run, seed):
    text = seed.read_text(encoding="utf-8")
    start = text.index("  - id: texas-arrested")
    end = text.index("  - id: nebraska-arrested")
    seed.write_text(text[:start] + text[end:], encoding="utf-8")
    _, out, _ = run("check", str(seed), "--fail-level", "none", "--show-level", "note")
    assert re.search(r"note coverage \"Four\" \(line 25 of operation-united-front.txt\) is not covered", out)
    code, out, _ = run("check", str(seed), "--require-coverage", "--show-level", "error")
    assert code == 1 and "error coverage \"Four\"" in out


def _archive(tmp_path, seed, n=6):
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i}.txt").write_text(seed.with_name("operation-united-front.txt")
                                           .read_text(encoding="utf-8"), encoding="utf-8")
        (folder / f"a{i}.yaml").write_text(seed.read_text(encoding="utf-8")
                                           .replace("operation-united-front.txt", f"a{i}.txt"),
                                           encoding="utf-8")
    return folder


def test_jobs_give_the_same_report_as_one_process(run, tmp_path, seed):
    folder = _archive(tmp_path, seed)
    one = run("check", str(folder), "--format", "json")
    two = run("check", str(folder), "--format", "json", "--jobs", "2")
    assert one[0] == two[0] == 1
    assert one[1] == two[1]
    assert len(json.loads(one[1])["files"]) == 6


def test_shards_split_an_archive_without_overlap(run, tmp_path, seed):
    folder = _archive(tmp_path, seed, n=5)
    seen = []
    for k in (1, 2):
        out = run("check", str(folder), "--format", "json", "--shard", f"{k}/2")[1]
        seen.append([f["path"] for f in json.loads(out)["files"]])
    assert len(seen[0]) + len(seen[1]) == 5 and {len(seen[0]), len(seen[1])} == {2, 3}
    assert not set(seen[0]) & set(seen[1])


def test_a_folder_without_claims_files_is_a_usage_error(run, tmp_path):
    code, _, err = run("check", str(tmp_path))
    assert code == 2 and "no claims files" in err


@pytest.mark.parametrize("fmt", ["text", "github", "markdown", "junit", "html", "json", "sarif"])
def test_control_characters_from_a_claims_file_never_reach_the_output(tmp_path, run, fmt):
    """A pull request must not recolour or split CI log lines (issue 12, item 7)."""
    (tmp_path / "a.txt").write_text("Police arrested 10 people: 4 in Ames and 7 in Boone.\n",
                                    encoding="utf-8")
    measure = '"arr\\e[31mested\\rX"'
    (tmp_path / "c.yaml").write_text(
        "sources: [{id: article, file: a.txt}]\n"
        "claims:\n"
        f"  - {{id: t, quote: arrested 10 people, measure: {measure}, value: '10', unit: people}}\n"
        f"  - {{id: a, quote: 4 in Ames, measure: {measure}, scope: {{place: Ames}}, "
        "value: '4', unit: people}\n"
        f"  - {{id: b, quote: 7 in Boone, measure: {measure}, scope: {{place: Boone}}, "
        "value: '7', unit: people}\n"
        "relations: [{sum: t, parts: [a, b]}]\n", encoding="utf-8")
    code, out, _ = run("check", str(tmp_path / "c.yaml"), "--format", fmt)
    assert code == 1
    assert "\x1b" not in out and "\r" not in out
    if fmt == "text":
        assert "arr\\x1b[31mested\\x0dX" in out
        lines = out.splitlines()
        assert all(re.match(r"\S+:\d+:\d+: ", line) or line.startswith("    ") for line in lines[:-1])
        assert re.search(r"c\.yaml:3:5: warning input the measure of claim 't' holds a control "
                         r"character", out)


@pytest.mark.parametrize("field, where", [("quote", '"arrested 10\\e people"'),
                                          ("scope place", '{place: "Am\\ees"}'),
                                          ("measure", '"arr\\rested"')])
def test_a_control_character_is_said_in_whichever_field_it_is(tmp_path, run, field, where):
    (tmp_path / "a.txt").write_text("Police arrested 10 people in Ames.\n", encoding="utf-8")
    quote = where if field == "quote" else "arrested 10 people"
    scope = where if field.startswith("scope") else "{place: Ames}"
    measure = where if field == "measure" else "arrested"
    (tmp_path / "c.yaml").write_text(
        "sources: [{id: article, file: a.txt}]\n"
        f"claims:\n  - {{id: t, quote: {quote}, measure: {measure}, scope: {scope}, "
        "value: '10', unit: people}\n", encoding="utf-8")
    _, out, _ = run("check", str(tmp_path / "c.yaml"), "--show-level", "warning")
    assert f"warning input the {field} of claim 't' holds a control character" in out, out


# --- what is printed: problems first, colour on a terminal only (issue 13, item 5) -----------

def test_text_lists_problems_and_one_summary_line_and_notes_on_request(run, seed):
    code, out, _ = run("check", str(seed))
    heads = [line for line in out.splitlines() if not line.startswith("    ")]
    assert code == 1 and len(heads) == 2
    assert re.match(r"\S+:\d+:\d+: error same ", heads[0])
    assert re.match(r"1 error, 0 warnings, \d+ notes?, 0 waived in 1 file .*checks held", heads[1])
    assert "derived:" not in out
    _, out, _ = run("check", str(seed), "--show-level", "note")
    assert re.search(r"^\S+:\d+:\d+: note sum ", out, re.M) and "    derived: " in out


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, no_color, coloured", [
    (Terminal, None, True), (Terminal, "1", False), (io.StringIO, None, False)])
def test_colour_on_a_terminal_only_and_never_under_no_color(seed, monkeypatch, stream, no_color,
                                                            coloured):
    from verify import cli
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    if no_color:
        monkeypatch.setenv("NO_COLOR", no_color)
    out = stream()
    assert cli.main(["check", str(seed)], out) == 1
    assert ("\x1b[" in out.getvalue()) is coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()) == \
        (lambda plain: (cli.main(["check", str(seed)], plain), plain.getvalue())[1])(io.StringIO())


# --- report files (issue 13, item 9) ---------------------------------------------------------

def _failing_rename(monkeypatch, name, code):
    """The rename into place fails as a full disk or a read-only file system makes it fail."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if os.path.basename(os.fspath(dst)) == name:
            raise OSError(code, os.strerror(code))
        return real(src, dst, *args, **kwargs)
    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("case, words", [
    ("missing folder", "does not exist"), ("a folder", "is a folder"),
    ("disk full", "no space left"), ("read-only", "read-only")])
def test_an_unwritable_report_is_a_usage_error_and_the_others_are_written(
        run, seed, tmp_path, monkeypatch, case, words):
    bad = {"missing folder": tmp_path / "no-such-folder" / "r.json", "a folder": tmp_path,
           "disk full": tmp_path / "full.json", "read-only": tmp_path / "locked.json"}[case]
    if case == "disk full":
        _failing_rename(monkeypatch, "full.json", errno.ENOSPC)
    if case == "read-only":      # simulated: the tests may run as root, who writes anywhere
        _failing_rename(monkeypatch, "locked.json", errno.EROFS)
    code, out, err = run("check", str(seed), "--report", f"junit:{tmp_path / 'first.xml'}",
                         "--report", f"json:{bad}", "--report", f"sarif:{tmp_path / 'last.sarif'}")
    assert code == 2 and "error same" in out
    assert f"--report json:{bad}: cannot write the json report: " in err and words in err
    assert "internal error" not in err and "Traceback" not in err
    assert (tmp_path / "first.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert json.loads((tmp_path / "last.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert not list(tmp_path.rglob("*.tmp"))


def test_report_to_standard_output_with_a_dash(run, seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", str(seed), "--report", "json:-", "--report", "sarif:v.sarif")
    assert code == 1 and json.loads(out)["schema"] == 1
    assert not (tmp_path / "-").exists() and (tmp_path / "v.sarif").exists()
    code, _, err = run("check", str(seed), "--format", "text", "--report", "json:-")
    assert code == 2 and "standard output" in err
    assert run("check", str(seed), "--report", "json:-", "--report", "sarif:-")[0] == 2


def test_reports_are_written_when_standard_output_is_closed_early(seed, tmp_path):
    """`verify check ... | head`: the reader goes away; the report files are still written and
    the exit code still says what was found."""
    report = tmp_path / "r.json"
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from verify.cli import main; sys.exit(main())",
         "check", str(seed), "--show-level", "pass", "--report", f"json:{report}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()                 # no reader: every write to stdout fails
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert json.loads(report.read_text(encoding="utf-8"))["schema"] == 1
    assert "Traceback" not in err and "Exception ignored" not in err and "internal error" not in err


# --- syntax errors in plain words (issue 13, item 10) ----------------------------------------

@pytest.mark.parametrize("change, words, caret_at", [
    (("    value: 41\n", "\tvalue: 41\n"), "is indented with a tab", "\u2192value: 41"),
    (("    value: 41\n", "      value: 41\n"), "does not line up with the field above it",
     "value: 41"),
    (("quote: On Thursday and Friday, 41 people were rescued",
      'quote: "On Thursday and Friday, 41 people were rescued'), 'the quote " opened on line',
     '"On Thursday'),
])
def test_syntax_errors_in_plain_words_with_the_line_and_a_caret(run, seed, change, words,
                                                                  caret_at):
    text = seed.read_text(encoding="utf-8")
    assert text.count(change[0]) >= 1
    seed.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    code, out, _ = run("check", str(seed))
    assert code == 2
    lines = out.splitlines()
    match = re.match(rf"{re.escape(str(seed))}:(\d+):(\d+): error input (.*)$", lines[0])
    assert match, out
    line, col, message = int(match[1]), int(match[2]), match[3]
    assert words in message and "(PyYAML: " in message      # plain words first, PyYAML's after
    shown, caret = lines[1], lines[2]
    gutter = shown.index("| ") + 2
    assert shown.startswith(f"    {line} | ") and caret[:gutter].strip() == "|"
    assert caret[gutter:] == " " * (col - 1) + "^"             # the caret is under column col
    assert shown[gutter + col - 1:].startswith(caret_at)      # ... which is the place


@pytest.mark.parametrize("text, line, col, words", [
    ("claims:\n\t- id: a\n", 2, 1, "indented with a tab"),
    ("claims:\n  - id: a\n   value: 41\n", 3, 4, "indented by 3 spaces"),
    ("a:\n    b: 1\n  c: 2\n", 3, 3, "(line 2, at 4 spaces)"),
    ("a: 'it''s 47\nb: 2\n", 1, 4, "the quote ' opened on line 1 is never closed"),
    ('claims:\n  - quote: "47 people\n  - quote: "41"\n', 2, 12, 'the quote " opened on line 2'),
    ("a: [1, 2\nb: 3\n", 1, 4, "the [ opened on line 1 is never closed"),
    ("a: b: c\n", 1, 5, "a second ': ' in one value"),
])
def test_yaml_syntax_errors_are_located_and_worded(text, line, col, words):
    with pytest.raises(yamlread.YamlError) as caught:
        yamlread.read(text)
    error = caught.value
    assert (error.line, error.col) == (line, col) and words in error.message
    assert "(PyYAML: " in error.message and error.excerpt[1].endswith("^")


# --- setting it up in a repository (issue 13, items 11-13) -----------------------------------

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _project(base, seed, settings: str | None = None, pyproject: str | None = None):
    """A project folder holding the seed under claims/, with checks/verify.yaml and a
    pyproject.toml when given; returns the project folder."""
    import shutil
    (base / "claims").mkdir(parents=True)
    shutil.copy(seed, base / "claims" / "story.yaml")
    shutil.copy(seed.with_name("operation-united-front.txt"),
                base / "claims" / "operation-united-front.txt")
    if settings is not None:
        (base / "checks").mkdir()
        (base / "checks" / "verify.yaml").write_text(settings, encoding="utf-8")
    if pyproject is not None:
        (base / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return base


def _checked(out: str) -> list[str]:
    return [f["path"] for f in json.loads(out)["files"]]


def test_with_no_path_this_repository_reports_only_the_seeds_contradiction(run, monkeypatch):
    """The deliberately broken examples live in examples/, outside the default claims/, and
    `verify check .` skips them and the test data ([tool.verify] exclude in pyproject.toml)."""
    monkeypatch.chdir(ROOT)
    assert not os.path.exists(os.path.join("claims", "examples"))
    assert os.path.isfile(os.path.join("examples", "README.md"))
    for args in ((), (".",)):
        code, out, _ = run("check", *args, "--format", "json")
        assert code == 1 and _checked(out) == ["claims/operation-united-front.yaml"], args
        errors = [f["rule"] for f in json.loads(out)["files"][0]["findings"]
                  if f["severity"] == "error"]
        assert errors == ["same"]                    # 47 vs 41 rescued, planted in the seed
    code, out, _ = run("check", "examples", "--format", "json")   # named: checked
    assert code == 1 and len(_checked(out)) >= 13


def test_a_folder_walk_checks_claims_files_only(run, seed, tmp_path, monkeypatch):
    project = _project(tmp_path / "news", seed, settings="rules:\n  coverage: note\n")
    files = {".github/workflows/ci.yml": "on: push\njobs: {}\n",
             "node_modules/pkg/data.yaml": "claims: []\n",
             "tests/data/fixture.yaml": "name: fixture\nitems:\n  claims: 3\n",
             "drafts/story.yaml": (project / "claims" / "story.yaml").read_text(encoding="utf-8"),
             "mkdocs.yml": "site_name: x\n"}
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    (project / "drafts" / "operation-united-front.txt").write_text(
        (project / "claims" / "operation-united-front.txt").read_text(encoding="utf-8"),
        encoding="utf-8")
    monkeypatch.chdir(project)
    code, out, err = run("check", ".", "--format", "json", "--show-level", "warning")
    assert code == 1 and _checked(out) == ["claims/story.yaml", "drafts/story.yaml"], err
    assert "skipped" not in err                           # notes only on request
    code, out, err = run("check", ".", "--format", "json", "--exclude", "drafts")
    assert _checked(out) == ["claims/story.yaml"]
    skipped = sorted(re.findall(r"^verify: note: skipped (\S+): not a claims file \(no "
                                r"top-level claims:\)$", err, re.M))
    assert skipped == ["mkdocs.yml", "tests/data/fixture.yaml"], err
    # a file named on the command line is always checked, claims file or not
    code, out, _ = run("check", ".github/workflows/ci.yml", "--format", "json")
    assert code == 2 and _checked(out) == [".github/workflows/ci.yml"]
    # exclude in the settings adds to the defaults; include replaces them
    (project / "checks" / "verify.yaml").write_text("exclude: [/drafts/]\n", encoding="utf-8")
    assert _checked(run("check", ".", "--format", "json")[1]) == ["claims/story.yaml"]
    (project / "pyproject.toml").write_text('[tool.verify]\ninclude = ["*.yml"]\n',
                                            encoding="utf-8")
    code, out, err = run("check", ".", "--format", "json")
    assert code == 2 and "no claims files" in err         # mkdocs.yml has no claims: key


def test_a_run_and_its_reports_leave_the_cycle_collector_off(capsys):
    # a run's results are acyclic: the collector's one pass over them at the report took 0.3 s
    # of a 1,000-file run's 13.7 (issue 17).  It is on again once the run is over.
    import gc
    from unittest import mock

    from verify import cli, engine
    thresholds, collecting, set_threshold = gc.get_threshold(), gc.isenabled(), gc.set_threshold
    passes, running = [], []

    def seen(phase, info):
        if phase == "start" and running:        # from the run's start to the end of its reports
            passes.append(info["generation"])

    def run(*args, **kwargs):
        running.append(True)
        return engine_run(*args, **kwargs)

    def check_once(*args):
        try:
            return check(*args)
        finally:
            running.clear()
    engine_run, check = engine.run, cli._check_once
    gc.enable()
    gc.callbacks.append(seen)
    try:
        set_threshold(10, 10, 10)       # a pass every 10 objects, main's own threshold left out
        with mock.patch.object(gc, "set_threshold"), mock.patch.object(engine, "run", run), \
                mock.patch.object(cli, "_check_once", check_once):
            code = cli.main(["check", os.path.join(ROOT, "examples"),
                             "--report", f"json:{os.devnull}"])
        on_after = gc.isenabled()
    finally:
        gc.callbacks.remove(seen)
        set_threshold(*thresholds)
        if not collecting:
            gc.disable()
    capsys.readouterr()
    assert code == 1 and on_after and passes == []


def test_a_folder_walk_lists_files_in_path_order(tmp_path, monkeypatch):
    # part by part, as pathlib orders paths: a/b/ before a-b/, though "-" sorts before "/"
    from verify import walk
    for name in ("a-b/s.yaml", "a/s.yaml", "a/b/s.yaml", "s.yaml", "a/b/t.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("claims: []\n", encoding="utf-8")
    (tmp_path / "a" / "notes.yaml").write_text("title: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = walk.find(["."])
    assert found.files == ("a/b/s.yaml", "a/b/t.yaml", "a/s.yaml", "a-b/s.yaml", "s.yaml")
    assert [path for path, _ in found.skipped] == ["a/notes.yaml"]
    assert walk.find([str(tmp_path / "a")]).files == tuple(
        str(tmp_path / "a" / name) for name in ("b/s.yaml", "b/t.yaml", "s.yaml"))


def test_settings_come_from_the_claims_files_project_not_the_working_folder(
        run, seed, tmp_path, monkeypatch):
    lenient = _project(tmp_path / "lenient", seed, settings="rules:\n  same: warning\n")
    strict = _project(tmp_path / "strict", seed, pyproject="[project]\nname = 'x'\n")
    (tmp_path / "elsewhere" / "checks").mkdir(parents=True)        # never read
    (tmp_path / "elsewhere" / "checks" / "verify.yaml").write_text("rules:\n  same: off\n",
                                                                   encoding="utf-8")
    severities = {}
    for where in (tmp_path / "elsewhere", lenient / "claims", strict, tmp_path):
        monkeypatch.chdir(where)
        code, out, err = run("check", str(lenient / "claims" / "story.yaml"),
                             str(strict / "claims"), "--format", "json")
        report = json.loads(out)
        severities[where] = {os.path.abspath(file["path"]).split(os.sep)[-3]:
                             sorted({f["severity"] for f in file["findings"]
                                     if f["rule"] == "same" and f["verdict"] == "contradiction"})
                             for file in report["files"]}
        assert code == 1, err
    assert all(found == {"lenient": ["warning"], "strict": ["error"]}
               for found in severities.values()), severities
    monkeypatch.chdir(lenient / "claims")
    assert run("check", "story.yaml")[0] == 0            # the project's warning fails nothing


@pytest.mark.parametrize("where, text, located, words", [
    ("checks/verify.yaml", "rules:\n  coverage: note\nrule:\n  same: warning\n", "3:1",
     "unknown setting 'rule'; did you mean 'rules'?"),
    ("checks/verify.yaml", "rules:\n  summ: off\n", "2:3", "unknown rule 'summ'; did you mean 'sum'?"),
    ("checks/verify.yaml", "solver:\n  budget: 10\n", "2:3",
     "unknown solver setting 'budget'; did you mean 'budget_ms'?"),
    ("checks/verify.yaml", "hedges:\n  abut: 5%\n", "2:3", "unknown hedge 'abut'; did you mean 'about'?"),
    ("pyproject.toml", "[project]\nname = 'x'\n\n[tool.verify]\nchecks = 'checks'\n  exlude = ['a']\n",
     "6:3", "unknown key 'exlude' in [tool.verify]; did you mean 'exclude'?"),
    ("pyproject.toml", "[tool.verify]\nexclude = 'drafts'\n", "2:1", "expected a list of patterns"),
])
def test_unknown_settings_are_located_errors_with_a_did_you_mean(run, seed, tmp_path, monkeypatch,
                                                                  where, text, located, words):
    project = _project(tmp_path / "p", seed)
    (project / where).parent.mkdir(exist_ok=True)
    (project / where).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "p/claims")
    assert code == 2 and out == ""
    assert err.startswith(f"p/{where}:{located}: ") and words in err, err
    assert "Traceback" not in err and "internal error" not in err


def test_python_dash_m_verify_runs_the_command_line(seed):
    done = subprocess.run([sys.executable, "-m", "verify", "check", str(seed)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "error same" in done.stdout, done.stderr
    done = subprocess.run([sys.executable, "-m", "verify", "--version"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("verify ")


@pytest.mark.parametrize("command", [("--help",), ("check", "--help")])
def test_help_shows_examples_and_the_exit_codes(run, command, capsys):
    code = run(*command)[0]
    out = capsys.readouterr().out          # argparse prints help on sys.stdout
    assert code == 0
    examples = out[out.index("examples:"):]
    assert "verify check claims/story.yaml" in examples and "python -m verify" in examples
    codes = out[out.index("exit codes:"):]
    assert re.search(r"^  0 .*\n  1 .*\n  2 .*could not be done", codes, re.M), codes
    if command[0] == "check":
        assert "--exclude GLOB" in out and "top-level claims:" in out


@pytest.mark.parametrize("columns", ["50", "120"])
def test_help_is_laid_out_at_the_terminal_width(run, columns, capsys, monkeypatch):
    # verify finds the width itself (not through argparse, which imports shutil for it)
    monkeypatch.setenv("COLUMNS", columns)
    assert run("check", "--help")[0] == 0
    options = capsys.readouterr().out.split("options:")[1].split("\n\n")[0].splitlines()
    wrapped = [line for line in options if line.startswith(" " * 24)]   # an option's help
    assert int(columns) - 14 <= max(map(len, wrapped)) <= int(columns) - 2, options


def test_a_check_does_not_import_what_only_a_report_file_needs():
    # start-up (issue 17): shutil and tempfile (~7 ms) load only to write a report file
    code = ("import sys, io, contextlib\n"
            "from verify import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    cli.main(['check', 'claims/operation-united-front.yaml'])\n"
            "print(sorted(m for m in ('shutil', 'tempfile') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]", done.stderr


PRE_COMMIT_LANGUAGES = {"conda", "coursier", "dart", "docker", "docker_image", "dotnet", "fail",
                        "golang", "haskell", "julia", "lua", "node", "perl", "pygrep", "python",
                        "r", "ruby", "rust", "script", "swift", "system", "unsupported",
                        "unsupported_script"}
PRE_COMMIT_HOOK_KEYS = {"id", "name", "entry", "language", "alias", "files", "exclude", "types",
                        "types_or", "exclude_types", "additional_dependencies", "args",
                        "always_run", "fail_fast", "pass_filenames", "description",
                        "language_version", "log_file", "minimum_pre_commit_version",
                        "require_serial", "stages", "verbose"}


def _valid_hook(hook: dict, local: bool) -> None:
    """A hook as pre-commit's schema wants it: id, name, entry, language (strings), known keys
    with the right types, and an entry that is verify's console script."""
    import tomllib
    assert {"id", "name", "entry", "language"} <= set(hook) or (not local and "id" in hook), hook
    assert set(hook) <= PRE_COMMIT_HOOK_KEYS | ({"name", "entry", "language"} if not local else set())
    if "language" in hook:
        assert hook["language"] in PRE_COMMIT_LANGUAGES
    if "entry" in hook:
        scripts = tomllib.loads(Path(ROOT, "pyproject.toml").read_text(encoding="utf-8"))
        assert hook["entry"].split()[0] in scripts["project"]["scripts"]
    for key in ("args", "types", "types_or", "additional_dependencies"):
        assert isinstance(hook.get(key, []), list) and all(isinstance(a, str) for a in hook.get(key, []))
    for key in ("pass_filenames", "always_run", "require_serial"):
        assert isinstance(hook.get(key, False), bool)
    for key in ("files", "exclude"):
        re.compile(hook.get(key, ""))
    if "files" in hook:
        assert re.search(hook["files"], "claims/story.yaml") and not re.search(hook["files"], "src/a.py")


def test_the_pre_commit_hook_file_and_the_recipes_in_docs_ci_are_valid(run, seed, tmp_path,
                                                                        monkeypatch):
    import yaml
    hooks = yaml.safe_load(Path(ROOT, ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and [h["id"] for h in hooks] == ["verify"]
    for hook in hooks:
        _valid_hook(hook, local=True)
    doc = Path(ROOT, "docs", "ci.md").read_text(encoding="utf-8")
    section = doc[doc.index("## pre-commit"):]
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, re.S)]
    configs = [b for b in blocks if isinstance(b, dict) and "repos" in b]
    assert configs
    tags = subprocess.run(["git", "-C", ROOT, "tag"], capture_output=True, text=True).stdout.split()
    for config in configs:
        for repo in config["repos"]:
            rev = repo.get("rev")
            # no made-up release tag: a tag the repository has, or a commit the reader fills in
            assert repo["repo"] == "local" or rev in tags or re.fullmatch(r"<[^>]+>", rev), rev
            for hook in repo["hooks"]:
                _valid_hook(hook, local=repo["repo"] == "local")
    local = [h for c in configs for r in c["repos"] if r["repo"] == "local" for h in r["hooks"]]
    assert local
    # what the local hook runs, run where it would be: a project with a clean claims file
    project = _project(tmp_path / "news", seed, settings="rules:\n  same: warning\n")
    monkeypatch.chdir(project)
    for hook in local:
        assert run(*hook["entry"].split()[1:], *hook.get("args", []))[0] == 0


def test_the_module_runs_every_command_as_the_verify_command_does(tmp_path):
    """`python -m verify.cli extract` (the hostile tests run the module so) reaches the
    extract command: the module's entry point is the last thing it defines."""
    import subprocess
    import sys
    (tmp_path / "a.txt").write_text("Police arrested 102 people.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "verify.cli", "extract", "a.txt"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "102" in done.stdout, done.stderr
