"""The hand-off pages of the console on a real central (SQLite and PostgreSQL): the survey
team previews and prepares a draw and downloads the suppression list; an operator sees
but cannot prepare; an MPP administrator is refused; garbage in every field of the form
is refused with a message and changes nothing."""

from __future__ import annotations

from pathlib import Path

from ._console import add_account, csrf_of, http_sign_in
from ._handoff_support import open_sample, post_consents, read_rows, state_of
from ._support import Central, withdraw_on_page

SEED = "0123456789abcdef0123456789abcdef"


def _form(csrf: str, **over: str) -> dict[str, str]:
    base = {
        "csrf": csrf,
        "campaign": "SPI-2026",
        "by_agency": "1",
        "by_mpp": "1",
        "by_period": "1",
        "period": "month",
        "quota": "3",
        "quota_file": "",
        "seed": SEED,
        "k": "3",
        "agreement": "",
        "recipient": "KPK",
    }
    return {**base, **over}


def test_survey_prepares_operator_sees_admin_refused(central: Central, tmp_path: Path) -> None:
    post_consents(central.enrol("BKL01"), [1, 2, 3, 4, 5])
    post_consents(central.enrol("SBY02", "Loket 2"), [11])
    survey = http_sign_in(central, add_account(central, "surveyor", "survey"))
    page = survey.get(central.url + "/console/handoffs", timeout=10)
    assert page.status_code == 200 and "Serah terima sampel survei" in page.text
    csrf = csrf_of(page.text)
    before = state_of(central.db_url)
    pre = survey.post(central.url + "/console/handoffs/preview", data=_form(csrf), timeout=10)
    assert pre.status_code == 200
    assert "DUKCAPIL / BKL01 / 2026-03" in pre.text and "kurang" in pre.text  # SBY02: 1 < 3
    assert state_of(central.db_url) == before  # a preview stores nothing
    r = survey.post(
        central.url + "/console/handoffs/prepare",
        data=_form(csrf),
        timeout=10,
        allow_redirects=False,
    )
    assert r.status_code == 303
    detail = survey.get(central.url + r.headers["Location"], timeout=10).text
    assert SEED in detail and "v1" in detail and "export --sample 1" in detail
    assert "Ukuran strata saat disiapkan" in detail and "kurang" in detail  # as recorded
    # it opens on the survey team's machine as the CLI's would
    key = tmp_path / "campaign-key.json"
    p = open_sample(central.db_url, "1", key, tmp_path / "s.csv")
    assert len(read_rows(tmp_path / "s.csv")) == 4 and "SHORT" in p.stderr
    opened = survey.get(central.url + "/console/handoffs/1", timeout=10).text
    assert "dibuka" in opened and "kurang" in opened
    processing = central.cli("processing", "--campaign", "SPI-2026").stdout
    assert "handoff-prepare" in processing and "handoff-open" in processing

    operator = http_sign_in(central, add_account(central, "op", "operator"))
    seen = operator.get(central.url + "/console/handoffs", timeout=10)
    assert seen.status_code == 200 and 'id="prepare-form"' not in seen.text
    assert "v1" in seen.text
    refused = operator.post(
        central.url + "/console/handoffs/prepare", data=_form(csrf_of(seen.text)), timeout=10
    )
    assert refused.status_code == 403
    assert (
        operator.get(
            central.url + "/console/handoffs/suppression.csv?campaign=SPI-2026", timeout=10
        ).status_code
        == 403
    )
    admin = http_sign_in(central, add_account(central, "adm", "mpp-admin", "BKL01"))
    assert admin.get(central.url + "/console/handoffs", timeout=10).status_code == 403


def test_suppression_download_lists_a_later_withdrawal(central: Central, tmp_path: Path) -> None:
    dev = central.enrol()
    v, c, secret = dev.agreed("+6281200000042")
    assert dev.post(dev.batch([v, c])).status_code == 200
    survey = http_sign_in(central, add_account(central, "surveyor", "survey"))
    csrf = csrf_of(survey.get(central.url + "/console/handoffs", timeout=10).text)
    survey.post(central.url + "/console/handoffs/prepare", data=_form(csrf), timeout=10)
    open_sample(central.db_url, "1", tmp_path / "campaign-key.json", tmp_path / "v1.csv")
    ref = read_rows(tmp_path / "v1.csv")[0]["ref"]
    url = central.url + "/console/handoffs/suppression.csv?campaign=SPI-2026"
    empty = survey.get(url, timeout=10)
    assert empty.text == "ref,receipt,withdrawn_at,handoff_version\n"
    assert withdraw_on_page(central, c["receipt"], secret).status_code == 303
    got = survey.get(url, timeout=10)
    assert got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    lines = got.text.splitlines()
    assert lines[1].startswith(f"{ref},{c['receipt']},") and lines[1].endswith(",1")
    assert "0042" not in got.text
    assert "handoff-suppression" in central.cli("processing").stdout


GARBAGE = [
    ("campaign", "NOPE"),
    ("campaign", ""),
    ("by_agency", ""),  # with the two below: no stratum at all
    ("period", "fortnight"),
    ("quota", "-1"),
    ("quota", "abc"),
    ("quota", "99999999999"),
    ("quota", ""),
    ("quota_file", "mpp,quota\nBKL01,2"),
    ("quota_file", "agency,mpp,period,quota\nDUKCAPIL,BKL01,2026-03,x"),
    ("quota_file", "agency,mpp,period,quota\nA,B,C,1\nA,B,C,2"),
    ("seed", "not hex at all"),
    ("seed", "abc"),
    ("k", "1"),
    ("k", "many"),
    ("agreement", "7"),
    ("agreement", "-3"),
    ("recipient", "x" * 201),
    ("recipient", "line\nbreak"),
]


def test_garbage_in_the_form_is_refused_and_changes_nothing(sqlite_central: Central) -> None:
    central = sqlite_central
    post_consents(central.enrol(), [1, 2])
    survey = http_sign_in(central, add_account(central, "surveyor", "survey"))
    csrf = csrf_of(survey.get(central.url + "/console/handoffs", timeout=10).text)
    before = state_of(central.db_url)
    for field, value in GARBAGE:
        form = _form(csrf, **{field: value})
        if field == "by_agency":
            form.update(by_mpp="", by_period="")
        for action in ("preview", "prepare"):
            r = survey.post(central.url + f"/console/handoffs/{action}", data=form, timeout=10)
            assert r.status_code == 400, (field, value, r.text[:300])
            assert 'id="error"' in r.text and "Traceback" not in r.text
            assert state_of(central.db_url) == before, (field, value)
    for forged, headers in (
        (_form("x" * 43), {}),
        (_form(csrf), {"Origin": "https://evil.invalid"}),
    ):
        r = survey.post(
            central.url + "/console/handoffs/prepare", data=forged, headers=headers, timeout=10
        )
        assert r.status_code == 403 and state_of(central.db_url) == before
    form = _form(csrf, quota="abc")
    r = survey.post(central.url + "/console/handoffs/prepare", data=form, timeout=10)
    assert "Kuota harus bilangan bulat dari 1 sampai 1000000." in r.text
    assert 'value="abc"' in r.text  # what was typed is kept
