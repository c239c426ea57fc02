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
