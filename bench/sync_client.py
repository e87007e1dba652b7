"""The sync client's own share of a pass: the real pass (sync_once: claim, read, build,
check, encode, post, settle) against a stub central in another process that acknowledges
every record at once, so the client's CPU is measured alone (the central's side is
bench/sync.py's). For backlogs of growing size, prints the client's CPU and wall time per
record, and the Python heap's peak during the same pass over a copy of the backlog
(tracemalloc, not timed), which should not grow with the backlog.

Runs on whichever code is on PYTHONPATH, so the same command measures the version before
a change:

    PYTHONPATH=src python bench/sync_client.py [VISITS ...]     (default 4000 16000 64000)
"""

from __future__ import annotations

import gzip
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "kdf_hook"))
__import__("fast_kdf").install()  # the tests' cheap KDF: unlocking is not measured

from mpp_counter.domain.records import Outcome  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402
from mpp_counter.store.db import transaction  # noqa: E402

PASS = "bench passphrase 2026"


def stub(port_file: str) -> None:
    """A central that stores nothing: every record of a batch accepted."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802
            raw = gzip.decompress(self.rfile.read(int(self.headers["Content-Length"])))
            body = json.loads(raw)
            self._answer(
                200,
                {
                    "batch_id": body["batch_id"],
                    "accepted": [r["id"] for r in body["records"]],
                    "duplicate": [],
                    "rejected": [],
                    "server_time": "2026-01-01T00:00:00Z",
                },
            )

        def do_GET(self) -> None:  # noqa: N802
            self._answer(404, {"error": "not here"})  # withdrawals, catalog: not measured

        def _answer(self, status: int, obj: object) -> None:
            out = json.dumps(obj).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


def fill(store: CounterStore, visits: int, url: str) -> None:
    """A backlog: 40 % consents (fake numbers), saved without an fsync each (not timed),
    and the settings an enrolment leaves."""
    rnd = random.Random(14)
    store.con.execute("PRAGMA synchronous = OFF")
    for i in range(visits):
        if rnd.random() < 0.4:
            store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i % 10000:04d}")
        else:
            store.record("DUK-KK", Outcome.DECLINED)
    store.con.execute("PRAGMA synchronous = FULL")
    with transaction(store.con):
        store.con.executemany(
            "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
            [
                ("device_id", "6f1b7c2e-1111-4222-8333-944455556666"),
                ("device_token", "t" * 43),
                ("central_url", url),
            ],
        )


def peak_rss_kib() -> int:
    """VmHWM: this process's peak resident set (Linux), else ru_maxrss."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def one_pass(data: Path, trace: bool) -> tuple[int, float, float, int, int]:
    """(records acked, CPU s, wall s, heap peak, peak RSS KiB) of one sync_once."""
    from mpp_counter.sync.client import sync_once

    store = CounterStore.open_admin(data, PASS)
    if trace:
        tracemalloc.start()
    ru0, t = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    report = sync_once(store, deadline_s=600)
    wall = time.perf_counter() - t
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    store.close()
    assert report.pending_after == 0 and report.error is None, report
    cpu = ru1.ru_utime + ru1.ru_stime - ru0.ru_utime - ru0.ru_stime
    return report.acked, cpu, wall, peak, peak_rss_kib()


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--stub":
        stub(sys.argv[2])
        return
    if len(sys.argv) == 4 and sys.argv[1] == "--pass":  # the client, alone in a process
        print(json.dumps(one_pass(Path(sys.argv[2]), sys.argv[3] == "trace")))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [4000, 16000, 64000]
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        port_file = Path(d) / "port"
        server = subprocess.Popen([sys.executable, __file__, "--stub", str(port_file)])
        try:
            while not port_file.exists() or not port_file.read_text():
                time.sleep(0.05)
            url = f"http://127.0.0.1:{port_file.read_text()}"
            for visits in sizes:
                data, traced = Path(d) / f"s{visits}", Path(d) / f"t{visits}"
                store = CounterStore.create(
                    data, mpp_code="B", mpp_name="B", counter="L", zone="WIB", passphrase=PASS
                )
                fill(store, visits, url)
                store.close()
                shutil.copytree(data, traced)
                runs = []
                for where, mode in ((data, "time"), (traced, "trace")):
                    p = subprocess.run(
                        [sys.executable, __file__, "--pass", str(where), mode],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    runs.append(json.loads(p.stdout.splitlines()[-1]))
                (n, cpu, wall, _, rss), (_, _, _, peak, _) = runs
                print(
                    f"{n:6d} records ({visits} visits): client CPU {cpu / n * 1e6:5.1f} us/record,"
                    f" wall {wall / n * 1e6:5.1f} us/record ({n / wall:,.0f} rec/s against a"
                    f" central that stores nothing); Python heap peak {peak / 2**20:.1f} MiB,"
                    f" peak RSS {rss / 1024:.0f} MiB"
                )
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
