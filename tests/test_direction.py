"""Which way a change went comes from the words governing its figure, never from other words.

Generated sentences put a word of the rise/fall table next to the figure ("slipped 15%",
"15% lower") and words of the other direction elsewhere in the quote ("even as fares were
cut", "Although wages rose, ..."); the reading, and the change rule's verdict, follow the
governing word only.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_cases as cases
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.model import Verdict
from verify.values.direction import FALL, RISE, VOCABULARY, WORDS, read

DOCS = Path(__file__).resolve().parent.parent / "docs" / "claims.md"
OTHER = {RISE: FALL, FALL: RISE}
NOUNS = ("fares", "wages", "service", "prices", "costs")
FILLERS = ("", "by ", "a further ", "nearly ", "sharply by ")


@st.composite
def sentences(draw):
    """(sentence, where the figure is, the governing word's direction)."""
    word = draw(st.sampled_from(sorted(WORDS)))
    way = WORDS[word]
    others = sorted(w for w, d in WORDS.items() if d == OTHER[way])
    distractors = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3))
    lead = draw(st.sampled_from(("", "Although {n} {d}, ", "As {n} {d}; ")))
    middle = draw(st.sampled_from(("", ", which had {d},")))
    tail = draw(st.sampled_from((" even as {n} were {d}", " while {n} {d}", ", and {n} {d}",
                                 " despite claims that {n} {d}")))
    noun = draw(st.sampled_from(NOUNS))
    fill = lambda text, d: text.format(n=noun, d=d)      # noqa: E731
    filler = draw(st.sampled_from(FILLERS))
    if draw(st.booleans()):      # "slipped 15%": the word before the figure
        head, after = f"{filler}{word} ", ""
    else:                        # "15% lower": the word after it
        head, after = f"was {filler.replace('by ', '')}", f" {word}"
    text = (fill(lead, distractors[0]) + "ridership" + fill(middle, distractors[-1]) + " "
            + head + "15%" + after + fill(tail, distractors[len(distractors) // 2]))
    start = text.index("15%")
    return text, start, way


@settings(max_examples=400, deadline=None)
@given(sentences())
def test_the_governing_word_alone_says_which_way(generated):
    text, start, way = generated
    assert read(text, start, start + 3).way == way, text


@settings(max_examples=25, deadline=None)
@given(generated=sentences(), went=st.sampled_from((RISE, FALL)))
def test_the_verdict_follows_the_governing_word_only(generated, went, tmp_path_factory):
    """1,000 to 1,150 is a rise of 15%, 1,000 to 850 a fall: the change holds when the
    governing word says the way the figures went, and is a contradiction otherwise."""
    text, _, way = generated
    later = "1,150" if went == RISE else "850"
    case = {"name": "generated", "article": f"Ridership went from 1,000 to {later}. {text}.\n",
            "claims": [
                {"id": "before", "quote": "from 1,000", "measure": "riders",
                 "scope": {"year": "2020"}, "value": "1,000", "unit": "riders"},
                {"id": "after", "quote": f"to {later}", "measure": "riders",
                 "scope": {"year": "2021"}, "value": later, "unit": "riders"},
                {"id": "chg", "quote": text, "measure": "change in riders", "value": "15%",
                 "unit": "percent"}],
            "relations": [{"change": "chg", "from": "before", "to": "after"}]}
    result = cases.run_case(case, tmp_path_factory.mktemp("direction"))
    verdicts = [f.verdict for f in result.findings if f.rule == "change"]
    assert verdicts == [Verdict.HOLDS if way == went else Verdict.CONTRADICTION], \
        (text, [cases.show(f) for f in result.findings])


@given(st.sampled_from(sorted(WORDS)), st.sampled_from(("a {} 15% change", "15% change")))
def test_no_governing_word_is_no_direction(word, template):
    """A table word that does not govern the figure ("a 15% change ... cut") says nothing."""
    text = template.format("") + f" even as fares were {word}"
    start = text.index("15%")
    reading = read(text, start, start + 3)
    assert reading.way is None and reading.why_not


def test_negated_and_disagreeing_words_say_nothing():
    for text in ("it did not fall 15%", "it hasn't risen 15%", "fares rose 15% less than wages",
                 "up to 15%", "it moved 15%"):
        start = text.index("15%")
        assert read(text, start, start + 3).way is None, text


def test_each_word_has_one_direction():
    listed = [w for lines in VOCABULARY.values() for line in lines for w in line.split()]
    assert len(listed) == len(set(listed)) == len(WORDS)


def test_the_docs_list_the_table():
    """docs/claims.md lists exactly the words of verify.values.direction.VOCABULARY."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Changes: which way", 1)[1].split("\n## ", 1)[0]
    for way in (RISE, FALL):
        row = re.search(rf"^\| {way} \| (.+) \|$", section, re.MULTILINE)
        assert row, f"docs/claims.md: no '| {way} | ... |' row under 'Changes: which way'"
        documented = set(re.findall(r"[a-z]+(?:-[a-z]+)*", row.group(1)))
        table = {w for line in VOCABULARY[way] for w in line.split()}
        assert documented == table, (way, sorted(documented ^ table))


@pytest.mark.parametrize("quote", ["rose as much as 15%", "rose slightly more than 15%",
                                   "rose by well over 15%", "rose an estimated 15%", "rose no more than 15%"])
def test_every_hedge_of_the_numbers_table_stands_between_the_word_and_its_figure(quote):
    """The hedges are one table (numbers.HEDGES): any of them, of one word or several, is
    skipped on the way from the figure back to the word that governs it."""
    start = quote.index("15")
    assert read(quote, start, start + 3).way == RISE
