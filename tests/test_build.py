"""The build: the modules setup.py compiles are compiled all together or not at all, and a
compiled module reads the same as its source (its manual, its pickled values)."""
import ast
import importlib
import pickle
from pathlib import Path

from quicktions import Fraction

from verify.evaluate import rules
from verify.values.numbers import Tolerances, Written

ROOT = Path(__file__).resolve().parents[1]


def _compiled_paths() -> list[Path]:
    """The source files setup.py compiles."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED":
            return [ROOT / p for p in ast.literal_eval(node.value)]
    raise AssertionError("setup.py has no COMPILED list")


def _compiled_list() -> list[str]:
    return [".".join(p.relative_to(ROOT).with_suffix("").parts[1:]) for p in _compiled_paths()]


def _is_compiled(name: str) -> bool:
    return not (importlib.import_module(name).__file__ or "").endswith(".py")


def test_the_compiled_modules_are_all_compiled_or_none():
    names = _compiled_list()
    assert names and all(importlib.util.find_spec(n) for n in names), names
    compiled = {n for n in names if _is_compiled(n)}
    # a build that failed half way must leave none: a compiled module calls the others natively
    # (none: an editable install, VERIFY_PURE_PYTHON=1 or no C compiler; the same source runs)
    assert compiled in (set(), set(names)), sorted(set(names) - compiled)


def test_a_stage_manual_is_its_source_docstring_compiled_or_not():
    for stage, name in rules.STAGES.items():
        source = Path(importlib.util.find_spec(name).origin or "")
        source = source.with_name(source.name.split(".")[0] + ".py")
        doc = ast.get_docstring(ast.parse(source.read_text(encoding="utf-8")), clean=False) or ""
        assert rules.registry()[stage].manual == doc.strip() != "", stage


def test_values_sent_between_processes_come_back_equal():
    # --jobs pickles the settings and results: a class compiled frozen unpickles by its fields
    for value in (Written(Fraction(9, 2), Fraction(1, 10)), Written(Fraction(3), None),
                  Written(Fraction(4), Fraction(1), "USD", "about", Written(Fraction(6), Fraction(1)),
                          "state", True, True),
                  Tolerances(), Tolerances(about=Fraction(1, 5), steps=None, rounding="half-even")):
        assert pickle.loads(pickle.dumps(value)) == value


def test_no_compiled_function_names_two_kinds_of_exception_alike():
    """Compiled, a local name keeps the type it is first given: `except A as error` then
    `except B as error` in one function is a TypeError when B is caught (an internal error
    for the user), though mypy and pure Python accept it."""
    twice = []
    for path in _compiled_paths():
        name = path.relative_to(ROOT / "src").with_suffix("").as_posix()
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                caught: dict[str, set[str]] = {}
                for node in ast.walk(function):
                    if isinstance(node, ast.ExceptHandler) and node.name and node.type is not None:
                        caught.setdefault(node.name, set()).add(ast.unparse(node.type))
                twice += [f"{name}.{function.name}: {n} {sorted(t)}" for n, t in caught.items()
                          if len(t) > 1 and not t <= _BUILTIN_OR_LIBRARY]
    assert twice == []


# exceptions of Python and PyYAML, classes of no compiled module: caught under one name, the
# name is typed loosely (an object), which mypyc accepts
_BUILTIN_OR_LIBRARY = {"OSError", "UnicodeDecodeError", "yaml.MarkedYAMLError",
                       "yaml.reader.ReaderError"}
