"""verify extract --draft proposes a share, a change and a sum where the words support one
(issue 16, proposed structure), and none where they do not."""
from __future__ import annotations

import re

import pytest

from verify import config
from verify.draft.skeleton import PLACEHOLDER, Text, draft_claims, plan
from verify.engine import check_file


def _relations(text: str) -> list:
    return plan([Text("article", "a.txt", text)]).relations


def _checked(tmp_path, text: str, unit: str = "people"):
    """Draft the text, fill every FILL-IN (measures and scopes from the claim id, units
    `unit`), accept every guess, and check the file."""
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    draft = draft_claims("a.txt", text)
    filled = []
    ident = ""
    for line in draft.splitlines():
        if line.startswith("  - id: "):
            ident = line.split()[2]
        line = re.sub(r"measure: FILL-IN.*", f'measure: "{ident}"', line)
        line = re.sub(r"scope: FILL-IN.*", f'scope: {{year: "{ident}"}}', line)
        line = re.sub(r"unit: FILL-IN.*", f"unit: {unit}", line)
        filled.append(re.sub(r"[ \t]+# guessed.*", "", line))
    filled_text = "\n".join(filled) + "\n"
    assert all(PLACEHOLDER not in line.split("#")[0] for line in filled)
    (tmp_path / "c.yaml").write_text(filled_text, encoding="utf-8")
    return draft, check_file(str(tmp_path / "c.yaml"), config.load([]))


def _errors(result) -> list:
    return [f for f in result.findings if f.severity.label == "error"]


def _proposal(draft: str, kind: str) -> str:
    return next(line for line in draft.split("\nrelations:\n")[1].splitlines()
                if line.startswith(f"  - {kind}: "))


# -- share --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, share, part, whole, words", [
    ("The county tested 1,200 wells and found 564 wells fouled, 47% of them.\n",
     "47%", "564", "1,200", "1,200 wells and found 564 wells fouled, 47%"),
    ("Of the village's 960 registered voters, 470 cast ballots in the vote,\nnearly half.\n",
     "half", "470", "960", "960 registered voters, 470 cast ballots in the vote, nearly half"),
    ("Inspectors failed 564 of the 1,200 wells, or 47%.\n",
     "47%", "564", "1,200", "564 of the 1,200 wells, or 47%"),
])
def test_a_share_with_its_part_and_whole(tmp_path, text, share, part, whole, words):
    p = plan([Text("article", "a.txt", text)])
    by_id = {c.id: c.figure.text for c in p.claims}
    (kind, fields, comment), = p.relations
    assert kind == "share"
    assert [(role, by_id[value]) for role, value in fields] == [
        ("share", share), ("part", part), ("whole", whole)]
    assert comment == f'from "{words}"'
    draft, result = _checked(tmp_path, text, unit="wells")
    assert '# guessed from "' in _proposal(draft, "share")
    assert not result.fatal and _errors(result) == []
    assert any(f.rule == "share" and f.severity.label == "pass" for f in result.findings)


def test_a_share_proposed_is_checked(tmp_path):
    _draft, result = _checked(tmp_path, "Inspectors failed 564 of the 1,200 wells, or 57%.\n", "wells")
    assert [f.rule for f in _errors(result)] == ["share"]


@pytest.mark.parametrize("text", [
    "The county tested 1,200 wells and 564 homes; 47% of residents were told.\n",   # two nouns
    "Sales rose 47% as 1,200 wells and 564 wells were sold.\n",                      # a change
    "Of the 1,200 wells, 564 failed and 300 passed, 47% and 25%.\n",                 # two percents
    "Of 1,200 wells tested, 564 failed and 300 passed, or 47%.\n",                   # which part?
])
def test_no_share_where_the_words_do_not_give_part_and_whole(text):
    assert [r for r in _relations(text) if r[0] == "share"] == []


# -- change -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, change, first, then, said, way, unit", [
    ("Ridership rose 15% from 200,000 riders to 230,000.\n",
     "15%", "200,000", "230,000", "rose", "rise", "riders"),
    ("Over the year the base fare fell from $2.50 to $2, a cut of 20%.\n",
     "20%", "$2.50", "$2", "cut", "fall", "USD"),
    ("Membership was up 15% from 200 to 230 last year.\n", "15%", "200", "230", "up", "rise", "members"),
])
def test_a_change_from_the_rise_or_fall_word_and_from_to(tmp_path, text, change, first, then, said, way,
                                                         unit):
    p = plan([Text("article", "a.txt", text)])
    by_id = {c.id: c.figure.text for c in p.claims}
    (kind, fields, comment), = p.relations
    assert kind == "change"
    assert [(role, by_id[value]) for role, value in fields] == [
        ("change", change), ("from", first), ("to", then)]
    assert comment.startswith(f'from "{said}" ... "from {first}')
    assert comment.endswith(f' to {then}": a {way}')
    draft, result = _checked(tmp_path, text, unit=unit)
    assert '# guessed from "' in _proposal(draft, "change")
    assert not result.fatal and _errors(result) == []
    assert any(f.rule == "change" and f.severity.label == "pass" for f in result.findings)


