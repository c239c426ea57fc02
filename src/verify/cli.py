"""Command line: argparse -> engine -> reports -> exit code.  No logic of its own.

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 the run could
not be done (bad usage, a claims file that cannot be read, an internal error).
"""
from __future__ import annotations

import argparse
import errno
import gc
import os
import re
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, NoReturn, TextIO

from verify.model import RunResult, Severity
from verify.report import MODULES, ReportOptions, Writer, default_show_level

LEVELS = ("pass", "note", "warning", "error")
FORMATS = tuple(MODULES)          # the report formats, as verify.report names them


class UsageError(Exception):
    pass


EXIT_CODES = """exit codes:
  0  nothing at or above the fail level (--fail-level, default error)
  1  findings at or above the fail level
  2  the run could not be done: bad usage, a claims file or settings file that cannot be
     read (reported as path:line:col), a report that cannot be written, an internal error
"""

EXAMPLES = """examples:
  verify check                                 every claims file under claims/
  verify check claims/story.yaml               one claims file
  verify check . --exclude drafts              every claims file below here, but drafts/
  verify check --format auto --report sarif:verify.sarif --report html:verify.html
  verify check --show-level note               list the notes too (derived facts, coverage)
  verify extract --draft claims/story.txt > claims/story.yaml
  verify rules sum                             the manual of the sum rule
  python -m verify check                       the same as verify check
"""

FOLDERS = """folders: a folder is walked for claims files: files matching the project's include
patterns (default *.yaml, *.yml) with a top-level claims: key, skipping what exclude matches
(default: hidden files and folders, node_modules, __pycache__, venv, site-packages, build,
dist, and the settings folder checks/).  A file named on the command line is always checked.
Settings come from each claims file's project (the nearest folder above it holding .git,
pyproject.toml or checks/): [tool.verify] in pyproject.toml, then checks/*.yaml.
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help, descriptions and epilogs as written, at the terminal's width.  The width
    is found here, not by argparse, which imports shutil for it (with its compression modules,
    5 ms of every run's start: argparse makes a formatter at each add_argument)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size finds it: $COLUMNS, else standard
    output's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    """An argument parser laying its help out with `_Formatter`; its subcommands' parsers are
    of its class (argparse makes them so), so every one of them does too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{"formatter_class": _Formatter, **kwargs})


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="verify", description="Check that the figures of an article agree "
                     "with each other and with its sources.", epilog=EXAMPLES + "\n" + EXIT_CODES)
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="check claims files (default: claims/)",
                                description="Check claims files: the files named, and the "
                                "claims files in the folders named (default: claims/).",
                                epilog=FOLDERS + "\n" + EXAMPLES + "\n" + EXIT_CODES)
    check.add_argument("paths", nargs="*", default=["claims"], metavar="PATH",
                       help="claims files and folders of them (default: claims)")
    check.add_argument("--format", default=None, choices=FORMATS + ("auto",),
                       help="what is printed on standard output (default: text)")
    check.add_argument("--report", action="append", default=[], metavar="FORMAT:PATH",
                       help="also write a report to a file (PATH '-': standard output, "
                       "instead of --format); repeatable")
    check.add_argument("--show-level", default=None, choices=LEVELS,
                       help="least severe finding listed (default: warning for text, github "
                       "and sarif; note for json, markdown and html)")
    check.add_argument("--fail-level", default="error", choices=("note", "warning", "error", "none"),
                       help="least severe finding that fails the run (default: error)")
    check.add_argument("--show-waived", action="store_true", help="list waived findings too")
    check.add_argument("--require-coverage", action="store_true",
                       help="figures no claim covers are errors, not notes")
    check.add_argument("--config", action="append", metavar="FILE",
                       help="settings file to use instead of the project's (checks/*.yaml, "
                       "[tool.verify]); repeatable, later files win")
    check.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="skip files and folders matching GLOB when walking a folder (as "
                       "the exclude setting); repeatable")
    check.add_argument("--jobs", type=int, default=1, metavar="N", help="check files in N processes")
    check.add_argument("--watch", action="store_true",
                       help="check again whenever a claims file or a source changes (Ctrl-C stops)")
    check.add_argument("--shard", default=None, metavar="K/N",
                       help="check only the K-th of N deterministic slices of the files")
    commands.add_parser("extract", help="list every figure of an article (--draft: a claims skeleton)")
    rules = commands.add_parser("rules", help="the rule catalogue, or one rule's manual")
    rules.add_argument("rule", nargs="?")
    commands.add_parser("schema", help="print the JSON Schema of claims files")
    return parser


