"""The did-you-mean search of slips: the choice a word is a slip of, found as if every one of
difflib's close matches were tried in turn."""
from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from verify.evaluate.slips import CLOSE, SLIPS, _Choices, _closest
from verify.values.vocabulary import typed_apart

_WORDS = st.text(alphabet="aeinrst kKy-", max_size=12)


def test_the_closest_of_measures():
    choices = ["arrested", "arrests", "rescued", "charged", "arrested people", ""]
    for word in ["arrestd", "arested", "rescude", "", "charges", "x"]:
        assert _closest(word, _Choices(choices)) == _closest_by_difflib(word, choices)
    assert _closest("arrestd", _Choices(choices)) == "arrested"


def _closest_by_difflib(word: str, choices: list[str]) -> str | None:
    """_closest without its first test: difflib's close matches, each tried for its slips."""
    lowered, by_lower = word.lower(), {c.lower(): c for c in choices}
    limit = 1 if len(word) < 6 else SLIPS
    others = [c for c in sorted(by_lower) if c != lowered]
    for found in difflib.get_close_matches(lowered, others, 3, CLOSE):
        if typed_apart(lowered, found, limit) <= limit:
            return by_lower[found]
    return None


@settings(max_examples=600, deadline=None)
@given(_WORDS, st.lists(_WORDS, max_size=12))
def test_closest_is_the_first_close_match_a_slip_away(word, choices):
    assert _closest(word, _Choices(choices)) == _closest_by_difflib(word, choices)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=12), st.data())
def test_closest_of_a_choice_with_a_slip(choices, data):
    """A choice with a letter changed, dropped or added: the case the first test lets through."""
    choice = data.draw(st.sampled_from(choices))
    at = data.draw(st.integers(0, len(choice)))
    letter = data.draw(st.sampled_from("aeinrst"))
    word = data.draw(st.sampled_from([choice[:at] + letter + choice[at + 1:],
                                      choice[:at] + choice[at + 1:], choice[:at] + letter + choice[at:]]))
    assert _closest(word, _Choices(choices)) == _closest_by_difflib(word, choices)


def test_closest_names_the_measure_one_slip_away():
    choices = _Choices(["arrested", "rescued", "charged", "arrested people"])
    assert _closest("arrestd", choices) == "arrested"
    assert _closest("Arested", choices) == "arrested"
    assert _closest("released", choices) is None
    assert _closest("arrested", choices) is None      # its own spelling is no slip
