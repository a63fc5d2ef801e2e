"""The compliance clauses judged from data: data residency, subcontracting, audit rights.

Each builder's measurement is judged by contract evaluation's own ``ethical_result``, so
these tests read the verdict a contract would give: met, breached or insufficient data.
"""

from __future__ import annotations

from datetime import date

import pytest

from fairshore.contracts.audit_rights import audit_rights_measurement
from fairshore.contracts.evaluation import ethical_result
from fairshore.contracts.findings import evaluation_findings
from fairshore.contracts.model import ClauseMeasurement, Evaluation
from fairshore.governance.audit_access import access_verdict
from fairshore.governance.model import AuditRequest
from fairshore.people.subcontracting import RosterAgent, subcontracting_measurement
from fairshore.privacy.residency import OriginCounts, residency_measurement

FEE = 100_000.0


def verdict(key: str, measured: ClauseMeasurement | None, share: float = 0.0) -> str:
    return ethical_result(key, 1.0, measured, share=share, fee=FEE).status


# -- data residency ----------------------------------------------------------------------
def test_residency_met_when_every_located_access_is_from_an_allowed_country() -> None:
    m = residency_measurement(OriginCounts(events=120, with_origin=100, allowed=100), [],
                              allowed=["PH"])  # fmt: skip
    assert m.value == 1.0 and m.sample_size == 100
    assert "20 without a logged country" in m.detail
    assert verdict("data_residency", m) == "met"


def test_residency_breached_by_one_access_from_elsewhere_with_the_event_as_evidence() -> None:
    row = {"event_id": "E9", "agent_ref": "VK1", "country": "UA", "at": "2026-03-04T10:00:00"}
    counts = OriginCounts(events=1000, with_origin=1000, allowed=999, by_country={"UA": 1})
    m = residency_measurement(counts, [row], allowed=["PL"])
    assert m.value == pytest.approx(0.999)
    assert "1 from elsewhere (UA 1)" in m.detail
    result = ethical_result("data_residency", 1.0, m, share=0.02, fee=FEE)
    assert result.status == "breached" and result.credit == pytest.approx(2_000.0)
    assert result.evidence == [row]


@pytest.mark.parametrize(
    ("counts", "why"),
    [
        (OriginCounts(events=0, with_origin=0, allowed=0), "no access events"),
        (OriginCounts(events=50, with_origin=0, allowed=0), "none of 50 access events"),
        (OriginCounts(events=50, with_origin=10, allowed=10), "40 of 50 access events carry no"),
    ],
)
def test_residency_has_no_verdict_without_origins(counts: OriginCounts, why: str) -> None:
    m = residency_measurement(counts, [], allowed=["PH"])
    assert why in m.insufficient
    result = ethical_result("data_residency", 1.0, m, share=0.02, fee=FEE)
    assert result.status == "insufficient_data" and result.credit == 0


# -- subcontracting -----------------------------------------------------------------------
def agent(ref: str, *, employer: str | None = "Andes Nearshore", site: str | None = "andes-bog",
          kind: str = "employee", left: date | None = None) -> RosterAgent:  # fmt: skip
    return RosterAgent(ref, date(2025, 1, 1), left, site, kind, employer)


def subcontracting(agents: list[RosterAgent]) -> ClauseMeasurement | None:
    return subcontracting_measurement(
        agents, start=date(2026, 5, 1), end=date(2026, 5, 31),
        vendor={"andes", "Andes Nearshore"}, sites={"andes-bog"},
    )  # fmt: skip


def test_subcontracting_met_when_the_vendor_employs_everyone_at_its_sites() -> None:
    m = subcontracting([agent("A1"), agent("A2", employer="ANDES NEARSHORE"),
                        agent("A3", employer="Temps SAS", kind="agency")])  # fmt: skip
    assert m is not None and m.value == 1.0 and m.sample_size == 3
    assert verdict("subcontracting", m) == "met"


def test_subcontracting_breached_by_another_employer_or_a_site_outside_the_engagement() -> None:
    m = subcontracting([
        agent("A1"), agent("A2"),
        agent("S1", employer="Callnova SAS"),
        agent("S2", site="callnova-mde"),
        agent("L1", employer="Callnova SAS", left=date(2026, 4, 30)),  # gone before May
    ])  # fmt: skip
    assert m is not None and m.value == pytest.approx(0.5)
    assert [r["agent_ref"] for r in m.evidence] == ["S1", "S2"]
    assert m.evidence[0]["reason"] == "employed by Callnova SAS"
    assert "not a site of the engagement" in str(m.evidence[1]["reason"])
    assert verdict("subcontracting", m) == "breached"