def _version() -> str:
    from verify import __version__
    return f"verify {__version__}"


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    # Importing the checker and a run build many long-lived objects and almost no cycles:
    # collect less often (the default, every 700 allocations, cost a large file a fifth of
    # its time, and start-up 12-18 ms of about 300 in 39 passes).
    gc.set_threshold(100_000, 50, 100)
    out = out or sys.stdout
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if argv[:1] == ["extract"]:      # extract parses its own options
            return _extract(argv[1:], out)
        args = _parser().parse_args(argv)
        if args.command == "rules":
            return _rules(args.rule, out)
        if args.command == "schema":
            import json

            from verify.load.schema import json_schema
            out.write(json.dumps(json_schema(), indent=2, sort_keys=True) + "\n")
            return 0
        if args.command != "check":
            _parser().print_help(out)
            return 2
        return _check(args, out)
    except SystemExit as exit_:        # argparse has printed its usage message
        return 2 if exit_.code not in (0, None) else 0
    except UsageError as error:
        print(f"verify: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:            # the reader stopped reading (| head): end quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("verify: interrupted", file=sys.stderr)
        return 2
    except Exception as error:   # never a traceback: say what happened and where to report it
        print(f"verify: internal error: {type(error).__name__}: {error} (please report this "
              "with the claims file that caused it)", file=sys.stderr)
        return 2


def _rules(name: str | None, out: TextIO) -> int:
    from verify.evaluate.rules import catalogue
    rules = catalogue()          # every rule id of the registry: rules and engine stages
    if name is None:
        width = max(len(r) for r in rules)
        for rule, (summary, _) in rules.items():
            out.write(f"{rule:<{width}}  {summary}\n")
        return 0
    if name not in rules:
        raise UsageError(f"unknown rule '{name}'; expected one of: {', '.join(rules)}")
    out.write(rules[name][1] + "\n")
    return 0


def _check(args: argparse.Namespace, out: TextIO) -> int:
    if args.watch:          # the same check, again at each change (verify.watch)
        from verify import watch
        once = argparse.Namespace(**{**vars(args), "watch": False})
        return watch.watch(lambda: _check(once, out), lambda: watch.watched(args.paths), out)
    from verify import engine, project
    # finding the files, their settings and checking them: each folder's project looked for
    # once (~0.5 ms a file).  The collector stays off until the run's results are gone: they
    # are acyclic records, and with it off while each file is checked they were all still
    # young at the report, where its one pass over them took 0.3 s of a 1,000-file run's 13.7.
    with project.remembering(), engine.uncollected():
        return _check_once(args, out)


def _check_once(args: argparse.Namespace, out: TextIO) -> int:
    from verify import config as settings
    from verify import engine, walk

    try:
        fixed = settings.load(args.config) if args.config else None
        projects = (lambda root: fixed) if fixed is not None else engine.project_settings()
        found = walk.find(args.paths, tuple(args.exclude), projects)
        files = list(found.files)
        configs = {path: engine.settings_of(path, projects) for path in files}
    except settings.ConfigError as error:     # located: path:line:col: what, what was expected
        print(error, file=sys.stderr)
        return 2
    missing = list(found.missing)
    if not files and not missing:
        raise UsageError(f"no claims files (YAML files with a top-level claims: key) in "
                         f"{', '.join(args.paths)}")
    if args.shard:
        files = _shard(files, args.shard)
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    writers = _writers()
    printed, reports = _targets(args, writers)
    if _options(args, printed, None, False).show_level <= Severity.NOTE:
        for path, why in found.skipped:     # a walk left these out: say so with the notes
            print(f"verify: note: skipped {path}: {why}", file=sys.stderr)
    started = _started()
    result = engine.run(files, configs.__getitem__, args.require_coverage, args.jobs, _progress())
    colour = printed == "text" and _colour(out)
    _print_report(_render(writers[printed], result, _options(args, printed, started, colour), out),
                  out)
    from verify.report.common import write_atomically
    unwritten = []
    for name, path, spec in reports:   # each report on its own: one that fails stops no other
        options = _options(args, name, started, False)
        try:
            write_atomically(path, _render_to(writers[name], result, options))
        except OSError as error:
            unwritten.append(f"verify: --report {spec}: cannot write the {name} report: "
                             f"{_why_unwritable(error, path)}; expected a file path that can "
                             "be written")
    for path in missing:
        print(f"{path}:1:1: error input no such file or folder; expected a claims file or a "
              "folder of them", file=sys.stderr)
    for message in unwritten:
        print(message, file=sys.stderr)
    if missing or unwritten or any(f.fatal for f in result.files):
        return 2
    fail = None if args.fail_level == "none" else Severity.parse(args.fail_level)
    failing = fail is not None and any(f.severity >= fail and f.waived is None
                                       for f in result.findings())
    return 1 if failing else 0


def _render(write: Writer, result: RunResult, options: ReportOptions,
            out: TextIO) -> Callable[[], None]:
    """The report for standard output, to write when _print_report calls it."""
    return lambda: write(result, out, options)


def _render_to(write: Writer, result: RunResult, options: ReportOptions) -> Callable[[TextIO], None]:
    """A report file's writing, for write_atomically to call with the file."""
    return lambda stream: write(result, stream, options)


def _targets(args: argparse.Namespace,
             writers: Mapping[str, Writer]) -> tuple[str, list[tuple[str, str, str]]]:
    """The format printed on standard output, and the (format, path, spec) report files.
    `--report FORMAT:-` is the printed format; only one report can go to standard output."""
    reports = [_report_target(spec, writers) for spec in args.report]
    to_stdout = [(name, spec) for name, path, spec in reports if path == "-"]
    if len(to_stdout) > 1 or (to_stdout and args.format is not None):
        given = [f"--report {spec}" for _, spec in to_stdout]
        if args.format is not None:
            given.insert(0, f"--format {args.format}")
        raise UsageError(f"{' and '.join(given)} would all write to standard output; "
                         "expected one of them (the others to files)")
    if to_stdout:
        printed = to_stdout[0][0]
    else:
        printed = args.format or "text"
        if printed == "auto":
            printed = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return printed, [r for r in reports if r[1] != "-"]


def _options(args: argparse.Namespace, name: str, started: datetime | None,
             colour: bool) -> ReportOptions:
    show = default_show_level(name) if args.show_level is None else Severity.parse(args.show_level)
    fail = None if args.fail_level == "none" else Severity.parse(args.fail_level)
    return ReportOptions(show_level=show, fail_level=fail, show_waived=args.show_waived,
                         colour=colour, started=started)


def _started() -> datetime:
    """When the run started, in UTC; SOURCE_DATE_EPOCH (reproducible builds) pins it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def _colour(out: TextIO) -> bool:
    """Colour only on a terminal, never under NO_COLOR (any non-empty value) or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _print_report(render: Callable[[], None], out: TextIO) -> None:
    """Write the report for standard output.  When its reader has gone (`verify check | head`)
    the rest is dropped quietly and the run goes on: the report files are still written and
    the exit code still says what was found."""
    try:
        render()
        out.flush()
    except BrokenPipeError:
        try:     # later writes, and the flush at exit, go nowhere instead of failing again
            fileno = out.fileno()
        except (AttributeError, OSError, ValueError):
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fileno)
        os.close(devnull)


