"""verify extract --draft guesses measure, scope and unit from the words (issue 16, item 1)."""
from __future__ import annotations

import pytest
import yaml

from verify.draft.guess import sentences
from verify.draft.skeleton import PLACEHOLDER, Text, draft_claims, plan


def _claims(text: str) -> list:
    return plan([Text("article", "a.txt", text)]).claims


def _one(text: str, figure: str):
    return next(c for c in _claims(text) if c.figure.text == figure)


@pytest.mark.parametrize("text, figure, measure", [
    ("The office said it had arrested 102 persons on Friday.", "102", "arrested"),
    ("In all, 47 victims were rescued by the agencies.", "47", "rescued"),
    ("Police said 47 victims and sex workers were rescued.", "47", "rescued"),
    ("Turnout was 12,480 votes, officials said.", "12,480", "turnout"),
    ("Two persons were detained near the border.", "Two", "arrested"),
    ("Police in Iowa detained 11 people and seized cash.", "11", "arrested"),
    ("Seven people were apprehended in Nebraska.", "Seven", "arrested"),
    ("Kentucky had the most arrests, with 46 offenders brought into custody.", "46", "arrested"),
    ("He arrested 3 people and rescued 4 children.", "4", "rescued"),     # nearest word of its clause
    ("In a 12-state human trafficking sting, police worked together.", "12-state", "states"),
    ("Agencies from 11 other states helped.", "11", "other states"),
])
def test_measure_from_the_words_that_govern_the_figure(text, figure, measure):
    claim = _one(text, figure)
    assert claim.measure is not None and claim.measure.value == measure
    assert claim.measure.words in text        # it quotes the words it came from


def test_no_measure_word_leaves_the_placeholder():
    claim = _one("The 11 victims were given essential services.", "11")
    assert claim.measure is None and claim.scope is None


@pytest.mark.parametrize("text, figure, unit, measure", [
    ("Kentucky had the most arrests, 31, ahead of Indiana.", "31", "arrests", "arrested"),
    ("Ohio made the fewest arrests, 18 each.", "18", "arrests", "arrested"),
    ("Among the suspects, 11 were charged.", "11", "people", "charged"),
])
def test_a_bare_count_after_its_noun_counts_that_noun(text, figure, unit, measure):
    claim = _one(text, figure)
    assert (claim.unit, claim.measure.value) == (unit, measure)
    assert claim.unit_words in text and claim.unit_guessed


@pytest.mark.parametrize("text, figure, scope", [
    ("Police in Iowa detained 11 people.", "11", (("place", "Iowa"),)),
    ("Four people were arrested in Texas, while seven people were apprehended in Nebraska.",
     "Four", (("place", "Texas"),)),
    ("Four people were arrested in Texas, while seven people were apprehended in Nebraska.",
     "seven", (("place", "Nebraska"),)),
    ("Two persons were detained during the operation in Missouri, which took place in Kansas City.",
     "Two", (("place", "Missouri"),)),
    # a place followed by a capitalised word is part of a name: it scopes nothing
    ("The Missouri Attorney General's office arrested 102 persons.", "102", ()),
    ("Officials arrested 102 persons.", "102", ()),
])
def test_scope_from_the_places_around_the_figure(text, figure, scope):
    claim = _one(text, figure)
    assert claim.scope == scope


def test_several_places_and_none_in_the_clause_leave_the_placeholder():
    claim = _one("In Iowa, Texas and Ohio, police arrested 9 people.", "9")
    assert claim.scope is None


def test_a_figure_of_no_place_is_scoped_to_the_whole_a_list_names():
    text = ("Police arrested 102 persons.\n"
            "Iowa, Texas, and Ohio were among the states that took part.\n")
    claim = _one(text, "102")
    assert claim.scope == (("place", "all states"),)


@pytest.mark.parametrize("text, figure, unit", [
    ("Police arrested 102 persons.", "102", "people"),
    ("Police freed 5 offenders.", "5", "people"),
    ("In a 12-state human trafficking sting, police worked.", "12-state", "states"),
    ("The county lost 3 bridges.", "3", "bridges"),
    # past at most two modifiers to the plural noun
    ("Harlan recorded 27 road deaths last year.", "27", "deaths"),
    ("Millbrook's 12 public schools teach children.", "12", "schools"),
    ("Twelve repair crews worked through the night.", "Twelve", "crews"),
    ("Clinics gave 1,200 of the flu shots.", "1,200", "shots"),
    ("The team lost one game.", "one", "games"),
    ("Of 960 registered voters, 470 cast ballots.", "960", "people"),   # a verb form, then people
    ("Of 960 registered voters, 470 cast ballots.", "470", "people"),   # the voters before it
])
def test_units_normalised_to_the_vocabulary(text, figure, unit):
    assert _one(text, figure).unit == unit


