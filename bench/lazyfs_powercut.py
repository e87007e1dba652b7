"""Power cuts under LazyFS: everything not fsynced is lost, at random moments of a day's
commands (issue 16). Counts cuts, receipts printed before the cut and lost after it, and
stores that would not open. Run by hand (root, or a user with FUSE and user_allow_other):

  PYTHONPATH=src .venv/bin/python bench/lazyfs_powercut.py [--cuts 40] [--src GIT_URL|DIR]
      [--deps DIR]

LazyFS (https://github.com/dsrhaslab/lazyfs) is built from its public source the first
time (git clone, cmake; needs libfuse3-dev, fuse3, cmake, g++) into ~/.cache/mpp-counter.
It says why and exits 0 without cutting anything when FUSE or a build tool is missing.

Each cut: mount LazyFS over a copy of a store, run a loop of CLI commands (record, record
with consent, withdraw, clerk add/remove, rekey) in the background, after a random delay
kill -9 the loop and tell LazyFS to drop its unsynced pages ("lazyfs::clear-cache"), then
unmount and open what the disk kept: every receipt a finished ``record`` printed must be
there, the store must open for the administrator and its audit chain must verify.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_HOOK = Path(__file__).resolve().parents[1] / "tests" / "kdf_hook"  # the tests' cheap KDF:
sys.path.insert(0, str(_HOOK))  # in this process, and in every child through PYTHONPATH
__import__("fast_kdf").install()
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(_HOOK), os.environ.get("PYTHONPATH")) if p
)
PASS = "kata sandi admin uji 2026"
PUBLIC = "https://github.com/dsrhaslab/lazyfs"
CACHE = Path.home() / ".cache" / "mpp-counter" / "lazyfs"

LOOP = r"""
import os, subprocess, sys
d, py = sys.argv[1], sys.executable
env = dict(os.environ, MPP_COUNTER_PIN="1357924680")  # portable or OS-bound
def cli(*a):
    return subprocess.run([py, "-m", "mpp_counter", "--data-dir", d, *a], env=env,
                          capture_output=True, text=True)
i = 0
while True:
    i += 1
    r = cli("record", "--service", "DUK-KTP", "--phone", f"08120000{i % 10000:04d}",
            "--consent")
    if r.returncode == 0:
        code = r.stdout.strip().splitlines()[-1]
        print("RECEIPT", code, flush=True)
        if i % 5 == 0 and cli("withdraw", code).returncode == 0:
            print("WITHDRAWN", code, flush=True)
    if i % 7 == 0:
        cli("clerk", "add", f"Petugas{i}")
    if i % 7 == 3:
        cli("clerk", "remove", f"Petugas{i - 3}")
    if i % 11 == 0:
        cli("rekey")
