"""Measured pay in the TCO: where payroll exists, costs use it instead of a typed-in figure.

The measurement is the people feature's (``people.services.people_report``: the median
effective monthly pay of a site's agents); this module only chooses it, swaps it into
the scenario and says, per provider, which pay was used and from which period.
"""

from __future__ import annotations

from collections.abc import Mapping

from fairshore.costs.model import Pay, PayNote, Scenario


def typed_in_note(provider_id: str, scenario: Scenario, *, detail: str = "") -> PayNote:
    """The note of a provider whose costs use the scenario's own ``agent_pay``."""
    pay = scenario.providers[provider_id].agent_pay
    amount = pay.amount if isinstance(pay.amount, int | float) else None
    return PayNote(
        provider=provider_id,
        source="typed_in",
        monthly=float(amount) if amount is not None and pay.period == "month" else None,
        currency=pay.currency,
        detail=detail or f"agent_pay as typed in the scenario (per {pay.period})",
    )


def apply_measured_pay(
    scenario: Scenario, measured: Mapping[str, PayNote]
) -> tuple[Scenario, list[PayNote]]:
    """The scenario with measured monthly pay in place of ``agent_pay`` where measured.

    ``measured`` maps provider ids to measured notes; a provider absent from it keeps
    its typed-in pay, and its note says why when it names an engagement.
    """
    providers = dict(scenario.providers)
    notes: list[PayNote] = []
    for pid, provider in scenario.providers.items():
        note = measured.get(pid)
        if note is None or note.monthly is None:
            why = (
                f"no payroll measured for engagement {provider.engagement!r}: typed-in pay used"
                if provider.engagement
                else ""
            )
            notes.append(typed_in_note(pid, scenario, detail=why))
            continue
        providers[pid] = provider.model_copy(
            update={
                "agent_pay": Pay(amount=note.monthly, currency=note.currency, period="month"),
                "benchmark_year": note.year,
            }
        )
        notes.append(note)
    return scenario.model_copy(update={"providers": providers}), notes