def _why_unwritable(error: OSError, path: str) -> str:
    """An OSError from writing a report file in plain words, naming the path as given."""
    folder = os.path.dirname(path) or "."
    words = {
        errno.ENOENT: f"the folder '{folder}' does not exist",
        errno.ENOTDIR: f"a part of '{folder}' is a file, not a folder",
        errno.EISDIR: f"'{path}' is a folder",
        errno.EACCES: f"permission denied (is '{folder}' read-only?)",
        errno.EPERM: f"permission denied (is '{folder}' read-only?)",
        errno.EROFS: "the file system is read-only",
        errno.ENOSPC: "no space left on the disk",
        getattr(errno, "EDQUOT", -1): "the disk quota is used up",
    }
    if os.path.isdir(path):
        return words[errno.EISDIR]
    return words.get(error.errno, error.strerror or type(error).__name__)


def _progress() -> Callable[[int, int], None] | None:
    """A progress bar on stderr when it is a terminal and the run is long enough to need one."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total < 20:
            return
        filled = done * 30 // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} files")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    return show


def _writers() -> dict[str, Writer]:
    """format -> write(result, out, options), as report.formats() gives, but importing a
    writer's module only when it writes (all seven cost ~20 ms; a run uses one or two)."""
    from importlib import import_module

    def lazy(module: str) -> Writer:
        def write(result: RunResult, out: TextIO, options: ReportOptions) -> None:
            import_module(f"verify.report.{module}").write(result, out, options)
        return write
    return {name: lazy(module) for name, module in MODULES.items()}


def _report_target(spec: str, writers: Mapping[str, Writer]) -> tuple[str, str, str]:
    name, sep, path = spec.partition(":")
    if not sep or not path or name not in writers:
        raise UsageError(f"--report '{spec}': expected FORMAT:PATH with FORMAT one of "
                         f"{', '.join(writers)} (PATH '-' for standard output)")
    return name, path, spec


