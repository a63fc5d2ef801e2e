"""Upload limits and type checks: bad files get a clear message, never a traceback."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web import intake, pages_uploads
from fairshore.errors import InputError
from tests.e2e.web.conftest import sign_in

GOOD = (
    b"agent_ref,engagement_id,employment_type,hired_on,left_on\n"
    b"u-1,telco-mnl,employee,2025-01-01,\n"
    b"u-2,telco-mnl,employee,2025-05-01,2025-01-01\n"
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.csv", "passwd.csv"),
        ("C:\\Users\\me\\rota march.csv", "rota_march.csv"),
        (".hidden.csv", "hidden.csv"),
        ("", "upload"),
        (None, "upload"),
        ("café;rm -rf.json", "caf_rm_-rf.json"),
    ],
)
def test_file_names_are_reduced_to_safe_base_names(name: str | None, expected: str) -> None:
    assert intake.safe_filename(name) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("data.zip", b"PK\x03\x04rest", "not accepted"),
        ("data.csv", b"PK\x03\x04rest", "zip archive"),
        ("data.csv", b"\x1f\x8b\x08rest", "gzip archive"),
        ("data.csv", b"\x7fELF\x02\x01", "program"),
        ("run.csv", b"#!/bin/sh\nrm -rf /\n", "script"),
        ("data.exe", b"MZ", "not accepted"),
        ("data.csv", b"", "empty"),
    ],
)
def test_archives_programs_and_wrong_types_are_refused(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        intake.save_upload(
            io.BytesIO(content), name, tmp_path, allowed=intake.ANY_DATA, max_bytes=1000
        )


def test_a_windows_program_is_recognised_by_its_pe_header(tmp_path: Path) -> None:
    head = bytearray(b"MZ" + b"\0" * 0x3E + b"\0" * 64)
    head[0x3C:0x40] = (0x40).to_bytes(4, "little")
    head[0x40:0x44] = b"PE\0\0"
    with pytest.raises(InputError, match="Windows program"):
        intake.save_upload(
            io.BytesIO(bytes(head)), "x.csv", tmp_path, allowed=intake.ANY_DATA, max_bytes=10**6
        )
    # A CSV whose first column happens to start with "MZ" is data, not a program.
    ok = intake.save_upload(
        io.BytesIO(b"MZONE,b\n1,2\n" * 10), "z.csv", tmp_path, allowed=(".csv",), max_bytes=10**6
    )
    assert ok.name == "z.csv"


def test_the_size_cap_stops_the_copy(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="larger than the upload limit"):
        intake.save_upload(
            io.BytesIO(b"a,b\n" * 3_000_000),
            "big.csv",
            tmp_path,
            allowed=(".csv",),
            max_bytes=2 * 1024 * 1024,
        )


def test_office_evidence_is_a_zip_by_design(tmp_path: Path) -> None:
    saved = intake.save_upload(
        io.BytesIO(b"PK\x03\x04xlsx"),
        "payroll.xlsx",
        tmp_path,
        allowed=intake.EVIDENCE_SUFFIXES,
        max_bytes=1000,
    )
    assert saved.read_bytes() == b"PK\x03\x04xlsx"


def _alert(text: str) -> str:
    return re.findall(r'role="alert">([^<]+)<', text)[0]


def test_the_page_explains_a_refused_file(
    app_client: TestClient, web_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    csrf = sign_in(app_client, "vendor@telco.example")

    def send(name: str, content: bytes, **form: str) -> tuple[int, str]:
        data = {"csrf_token": csrf, "engagement_id": "telco-mnl", "table": "agents"} | form
        r = app_client.post("/uploads", data=data, files=[("files", (name, content, "text/csv"))])
        return r.status_code, r.text

    status, text = send("rota.tar.gz", b"\x1f\x8b\x08....")
    assert status == 422 and ".gz are not accepted" in _alert(text)
    status, text = send("rota.csv", b"\x1f\x8b\x08....")
    assert status == 422 and "gzip archive" in _alert(text)
    status, text = send("rota.csv", GOOD, format="parquet")
    assert status == 422 and "not accepted" in _alert(text)
    status, text = send("rota.csv", GOOD, table="launch_codes")
    assert status == 422 and "unknown table" in _alert(text)
    status, text = send("rota.csv", GOOD, mapping_name="nope")
    assert status == 422 and "unknown mapping" in _alert(text)
    monkeypatch.setattr(pages_uploads, "UPLOAD_MAX_BYTES", 64)
    status, text = send("rota.csv", GOOD)
    assert status == 422 and "upload limit" in _alert(text)
    # Nothing was left behind in the workspace's upload scratch space.
    assert not any((web_ws.home / "uploads").glob("upload-*"))


def test_an_unreadable_file_gives_a_rejected_batch_with_the_reason(
    app_client: TestClient,
) -> None:
    csrf = sign_in(app_client, "analyst@telco.example")
    sent = app_client.post(
        "/uploads",
        data={"csrf_token": csrf, "engagement_id": "telco-mnl", "table": "agents"},
        files=[("files", ("latin1.csv", "agent_ref\ncafé\n".encode("latin-1"), "text/csv"))],
    )
    assert sent.status_code == 200
    assert "rejected" in sent.text and "UTF-8" in sent.text
    assert "Traceback" not in sent.text


def test_the_batch_report_pages_its_quarantine(app_client: TestClient) -> None:
    csrf = sign_in(app_client, "analyst@telco.example")
    rows = "".join(f"p-{i},telco-mnl,employee,2025-05-01,2025-01-01\n" for i in range(120))
    body = b"agent_ref,engagement_id,employment_type,hired_on,left_on\n" + rows.encode()
    sent = app_client.post(
        "/uploads",
        data={"csrf_token": csrf, "engagement_id": "telco-mnl", "table": "agents"},
        files=[("files", ("many.csv", body, "text/csv"))],
    )
    assert re.findall(r'id="rows-quarantined">(\d+)<', sent.text) == ["120"]
    assert "Rows 1–50 of 120" in sent.text and "Page 1 of 3" in sent.text
    last = app_client.get(str(sent.url) + "?page=3")
    assert "Rows 101–120 of 120" in last.text and "p-119" in last.text


def test_with_htmx_the_page_redirects_after_the_upload(app_client: TestClient) -> None:
    csrf = sign_in(app_client, "vendor@telco.example")
    data = {"csrf_token": csrf, "engagement_id": "telco-mnl", "table": "agents"}
    body = GOOD.replace(b"u-", b"hx-")
    sent = app_client.post(
        "/uploads",
        data=data,
        files=[("files", ("rota.csv", body, "text/csv"))],
        headers={"hx-request": "true"},
    )
    assert sent.status_code == 200 and sent.headers["hx-redirect"].startswith("/uploads/batches/")
    refused = app_client.post(
        "/uploads",
        data=data,
        files=[("files", ("rota.zip", body, "text/csv"))],
        headers={"hx-request": "true"},
    )
    assert refused.status_code == 200 and "not accepted" in _alert(refused.text)


_LOG = "shared/data/anonbank-feb1999/data_anonymous_bank_february.txt"
ANONBANK = next(
    (p / _LOG for p in Path(__file__).resolve().parents if (p / _LOG).is_file()), Path(_LOG)
)


@pytest.mark.skipif(not ANONBANK.is_file(), reason="the 1999 Anonymous Bank log is not here")
@pytest.mark.parametrize("how", ["shipped", "file"])
def test_an_acd_log_with_its_mapping(app_client: TestClient, how: str) -> None:
    # The first 300 calls of the real February 1999 "Anonymous Bank" log (Technion SEELab).
    lines = ANONBANK.read_bytes().splitlines(keepends=True)[:301]
    body = b"".join(lines)
    if how == "file":  # a distinct batch: the same calls once more, minus the last
        body = b"".join(lines[:-1])
    mapping = Path(__file__).resolve().parents[3] / "src/fairshore/interactions/mappings"
    csrf = sign_in(app_client, "analyst@telco.example")
    files: list[tuple[str, tuple[str, bytes, str]]] = [("files", ("calls.txt", body, "text/plain"))]
    data = {"csrf_token": csrf, "engagement_id": "telco-mnl", "table": "interactions"}
    data["format"] = "acd"
    if how == "shipped":
        data["mapping_name"] = "anonbank"
    else:
        yaml = (mapping / "anonbank.yaml").read_bytes()
        files.append(("mapping_file", ("bank.yaml", yaml, "application/yaml")))
    sent = app_client.post("/uploads", data=data, files=files)
    assert sent.status_code == 200, sent.text[-2000:]
    read = int(re.findall(r'id="rows-read">(\d+)<', sent.text)[0])
    assert read == len(body.splitlines()) - 1
    phantoms = sum(1 for line in body.splitlines()[1:] if b"PHANTOM" in line)
    if phantoms:
        assert "excluded outcome" in sent.text


def test_a_vendor_uploads_its_roster_as_an_excel_workbook(app_client: TestClient) -> None:
    import openpyxl  # the reference SpreadsheetML writer, as vendors' tools write them

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "Roster, November 2026"
    sheet.append(["Agent ref", "Employment type", "Hired on", "Left on"])
    sheet.append(["xl-1", "employee", "2025-01-01", None])
    sheet.append(["xl-2", "employee", "2025-05-01", "2025-01-01"])  # left before hired
    sheet.append(["Total", None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    csrf = sign_in(app_client, "vendor@telco.example")
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sent = app_client.post(
        "/uploads",
        data={"csrf_token": csrf, "engagement_id": "telco-mnl", "table": "agents"},
        files=[("files", ("roster.xlsx", buffer.getvalue(), xlsx))],
    )
    assert sent.status_code == 200, sent.text
    assert re.findall(r'id="rows-quarantined">(\d+)<', sent.text) == ["1"]
    assert "<td>xlsx</td>" in sent.text and "totals row skipped" in sent.text
