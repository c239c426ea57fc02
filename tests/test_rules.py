"""The rules' shared reading of values: each worked out once a context, and afresh for
another context (another choice among a quantity's statements)."""
from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from quicktions import Fraction

from verify import engine
from verify.anchor import quotes
from verify.config import load as settings
from verify.evaluate import rules
from verify.load import claims
from verify.model import Interval

FILE = """\
sources: [{id: a, file: a.txt}]
claims:
  - {id: one, quote: 47 people were rescued, measure: rescued, value: "47", unit: people}
  - {id: two, quote: 41 people were rescued, measure: rescued, value: "41", unit: people}
"""


def test_values_are_read_once_a_context_and_again_for_another_choice(tmp_path):
    (tmp_path / "a.txt").write_text("In all 47 people were rescued. Later: 41 people were rescued.\n")
    (tmp_path / "c.yaml").write_text(FILE)
    loaded = claims.load(str(tmp_path / "c.yaml"), settings([]))
    assert loaded.claims_file is not None
    ctx = engine._context(quotes.anchor(loaded.claims_file)[0], settings([]))
    article = ctx.article
    assert article is not None
    (quantity,) = [q for q in article.quantities if q.statements]
    first, second = quantity.statements        # 41 and 47 disagree: a rule reads one at a time
    picked = replace(ctx, choice={quantity.index: first})
    (value,) = rules.values(picked, ["one"])
    assert rules.values(picked, ["one"])[0] is value and picked.known      # read once
    again = replace(picked, choice={quantity.index: second})
    assert again.known == {}
    assert rules.values(again, ["one"])[0].interval != value.interval


_ENDS = st.one_of(st.none(), st.fractions(max_denominator=60).map(Fraction))
_INTERVALS = st.builds(Interval, _ENDS, _ENDS, st.booleans(), st.booleans())


@given(st.lists(_INTERVALS, max_size=8))
def test_total_is_the_intervals_added_one_by_one(intervals):
    added = Interval.point(Fraction(0))
    for interval in intervals:
        added = added + interval
    summed = rules.total(intervals)
    assert summed == added
    assert all(end is None or type(end) is Fraction for end in (summed.lo, summed.hi))