def test_subcontracting_without_employer_or_site_has_no_verdict() -> None:
    m = subcontracting([agent("A1", employer=None, site=None)])
    assert m is not None and verdict("subcontracting", m) == "insufficient_data"
    assert subcontracting([agent("L1", left=date(2026, 4, 1))]) is None  # nobody in post


# -- audit rights -------------------------------------------------------------------------
def request(i: int, requested: date, access: str = "granted", decided: date | None = None,
            audit_from: date | None = None) -> AuditRequest:  # fmt: skip
    return AuditRequest.model_validate({
        "id": i, "engagement_id": "telco-mnl", "requested_on": requested, "access": access,
        "decided_on": decided, "audit_from": audit_from,
    })  # fmt: skip


def test_access_is_due_when_notice_runs_out_or_from_the_day_asked_if_later() -> None:
    asked = request(1, date(2026, 6, 1), decided=date(2026, 6, 25), audit_from=date(2026, 6, 25))
    v = access_verdict(asked, notice_days=10, as_of=date(2026, 10, 31))
    assert (v.due_on, v.outcome, v.days_to_grant) == (date(2026, 6, 25), "in_time", 24)
    late = request(2, date(2026, 6, 1), decided=date(2026, 6, 12))
    assert access_verdict(late, notice_days=10, as_of=date(2026, 10, 31)).outcome == "late"
    waiting = request(3, date(2026, 6, 1), access="pending")
    assert access_verdict(waiting, notice_days=10, as_of=date(2026, 6, 11)).outcome == "pending"
    assert access_verdict(waiting, notice_days=10, as_of=date(2026, 6, 12)).outcome == "late"


def test_audit_rights_met_in_time_and_by_default_in_a_month_without_requests() -> None:
    today = date(2026, 10, 31)
    m = audit_rights_measurement([request(1, date(2026, 6, 1), decided=date(2026, 6, 11))],
                                 notice_days=10, as_of=today)  # fmt: skip
    assert (m.value, m.sample_size) == (1.0, 1)
    assert verdict("audit_rights", m) == "met"
    quiet = audit_rights_measurement([], notice_days=10, as_of=today)
    assert (quiet.value, quiet.sample_size) == (1.0, 0)
    assert verdict("audit_rights", quiet) == "met"


def test_audit_rights_breached_by_a_refusal_with_the_request_as_evidence() -> None:
    m = audit_rights_measurement(
        [request(1, date(2026, 6, 1), decided=date(2026, 6, 5)),
         request(2, date(2026, 6, 15), access="refused", decided=date(2026, 6, 16))],
        notice_days=10, as_of=date(2026, 10, 31),
    )  # fmt: skip
    assert m.value == pytest.approx(0.5)
    assert [(r["request_id"], r["outcome"]) for r in m.evidence] == [(2, "refused")]
    assert verdict("audit_rights", m) == "breached"


def test_audit_rights_not_yet_due_has_no_verdict() -> None:
    m = audit_rights_measurement([request(1, date(2026, 10, 28), access="pending")],
                                 notice_days=10, as_of=date(2026, 10, 31))  # fmt: skip
    assert verdict("audit_rights", m) == "insufficient_data"
    assert "due 2026-11-07" in m.detail


def test_an_audit_request_says_when_access_was_decided() -> None:
    with pytest.raises(ValueError, match="decided_on"):
        request(1, date(2026, 6, 1), access="refused")
    with pytest.raises(ValueError, match="before the request"):
        request(1, date(2026, 6, 1), decided=date(2026, 5, 30))


# -- findings ----------------------------------------------------------------------------
def test_a_breached_compliance_clause_finding_carries_its_evidence_rows() -> None:
    row = {"agent_ref": "S1", "employer": "Callnova SAS", "reason": "employed by Callnova SAS"}
    m = ClauseMeasurement(value=0.9, sample_size=10, detail="9 of 10", evidence=(row,))
    term = ethical_result("subcontracting", 1.0, m, share=0.01, fee=FEE)
    evaluation = Evaluation(
        contract_id="c", contract_version=1, engagement_id="telco-bog", period="2026-05",
        start=date(2026, 5, 1), end=date(2026, 6, 1), fee=FEE, currency="USD", terms=[term],
        credits_before_cap=term.credit, cap=FEE, credits_owed=term.credit, earned_back=0,
        net_credit=term.credit,
    )  # fmt: skip
    (finding,) = evaluation_findings(evaluation)
    assert finding.key == "contract:telco-bog:subcontracting"
    assert finding.evidence["rows"] == [row] and finding.credit == pytest.approx(1_000.0)


def test_a_measurement_without_a_value_must_say_why() -> None:
    with pytest.raises(ValueError, match="must say why"):
        ClauseMeasurement(value=None, sample_size=0)
