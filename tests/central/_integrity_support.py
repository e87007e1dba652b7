"""Helpers of the integrity tests: a day of visits sent by real enrolled devices (their
batches through protocol v1). Console accounts and sign-in: _console.py."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from ._support import Device, phone

DAY = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 WIB


def send_day(
    dev: Device,
    weights: tuple[float, float, float],
    n: int,
    seed: int,
    service: str = "DUK-KTP",
    clerk: str = "Sari",
) -> list[str]:
    """``n`` visits over a working day with outcome weights (agreed, declined, not
    asked), sent in batches of 50; returns the visit ids."""
    rnd = random.Random(seed)
    records: list[dict[str, Any]] = []
    ids = []
    for i in range(n):
        at = DAY + timedelta(minutes=rnd.randrange(0, 8 * 60))
        outcome = rnd.choices(("agreed", "declined", "not_asked"), weights)[0]
        if outcome == "agreed":
            v, c, _ = dev.agreed(
                phone((seed * 97 + i) % 10000), service=service, at=at, clerk=clerk
            )
            records += [v, c]
        else:
            v = dev.visit(outcome, service=service, at=at, clerk=clerk)
            records.append(v)
        ids.append(v["id"])
    for i in range(0, len(records), 50):
        r = dev.post(dev.batch(records[i : i + 50]))
        assert r.status_code == 200, r.text
    return ids
