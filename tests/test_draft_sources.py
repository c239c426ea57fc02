"""verify extract --draft: proposed structure, and several sources in one claims file (issue 16,
items 2-3)."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from verify import config
from verify.cli import main as cli_main
from verify.draft.skeleton import PLACEHOLDER, Text, draft_claims, draft_sources, plan
from verify.engine import check_file


def main(argv, out):
    """`verify extract ARGS`, in process."""
    return cli_main(["extract", *argv], out)


ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "claims" / "operation-united-front.txt"


def _seed_plan():
    return plan([Text("article", "operation-united-front.txt", SEED_TEXT.read_text(encoding="utf-8"))])


def test_seed_breakdown_of_twelve_states_from_the_list_and_the_other_state():
    (breakdown,) = _seed_plan().breakdowns
    dimension, whole, parts, words = breakdown
    assert (dimension, whole) == ("place", "all states")
    assert set(parts) == {"Missouri", "Illinois", "Iowa", "Kentucky", "Minnesota", "Nebraska",
                          "North Dakota", "Oklahoma", "South Dakota", "Tennessee", "Texas", "Wisconsin"}
    assert words.startswith("Illinois, Iowa") and "among the states" in words


def test_seed_count_and_rank_proposed_with_their_words():
    p = _seed_plan()
    by_id = {c.id: c for c in p.claims}
    kinds = {}
    for kind, fields, words in p.relations:
        kinds.setdefault(kind, []).append((dict(fields), words))
    counted = {by_id[f["count"]].figure.text: f["items"] for f, _ in kinds["count"]}
    assert counted == {"12-state": '["Missouri", article-states-named]', "11": "[article-states-named]"}
    ((rank, words),) = kinds["rank"]
    assert rank["rank"] == "most" and by_id[rank["claim"]].figure.text == "46"
    assert rank["among"] == '"all states"' and words == 'from "Kentucky had the most arrests"'
    count_words = sorted(w for _, w in kinds["count"])
    assert count_words == ['from "11 other states" and the 11 states listed',
                           'from "12-state": Missouri and the 11 states listed']


def test_subset_for_x_of_those_nouns():
    text = ("The governor declared an emergency in six counties: Adams, Clay, Dale, Lee and Polk.\n"
            "Three of those counties, Adams, Clay and Polk, have limited watering.\n")
    p = plan([Text("article", "a.txt", text)])
    by_id = {c.id: c for c in p.claims}
    subsets = [dict(f) for kind, f, _ in p.relations if kind == "subset"]
    assert [(by_id[s["subset"]].figure.text, by_id[s["of"]].figure.text)
            for s in subsets] == [("Three", "six")]
    counts = [dict(f) for kind, f, _ in p.relations if kind == "count"]
    # "six counties:" names five: the count is proposed all the same, for the checker to dispute
    assert sorted(by_id[c["count"]].figure.text for c in counts) == ["Three", "six"]


def test_a_list_without_a_noun_proposes_nothing():
    p = plan([Text("article", "a.txt", "Smith, Jones and Brown spoke for 10 minutes.\n")])
    assert p.breakdowns == [] and p.lists == []


def test_proposals_are_marked_guessed_and_a_draft_with_fill_ins_is_rejected(tmp_path):
    draft = draft_claims("operation-united-front.txt", SEED_TEXT.read_text(encoding="utf-8"))
    section = draft.split("relations:")[1]
    heads = [line for line in section.splitlines() if line.startswith("  - ")]
    assert heads and all("# guessed from" in line for line in heads)
    assert "# guessed from" in draft.split("breakdowns:")[1].splitlines()[1]
    (tmp_path / "operation-united-front.txt").write_text(SEED_TEXT.read_text(encoding="utf-8"),
                                                         encoding="utf-8")
    (tmp_path / "c.yaml").write_text(draft, encoding="utf-8")
    result = check_file(str(tmp_path / "c.yaml"), config.load([]))
    assert result.fatal and any(PLACEHOLDER in f.message for f in result.findings)


def _write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / name)


def test_two_sources_draft_into_one_file_that_check_accepts_once_filled(tmp_path):
    a = _write(tmp_path, "flood-report.txt", "Flood hits county\n\n2024-05-02 Officials said 40 homes "
               "were damaged in Ames, while 25 homes were damaged in Boone.\n")
    b = _write(tmp_path, "County Update.txt", "County update\n\n2024-05-03 The county said 40 homes "
               "were damaged in Ames.\n")
    out = io.StringIO()
    assert main(["--draft", a, b], out) == 0
    draft = out.getvalue()
    data = yaml.safe_load(draft)
    assert [(s["id"], s["file"]) for s in data["sources"]] == [
        ("flood-report", "flood-report.txt"), ("county-update", "County Update.txt")]
    ids = [c["id"] for c in data["claims"]]
    assert len(set(ids)) == len(ids)
    assert {"flood-report-damaged-ames", "flood-report-damaged-boone",
            "county-update-damaged-ames"} <= set(ids)
    ames = [c for c in data["claims"] if c["id"].endswith("-damaged-ames")]
    assert {c["source"] for c in ames} == {"flood-report", "county-update"}
    assert len({(c["measure"], tuple(c["scope"].items()), c["unit"]) for c in ames}) == 1
    filled = re.sub(r"measure: FILL-IN.*", "measure: publication date", draft)
    assert all(PLACEHOLDER not in line.split("#")[0] for line in filled.splitlines())
    path = _write(tmp_path, "c.yaml", filled)
    result = check_file(path, config.load([]))
    assert not result.fatal
    assert [f for f in result.findings if f.severity.label == "error"] == []
    # the same quantity in the two sources was compared
    assert any(f.rule == "same" and set(f.claims) >= {"flood-report-damaged-ames",
                                                       "county-update-damaged-ames"}
               for f in result.findings)


def test_different_figures_of_one_sentence_are_not_guessed_one_quantity():
    p = plan([Text("article", "a.txt", "Officials said 40 homes were damaged, and 25 homes were damaged.\n")])
    assert [c.scope for c in p.claims] == [None, None]


def test_several_articles_without_draft_is_a_usage_error(tmp_path, capsys):
    a = _write(tmp_path, "a.txt", "One.\n")
    assert main([a, a], io.StringIO()) == 2
    assert "--draft" in capsys.readouterr().err


def test_the_readme_tutorial_shows_the_seed_draft_as_it_is():
    """The tutorial starts from the draft: its step-1 snippets are lines of the seed's draft."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    step = readme.split("1. **Draft it from the article.**")[1].split("2. **")[0]
    snippets = re.findall(r"```yaml\n(.*?)```", step, re.S)
    draft = draft_claims("operation-united-front.txt", SEED_TEXT.read_text(encoding="utf-8"))
    lines = {line.strip() for line in draft.splitlines()}
    assert len(snippets) == 2
    for snippet in snippets:
        for line in snippet.splitlines():
            assert not line.strip() or line.strip() in lines, line
    left = [line for line in draft.splitlines() if PLACEHOLDER in line.split("#")[0]]
    assert "ten lines" in readme and len(left) == 10


