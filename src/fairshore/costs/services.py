"""Total-cost-of-ownership use cases: compare a scenario's options, draw the chart."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from fairshore.costs.chart import tco_chart
from fairshore.costs.model import TcoReport
from fairshore.costs.montecarlo import compare_options
from fairshore.costs.scenario_file import load_scenario, parse_scenario
from fairshore.errors import InputError

DEMO_SCENARIO = "telco-demo.yaml"


def demo_scenario_text() -> str:
    """The shipped demo scenario: the four hubs of the demo plus in-house onshore."""
    return (
        resources.files("fairshore.costs").joinpath(f"scenarios/{DEMO_SCENARIO}").read_text("utf-8")
    )


def compare_scenario(path: Path | None, *, runs: int = 0, seed: int | None = None) -> TcoReport:
    """Cost every option of a scenario file (the demo scenario when ``path`` is None)."""
    if runs < 0:
        raise InputError("--runs must be 0 (point estimates only) or more")
    scenario = (
        parse_scenario(demo_scenario_text(), path=Path(DEMO_SCENARIO))
        if path is None
        else load_scenario(path)
    )
    return compare_options(scenario, runs=runs, seed=seed)


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
    path.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")
    return path
