"""Roles and what each may do; the one place authorisation rules live.

admin      everything in its organisation, including users
analyst    read everything, ingest, run evaluations, act on findings, resolve score
           contests, open worker-voice channels
auditor    read everything, record audits and audit findings
executive  read-only
vendor     only its own vendor's engagements: read them, upload data and evidence,
           answer questionnaires and contest their score, respond to findings
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Role = Literal["admin", "analyst", "auditor", "vendor", "executive"]
ROLES: tuple[Role, ...] = ("admin", "analyst", "auditor", "vendor", "executive")
Action = Literal[
    "read",
    "upload",
    "update_finding",
    "respond_finding",
    "record_audit",
    "manage_users",
    "export",
    "answer_questionnaire",
    "resolve_contest",
    "manage_voice",
]

PERMISSIONS: dict[Role, frozenset[Action]] = {
    "admin": frozenset(
        {
            "read",
            "upload",
            "update_finding",
            "respond_finding",
            "record_audit",
            "manage_users",
            "export",
            "answer_questionnaire",
            "resolve_contest",
            "manage_voice",
        }
    ),
    "analyst": frozenset(
        {
            "read",
            "upload",
            "update_finding",
            "respond_finding",
            "export",
            "resolve_contest",
            "manage_voice",
        }
    ),
    "auditor": frozenset({"read", "record_audit", "export"}),
    "executive": frozenset({"read", "export"}),
    "vendor": frozenset({"read", "upload", "respond_finding", "answer_questionnaire"}),
}


class Principal(BaseModel):
    """The signed-in user (or API token holder) a request acts for."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    email: str
    organisation_id: str
    role: Role
    vendor_id: str | None = None
    scopes: frozenset[Action] | None = None  # an API token's narrower scopes

    def can(self, action: Action) -> bool:
        """May this principal do ``action`` at all?"""
        allowed = PERMISSIONS[self.role]
        if self.scopes is not None:
            allowed = allowed & self.scopes
        return action in allowed

    def sees_vendor(self, vendor_id: str | None) -> bool:
        """Vendor users see only their own vendor; everyone else sees their organisation's.

        ``None`` is what belongs to no vendor (portfolio findings): not a vendor's to see.
        """
        if self.role != "vendor":
            return True
        return vendor_id is not None and self.vendor_id == vendor_id
