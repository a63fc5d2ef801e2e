"""What every detecting command shares: handing its findings to the one register road.

``sla evaluate``, ``parity``, ``people``, ``staff check``, ``qa``, ``privacy anomalies``
and ``privacy incidents``, ``vet claims`` and ``voice overdue`` record what they detect
through ``governance.record_findings`` (the same call the web, scheduled runs and the
demo make); ``--no-record`` only shows it.
"""

from __future__ import annotations

from collections.abc import Iterable

import typer

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.output import err_console
from fairshore.governance.model import Finding
from fairshore.governance.recording import RecordOutcome, record_findings

RecordOption = typer.Option(
    True,
    "--record/--no-record",
    help="Store the findings in the findings register (default), or only show them.",
)


def record_detected(
    ws: Workspace, detected: Iterable[Finding], *, record: bool, quiet: bool = False
) -> RecordOutcome | None:
    """Record ``detected`` when asked and, unless ``quiet`` (``--json``), say on stderr
    what the register did."""
    if not record:
        return None
    outcome = record_findings(ws, detected)
    if outcome.findings and not quiet:
        err_console.print(
            f"Findings register: {len(outcome.opened)} opened, {len(outcome.reopened)} "
            f"re-opened, {len(outcome.updated)} updated (see 'fairshore findings list').",
            highlight=False,
        )
    return outcome