def _example_files() -> list[Path]:
    return sorted([*ROOT.glob("claims/*.yaml"), *ROOT.glob("examples/*/*.yaml")])


@pytest.mark.parametrize("path", _example_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_drafts_into_a_file_that_loads_once_filled(tmp_path, path):
    """The draft of every example's sources is accepted by the checker once each FILL-IN is
    replaced and each guess accepted: no guessed unit it does not know, no value it cannot read."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    files = [s["file"] for s in data["sources"] if s.get("file")]
    texts = [(name, (path.parent / name).read_text(encoding="utf-8")) for name in files]
    for name, text in texts:
        (tmp_path / name).write_text(text, encoding="utf-8")
    draft = draft_sources(texts) if len(texts) > 1 else draft_claims(*texts[0])
    filled, ident = [], ""
    for line in draft.splitlines():
        if line.startswith("  - id: "):
            ident = line.split()[2]
        line = re.sub(r"measure: FILL-IN.*", f'measure: "{ident}"', line)
        line = re.sub(r"scope: FILL-IN.*", f'scope: {{claim: "{ident}"}}', line)
        line = re.sub(r"unit: FILL-IN.*", "unit: people", line)
        line = re.sub(r"date: FILL-IN.*", "date: 2021-08-27", line)
        line = re.sub(r"title: FILL-IN.*", 'title: "A title"', line)    # a note has no headline
        filled.append(re.sub(r"[ \t]+# guessed.*", "", line))
    (tmp_path / "c.yaml").write_text("\n".join(filled) + "\n", encoding="utf-8")
    result = check_file(str(tmp_path / "c.yaml"), config.load([]))
    assert not result.fatal, [f.message for f in result.findings if f.rule == "input"]
