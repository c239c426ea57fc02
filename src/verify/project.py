"""The project a claims file belongs to, and what it may read.

The project is found from the claims file, never from the working folder: where verify is run
from must not change its settings or widen what a claims file may read.  Settings (config),
the loader (sources, links) and the folder walk (walk) all ask here.
"""
from __future__ import annotations

from pathlib import Path

PROJECT_MARKERS = (".git", "pyproject.toml", "checks")


def project_root(folder: Path) -> Path:
    """The nearest folder at or above `folder` holding .git, pyproject.toml or checks/; else
    `folder` itself (resolved)."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate
    return folder


def inside_project(folder: Path, file_name: str) -> bool:
    """Does `file_name`, relative to `folder`, resolve inside the project of `folder` (links,
    `..` and absolute names resolved)?"""
    if "\0" in file_name:
        return True      # reported by the reader with its own message
    if Path(file_name).is_absolute():
        return False
    return (folder / file_name).resolve().is_relative_to(project_root(folder))
