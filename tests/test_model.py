"""The model's records as --jobs sends them between processes."""
from __future__ import annotations

import copyreg
import pickle
from dataclasses import is_dataclass
from pathlib import Path

from verify import engine, model
from verify.config import load

SEED = Path(__file__).resolve().parent.parent / "claims" / "operation-united-front.yaml"


def test_every_slotted_record_pickles_by_its_constructor():
    """A frozen dataclass with slots pickles field by field in Python unless it has a reducer:
    every such record of the model has one, so a result loads as fast as before slots."""
    records = [v for v in vars(model).values() if isinstance(v, type) and is_dataclass(v)
               and v.__module__ == model.__name__ and "__slots__" in vars(v)]
    assert model.Finding in records and model.Location in records and model.Span in records
    assert [r for r in records if r not in copyreg.dispatch_table] == []


def test_a_files_result_comes_back_from_pickle_equal():
    result = engine.check_file(str(SEED), load([]))
    assert result.findings and result.marks and result.sources
    again = pickle.loads(pickle.dumps(result))
    assert again == result and hash(again.findings) == hash(result.findings)
    assert type(again.findings[0].location) is model.Location


def test_checking_a_file_leaves_the_cycle_collector_as_it_found_it():
    """The collector is off while a file is checked (speed), and as it was afterwards, also
    when the check fails."""
    import gc
    assert gc.isenabled()
    engine.check_file(str(SEED), load([]))
    assert gc.isenabled()
    engine.check_file(str(SEED.parent / "no-such-file.yaml"), load([]))
    assert gc.isenabled()
    gc.disable()
    try:
        engine.check_file(str(SEED), load([]))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_placed_outcome_keeps_every_field_it_does_not_place():
    """The engine places a rule's outcome by making a new one (not dataclasses.replace): every
    field other than those it places is carried over, whatever fields Outcome has."""
    from dataclasses import fields

    from verify.evaluate.rules import Context
    claim = model.Claim("c1", "article", "47 people", model.Location("a.yaml", 3, 5), "arrested",
                        span=model.Span("article", 0, 2, 1, 1))
    ctx = Context(model.ClaimsFile("a.yaml", (), (claim,), ()), {"c1": claim}, load([]))
    outcome = model.Outcome(model.Verdict.CONDITIONAL, "m", ("c1",), ("a",), ("d",), None, (),
                            (), worth_noting=True)
    placed = engine._placed(outcome, None, ctx)
    placed_fields = {"claims", "location", "spans", "quotes"}
    assert {f.name for f in fields(model.Outcome)} - placed_fields == \
        {"verdict", "message", "arithmetic", "derived", "worth_noting"}
    assert all(getattr(placed, f.name) == getattr(outcome, f.name)
               for f in fields(model.Outcome) if f.name not in placed_fields)
    assert (placed.location, placed.spans) == (claim.loc, (claim.span,))
    assert placed.quotes == (("c1", "47 people"),)
