"""CPU seconds of a process tree (Linux /proc): what a server spent, whatever else ran.

The machine these benches run on is shared, so a rate in records/s moves with the load;
the CPU a process tree spent per record does not (much). A tree's figure is every live
process's user+system time plus the time of the children it already reaped (cutime,
cstime), so PostgreSQL backends that exited are counted through the postmaster.
"""

from __future__ import annotations

import os
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    ppid = int(fields[1])
    return ppid, sum(int(x) for x in fields[11:15]) / _TICK  # utime stime cutime cstime


def tree_seconds(root: int) -> float:
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (s := _stat(int(entry.name))) is not None:
            stats[int(entry.name)] = s
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += stats[pid][1]
            todo += [p for p, (ppid, _) in stats.items() if ppid == pid]
    return total


def postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().splitlines()[0])
