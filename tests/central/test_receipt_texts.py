"""A counter writes a consent whose texts are not the campaign's: the citizen's page and
the consent receipt JSON still show the central's own campaign text."""

from __future__ import annotations

import html
import re

import requests

from mpp_counter.central import campaigns

from ._support import Central, phone

FORGED = {
    "purpose": "Undian berhadiah: transfer biaya admin ke 0812-0000-9999",
    "controller": "PT Penipu Sejahtera",
    "controller_contact": "wa.me/6281200009999",
    "retention_days": 36500,
}


def test_the_receipt_page_shows_the_centrals_campaign_text(sqlite_central: Central) -> None:
    dev = sqlite_central.enrol()
    v, c, secret = dev.agreed(phone(4201))
    c.update(FORGED)
    answer = dev.post(dev.batch([v, c])).json()
    assert c["id"] in answer["accepted"]

    camp = campaigns.default_campaign()
    base = f"{sqlite_central.url}/r/{c['receipt']}/{secret}"
    page = requests.get(base, timeout=10)
    assert page.status_code == 200
    text = html.unescape(page.text)
    for forged in ("Penipu", "0812-0000-9999", "6281200009999", "36500"):
        assert forged not in text
    assert camp.controller in text and camp.controller_contact in text
    assert camp.purpose_id in text
    assert f"paling lama {camp.retention_days} hari" in text
    notice = re.search(r'<p id="notice">(.*?)</p>', page.text, re.S)
    assert notice is not None and html.unescape(notice.group(1)) == camp.notice_id

    doc = requests.get(base + ".json", timeout=10).json()
    assert doc["piiControllers"] == [
        {"piiController": camp.controller, "onBehalf": False, "contact": camp.controller_contact}
    ]
    (purpose,) = doc["services"][0]["purposes"]
    assert purpose["purpose"] == camp.purpose_id
    assert doc["iso27560"]["retention_days"] == camp.retention_days
    assert "Penipu" not in page.text + str(doc)
