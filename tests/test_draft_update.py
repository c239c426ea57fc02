"""verify extract --draft --update CLAIMS keeps a claims file current (issue 16)."""
from __future__ import annotations

import io

import yaml

from verify import config
from verify.cli import main as cli_main
from verify.engine import check_file


def main(argv, out):
    """`verify extract ARGS`, in process."""
    return cli_main(["extract", *argv], out)


CLAIMS = """# my notes: kept as they are
version: 1
sources:
  - id: article
    file: a.txt
claims:
  # the total
  - id: total
    quote: arrested 102 people
    measure: arrested
    value: 102
    unit: people

  - id: iowa
    quote: Iowa detained 11 people
    measure: arrested
    scope: {place: Iowa}
    value: 11
    unit: people

# relations between them
relations: []
"""


def _setup(tmp_path, text):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(CLAIMS, encoding="utf-8")
    return path


def test_adds_draft_claims_for_uncovered_figures_and_keeps_the_rest(tmp_path):
    path = _setup(tmp_path, "Police arrested 102 people. Police in Iowa detained 11 people. "
                            "Police in Texas detained 4 people.\n")
    out = io.StringIO()
    assert main(["--draft", "--update", str(path)], out) == 0
    assert "1 draft claim(s) added: article-arrested-texas" in out.getvalue()
    text = path.read_text(encoding="utf-8")
    before, after = text.split("  - id: article-arrested-texas")
    assert before.startswith(CLAIMS.split("# relations")[0].rstrip("\n"))     # untouched
    assert after.rstrip().endswith("# relations between them\nrelations: []")
    added = yaml.safe_load(text)["claims"][-1]
    assert (added["measure"], added["scope"], added["value"]) == ("arrested", {"place": "Texas"}, "4")
    assert '# guessed from "detained 4"' in after
    result = check_file(str(path), config.load([]))
    assert not result.fatal
    # a second update finds nothing new and leaves the file as it is
    assert main(["--draft", "--update", str(path)], io.StringIO()) == 0
    assert path.read_text(encoding="utf-8") == text


def test_lists_claims_whose_quote_is_gone(tmp_path):
    path = _setup(tmp_path, "Police arrested 102 people. Officers in Iowa held 11 people.\n")
    out = io.StringIO()
    assert main(["--draft", "--update", str(path)], out) == 0
    lines = out.getvalue().splitlines()
    gone = [line for line in lines if "no longer in source" in line]
    assert len(gone) == 1 and "'iowa'" in gone[0] and gone[0].startswith(f"{path}:14:")


def test_update_needs_draft_and_no_article(tmp_path, capsys):
    path = _setup(tmp_path, "Police arrested 102 people.\n")
    assert main(["--update", str(path)], io.StringIO()) == 2
    assert main(["--draft", "--update", str(path), str(tmp_path / "a.txt")], io.StringIO()) == 2
    assert main(["--draft", "--update", str(tmp_path / "missing.yaml")], io.StringIO()) == 2
    assert "--update" in capsys.readouterr().err
