"""The words verify ships (src/verify/data/*.txt), and how far apart two spellings are.

Units, drafting and the modelling-slip check all read the shipped word lists through `shipped`;
the did-you-means that must be a slip, not merely similar ("arrestd", "7.2 millon"), count the
characters that part two spellings with `typed_apart`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# verify's data/ folder, installed beside its modules as files (package-data in pyproject.toml);
# read from here, not through importlib.resources, whose import costs start-up ~20 ms
DATA = Path(__file__).resolve().parent.parent / "data"


def data_file(name: str) -> Path:
    """The path of a data file shipped with verify (data/<name>)."""
    return DATA / name


def shipped(name: str) -> str:
    """The text of a data file shipped with verify (data/<name>)."""
    return data_file(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def measure_words() -> dict[str, str]:
    """Each word of data/measures.txt (lowercase) -> the measure it names."""
    out: dict[str, str] = {}
    for line in shipped("measures.txt").splitlines():
        line = line.split("#")[0].strip()
        if ":" in line:
            measure, words = line.split(":", 1)
            for word in words.split():
                out.setdefault(word.lower(), measure.strip())
    return out


def typed_apart(a: str, b: str, limit: int) -> int:
    """Characters wrong, missing, extra or swapped between a and b (optimal string alignment
    distance); any count above `limit` is returned as limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return min(row[-1], limit + 1)
