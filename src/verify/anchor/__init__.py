"""Stage 2, anchor: every claim's quote found in its source with the claimed figure (quotes),
and every figure of a source covered by some claim (coverage), over one text index (textindex)."""