def test_a_change_proposed_is_checked(tmp_path):
    _draft, result = _checked(tmp_path, "Ridership rose 25% from 200,000 riders to 230,000.\n", "riders")
    assert [f.rule for f in _errors(result)] == ["change"]


@pytest.mark.parametrize("text", [
    "Ridership rose 15% to 230,000 riders.\n",                        # no "from"
    "Ridership went from 200,000 riders to 230,000, or 15%.\n",       # no rise or fall word
    "Support rose 5% from 40% to 45%.\n",                             # points or percent?
    "Ridership rose 15%. It went from 200,000 riders to 230,000.\n",  # another sentence
])
def test_no_change_where_the_words_do_not_say_one(text):
    assert [r for r in _relations(text) if r[0] == "change"] == []


# -- sum ----------------------------------------------------------------------------------

def test_a_total_followed_by_its_parts_is_a_sum(tmp_path):
    text = "Police arrested 102 people: 40 in Iowa, 35 in Ohio and 27 in Utah.\n"
    p = plan([Text("article", "a.txt", text)])
    by_id = {c.id: c.figure.text for c in p.claims}
    (kind, fields, comment), = p.relations
    assert kind == "sum" and comment == 'from "102 people: 40 in Iowa, 35 in Ohio and 27"'
    assert fields[0] == ("sum", next(i for i, t in by_id.items() if t == "102"))
    assert fields[2] == ("complete", "true")
    draft, result = _checked(tmp_path, text)
    assert '# guessed from "102 people: 40 in Iowa' in _proposal(draft, "sum")
    assert not result.fatal and _errors(result) == []
    assert any(f.rule == "sum" and f.severity.label == "pass" for f in result.findings)


def test_parts_after_including_are_not_all_of_the_total(tmp_path):
    text = "The council spent $4.2 million, including $1.9 million on parks and $1.2 million on roads.\n"
    ((kind, fields, _),) = _relations(text)
    assert kind == "sum" and fields[2] == ("complete", "false")
    _draft, result = _checked(tmp_path, text, unit="USD")
    assert not result.fatal and _errors(result) == []


def test_a_sum_proposed_is_checked(tmp_path):
    text = "Police arrested 102 people: 40 in Iowa, 35 in Ohio and 25 in Utah.\n"
    _draft, result = _checked(tmp_path, text)
    assert [f.rule for f in _errors(result)] == ["sum"]


@pytest.mark.parametrize("text", [
    "Police arrested 102 people on Friday. 40 were in Iowa and 35 in Ohio.\n",   # no colon
    "Police arrested 102 people: 40 in Iowa, 35 in Ohio.\n",                     # no "and": all?
    "Police arrested 102 people: 40 of them in Iowa.\n",                         # one part
    "Police arrested 102 people: 40 in Iowa, 35% in Ohio and 27 in Utah.\n",     # a percent
])
def test_no_sum_where_the_words_do_not_list_parts(text):
    assert [r for r in _relations(text) if r[0] == "sum"] == []


# -- before and after: "B, up from A" -------------------------------------------------------

@pytest.mark.parametrize("text, change, first, then, way", [
    ("Transit carried 1,015,000 trips last year, up from 812,000 the year before, an increase "
     "of 30%.\n", "30%", "812,000", "1,015,000", "rise"),
    ("The county sold 900 permits this year, down 10% from 1,000 last year.\n",
     "10%", "1,000", "900", "fall"),
])
def test_a_change_for_b_up_or_down_from_a(text, change, first, then, way):
    p = plan([Text("article", "a.txt", text)])
    by_id = {c.id: c for c in p.claims}
    (kind, fields, comment), = p.relations
    assert kind == "change"
    assert [(role, by_id[value].figure.text) for role, value in fields] == [
        ("change", change), ("from", first), ("to", then)]
    assert comment.endswith(f'": a {way}') and f"{then}" in comment and f"from {first}" in comment
    before, after = by_id[dict(fields)["from"]], by_id[dict(fields)["to"]]
    # one measure and unit, at two times
    assert before.unit == after.unit and before.measure.value == after.measure.value
    assert by_id[dict(fields)["change"]].measure.value == "change in " + before.measure.value


def test_up_from_without_a_percent_is_a_rank(tmp_path):
    text = "The club sold 4,212 tickets this year, up from 2,106 last year.\n"
    p = plan([Text("article", "a.txt", text)])
    by_id = {c.id: c for c in p.claims}
    (kind, fields, comment), = p.relations
    assert kind == "rank"
    roles = dict(fields)
    assert (roles["rank"], by_id[roles["claim"]].figure.text, by_id[roles["than"]].figure.text) == (
        "more", "4,212", "2,106")
    assert comment == 'from "4,212 tickets this year, up from 2,106": a rise'
    assert [by_id[roles["claim"]].scope, by_id[roles["than"]].scope] == [
        (("year", "this"),), (("year", "last"),)]
    _draft, result = _checked(tmp_path, text)
    assert not result.fatal and _errors(result) == []
    assert any(f.rule == "rank" and f.severity.label == "pass" for f in result.findings)


