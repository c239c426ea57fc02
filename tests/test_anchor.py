"""Anchoring's fast paths read quotes exactly as the plain ways they replace."""
from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from verify.anchor import textindex
from verify.anchor.quotes import _find_word, _with_spans
from verify.anchor.textindex import _FOLD, _INDEX_AFTER, _INDEX_CHARS, Folded, _WordIndex, fold
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
@given(st.lists(st.sampled_from(_PIECES + ["\u201c", "\u2014", "\r\n", "\u2033", "\x1c", "\x1f", "\x85",
                                           "\u2028", "\u3000", "\u200b", "\ufeff", "\x0b"]), max_size=12))
def test_fold_is_the_folded_text(pieces):
    text = "".join(pieces)
    assert fold(text) == Folded(text).text.strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["\u201c", "\u2014", "\r\n", "\x1c", "\x85", "\u2028",
                                           "\u3000", "\u200b", "\x0b", " \n "]), max_size=12))
def test_a_folded_text_has_each_run_of_white_space_as_one_space(pieces):
    text = "".join(pieces)
    folded = Folded(text)
    assert folded.text == re.sub(r"\s+", " ", text.translate(_FOLD))
    # and every folded offset maps back to the same character, or to the run it stands for
    for at, ch in enumerate(folded.text):
        original = text[folded.original_offset(at)]
        assert original.translate(_FOLD) == ch or (ch == " " and original.isspace())


def test_a_claim_with_spans_is_the_claim_with_only_its_spans_changed():
    claim = Claim("c1", "article", "about 47 people", Location("a.yaml", 3, 5), "arrested",
                  (("state", "Iowa"),), occurrence=2, direction="rise")
    span, where = Span("article", 10, 12, 1, 11), Span("article", 4, 19, 1, 5)
    made = _with_spans(claim, span, where)
    assert (made.span, made.quote_span) == (span, where) and claim.span is None
    assert all(getattr(made, f.name) is getattr(claim, f.name) for f in dataclasses.fields(Claim)
               if f.name not in ("span", "quote_span"))


# words that start or end alike ("Shield", "Shields"; "Falcon", "alcon"): a quote's edge words
# are looked up by three characters, which longer words of the text share
_WORDS = ["Operation", "Amber", "Falcon", "alcon", "Shield", "Shields", "46", "1,200", "calls", "in",
          "Ohio", " ", " ", ". ", ",", "'", "-", "_", "\u00e9", "\u0130"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=60),
       st.lists(st.tuples(st.integers(0, 59), st.integers(1, 40)), min_size=1, max_size=6),
       st.sampled_from([None, 1, 2, 11]), st.sampled_from([3, 4, 7, 65_536]))
def test_the_word_index_finds_what_a_scan_finds(pieces, cuts, limit, chunk):
    """A long source's quotes are found through the index of its three-word runs: the same
    offsets, in order, as a scan of the whole text (quotes cut from the text, so most occur,
    some more than once, some at the text's ends), however many words it indexes at a time."""
    text = Folded("".join(pieces * 3))
    scanned, indexed = Folded(text.original), Folded(text.original)
    chunked, textindex._CHUNK = textindex._CHUNK, chunk
    try:
        indexed._words = _WordIndex(indexed.text)
    finally:
        textindex._CHUNK = chunked
    for start, length in cuts:
        needle = text.text[start:start + length]
        assert indexed.find_all(needle, limit) == scanned.find_all(needle, limit)


def test_a_long_source_is_indexed_after_a_few_searches():
    """The index is built once a long source has been searched often; then a quote that
    recurs through it is found at each place, and one that does not is not found."""
    story = "Figures show {} calls came in Ohio during Operation Amber Falcon Shield. "
    source = Folded("".join(story.format(n % 50) for n in range(3_000)))
    assert len(source.text) >= _INDEX_CHARS
    for _ in range(_INDEX_AFTER):
        assert source.find_all("show 7 calls came in Ohio", 100) == \
            [m.start() for m in re.finditer("show 7 calls came in Ohio", source.text)]
    assert source._words is not None
    assert len(source.find_all("show 7 calls came in Ohio")) == 60
    assert source.find_all("show 7 calls came in Iowa") == []
