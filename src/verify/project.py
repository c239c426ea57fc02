"""The project a claims file belongs to, and what it may read.

The project is found from the claims file, never from the working folder: where verify is run
from must not change its settings or widen what a claims file may read.  Settings (config),
the loader (sources, links) and the folder walk (walk) all ask here.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_MARKERS = (".git", "pyproject.toml", "checks")


def project_root(folder: Path) -> Path:
    """The nearest folder at or above `folder` holding .git, pyproject.toml or checks/; else
    `folder` itself (resolved)."""
    if _remembered is not None:
        root = _remembered.get(folder)
        if root is None:
            root = _remembered[folder] = _find_root(folder)
        return root
    return _find_root(folder)


def _find_root(folder: Path) -> Path:
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate
    return folder


_remembered: dict[Path, Path] | None = None     # folder -> its project root, while remembering


@contextmanager
def remembering() -> Iterator[None]:
    """Within it, each folder's project root is looked for once: a run takes the folders as
    they are when it starts (a file of an archive asked about its folder four times, each a
    dozen file-system calls up to the top).  Outside it, every call looks again (a watch that
    outlives a change of the folders sees it)."""
    global _remembered      # one run at a time per process; a run inside a run shares it
    outer = _remembered
    _remembered = {} if outer is None else outer
    try:
        yield
    finally:
        _remembered = outer


def inside_project(folder: Path, file_name: str) -> bool:
    """Does `file_name`, relative to `folder`, resolve inside the project of `folder` (links,
    `..` and absolute names resolved)?"""
    if "\0" in file_name:
        return True      # reported by the reader with its own message
    if Path(file_name).is_absolute():
        return False
    return (folder / file_name).resolve().is_relative_to(project_root(folder))
