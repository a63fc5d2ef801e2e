"""Vendor portal and worker voice in a real browser (Debian's Chromium, headless)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser.conftest import own_server, sign_in


@pytest.fixture(scope="module")
def server(telecom_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The telecom workspace of this module alone: its tests upload, open channels, respond."""
    yield from own_server(telecom_built, tmp_path_factory)


ROSTER = (
    b"agent_ref,engagement_id,employment_type,hired_on,left_on\n"
    b"nw-001,telco-mnl,employee,2025-01-06,\n"
    b"nw-002,telco-mnl,employee,2025-03-01,\n"
    b"nw-003,telco-mnl,employee,2025-09-01,2025-02-28\n"
)


def test_vendor_uploads_a_file_and_reads_its_batch_report(page: Any) -> None:
    sign_in(page, "vendor@northwind.example")
    page.get_by_role("heading", name="Your vendor portal").wait_for()
    page.get_by_role("link", name="Uploads").click()
    page.get_by_role("heading", name="Upload vendor data").wait_for()
    page.get_by_label("Engagement").select_option("telco-mnl")
    page.get_by_label("Table").select_option("agents")
    page.get_by_label("Format").select_option("csv")
    page.get_by_label("Files (drop them here or choose)").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": ROSTER}]
    )
    page.get_by_role("button", name="Upload and ingest").click()
    page.get_by_role("heading", name="Batch report").wait_for()
    assert page.locator("#rows-read").inner_text() == "3"
    assert page.locator("#rows-accepted").inner_text() == "2"
    assert page.locator("#rows-quarantined").inner_text() == "1"
    row = page.get_by_role("row", name=re.compile("nw-003"))
    assert "left before hired" in row.inner_text()
    # The vendor has no export right: no CSV link.
    assert page.get_by_role("link", name=re.compile("Download")).count() == 0


def test_vendor_cannot_open_another_vendors_pages(page: Any) -> None:
    sign_in(page, "vendor@northwind.example")
    page.get_by_role("heading", name="Your vendor portal").wait_for()
    own = page.goto("/scorecards/northwind")
    assert own.status == 200
    for path in ("/scorecards/indigo", "/portal/vendors/indigo/questionnaire"):
        response = page.goto(path)
        assert response.status == 404
        assert page.get_by_role("heading", name="Not found").is_visible()
    page.goto("/uploads")
    options = page.get_by_label("Engagement").locator("option").all_inner_texts()
    assert options == ["Telco MNL (telco-mnl)"]


def test_worker_reports_and_checks_with_the_receipt_code(page: Any, browser: Any) -> None:
    # The client's analyst opens the channel and reads the code for the posters.
    sign_in(page, "analyst@telco.example")
    page.get_by_role("heading", name="Portfolio").wait_for()
    page.goto("/portal/voice")
    page.get_by_label("Open a channel for").select_option("telco-mnl")
    page.get_by_role("button", name="Open channel").click()
    code = page.locator("#channels + table td.receipt").first.inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}", code)

    # A worker, in a fresh browser with no session, reports anonymously.
    worker = browser.new_context(base_url=page.url.split("/portal")[0])
    voice = worker.new_page()
    voice.goto("/voice")
    voice.get_by_label(re.compile("Channel code")).fill(code.lower())
    voice.get_by_role("button", name="Continue").click()
    voice.get_by_label("What is it about?").select_option("hours")
    voice.get_by_label("What happened?").fill("Breaks are cut when the queue is long.")
    voice.get_by_role("button", name="Send report").click()
    voice.get_by_role("heading", name="Report sent").wait_for()
    receipt = voice.locator("#receipt-code").inner_text()
    assert worker.cookies() == []  # nothing was set on the worker's browser

    voice.get_by_role("link", name="Check a report").click()
    voice.get_by_label("Receipt code").fill(receipt)
    voice.get_by_role("button", name="Check").click()
    assert voice.locator("#case-status").inner_text() == "received"
    assert receipt not in voice.url  # the code never travels in a URL
    worker.close()


