"""Syscall fault injection with Debian's strace: fail the Nth write, fsync, rename, unlink or
ftruncate a command makes under the data folder, with ENOSPC or EIO.

One clean run is traced first (``-y`` names every file descriptor) to learn which files of
the data folder the command touches; a second clean run, filtered to exactly those files
with ``-P``, counts each system call. Then every point is replayed from the same starting
folder with ``-e inject=SYSCALL:error=ERRNO:when=N`` (strace counts only the calls that pass
the ``-P`` filter, so N is "the Nth call on the data folder").
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

SYSCALLS = (
    "write",
    "pwrite64",
    "writev",
    "pwritev",
    "pwritev2",
    "fsync",
    "fdatasync",
    "rename",
    "renameat",
    "renameat2",
    "unlink",
    "unlinkat",
    "ftruncate",
    "truncate",
)
ERRNOS = ("ENOSPC", "EIO")
_CALL = re.compile(r"^\d+\s+([a-z0-9_]+)\(")


def strace_missing() -> str | None:
    """Why the harness cannot run here, or None."""
    if shutil.which("strace") is None:
        return "strace is not installed (scripts/system-deps.sh test installs it)"
    probe = subprocess.run(
        ["strace", "-f", "-qq", "-o", "/dev/null", "true"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return f"strace cannot trace here: {probe.stderr.strip()[:200]}"
    return None


@dataclass(frozen=True)
class Point:
    syscall: str
    n: int  # 1-based: the Nth call of ``syscall`` on the data folder
    errno: str
    lasting: bool = False  # fail the Nth call and every later one (a disk gone bad)

    def __str__(self) -> str:
        return f"{self.syscall}#{self.n}{'+' if self.lasting else ''}={self.errno}"


@dataclass(frozen=True)
class Result:
    point: Point | None
    rc: int
    stdout: str
    stderr: str


class Traced:
    """One command, replayed from the same data folder under strace."""

    def __init__(
        self,
        argv: Sequence[str] | Callable[[], Sequence[str]],
        env: dict[str, str],
        data_dir: Path,
        reset: Callable[[], None],
        log_dir: Path,
        timeout: float = 120,
        syscalls: Sequence[str] = SYSCALLS,
    ) -> None:
        self.syscalls = tuple(syscalls)
        self.argv, self.env, self.data_dir = argv, env, data_dir.absolute()
        self.reset, self.log_dir, self.timeout = reset, log_dir, timeout
        self.paths: list[str] = []
        self.counts: Counter[str] = Counter()
        self.clean: Result | None = None

    def _strace(self, extra: Sequence[str], log: Path) -> Result:
        cmd = [
            "strace",
            "-f",
            "-qq",
            "-e",
            "signal=none",
            "-o",
            str(log),
            "-e",
            "trace=" + ",".join(self.syscalls),
            *extra,
            *(self.argv() if callable(self.argv) else self.argv),
        ]  # fresh for each run
        p = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=self.timeout)
        return Result(None, p.returncode, p.stdout, p.stderr)

    def _filter(self) -> list[str]:
        return [arg for path in self.paths for arg in ("-P", path)]

    def discover(self) -> Counter[str]:
        """Two clean runs: which files, then how many calls of each kind on them."""
        self.reset()
        log = self.log_dir / "discover.log"
        first = self._strace(["-y"], log)
        if first.rc != 0:
            raise AssertionError(f"clean run failed ({first.rc}): {first.stderr[-2000:]}")
        root = re.escape(str(self.data_dir))
        found = set(re.findall(rf"({root}(?:/[^\"<>\s]*)?)[\">]", log.read_text()))
        self.paths = sorted(found | {str(self.data_dir)})
        self.reset()
        log = self.log_dir / "count.log"
        self.clean = self._strace(self._filter(), log)
        if self.clean.rc != 0:
            raise AssertionError(f"clean run failed ({self.clean.rc}): {self.clean.stderr}")
        self.counts = Counter(
            m.group(1) for line in log.read_text().splitlines() if (m := _CALL.match(line))
        )
        return self.counts

    def points(
        self, errnos: Sequence[str] = ERRNOS, stride: int = 1, alternate: bool = False
    ) -> Iterator[Point]:
        """Every call with each errno (or every ``stride``-th call, always with the first
        and the last); ``alternate``: each call once, the errnos taking turns."""
        for i, errno in enumerate(errnos):
            for syscall, count in sorted(self.counts.items()):
                for n in range(1, count + 1):
                    if alternate and (n + i) % len(errnos):
                        continue
                    if stride == 1 or n in (1, count) or n % stride == 0:
                        yield Point(syscall, n, errno)

    def inject(self, point: Point) -> Result:
        self.reset()
        when = f"{point.n}+" if point.lasting else str(point.n)
        spec = f"inject={point.syscall}:error={point.errno}:when={when}"
        r = self._strace([*self._filter(), "-e", spec], self.log_dir / "inject.log")
        return Result(point, r.rc, r.stdout, r.stderr)
