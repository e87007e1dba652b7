"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1, between the sync client and a central.

Real sockets, real timing: the client's ``requests`` sees exactly what a flaky mobile
link, a dying load balancer or an overloaded server would do to it. One request per
client connection (the proxy sends ``Connection: close`` upstream and reads the whole
answer), so each request meets exactly one fault and the test knows whether the server
acted. Modes:

- ``PASS``      forward the request and the answer untouched;
- ``REFUSE``    the listening socket is closed: connect() gets ECONNREFUSED
                (as a per-request step of a plan: reset the connection unread);
- ``DELAY``     forward, wait ``delay_s`` after the server answered, then deliver;
- ``TRUNCATE``  forward, deliver the headers and half of the body, close;
- ``DROP``      forward, read the full answer, close without sending a byte of it:
                the server acted, the client cannot know.

Bounded: at most ``max_conns`` connections are served at once (more are reset), every
socket has a timeout, and the proxy stops by itself after ``lifetime_s``.
"""

from __future__ import annotations

import contextlib
import enum
import selectors
import socket
import struct
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable

HEAD_LIMIT = 64 * 1024
BODY_LIMIT = 16 * 1024 * 1024


class Mode(enum.Enum):
    PASS = "pass"
    REFUSE = "refuse"
    DELAY = "delay"
    TRUNCATE = "truncate"
    DROP = "drop"


class ProxyError(Exception):
    """The client sent something this small proxy does not forward (e.g. chunked)."""


def _reset(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0), as a crashed peer or a firewall would."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _read_request(sock: socket.socket) -> bytes:
    """One request (head and Content-Length body), rewritten to ``Connection: close``."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ProxyError("client closed before a full request head")
        buf += chunk
        if len(buf) > HEAD_LIMIT:
            raise ProxyError("request head too large")
    head, _, body = buf.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = 0
    kept = [lines[0]]
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        key = name.strip().lower()
        if key == b"transfer-encoding":
            raise ProxyError("chunked request bodies are not supported")
        if key == b"content-length":
            length = int(value.strip())
            if length > BODY_LIMIT:
                raise ProxyError("request body too large")
        if key in (b"connection", b"keep-alive", b"proxy-connection"):
            continue
        kept.append(line)
    kept.append(b"Connection: close")
    while len(body) < length:
        chunk = sock.recv(min(65536, length - len(body)))
        if not chunk:
            raise ProxyError("client closed before a full request body")
        body += chunk
    return b"\r\n".join(kept) + b"\r\n\r\n" + body[:length]


