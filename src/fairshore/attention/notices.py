"""The words of each e-mail: subject, plain-text body and the link to act on.

Links start with ``FAIRSHORE_BASE_URL``; the page they open asks to sign in first and
comes back (deep links survive sign-in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fairshore import web_paths
from fairshore.attention.model import Notice
from fairshore.config import Settings
from fairshore.governance.model import FindingRecord
from fairshore.vetting.submissions import Contest

if TYPE_CHECKING:
    from fairshore.attention.home import MyWork

SIGNATURE = "\n--\nFairshore. You get this because you own or answer for this item."


def link(settings: Settings, path: str) -> str:
    """An absolute link to ``path`` of the web app."""
    return web_paths.absolute(settings.base_url, path)


def finding_link(settings: Settings, record: FindingRecord) -> str:
    return link(settings, web_paths.finding(record.id))


def _about(record: FindingRecord) -> str:
    f = record.finding
    return (
        f"Finding {record.id} ({f.severity}, {f.engagement_id or 'portfolio'}): {f.title}\n"
        f"Status: {record.display_status.replace('_', ' ')}; due {record.due_on}"
    )


def assigned(settings: Settings, record: FindingRecord, *, by: str) -> Notice:
    """To a finding's new owner."""
    assert record.assignee is not None
    return Notice(
        kind="assigned",
        ref=f"finding:{record.id}",
        to=record.assignee,
        subject=f"[Fairshore] Finding {record.id} assigned to you: {record.finding.title}"[:250],
        body=f"{by} assigned you a finding.\n\n{_about(record)}\n\n"
        f"Open it: {finding_link(settings, record)}\n{SIGNATURE}",
    )


def responded(settings: Settings, record: FindingRecord, *, to: str, by: str) -> Notice:
    """To a finding's owner, when the vendor responds to it."""
    return Notice(
        kind="responded",
        ref=f"finding:{record.id}",
        to=to,
        subject=f"[Fairshore] The vendor responded to finding {record.id}"[:250],
        body=f"{by} responded to a finding you own.\n\n{_about(record)}\n"
        f"Corrective action: {record.corrective_action or '(none yet)'}\n\n"
        f"Read the response: {finding_link(settings, record)}\n{SIGNATURE}",
    )


def contested(settings: Settings, contest: Contest, *, to: str, by: str) -> Notice:
    """To the people who answer contests, when a vendor contests an item of its score."""
    return Notice(
        kind="contested",
        ref=f"contest:{contest.id}",
        to=to,
        subject=f"[Fairshore] {contest.vendor_id} contests {contest.question_id}"[:250],
        body=f"{by} contested an item of vendor {contest.vendor_id}'s scorecard.\n\n"
        f"Item: {contest.question_id}\nReason: {contest.reason}\n\n"
        f"Answer it: {link(settings, f'/scorecards/{contest.vendor_id}#contests')}\n{SIGNATURE}",
    )


def due(settings: Settings, record: FindingRecord) -> Notice:
    """To a finding's owner, once, when it falls due (or is found overdue)."""
    assert record.assignee is not None
    when = "is overdue" if record.overdue else f"is due on {record.due_on}"
    return Notice(
        kind="due",
        ref=f"finding:{record.id}:{record.due_on}",
        to=record.assignee,
        subject=f"[Fairshore] Finding {record.id} {when}"[:250],
        body=f"A finding you own {when}.\n\n{_about(record)}\n\n"
        f"Open it: {finding_link(settings, record)}\n{SIGNATURE}",
    )


def digest(settings: Settings, work: MyWork, *, week: str) -> Notice:
    """A user's weekly digest: the same lists as their home page."""
    lines = [f"Your Fairshore week {week}.", ""]
    for title, items in work.sections():
        lines.append(f"{title} ({len(items)})")
        lines += [f"  - {i.title} (due {i.due_on}) {link(settings, i.href)}" for i in items[:20]]
        if len(items) > 20:
            lines.append(f"  ... and {len(items) - 20} more")
        lines.append("")
    lines.append(f"Your home page: {link(settings, '/')}")
    return Notice(
        kind="digest",
        ref=f"digest:{week}",
        to=work.email,
        subject=f"[Fairshore] Your week {week}: {work.headline}",
        body="\n".join(lines) + "\n" + SIGNATURE,
    )
