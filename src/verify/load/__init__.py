"""Stage 1, load: a claims file's YAML read as written (yamlread), checked against the claims
language (schema, validate) and turned into claims and relations (claims)."""
