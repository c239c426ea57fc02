"""Performance and scale of `verify check`, measured in one run (a benchmark, not a test).

Prints three ratios, each with its target beside it; asserts nothing.

P1  start-up: cold `verify check claims/operation-united-front.yaml` (a subprocess, the
    median of 9 runs) against `python -c "import yaml, pint, z3"` (the same), the floor any
    run of the tool pays for its libraries.                              target <= 0.8x
P2  throughput: an archive of 1,000 files x 50 claims (bench/gen_archive.py) checked with
    --jobs 1, against PyYAML's C loader alone parsing the same files
    (`yaml.load(text, Loader=yaml.CSafeLoader)`, texts already in memory).  target <= 4x
    and --jobs 2 against --jobs 1.                                       target >= 1.8x faster
    Each the median of 5 rounds' ratios (loader, --jobs 1, --jobs 2 in turn, then the
    loader and --jobs 1 again): each run against the runs either side of it.  Five, not
    three: --jobs 2 needs both cores, so a moment of the host's own load slows it and not the
    run beside it, and three rounds let two such moments decide.
P3  scale: one file of 10,000 claims against one of 100,000.           target <= 11x
    The small file, then three times the large one and the small one again: the median of the
    large runs' ratios to the small runs either side.
P3m the large file's peak memory (the child's ru_maxrss, the largest of its runs), in GB of
    10^9 bytes as the issue writes it.                                  target < 1 GB

Every run of verify is a subprocess of the installed command (`verify` beside this Python,
else `python -m verify.cli`), output to /dev/null, default settings except where noted; the
large files of P3 need limits.file_bytes raised (a settings file written beside them).

Usage:
    python bench/run.py            # full sizes (bench/README.md says how long)
    python bench/run.py --quick    # 200 files; 2k vs 20k claims
    python bench/run.py --only P1,P3 --files 300 --keep .bench-archive
    PYTHONPATH=/some/other/src python bench/run.py   # measure another tree of verify
Any one run of verify is stopped after --timeout seconds; its ratio is then a lower bound.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple, TypeVar

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import gen_archive  # noqa: E402  (a sibling script, not a package)

SEED = ROOT / "claims" / "operation-united-front.yaml"
LARGE_SETTINGS = """# bench/run.py: one file of 100,000 claims is far past the default limits
limits:
  file_bytes: 500000000
  source_bytes: 500000000
  nodes: 100000000
  claims: 10000000
"""


def verify_command() -> list[str]:
    script = Path(sys.executable).with_name("verify")
    return [str(script)] if script.exists() else [sys.executable, "-m", "verify.cli"]


class Stopped(Exception):
    """A run of verify took longer than --timeout and was stopped."""


TIMEOUT = [900.0]      # seconds one run of verify may take (--timeout)

# Every child may write its bytecode: an installed verify has its .pyc files (pip compiles
# them), an editable one writes them on its first run -- unless PYTHONDONTWRITEBYTECODE is
# set, and then every run compiles all of verify's modules again (the libraries of the
# baseline were compiled when installed): P1 measured 1.50x with it set, 0.84x without.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# CPU seconds (user + system) of the last child `timed` ran: on a machine others share, wall
# time moves with their load and CPU time much less, so ratios are printed in both.
LAST_CPU = [0.0]


def timed(command: list[str], cwd: Path, stdout=subprocess.DEVNULL) -> tuple[float, int, int]:
    """(wall seconds, exit status, peak RSS of the child in KiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                               env=CHILD_ENV)
    timer = threading.Timer(TIMEOUT[0], process.kill)
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    elapsed = time.perf_counter() - start
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    if elapsed >= TIMEOUT[0]:
        process.stderr.close()
        raise Stopped(elapsed)
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if process.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(command)} exited {process.returncode}:\n{stderr[-2000:]}")
    return elapsed, process.returncode, usage.ru_maxrss


_C = TypeVar("_C")       # a command, or a file of P3's


class Times(NamedTuple):
    """Wall and CPU seconds of one command's runs, in the order run."""

    wall: list[float]
    cpu: list[float]

    def add(self, wall: float) -> None:
        self.wall.append(wall)
        self.cpu.append(LAST_CPU[0])


def alternating(base: _C, tool: _C, runs: int) -> list[_C]:
    """The order of the runs: the baseline, then `runs` times the tool and the baseline again."""
    return [base] + [tool, base] * runs


def bracketed(tool: list[float], base: list[float]) -> list[float]:
    """Each of the tool's runs against the mean of the baseline's runs either side of it."""
    return [t / statistics.mean(base[i:i + 2]) for i, t in enumerate(tool)]


def line(name: str, ratio: float, target: str, ok: bool, detail: str, unit: str = "x") -> None:
    print(f"{name:<4} {ratio:7.2f}{unit:<3} target {target:<10} {'met ' if ok else 'MISS'}   {detail}")


