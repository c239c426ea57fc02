"""Build: the checker's hot modules compiled to C with mypyc when a wheel is built (`pip install .`).

Everything else is in pyproject.toml.  Compiled modules run the same source, typed by the
same annotations `mypy --strict` checks; an archive re-check spends most of its time in them
(bench/README.md, issue 17).  The pure-Python modules stay installed beside the compiled
ones, so a build that cannot compile still installs a working checker:

- an editable install (`pip install -e .`, for development) is never compiled: an edit to a
  module must take effect without a rebuild;
- VERIFY_PURE_PYTHON=1 in the environment installs without compiling;
- if mypyc or the C compiler fails, the build says so and installs the pure modules.
"""
from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The modules a re-check spends its time in (bench/README.md has the profile): reading and
# building the claims, relating them, anchoring quotes, the whole-article reasoning.  A module
# here must run compiled exactly as it runs pure: `python -m pytest` runs on this build.  (The
# solver module, smt.py, stays pure: the tests run out its budget by replacing its functions.)
COMPILED = [
    "src/verify/anchor/coverage.py",
    "src/verify/anchor/quotes.py",
    "src/verify/anchor/textindex.py",
    "src/verify/engine.py",
    "src/verify/evaluate/exact.py",
    "src/verify/evaluate/judge.py",
    "src/verify/evaluate/linear.py",
    "src/verify/evaluate/optimise.py",
    "src/verify/evaluate/propagate.py",
    "src/verify/evaluate/rules/__init__.py",
    "src/verify/evaluate/rules/_per.py",
    "src/verify/evaluate/rules/_ratio.py",
    "src/verify/evaluate/rules/average.py",
    "src/verify/evaluate/rules/change.py",
    "src/verify/evaluate/rules/count.py",
    "src/verify/evaluate/rules/date.py",
    "src/verify/evaluate/rules/elapsed.py",
    "src/verify/evaluate/rules/frequency.py",
    "src/verify/evaluate/rules/mean.py",
    "src/verify/evaluate/rules/rank.py",
    "src/verify/evaluate/rules/rate.py",
    "src/verify/evaluate/rules/same.py",
    "src/verify/evaluate/rules/share.py",
    "src/verify/evaluate/rules/subset.py",
    "src/verify/evaluate/rules/sum.py",
    "src/verify/evaluate/rules/units.py",
    "src/verify/evaluate/slips.py",
    "src/verify/extract/figures.py",
    "src/verify/extract/finders.py",
    "src/verify/load/claims.py",
    "src/verify/load/corrections.py",
    "src/verify/load/validate.py",
    "src/verify/load/yamlread.py",
    "src/verify/relate/corrections.py",
    "src/verify/relate/quantities.py",
    "src/verify/relate/relations.py",
    "src/verify/values/dates.py",
    "src/verify/values/direction.py",
    "src/verify/values/numbers.py",
    "src/verify/values/units.py",
]


class BuildExt(build_ext):
    """Compiles where it can; where it cannot, leaves the pure modules to run."""

    def run(self) -> None:
        if not self.extensions:
            return
        try:
            super().run()
        except Exception as error:     # no compiler, a compiler error: the pure modules stay
            for ext in self.extensions:
                built = self.get_ext_fullpath(ext.name)
                if os.path.exists(built):
                    os.remove(built)
            _pure(error)


def _pure(error: BaseException) -> None:
    print(f"verify: not compiled ({error}); the pure-Python modules are installed", file=sys.stderr)


def _extensions() -> list:
    wheel = "bdist_wheel" in sys.argv or "build_ext" in sys.argv
    if not wheel or os.environ.get("VERIFY_PURE_PYTHON") == "1":
        return []
    try:
        from mypyc.build import mypycify  # noqa: PLC0415 - inside the try: mypyc may be missing
        # no C debug information: a smaller library (about 3 MB, not 5.6) holding no paths of
        # the machine that built it; a traceback keeps its lines (mypyc's own tables)
        return mypycify(COMPILED, opt_level="3", debug_level="0", group_name="verify_compiled")
    except (Exception, SystemExit) as error:   # mypyc missing, or refusing (it exits)
        _pure(error)
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildExt})
