"""``fairshore tco``: total cost of ownership of sourcing options, with Monte Carlo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fairshore.bootstrap import Workspace
from fairshore.costs import services
from fairshore.costs.model import Quantiles, TcoReport
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.errors import WorkspaceError


def register(app: typer.Typer) -> None:
    """Add the ``tco`` command."""
    app.command("tco")(tco_cmd)


def tco_cmd(
    ctx: typer.Context,
    scenario: Annotated[
        Path | None,
        typer.Argument(help="Scenario YAML (default: the shipped telco demo scenario)."),
    ] = None,
    runs: Annotated[int, typer.Option(help="Monte Carlo runs (0: point estimates only).")] = 2000,
    seed: Annotated[int | None, typer.Option(help="Random seed, for reproducible runs.")] = 1,
    chart: Annotated[
        Path | None, typer.Option(help="Write the chart: FILE.json (Vega-Lite) or FILE.svg.")
    ] = None,
    typed_in: Annotated[
        bool,
        typer.Option(
            "--typed-in",
            help="Cost the scenario's typed-in agent pay even where the workspace holds payroll.",
        ),
    ] = False,
    as_json: bool = JsonOption,
) -> None:
    """Compare sourcing options: cost lines, P10/P50/P90 annual cost, savings, payback.

    In a workspace, a provider naming an `engagement` is costed at its measured pay
    (the people measure); the output says which pay each provider used.
    """
    ws = None if typed_in else _workspace(ctx)
    report = services.compare_scenario(scenario, runs=runs, seed=seed, ws=ws)
    if chart is not None:
        services.write_chart(report, chart)
    if as_json:
        print_json(report)
        return
    _print(report)
    if chart is not None:
        console.print(f"chart written to {chart}")


def _workspace(ctx: typer.Context) -> Workspace | None:
    """The workspace when there is one; the TCO also runs without (typed-in pay)."""
    try:
        return state(ctx).workspace()
    except WorkspaceError:
        return None


def _money(value: float | None) -> str:
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return "never"
    return f"{value:,.0f}"


def _range(q: Quantiles | None, *, months: bool = False) -> str:
    if q is None:
        return "—"
    fmt = (lambda v: "never" if v == float("inf") else f"{v:.1f}") if months else _money
    return f"{fmt(q.p10)} / {fmt(q.p50)} / {fmt(q.p90)}"


def _print(report: TcoReport) -> None:
    cur = report.currency
    rows = [
        {
            "option": o.label,
            "agents": f"{o.agents:.0f}",
            "FTE": f"{o.fte:.0f}",
            f"annual ({cur})": _money(o.annual_cost),
            "of which living-wage premium": _money(o.lines["ethical_premium"]),
            "P10 / P50 / P90": _range(o.annual_cost_range),
            "savings": _money(o.savings),
            "transition": _money(o.transition_cost),
            "payback (months)": "—"
            if o.option_id == report.baseline
            else (f"{o.payback_months:.1f}" if o.payback_months is not None else "never"),
        }
        for o in report.options
    ]
    print_table(f"{report.scenario} (baseline: {report.baseline})", rows)
    lines = [
        {"option": o.label, **{k: _money(v) for k, v in o.lines.items()}} for o in report.options
    ]
    print_table(f"Annual cost lines ({cur})", lines)
    if report.pay:
        print_table(
            "Agent pay used",
            [
                {
                    "provider": p.provider,
                    "source": p.source.replace("_", "-"),
                    "monthly": "—" if p.monthly is None else f"{p.monthly:,.0f} {p.currency}",
                    "period": p.period or "—",
                    "detail": p.detail,
                }
                for p in report.pay
            ],
        )
    bench = [
        {
            "provider": b.provider,
            "location": b.location,
            "benchmark": f"{b.monthly:,.0f} {b.currency}/month",
            "kind": b.metric,
            "year": b.year,
            "warnings": "; ".join(b.warnings) or "—",
            "source": b.source,
        }
        for b in report.benchmarks
    ]
    print_table("Living-wage benchmarks", bench)
    console.print(
        f"Rates as of {report.fx_as_of} ({report.fx_source}); "
        + (f"{report.runs} runs, seed {report.seed}." if report.runs else "point estimates.")
    )