def p1(runs: int, workdir: Path) -> None:
    imports = [sys.executable, "-c", "import yaml, pint, z3"]
    seed = verify_command() + ["check", str(SEED)]
    for command in (imports, seed):
        timed(command, workdir)               # warm the page cache and .pyc files
    base, tool = Times([], []), Times([], [])
    for command in alternating(imports, seed, runs):
        (tool if command is seed else base).add(timed(command, workdir)[0])
    ratio = statistics.median(bracketed(tool.wall, base.wall))
    cpu = statistics.median(bracketed(tool.cpu, base.cpu))
    line("P1", ratio, "<= 0.8x", ratio <= 0.8,
         f"verify check seed {statistics.median(tool.wall) * 1000:.0f} ms vs import yaml, pint, "
         f"z3 {statistics.median(base.wall) * 1000:.0f} ms (medians of {runs} alternating runs; "
         f"the ratio is the median of each run's to the baseline's runs either side); "
         f"CPU time {cpu:.2f}x")


def p2(files: int, claims: int, workdir: Path, rounds: int) -> None:
    """`rounds` rounds, each the C loader's pass, then --jobs 1, then --jobs 2; then the
    loader and --jobs 1 once more.  Each --jobs 1 run is judged against the loader's passes
    either side of it, each --jobs 2 run against the --jobs 1 runs either side, and the
    median of those ratios decides: this machine's own speed moves by a third within
    minutes (the import of yaml, pint and z3 took 273 to 455 ms in one minute), and one
    run's P2 moved between 3.5x and 6.7x."""
    archive = workdir / f"archive-{files}x{claims}"
    if not (archive / "manifest.json").exists():
        gen_archive.generate(archive, files, claims, seed=1, error_rate=0.1)
    texts = [p.read_text(encoding="utf-8") for p in sorted(archive.glob("*.yaml"))]
    loader, one, two, rss1 = Times([], []), Times([], []), Times([], []), 0
    for step in range(rounds + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)
        loader.wall.append(time.perf_counter() - start)
        loader.cpu.append(time.process_time() - start_cpu)
        try:
            elapsed, _, rss = timed(verify_command() + ["check", str(archive), "--jobs", "1"],
                                    workdir)
            one.add(elapsed)
            rss1 = max(rss1, rss)
            if step < rounds:
                two.add(timed(verify_command() + ["check", str(archive), "--jobs", "2"], workdir)[0])
        except Stopped as stop:
            line("P2", stop.args[0] / loader.wall[-1], "<= 4x", False, f"stopped after "
                 f"{stop.args[0]:.0f} s (--timeout): the ratio is at least this")
            return
    least_base, least_one, least_two = min(loader.wall), min(one.wall), min(two.wall)
    # the least times' ratio is printed beside the median: on a machine whose speed drifts,
    # the least times may come from minutes apart
    each = bracketed(one.wall[:rounds], loader.wall)
    each_j = [1 / r for r in bracketed(two.wall, one.wall)]
    ratio, ratio_j = statistics.median(each), statistics.median(each_j)
    line("P2", ratio, "<= 4x", ratio <= 4,
         f"{files} files x {claims} claims, median of {rounds} --jobs 1 runs' ratios to the "
         f"loader's passes either side ({', '.join(f'{r:.2f}' for r in each)}); least times: "
         f"--jobs 1 {least_one:.2f} s ({least_one / files * 1000:.1f} ms/file) vs CSafeLoader "
         f"{least_base:.2f} s ({least_base / files * 1000:.2f} ms/file), "
         f"{least_one / least_base:.2f}x; peak {rss1 // 1024} MiB (with the bench's own, which a "
         f"forked child counts); CPU time {min(one.cpu) / min(loader.cpu):.2f}x "
         f"({min(one.cpu):.2f} vs {min(loader.cpu):.2f} s)")
    line("P2j", ratio_j, ">= 1.8x", ratio_j >= 1.8,
         f"--jobs 1 / --jobs 2 on {os.cpu_count()} cores, median of {rounds} --jobs 2 runs' "
         f"ratios to the --jobs 1 runs either side ({', '.join(f'{r:.2f}' for r in each_j)}); "
         f"least times {least_one:.2f} s / {least_two:.2f} s, {least_one / least_two:.2f}x")


