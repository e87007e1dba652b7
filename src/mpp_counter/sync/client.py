"""One sync pass: send what the outbox holds, batch by batch, and settle each answer.

The store is only touched through ``on_store`` (a function that runs a callable with
the store on the store's own thread and returns its result), and the HTTP exchange
happens between two such calls: the window's store thread is never held while the
network is slow. The CLI passes the store directly (:func:`sync_once`). The batches go
through a pipeline (pipeline.py): the central, the store and this client's Python work on
three consecutive batches at once.

Nothing is marked delivered unless the answer is well-formed protocol v1, names our
batch id, and acknowledges only ids we sent. Anything else leaves the batch in flight to
be resent verbatim; the central dedups by id, so a resend never counts twice. 401/403
means the device was revoked: the pass stops and says so. A 409 on the batch id puts
its records back to pending (a new batch next time). An answer that acknowledges
nothing ends the pass. After a pass that reached the end, the withdrawals of this
counter's consents made elsewhere are fetched (withdrawn.py), and :func:`sync_once` and
the background sync also refresh the catalog.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from ..domain.errors import MppError, SyncError, SyncRejected
from ..protocol.messages import MAX_RECORDS, AnswerInvalid, BatchAnswer, parse_batch_answer
from ..store import outbox
from ..store.counter import CounterStore
from .catalog import refresh_catalog
from .pipeline import OnStore, Pipeline
from .transport import Transport
from .withdrawn import learn_withdrawals

T = TypeVar("T")
log = logging.getLogger(__name__)
CENTRAL_URL_ENV = "MPP_COUNTER_CENTRAL_URL"


@dataclass(frozen=True)
class SyncReport:
    sent: int  # records put on the wire (a resend counts again)
    acked: int
    rejected: int  # by the central or flagged locally in this pass
    pending_after: int  # pending + in flight when the pass ended
    error: str | None  # why the pass stopped early; None when it ran to the end
    revoked: bool = False
    failure: MppError | None = field(default=None, compare=False)  # for the GUI's tr()
    catalog_updated: bool = False
    withdrawn_elsewhere: int = 0  # own consents learnt withdrawn elsewhere in this pass

    @property
    def ok(self) -> bool:
        return self.error is None and self.pending_after == 0


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    token: str
    central_url: str
    zone: str


def enrolled(store: CounterStore, base_url: str | None = None) -> Enrolled:
    """What a pass needs from the store; SyncError when the counter was never enrolled.
    An enrolment made meanwhile by another process (``mpp-counter enrol``) counts."""
    store.notice_changes()
    device_id, token = store.setting("device_id"), store.setting("device_token")
    url = base_url or os.environ.get(CENTRAL_URL_ENV) or store.setting("central_url")
    if not device_id or not token or not url:
        raise SyncError(
            "This counter is not enrolled with a central yet: the administrator "
            "enrols it with the central's address and an enrolment code."
        )
    return Enrolled(device_id, token, url, store.zone)


def _pending(store: CounterStore) -> int:
    return store.outbox.unsent()


def check_answer(raw: Any, batch: outbox.Batch) -> BatchAnswer:
    """The strict reading of an answer; AnswerInvalid means: mark nothing."""
    if raw is None:
        raise AnswerInvalid(
            "The central's answer is not JSON (a proxy page, or cut short); "
            "nothing was marked as sent."
        )
    try:
        answer = parse_batch_answer(raw, set(batch.ids))
    except AnswerInvalid as exc:
        raise AnswerInvalid("{why} Nothing was marked as sent.", why=exc.message) from exc
    if answer.batch_id != batch.batch_id:
        raise AnswerInvalid("The central answered for another batch; nothing was marked as sent.")
    rejected_ids = {r.id for r in answer.rejected if r.id is not None}
    if not rejected_ids <= batch.ids or rejected_ids & answer.acked:
        raise AnswerInvalid(
            "The central's answer names records that were not sent or both "
            "accepts and rejects one; nothing was marked as sent."
        )
    return answer


def sync_pass(
    on_store: OnStore,
    *,
    base_url: str | None = None,
    deadline_s: float = 30.0,
    batch_size: int = MAX_RECORDS,
    catalog: bool = False,
) -> SyncReport:
    """Send batches until the outbox is empty, the deadline passes or the central refuses;
    then, with ``catalog``, refresh the cached catalog (only batches go out otherwise)."""
    info: Enrolled = on_store(lambda s: enrolled(s, base_url))
    sent = acked = rejected = 0
    error: str | None = None
    failure: MppError | None = None
    revoked = False
    with Transport(info.central_url, info.token, deadline_s=deadline_s) as http:
        # counted once: each batch then reports what is left (a count per batch would cost
        # a scan of the backlog per batch)
        backlog: int = on_store(lambda s: s.outbox.pending_items())
        with Pipeline(
            on_store,
            http,
            device_id=info.device_id,
            zone=info.zone,
            batch_size=batch_size,
            backlog=backlog,
        ) as pipe:
            current, posting = pipe.start()
            while current is not None and posting is not None:
                batch = current.batch
                try:
                    answer = check_answer(http.check(posting.result(), "batch"), batch)
                except MppError as exc:
                    failure, error = exc, exc.message
                    status = reply_status(exc) if isinstance(exc, SyncRejected) else None
                    revoked = status in (401, 403)
                    pipe.store(
                        lambda s, b=batch, m=error, r=status == 409: (
                            s.outbox.release if r else s.outbox.note_error
                        )(b, m)
                    )
                    break
                reasons = {r.id: r.reason for r in answer.rejected if r.id is not None}
                acked += len(answer.acked)
                rejected += len(reasons)
                if not (answer.acked or reasons):  # never loop on such a central
                    pipe.store(lambda s, b=batch, a=answer: s.outbox.settle(b, a.acked, {}))
                    failure = SyncError(
                        "The central answered without acknowledging any record; "
                        "they are kept and will be sent later."
                    )
                    error = failure.message
                    break
                # the next batch leaves before this answer is settled: the central works on
                # it while the store records this answer and the batch after is made ready
                current, posting = pipe.advance((batch, answer.acked, reasons))
        sent, rejected = pipe.sent, rejected + pipe.flagged
        catalog_updated = False
        learnt = 0
        if error is None:
            http.renew()
            try:  # the central's word on our consents; failing it fails no record
                learnt = learn_withdrawals(on_store, http)
            except MppError as exc:
                log.warning("withdrawals made elsewhere not fetched: %s", exc.message)
        pending_after: int = on_store(_pending)
        if error is None:
            stamp = datetime.now(UTC).isoformat()
            on_store(lambda s: _mark_synced(s, stamp))
        if error is None and catalog:
            http.renew()
            try:  # the catalog is a bonus of being online: its failure fails nothing...
                catalog_updated = refresh_catalog(on_store, http)
            except MppError as exc:
                if isinstance(exc, SyncRejected) and reply_status(exc) in (401, 403):
                    # ...except a revoked token: with nothing to send, the catalog request
                    # is the only one that can tell, and the administrator must know.
                    failure, error, revoked = exc, exc.message, True
                else:
                    log.warning("catalog not refreshed: %s", exc.message)
    log.info(
        "sync pass: sent %d, acked %d, rejected %d, pending %d%s",
        sent,
        acked,
        rejected,
        pending_after,
        f", stopped: {error}" if error else "",
    )
    return SyncReport(
        sent, acked, rejected, pending_after, error, revoked, failure, catalog_updated, learnt
    )


def reply_status(exc: MppError) -> int | None:
    status = exc.args_map.get("status")
    return status if isinstance(status, int) else None


def _mark_synced(store: CounterStore, stamp: str) -> None:
    store.settings.save({"last_sync": stamp})


def sync_once(
    store: CounterStore, *, base_url: str | None = None, deadline_s: float = 30.0
) -> SyncReport:
    """One bounded pass on the caller's thread (the CLI's), the catalog refreshed after."""
    return sync_pass(lambda fn: fn(store), base_url=base_url, deadline_s=deadline_s, catalog=True)
