"""Eval metrics: small functions from graded cases to one number (None when not applicable)."""
