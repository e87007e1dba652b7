"""The first-run wizard's clerk page says why a 6-digit PIN is refused on a PC without
protected key storage, and takes a longer one (real widgets, offscreen)."""

from __future__ import annotations

import pytest

from mpp_counter.store import os_secret
from secret_service import NO_SECRET_SERVICE


@pytest.fixture
def no_secret_service(monkeypatch):  # type: ignore[no-untyped-def]
    for k, v in NO_SECRET_SERVICE.items():
        monkeypatch.setenv(k, v)
    os_secret.reset()
    assert os_secret.available() is None
    yield
    monkeypatch.undo()
    os_secret.reset()


def _page(qtbot, pin: str):  # type: ignore[no-untyped-def]
    from mpp_counter.gui.wizard_secrets import ClerkPage

    page = ClerkPage()
    qtbot.addWidget(page)
    qtbot.keyClicks(page.name, "Dewi")
    qtbot.keyClicks(page.pin1, pin)
    qtbot.keyClicks(page.pin2, pin)
    return page


def test_six_digits_refused_without_a_secret_service(qtbot, no_secret_service):
    page = _page(qtbot, "802461")
    assert page.validatePage() is False
    assert "10" in page.error.text()  # names the length needed, in either language
    longer = _page(qtbot, "8024-6139-75")
    assert longer.validatePage() is True


def test_six_digits_taken_with_a_secret_service(qtbot):
    assert os_secret.available() is not None
    assert _page(qtbot, "802461").validatePage() is True