def test_figures_that_restate_one_another_get_one_measure_and_scope():
    text = "In a sting, 47 people were rescued.\nThe office said it rescued 47 victims.\n"
    first, second = [c for c in _claims(text) if c.figure.text == "47"]
    assert (first.measure.value, first.scope) == (second.measure.value, second.scope)
    assert first.id != second.id


def test_sentences_do_not_end_at_abbreviations():
    text = "On Aug. 27 Mr. Smith said 4 people were arrested in Iowa. Texas arrested 2 people."
    spans = sentences(text)
    assert [text[lo:hi] for lo, hi in spans] == [
        "On Aug. 27 Mr. Smith said 4 people were arrested in Iowa.", "Texas arrested 2 people."]


def test_every_guess_is_marked_and_quotes_its_words():
    draft = draft_claims("a.txt", "Police in Iowa detained 11 people.\n")
    (claim,) = yaml.safe_load(draft)["claims"]
    assert (claim["id"], claim["measure"], claim["scope"], claim["unit"]) == (
        "article-arrested-iowa", "arrested", {"place": "Iowa"}, "people")
    lines = {line.split(":")[0].strip(): line for line in draft.splitlines() if ":" in line}
    assert '# guessed from "detained 11"' in lines["measure"]
    assert "# guessed" in lines["scope"] and "Iowa" in lines["scope"].split("#")[1]
    assert PLACEHOLDER not in draft.split("claims:")[1]


def test_a_line_break_inside_a_paragraph_ends_no_sentence():
    text = ("Floods damaged 1,000 homes, officials said. In Ames,\n"
            "420 homes were damaged, and in Boone 318.\n"
            "\n"
            "Kentucky had\n"
            "the most arrests.\n")
    assert [" ".join(text[lo:hi].split()) for lo, hi in sentences(text) if text[lo:hi].strip()] == [
        "Floods damaged 1,000 homes, officials said.",
        "In Ames, 420 homes were damaged, and in Boone 318.",
        "Kentucky had the most arrests."]


def test_blank_lines_list_items_and_label_lines_end_sentences():
    text = ("Results\n"
            "Ballots cast: 4,777\n"
            "- Yes 4,562\n"
            "2) No 215\n"
            "Percentages are truncated\n"
            "\n"
            "Headline without a stop\n"
            "\n"
            "Body.\n")
    assert [text[lo:hi].strip() for lo, hi in sentences(text) if text[lo:hi].strip()] == [
        "Results", "Ballots cast: 4,777", "- Yes 4,562", "2) No 215", "Percentages are truncated",
        "Headline without a stop", "Body."]


def test_a_wrapped_sentence_keeps_its_place_for_the_scope():
    # "in Iowa" and the figure are one sentence across the wrap; the next sentence's Texas
    # does not count
    text = "Police in Iowa said they had\ndetained 11 people. Texas gave no figure.\n"
    assert _one(text, "11").scope == (("place", "Iowa"),)


@pytest.mark.parametrize("text, figure, unit, measure, scope", [
    ("In Ames, 420 homes were damaged, and in Boone 318.", "318", "homes", "damaged", None),
    ("Inspectors confirmed damage to 1,012 homes: 402 in Ames, 318 in Boone and 190 in Cole.",
     "190", "homes", "damaged", (("place", "Cole"),)),
    ("Adults received 2.0 million of the shots and children 1.2 million.", "1.2 million", "shots",
     "vaccinated", None),
])
def test_a_bare_count_counts_the_noun_counted_before_it(text, figure, unit, measure, scope):
    claim = _one(text, figure)
    assert claim.unit == unit and claim.unit_words and claim.unit_words in " ".join(text.split())
    assert (claim.measure.value if claim.measure else None) == measure
    if scope is not None:
        assert claim.scope == scope


@pytest.mark.parametrize("text, figure", [
    ("Harlan County had 27 road deaths, a rate of 18 per 100,000.", "100,000"),   # after "per"
    ("The county has 27 deaths and 18 percent of roads are unsafe.", "18 percent"),
    ("The county counted 27 deaths and 18 bridges.", "18"),          # a noun of its own
    ("Nearly 1,200 of the shots went to residents over 65.", "65"),    # an age
])
def test_a_count_with_its_own_noun_or_after_per_takes_no_other(text, figure):
    claim = _one(text, figure)
    assert claim.unit_words == ""


