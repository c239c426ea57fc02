"""Extraction, beside the pipeline: every figure of a text (finders, figures), and a draft claims
file built from them (guess, propose, draft, update) with the slips a writer makes (slips)."""
