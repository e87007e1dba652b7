"""Domain parsers take decoded objects: the central's answer is read as it arrived, with
the same refusals as a file, and nothing is re-encoded to JSON only to be parsed again."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mpp_counter import resource_files
from mpp_counter.domain.catalog import (
    campaign_from,
    campaign_to_dict,
    campaign_to_json,
    parse_campaign,
    parse_services,
    services_from,
)
from mpp_counter.domain.errors import ConfigInvalid
from mpp_counter.store.enrolment import campaign_from_answer

SRC = Path(__file__).resolve().parents[1] / "src" / "mpp_counter"


def _shipped(name: str) -> str:
    return resource_files.read_text(name)


def test_text_and_decoded_give_the_same_result() -> None:
    text = _shipped("campaign.json")
    c = campaign_from(json.loads(text))
    assert c == parse_campaign(text)
    assert campaign_from(campaign_to_dict(c)) == c == parse_campaign(campaign_to_json(c))
    catalog = _shipped("catalog.json")
    assert services_from(json.loads(catalog)) == parse_services(catalog)


@pytest.mark.parametrize("garbage", [None, 7, "text", [], [1, 2], {"id": 5}, {}])
def test_a_garbage_campaign_object_is_refused_clearly(garbage: object) -> None:
    with pytest.raises(ConfigInvalid, match="campaign file"):
        campaign_from(garbage)


@pytest.mark.parametrize(
    "agencies",
    [None, 3, "x", [None], [{"code": "A"}], [{"code": "A", "name": "B", "services": [7]}], []],
)
def test_a_garbage_catalog_object_is_refused_clearly(agencies: object) -> None:
    with pytest.raises(ConfigInvalid, match="catalog"):
        services_from({"agencies": agencies})
    with pytest.raises(ConfigInvalid):
        services_from(agencies)


def test_text_that_is_not_json_is_refused_by_the_wrapper() -> None:
    for text in ("", "{", "\x00", "[1,"):
        with pytest.raises(ConfigInvalid, match="not valid JSON"):
            parse_campaign(text)


def test_the_enrolment_answer_is_read_as_decoded() -> None:
    doc = json.loads(_shipped("campaign.json"))
    doc["public_key"] = "A" * 43 + "="
    assert campaign_from_answer(doc).public_key == doc["public_key"]
    doc["retention_days"] = "30"  # a string where a number belongs
    with pytest.raises(ConfigInvalid, match="retention_days"):
        campaign_from_answer(doc)


def test_no_parser_is_fed_a_json_dumps() -> None:
    """A decoded object is handed over as it is: no dumps → parse → loads round trip."""
    pattern = re.compile(r"(parse_\w+|_from)\(\s*json\.dumps|json\.loads\(\s*campaign_to_json")
    hits = [f"{p.relative_to(SRC)}" for p in SRC.rglob("*.py") if pattern.search(p.read_text())]
    assert hits == []
