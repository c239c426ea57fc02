"""The did-you-mean search of slips: difflib's close matches, its length test made first."""
from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from verify.evaluate.slips import CLOSE, _close_matches

_WORDS = st.text(alphabet="aeinrst kKy-", max_size=12)


@settings(max_examples=400, deadline=None)
@given(_WORDS, st.lists(_WORDS, max_size=12))
def test_close_matches_are_difflibs(word, choices):
    assert _close_matches(word, choices) == difflib.get_close_matches(word, choices, 3, CLOSE)


def test_close_matches_of_measures():
    choices = ["arrested", "arrests", "rescued", "charged", "arrested people", ""]
    for word in ["arrestd", "arested", "rescude", "", "charges", "x"]:
        assert _close_matches(word, choices) == difflib.get_close_matches(word, choices, 3, CLOSE)
    assert _close_matches("arrestd", choices)[0] == "arrested"
