"""The canonical event tables: every column, its type and its meaning.

Times are UTC timestamps (microseconds); durations are seconds. ``*_ref`` columns
are pseudonymous ids. Segment columns (``seg_*``) are declared per engagement and
are strings. ``docs/data-model.md`` is generated from this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["string", "timestamp", "date", "float", "int", "bool"]


@dataclass(frozen=True)
class Column:
    """One canonical column."""

    name: str
    type: ColumnType
    required: bool
    meaning: str
    allowed: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TableSchema:
    """A canonical table: its columns, its key and the time column it is partitioned by."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    time_column: str
    meaning: str

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


UPDATED_AT = Column(
    "updated_at",
    "timestamp",
    False,
    "When the source last changed the record; a newer version replaces an older one.",
)

CHANNELS = ("voice", "chat", "email", "messaging", "social", "web_form", "other")
EMPLOYMENT_TYPES = ("employee", "agency", "contractor", "freelancer")
EXIT_REASONS = ("voluntary", "involuntary", "end_of_contract")
ACTIONS = ("view", "search", "export", "update", "delete")
EVALUATOR_SIDES = ("vendor", "client", "auditor")

INTERACTIONS = TableSchema(
    name="interactions",
    key=("engagement_id", "interaction_id"),
    time_column="arrived_at",
    meaning="One customer contact (call, chat, email, ticket) as the vendor handled it.",
    columns=(
        Column("interaction_id", "string", True, "Id of the contact, unique per engagement."),
        Column("engagement_id", "string", True, "The engagement the contact belongs to."),
        Column("site_id", "string", False, "Vendor site that handled it."),
        Column("channel", "string", True, "Contact channel.", CHANNELS),
        Column("queue", "string", False, "Queue, skill or group the contact was routed to."),
        Column("language", "string", False, "Customer's language (BCP 47)."),
        Column("priority", "string", False, "Priority or tier given by the source."),
        Column("reason", "string", False, "Contact reason or ticket type."),
        Column("customer_ref", "string", False, "Pseudonymous customer id."),
        Column("agent_ref", "string", False, "Pseudonymous id of the agent who handled it."),
        Column("arrived_at", "timestamp", True, "Offered (voice, chat) or created (tickets)."),
        Column(
            "answered_at",
            "timestamp",
            False,
            "Connected to an agent, or first public reply for tickets.",
        ),
        Column("abandoned_at", "timestamp", False, "Customer left before being answered."),
        Column("ended_at", "timestamp", False, "Contact ended (call hung up, chat closed)."),
        Column("handle_seconds", "float", False, "Talk + hold + after-contact work, seconds."),
        Column("resolved_at", "timestamp", False, "First solved (tickets) or resolved."),
        Column("reopened_count", "int", False, "Times the ticket was reopened after solving."),
        Column("escalated", "bool", False, "Escalated to a higher tier or another team."),
        Column("transferred", "bool", False, "Transferred to another queue or agent."),
        Column(
            "first_contact_resolved",
            "bool",
            False,
            "Resolved on first contact, when the source says.",
        ),
        Column("csat", "float", False, "Satisfaction, 1-5 (legacy good/bad mapped to 5/1)."),
        Column("nps", "float", False, "Likelihood to recommend, 0-10."),
        UPDATED_AT,
        Column("batch_id", "string", True, "The ingest batch that brought the row."),
    ),
)

AGENTS = TableSchema(
    name="agents",
    key=("engagement_id", "agent_ref"),
    time_column="hired_on",
    meaning="The vendor's roster: one row per agent and engagement.",
    columns=(
        Column("agent_ref", "string", True, "Pseudonymous agent id."),
        Column("engagement_id", "string", True, "Engagement the agent works on."),
        Column("site_id", "string", False, "Site the agent works at."),
        Column("role", "string", False, "agent, team_lead, supervisor, qa ..."),
        Column("employment_type", "string", True, "Employment model.", EMPLOYMENT_TYPES),
        Column("hired_on", "date", True, "First day on the engagement."),
        Column("left_on", "date", False, "Last day, when the agent left."),
        Column("exit_reason", "string", False, "Why the agent left.", EXIT_REASONS),
        Column("supervisor_ref", "string", False, "The agent's supervisor."),
        Column(
            "employer",
            "string",
            False,
            "Employer of record: the vendor, or the agency or subcontractor that employs the "
            "agent (the `subcontracting` clause reads it).",
        ),
        Column(
            "home_location",
            "string",
            False,
            "Where the agent lives, named as the site's `location` is (city, or region in "
            "brackets): a hire is local when it names the site's city or region (ESG).",
        ),
        Column(
            "promoted_on",
            "date",
            False,
            "Day the agent moved up from an agent post into this role (team lead, "
            "supervisor, QA ...); empty when hired into it (ESG promotions).",
        ),
        UPDATED_AT,
        Column("batch_id", "string", True, "The ingest batch that brought the row."),
    ),
)

# Training topics the contract may set minimums for; each is an optional agent_months
# column ``training_hours_<topic>`` (hours of ``training_hours`` spent on the topic).
TRAINING_TOPICS = ("brand_voice", "ethics", "data_protection", "empathy", "language", "culture")

