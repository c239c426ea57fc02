"""Properties over generated articles: a consistent world never produces an error; a figure
pushed past its interval always does, naming that claim; the whole-article solver agrees."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from quicktions import Fraction

from verify import config
from verify.engine import check_file

NAMES = ["Adams", "Baker", "Clark", "Dover", "Essex", "Fulton"]
CONFIG = config.load([])


@st.composite
def worlds(draw):
    """True counts per district, and what a writer prints of them."""
    k = draw(st.integers(min_value=2, max_value=6))
    counts = draw(st.lists(st.integers(min_value=0, max_value=400), min_size=k, max_size=k))
    total = sum(counts)
    top = max(range(k), key=lambda i: counts[i])
    reported = sorted(set(draw(st.lists(st.integers(0, k - 1), min_size=1, max_size=k))) | {top})
    hedge_total = draw(st.booleans()) and total >= 50
    return {"counts": counts, "total": total, "top": top, "reported": reported,
            "hedge_total": hedge_total}


def write_article(tmp_path, world, push=None):
    """The article and claims file for a world; `push` prints one part as a wrong figure."""
    counts, total, top = world["counts"], world["total"], world["top"]
    k = len(counts)
    printed = dict(enumerate(counts))
    if push is not None:
        printed[push] = total + 1 + (total if world["hedge_total"] else 0)
    total_text = f"about {round(total, -1):,}" if world["hedge_total"] else f"{total:,}"
    share = Fraction(printed[top] * 100, total) if total else None
    lines = [f"Officials counted {total_text} arrests in all."]
    claims = [f'  - {{id: total, quote: "counted {total_text} arrests", measure: arrested, '
              f'scope: {{place: all}}, value: "{total_text}", unit: people}}']
    for i in world["reported"]:
        lines.append(f"In {NAMES[i]}, {printed[i]:,} people were arrested.")
        claims.append(f'  - {{id: p{i}, quote: "In {NAMES[i]}, {printed[i]:,} people were arrested", '
                      f'measure: arrested, scope: {{place: {NAMES[i]}}}, '
                      f'value: "{printed[i]:,}", unit: people}}')
    lines.append(f"{NAMES[top]} had the most arrests.")
    relations = [f"  - {{rank: most, claim: p{top}, among: all, quote: {NAMES[top]} had the most arrests}}"]
    if share is not None and not world["hedge_total"] and push is None:
        pct = int(share + Fraction(1, 2))      # the writer rounds half up, as checks/ says
        lines.append(f"{NAMES[top]} accounted for {pct}% of them.")
        claims.append(f'  - {{id: share, quote: "accounted for {pct}%", measure: share of arrests, '
                      f'value: "{pct}%", unit: percent}}')
        relations.append(f"  - {{share: share, part: p{top}, whole: total}}")
    (tmp_path / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = ("sources: [{id: article, file: a.txt, published: 2021-09-04}]\n"
            f"breakdowns: [{{dimension: place, whole: all, parts: [{', '.join(NAMES[:k])}]}}]\n"
            "unchecked: [{text: most, reason: a word}]\n"
            "claims:\n" + "\n".join(claims) + "\nrelations:\n" + "\n".join(relations) + "\n")
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(worlds())
def test_a_consistent_world_gives_no_error_and_no_warning(tmp_path, world):
    result = check_file(str(write_article(tmp_path, world)), CONFIG)
    assert not result.fatal, result.findings
    bad = [f for f in result.findings if f.severity.label in ("error", "warning")]
    assert bad == [], [(f.rule, f.message) for f in bad]


@SETTINGS
@given(worlds(), st.data())
def test_a_part_pushed_past_the_total_is_an_error_naming_it(tmp_path, world, data):
    pushed = data.draw(st.sampled_from(world["reported"]))
    result = check_file(str(write_article(tmp_path, world, push=pushed)), CONFIG)
    errors = [f for f in result.findings if f.severity.label == "error"]
    assert errors
    assert any(f"p{pushed}" in f.claims for f in errors), [(f.rule, f.claims) for f in errors]


# -- ordering a dict's items by their key's repr is ordering them by their own repr -----------

_WORDS = ["a", "b", "a'", "(", ")", "a, b", "", "\u00e9", "'", '"', ",", "x)"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(
    st.tuples(st.sampled_from(_WORDS), st.lists(st.tuples(st.sampled_from(_WORDS),
                                                          st.sampled_from(_WORDS)), max_size=3)
              .map(tuple)),
    st.lists(st.sampled_from(_WORDS), max_size=4), max_size=8))
def test_items_ordered_by_their_keys_repr_are_ordered_by_their_repr(by_slice):
    from verify.relate.quantities import by_key_repr
    items = list(by_slice.items())
    assert sorted(items, key=by_key_repr) == sorted(items, key=repr)
