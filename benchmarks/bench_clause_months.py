"""People clauses of a year of months, all at once, against one month at a time.

Contract evaluation of a year (the demo's SLA step) measures each ethical clause of
each month. The baseline is what it did before: each people provider once per month
(a lake read and a few queries each); the figure is the many-period provider
(``people/clause_months.py``), one query per clause grouped by month, over the same
roster and agent months (``bench_people``'s generator). Size: ``FAIRSHORE_BENCH_AGENTS``
agents (default 1000) and ``FAIRSHORE_BENCH_ROWS`` interactions (default 50000).
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.bench_people import MONTHS, _generate, setup_engagement
from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.people import services
from fairshore.people.clause_months import many_provider
from fairshore.people.model import month_end

SPANS: list[tuple[date, date]] = [(m, month_end(m)) for m in MONTHS]


def main() -> None:
    agents = int(os.environ.get("FAIRSHORE_BENCH_AGENTS", "1000"))
    interactions = int(os.environ.get("FAIRSHORE_BENCH_ROWS", "50000"))
    with tempfile.TemporaryDirectory() as tmp:
        ws = init_workspace(load_settings(home=Path(tmp) / "ws"))
        setup_engagement(ws)
        _generate(ws, agents, interactions)
        started = time.perf_counter()
        alone = {
            key: [provider(ws, "eng", s, e) for s, e in SPANS]
            for key, provider in services.CLAUSE_PROVIDERS.items()
        }
        base = time.perf_counter() - started
        started = time.perf_counter()
        together = {key: many_provider(key)(ws, "eng", SPANS) for key in alone}
        figure = time.perf_counter() - started
        ws.close()
    same = all(
        (a is None and b is None) or (a and b and abs(a.value - b.value) <= 1e-9 * abs(b.value))
        for key in alone
        for a, b in zip(together[key], alone[key], strict=True)
    )
    print(f"agents={agents} interactions={interactions} months=12 clauses={len(alone)}")
    print(f"baseline one month at a time: {base:.2f} s")
    print(f"all months at once:           {figure:.2f} s  ratio {figure / base:.3f}")
    print(f"same measurements: {same}")


if __name__ == "__main__":
    main()
