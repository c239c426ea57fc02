"""Property: the answers of one question add to 100% (a breakdown's `total: 100%`).

A poll whose true shares add to 100% exactly, each printed rounded half up (to whole percents
or to tenths), is never reported at warning or error; the same poll with one answer pushed
beyond what rounding can reconcile is always reported as an error, never passed."""
from math import floor

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from quicktions import Fraction

from verify import config
from verify.engine import check_file
from verify.model import Severity

CONFIG = config.load([])
SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
ANSWERS = ["yes", "no", "don't know", "other", "refused", "undecided"]


@st.composite
def polls(draw):
    """(printed figures as Fractions, decimals): true shares add to 100, printed rounded half up."""
    weights = draw(st.lists(st.integers(1, 1000), min_size=2, max_size=len(ANSWERS)))
    decimals = draw(st.sampled_from([0, 1]))
    step = Fraction(1, 10 ** decimals)
    shares = [Fraction(100 * w, sum(weights)) for w in weights]
    assert sum(shares) == 100
    return [floor(s / step + Fraction(1, 2)) * step for s in shares], decimals


def _text(value: Fraction, decimals: int) -> str:
    return f"{float(value):.{decimals}f}%"      # value has at most `decimals` decimals: exact


def _loud(tmp_path, printed: list[Fraction], decimals: int):
    texts = [_text(v, decimals) for v in printed]
    names = ANSWERS[:len(printed)]
    article = "; ".join(f"{t} answered {n}" for t, n in zip(texts, names, strict=True)) + "."
    (tmp_path / "a.txt").write_text(article + "\n", encoding="utf-8")
    claims = "".join(f'  - {{id: a{i}, quote: "{t} answered {n}", measure: answers, '
                     f'scope: {{answer: "{n}"}}, value: "{t}", unit: percent}}\n'
                     for i, (t, n) in enumerate(zip(texts, names, strict=True)))
    parts = ", ".join(f'"{n}"' for n in names)
    path = tmp_path / "c.yaml"
    path.write_text("sources: [{id: article, file: a.txt}]\n"
                    f"breakdowns:\n  - {{dimension: answer, whole: all, parts: [{parts}], total: 100%}}\n"
                    "claims:\n" + claims, encoding="utf-8")
    result = check_file(str(path), CONFIG)
    assert not [f for f in result.findings if f.rule == "input"], result.findings
    return [f for f in result.findings if f.severity >= Severity.WARNING and f.rule != "coverage"]


@SETTINGS
@given(poll=polls())
def test_a_rounded_poll_that_adds_to_100_is_never_reported(tmp_path, poll):
    printed, decimals = poll
    assert _loud(tmp_path, printed, decimals) == []


@SETTINGS
@given(poll=polls(), data=st.data())
def test_an_answer_pushed_beyond_rounding_is_always_an_error(tmp_path, poll, data):
    printed, decimals = poll
    step = Fraction(1, 10 ** decimals)
    slack = len(printed) * step / 2          # rounding lets the printed sum stray this far
    up = data.draw(st.booleans())
    index = data.draw(st.integers(0, len(printed) - 1))
    extra = data.draw(st.integers(0, 3)) * step
    total = sum(printed)
    if up:      # the sum of the lowest readings passes 100 (a whole number of steps)
        push = (floor((100 + slack - total) / step) + 1) * step + extra
    else:       # the sum of the highest readings stays at or below 100
        push = floor((100 - slack - total) / step) * step - extra
        if printed[index] + push < 0:
            return
    pushed = list(printed)
    pushed[index] += push
    lo = sum(pushed) - slack
    assert lo > 100 or sum(pushed) + slack <= 100
    loud = _loud(tmp_path, pushed, decimals)
    assert [f.severity for f in loud] == [Severity.ERROR], [f.message for f in loud]
    assert {f.rule for f in loud} <= {"sum", "solve"}
