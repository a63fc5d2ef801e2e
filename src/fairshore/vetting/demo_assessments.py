"""Demo questionnaires and evidence for the four vendors of the demo scenario.

Package data in ``demo_data/<vendor>.yaml``: the vendor's answers as it would type
them, and its evidence documents' metadata with a short text standing in for the file.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from fairshore.adapters.db import repositories as entity_repo
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Vendor
from fairshore.vetting import services
from fairshore.vetting.answers import is_na, parse_value
from fairshore.vetting.model import Answer
from fairshore.vetting.rubric import get_rubric

DEMO_VENDORS = ("northwind", "indigo", "andes", "vistula")
DEMO_AS_OF = date(2026, 10, 31)  # the end of the demo period


def demo_data(vendor_id: str) -> dict[str, Any]:
    """The packaged demo answers and evidence of one vendor."""
    text = (resources.files("fairshore.vetting") / "demo_data" / f"{vendor_id}.yaml").read_text(
        "utf-8"
    )
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def load_demo_assessments(
    ws: Workspace,
    *,
    vendors: tuple[str, ...] = DEMO_VENDORS,
    as_of: date = DEMO_AS_OF,
) -> list[str]:
    """Store each demo vendor's answers and evidence (creating the vendor when missing).

    Also records the typed-in data sensitivity of the vendor's demo engagement when
    that engagement exists (its volume and vulnerable share are measured).
    Idempotent: loading twice replaces the same answers and evidence. Returns the
    vendor ids loaded.
    """
    rubric = get_rubric()
    for vendor_id in vendors:
        data = demo_data(vendor_id)
        _ensure_vendor(ws, data["vendor"])
        answers = []
        for qid, raw in data["answers"].items():
            q = rubric.question(qid)
            if is_na(raw):
                answers.append(Answer(qid, None, na=True, source="demo"))
            else:
                answers.append(Answer(qid, parse_value(q, raw), source="demo"))
        services.save_answers(
            ws,
            vendor_id,
            answers,
            rubric=rubric,
            scope=tuple(data["scope"]),
            context=dict(data["context"]),
        )
        _add_documents(ws, vendor_id, data.get("evidence", []))
        _set_criticality(ws, data.get("criticality"), as_of=as_of)
    return list(vendors)


def _ensure_vendor(ws: Workspace, vendor: dict[str, str]) -> None:
    with ws.db.begin() as conn:
        if entity_repo.get_vendor(conn, ws.organisation_id, vendor["id"]) is None:
            entity_repo.insert_vendor(conn, ws.organisation_id, Vendor.model_validate(vendor))


def _add_documents(ws: Workspace, vendor_id: str, documents: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for doc in documents:
            path = Path(tmp) / doc["file"]
            path.write_text(f"{doc['text']}\nIssuer: {doc['issuer']}\n", encoding="utf-8")
            services.add_evidence(
                ws,
                vendor_id,
                path,
                type=doc["type"],
                issuer=doc["issuer"],
                scope=tuple(doc["scope"]),
                valid_from=_day(doc.get("valid_from")),
                valid_until=_day(doc.get("valid_until")),
                status=doc["status"],
            )


def _day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


DEMO_OVERRIDE_BY = "demo scenario"


def _set_criticality(ws: Workspace, data: dict[str, Any] | None, *, as_of: date) -> None:
    """Record the demo's typed-in data sensitivity (volume and vulnerability are measured)."""
    if data is None:
        return
    with ws.db.begin() as conn:
        exists = entity_repo.get_engagement(conn, ws.organisation_id, data["engagement_id"])
    if exists is None:
        return
    current = services.assess_criticality(ws, data["engagement_id"], as_of=as_of)
    if any(o.set_by == DEMO_OVERRIDE_BY for o in current.overrides):
        return  # a re-run does not record the same override twice
    services.override_criticality(
        ws,
        data["engagement_id"],
        dimension="data_sensitivity",
        value=str(data["data_sensitivity"]),
        set_by=DEMO_OVERRIDE_BY,
        reason=str(data["reason"]),
        now=datetime.combine(as_of, time.min, tzinfo=UTC),
    )
