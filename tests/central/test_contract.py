"""The contract: the served OpenAPI document is the repository's, and a live central
answers whatever schemathesis throws at each operation with no 5xx and no answer that
breaks the document (status codes, content types, headers, response schemas)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode, checks

from ._support import Central, Device, cli, new_pg_database, phone

CHECKS = [
    getattr(checks, name)
    for name in (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    )
]


def _repo_document() -> dict[str, Any]:
    text = resources.files("mpp_counter.protocol").joinpath("openapi.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def test_served_document_is_the_repository_contract(sqlite_central: Central) -> None:
    r = requests.get(sqlite_central.url + "/openapi.json", timeout=10)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    served = r.json()
    assert served == _repo_document()
    src = Path(__file__).resolve().parents[2] / "src/mpp_counter/protocol/openapi.yaml"
    assert served == yaml.safe_load(src.read_text("utf-8"))  # the file in the tree, too
    # every route the app serves is in the contract, and every path of it is served
    paths = set(served["paths"])
    assert paths == {
        "/api/v1/health",
        "/api/v1/enrol",
        "/api/v1/catalog",
        "/api/v1/batches",
        "/api/v1/withdrawn",
        "/r/{receipt}/{secret}.json",
        "/r/{receipt}/{secret}",
        "/r/{receipt}/{secret}/withdraw",
        "/notice/{campaign}",
    }


OPERATIONS = sorted(
    f"{method.upper()} {path}"
    for path, item in _repo_document()["paths"].items()
    for method in item
)
# Negative data needs something to break: a body. A path or header that takes any string
# has no invalid value, and hypothesis would rightly call that unsatisfiable.
WITH_BODY = sorted(
    f"{method.upper()} {path}"
    for path, item in _repo_document()["paths"].items()
    for method, op in item.items()
    if "requestBody" in op
)
CASES = [(label, GenerationMode.POSITIVE) for label in OPERATIONS] + [
    (label, GenerationMode.NEGATIVE) for label in WITH_BODY
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])  # marked in conftest
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Central, Device, dict[str, str]]]:
    """One central per backend for every operation (PostgreSQL refuses values SQLite lets
    pass), with a device and a real receipt so that some requests reach what lies behind
    them; the pages' rate limit is raised so that fuzzing sees the pages, not only 429."""
    tmp = tmp_path_factory.mktemp("contract")
    url = (
        f"sqlite:///{tmp / 'central.db'}"
        if request.param == "sqlite"
        else new_pg_database(request.getfixturevalue("pg_admin_url"))
    )
    cli(url, "init")
    cli(
        url,
        "campaign",
        "create",
        "--id",
        "SPI-2026",
        "--name",
        "Survei SPI 2026",
        "--private-key-out",
        str(tmp / "campaign-key.json"),
    )
    central = Central(
        url,
        tmp,
        extra_env={"MPP_CENTRAL_RECEIPT_RATE": "100000", "MPP_CENTRAL_ENROL_RATE": "100000"},
    ).start()
    try:
        dev = central.enrol()
        v, c, secret = dev.agreed(phone(101))
        assert dev.post(dev.batch([v, c])).status_code == 200
        yield central, dev, {"receipt": c["receipt"], "secret": secret}
    finally:
        central.stop()


@pytest.mark.parametrize(
    ("label", "mode"), CASES, ids=[f"{label}-{mode.value}" for label, mode in CASES]
)
def test_every_operation_keeps_the_contract(
    label: str, mode: GenerationMode, live: tuple[Central, Device, dict[str, str]]
) -> None:
    central, dev, receipt = live
    schema = schemathesis.openapi.from_url(central.url + "/openapi.json")
    operation = schema.find_operation_by_label(label)
    assert operation is not None, label

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=10,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        if isinstance(case.body, dict) and case.path == "/api/v1/batches":
            case.body["device_id"] = dev.id  # else every batch is "not your device" (403)
        response = case.call_and_validate(base_url=central.url, headers=dev.auth, checks=CHECKS)
        statuses.append(response.status_code)

    statuses: list[int] = []
    run()
    assert statuses, label
    if mode is GenerationMode.POSITIVE and label in (
        "GET /api/v1/catalog",
        "GET /api/v1/health",
        "POST /api/v1/batches",
        "GET /api/v1/withdrawn",
    ):
        assert 200 in statuses, (label, statuses)  # the token works: not all 401/403
    if mode is GenerationMode.NEGATIVE and label == "POST /api/v1/enrol":
        assert 200 not in statuses, statuses  # a malformed request never enrols


@pytest.mark.parametrize("label", [op for op in OPERATIONS if " /r/" in op])
def test_receipt_operations_with_a_real_receipt(
    label: str, live: tuple[Central, Device, dict[str, str]]
) -> None:
    """Fuzzing never guesses a receipt and its secret: the happy paths, validated too."""
    central, dev, receipt = live
    schema = schemathesis.openapi.from_url(central.url + "/openapi.json")
    operation = schema.find_operation_by_label(label)
    assert operation is not None
    body = {"csrf": "0.bad"} if label.startswith("POST") else None
    case = (
        operation.Case(path_parameters=receipt, body=body)
        if body
        else operation.Case(path_parameters=receipt)
    )
    response = case.call_and_validate(base_url=central.url, checks=CHECKS, allow_redirects=False)
    assert response.status_code == (403 if body else 200), response.text[:300]
