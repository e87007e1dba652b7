"""Loaded at start-up by Python in test children only (tests/kdf_hook on PYTHONPATH)."""

import fast_kdf

fast_kdf.install()
