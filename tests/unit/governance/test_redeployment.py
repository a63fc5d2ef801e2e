"""The client's staff affected by outsourcing, and ethical certificates as evidence.

ethics-standards.md: "an expired or out-of-scope certificate is no evidence"; a
declaration is credited only when evidence is provided (EcoVadis evidence principle).
"""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from fairshore.reporting.esg_community import (
    CommunityReport,
    community_section,
    ethical_certifications,
)
from fairshore.reporting.model import Table
from fairshore.sourcing.redeployment import Transition, TransitionCreate, totals
from fairshore.vetting.submissions import Evidence

DAY = date(2026, 10, 31)


def transition(n: int, eid: str, **kw: int) -> Transition:
    return Transition(id=n, engagement_id=eid, team=f"team {n}", recorded_on=DAY, **kw)


def test_counts_must_fit_the_people_affected() -> None:
    with pytest.raises(ValidationError, match="add up to more than the 10 people"):
        TransitionCreate(
            engagement_id="telco-mnl", team="Billing", recorded_on=DAY,
            affected=10, redeployed=8, left=3,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="retrained"):
        TransitionCreate(
            engagement_id="telco-mnl", team="Billing", recorded_on=DAY, affected=10, retrained=11
        )


def test_totals_per_engagement() -> None:
    rows = [
        transition(1, "telco-mnl", affected=40, redeployed=25, retrained=30, left=5),
        transition(2, "telco-mnl", affected=10, redeployed=5, retrained=5, left=0),
        transition(3, "telco-krk", affected=8, redeployed=0, retrained=0, left=8),
    ]
    krk, mnl = totals(rows)
    assert (mnl.affected, mnl.redeployed, mnl.retrained, mnl.left, mnl.pending) == (
        50, 30, 35, 5, 15,
    )  # fmt: skip
    assert mnl.redeployed_share == pytest.approx(0.6) and mnl.teams == 2
    assert krk.pending == 0 and krk.redeployed_share == 0.0


def doc(kind: str, status: str, until: date | None) -> Evidence:
    return Evidence(
        sha256=f"{kind}{status}{until}", vendor_id="northwind", type=kind, issuer="SAI",
        scope=("*",), valid_from=None, valid_until=until, status=status,  # type: ignore[arg-type]
        filename="cert.pdf",
    )  # fmt: skip


def test_certificates_count_only_while_valid_and_evidenced() -> None:
    docs = [
        doc("sa8000", "verified_by_auditor", date(2027, 5, 31)),
        doc("b_corp", "document_provided", date(2026, 9, 30)),  # expired before the day
        doc("fair_trade", "self_declared", date(2027, 1, 1)),
    ]
    got = {c.type: c for c in ethical_certifications(docs, as_of=DAY)}
    assert got["sa8000"].status == "declared_with_evidence"
    assert "2027-05-31" in got["sa8000"].detail
    assert (
        got["b_corp"].status == "not_available"
        and "not valid on 2026-10-31" in got["b_corp"].detail
    )
    assert got["fair_trade"].status == "declared_without_evidence"
    none = ethical_certifications([], as_of=DAY)
    assert {c.status for c in none} == {"not_available"}


def test_community_section_from_one_report() -> None:
    report = CommunityReport(
        transitions=totals([transition(1, "telco-mnl", affected=40, redeployed=10, left=5)]),
        certifications=ethical_certifications([], as_of=DAY),
    )
    section = community_section(report, period_label="2026")
    [fig] = section.figures
    assert fig.text == "25.0 %" and section.light == "amber"  # 10 of 40 redeployed
    staff = next(b for b in section.blocks if isinstance(b, Table))
    assert staff.rows == [["telco-mnl", 1, 40, 10, 0, 5, 25]]