class FaultProxy:
    """``with FaultProxy(upstream_port) as p: p.set(Mode.DROP); ... p.url``"""

    def __init__(
        self,
        upstream_port: int,
        mode: Mode = Mode.PASS,
        *,
        delay_s: float = 2.0,
        max_conns: int = 32,
        lifetime_s: float = 600.0,
        io_timeout_s: float = 60.0,
        upstream_host: str = "127.0.0.1",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.upstream = (upstream_host, upstream_port)
        self._clock = clock  # for the lifetime only: a test can move it on
        self.delay_s = delay_s
        self.io_timeout_s = io_timeout_s
        self.lifetime_s = lifetime_s
        self.applied: Counter[Mode] = Counter()  # faults actually met by requests
        self.forwarded = 0  # requests the upstream received in full
        self.sent: deque[bytes] = deque(maxlen=64)  # the last ones, raw, for replays
        self._mode = mode
        self._plan: deque[Mode] = deque()
        self._slots = threading.BoundedSemaphore(max_conns)
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port: int = probe.getsockname()[1]
        probe.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- control ------------------------------------------------------------------
    def set(self, mode: Mode, *, delay_s: float | None = None) -> None:
        """Switch the standing mode (and forget any plan)."""
        with self._lock:
            self._mode = mode
            self._plan.clear()
            if delay_s is not None:
                self.delay_s = delay_s
            self._sync_listener()

    def plan(self, modes: Iterable[Mode]) -> None:
        """The next requests meet these faults in order, then the standing mode again."""
        with self._lock:
            self._plan.extend(modes)
            self._sync_listener()

    @property
    def planned(self) -> int:
        """Faults of the plan not met yet."""
        with self._lock:
            return len(self._plan)

    def _next_mode(self) -> Mode:
        with self._lock:
            mode = self._plan.popleft() if self._plan else self._mode
            self.applied[mode] += 1
            self._sync_listener()
            return mode

    def _sync_listener(self) -> None:
        """Listen unless the standing mode is REFUSE and no plan is pending (lock held)."""
        want = not self._stopped.is_set() and (self._mode is not Mode.REFUSE or bool(self._plan))
        if want and self._listener is None:
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", self.port))
            s.listen(64)
            s.setblocking(False)
            self._listener = s
        elif not want and self._listener is not None:
            self._listener.close()
            self._listener = None

    # --- life ---------------------------------------------------------------------
    def start(self) -> FaultProxy:
        with self._lock:
            self._sync_listener()
        t = threading.Thread(target=self._accept_loop, name="faultproxy", daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def stop(self) -> None:
        self._stopped.set()
        with self._lock:
            self._sync_listener()
        for t in list(self._threads):
            t.join(timeout=5)

    def wait_stopped(self, timeout: float) -> bool:
        """True once the proxy stopped (by stop() or at the end of its lifetime)."""
        return self._stopped.wait(timeout)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _accept_loop(self) -> None:
        ends = self._clock() + self.lifetime_s
        while not self._stopped.is_set():
            if self._clock() > ends:
                self._stopped.set()
                with self._lock:
                    self._sync_listener()
                return
            with self._lock:
                listener = self._listener
            if listener is None:
                time.sleep(0.02)
                continue
            try:
                with selectors.DefaultSelector() as sel:
                    sel.register(listener, selectors.EVENT_READ)
                    if not sel.select(timeout=0.05):
                        continue
                conn, _ = listener.accept()
            except (OSError, ValueError):  # closed under us by set(REFUSE)
                continue
            if not self._slots.acquire(blocking=False):
                _reset(conn)
                continue
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads = [x for x in self._threads if x.is_alive()]
            self._threads.append(t)
            t.start()

    def replay(self, request: bytes) -> tuple[int, bytes]:
        """Send a recorded request again straight to the upstream: (status, body)."""
        with socket.create_connection(self.upstream, timeout=self.io_timeout_s) as up:
            up.sendall(request)
            answer = b"".join(iter(lambda: up.recv(65536), b""))
        head, _, body = answer.partition(b"\r\n\r\n")
        return int(head.split(b" ", 2)[1]), body

    # --- one request --------------------------------------------------------------
    def _serve(self, client: socket.socket) -> None:
        try:
            client.setblocking(True)
            client.settimeout(self.io_timeout_s)
            mode = self._next_mode()
            if mode is Mode.REFUSE:
                _reset(client)
                return
            try:
                request = _read_request(client)
            except (ProxyError, OSError, ValueError):
                _reset(client)
                return
            answer = self._forward(request)
            if answer is None:  # upstream down: what a dead server looks like
                _reset(client)
                return
            self._deliver(client, mode, answer)
        finally:
            with contextlib.suppress(OSError):
                client.close()
            self._slots.release()

    def _forward(self, request: bytes) -> bytes | None:
        try:
            with socket.create_connection(self.upstream, timeout=self.io_timeout_s) as up:
                up.sendall(request)
                with self._lock:
                    self.forwarded += 1
                    self.sent.append(request)
                chunks = []
                while chunk := up.recv(65536):
                    chunks.append(chunk)
                return b"".join(chunks) or None
        except OSError:
            return None

    def _deliver(self, client: socket.socket, mode: Mode, answer: bytes) -> None:
        if mode is Mode.DROP:
            _reset(client)
            return
        if mode is Mode.DELAY and self._stopped.wait(self.delay_s):
            return
        if mode is Mode.TRUNCATE:
            head, sep, body = answer.partition(b"\r\n\r\n")
            answer = head + sep + body[: len(body) // 2]
        with contextlib.suppress(OSError):
            client.sendall(answer)  # then a plain close: the client sees a short body
