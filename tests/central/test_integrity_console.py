"""The integrity console over real HTTP: who sees what, garbage in the query string,
a planted counter's flag and its rows, the CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from ._console import add_account, http_sign_in
from ._integrity_support import send_day
from ._support import Central

PEERS = ("Loket 1", "Loket 2", "Loket 3", "Loket 4")
PLANTED = "Loket 9"


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    """Four ordinary counters at BKL01, one at JKT02, and a counter at BKL01 that records
    only the visits that end in a consent."""
    from ._support import cli
    from .conftest import _central

    tmp = tmp_path_factory.mktemp("integrity")
    url = f"sqlite:///{tmp / 'central.db'}"
    cli(url, "init")
    c = _central(url, tmp)
    try:
        for i, name in enumerate(PEERS):
            send_day(c.enrol("BKL01", name), (0.3, 0.4, 0.3), 40, seed=i)
        send_day(c.enrol("JKT02", "Loket 1"), (0.3, 0.4, 0.3), 40, seed=7)
        send_day(c.enrol("BKL01", PLANTED), (1.0, 0.0, 0.0), 40, seed=9)
        yield c
    finally:
        c.stop()


def test_operator_sees_the_planted_counter_flagged_and_its_rows(planted: Central) -> None:
    s = http_sign_in(planted, add_account(planted, "op1", "operator"))
    r = s.get(planted.url + "/console/integrity", timeout=30)
    assert r.status_code == 200
    assert "BKL01" in r.text and "JKT02" in r.text  # the national view lists every MPP
    r = s.get(planted.url + "/console/integrity?mpp=BKL01", timeout=30)
    assert r.status_code == 200, r.text
    assert 'data-kind="only_consents" data-counter="Loket 9"' in r.text
    assert 'data-counter="Loket 1"' not in r.text  # the ordinary counters are not flagged
    assert "hampir hanya mencatat kunjungan" in r.text  # Indonesian by default
    assert 'id="rate-chart"' in r.text and 'id="hour-chart"' in r.text
    link = r.text.split('class="rows-link" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    rows = s.get(planted.url + link, timeout=30)
    assert rows.status_code == 200
    assert rows.text.count('class="visit"') == 40
    assert rows.text.count('data-outcome="agreed"') == 40
    assert "+62" not in rows.text and "0812" not in rows.text  # never a number


def test_rows_page_by_keyset(planted: Central) -> None:
    s = http_sign_in(planted, add_account(planted, "op2", "operator"))
    url = planted.url + "/console/integrity/rows?mpp=BKL01&counter=Loket+1&limit=15"
    seen: list[str] = []
    pages = 0
    while url:
        r = s.get(url, timeout=30)
        assert r.status_code == 200
        seen += [part.split("</code>", 1)[0] for part in r.text.split("<code>")[1:]]
        nxt = r.text.split('id="next" href="', 1)
        url = (
            planted.url + "/console/integrity/rows" + nxt[1].split('"', 1)[0].replace("&amp;", "&")
            if len(nxt) > 1
            else ""
        )
        pages += 1
    assert pages == 3 and len(seen) == 40 and len(set(seen)) == 40


def test_mpp_admin_sees_only_their_mpp(planted: Central) -> None:
    s = http_sign_in(planted, add_account(planted, "adm1", "mpp-admin", "JKT02"))
    r = s.get(planted.url + "/console/integrity", timeout=30)
    assert r.status_code == 200 and "JKT02" in r.text and "Loket 9" not in r.text
    for path in (
        "/console/integrity?mpp=BKL01",
        "/console/integrity/rows?mpp=BKL01&counter=Loket+9",
        "/console/integrity/report.csv?mpp=BKL01",
    ):
        r = s.get(planted.url + path, timeout=30)
        assert r.status_code == 403, path
        assert "Loket 9" not in r.text
    survey = http_sign_in(planted, add_account(planted, "srv1", "survey"))
    assert survey.get(planted.url + "/console/integrity", timeout=30).status_code == 403


@pytest.mark.parametrize(
    "query, says",
    [
        ("/console/integrity?from=2026-13-45", "TTTT-BB-HH"),
        ("/console/integrity?from=yesterday", "TTTT-BB-HH"),
        ("/console/integrity?from=2026-03-05&to=2026-03-01", "sesudah tanggal akhir"),
        ("/console/integrity?from=2020-01-01&to=2026-03-01", "paling panjang"),
        ("/console/integrity?mpp=NOWHERE", "MPP NOWHERE"),
        ("/console/integrity?mpp=%3Cscript%3E", "Kode MPP tidak sah"),
        ("/console/integrity/rows?mpp=BKL01&limit=99999999999999999999", "bilangan bulat"),
        ("/console/integrity/rows?mpp=BKL01&limit=0", "bilangan bulat"),
        ("/console/integrity/rows?mpp=BKL01&hour=77", "bilangan bulat"),
        ("/console/integrity/rows?mpp=BKL01&after=999999999", "Tautan halaman"),
        ("/console/integrity/rows?mpp=BKL01&outcome=maybe", "agreed, declined"),
        ("/console/integrity/rows", "Sebutkan MPP"),
        ("/console/integrity/report.csv?to=31-12-2026", "TTTT-BB-HH"),
        ("/console/integrity?after_mpp=%00%01", "Kode MPP tidak sah"),
    ],
)
def test_garbage_in_the_query_is_a_clear_400(planted: Central, query: str, says: str) -> None:
    s = http_sign_in(
        planted, add_account(planted, "op" + str(abs(hash(query)) % 10**8), "operator")
    )
    r = s.get(planted.url + query, timeout=30)
    assert r.status_code == 400, (query, r.status_code)
    assert says in r.text


def test_csv_download_is_the_report(planted: Central, tmp_path: Path) -> None:
    s = http_sign_in(planted, add_account(planted, "op3", "operator"))
    r = s.get(planted.url + "/console/integrity/report.csv?mpp=BKL01", timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    got = list(csv.DictReader(io.StringIO(r.text)))
    planted_row = next(
        x for x in got if x["level"] == "counter" and x["counter"] == PLANTED and not x["day"]
    )
    assert planted_row["visits"] == "40" and planted_row["agreed"] == "40"
    cli_csv = tmp_path / "integrity.csv"
    planted.cli("integrity", "--mpp", "BKL01", "--csv", str(cli_csv))
    assert cli_csv.read_bytes() == r.content  # the console CSV is the CLI one


def test_cli_json_and_its_errors(planted: Central) -> None:
    import json

    got = json.loads(planted.cli("integrity", "--json", process=True).stdout)
    assert got["filters"] == {"mpp": None, "from": None, "to": None}
    flagged = {(x["kind"], x["mpp"], x["counter"]) for x in got["flags"]}
    assert ("only_consents", "BKL01", PLANTED) in flagged
    assert {c for _, _, c in flagged} == {PLANTED}
    one = next(x for x in got["flags"] if x["kind"] == "only_consents")
    assert one["rows"]["counter"] == PLANTED and "Loket 9" in one["text_en"]
    total = next(
        r for r in got["rows"] if r["level"] == "mpp" and r["mpp"] == "BKL01" and not r["day"]
    )
    assert total["visits"] == 200 and total["asked"] == total["agreed"] + total["declined"]
    for args, says in (
        (("--from", "2026-02-30"), "'from' must be a date"),
        (("--mpp", "NOWHERE"), "No visits were received from MPP NOWHERE"),
        (("--from", "2026-03-09", "--to", "2026-03-01"), "start date comes after"),
    ):
        p = planted.cli("integrity", *args, check=False, process=True)
        assert p.returncode == 2 and says in p.stderr and "Traceback" not in p.stderr
        assert len(p.stderr.strip().splitlines()) == 1


def test_national_table_pages_through_mpps(sqlite_central: Central) -> None:
    from mpp_counter.central import db
    from mpp_counter.central.integrity import aggregates

    engine = db.make_engine(sqlite_central.db_url)
    zero = {c: 0 for c in aggregates.COUNTS}
    with engine.begin() as conn:
        conn.execute(
            aggregates.integrity_counts.insert(),
            [
                {
                    **zero,
                    "mpp": f"MPP{i:03d}",
                    "counter": "Loket 1",
                    "agency": "A",
                    "service": "S",
                    "clerk": "Sari",
                    "local_date": "2026-03-02",
                    "hour": 9,
                    "visits": 3,
                    "declined": 3,
                }
                for i in range(150)
            ],
        )
    engine.dispose()
    s = http_sign_in(sqlite_central, add_account(sqlite_central, "op4", "operator"))
    first = s.get(sqlite_central.url + "/console/integrity", timeout=30)
    assert first.status_code == 200
    table = first.text.split('id="by-mpp"', 1)[1].split("</table>", 1)[0]
    assert "MPP000" in table and "MPP099" in table and "MPP100" not in table
    nxt = first.text.split('id="mpps-next" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = s.get(sqlite_central.url + "/console/integrity" + nxt, timeout=30)
    table = second.text.split('id="by-mpp"', 1)[1].split("</table>", 1)[0]
    assert "MPP100" in table and "MPP149" in table and "MPP099" not in table
    assert 'id="mpps-next"' not in second.text and 'id="mpps-first"' in second.text


def test_pages_carry_the_csp_and_show_names_as_text(sqlite_central: Central) -> None:
    c = sqlite_central
    for i in range(4):
        send_day(c.enrol("BKL01", f"Loket {i}"), (0.3, 0.4, 0.3), 40, seed=i)
    send_day(c.enrol("BKL01", "Loket <b>9</b>"), (1.0, 0.0, 0.0), 40, seed=9, clerk="<i>Sari</i>")
    s = http_sign_in(c, add_account(c, "op5", "operator"))
    adm = http_sign_in(c, add_account(c, "adm5", "mpp-admin", "JKT02"))
    pages = [
        (200, s.get(c.url + "/console/integrity", timeout=30)),
        (200, s.get(c.url + "/console/integrity?mpp=BKL01", timeout=30)),
        (
            200,
            s.get(
                c.url + "/console/integrity/rows?mpp=BKL01&counter=Loket+%3Cb%3E9%3C%2Fb%3E",
                timeout=30,
            ),
        ),
        (400, s.get(c.url + "/console/integrity?from=%3Cscript%3E", timeout=30)),
        (403, adm.get(c.url + "/console/integrity?mpp=BKL01", timeout=30)),
    ]
    for status, r in pages:
        assert r.status_code == status, r.url
        csp = r.headers["content-security-policy"]
        assert csp.startswith("default-src 'none'; style-src 'nonce-") and "script" not in csp
        nonce = csp.split("'nonce-")[1].split("'")[0]
        assert r.text.count(f'<style nonce="{nonce}">') == 1 and r.text.count("<style") == 1
        assert "<script" not in r.text and " style=" not in r.text
        assert r.headers["x-frame-options"] == "DENY" and r.headers["cache-control"] == "no-store"
    mpp_page, rows_page = pages[1][1].text, pages[2][1].text
    assert "Loket &lt;b&gt;9&lt;/b&gt;" in mpp_page and "<b>9</b>" not in mpp_page
    assert "&lt;i&gt;Sari&lt;/i&gt;" in mpp_page and "<i>Sari</i>" not in mpp_page
    assert rows_page.count('class="visit"') == 40 and "<b>9</b>" not in rows_page
    assert 'data-kind="only_consents"' in mpp_page and "<svg" in mpp_page
