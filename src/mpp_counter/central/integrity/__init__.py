"""Sampling integrity: counts kept per batch, the report, and flags against peers."""
