"""The read-aloud script: short enough for ten seconds, part of the notice version, and
a campaign without one (from before scripts) still reads its full notice."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from mpp_counter.domain.catalog import (
    SCRIPT_MAX_WORDS,
    campaign_from,
    campaign_to_json,
    parse_campaign,
)
from mpp_counter.domain.errors import ConfigInvalid
from mpp_counter.resource_files import read_text

WORDS_PER_SECOND = 2.5


def _shipped() -> dict:  # type: ignore[type-arg]
    return json.loads(read_text("campaign.json"))


def test_the_shipped_script_is_read_in_ten_seconds() -> None:
    c = campaign_from(_shipped())
    assert c.script == c.script_id and c.script_id
    assert c.script_words <= 25
    assert c.script_words / WORDS_PER_SECOND <= 10
    assert len(c.notice_id.split()) > 80  # the full notice is still there, printed
    for must in ("KPK", "WhatsApp", "menolak"):  # who, how, and that no is an answer
        assert must.lower() in c.script.lower(), must
    assert "decline" in c.script_english and c.script_english == c.script_en


def test_the_notice_version_covers_the_script() -> None:
    c = campaign_from(_shipped())
    other = replace(c, script_id=c.script_id + " Terima kasih.")
    assert other.notice_hash != c.notice_hash
    assert replace(c, notice_id=c.notice_id + ".").notice_hash != c.notice_hash
    # the same script and notice always give the same hash, also after a round trip
    assert parse_campaign(campaign_to_json(c)).notice_hash == c.notice_hash


def test_a_campaign_without_script_reads_its_notice_and_keeps_its_old_hash() -> None:
    import hashlib

    data = _shipped()
    del data["script_id"], data["script_en"]
    c = campaign_from(data)
    assert c.script_id is None and c.script == c.notice_id
    assert c.script_english == c.notice_en
    assert c.notice_hash == hashlib.sha256(c.notice_id.encode()).hexdigest()


@pytest.mark.parametrize("bad", ["", "   ", 7, ["Bapak"], " ".join(["kata"] * 31)])
def test_a_bad_script_is_refused_clearly(bad) -> None:  # type: ignore[no-untyped-def]
    data = _shipped()
    data["script_id"] = bad
    with pytest.raises(ConfigInvalid) as err:
        campaign_from(data)
    assert "script_id" in err.value.message
    if isinstance(bad, str) and bad.strip():
        assert f"{SCRIPT_MAX_WORDS + 1} words" in err.value.message
