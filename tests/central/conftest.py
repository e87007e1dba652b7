"""Fixtures of the central's tests: a database of each backend and a live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ._support import PG_BIN, Central, PgCluster, cli, new_pg_database


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "postgresql: runs against a real PostgreSQL (a throw-away cluster, or "
        "MPP_TEST_PG_URL); skipped only when the PostgreSQL binaries are missing",
    )
    config.addinivalue_line("markers", "browser: drives Debian's chromium via chromedriver")


BACKEND_PARAMS = ["sqlite", "postgresql"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the PostgreSQL runs here rather than with ``pytest.param(marks=…)``: a mark
    built while this file is imported comes before pytest_configure registered it."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "postgresql" in (params.get("db_url"), params.get("live")):
            item.add_marker(pytest.mark.postgresql)


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """An admin URL of a PostgreSQL server: MPP_TEST_PG_URL if CI started one, else a
    throw-away cluster of our own on a free loopback port."""
    given = os.environ.get("MPP_TEST_PG_URL")
    if given:
        yield given
        return
    if not (PG_BIN / "initdb").exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip(f"PostgreSQL binaries not found in {PG_BIN} (apt-get install postgresql)")
    cluster = PgCluster()
    cluster.start()
    try:
        yield cluster.admin_url
    finally:
        cluster.stop()


@pytest.fixture(params=BACKEND_PARAMS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An initialised, empty central database of each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'central.db'}"
    else:
        url = new_pg_database(request.getfixturevalue("pg_admin_url"))
    cli(url, "init")
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    cli(url, "init")
    return url


def _central(db_url: str, tmp_path: Path, **extra_env: str) -> Central:
    cli(
        db_url,
        "campaign",
        "create",
        "--id",
        "SPI-2026",
        "--name",
        "Survei SPI 2026",
        "--private-key-out",
        str(tmp_path / "campaign-key.json"),
        "--verify-base-url",
        "https://spi.invalid",
    )
    return Central(db_url, tmp_path, extra_env=extra_env).start()


@pytest.fixture
def central(db_url: str, tmp_path: Path) -> Iterator[Central]:
    """A live central on loopback (both backends) with campaign SPI-2026."""
    c = _central(db_url, tmp_path)
    yield c
    c.stop()


@pytest.fixture
def sqlite_central(sqlite_url: str, tmp_path: Path) -> Iterator[Central]:
    c = _central(sqlite_url, tmp_path)
    yield c
    c.stop()


CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture
def browser(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """Headless Chromium, phone-sized unless parametrized (indirect) with "1366,768"."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(f"missing {', '.join(missing)} (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={getattr(request, 'param', '390,844')}",
        "--lang=id",
        f"--user-data-dir={tmp_path / 'chr'}",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=opts, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
