"""Builders for assessments and evidence, shared by the vetting unit tests."""

from __future__ import annotations

from datetime import date

from fairshore.vetting.answers import parse_value
from fairshore.vetting.model import Answer, Assessment, Evidence, VerificationStatus
from fairshore.vetting.rubric import get_rubric

RUBRIC = get_rubric()


def assessment(
    answers: dict[str, object] | None = None,
    *,
    vendor_id: str = "acme",
    scope: tuple[str, ...] = ("site-a",),
    personal_data: bool = True,
    na: tuple[str, ...] = (),
) -> Assessment:
    given = {
        qid: Answer(qid, parse_value(RUBRIC.question(qid), raw))
        for qid, raw in (answers or {}).items()
    }
    given.update({qid: Answer(qid, None, na=True) for qid in na})
    return Assessment(
        vendor_id=vendor_id,
        rubric_id=RUBRIC.id,
        rubric_version=RUBRIC.version,
        scope=scope,
        context={"handles_personal_data": personal_data},
        answers=given,
    )


def document(
    type_: str,
    *,
    valid_until: date | None = date(2027, 12, 31),
    valid_from: date | None = date(2025, 1, 1),
    scope: tuple[str, ...] = ("site-a",),
    status: VerificationStatus = "document_provided",
    sha: str | None = None,
) -> Evidence:
    return Evidence(
        sha256=sha or (type_.encode().hex() + "0" * 64)[:64],
        vendor_id="acme",
        type=type_,
        issuer="issuer",
        scope=scope,
        valid_from=valid_from,
        valid_until=valid_until,
        status=status,
        filename=f"{type_}.pdf",
    )
