"""The catalog of agencies and services and the survey campaign, read from decoded JSON.

Parsing is pure (a decoded object in, frozen data out) so a bad file from disk and a bad
answer from the central get the same clear refusal. ``services_from``/``campaign_from``
take what ``json.loads`` (or the HTTP layer) already decoded; ``parse_services`` and
``parse_campaign`` are the thin wrappers for text read from a file or a database column.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from .errors import ConfigInvalid

# About ten seconds at 2.5 words a second, and a little room: a script is short or refused.
SCRIPT_MAX_WORDS = 30


@dataclass(frozen=True)
class Service:
    code: str
    agency_code: str
    agency_name: str
    name: str
    keywords: tuple[str, ...] = ()

    def matches(self, query: str) -> bool:
        """Every word of the query is found in the code, names or keywords."""
        hay = " ".join((self.code, self.agency_code, self.agency_name, self.name, *self.keywords))
        hay = hay.lower()
        return all(word in hay for word in query.lower().split())


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    purpose_id: str
    purpose_en: str
    notice_version: str
    notice_id: str
    notice_en: str
    controller: str
    controller_contact: str
    retention_days: int
    channel: str
    official_sender_name: str
    official_sender_number: str
    verify_base_url: str | None
    jurisdiction: str = "ID"
    public_key: str | None = None  # base64 X25519, set by enrolment
    # What the clerk reads aloud (at most SCRIPT_MAX_WORDS); the full notice is printed
    # (slip, poster, receipt page). None: a campaign from before scripts, read in full.
    script_id: str | None = None
    script_en: str | None = None

    @property
    def script(self) -> str:
        """The Indonesian words the clerk reads aloud before asking (the window shows this)."""
        return self.script_id or self.notice_id

    @property
    def script_english(self) -> str:
        return self.script_en or self.notice_en

    @property
    def script_words(self) -> int:
        return len(self.script.split())

    @functools.cached_property
    def notice_hash(self) -> str:
        """sha256 of what the citizen was given under ``notice_version``: the script read
        aloud, a blank line, then the full printed notice (only the notice for a campaign
        without a script, as before). What makes consent provable."""
        text = f"{self.script_id}\n\n{self.notice_id}" if self.script_id else self.notice_id
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _req(obj: dict[str, Any], key: str, where: str, kind: type = str) -> Any:
    value = obj.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise ConfigInvalid("The {where} file is missing a valid '{key}'.", where=where, key=key)
    return value


def _load(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, TypeError) as exc:
        raise ConfigInvalid("The {where} file is not valid JSON.", where=where) from exc


def parse_services(text: str) -> tuple[Service, ...]:
    """The services of a catalog file's text."""
    return services_from(_load(text, "catalog"))


def services_from(data: object) -> tuple[Service, ...]:
    """The services of a decoded catalog (``{"agencies": [...]}``)."""
    if not isinstance(data, dict) or not isinstance(data.get("agencies"), list):
        raise ConfigInvalid("The {where} file has no list of agencies.", where="catalog")
    out: list[Service] = []
    seen: set[str] = set()
    for agency in data["agencies"]:
        if not isinstance(agency, dict) or not isinstance(agency.get("services"), list):
            raise ConfigInvalid("The {where} file has an agency without services.", where="catalog")
        a_code = _req(agency, "code", "catalog")
        a_name = _req(agency, "name", "catalog")
        for svc in agency["services"]:
            if not isinstance(svc, dict):
                raise ConfigInvalid("The {where} file has a malformed service.", where="catalog")
            code = _req(svc, "code", "catalog")
            if code in seen:
                raise ConfigInvalid("The catalog lists service {code} twice.", code=code)
            seen.add(code)
            kw = svc.get("keywords", [])
            if not isinstance(kw, list) or not all(isinstance(k, str) for k in kw):
                raise ConfigInvalid("The {where} file has malformed keywords.", where="catalog")
            out.append(Service(code, a_code, a_name, _req(svc, "name", "catalog"), tuple(kw)))
    if not out:
        raise ConfigInvalid("The {where} file lists no services.", where="catalog")
    return tuple(out)


def parse_campaign(text: str) -> Campaign:
    """The campaign of a campaign file's (or stored column's) text."""
    return campaign_from(_load(text, "campaign"))


def campaign_from(data: object) -> Campaign:
    """The campaign of a decoded object, with the rules of a campaign file."""
    if not isinstance(data, dict):
        raise ConfigInvalid("The {where} file is not an object.", where="campaign")
    retention = _req(data, "retention_days", "campaign", int)
    if retention <= 0:
        raise ConfigInvalid(
            "The {where} file is missing a valid '{key}'.", where="campaign", key="retention_days"
        )
    verify = data.get("verify_base_url")
    pk = data.get("public_key")
    script_id, script_en = _script(data, "script_id"), _script(data, "script_en")
    return Campaign(
        id=_req(data, "id", "campaign"),
        name=_req(data, "name", "campaign"),
        purpose_id=_req(data, "purpose_id", "campaign"),
        purpose_en=_req(data, "purpose_en", "campaign"),
        notice_version=_req(data, "notice_version", "campaign"),
        notice_id=_req(data, "notice_id", "campaign"),
        notice_en=_req(data, "notice_en", "campaign"),
        controller=_req(data, "controller", "campaign"),
        controller_contact=_req(data, "controller_contact", "campaign"),
        retention_days=retention,
        channel=_req(data, "channel", "campaign"),
        official_sender_name=_req(data, "official_sender_name", "campaign"),
        official_sender_number=_req(data, "official_sender_number", "campaign"),
        verify_base_url=verify if isinstance(verify, str) and verify else None,
        jurisdiction=data.get("jurisdiction", "ID")
        if isinstance(data.get("jurisdiction"), str)
        else "ID",
        public_key=pk if isinstance(pk, str) and pk else None,
        script_id=script_id,
        script_en=script_en,
    )


def _script(data: dict[str, Any], key: str) -> str | None:
    """Optional (campaigns from before scripts have none), but short when present."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigInvalid(
            "The {where} file is missing a valid '{key}'.", where="campaign", key=key
        )
    words = len(value.split())
    if words > SCRIPT_MAX_WORDS:
        raise ConfigInvalid(
            "The read-aloud script '{key}' has {words} words; at most {most} "
            "can be read in about ten seconds.",
            key=key,
            words=words,
            most=SCRIPT_MAX_WORDS,
        )
    return value.strip()


def campaign_to_dict(c: Campaign) -> dict[str, Any]:
    """The campaign as its wire and file shape (what ``campaign_from`` reads back)."""
    return asdict(c)


def campaign_to_json(c: Campaign) -> str:
    return json.dumps(campaign_to_dict(c), ensure_ascii=False, sort_keys=True)
