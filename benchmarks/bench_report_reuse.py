"""The QBR, board pack and ESG summary on the demo: results shared within a report, against
each section computing its own.

A report is built inside one ``Workspace.reading()``: a people report or a claim
measurement that several sections read (the board's engagement lines and the claims it
checks, the ESG summary's claims and its scorecard) is computed once. The baseline is
the same use case without that stretch (``services.<report>.__wrapped__``: every section
computes what it reads, as before), in the same process on the same workspace. The TCO
section's measured pay is timed on its own too: the pay alone (``people_pay``) against
the whole people report it used to compute (``people_report``).

The workspace: ``FAIRSHORE_BENCH_DEMO`` (a built demo, copied first), else a demo built
here with ``fairshore demo --scale`` ``FAIRSHORE_BENCH_SCALE`` (default 0.01, minutes).
Times are CPU seconds of this process (DuckDB's threads included), steadier than wall
time on a shared machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fairshore.bootstrap import Workspace, open_workspace
from fairshore.config import load_settings
from fairshore.costs.scenario_file import parse_scenario
from fairshore.costs.services import demo_scenario_text
from fairshore.people.services import people_pay, people_report
from fairshore.reporting import services
from fairshore.reporting.render import get_renderer

QUARTER, YEAR = "2026-Q3", "2025-11..2026-10"


def _workspace(tmp: Path) -> Path:
    home = tmp / "ws"
    given = os.environ.get("FAIRSHORE_BENCH_DEMO")
    if given:
        shutil.copytree(given, home, symlinks=True)
        return home
    scale = os.environ.get("FAIRSHORE_BENCH_SCALE", "0.01")
    fairshore = Path(sys.executable).parent / "fairshore"
    subprocess.run(
        [str(fairshore), "demo", "--dir", str(home), "--scale", scale, "--fresh"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return home


def _cpu(run: Callable[[], Any]) -> tuple[float, Any]:
    started = time.process_time()
    out = run()
    return time.process_time() - started, out


def _compare(ws: Workspace, name: str, build: Callable[..., Any], **kwargs: Any) -> bool:
    html = get_renderer("html")
    base, old = _cpu(lambda: build.__wrapped__(ws, **kwargs))  # type: ignore[attr-defined]
    figure, new = _cpu(lambda: build(ws, **kwargs))
    same = html.render(old, paper="a4") == html.render(new, paper="a4")
    print(f"{name:<28} baseline {base:6.2f} s  shared {figure:6.2f} s  ratio {figure / base:.3f}")
    return same


def _tco_pay(ws: Workspace) -> bool:
    scenario = parse_scenario(demo_scenario_text(), path=Path("telco-demo.yaml"))
    engagements = sorted({p.engagement for p in scenario.providers.values() if p.engagement})
    base, whole = _cpu(lambda: [people_report(ws, e).pay for e in engagements])
    figure, alone = _cpu(lambda: [people_pay(ws, e).pay for e in engagements])
    print(f"{'TCO measured pay':<28} baseline {base:6.2f} s  pay only {figure:6.2f} s  "
          f"ratio {figure / base:.3f}")  # fmt: skip

    # What the TCO reads, to the cent: DuckDB's parallel sums may differ in the last bits.
    def cents(pays: list[Any]) -> list[tuple[str, float | None]]:
        return [
            (
                s.site_id,
                None if s.median_effective_pay is None else round(s.median_effective_pay, 2),
            )
            for pay in pays
            for s in pay.sites
        ]

    return cents(whole) == cents(alone)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(load_settings(home=_workspace(Path(tmp))))
        try:
            services.qbr_report(ws, engagement_id="telco-blr", quarter=QUARTER)  # warm up
            same = [
                _compare(ws, "QBR telco-blr 2026-Q3", services.qbr_report,
                         engagement_id="telco-blr", quarter=QUARTER),
                _compare(ws, "board pack 2026-Q3", services.board_report, quarter=QUARTER),
                _compare(ws, "ESG northwind year", services.esg_report,
                         vendor_id="northwind", period=YEAR),
                _tco_pay(ws),
            ]  # fmt: skip
        finally:
            ws.close()
    print(f"same reports and pay: {all(same)}")


if __name__ == "__main__":
    main()
