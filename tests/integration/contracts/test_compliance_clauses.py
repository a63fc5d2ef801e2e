"""Data residency, subcontracting and audit rights judged through contract evaluation.

From vendor files through the real ingest path (access events with their origin, a
roster with its employer of record) and the audit register, to the month's verdicts,
their credits and the findings' evidence rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from tests.integration.interactions.workspace_files import ENGAGEMENT, add_engagement

from fairshore.bootstrap import Workspace
from fairshore.contracts.findings import evaluation_findings
from fairshore.contracts.model import TermResult
from fairshore.contracts.services import add_contract, evaluate_sla_periods
from fairshore.governance.audit_request_services import add_audit_request, answer_audit_request
from fairshore.governance.model import AuditRequest, Finding
from fairshore.interactions.services import ingest_files
from fairshore.privacy.services import measure_data_residency

CONTRACT = """
id: krk-msa
version: 1
engagement: telco-krk
parties: {client: Telecom, vendor: Vistula}
effective: {from: 2026-03-01}
fee: {monthly: 100000, currency: EUR}
ethical_clauses:
  audit_rights: {allowed: true, notice_days: 10}
  data_residency: [PL]
  subcontracting_allowed: false
service_credits:
  cap_share: 0.1
  ethical: {data_residency: 0.02, subcontracting: 0.01, audit_rights: 0.01}
"""


def _files(folder: Path) -> dict[str, Path]:
    access = folder / "access.csv"
    lines = ["event_id,agent_ref,at,action,source,site_id,country"]
    for day in range(1, 21):  # March: from Kraków; April: one access from Lviv
        lines.append(f"m{day},a1,2026-03-{day:02d}T09:00:00Z,view,krk-lan,vistula-krk,PL")
        lines.append(f"p{day},a2,2026-04-{day:02d}T09:00:00Z,view,krk-lan,vistula-krk,pl")
    lines.append("x1,a3,2026-04-07T21:00:00Z,export,home-vpn,,UA")
    lines.append("u1,a3,2026-05-07T21:00:00Z,view,home-vpn,,")  # May: origin not logged
    lines.append("q1,a3,2026-05-08T21:00:00Z,view,home-vpn,,Poland")  # not a code: quarantined
    access.write_text("\n".join(lines) + "\n")
    agents = folder / "agents.csv"
    agents.write_text(
        "agent_ref,site_id,role,employment_type,hired_on,left_on,employer\n"
        "a1,vistula-krk,agent,employee,2026-01-05,,Vistula\n"
        "a2,vistula-krk,agent,agency,2026-01-05,,Temps Sp. z o.o.\n"
        "a3,vistula-krk,agent,employee,2026-01-05,,vistula\n"
        "s1,vistula-krk,agent,employee,2026-04-01,2026-04-30,Callnova S.A.\n"
    )
    return {"access_events": access, "agents": agents}


@dataclass
class Judged:
    ws: Workspace
    terms: dict[str, dict[str, TermResult]]
    findings: dict[tuple[str, str | None], Finding]


@pytest.fixture
def judged(db_workspace: Workspace, tmp_path: Path) -> Judged:
    workspace = db_workspace
    add_engagement(workspace)
    for table, path in _files(tmp_path).items():
        report = ingest_files(workspace, table=table, paths=[path], engagement_id=ENGAGEMENT)
        assert report.status == "accepted", report.error
        bad = {"unknown_country": 1} if table == "access_events" else {}
        assert dict(report.reasons) == bad
    kept = add_audit_request(workspace, AuditRequest(engagement_id=ENGAGEMENT,
                                                     requested_on=date(2026, 3, 2)))  # fmt: skip
    assert kept.id is not None
    answer_audit_request(workspace, kept.id, access="granted", decided_on=date(2026, 3, 9))
    refused = add_audit_request(workspace, AuditRequest(engagement_id=ENGAGEMENT,
                                                        requested_on=date(2026, 5, 4)))  # fmt: skip
    assert refused.id is not None
    answer_audit_request(workspace, refused.id, access="refused", decided_on=date(2026, 5, 6))
    contract = tmp_path / "krk.yaml"
    contract.write_text(CONTRACT)
    add_contract(workspace, contract)
    evaluations = evaluate_sla_periods(
        workspace, engagement_id=ENGAGEMENT, periods=["2026-03", "2026-04", "2026-05"]
    )
    return Judged(
        ws=workspace,
        terms={e.period: {t.term_id: t for t in e.terms} for e in evaluations},
        findings={(f.key, f.period): f for e in evaluations for f in evaluation_findings(e)},
    )


def test_each_clause_reads_met_breached_or_insufficient_from_the_data(judged: Judged) -> None:
    status = {p: {k: t.status for k, t in terms.items()} for p, terms in judged.terms.items()}
    assert status == {
        "2026-03": {"audit_rights": "met", "data_residency": "met", "subcontracting": "met"},
        "2026-04": {"audit_rights": "met", "data_residency": "breached",
                    "subcontracting": "breached"},
        "2026-05": {"audit_rights": "breached", "data_residency": "insufficient_data",
                    "subcontracting": "met"},
    }  # fmt: skip
    april = judged.terms["2026-04"]["data_residency"]
    assert april.value == pytest.approx(20 / 21) and april.credit == pytest.approx(2_000)
    by_key = judged.findings
    residency = by_key["contract:telco-krk:data_residency", "2026-04"]
    (row,) = residency.evidence["rows"]
    assert (row["event_id"], row["country"], row["site_id"]) == ("x1", "UA", None)  # remote
    sub = by_key["contract:telco-krk:subcontracting", "2026-04"]
    assert [(r["agent_ref"], r["employer"]) for r in sub.evidence["rows"]] == [
        ("s1", "Callnova S.A.")
    ]  # the agency worker a2 is the in-house-share clause's, not subcontracting
    audit = by_key["contract:telco-krk:audit_rights", "2026-05"]
    assert audit.evidence["rows"][0]["outcome"] == "refused"
    assert audit.credit == pytest.approx(1_000)


def test_a_span_other_than_a_month_is_measured_on_its_own_days(judged: Judged) -> None:
    # 1-10 April: ten accesses from Kraków, the one from Lviv (7 April) among them
    first = measure_data_residency(judged.ws, ENGAGEMENT, date(2026, 4, 1), date(2026, 4, 10))
    assert first is not None and first.value == pytest.approx(10 / 11)
    later = measure_data_residency(judged.ws, ENGAGEMENT, date(2026, 4, 8), date(2026, 4, 30))
    assert later is not None and (later.value, later.sample_size) == (1.0, 13)
