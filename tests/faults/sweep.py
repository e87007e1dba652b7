"""Running one case of the fault sweep and judging every injected failure.

The rules (issue 16): exit 0 means the whole change happened; any other exit means nothing
changed, or the message says what did; never a traceback; a disk error is named as a disk
error (full, read-only, I/O error), never as damage or a wrong key.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faults.counter_cases import (
    DISK_WORDS,
    WRONG_WORDS,
    Case,
    Context,
    child_env,
    command,
    copy_folder,
    fingerprint,
)
from faults.strace_inject import ERRNOS, Result, Traced


@dataclass
class Report:
    case: str
    counts: Counter[str] = field(default_factory=Counter)
    runs: int = 0
    exits: Counter[int] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        calls = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return (
            f"{self.case}: {sum(self.counts.values())} points ({calls}); {self.runs} runs "
            f"in {self.seconds:.0f} s; exits {dict(sorted(self.exits.items()))}; "
            f"{len(self.problems)} problems"
        )


def judge(
    r: Result,
    before: Any,
    after: Any,
    now: Any,
    partial: Sequence[str],
    unlogged: str | None = None,
) -> list[str]:
    where = f"{r.point}: exit {r.rc}"
    err = r.stderr.strip()
    last = err.splitlines()[-1] if err else ""
    out: list[str] = []
    if "Traceback" in r.stderr:
        out.append(f"{where}: traceback: {err[-600:]}")
    if r.rc == 0:
        if unlogged and now == before and unlogged in r.stderr:
            return out  # a read whose audit row the disk refused, and said so
        if now != after:
            out.append(f"{where}: exit 0 but the change is not whole: {diff(after, now)}")
        return out
    if WRONG_WORDS.search(err):
        out.append(f"{where}: a disk error called something else: {last[:200]}")
    elif not DISK_WORDS.search(err):
        out.append(f"{where}: the message does not name the disk: {last[:200]}")
    if now != before:
        said = any(p.lower() in err.lower() for p in partial)
        if not said:
            out.append(
                f"{where}: failed, yet the store changed ({diff(before, now)}); "
                f"the message: {last[:200]}"
            )
    return out


def diff(a: Any, b: Any) -> str:
    if not isinstance(a, dict) or not isinstance(b, dict):
        return f"{a!r} -> {b!r}"[:300]
    return ", ".join(
        f"{k}: {a.get(k)!r} -> {b.get(k)!r}"
        for k in sorted(a.keys() | b.keys())
        if a.get(k) != b.get(k)
    )[:300]


def sweep(
    case: Case,
    ctx: Context,
    template: Path | None,
    work: Path,
    *,
    errnos: Sequence[str] = ERRNOS,
    stride: int = 1,
    alternate: bool = False,
    budget: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Every point of ``case`` (or every ``stride``-th), with each errno, judged.
    ``budget``: about that many runs, the stride chosen from the points counted."""
    t0 = time.monotonic()
    home = work / "home"
    home.mkdir(parents=True, exist_ok=True)

    def reset() -> None:
        copy_folder(template, ctx.data_dir)

    def state() -> Any:
        try:
            return fingerprint(ctx.data_dir)
        except Exception as exc:  # noqa: BLE001 - a store that will not open is the finding
            return f"does not open: {type(exc).__name__}: {exc}"

    traced = Traced(lambda: command(case, ctx), child_env(home), ctx.data_dir, reset, work)
    report = Report(case.name)
    report.counts = traced.discover()
    if budget:
        runs = sum(report.counts.values()) * (1 if alternate else len(errnos))
        stride = max(stride, -(-runs // budget))
    after = state()
    reset()
    before = state()
    for point in traced.points(errnos, stride, alternate):
        r = traced.inject(point)  # the command is built afresh: a new enrolment code
        report.runs += 1
        report.exits[r.rc] += 1
        found = judge(r, before, after, state(), case.partial, case.unlogged)
        report.problems += found
        if progress and found:
            progress(found[0])
    report.seconds = time.monotonic() - t0
    return report
