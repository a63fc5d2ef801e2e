"""Rows of the authorisation matrix for the findings register's exports and the drill-downs."""

from __future__ import annotations

from tests.e2e.web.conftest import ROLES

OWN, OTHER_VENDOR, OTHER_TENANT = "telco-mnl", "telco-blr", "other-e"
# A vendor has no export right (403 whatever it asks); others get what they may read.
ALL = {r: (403 if r == "vendor" else 200) for r in ROLES}
NONE = {r: (403 if r == "vendor" else 404) for r in ROLES}

MATRIX = {
    ("GET", f"/findings.{kind}"): [
        (f"/findings.{kind}", ALL, 303),
        (f"/findings.{kind}?engagement={OWN}", ALL, 303),
        (f"/findings.{kind}?engagement={OTHER_VENDOR}", ALL, 303),
        (f"/findings.{kind}?engagement={OTHER_TENANT}", NONE, 303),
    ]
    for kind in ("csv", "xlsx")
}
WRITES: set[tuple[str, str]] = set()
PAIRS = [
    ("admin@other.example", "GET", f"/findings.xlsx?engagement={OWN}",
     "/findings.xlsx?engagement=nope", {}),
]  # fmt: skip

# The drill-downs: an engagement's contacts behind a figure (no data here: an empty
# page; no contract: the term is not found).
READ = {r: 200 for r in ROLES}
BLIND_READ = {r: (404 if r == "vendor" else 200) for r in ROLES}
MISSING = {r: 404 for r in ROLES}
_KPI = "/engagements/{engagement_id}/evidence/{metric}/{month}"
_TERM = "/engagements/{engagement_id}/terms/{term_id}/{month}"
MATRIX |= {
    ("GET", _KPI): [
        (f"/engagements/{OWN}/evidence/service_level/2026-07?channel=voice", READ, 303),
        (f"/engagements/{OTHER_VENDOR}/evidence/service_level/2026-07", BLIND_READ, 303),
        (f"/engagements/{OTHER_TENANT}/evidence/service_level/2026-07", MISSING, 303),
    ],
    ("GET", _TERM): [
        (f"/engagements/{OWN}/terms/voice-service-level/2026-07", MISSING, 303),
        (f"/engagements/{OTHER_VENDOR}/terms/voice-service-level/2026-07", MISSING, 303),
        (f"/engagements/{OTHER_TENANT}/terms/voice-service-level/2026-07", MISSING, 303),
    ],
}
PAIRS += [
    ("vendor@telco.example", "GET", f"/engagements/{OTHER_VENDOR}/evidence/aht_s/2026-07",
     "/engagements/nope/evidence/aht_s/2026-07", {}),
    ("admin@other.example", "GET", f"/engagements/{OWN}/terms/voice-service-level/2026-07",
     "/engagements/nope/terms/voice-service-level/2026-07", {}),
]  # fmt: skip

# The agent-months behind a welfare figure (no roster here: an empty page).
_AGENT_MONTHS = "/engagements/{engagement_id}/agent-months/{measure}/{period}"
MATRIX |= {
    ("GET", _AGENT_MONTHS): [
        (f"/engagements/{OWN}/agent-months/living_wage/2026-07", READ, 303),
        (f"/engagements/{OTHER_VENDOR}/agent-months/living_wage/2026-07", BLIND_READ, 303),
        (f"/engagements/{OTHER_TENANT}/agent-months/living_wage/2026-07", MISSING, 303),
    ],
}
PAIRS += [
    ("vendor@telco.example", "GET", f"/engagements/{OTHER_VENDOR}/agent-months/occupancy/2026-07",
     "/engagements/nope/agent-months/occupancy/2026-07", {}),
]  # fmt: skip

# The roster spells behind attrition, tenure and in-house share (no roster here: empty).
_ROSTER = "/engagements/{engagement_id}/roster/{measure}/{period}"
MATRIX |= {
    ("GET", _ROSTER): [
        (f"/engagements/{OWN}/roster/in_house_share/2026-07", READ, 303),
        (f"/engagements/{OTHER_VENDOR}/roster/attrition/2026-07", BLIND_READ, 303),
        (f"/engagements/{OTHER_TENANT}/roster/tenure/2026-07", MISSING, 303),
    ],
}
PAIRS += [
    ("vendor@telco.example", "GET", f"/engagements/{OTHER_VENDOR}/roster/attrition/2026-07",
     "/engagements/nope/roster/attrition/2026-07", {}),
    ("admin@other.example", "GET", f"/engagements/{OWN}/roster/trailing_attrition/2026-07",
     "/engagements/nope/roster/trailing_attrition/2026-07", {}),
]  # fmt: skip

# The access events behind an access anomaly (no access log here: an empty page).
_ACCESS = "/engagements/{engagement_id}/access-events/{kind}/{agent_ref}/{day}"
MATRIX |= {
    ("GET", _ACCESS): [
        (f"/engagements/{OWN}/access-events/bulk_export/agent-1/2026-07-14", READ, 303),
        (
            f"/engagements/{OTHER_VENDOR}/access-events/off_shift/agent-1/2026-07-14",
            BLIND_READ,
            303,
        ),
        (f"/engagements/{OTHER_TENANT}/access-events/bulk_export/agent-1/2026-07-14", MISSING, 303),
    ],
}
PAIRS += [
    ("vendor@telco.example", "GET",
     f"/engagements/{OTHER_VENDOR}/access-events/bulk_export/agent-1/2026-07-14",
     "/engagements/nope/access-events/bulk_export/agent-1/2026-07-14", {}),
    ("admin@other.example", "GET",
     f"/engagements/{OWN}/access-events/volume_spike/agent-1/2026-07-14?over=2026",
     "/engagements/nope/access-events/volume_spike/agent-1/2026-07-14?over=2026", {}),
]  # fmt: skip