def p3(small: int, large: int, workdir: Path, rounds: int) -> None:
    """The small file, then `rounds` times the large file and the small one again: each
    large run is judged against the small runs just before and after it, and the median of
    those ratios decides.  One run of each, minutes apart, moved between 9.7x and 13.4x on
    this machine, as much as the margin it is judged by (its speed drifts over minutes)."""
    paths, settings = {}, {}
    for n in (small, large):
        folder = workdir / f"large-{n}"
        if not (folder / "manifest.json").exists():
            gen_archive.generate(folder, 1, n, seed=3, error_rate=0.1)
        settings[n] = folder / "settings.yaml"
        settings[n].write_text(LARGE_SETTINGS, encoding="utf-8")
        paths[n] = folder / "article-00000.yaml"
    times = {small: Times([], []), large: Times([], [])}
    peak_kib = 0                            # the large file's largest peak
    for n in alternating(small, large, rounds):
        report = paths[n].with_name("report.json")
        try:
            with report.open("w") as out:
                elapsed, _, rss = timed(verify_command() + ["check", str(paths[n]), "--config",
                                                            str(settings[n]), "--format", "json"],
                                        workdir, out)
        except Stopped as stop:
            print(f"     {n:>7,} claims: stopped after {stop.args[0]:.0f} s (--timeout)")
            if times[small].wall:
                line("P3", stop.args[0] / times[small].wall[-1], f"<= {1.1 * large / small:.0f}x",
                     False, "the ratio is at least this")
            return
        times[n].add(elapsed)
        if n == large:
            peak_kib = max(peak_kib, rss)
        print(f"     {n:>7,} claims ({paths[n].stat().st_size / 1e6:.1f} MB of YAML): "
              f"{elapsed:.2f} s ({LAST_CPU[0]:.2f} s CPU), peak {rss // 1024} MiB")
    # read only now: a child's peak counts the bench's own memory when it is forked, and
    # the large file's report takes this process to 370 MiB once read
    for n in (small, large):
        print(f"     {n:>7,} claims: {_summary(paths[n].with_name('report.json'))}")
    each = bracketed(times[large].wall, times[small].wall)
    ratio = statistics.median(each)
    line("P3", ratio, f"<= {1.1 * large / small:.0f}x", ratio <= 1.1 * large / small,
         f"{large:,} claims vs {small:,} claims in one file, median of {rounds} large runs' "
         f"ratios to the small runs either side ({', '.join(f'{r:.2f}' for r in each)}); "
         f"CPU time {statistics.median(bracketed(times[large].cpu, times[small].cpu)):.2f}x")
    peak = peak_kib * 1024 / 1e9       # GB, as the issue writes it: 10^9 bytes
    line("P3m", peak, "< 1 GB", peak < 1, f"peak memory of the {large:,}-claim file, the largest of "
         f"its {rounds} runs ({peak_kib // 1024} MiB; ru_maxrss of the child)", unit=" GB")


def _summary(report: Path) -> str:
    """What the run found, and whether the whole-article check decided within its budget."""
    try:
        findings = json.loads(report.read_text(encoding="utf-8"))["files"][0]["findings"]
    except (ValueError, KeyError, IndexError):
        return "no JSON report"
    errors = sum(f["severity"] == "error" for f in findings)
    undecided = any(f["rule"] == "solve" and "not decided" in f["message"] for f in findings)
    underived = any(f["rule"] == "solve" and "were not derived" in f["message"] for f in findings)
    return (f"{len(findings):,} findings, {errors:,} errors; whole-article check "
            + ("NOT decided within solver.budget_ms" if undecided else "decided")
            + ("; derived bounds NOT all derived within it" if underived else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes: 200 files, 2k vs 20k claims")
    parser.add_argument("--only", default="P1,P2,P3", help="comma-separated subset of P1,P2,P3")
    parser.add_argument("--runs", type=int, default=None, help="P1: median of N (default 9, quick 5)")
    parser.add_argument("--rounds", type=int, default=5, help="P2: median of N rounds' ratios (default 5)")
    parser.add_argument("--files", type=int, default=None, help="P2 files (default 1000, quick 200)")
    parser.add_argument("--claims", type=int, default=50, help="P2 claims per file")
    parser.add_argument("--large-rounds", type=int, default=3,
                        help="P3: runs of the large file, each between two of the small one (default 3)")
    parser.add_argument("--large", type=int, default=None,
                        help="P3 claims of the large file; the small one has a tenth (default 100000)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="stop any one run of verify after this many seconds (default 900)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="generate into (and reuse) this folder instead of a temporary one")
    args = parser.parse_args(argv)
    only = {p.strip().upper() for p in args.only.split(",")}
    TIMEOUT[0] = args.timeout
    runs = args.runs or (5 if args.quick else 9)
    files = args.files or (200 if args.quick else 1000)
    large = args.large or (20_000 if args.quick else 100_000)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="verify-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"verify bench: {' '.join(verify_command())}; python {sys.version.split()[0]}; "
          f"{os.cpu_count()} cores; data in {workdir}")
    started = time.perf_counter()
    try:
        if "P1" in only:
            p1(runs, workdir)
        if "P2" in only:
            p2(files, args.claims, workdir, args.rounds)
        if "P3" in only:
            p3(large // 10, large, workdir, args.large_rounds)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"bench took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
