"""Declared figures of questionnaire ethical-bpo@2 beside measured data: the worker pulse
against the declared eNPS, metered energy against declared kWh per contact and renewables.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fairshore.bootstrap import Workspace
from fairshore.people.pulse_services import pulse_of, submit_pulse
from fairshore.reporting import services as reports
from fairshore.reporting.model import Note, Table
from fairshore.reporting.wellbeing import pulse_blocks
from fairshore.vetting import energy_services as energy
from fairshore.vetting import services as vetting
from fairshore.vetting.answers import parse_value
from fairshore.vetting.model import Answer
from fairshore.vetting.rubric import get_rubric
from tests.integration.people.people_lake import setup_engagement

DECLARED = {"wel.enps": "30", "env.energy-per-contact": "0.4", "env.renewable-share": "50"}


def test_declared_enps_energy_and_renewables_beside_the_measured(
    workspace: Workspace, tmp_path: Path
) -> None:
    setup_engagement(workspace)
    rubric = get_rubric()
    assert rubric.ref == "ethical-bpo@2"
    vetting.save_answers(
        workspace, "vend",
        [Answer(q, parse_value(rubric.question(q), raw)) for q, raw in DECLARED.items()],
        rubric=rubric, scope=("site-mnl",),
    )  # fmt: skip
    for score in (10, 10, 9, 6, 2):  # 3 promoters, 2 detractors of 5: eNPS +20
        submit_pulse(workspace, "eng", score=score, today=date(2026, 3, 10))
    pulse = pulse_of(workspace, "eng")
    assert pulse.declared_enps == 30.0 and "wel.enps" in pulse.declared_source
    assert pulse.gap == -10.0  # measured +20 minus declared +30
    note = next(b for b in pulse_blocks(pulse) if isinstance(b, Note))
    assert "declared eNPS 30" in note.text and "measured minus declared -10 points" in note.text

    readings = tmp_path / "energy.csv"
    readings.write_text(
        "site_id,month,kwh,renewable_kwh,source\nsite-mnl,2026-01,40000,8000,meter\n"
    )
    assert energy.import_energy(workspace, readings).accepted == 1
    esg = reports.esg_report(workspace, vendor_id="vend", period="2026")
    table = next(
        b for b in esg.section("community").blocks
        if isinstance(b, Table) and b.title.startswith("Energy per contact")
    )  # fmt: skip
    # no contacts ingested: kWh per contact unmeasured; renewables 8,000 of 40,000 kWh
    assert table.rows == [[
        "site-mnl", 1, 40000, 0, None, "0.4 kWh (declared, without evidence)", "20.0 %",
        "50 % (declared, without evidence)", "meter",
    ]]  # fmt: skip
