"""docs/rules.md is generated from the rule manuals and must match the code."""
from __future__ import annotations

import importlib.util
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "docs" / "gen_rules.py"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rules", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_page_is_up_to_date():
    gen = _generator()
    assert gen.PAGE.read_text(encoding="utf-8") == gen.render(), \
        "docs/rules.md is out of date; run: python docs/gen_rules.py"


def test_rules_page_has_every_rule_with_both_examples():
    from verify.evaluate.rules import NAMES
    text = _generator().render()
    for name in NAMES:
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert "**Passing example**" in section and "**Failing example**" in section, name
        assert "```yaml" in section, name
