"""A pass's batches in a pipeline: the central, the store and the client's Python work at
the same time.

While one batch is on the wire (the central parses and stores it), the next one is built,
encoded and handed to the wire (wire.py), which sends it the moment the previous answer
came; the one after it is claimed with its rows read. When an answer comes, that answer
is settled and a further batch claimed on the store's thread (one transaction, SQLite
working without the GIL) while this thread builds, encodes and queues the claimed one.
Every batch is in flight from its claim on, so a crash or an error at any point leaves
it to be resent verbatim next pass, exactly like a batch whose answer was lost; ``open``
keeps the batches of this pass from being handed out again as unanswered ones.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from .. import __version__
from ..protocol.fields import iso
from ..protocol.messages import PROTOCOL_VERSION
from ..store import outbox
from ..store.counter import CounterStore
from . import records
from .transport import Reply, Transport, encode
from .wire import Wire

T = TypeVar("T")
OnStore = Callable[[Callable[[CounterStore], Any]], Any]
Claimed = tuple[outbox.Batch | None, dict[str, dict[str, Any]]]  # a batch and its rows
Answered = tuple[outbox.Batch, frozenset[str], dict[str, str]]  # batch, acked, rejected
Going = tuple["Prepared | None", "Future[Reply] | None"]  # a batch handed to the wire, its reply
NOTHING: Claimed = (None, {})
# The pass's first batch is smaller: the central has something to do after a fifth of the
# time it takes to claim, read and build a full one, and the pipeline fills behind it.
FIRST_BATCH = 100


@dataclass(frozen=True)
class Prepared:
    """A batch claimed, built and encoded, ready to leave: posting it costs no CPU."""

    batch: outbox.Batch
    body: bytes  # the request as it goes on the wire (transport.encode)
    records: int


def claim(
    store: CounterStore, limit: int, busy: frozenset[str], answered: Answered | None
) -> Claimed:
    """The next batch and its stored rows; with ``answered``, that answer is settled in
    the same transaction (one commit per batch while a pass is sending)."""
    if answered is None:
        batch = store.outbox.claim(limit, busy)
    else:
        batch = store.outbox.settle_and_claim(*answered, limit, busy)
    return batch, (store.outbox.rows(batch.entries) if batch is not None else {})


def _flag(store: CounterStore, invalid: tuple[tuple[str, str], ...]) -> None:
    for rid, reason in invalid:
        store.outbox.reject_locally(rid, reason)


class Pipeline:
    """One pass's sending. The store is only touched through ``on_store``, from one thread
    of its own, in the order of the calls."""

    def __init__(
        self,
        on_store: OnStore,
        http: Transport,
        *,
        device_id: str,
        zone: str,
        batch_size: int,
        backlog: int,
    ) -> None:
        self._on_store = on_store
        self._device_id, self._zone, self._size = device_id, zone, batch_size
        self.backlog = backlog  # items still waiting, told to the central with each batch
        self.flagged = 0  # records this counter cannot build: flagged, not sent
        self._checked = records.Checked()  # the parser's verdicts, kept for the whole pass
        self._store = ThreadPoolExecutor(1, thread_name_prefix="mpp-sync-store")
        self._wire = Wire(http)
        self._open: set[str] = set()  # claimed in this pass and not settled
        self._next: Going = (None, None)  # handed to the wire, leaves after the answer before
        self._claimed: Claimed = NOTHING

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self._wire.close()
        self._store.shutdown(wait=True)

    @property
    def sent(self) -> int:
        """Records put on the wire (a resend counts again)."""
        return self._wire.sent

    def store(self, fn: Callable[[CounterStore], T]) -> T:
        """``fn(store)`` after every store call already under way."""
        result: T = self._store.submit(self._on_store, fn).result()
        return result

    def start(self) -> Going:
        """The first batch on the wire, the second queued behind it, the third claimed."""
        self._claimed = self._claim_now(None, min(self._size, FIRST_BATCH))
        self._refill()
        return self._launch()

    def advance(self, answered: Answered) -> Going:
        """After a usable answer that acknowledged something: the queued batch is leaving
        (or already left), and the answer is settled while the claimed batch is built."""
        self._open.discard(answered[0].batch_id)
        if self._next[0] is None:  # nothing else was claimed: settle, then look again (ids
            self._claimed = self._claim_now(answered)  # the answer left out are pending)
            self._refill()
            return self._launch()
        going = self._next
        busy = frozenset(self._open)
        settling = self._store.submit(
            self._on_store, lambda s: claim(s, self._size, busy, answered)
        )
        self._next = self._queue(self._make(self._claimed))  # while the store works
        self._claimed = self._note(settling.result())
        self._refill()
        return going

    def _launch(self) -> Going:
        going, self._next = self._next, (None, None)
        if going[0] is not None:
            self._refill()
        return going

    def _refill(self) -> None:
        """Until a batch is queued or nothing is left: build what is claimed, claim more."""
        while self._next[0] is None and self._claimed[0] is not None:
            self._next = self._queue(self._make(self._claimed))
            self._claimed = self._claim_now(None)

    def _claim_now(self, answered: Answered | None, limit: int = 0) -> Claimed:
        busy, size = frozenset(self._open), limit or self._size
        return self._note(self.store(lambda s: claim(s, size, busy, answered)))

    def _note(self, claimed: Claimed) -> Claimed:
        if claimed[0] is not None:
            self._open.add(claimed[0].batch_id)
        return claimed

    def _make(self, claimed: Claimed) -> Prepared | None:
        """Build and encode a claimed batch; None when none of it can be sent (flagged)."""
        batch, rows = claimed
        if batch is None:
            return None
        built = records.build(rows, batch.entries, self._zone, self._checked)
        if built.invalid:  # flagged for the administrator, not sent
            self.store(lambda s: _flag(s, built.invalid))
            self.flagged += len(built.invalid)
            if not built.records:
                self._open.discard(batch.batch_id)
                return None
            kept = {r["id"] for r in built.records}
            entries = tuple(e for e in batch.entries if e.record_id in kept)
            batch = outbox.Batch(batch.batch_id, entries, batch.resent)
        body = {
            "protocol": PROTOCOL_VERSION,
            "batch_id": batch.batch_id,
            "device_id": self._device_id,
            "sent_at": iso(datetime.now(UTC)),
            "records": built.records,
            # shown on the central's console: which version, how much is still waiting
            "client": {"version": __version__, "backlog": self.backlog},  # this batch included
        }
        self.backlog = max(0, self.backlog - len({e.seq for e in batch.entries}))
        return Prepared(batch, encode(body), len(built.records))

    def _queue(self, p: Prepared | None) -> Going:
        return (p, self._wire.send(p.body, p.records)) if p is not None else (None, None)
