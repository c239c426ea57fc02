"""Stage 3, relate: the article's quantities and what states them (quantities), and the
relations that tie them as linear constraints (relations)."""
