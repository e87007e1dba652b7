"""Transport security: the central served over TLS by a throw-away CA (trustme) that the
OS trust store does not know is refused with a clear message and nothing is sent; plain
http:// to anything but loopback is refused before any connection."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from central._support import Central
from mpp_counter.domain.errors import SyncError
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.client import sync_once
from mpp_counter.sync.enrolment import enrol
from mpp_counter.sync.transport import Transport

from ._client_support import (
    enrol_code,
    fake_enrolment,
    new_store,
    outbox_states,
    record_day,
    running_tls_central,
    stats,
)


@pytest.fixture
def tls_central(tmp_path: Path) -> Iterator[tuple[str, Path, Central]]:
    """The same central database served by uvicorn with a certificate from a private CA."""
    with running_tls_central(tmp_path) as served:
        yield served


def test_untrusted_certificate_refused_nothing_sent(
    tls_central,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    url, _ca, plain = tls_central
    store = new_store(tmp_path / "counter")
    try:
        record_day(store, 2, 1)
        with pytest.raises(SyncError) as exc:
            enrol(store, url, enrol_code(plain))
        assert "certificate" in exc.value.message and "nothing was sent" in exc.value.message
        assert not store.setting("device_id")  # enrolment left no trace
        assert store.setting("escrow_public_key")

        fake_enrolment(store, url)
        report = sync_once(store, deadline_s=10)
        assert report.error and "certificate" in report.error
        assert report.acked == 0 and "acked" not in outbox_states(store).values()
        assert report.pending_after == 6
    finally:
        store.close()
    s = stats(plain)
    assert s["visits"] == 0 and s["devices"] == 0


def test_cli_sync_to_untrusted_certificate(
    tls_central,
    cli,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    url, _ca, plain = tls_central
    data = str(tmp_path / "counter")
    cli("--data-dir", data, "init", "--mpp", "BKL01", "--counter", "Loket 1", "--mpp-name", "M")
    p = cli("--data-dir", data, "enrol", url, enrol_code(plain))
    assert p.returncode == 1
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "certificate" in lines[0]


@pytest.mark.parametrize(
    "url",
    [
        "http://192.0.2.10",
        "http://example.invalid:8080",
        "http://10.0.0.1/api",
        "ftp://127.0.0.1",
        "https://",
    ],
)
def test_plain_http_refused_before_connecting(url: str, tmp_path: Path) -> None:
    t0 = time.monotonic()
    with pytest.raises(SyncError) as exc:
        Transport(url, "secret-token-value-123456")
    assert time.monotonic() - t0 < 1
    assert "secret-token" not in exc.value.message
    store = new_store(tmp_path / "counter")
    try:
        record_day(store, 1, 0)
        fake_enrolment(store, "http://127.0.0.1:9")
        with pytest.raises(SyncError):
            sync_once(store, base_url=url)
        assert set(outbox_states(store).values()) == {"pending"}
    finally:
        store.close()


def test_cli_env_override_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "counter"
    store = new_store(data)
    try:
        record_day(store, 1, 0)
        fake_enrolment(store, "http://127.0.0.1:9")
    finally:
        store.close()
    p = cli("--data-dir", str(data), "sync", env={"MPP_COUNTER_CENTRAL_URL": "http://192.0.2.10"})
    assert p.returncode == 1 and "Refusing plain http://" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
    store = CounterStore.open_admin(data, "kata sandi admin uji 2026")
    try:
        assert store.status().pending == 3
    finally:
        store.close()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1", "https://central.example.go.id"],
)
def test_loopback_http_and_https_allowed(url: str) -> None:
    Transport(url).close()


def test_https_uses_the_os_trust_store() -> None:
    import truststore

    with Transport("https://central.example.go.id") as t:
        pool = t.session.get_adapter("https://central.example.go.id").poolmanager
        assert isinstance(pool.connection_pool_kw["ssl_context"], truststore.SSLContext)


def test_trusted_by_the_os_store_enrols_and_syncs(
    tls_central,
    cli,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The same server, with its CA made part of this process's OS trust configuration
    (OpenSSL's SSL_CERT_FILE, which truststore honours on Linux): enrol and sync work."""
    url, ca_pem, plain = tls_central
    data = str(tmp_path / "counter")
    trusted = {"SSL_CERT_FILE": str(ca_pem), "SSL_CERT_DIR": str(tmp_path / "none")}
    cli("--data-dir", data, "init", "--mpp", "BKL01", "--counter", "Loket 1", "--mpp-name", "M")
    assert (
        cli(
            "--data-dir",
            data,
            "record",
            "--service",
            "DUK-KTP",
            "--phone",
            "081200001111",
            "--consent",
        ).returncode
        == 0
    )
    p = cli("--data-dir", data, "enrol", url, enrol_code(plain), env=trusted)
    assert p.returncode == 0, p.stderr
    p = cli("--data-dir", data, "sync", env=trusted)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("sent 2, acknowledged 2")
    assert stats(plain)["consents"] == 1
