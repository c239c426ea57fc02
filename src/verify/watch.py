"""`verify check --watch PATHS`: check again whenever a claims file or a source changes.

No new dependency and no threads: the files are polled, by modification time and size, every
`interval` seconds.  The files watched are the claims files the paths name or hold, and the
source files those claims files name (`file:`), so editing either redraws the result; a new
claims file in a watched folder is picked up at the next poll.  On a terminal each result
replaces the last one; elsewhere they follow one another.  Ctrl-C stops it, with the exit code
of the last check.
"""
from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from verify.engine import claims_files

INTERVAL = 0.5      # seconds between polls: quick enough for a person, idle for a machine
_SOURCE_FILE = re.compile(r"^\s*(?:-\s+)?file\s*:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.M)
_CLEAR = "\x1b[2J\x1b[H"


def watched(paths: list[str]) -> list[str]:
    """The claims files of `paths` and the source files they name, sorted."""
    found: set[str] = set()
    for path in claims_files(paths):
        found.add(path)
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for name in _SOURCE_FILE.findall(text):
            found.add(str(Path(path).parent / name.strip()))
    return sorted(found)


# a file -> its modification time and size, None when it is gone
Snapshot = dict[str, tuple[int, int] | None]


def snapshot(files: list[str]) -> Snapshot:
    """Each file's modification time and size; None for a file that is gone."""
    state: Snapshot = {}
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            state[path] = None
        else:
            state[path] = (info.st_mtime_ns, info.st_size)
    return state


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """The files added, removed or modified between two snapshots."""
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def watch(check: Callable[[], int], files: Callable[[], list[str]], out: TextIO,
          interval: float = INTERVAL, polls: int | None = None,
          sleep: Callable[[float], None] | None = None) -> int:
    """Run `check`, then again each time `files()` changes; `polls` bounds the loop (tests)."""
    sleep = sleep or time.sleep
    terminal = hasattr(out, "isatty") and out.isatty()
    state = snapshot(files())
    code = check()
    out.flush()
    done = 0
    try:
        while polls is None or done < polls:
            sleep(interval)
            done += 1
            now = snapshot(files())
            moved = changed(state, now)
            if not moved:
                continue
            state = now
            out.write(_CLEAR if terminal else "\n")
            out.write(f"verify: {', '.join(moved)} changed; checking again\n")
            code = check()
            out.flush()
    except KeyboardInterrupt:
        pass
    return code
