"""Fuzzing the loader and the engine with mutated claims files (tests/fuzzing.py).

Whatever a mutant holds, `check_file` returns a FileResult, no exception escapes it, the
engine's catch-all ("internal error", "nested too deeply") never fires, and a file refused as
malformed says where and why (line and column from 1, a message).  A small budget runs in the
suite; `python bench/fuzz.py --cases 10000` runs a large one and reports the slowest case.
"""
import fuzzing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify import config

CONFIG = config.load([])
CASE_SECONDS = 10      # the solver's budget is 3 s per file; far past it is a hang


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_a_mutated_claims_file_never_crashes_verify(data):
    case = fuzzing.draw_case(data.draw)
    outcome = fuzzing.run_case(case, CONFIG)
    assert outcome.problem is None, f"{case.name}: {outcome.problem}"
    assert outcome.seconds < CASE_SECONDS, f"{case.name}: {outcome.seconds:.1f} s"


def test_the_seeds_are_valid_claims_files():
    """Mutants start from valid files, or the fuzzer would only test the first error."""
    import tempfile
    from pathlib import Path

    from verify.engine import check_file

    for name, text, files in fuzzing.SEEDS:
        with tempfile.TemporaryDirectory() as folder:
            for file_name, content in files.items():
                (Path(folder) / file_name).write_bytes(content)
            (Path(folder) / "claims.yaml").write_text(text, encoding="utf-8")
            result = check_file(str(Path(folder) / "claims.yaml"), CONFIG)
            assert not result.fatal, (name, [f.message for f in result.findings])
