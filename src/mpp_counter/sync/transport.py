"""HTTP to the central: verified TLS, bounded retries, and errors a clerk can read.

``requests`` with urllib3's ``Retry`` (retries.py) does the retrying (exponential
backoff with full jitter, ``Retry-After`` honoured, 429/5xx and connection errors
retried, POST included: a batch is idempotent by its id). A deadline (renewed by the
caller after each batch that made progress) caps the retrying, so a pass that cannot
reach the central gives up within about half a minute. TLS is checked against the
operating system's trust store only (``truststore``; certifi's bundle is not added).
Plain ``http://`` is only allowed to loopback; redirects are not followed.
No message built here carries the token, a body or a number.
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import math
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
import truststore
from requests.adapters import HTTPAdapter

from .. import __version__
from ..domain.errors import SyncError, SyncRejected
from .retries import RETRY_STATUSES, DeadlineReached, DeadlineRetry

USER_AGENT = f"mpp-counter/{__version__}"
# zlib's fastest level: half the CPU of level 6 for bodies ~10 % larger (a batch of 500
# consents stays far below the central's limit on a body)
GZIP_LEVEL = 1


def encode(body: Any) -> bytes:
    """A JSON body as it goes on the wire: compact, UTF-8, gzip."""
    return gzip.compress(json.dumps(body, separators=(",", ":")).encode("utf-8"), GZIP_LEVEL)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The base URL without a trailing slash; refuses what must never be used."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise SyncError("The central's address must start with https:// and name a host.")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise SyncError("The central's address must not carry a user, a query or a fragment.")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise SyncError(
            "Refusing plain http:// to {host}: the central must use https:// "
            "(http is only allowed to this PC itself).",
            host=parts.hostname,
        )
    return url.strip().rstrip("/")


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any  # decoded JSON, or None
    etag: str | None = None
    retry_after: int | None = None  # seconds, when a busy central said when to come back
    campaign_key: str | None = None  # MPP-Campaign-Key: the central's key fingerprint


class Transport:
    """One session to one central. ``token`` may be None (enrolment, health)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        deadline_s: float = 30.0,
        retries: int = 12,
        backoff_factor: float = 0.5,
        backoff_max: float = 8.0,
    ) -> None:
        self.base_url = check_url(base_url)
        self.host = urlsplit(self.base_url).hostname or "?"
        self.deadline = time.monotonic() + deadline_s
        self.deadline_s = deadline_s
        retry = DeadlineRetry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            other=0,
            backoff_factor=backoff_factor,
            backoff_max=backoff_max,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET", "POST"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        retry.deadline = self.deadline
        self._retry = retry
        self.session = requests.Session()
        self.session.trust_env = False  # no proxy or netrc picked up behind the admin's back
        adapter = _TrustStoreAdapter(max_retries=retry)
        self.session.mount("https://", adapter)
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def renew(self) -> None:
        """A new deadline from now: the bound is on a lack of progress, not on a backlog."""
        self.deadline = self._retry.deadline = time.monotonic() + self.deadline_s

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _timeout(self) -> tuple[float, float]:
        left = self.deadline - time.monotonic()
        if left <= 0.5:
            raise self._unreachable("gave up after {s:.0f} s")
        connect, read = min(5.0, left), min(15.0, left)
        self._retry.attempt_s = max(connect, read)
        return connect, read

    def _unreachable(self, why: str) -> SyncError:
        return SyncError(
            "The central at {host} cannot be reached ({why}); the records are "
            "kept and will be sent later.",
            host=self.host,
            why=why.format(s=self.deadline_s),
        )

    def busy(self, seconds: float | None, status: int = 429) -> SyncError:
        """A central that asked to be left alone for a while (429, or 503 with
        Retry-After): a rate limit is not an outage."""
        if seconds is None:
            return SyncError(
                "The central at {host} is busy (HTTP {status}); try again in a "
                "few minutes. Nothing was lost: what was not sent is kept.",
                host=self.host,
                status=status,
            )
        return SyncError(
            "The central at {host} is busy: try again in {seconds} seconds. Nothing was lost.",
            host=self.host,
            seconds=max(1, math.ceil(seconds)),
        )

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        *,
        encoded: bytes | None = None,
    ) -> Reply:
        """One exchange; HTTP errors come back as a Reply for the caller to judge.
        ``encoded``: a body already made by :func:`encode` (off the critical path)."""
        headers = dict(headers or {})
        data = encoded if encoded is not None else encode(body) if body is not None else None
        if data is not None:
            headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
        try:
            r = self.session.request(
                method,
                self.base_url + path,
                data=data,
                headers=headers,
                timeout=self._timeout(),
                allow_redirects=False,
            )
        except DeadlineReached as exc:
            if exc.retry_after is not None or exc.status == 429:
                raise self.busy(exc.retry_after, exc.status) from exc
            raise self._unreachable("gave up after {s:.0f} s") from exc
        except requests.exceptions.SSLError as exc:
            raise SyncError(
                "The central at {host} presented a certificate this PC does not "
                "trust; nothing was sent. Check the address and the PC's date "
                "and time.",
                host=self.host,
            ) from exc
        except requests.exceptions.Timeout as exc:
            raise self._unreachable("no answer in time") from exc
        except requests.exceptions.RetryError as exc:
            raise self._unreachable("too many failed attempts") from exc
        except requests.exceptions.ConnectionError as exc:
            if isinstance(exc.__context__, DeadlineReached) or "DeadlineReached" in repr(exc):
                raise self._unreachable("gave up after {s:.0f} s") from exc
            raise self._unreachable("no connection") from exc
        except requests.exceptions.RequestException as exc:
            raise self._unreachable(type(exc).__name__) from exc
        return Reply(
            r.status_code,
            _decode(r),
            r.headers.get("ETag"),
            _seconds(r.headers.get("Retry-After")),
            r.headers.get("MPP-Campaign-Key"),
        )

    def check(self, reply: Reply, what: str) -> Any:
        """The body of a 2xx reply, or the error that reply means."""
        if 200 <= reply.status < 300:
            return reply.body
        reason = reason_of(reply.body)
        if reply.status in (401, 403):
            raise SyncRejected(
                "The central refused this counter (HTTP {status}: {reason}). "
                "Its enrolment was revoked or is invalid: enrol it again with a "
                "new code. The records are kept.",
                status=reply.status,
                reason=reason,
            )
        if 300 <= reply.status < 400:
            raise SyncError(
                "The central's address answers with a redirect (HTTP {status}); "
                "set the exact https:// address of the central. The records are "
                "kept.",
                status=reply.status,
            )
        if reply.status == 429 or (
            reply.status in RETRY_STATUSES and reply.retry_after is not None
        ):
            raise self.busy(reply.retry_after, reply.status)
        if reply.status in RETRY_STATUSES:
            raise SyncError(
                "The central is unavailable (HTTP {status}); the records are kept "
                "and will be sent later.",
                status=reply.status,
            )
        raise SyncRejected(
            "The central refused the {what} (HTTP {status}: {reason}); the "
            "records are kept and flagged for the administrator.",
            what=what,
            status=reply.status,
            reason=reason,
        )


class _TrustStoreAdapter(HTTPAdapter):
    """HTTPS verified against the OS trust store, not certifi's bundle."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        import ssl

        kwargs["ssl_context"] = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        super().init_poolmanager(*args, **kwargs)

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        """requests would add certifi's bundle to the context: only the OS decides."""
        super().cert_verify(conn, url, verify, cert)
        conn.ca_certs = None
        conn.ca_cert_dir = None


def _decode(r: requests.Response) -> Any:
    """JSON or None: an HTML page or a truncated body is simply not an answer."""
    try:
        return json.loads(r.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _seconds(header: str | None) -> int | None:
    """Retry-After in seconds (the form our central uses); an HTTP date counts as absent."""
    if header is None or not header.strip().isdigit():
        return None
    return min(int(header.strip()), 86400)


def reason_of(body: Any) -> str:
    """The central's own short reason, cleaned; never the raw body."""
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        text = "".join(c for c in body["error"] if c.isprintable())[:160]
        return text or "no reason given"
    return "no reason given"
