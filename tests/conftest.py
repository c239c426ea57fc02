import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_CLAIMS = ROOT / "claims" / "operation-united-front.yaml"
SEED_ARTICLE = ROOT / "claims" / "operation-united-front.txt"


@pytest.fixture
def seed(tmp_path) -> Path:
    """A private copy of the seed claims file and its article; returns the claims path."""
    shutil.copy(SEED_ARTICLE, tmp_path / SEED_ARTICLE.name)
    shutil.copy(SEED_CLAIMS, tmp_path / SEED_CLAIMS.name)
    return tmp_path / SEED_CLAIMS.name


@pytest.fixture
def run(monkeypatch):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    import io
    import sys

    from verify import cli

    def invoke(*args: str):
        err = io.StringIO()
        monkeypatch.setattr(sys, "stderr", err)
        out = io.StringIO()
        code = cli.main(list(args), out)
        return code, out.getvalue(), err.getvalue()
    return invoke