"""


def missing() -> str | None:
    if not Path("/dev/fuse").exists():
        return "no /dev/fuse (FUSE is not available here)"
    for tool in ("fusermount3", "cmake", "g++", "git", "pkg-config"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt install fuse3 libfuse3-dev cmake g++ git)"
    if subprocess.run(["pkg-config", "--exists", "fuse3"]).returncode != 0:
        return "libfuse3-dev is not installed"
    return None


def build(src: str, deps: str | None = None) -> Path:
    binary = CACHE / "lazyfs" / "build" / "lazyfs"
    if binary.exists():
        return binary
    shutil.rmtree(CACHE, ignore_errors=True)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    if (Path(src) / "objects").is_dir():  # a bare mirror: take only what the build needs
        CACHE.mkdir()
        tar = subprocess.run(
            ["git", "--git-dir", src, "archive", "HEAD", "lazyfs", "libs"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(CACHE)], input=tar, check=True)
    else:
        subprocess.run(["git", "clone", "--depth", "1", src, str(CACHE)], check=True)
    # libpcache fetches toml11 v3.7.1 and spdlog v1.10.0 itself; with --deps (bare mirrors
    # of both, e.g. where the network is closed) it is handed their sources instead.
    extra: list[str] = []
    for name, repo, tag in (
        ("TOML", "ToruNiina+toml11", "v3.7.1"),
        ("SPDLOG", "gabime+spdlog", "v1.10.0"),
    ):
        if deps and (Path(deps) / repo / "repo").is_dir():
            out = CACHE / "libs/libpcache/build/_deps" / f"{name.lower()}-src"  # lazyfs
            # includes spdlog from there
            out.mkdir(parents=True)
            tar = subprocess.run(
                ["git", "--git-dir", str(Path(deps) / repo / "repo"), "archive", tag],
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(out)], input=tar, check=True)
            extra.append(f"-DFETCHCONTENT_SOURCE_DIR_{name}={out}")
    for part, flags in (("libs/libpcache", extra), ("lazyfs", ["-DLAZYFS_BUILD_TESTS=OFF"])):
        build_dir = CACHE / part / "build"
        build_dir.mkdir(exist_ok=True)
        subprocess.run(
            ["cmake", *flags, ".."], cwd=build_dir, check=True, stdout=subprocess.DEVNULL
        )
        subprocess.run(
            ["cmake", "--build", ".", "-j", "2"],
            cwd=build_dir,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return binary


class LazyFS:
    def __init__(self, binary: Path, root: Path, mnt: Path, work: Path) -> None:
        self.binary, self.root, self.mnt, self.work = binary, root, mnt, work
        self.fifo = work / "faults.fifo"
        self.config = work / "lazyfs.toml"
        self.config.write_text(
            f'[faults]\nfifo_path="{self.fifo}"\n[cache]\napply_eviction=false\n'
            '[cache.simple]\ncustom_size="0.5gb"\nblocks_per_page=1\n'
            '[filesystem]\nlog_all_operations=false\nlogfile=""\n'
        )
        self.proc: subprocess.Popen[bytes] | None = None

    def mount(self) -> None:
        self.mnt.mkdir(exist_ok=True)
        self.proc = subprocess.Popen(
            [
                str(self.binary),
                str(self.mnt),
                "--config-path",
                str(self.config),
                "-o",
                "allow_other",
                "-o",
                "modules=subdir",
                "-o",
                f"subdir={self.root}",
                "-f",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not os.path.ismount(self.mnt):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("LazyFS did not mount")
            time.sleep(0.05)

    def power_cut(self) -> None:
        with open(self.fifo, "w") as f:
            f.write("lazyfs::clear-cache\n")
        time.sleep(0.3)  # the command is read asynchronously

    def umount(self) -> None:
        if os.path.ismount(self.mnt):
            subprocess.run(["fusermount3", "-uz", str(self.mnt)], check=False)
        if self.proc is not None:
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def template(work: Path) -> Path:
    from mpp_counter.store.counter import CounterStore

    d = work / "template"
    s = CounterStore.create(
        d,
        mpp_code="BKL01",
        mpp_name="MPP Kota Bengkulu",
        counter="Loket 1",
        zone="WIB",
        passphrase=PASS,
    )
    s.close()
    return d


def check(data: Path, receipts: set[str], withdrawn: set[str]) -> tuple[int, str | None]:
    """(receipts lost, why the store does not open or verify, or None)."""
    from mpp_counter.store.counter import CounterStore

    try:
        s = CounterStore.open_admin(data, PASS)
    except Exception as exc:  # noqa: BLE001 - the finding itself
        return len(receipts), f"{type(exc).__name__}: {exc}"
    try:
        rows = {r.receipt: r for r in s.rows_between(*_days()) if r.receipt}
        lost = len(receipts - rows.keys())
        problems = s.audit_verify()[1]
        gone = [c for c in withdrawn if c in rows and not rows[c].withdrawn_at]
        why = (
            f"audit: {problems[0].reason}"
            if problems
            else f"{len(gone)} withdrawals lost"
            if gone
            else None
        )
        return lost, why
    finally:
        s.close()


def _days():  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    today = date.today()
    return today - timedelta(days=2), today + timedelta(days=2)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cuts", type=int, default=40)
    ap.add_argument("--src", default=os.environ.get("LAZYFS_SRC", PUBLIC))
    ap.add_argument(
        "--deps",
        default=os.environ.get("LAZYFS_DEPS"),
        help="folder of bare mirrors ToruNiina+toml11/repo, gabime+spdlog/repo",
    )
    ap.add_argument("--max-delay", type=float, default=6.0)
    args = ap.parse_args()
    why = missing()
    if why:
        print(f"skipped: {why}")
        return 0
    binary = build(args.src, args.deps)
    work = Path(tempfile.mkdtemp(prefix="mpp-lazyfs-"))
    tpl = template(work)
    root, mnt = work / "root", work / "mnt"
    fs = LazyFS(binary, root, mnt, work)
    rng = random.Random(int(os.environ.get("SEED", "2026")))
    totals = {"cuts": 0, "receipts": 0, "lost": 0, "unopenable": 0}
    t0 = time.monotonic()
    try:
        for cut in range(args.cuts):
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(tpl, root / "data")
            fs.mount()
            loop = subprocess.Popen(
                [sys.executable, "-c", LOOP, str(mnt / "data")],
                stdout=subprocess.PIPE,
                text=True,
                env=dict(os.environ, MPP_COUNTER_PASSPHRASE=PASS),
                start_new_session=True,
            )
            time.sleep(rng.uniform(0.3, args.max_delay))
            os.killpg(loop.pid, signal.SIGKILL)  # the program dies with the power
            fs.power_cut()
            out = loop.communicate()[0]
            fs.umount()
            receipts = {ln.split()[1] for ln in out.splitlines() if ln.startswith("RECEIPT ")}
            withdrawn = {ln.split()[1] for ln in out.splitlines() if ln.startswith("WITHDRAWN ")}
            lost, bad = check(root / "data", receipts, withdrawn)
            totals["cuts"] += 1
            totals["receipts"] += len(receipts)
            totals["lost"] += lost
            totals["unopenable"] += bad is not None and bad.startswith(("Store", "Wrong", "Disk"))
            if lost or bad:
                print(f"cut {cut}: {len(receipts)} receipts printed, {lost} lost; {bad}")
    finally:
        fs.umount()
    print(
        f"{totals['cuts']} power cuts in {time.monotonic() - t0:.0f} s: "
        f"{totals['receipts']} receipts printed before a cut, {totals['lost']} lost, "
        f"{totals['unopenable']} stores that would not open"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 1 if totals["lost"] or totals["unopenable"] else 0


if __name__ == "__main__":
    sys.exit(main())
