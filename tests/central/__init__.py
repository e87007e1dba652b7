"""Tests of the reference central endpoint and protocol v1."""
