"""Where each report's figures live in the web app: a section's live pages, a table row's.

The paths come from :mod:`fairshore.web_paths` (the app's one spelling of them). A
report only names them; the page showing it decides who may follow them (every target
page checks its reader), and a renderer puts the app's base URL in front for a file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fairshore import web_paths
from fairshore.metrics.periods import Period
from fairshore.reporting.model import Block, Cell, Link, Section, Table

# Report tables name their rows' live pages by a column's title: "id" is the findings
# register's id in every report (``qbr_findings.FINDING_COLUMNS`` and the findings
# tables), "engagement" an engagement, "vendor" a vendor. The first one found links.
ROW_PAGES: tuple[tuple[str, Callable[[Cell], str]], ...] = (
    ("id", lambda v: web_paths.finding(int(str(v)))),
    ("engagement", lambda v: web_paths.engagement(str(v))),
    ("vendor", lambda v: web_paths.scorecard(str(v))),
)


def _linked_rows(table: Table) -> Table:
    if table.row_links:
        return table  # the builder named them itself (e.g. each SLA term's month)
    for column, page in ROW_PAGES:
        if column in table.columns:
            i = table.columns.index(column)
            links = [None if row[i] in (None, "") else page(row[i]) for row in table.rows]
            return table.model_copy(update={"row_links": links, "link_column": i})
    return table


def _linked(block: Block) -> Block:
    return _linked_rows(block) if isinstance(block, Table) else block


def with_links(sections: list[Section], links: Mapping[str, list[Link]]) -> list[Section]:
    """The sections with their live pages, and each table's rows linked to theirs."""
    return [
        s.model_copy(
            update={
                "links": [*s.links, *links.get(s.id, [])],
                "blocks": [_linked(b) for b in s.blocks],
            }
        )
        for s in sections
    ]


def qbr_links(engagement_id: str, quarter: Period, *, people: bool) -> dict[str, list[Link]]:
    """The live pages of each QBR section; the agent-months behind the quarter's
    welfare figures when it has people data (``people``)."""
    e = engagement_id
    months = quarter.month_labels()
    span = f"{months[0]}..{months[-1]}"
    back = web_paths.qbr(e, quarter.label)
    welfare = [Link(href=web_paths.engagement(e, "people"), text="Welfare and pay")]
    if people:
        welfare += [
            Link(
                href=web_paths.agent_months(e, measure, span, back=back),
                text=f"The agent-months behind {words}, {span}",
            )
            for measure, words in (("occupancy", "occupancy"), ("living_wage", "pay"))
        ]
    contract = Link(href=web_paths.engagement(e, "contract"), text="Contract and evaluations")
    return {
        "summary": [Link(href=web_paths.kpis(e, dim="channel"), text="KPI trends by channel")],
        "sla": [contract],
        "changes": [contract],
        "parity": [Link(href=web_paths.engagement(e, "parity"), text="Fairness of service")],
        "people": welfare,
        "privacy": [Link(href=web_paths.engagement(e, "privacy"), text="Data protection")],
        "findings": [
            Link(
                href=web_paths.findings(engagement_id=e, status="all"),
                text="The findings register",
            )
        ],
        "staffing": [Link(href=web_paths.engagement(e, "staffing"), text="Staffing")],
    }


def board_links() -> dict[str, list[Link]]:
    """The live pages of each board-pack section."""
    return {
        "portfolio": [Link(href="/", text="The portfolio")],
        "risks": [Link(href=web_paths.findings(), text="The findings register")],
        "vendors": [Link(href=web_paths.scorecard(), text="Vendor scorecards")],
        "tco": [Link(href=web_paths.tco(), text="Total cost of ownership")],
    }


def esg_links(vendor_id: str, engagement_ids: list[str]) -> dict[str, list[Link]]:
    """The live pages of each ESG-summary section: the vendor's engagements' pages."""

    def each(page: str, words: str) -> list[Link]:
        return [
            Link(href=web_paths.engagement(e, page), text=f"{words}: {e}") for e in engagement_ids
        ]

    card = [Link(href=web_paths.scorecard(vendor_id), text="The vendor's scorecard")]
    return {
        "labour": each("people", "Welfare and pay"),
        "wellbeing": each("people", "Welfare and pay"),
        "parity": each("parity", "Fairness of service"),
        "claims": card,
        "environment": card,
    }