AGENT_MONTHS = TableSchema(
    name="agent_months",
    key=("engagement_id", "agent_ref", "month"),
    time_column="month",
    meaning="Hours, training and pay of one agent in one calendar month.",
    columns=(
        Column("agent_ref", "string", True, "Pseudonymous agent id."),
        Column("engagement_id", "string", True, "Engagement the agent works on."),
        Column("month", "date", True, "First day of the month."),
        Column("scheduled_hours", "float", False, "Hours on the schedule."),
        Column("paid_hours", "float", False, "Hours paid, overtime included."),
        Column("logged_in_hours", "float", False, "Hours logged in to the ACD or helpdesk."),
        Column("overtime_hours", "float", False, "Hours beyond the contractual week."),
        Column("days_off", "int", False, "Days off in the month."),
        Column("max_weekly_hours", "float", False, "Most hours worked in any one week."),
        Column("training_hours", "float", False, "Paid training hours."),
        *[
            Column(
                f"training_hours_{topic}",
                "float",
                False,
                f"Of the training hours, those on {topic.replace('_', ' ')}.",
            )
            for topic in TRAINING_TOPICS
        ],
        Column("sick_days", "float", False, "Days of sick leave."),
        Column("gross_pay", "float", False, "Gross pay for the month, local currency."),
        Column("currency", "string", False, "ISO 4217 currency of gross_pay."),
        UPDATED_AT,
        Column("batch_id", "string", True, "The ingest batch that brought the row."),
    ),
)

ACCESS_EVENTS = TableSchema(
    name="access_events",
    key=("engagement_id", "event_id"),
    time_column="at",
    meaning="An agent's access to customer records in the client's systems.",
    columns=(
        Column("event_id", "string", True, "Id of the event, unique per engagement."),
        Column("engagement_id", "string", True, "Engagement of the agent."),
        Column("agent_ref", "string", True, "Agent who accessed."),
        Column("at", "timestamp", True, "When."),
        Column("action", "string", True, "What was done.", ACTIONS),
        Column("record_ref", "string", False, "Pseudonymous id of the record (customer)."),
        Column("records_count", "int", False, "Records touched (exports and searches)."),
        Column("source", "string", False, "Site or network label the access came from."),
        Column("site_id", "string", False, "Vendor site the access came from, when at a site."),
        Column(
            "country",
            "string",
            False,
            "ISO 3166 alpha-2 country the access came from, as the vendor's systems log it "
            "(the `data_residency` clause reads it).",
        ),
        UPDATED_AT,
        Column("batch_id", "string", True, "The ingest batch that brought the row."),
    ),
)

QA_EVALUATIONS = TableSchema(
    name="qa_evaluations",
    key=("engagement_id", "evaluation_id"),
    time_column="evaluated_at",
    meaning="One quality evaluation of one interaction on a QA form, by the vendor, the "
    "client or an auditor.",
    columns=(
        Column("evaluation_id", "string", True, "Id of the evaluation, unique per engagement."),
        Column("interaction_id", "string", True, "The interaction evaluated."),
        Column("engagement_id", "string", True, "Engagement of the interaction."),
        Column("agent_ref", "string", False, "Agent whose work was evaluated."),
        Column("evaluator_ref", "string", False, "Pseudonymous id of the evaluator."),
        Column("evaluator_side", "string", True, "Who scored.", EVALUATOR_SIDES),
        Column("form_id", "string", True, "QA form used."),
        Column("form_version", "string", False, "Version of the QA form."),
        Column("evaluated_at", "timestamp", True, "When the evaluation was completed."),
        Column(
            "items_json",
            "string",
            False,
            'Item scores as JSON: [{"item_id", "score", "max", "critical"}].',
        ),
        Column("total", "float", True, "Total score, 0-100 (0 when auto-failed)."),
        Column("auto_fail", "bool", False, "A critical item failed the whole evaluation."),
        Column("comment", "string", False, "Evaluator's free-text comment."),
        UPDATED_AT,
        Column("batch_id", "string", True, "The ingest batch that brought the row."),
    ),
)

TABLES: dict[str, TableSchema] = {
    t.name: t for t in (INTERACTIONS, AGENTS, AGENT_MONTHS, ACCESS_EVENTS, QA_EVALUATIONS)
}


def render_markdown() -> str:
    """The data model as Markdown (``docs/data-model.md`` is this text; a test keeps it so)."""
    lines = [
        "# Data model: the canonical tables",
        "",
        "Generated from `src/fairshore/interactions/schema.py` (a test keeps this file in",
        "step). Times are UTC timestamps; durations are seconds; `*_ref` columns are",
        "pseudonymous ids. Each engagement may add string segment columns `seg_*`",
        "(e.g. `seg_region`, `seg_tier`, `seg_accessibility`) to `interactions`.",
        "",
        "Lake layout: each table is a Delta table `lake/<table>/` partitioned by",
        "`part_engagement` and `part_month` (`YYYY-MM` of the table's time column), copies",
        "of columns so the data files hold every column below (see docs/ingest.md).",
        "",
    ]
    for table in TABLES.values():
        lines += [
            f"## `{table.name}`",
            "",
            table.meaning,
            f"Key: {', '.join(f'`{k}`' for k in table.key)}. Time column: `{table.time_column}`.",
            "",
            "| column | type | required | meaning |",
            "|---|---|---|---|",
        ]
        for col in table.columns:
            meaning = col.meaning
            if col.allowed:
                meaning += " One of: " + ", ".join(f"`{v}`" for v in col.allowed) + "."
            lines.append(
                f"| `{col.name}` | {col.type} | {'yes' if col.required else ''} | {meaning} |"
            )
        lines.append("")
    return "\n".join(lines)
