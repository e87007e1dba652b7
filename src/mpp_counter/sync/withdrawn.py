"""After a pass: learn the withdrawals of this counter's consents made elsewhere.

``GET /api/v1/withdrawn?after=<cursor>`` pages through the central's notices for this
device's own consents (QR page, code at another counter, number matched at the export);
each page is applied in one store transaction together with the new cursor, so a crash
between pages loses nothing and repeats nothing that matters (applying is idempotent).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..protocol.withdrawn import parse_withdrawn_answer
from ..store.counter import CounterStore
from .transport import Transport

log = logging.getLogger(__name__)
OnStore = Callable[[Callable[[CounterStore], Any]], Any]  # as in client.py
MAX_PAGES = 20  # 10,000 notices per pass; the rest next pass


def learn_withdrawals(on_store: OnStore, http: Transport) -> int:
    """How many consents were newly marked withdrawn here; SyncError when unusable."""
    learnt = 0
    for _ in range(MAX_PAGES):
        after: int = on_store(lambda s: s.notice_cursor())
        reply = http.request("GET", f"/api/v1/withdrawn?after={after}")
        answer = parse_withdrawn_answer(http.check(reply, "list of withdrawals"), after)
        items = [(n.consent_id, n.withdrawn_at, n.via) for n in answer.notices]

        def apply(
            s: CounterStore, i: list[tuple[str, datetime, str]] = items, c: int = answer.next
        ) -> int:
            return s.apply_notices(i, c)

        learnt += on_store(apply)
        if not answer.more:
            break
    if learnt:
        log.info("withdrawals made elsewhere: %d consents marked withdrawn", learnt)
    return learnt