def test_a_worker_files_a_report_in_spanish_and_copies_the_receipt(page: Any, browser: Any) -> None:
    sign_in(page, "analyst@telco.example")
    page.get_by_role("heading", name="Portfolio").wait_for()
    page.goto("/portal/voice")
    page.get_by_label("Open a channel for").select_option("telco-blr")
    page.get_by_role("button", name="Open channel").click()
    codes = page.locator("#channels + table td.receipt").all_inner_texts()
    base = page.url.split("/portal")[0]

    # A worker whose browser speaks Spanish: the form, the receipt and the copy in Spanish.
    worker = browser.new_context(base_url=base, locale="es-ES")
    worker.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    voice = worker.new_page()
    voice.goto("/voice")
    voice.get_by_role("heading", name="Alza la voz, de forma anónima").wait_for()
    voice.get_by_label(re.compile("Código del canal")).fill(codes[-1])
    voice.get_by_role("button", name="Continuar").click()
    voice.get_by_label("¿De qué se trata?").select_option(label="Horario de trabajo")
    voice.get_by_label("¿Qué pasó?").fill("Nos quitan los descansos cuando la cola es larga.")
    voice.get_by_role("button", name="Enviar reporte").click()
    voice.get_by_role("heading", name="Reporte enviado").wait_for()
    receipt = voice.locator("#receipt-code").inner_text()
    voice.get_by_role("button", name="Copiar el código").click()
    voice.get_by_role("button", name="Copiado").wait_for()
    assert voice.evaluate("navigator.clipboard.readText()") == receipt
    assert voice.locator("html").get_attribute("lang") == "es"
    worker.close()


def test_the_vendor_lands_on_its_requests_and_answers_one_with_an_attachment(
    page: Any,
) -> None:
    sign_in(page, "vendor@northwind.example")
    page.get_by_role("heading", name="Your vendor portal").wait_for()
    todo = page.locator("#todo")
    waiting = todo.get_by_role("link", name="major: Voice service level breached (telco-mnl)")
    assert waiting.is_visible()
    assert todo.get_by_text("(telco-blr)").count() == 0  # another vendor's finding
    assert todo.get_by_role("link", name=re.compile(r"^lab\.attrition: ")).is_visible()
    waiting.click()
    page.get_by_role("heading", name=re.compile("Voice service level breached")).wait_for()
    due = page.locator("#finding-due").inner_text()
    page.get_by_label("Response").fill("The July rota is attached; two agents start Monday.")
    page.get_by_label(re.compile("^Done by")).fill("2099-03-01")
    page.get_by_label(re.compile("^Attachment")).set_input_files(
        files=[{"name": "july-rota.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    page.get_by_role("button", name="Send response").click()
    confirmation = page.get_by_role("status")
    confirmation.wait_for()
    assert confirmation.inner_text() == "Your response is sent; the client has been told."
    assert page.get_by_role("link", name="july-rota.pdf").is_visible()
    # The vendor's date sits beside the client's due date; it does not replace it.
    assert page.locator("#finding-due").inner_text().startswith(due.split(" ")[0])
    assert page.locator("#proposed-due").inner_text() == "the vendor proposes 2099-03-01"
    # The work queue's pages fit a 390 px phone: no sideways scroll.
    finding = page.url
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/portal", "/portal/vendors/northwind/questionnaire", finding):
        page.goto(path)
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wide, path


def test_vendor_responds_to_a_finding_with_a_plan(page: Any) -> None:
    sign_in(page, "vendor@northwind.example")
    page.get_by_role("heading", name="Your vendor portal").wait_for()
    page.goto("/findings")
    page.get_by_role("link", name=re.compile(r"Finding \d+: respond")).click()
    page.get_by_role("heading", name=re.compile("Voice service level breached")).wait_for()
    page.get_by_label("Response").fill("Two more agents join the voice queue on Monday.")
    page.get_by_label("Corrective action plan").fill("Hire and train two agents for voice")
    page.get_by_label("Owner").fill("Site operations manager")
    page.get_by_role("button", name="Send response").click()
    page.get_by_role("heading", name=re.compile("Voice service level breached")).wait_for()
    assert page.locator("#finding-status").inner_text() == "action planned"
    assert page.get_by_role("button", name="Update finding").count() == 0  # analysts only
