"""Per-contact outcomes as Ibis expressions: the one home of their definitions.

Each builder takes the canonical ``interactions`` table (or a relation carrying its
columns) and returns an expression per contact. KPIs aggregate them (``kpis``),
parity picks one and names its service-level variant (``parity.outcomes``), staffing
groups them into intervals (``staffing.measured``) and QA stratifies by them
(``quality.services``). Definitions follow ``shared/reference/kpi-definitions.md``:

* *answered*: the contact has ``answered_at``; *abandoned*: ``abandoned_at`` and no
  ``answered_at``.
* *wait*: the answer delay, or the time to abandon for an abandoned contact.
* *service level* (ICMI variants 1-5): a rate, each contact eligible or not and a
  success or not, against a threshold ``T`` (seconds, a number or a per-row expression).
* *FCR* per method, *CSAT top-2*, *handle time*, and how a contact ended
  (escalated, transferred, resolved, unresolved).

A rate outcome is a :class:`Rate` (eligible, success); summing each over a group
gives the group's rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import ibis

from fairshore.adapters.lake.functions import epoch_us
from fairshore.metrics.model import LIVE_CHANNELS

if TYPE_CHECKING:
    import ibis.expr.types as ir

SlVariant = Literal[1, 2, 3, 4, 5]
SL_VARIANTS: tuple[SlVariant, ...] = (1, 2, 3, 4, 5)
FcrMethod = Literal["source", "no_reopen", "repeat_contact", "source_else_solved_once"]
CSAT_TOP2_MIN = 4  # top-2-box of a 1-5 scale: scores 4 and 5


@dataclass(frozen=True)
class Rate:
    """A rate outcome per contact: counts in the denominator, counts as a success."""

    eligible: ir.BooleanValue
    success: ir.BooleanValue


def seconds_between(start: ir.TimestampValue, end: ir.TimestampValue) -> ir.FloatingValue:
    """Seconds from ``start`` to ``end``, exact to the microsecond (null if either is).

    Epoch microseconds are far cheaper than a calendar-aware date difference.
    """
    result: ir.FloatingValue = (epoch_us(end) - epoch_us(start)).cast("float64") / 1_000_000
    return result


def answered(t: ir.Table) -> ir.BooleanValue:
    """Connected (voice, chat) or given a first public reply (e-mail, tickets)."""
    result: ir.BooleanValue = t.answered_at.notnull()
    return result


def abandoned(t: ir.Table) -> ir.BooleanValue:
    """Left before being answered: ``abandoned_at`` and no ``answered_at``."""
    result: ir.BooleanValue = t.abandoned_at.notnull() & t.answered_at.isnull()
    return result


def live(t: ir.Table) -> ir.BooleanValue:
    """On a live channel (voice, chat, messaging); unknown channels are not live."""
    result: ir.BooleanValue = t.channel.isin(list(LIVE_CHANNELS)).fill_null(False)
    return result


def answer_wait_s(t: ir.Table) -> ir.FloatingValue:
    """Seconds from arrival to answer (first response); null unless answered."""
    return seconds_between(t.arrived_at, t.answered_at)


def abandon_wait_s(t: ir.Table) -> ir.FloatingValue:
    """Seconds from arrival to abandon; null unless abandoned."""
    result: ir.FloatingValue = ibis.ifelse(
        abandoned(t), seconds_between(t.arrived_at, t.abandoned_at), None
    )
    return result


def wait_s(t: ir.Table) -> ir.FloatingValue:
    """Queue wait: the answer delay, or the time to abandon (null when neither)."""
    result: ir.FloatingValue = ibis.coalesce(answer_wait_s(t), abandon_wait_s(t))
    return result


def resolution_s(t: ir.Table) -> ir.FloatingValue:
    """Seconds from arrival to resolution (calendar time); null unless resolved."""
    return seconds_between(t.arrived_at, t.resolved_at)


def handled(t: ir.Table) -> ir.BooleanValue:
    """Answered with a reported handle time: the AHT denominator."""
    result: ir.BooleanValue = answered(t) & t.handle_seconds.notnull()
    return result


def handle_s(t: ir.Table) -> ir.NumericValue:
    """Handle time (talk + hold + after-contact work) of answered contacts, else null."""
    result: ir.NumericValue = ibis.ifelse(answered(t), t.handle_seconds, None)
    return result


def answered_within(t: ir.Table, threshold_s: float | ir.NumericValue) -> ir.BooleanValue:
    """Answered with a wait of at most ``threshold_s`` seconds."""
    result: ir.BooleanValue = answered(t) & (answer_wait_s(t) <= threshold_s)
    return result


def abandoned_within(t: ir.Table, threshold_s: float | ir.NumericValue) -> ir.BooleanValue:
    """Abandoned after at most ``threshold_s`` seconds."""
    result: ir.BooleanValue = abandoned(t) & (abandon_wait_s(t) <= threshold_s)
    return result


def service_level(
    t: ir.Table,
    *,
    variant: SlVariant,
    threshold_s: float | ir.NumericValue,
    short_abandon_s: float = 0.0,
) -> Rate:
    """Service-level success per contact under ICMI variant ``variant`` and ``T``.

    1. abandons within T count as met; 2. abandons ignored entirely; 3. every abandon
    is a miss; 4. abandons within T leave the denominator; 5. only short abandons
    (within ``short_abandon_s``) are credited.
    """
    ans, abd = answered(t), abandoned(t)
    met = answered_within(t, threshold_s)
    offered = ans | abd
    if variant == 1:
        return Rate(offered, met | abandoned_within(t, threshold_s))
    if variant == 2:
        return Rate(ans, met)
    if variant == 3:
        return Rate(offered, met)
    if variant == 4:
        return Rate(ans | (abd & (abandon_wait_s(t) > threshold_s)), met)
    if variant == 5:
        return Rate(offered, met | abandoned_within(t, short_abandon_s))
    raise ValueError(f"no ICMI service-level variant {variant!r}: use 1-5")


def fcr(
    t: ir.Table,
    *,
    method: FcrMethod,
    next_arrival: ir.TimestampValue | None = None,
    repeat_window_days: float = 7,
) -> Rate:
    """First-contact resolution per contact by ``method``.

    ``source``: the source's own flag, over answered contacts that carry it.
    ``no_reopen``: resolved and never reopened, over answered contacts with a reopen count.
    ``repeat_contact``: no next contact (``next_arrival``, the same customer's) within
    ``repeat_window_days``, over answered contacts with a customer.
    ``source_else_solved_once``: the source's flag where given, else resolved and not
    reopened (a missing reopen count read as none), over contacts with either.
    """
    ans = answered(t)
    if method == "source":
        flag = t.first_contact_resolved
        return Rate(ans & flag.notnull(), ans & flag)
    if method == "no_reopen":
        solved = t.resolved_at.notnull() & (t.reopened_count.fill_null(-1) == 0)
        return Rate(ans & t.reopened_count.notnull(), ans & solved)
    if method == "repeat_contact":
        if next_arrival is None:
            raise ValueError("the repeat-contact method needs each contact's next arrival")
        window_s = repeat_window_days * 86400
        repeat = next_arrival.notnull() & (seconds_between(t.arrived_at, next_arrival) <= window_s)
        base = ans & t.customer_ref.notnull()
        return Rate(base, base & ~repeat.fill_null(False))
    if method == "source_else_solved_once":
        solved_once = t.resolved_at.notnull() & (t.reopened_count.fill_null(0) == 0)
        flag = t.first_contact_resolved
        return Rate(flag.notnull() | t.resolved_at.notnull(), flag.fill_null(solved_once))
    raise ValueError(f"no FCR method {method!r}")


def csat_top2(t: ir.Table) -> Rate:
    """CSAT top-2-box: a response of 4 or 5 among contacts with a response."""
    return Rate(t.csat.notnull(), (t.csat >= CSAT_TOP2_MIN).fill_null(False))


def handling_result(t: ir.Table) -> ir.StringValue:
    """How the contact ended, one label each: ``escalated``, ``transferred``,
    ``resolved`` (resolved, or flagged first-contact resolved) or ``unresolved``.

    The first that applies wins, in that order (QA stratifies its audit samples by it).
    """
    result: ir.StringValue = ibis.cases(
        (t.escalated.fill_null(False), "escalated"),
        (t.transferred.fill_null(False), "transferred"),
        (t.resolved_at.notnull() | t.first_contact_resolved.fill_null(False), "resolved"),
        else_="unresolved",
    )
    return result
