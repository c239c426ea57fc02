"""Which files a run checks: the files named, and the claims files found in the folders named.

A file named on the command line is always checked, whatever it holds.  A folder is walked:
below it, a file is checked when its name matches the project's `include` patterns, nothing on
its way matches `exclude` (or --exclude), it is not in the project's settings folder, and it is
a claims file: it has a top-level `claims:` key, that is a line starting with `claims:` (the
key may be quoted), looked for in its first `file_bytes` bytes.  Any other YAML file (a CI
configuration, a settings file, test data) is skipped, and the run can say so.  The project of
each folder (project.project_root) gives its patterns, so a project inside the folder walked
walks with its own.  Links to folders are not followed; a link to a file outside the folder
walked is skipped.

Patterns: without a slash, one matches the name of a file or folder anywhere below the folder
walked (never the folder walked itself or those above it); with a slash, the path from the
project's root folder (a leading slash is allowed); a trailing slash matches folders only;
`*` matches any characters, `/` included.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from verify import config as configs
from verify.config import Config, settings_folder
from verify.model import record
from verify.project import PROJECT_MARKERS, project_root

NOT_CLAIMS = "not a claims file (no top-level claims:)"
_CLAIMS_KEY = re.compile(rb"""^(?:claims|"claims"|'claims')[ \t]*:(?:[ \t]|\r?$)""", re.MULTILINE)


@record()
class Found:
    files: tuple[str, ...] = ()                      # to check, in order, each once
    skipped: tuple[tuple[str, str], ...] = ()        # (path, why) of files a walk left out
    missing: tuple[str, ...] = ()                    # paths named that do not exist (in files too)


@dataclass
class _Project:
    root: Path                 # resolved
    config: Config
    settings: str | None       # the settings folder, from the root, when inside it
    patterns: tuple[str, ...] = field(default=())    # exclude patterns, --exclude last


def find(paths: list[str], exclude: tuple[str, ...] = (),
         settings: Callable[[Path], Config] | None = None) -> Found:
    """The files to check for `paths`; `settings(project root)` gives a project's settings
    (default: config.for_project), `exclude` adds patterns to every project's."""
    settings = settings or configs.for_project
    files: list[str] = []
    skipped: list[tuple[str, str]] = []
    missing: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            walked, left = _walk(p, exclude, settings)
            files += walked
            skipped += left
        else:               # named: checked whatever it is, so a missing one is reported
            files.append(str(p))
            if not (p.exists() or p.is_symlink()):
                missing.append(path)
    return Found(tuple(dict.fromkeys(files)), tuple(dict.fromkeys(skipped)), tuple(missing))


def is_claims_file(path: str | Path, limit: int) -> bool:
    """Does the file have a top-level `claims:` key?  An unreadable file counts as one, so
    that the check says why it cannot be read instead of leaving it out unseen."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(limit)
    except OSError:
        return True
    return bool(_CLAIMS_KEY.search(head.removeprefix(b"\xef\xbb\xbf")))


def _walk(top: Path, exclude: tuple[str, ...],
          settings: Callable[[Path], Config]) -> tuple[list[str], list[tuple[str, str]]]:
    inside = top.resolve()
    start = _project(project_root(inside), exclude, settings)
    # folder (as walked) -> (its project, its path from the project's root, "." for the root);
    # paths as strings: pathlib's objects were most of a walk's time (an archive's thousands of
    # names, each joined, matched and opened)
    where = {str(top): (start, inside.relative_to(start.root).as_posix())}
    found: list[str] = []
    skipped: list[tuple[str, str]] = []
    for folder, folders, names in os.walk(top):       # links to folders are not followed
        project, rel = where.pop(folder)
        shown = _shown(folder, top)
        kept = []
        for name in sorted(folders):
            sub = _below(rel, name)
            if not _skip(project, name, sub, True):
                below = os.path.join(folder, name)
                if any(os.path.exists(os.path.join(below, m)) for m in PROJECT_MARKERS):
                    root = Path(below).resolve()
                    where[below] = (_project(root, exclude, settings), ".")
                else:
                    where[below] = (project, sub)
                kept.append(name)
        folders[:] = kept
        limit = project.config.limit("file_bytes")
        for name in names:
            sub, path = _below(rel, name), os.path.join(shown, name)
            if (not any(_matches(p, name, sub, False) for p in project.config.include)
                    or _skip(project, name, sub, False)
                    or (os.path.islink(path) and not Path(path).resolve().is_relative_to(inside))):
                continue        # (a file that is no link is inside: links to folders are not walked)
            if is_claims_file(path, limit):
                found.append(path)
            else:
                skipped.append((path, NOT_CLAIMS))
    return sorted(found, key=_path_order), sorted(skipped, key=lambda s: (_path_order(s[0]), s[1]))


def _shown(folder: str, top: Path) -> str:
    """A folder os.walk gives, as pathlib shows its files: "./sub" is "sub" (walking ".")."""
    if str(top) != ".":
        return folder
    return "" if folder == "." else folder.removeprefix("./")


def _below(rel: str, name: str) -> str:
    """The path from the project's root of `name` in the folder at `rel` ("." is the root)."""
    return name if rel == "." else f"{rel}/{name}"


def _path_order(path: str) -> tuple[str, ...]:
    """The order pathlib sorts paths in: part by part (a/b before a-b/c, as "/" sorts after "-" as
    a character but a path's parts compare first)."""
    return tuple(path.split(os.sep))


def _project(root: Path, exclude: tuple[str, ...], settings: Callable[[Path], Config]) -> _Project:
    config = settings(root)
    folder = settings_folder(root).resolve()
    inside = folder.is_relative_to(root) and folder != root
    return _Project(root, config, folder.relative_to(root).as_posix() if inside else None,
                    config.exclude + tuple(exclude))


def _skip(project: _Project, name: str, rel: str, is_folder: bool) -> bool:
    if is_folder and project.settings is not None and rel == project.settings:
        return True
    return any(_matches(p, name, rel, is_folder) for p in project.patterns)


def _matches(pattern: str, name: str, rel: str, is_folder: bool) -> bool:
    if pattern.endswith("/") and not is_folder:
        return False
    pattern = pattern.rstrip("/")
    if "/" in pattern:
        return fnmatchcase(rel, pattern.lstrip("/"))
    return fnmatchcase(name, pattern)
