"""How the transport retries: urllib3's ``Retry`` with full jitter, ``Retry-After``
believed, and a deadline no retry may cross (a pass that cannot reach the central gives
up within about half a minute). urllib3's own retry warnings are kept out of the log:
the one clear line is transport.py's to say.
"""

from __future__ import annotations

import logging
import random
import time
from typing import Any

from urllib3.util.retry import Retry


class _QuietRetries(logging.Filter):
    """urllib3 logs every retry as a WARNING with its raw error; the one clear line is ours
    to say. Kept when the root logger is at DEBUG (``--log-level DEBUG``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and str(record.msg).startswith("Retrying"):
            return logging.getLogger().isEnabledFor(logging.DEBUG)
        return True


_pool_log = logging.getLogger("urllib3.connectionpool")
if not any(isinstance(f, _QuietRetries) for f in _pool_log.filters):
    _pool_log.addFilter(_QuietRetries())
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class DeadlineReached(Exception):
    """Raised from inside urllib3 when the next wait would pass the pass's deadline;
    ``retry_after`` holds the seconds the central asked for (429/503), if it did."""

    def __init__(self, retry_after: float | None = None, status: int = 0) -> None:
        super().__init__()
        self.retry_after, self.status = retry_after, status


class DeadlineRetry(Retry):
    """``Retry`` that does not start an attempt that could end past the deadline.

    ``attempt_s`` is the longest one attempt may take (the read timeout); a retry is
    only made when the wait plus one such attempt ends within ``GRACE_S`` of the deadline,
    so a central that accepts connections and never answers still cannot hold a pass
    much longer than the deadline."""

    GRACE_S = 5.0
    deadline: float = float("inf")
    attempt_s: float = 0.0

    def new(self, **kw: Any) -> DeadlineRetry:
        r: DeadlineRetry = super().new(**kw)  # type: ignore[assignment]
        r.deadline, r.attempt_s = self.deadline, self.attempt_s
        return r

    def get_backoff_time(self) -> float:
        # Full jitter (AWS architecture blog): uniform over [0, capped exponential].
        return random.uniform(0, super().get_backoff_time())

    def sleep(self, response: Any = None) -> None:
        wait = self.get_backoff_time()
        after = None
        if response is not None and self.respect_retry_after_header:
            after = self.get_retry_after(response)
            if after is not None:
                wait = after
        now = time.monotonic()
        if after is not None and now + wait >= self.deadline:  # it said when: believe it
            raise DeadlineReached(after, int(getattr(response, "status", 0) or 0))
        if (
            now + wait >= self.deadline
            or now + wait + self.attempt_s > self.deadline + self.GRACE_S
        ):
            raise DeadlineReached(after, int(getattr(response, "status", 0) or 0))
        if wait > 0:
            time.sleep(wait)