def test_down_from_is_checked(tmp_path):
    # "down from" 300 to 400 is wrong: the rank proposed says so
    draft, result = _checked(tmp_path, "The shelter took in 400 dogs this year, down from 300 last year.\n")
    assert "rank: fewer" in draft
    assert [f.rule for f in _errors(result)] == ["rank"]


@pytest.mark.parametrize("text", [
    "The shelter took in 400 dogs, 300 cats and 20 rabbits.\n",         # no before and after
    "The shelter took in 400 dogs this year. It was up from 300 last year.\n",   # two sentences
])
def test_no_pair_where_the_words_do_not_give_one(text):
    assert [r for r in _relations(text) if r[0] in ("rank", "change")] == []


def test_a_rank_reads_across_a_hard_wrap():
    text = ("Iowa, Ohio and Texas were among the states. Ohio had\n"
            "the most arrests, with 40 people detained in Ohio.\n")
    kinds = [r[0] for r in _relations(text)]
    assert "rank" in kinds


# -- subset -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, part, whole, words", [
    ("Clinics gave 2,410 flu shots in October. Nearly 1,200 of the shots went to adults.\n",
     "1,200", "2,410", "1,200 of the shots"),
    ("Of the 2,410 people vaccinated, 2,450 had booked online.\n",
     "2,450", "2,410", "Of the 2,410 people vaccinated, 2,450"),
])
def test_a_subset_from_of_the_words(tmp_path, text, part, whole, words):
    p = plan([Text("article", "a.txt", text)])
    by_id = {c.id: c.figure.text for c in p.claims}
    (kind, fields, comment), = p.relations
    assert kind == "subset"
    assert [(role, by_id[value]) for role, value in fields] == [("subset", part), ("of", whole)]
    assert comment == f'from "{words}"'


def test_a_subset_proposed_is_checked(tmp_path):
    # 2,450 of 2,410 cannot be
    _draft, result = _checked(tmp_path, "Of the 2,410 people vaccinated, 2,450 had booked online.\n")
    assert [f.rule for f in _errors(result)] == ["subset"]


@pytest.mark.parametrize("text", [
    "Of the village's 960 registered voters, 470 cast ballots, nearly half.\n",   # a share says it
    "Of the 2,410 shots, most went to adults; 300 people waited.\n",             # no comma pair
])
def test_no_subset_where_the_words_do_not_give_one(text):
    assert [r for r in _relations(text) if r[0] == "subset"] == []


# -- rank among the other figures ------------------------------------------------------------

def test_a_rank_without_a_list_is_among_the_other_places_figures(tmp_path):
    text = "Police made 100 arrests. Kentucky had the most arrests, 31, ahead of Indiana with 33.\n"
    p = plan([Text("article", "a.txt", text)])
    by_id = {c.id: c.figure.text for c in p.claims}
    (kind, fields, _comment), = p.relations
    roles = dict(fields)
    assert (kind, roles["rank"], by_id[roles["claim"]]) == ("rank", "most", "31")
    assert roles["among"] == "[article-arrested-indiana]" and by_id["article-arrested-indiana"] == "33"
    _draft, result = _checked(tmp_path, text)
    assert [f.rule for f in _errors(result)] == ["rank"]        # 33 is more than "the most", 31


def test_a_county_ranks_by_its_name_without_the_kind():
    text = "Adams County had the most arrests, 24, and Brown County made 19.\n"
    ((kind, fields, _),) = _relations(text)
    assert kind == "rank" and dict(fields)["among"] == "[article-arrested-brown]"


def test_the_parts_of_a_sum_take_the_totals_measure_and_leave_the_scope_to_say(tmp_path):
    text = ("The council approved a $4.2 million parks budget: $2.1 million for maintenance,\n"
            "$1.2 million for playgrounds and $0.9 million for programs.\n")
    p = plan([Text("article", "a.txt", text)])
    by_text = {c.figure.text: c for c in p.claims}
    assert [r[0] for r in p.relations] == ["sum"]
    for part in ("$2.1 million", "$1.2 million", "$0.9 million"):
        claim = by_text[part]
        assert (claim.measure.value, claim.unit, claim.scope) == ("budget", "USD", None)
        assert claim.measure.words.startswith("$4.2 million") and claim.measure.words.endswith(part)
    _draft, result = _checked(tmp_path, text, unit="USD")
    assert not result.fatal and _errors(result) == []


def test_a_pair_settled_by_its_partner_gets_an_id_that_says_what_it_is():
    text = "The club sold 4,212 tickets this year, up from 2,106 last year.\n"
    p = plan([Text("article", "a.txt", text)])
    assert [c.id for c in p.claims] == ["article-sold-this", "article-sold-last"]
    ((_kind, fields, _),) = p.relations
    assert dict(fields)["claim"] == "article-sold-this" and dict(fields)["than"] == "article-sold-last"
