"""A large fuzz run of `verify.engine.check_file` on mutated claims files (a benchmark, not a test).

The mutations are those of tests/fuzzing.py (tests/test_fuzz.py runs a small budget of them in
the suite).  Every case runs in this process; nothing is asserted, everything is counted:

    cases      mutants checked
    crashes    an exception escaped, the engine's catch-all fired ("internal error", "nested
               too deeply"), or a fatal result came without a positioned message
    fatal      mutants verify refused as malformed input (exit 2 in the CLI), as it should
    max time   the slowest case, and its name

Usage:
    python bench/fuzz.py --cases 10000 [--seed N] [--show 5] [--keep DIR]
    (--keep writes each crashing mutant to DIR for a bug report)
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import fuzzing  # noqa: E402  (shared with tests/test_fuzz.py)

from verify import config as verify_config  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default 0)")
    parser.add_argument("--show", type=int, default=5, help="crashes listed (default 5)")
    parser.add_argument("--keep", type=Path, help="write crashing mutants into this folder")
    args = parser.parse_args(argv)
    config = verify_config.load([])
    stats = {"cases": 0, "crashes": [], "fatal": 0, "max": (0.0, ""), "total": 0.0}

    @settings(max_examples=args.cases, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def one(data):
        case = fuzzing.draw_case(data.draw)
        outcome = fuzzing.run_case(case, config)
        stats["cases"] += 1
        stats["total"] += outcome.seconds
        stats["fatal"] += outcome.fatal
        if outcome.seconds > stats["max"][0]:
            stats["max"] = (outcome.seconds, case.name)
        if outcome.problem:
            stats["crashes"].append((case, outcome.problem))
        if stats["cases"] % 500 == 0:
            print(f"  {stats['cases']} cases, {len(stats['crashes'])} crashes", file=sys.stderr)

    started = time.perf_counter()
    seed(args.seed)(one)()
    wall = time.perf_counter() - started
    slowest, name = stats["max"]
    print(f"cases     {stats['cases']}")
    print(f"crashes   {len(stats['crashes'])}")
    print(f"fatal     {stats['fatal']} (refused as malformed, with a position)")
    print(f"max time  {slowest * 1000:.0f} ms per case ({name})")
    print(f"mean time {stats['total'] / max(1, stats['cases']) * 1000:.1f} ms per case; "
          f"wall {wall:.0f} s")
    for case, problem in stats["crashes"][: args.show]:
        print(f"  crash: {case.name}: {problem}")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for i, (case, _) in enumerate(stats["crashes"]):
            (args.keep / f"crash-{i}.yaml").write_bytes(case.claims)
    return 0


if __name__ == "__main__":
    sys.exit(main())