@pytest.mark.parametrize("text, first, then, scopes", [
    ("Sales reached 4,212 tickets this year, up from 2,106 last year.", "2,106", "4,212",
     ((("year", "last"),), (("year", "this"),))),
    ("The fair sold 1,015 tickets last year, up from 812 the year before.", "812", "1,015",
     ((("year", "before last"),), (("year", "last"),))),
    ("The fair sold 1,015 tickets in 2023, up from 812 the previous year.", "812", "1,015",
     ((("year", "2022"),), (("year", "2023"),))),
    ("Iowa sold 1,015 tickets this month, up from 812 a month earlier.", "812", "1,015",
     ((("month", "last"), ("place", "Iowa")), (("month", "this"), ("place", "Iowa")))),
    # no period named: a person says
    ("The fair sold 1,015 tickets, up from 812.", "812", "1,015", (None, None)),
])
def test_a_pair_is_told_apart_by_the_periods_its_words_name(text, first, then, scopes):
    a, b = _one(text, first), _one(text, then)
    assert (a.unit, a.measure.value) == (b.unit, b.measure.value) == ("tickets", "sold")
    assert (a.scope, b.scope) == scopes


@pytest.mark.parametrize("text, figure", [
    ("Officials said 470 cast ballots.", "470"),                   # a verb and its object
    ("Officials said 960 registered late.", "960"),                # a verb form, no noun
    ("The crash killed 4 in the city.", "4"),                      # no noun follows
    ("One death every seven minutes: one every three hours.", "one"),
    ("Harlan had 18 per 100,000 residents.", "18"),
])
def test_no_unit_where_no_plural_noun_follows(text, figure):
    assert _one(text, figure).unit is None


@pytest.mark.parametrize("text, figure, measure", [
    ("Police in four states made 100 arrests in a week.", "four", "states"),
    ("Deputies in four counties made 95 arrests.", "four", "counties"),
])
def test_a_count_of_places_counts_them_whatever_the_verb(text, figure, measure):
    assert _one(text, figure).measure.value == measure


@pytest.mark.parametrize("text, figure, scope", [
    # a place named with its kind is a place of that dimension
    ("Harlan County recorded 27 road deaths last year.", "27", (("county", "Harlan"),)),
    ("The year before, the north district alone recorded 380 thefts.", "380", (("district", "north"),)),
    ("The North region gave 1.8 million shots.", "1.8 million", (("region", "North"),)),
    # a figure alone in its clause belongs to the clause before it
    ("Adams County had the most arrests, 24, and Brown County made 19.", "24", (("county", "Adams"),)),
    ("Adams County had the most arrests, 24, and Brown County made 19.", "19", (("county", "Brown"),)),
    # "In <place>," introduces the clause after it
    ("In Ames, 420 homes were damaged, and in Boone 318.", "420", (("place", "Ames"),)),
    ("In Ames, 420 homes were damaged, and in Boone 318.", "318", (("place", "Boone"),)),
])
def test_scope_from_a_place_with_its_kind_or_the_clause_before(text, figure, scope):
    assert _one(text, figure).scope == scope


def test_a_list_of_counties_breaks_down_by_county():
    text = "Adams, Clay and Polk were among the counties hit. Adams County lost 40 homes.\n"
    p = plan([Text("article", "a.txt", text)])
    assert [(b[0], b[1], b[2]) for b in p.breakdowns] == [
        ("county", "all counties", ("Adams", "Clay", "Polk"))]
    assert _one(text, "40").scope == (("county", "Adams"),)


def test_a_unit_the_checker_does_not_know_is_left_to_say_with_the_noun():
    draft = draft_claims("a.txt", "The library signed up 4,212 new cardholders.\n")
    (line,) = [line for line in draft.splitlines() if line.strip().startswith("unit:")]
    assert line.split("#")[0].strip() == f"unit: {PLACEHOLDER}" and '"cardholders"?' in line


def test_an_age_is_drafted_with_the_digits_it_can_read():
    (claim,) = yaml.safe_load(draft_claims("a.txt", "A 90-year-old water main burst.\n"))["claims"]
    assert (claim["measure"], claim["value"], claim["unit"]) == ("age", "90", "year")


@pytest.mark.parametrize("text, value", [
    ("Turnout rose 3 percentage points to 61% in the county.\n", "3"),
    ("Support fell three percentage points in May.\n", "three"),
    ("The gap narrowed by 2.5 Percentage Point.\n", "2.5"),
])
def test_percentage_points_are_drafted_in_their_own_unit(text, value):
    """A change in percentage points is a unit of its own, never compared with a percent
    (docs/claims.md): the draft said `unit: percent` and wrote the value with its unit words,
    which the checker cannot read."""
    claims = yaml.safe_load(draft_claims("a.txt", text))["claims"]
    (points,) = [c for c in claims if "point" in c["quote"].lower() and c["unit"] != "percent"]
    assert (points["value"], points["unit"]) == (value, "points")
    # the change, not the level itself; or for a person to say
    assert points["measure"] == PLACEHOLDER or points["measure"].startswith("change in ")
    if "Turnout" in text:
        assert points["measure"] == "change in turnout"
    assert all(c["unit"] == "percent" for c in claims if "%" in str(c["value"]))
