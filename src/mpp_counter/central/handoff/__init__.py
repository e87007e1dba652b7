"""The survey hand-off (issue 15): a stratified random draw of consented, not-withdrawn
numbers with a recorded seed, versioned per campaign, opened only on the survey team's
machine with the campaign's private key, and a suppression list of every later
withdrawal (UU PDP Ps. 40).

spec (parameters) → prepare (the record, stratum sizes) → opening (two passes, the walk
of draw.py, the sample and its record) → suppression (refs withdrawn since)."""

from . import tables as tables  # the tables join db.metadata wherever the central runs
