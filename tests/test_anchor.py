"""Anchoring's fast paths read quotes exactly as the plain ways they replace."""
from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from verify.anchor.quotes import _find_word, _with_spans
from verify.anchor.textindex import Folded, fold
from verify.model import Claim, Location, Span

_PIECES = ["47", "4.7", "1,200", "about", "One", "one", "ONE", "hundred", "_", ".", ",", " ", "-",
           "a", "x", "\u00e9", "\u0130", "\u017f", "\u212a", "\u2019", "\u00a0", "\t", "\n", "  "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.lists(st.sampled_from(_PIECES), max_size=3))
def test_find_word_is_the_case_blind_word_search(quote_pieces, written_pieces):
    quote, written = "".join(quote_pieces), "".join(written_pieces)
    match = re.search(r"(?<![\w.,])" + re.escape(written) + r"(?![\w])", quote, re.IGNORECASE)
    assert _find_word(quote, written) == ((match.start(), len(match.group(0))) if match else None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["\u201c", "\u2014", "\r\n", "\u2033"]), max_size=12))
def test_fold_is_the_folded_text(pieces):
    text = "".join(pieces)
    assert fold(text) == Folded(text).text.strip()


def test_a_claim_with_spans_is_the_claim_replaced():
    """_with_spans copies a Claim's fields rather than running its __init__ again: right
    only while a Claim has no __post_init__, and its slots are its fields."""
    assert not hasattr(Claim, "__post_init__")
    assert set(Claim.__slots__) == {f.name for f in dataclasses.fields(Claim)}
    claim = Claim("c1", "article", "about 47 people", Location("a.yaml", 3, 5), "arrested",
                  (("state", "Iowa"),), occurrence=2, direction="rise")
    span, where = Span("article", 10, 12, 1, 11), Span("article", 4, 19, 1, 5)
    made = _with_spans(claim, span, where)
    expected = dataclasses.replace(claim, span=span, quote_span=where)
    assert made == expected and hash(made) == hash(expected)
    assert all(getattr(made, f.name) is getattr(expected, f.name) for f in dataclasses.fields(Claim))
    assert claim.span is None
