"""Stage 4, evaluate: the relation rules (rules/), the whole-article judge (judge) with its exact
oracle (exact, propagate, optimise) and z3 fallback (smt), and the editor's waivers (waive)."""
