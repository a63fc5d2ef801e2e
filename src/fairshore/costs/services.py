"""Total-cost-of-ownership use cases: compare a scenario's options, draw the chart."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from fairshore.bootstrap import Workspace
from fairshore.costs.chart import tco_chart
from fairshore.costs.measured_pay import apply_measured_pay
from fairshore.costs.model import PayNote, Scenario, TcoReport
from fairshore.costs.montecarlo import compare_options
from fairshore.costs.scenario_file import load_scenario, parse_scenario
from fairshore.engagements.services import list_engagements
from fairshore.errors import FairshoreError, InputError
from fairshore.people.benchmarks import location_key
from fairshore.people.model import MeasuredPay
from fairshore.people.services import people_pay
from fairshore.vegalite import VERSION as VEGA_LITE_VERSION

DEMO_SCENARIO = "telco-demo.yaml"


def demo_scenario_text() -> str:
    """The shipped demo scenario: the four hubs of the demo plus in-house onshore."""
    return (
        resources.files("fairshore.costs").joinpath(f"scenarios/{DEMO_SCENARIO}").read_text("utf-8")
    )


def compare_scenario(
    path: Path | None,
    *,
    runs: int = 0,
    seed: int | None = None,
    ws: Workspace | None = None,
) -> TcoReport:
    """Cost every option of a scenario file (the demo scenario when ``path`` is None).

    With a workspace, a provider naming an ``engagement`` whose payroll is in the lake
    is costed at its measured pay; ``TcoReport.pay`` says which pay each provider used.
    """
    if runs < 0:
        raise InputError("--runs must be 0 (point estimates only) or more")
    scenario = (
        parse_scenario(demo_scenario_text(), path=Path(DEMO_SCENARIO))
        if path is None
        else load_scenario(path)
    )
    if ws is not None:
        scenario = _own_engagements(ws, scenario)
    measured = {} if ws is None else measure_provider_pay(ws, scenario)
    scenario, notes = apply_measured_pay(scenario, measured)
    report = compare_options(scenario, runs=runs, seed=seed)
    return report.model_copy(update={"pay": notes})


def _own_engagements(ws: Workspace, scenario: Scenario) -> Scenario:
    """The scenario naming only engagements of the workspace's organisation: another
    organisation's engagement (the packaged demo scenario names the demo's) is neither
    measured nor named in what this organisation reads."""
    own = {e.id for e in list_engagements(ws)}
    providers = {
        pid: p
        if p.engagement is None or p.engagement in own
        else p.model_copy(update={"engagement": None})
        for pid, p in scenario.providers.items()
    }
    return scenario.model_copy(update={"providers": providers})


def measure_provider_pay(ws: Workspace, scenario: Scenario) -> dict[str, PayNote]:
    """Measured monthly pay of every provider that names an engagement with payroll.

    The people measure's median effective pay (``people.services.people_pay``, the pay
    of the people report), over every month the lake holds, at the sites in the
    provider's location (all the engagement's sites when none matches), the median of
    the largest site.
    """
    found: dict[str, PayNote] = {}
    for pid, provider in scenario.providers.items():
        if provider.engagement is None:
            continue
        try:
            report = people_pay(ws, provider.engagement)
        except FairshoreError:
            continue
        note = _site_note(pid, provider.location, report)
        if note is not None and (
            note.currency == scenario.currency or note.currency in scenario.fx.rates
        ):
            found[pid] = note
    return found


def _site_note(provider_id: str, location: str, report: MeasuredPay) -> PayNote | None:
    sites = [s for s in report.pay.sites if s.median_effective_pay is not None and s.currency]
    here = [s for s in sites if s.location and location_key(s.location) == location_key(location)]
    if not (here or sites):
        return None
    site = max(here or sites, key=lambda s: s.agents)
    assert site.median_effective_pay is not None and site.currency is not None
    return PayNote(
        provider=provider_id,
        source="measured",
        monthly=round(site.median_effective_pay, 2),
        currency=site.currency,
        period=report.period.label,
        year=report.period.last_day.year,
        engagement_id=report.engagement_id,
        agents=site.agents,
        detail=(
            f"median effective monthly pay of {site.agents} agents at {site.site_id}, "
            f"{report.period.label} (people measure)"
        ),
    )


def write_chart(report: TcoReport, path: Path) -> Path:
    """Write the chart as a Vega-Lite spec (``.json``) or rendered (``.svg``)."""
    spec: dict[str, Any] = tco_chart(report)
    if path.suffix == ".json":
        path.write_text(json.dumps(spec, indent=2), encoding="utf-8")
        return path
    if path.suffix != ".svg":
        raise InputError(f"write the chart as .json (Vega-Lite) or .svg, not {path.suffix!r}")
    try:
        import vl_convert as vlc
    except ImportError:
        raise InputError(
            "rendering SVG needs vl-convert-python; write the Vega-Lite spec with a .json name"
        ) from None
    path.write_text(vlc.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION), encoding="utf-8")
    return path