def _shard(files: list[str], spec: str) -> list[str]:
    try:
        k, n = (int(x) for x in spec.split("/"))
    except ValueError:
        raise UsageError(f"--shard '{spec}': expected K/N, e.g. 1/4") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard '{spec}': K must be between 1 and N")
    return [f for i, f in enumerate(sorted(files)) if i % n == k - 1]


# -- verify extract --------------------------------------------------------------

class _ExtractUsage(Exception):
    pass


class _ExtractParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:     # argparse would exit; we return 2
        raise _ExtractUsage(message)


def _extract(argv: list[str], out: TextIO) -> int:
    """`verify extract [--format text|json] [--draft [--update CLAIMS]] ARTICLE...`: the
    figures of an article (verify.extract.figures), or a draft claims file
    (verify.draft.skeleton, verify.draft.update); 0 on success, 2 if it cannot run."""
    from dataclasses import asdict

    from verify.extract.figures import extract_figures
    parser = _ExtractParser(prog="verify extract", add_help=False,
                     description="List every figure of an article, or draft a claims file for it.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--draft", action="store_true", help="write a claims-file skeleton (YAML)")
    parser.add_argument("--update", metavar="CLAIMS",
                        help="with --draft: add draft claims to CLAIMS for figures no claim covers")
    parser.add_argument("articles", nargs="*", metavar="ARTICLE",
                        help="the article; with --draft, several texts make one claims file")
    if "-h" in argv or "--help" in argv:
        out.write(parser.format_help())
        return 0
    try:
        args = parser.parse_args(argv)
    except _ExtractUsage as error:
        print(f"verify extract: {error}", file=sys.stderr)
        return 2
    if args.update is not None:
        return _update_claims(args, out)
    if not args.articles:
        print("verify extract: an ARTICLE is required", file=sys.stderr)
        return 2
    if len(args.articles) > 1 and not args.draft:
        print("verify extract: several articles need --draft (one claims file for all of them); "
              "list the figures of one article at a time", file=sys.stderr)
        return 2
    read = [(path, _read_article(path)) for path in args.articles]
    texts = [(path, text) for path, text in read if text is not None]
    if len(texts) != len(read):     # each unreadable one was said on stderr
        return 2
    if args.draft:
        from verify.draft.skeleton import draft_claims, draft_sources
        if len(texts) > 1:
            out.write(draft_sources([(_basename(path), text) for path, text in texts]))
        else:
            out.write(draft_claims(_basename(args.articles[0]), texts[0][1]))
        return 0
    import json  # printing figures only: `verify check` does not load it
    text = texts[0][1]
    figures = extract_figures(text)
    if args.format == "json":
        json.dump({"schema": 1, "figures": [asdict(f) for f in figures]}, out,
                  indent=2, sort_keys=True, ensure_ascii=False)
        out.write("\n")
    else:
        for f in figures:
            unit = f" {f.unit}" if f.unit and f.unit not in (f.kind, "date") else ""
            quoted = json.dumps(f.text, ensure_ascii=False)
            out.write(f"{f.line}:{f.col} {f.kind} {f.value}{unit}  {quoted}\n")
    return 0


def _update_claims(args: argparse.Namespace, out: TextIO) -> int:
    """--draft --update CLAIMS: the file gains claims for uncovered figures, in place."""
    from verify.draft import update
    if not args.draft or args.articles:
        print("verify extract: --update takes a claims file and goes with --draft, without "
              "ARTICLE (the sources are the claims file's own)", file=sys.stderr)
        return 2
    if _read_article(args.update) is None:
        return 2
    result = update.update(args.update)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.text is None:
        return 2
    if result.added:
        update.write(args.update, result.text)
    out.write(f"{args.update}: {len(result.added)} draft claim(s) added"
              + (f": {', '.join(result.added)}" if result.added else "") + "\n")
    for line in result.gone:
        out.write(line + "\n")
    return 0


def _basename(path: str) -> str:
    return re.split(r"[\\/]", path)[-1]


def _read_article(path: str) -> str | None:
    """The file as text, or None after printing `path: what is wrong` on stderr."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        problem = "no such file"
    except IsADirectoryError:
        problem = "is a directory, expected an article text file"
    except PermissionError:
        problem = "permission denied"
    except OSError as error:
        problem = f"cannot be read ({error.strerror or error})"
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            before = data[:error.start]
            line = before.count(b"\n") + 1
            col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
            bad = data[error.start:error.start + 1].hex()
            print(f"{path}:{line}:{col}: not valid UTF-8 (byte 0x{bad}); save the article as UTF-8",
                  file=sys.stderr)
            return None
    print(f"{path}: {problem}", file=sys.stderr)
    return None


if __name__ == "__main__":
    sys.exit(main())
