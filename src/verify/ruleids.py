"""Every rule id verify reports, and the module whose docstring is its manual.

The rule modules of evaluate/rules/ (found in that folder, so a new rule is its module), then
the stages the engine runs itself.  The settings loader (`rules:` in checks/), the claims schema
(a waiver's `rule:`) and the rule registry (evaluate/rules/) all read these names; they live
apart from the registry so that settings and schema need not import the rules.
"""
from __future__ import annotations

import pkgutil
from pathlib import Path

NAMES = tuple(sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent / "evaluate" / "rules")])
                     if not m.name.startswith("_")))
STAGES = {"anchor": "verify.anchor.quotes", "solve": "verify.evaluate.judge",
          "coverage": "verify.anchor.coverage", "waiver": "verify.evaluate.waive",
          "input": "verify.load.claims", "correction": "verify.relate.corrections"}
MODULES = {**{name: f"verify.evaluate.rules.{name}" for name in NAMES}, **STAGES}
IDS = tuple(MODULES)
