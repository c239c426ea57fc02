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


def test_every_record_is_declared_as_its_module_is_run():
    """A pure module's record is `@record()`: frozen as mypy checks it and cheap to make when
    it runs (a `@dataclass(frozen=True)` sets each field past its guard, 3 to 6 times slower).
    A compiled module's is `@dataclass(frozen=True)`, the one decorator mypyc makes a native
    class of (`@record()` there gives a class with an instance dict: slower to read, and 74
    MB more at 100,000 claims)."""
    from test_build import ROOT, _compiled_paths
    src = ROOT / "src" / "verify"
    compiled = set(_compiled_paths())
    wrong = [f"{p.relative_to(src)}:{n}" for p in sorted(src.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if line.lstrip().startswith("@") and ("@record(" in line if p in compiled
                                                   else "dataclass(frozen=True" in line.replace(" ", ""))]
    assert compiled and wrong == []


def test_a_record_is_frozen_for_the_type_checker_and_hashed_by_its_fields(tmp_path, monkeypatch):
    import dataclasses

    from mypy import api
    from quicktions import Fraction
    snippet = tmp_path / "snippet.py"
    snippet.write_text("from quicktions import Fraction\nfrom verify.model import Interval\n"
                       "Interval(Fraction(1), None).lo = Fraction(2)\n", encoding="utf-8")
    monkeypatch.setenv("MYPYPATH", str(Path(__file__).resolve().parent.parent / "src"))
    out, err, status = api.run(["--strict", "--cache-dir", str(tmp_path / "cache"), str(snippet)])
    assert status == 1 and 'Property "lo" defined in "Interval" is read-only' in out, out + err
    a, b = model.Interval(Fraction(1), Fraction(2)), model.Interval(Fraction(1), Fraction(2))
    assert a == b and hash(a) == hash(b) and {a: 1}[b] == 1
    assert dataclasses.replace(a, lo=None) == model.Interval(None, Fraction(2))


def test_every_exact_number_is_a_quicktions_fraction():
    """verify's exact numbers are quicktions.Fraction (fractions.Fraction in C): a compiled
    module refuses the standard library's Fraction where its code says quicktions', so no
    module may make one."""
    src = Path(model.__file__).resolve().parent
    stdlib = [f"{p.relative_to(src)}:{n}" for p in sorted(src.rglob("*.py"))
              for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
              if line.lstrip().startswith(("from fractions import", "import fractions"))]
    assert stdlib == []
    from quicktions import Fraction
    interval = model.Interval.point(Fraction(1, 3))
    assert type(interval.scale(Fraction(3)).lo) is Fraction


def test_replaced_is_dataclasses_replace():
    from dataclasses import replace

    from verify.model import Claim, Location, Span, replaced
    claim = Claim("c1", "article", "about 47 people", Location("a.yaml", 3, 5), "arrested",
                  (("state", "Iowa"),), occurrence=2, direction="rise")
    span = Span("article", 10, 12, 1, 11)
    for changes in ({}, {"span": span}, {"span": span, "quote_span": span, "id": "c2"},
                    {"earlier": True, "measure": None}):
        assert replaced(claim, **changes) == replace(claim, **changes)
    assert replaced(Location("a.yaml"), col=7) == Location("a.yaml", 1, 7)
    assert replaced(model.RunResult(), files=()) == model.RunResult()     # one field
