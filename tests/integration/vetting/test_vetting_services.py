"""Vetting use cases on SQLite and PostgreSQL: demo assessments, evidence, contests."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.errors import InputError, NotFoundError, VettingError
from fairshore.vetting import services
from fairshore.vetting.demo_assessments import load_demo_assessments
from fairshore.vetting.model import MeasuredFigure, MeasuredFigures

AS_OF = date(2026, 10, 31)


def test_demo_assessments_load_and_tell_their_stories(db_workspace: Workspace) -> None:
    assert load_demo_assessments(db_workspace) == ["northwind", "indigo", "andes", "vistula"]
    load_demo_assessments(db_workspace)  # idempotent
    assert services.assessed_vendors(db_workspace) == ["andes", "indigo", "northwind", "vistula"]
    scores = {
        v: services.score_vendor(db_workspace, v, as_of=AS_OF)
        for v in services.assessed_vendors(db_workspace)
    }
    for s in scores.values():
        assert sum((c.points for c in s.contributions), Fraction(0)) == s.total
        assert 0 <= s.total <= 100
    # andes: its ISO 27001 certificate expired on 2026-03-31 and counts as none
    andes_iso = next(c for c in scores["andes"].contributions if c.question_id == "sec.iso27001")
    assert andes_iso.evidence == "none" and andes_iso.points == 0
    assert any(w.type == "iso27001" and w.days_left < 0 for w in scores["andes"].expiry_warnings)
    # vistula: SOC 2 report runs out within 60 days of the period end
    assert [(w.type, w.days_left) for w in scores["vistula"].expiry_warnings] == [
        ("soc2_type2", 30)
    ]
    # northwind's pay claim rests on a self-declared policy only
    nw_wage = next(
        c for c in scores["northwind"].contributions if c.question_id == "lab.living-wage-all"
    )
    assert nw_wage.evidence == "self_declared"
    assert "rf.below-living-wage" in {r.rule_id for r in scores["indigo"].red_flags}
    assert services.list_criticality(db_workspace, as_of=AS_OF) == []  # no demo engagements here
    ranking = services.rank_vendors(db_workspace, as_of=AS_OF, draws=200)
    assert ranking.rows[0].vendor_id == "vistula"
    assert abs(sum(r.first_share for r in ranking.rows) - 1) < 1e-9


def test_claims_vs_evidence_on_the_demo_underpaying_vendor(db_workspace: Workspace) -> None:
    load_demo_assessments(db_workspace)
    measured = MeasuredFigures(
        {"min_pay_to_living_wage": MeasuredFigure(0.71, "people", 180)}, engagement_id="telco-mnl"
    )
    findings = services.check_claims(db_workspace, "northwind", measured, as_of=AS_OF)
    assert [f.key for f in findings] == ["vetting:claim:northwind:min_pay_to_living_wage"]
    assert findings[0].evidence["declared"] == 1.0 and findings[0].evidence["measured"] == 0.71
    # vistula makes the same claim but the data agrees: nothing raised
    ok = MeasuredFigures({"min_pay_to_living_wage": MeasuredFigure(1.08, "people")})
    assert services.check_claims(db_workspace, "vistula", ok, as_of=AS_OF) == []


def test_evidence_is_stored_by_sha256(db_workspace: Workspace, tmp_path: Path) -> None:
    entities.add_vendor(db_workspace, id="acme", name="Acme")
    doc = tmp_path / "iso.pdf"
    doc.write_bytes(b"%PDF-1.4 certificate")
    ev = services.add_evidence(
        db_workspace,
        "acme",
        doc,
        type="iso27001",
        issuer="BV",
        scope=("site-a",),
        valid_from=date(2025, 1, 1),
        valid_until=date(2026, 12, 1),
    )
    assert ev.sha256 == hashlib.sha256(b"%PDF-1.4 certificate").hexdigest()
    assert (db_workspace.home / "evidence" / ev.sha256).read_bytes() == b"%PDF-1.4 certificate"
    services.set_assessment_scope(db_workspace, "acme", scope=("site-a",))
    [status] = services.evidence_status(db_workspace, "acme", as_of=date(2026, 11, 1))
    assert status.counts and status.days_left == 30
    [late] = services.evidence_status(db_workspace, "acme", as_of=date(2026, 12, 2))
    assert not late.counts
    with pytest.raises(InputError, match="before valid from"):
        services.add_evidence(
            db_workspace,
            "acme",
            doc,
            type="iso27001",
            issuer="BV",
            scope=(),
            valid_from=date(2026, 1, 1),
            valid_until=date(2025, 1, 1),
        )
    with pytest.raises(NotFoundError, match="unknown vendor"):
        services.list_evidence(db_workspace, "nobody")


def test_answers_from_the_cli_path_and_contests(db_workspace: Workspace) -> None:
    entities.add_vendor(db_workspace, id="acme", name="Acme")
    services.answer_question(db_workspace, "acme", "lab.attrition", "31")
    services.answer_question(db_workspace, "acme", "sec.pci", "n/a")
    with pytest.raises(InputError, match=r"lab\.attrition: expected a number"):
        services.answer_question(db_workspace, "acme", "lab.attrition", "lots")
    with pytest.raises(InputError, match="N/A is not allowed"):
        services.answer_question(db_workspace, "acme", "lab.weekly-hours", "n/a")
    with pytest.raises(NotFoundError, match="unknown question"):
        services.answer_question(db_workspace, "acme", "lab.nope", "1")
    answers = services.load_assessment(db_workspace, "acme").answers
    assert answers["lab.attrition"].value == Decimal(31) and answers["sec.pci"].na

    c = services.contest_item(
        db_workspace, "acme", "lab.attrition", "Figure includes seasonal staff"
    )
    assert c.status == "open"
    done = services.resolve_contest(
        db_workspace, c.id, status="upheld", resolution="Recomputed: 24 %"
    )
    assert (done.status, done.resolution) == ("upheld", "Recomputed: 24 %")
    assert done.resolved_at is not None
    with pytest.raises(VettingError, match="already upheld"):
        services.resolve_contest(db_workspace, c.id, status="rejected", resolution="no")
    assert [x.id for x in services.list_contests(db_workspace, "acme")] == [c.id]


def test_criticality_is_stored_per_engagement(db_workspace: Workspace) -> None:
    entities.add_vendor(db_workspace, id="acme", name="Acme")
    entities.add_site(
        db_workspace,
        id="acme-mnl",
        vendor_id="acme",
        name="Manila",
        location="Manila",
        country_iso2="PH",
        timezone="Asia/Manila",
        currency="PHP",
    )
    entities.add_engagement(
        db_workspace,
        id="telco-mnl",
        vendor_id="acme",
        name="Telco",
        timezone="Asia/Manila",
        channels=["voice"],
        languages=["en"],
        site_ids=["acme-mnl"],
    )
    # nothing measured yet (no lake rows, no sharing policy): medium, and it says so
    unmeasured = services.assess_criticality(db_workspace, "telco-mnl", as_of=AS_OF)
    assert unmeasured.tier == "medium" and unmeasured.overrides == ()
    now = datetime(2026, 10, 30, 9, 0, tzinfo=UTC)
    for dimension, value in (("data_sensitivity", "financial"), ("monthly_volume", "40000")):
        services.override_criticality(
            db_workspace,
            "telco-mnl",
            dimension=dimension,
            value=value,
            set_by="ana@client",
            reason="billing moves to Manila in November",
            now=now,
        )
    c = services.assess_criticality(db_workspace, "telco-mnl", as_of=AS_OF)
    assert c.tier == "critical" and c.review_months == 3
    assert {(o.dimension, o.set_by, o.set_at) for o in c.overrides} == {
        ("data_sensitivity", "ana@client", now),
        ("monthly_volume", "ana@client", now),
    }
    assert "override by ana@client on 2026-10-30" in c.sources["monthly_volume"]
    assert "not measured" in c.sources["vulnerable_share"]
    assert services.list_criticality(db_workspace, as_of=AS_OF) == [c]
    with pytest.raises(InputError, match="why"):
        services.override_criticality(
            db_workspace,
            "telco-mnl",
            dimension="monthly_volume",
            value="5",
            set_by="ana",
            reason=" ",
            now=now,
        )
    with pytest.raises(InputError, match=r"within 0\.\.1"):
        services.override_criticality(
            db_workspace,
            "telco-mnl",
            dimension="vulnerable_share",
            value="1.5",
            set_by="ana",
            reason="r",
            now=now,
        )


def test_demo_grades_criticality_of_registered_engagements(db_workspace: Workspace) -> None:
    entities.add_vendor(db_workspace, id="vistula", name="Vistula", country_iso2="PL")
    entities.add_site(
        db_workspace,
        id="vistula-krk",
        vendor_id="vistula",
        name="Krakow",
        location="Kraków",
        country_iso2="PL",
        timezone="Europe/Warsaw",
        currency="PLN",
    )
    entities.add_engagement(
        db_workspace,
        id="telco-krk",
        vendor_id="vistula",
        name="Telco KRK",
        timezone="Europe/Warsaw",
        channels=["voice"],
        languages=["en"],
        site_ids=["vistula-krk"],
    )
    load_demo_assessments(db_workspace, vendors=("vistula",))
    load_demo_assessments(db_workspace, vendors=("vistula",))  # a re-run records nothing new
    [crit] = services.list_criticality(db_workspace, as_of=AS_OF)
    # only the data sensitivity is typed in; no interactions here, so volume and
    # vulnerability are unmeasured (grade 2): medium
    assert (crit.engagement_id, crit.tier, crit.data_sensitivity) == (
        "telco-krk",
        "medium",
        "personal",
    )
    [override] = crit.overrides
    assert override.set_by == "demo scenario" and "touchpoints" in override.reason


def test_the_registers_version_changes_with_every_write_a_score_reads(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    """The web keeps rankings per registers version: each kind of write must move it, a
    read must not (SQLite and PostgreSQL)."""
    ws = db_workspace
    empty = ws.registers_version()
    load_demo_assessments(ws)
    seen = [empty, ws.registers_version()]
    services.answer_question(ws, "andes", "lab.attrition", "31")  # an answer replaced
    seen.append(ws.registers_version())
    services.set_assessment_scope(ws, "andes", scope=("andes-bog", "andes-lim"))
    seen.append(ws.registers_version())
    proof = tmp_path / "policy.pdf"
    proof.write_bytes(b"%PDF-1.4 policy")
    for status in ("document_provided", "verified_by_auditor"):  # the same document, re-recorded
        services.add_evidence(ws, "andes", proof, type="hr_policy", issuer="HR", scope=(),
                              valid_from=None, valid_until=None, status=status)  # fmt: skip
        seen.append(ws.registers_version())
    assert len(set(seen)) == len(seen), seen
    assert ws.registers_version() == seen[-1]  # reading does not move it
