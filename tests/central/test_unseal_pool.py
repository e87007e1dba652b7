"""The unseal pool (central/unseal_pool.py): the same answers as opening one by one, in
the input's order, over worker processes, reading its input only as fast as results are
taken; a garbage key is refused before anything is read."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from mpp_counter.central import unseal_pool
from mpp_counter.central.export import open_sealed
from mpp_counter.central.unseal_pool import open_numbers
from mpp_counter.protocol.sealed import SealedInvalid, new_keypair, seal

from ._support import phone

PRIVATE, PUBLIC = new_keypair()
OTHER = new_keypair()


def blobs(n: int) -> list[bytes | None]:
    """Numbers, with the unreadable kinds mixed in: none, empty, another key, garbage."""
    out: list[bytes | None] = []
    for i in range(n):
        kind = i % 7
        if kind == 3:
            out.append(None)
        elif kind == 4:
            out.append(seal(OTHER[1], phone(i % 10_000)))
        elif kind == 5:
            out.append(os.urandom(60))
        elif kind == 6:
            out.append(b"")
        else:
            out.append(seal(PUBLIC, phone(i % 10_000)))
    return out


@pytest.mark.parametrize(("n", "chunk", "workers"), [(0, 8, 2), (5, 8, 2), (300, 8, 2), (50, 8, 1)])
def test_same_answers_in_the_same_order(n: int, chunk: int, workers: int) -> None:
    data = blobs(n)
    keys = [object() for _ in data]  # not picklable as they are: they never leave
    got = list(open_numbers(PRIVATE, zip(keys, data, strict=True), workers=workers, chunk=chunk))
    assert [k for k, _ in got] == keys
    assert [v for _, v in got] == [open_sealed(PRIVATE, b) for b in data]
    if n:
        assert {v for _, v in got} >= {phone(0), None}


def test_memoryview_blobs_are_opened_like_bytes() -> None:
    data = [seal(PUBLIC, phone(i)) for i in range(40)]
    got = open_numbers(PRIVATE, ((i, memoryview(b)) for i, b in enumerate(data)), chunk=4)
    assert [v for _, v in got] == [phone(i) for i in range(40)]


def test_input_is_read_only_as_fast_as_results_are_taken() -> None:
    pulled = 0

    def source() -> Iterator[tuple[int, bytes]]:
        nonlocal pulled
        blob = seal(PUBLIC, phone(1))
        for i in range(100_000):
            pulled += 1
            yield i, blob

    chunk, workers = 16, 2
    it = open_numbers(PRIVATE, source(), workers=workers, chunk=chunk)
    for taken in range(1, 200):
        next(it)
        # what is read ahead: the chunks in flight, plus the one being assembled
        assert pulled - taken <= (workers * unseal_pool.IN_FLIGHT + 1) * chunk
    it.close()  # the pool shuts down; the rest of the input is never read
    assert pulled < 1_000


@pytest.mark.parametrize("key", [b"", b"short", b"x" * 33, "not bytes"])
def test_a_garbage_key_is_refused_before_reading(key: object) -> None:
    def source() -> Iterator[tuple[int, bytes]]:
        raise AssertionError("read before the key was checked")
        yield  # pragma: no cover

    with pytest.raises(SealedInvalid, match="campaign key is not valid"):
        next(open_numbers(key, source()))  # type: ignore[arg-type]


def test_a_wrong_but_well_formed_key_opens_nothing() -> None:
    data = [seal(PUBLIC, phone(i)) for i in range(50)]
    got = open_numbers(OTHER[0], enumerate(data), workers=2, chunk=8)
    assert [v for _, v in got] == [None] * 50


def test_a_threaded_caller_gets_a_pool_that_was_not_forked_from_it() -> None:
    """A web server has threads: its pool starts from a clean forkserver process."""
    import threading

    data = [seal(PUBLIC, phone(i)) for i in range(40)]
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        assert unseal_pool._context().get_start_method() == "forkserver"
        got = open_numbers(PRIVATE, enumerate(data), workers=2, chunk=4)
        assert [v for _, v in got] == [phone(i) for i in range(40)]
    finally:
        done.set()
        other.join()
    assert unseal_pool._context().get_start_method() == "fork"


def _children() -> set[int]:
    """The live child processes of this test process (Linux /proc)."""
    me, found = os.getpid(), set()
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                with open(f"/proc/{stat}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me and fields[0] != "Z":
                found.add(int(stat))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
def test_a_started_pool_has_its_workers_before_any_chunk_and_serves_two_sequences() -> None:
    """The export starts the workers before its query: they exist before the first chunk,
    and the same workers open the withdrawals and then the consents, in order."""
    before = _children()
    data = blobs(120)
    with unseal_pool.Pool(PRIVATE, workers=2).start() as pool:
        deadline = time.monotonic() + 30
        while len(_children() - before) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)  # the fork is the pool's own; nothing to inject a clock into
        workers = _children() - before
        assert len(workers) == 2  # started, with nothing given to them yet
        first = list(pool.open_numbers(enumerate(data), chunk=8))
        chunks = [(i, data[i : i + 8]) for i in range(0, len(data), 8)]
        second = [n for _, part in pool.open_chunks(chunks) for n in part]
        assert _children() - before == workers  # the same two processes did both
    want = [open_sealed(PRIVATE, b) for b in data]
    assert [v for _, v in first] == want
    assert second == want
    assert not _children() - before  # closed: the workers are gone


def test_a_pool_opens_a_single_chunk_without_starting_a_process() -> None:
    """A campaign's few withdrawals: no waiting for a worker that may still be starting."""
    before = _children() if os.path.isdir("/proc/self") else set()
    with unseal_pool.Pool(PRIVATE, workers=2) as pool:
        got = list(pool.open_numbers(enumerate(blobs(7)), chunk=8))
        assert pool._pool is None  # no executor was made, so no process
    assert [v for _, v in got] == [open_sealed(PRIVATE, b) for b in blobs(7)]
    if os.path.isdir("/proc/self"):
        assert _children() == before


def test_a_started_pool_refuses_a_garbage_key_before_starting() -> None:
    with pytest.raises(SealedInvalid, match="campaign key is not valid"):
        unseal_pool.Pool(b"short", workers=2)
