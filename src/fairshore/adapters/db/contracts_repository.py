"""SQL for contracts, their evaluations and term results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from fairshore.adapters.db import contracts_tables as ct
from fairshore.adapters.db import tables as t
from fairshore.adapters.db.repositories import now_utc
from fairshore.contracts.model import Contract, Evaluation, TermResult


@dataclass(frozen=True)
class StoredContract:
    """A contract version as stored: its row id, file hash and YAML body."""

    row_id: int
    contract_key: str
    version: int
    engagement_id: str
    effective_from: date
    effective_to: date | None
    file_sha256: str
    body: str


def _stored(row: sa.RowMapping) -> StoredContract:
    return StoredContract(
        row_id=row["id"],
        contract_key=row["contract_key"],
        version=row["version"],
        engagement_id=row["engagement_id"],
        effective_from=row["effective_from"],
        effective_to=row["effective_to"],
        file_sha256=row["file_sha256"],
        body=row["body"],
    )


def get_contract(conn: sa.Connection, contract_key: str, version: int) -> StoredContract | None:
    row = (
        conn.execute(
            sa.select(ct.contracts).where(
                ct.contracts.c.contract_key == contract_key, ct.contracts.c.version == version
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _stored(row)


def insert_contract(
    conn: sa.Connection, contract: Contract, *, sha256: str, source_name: str, body: str
) -> StoredContract:
    result = conn.execute(
        ct.contracts.insert().values(
            contract_key=contract.id,
            version=contract.version,
            engagement_id=contract.engagement,
            effective_from=contract.effective.start,
            effective_to=contract.effective.end,
            file_sha256=sha256,
            source_name=source_name[:500],
            body=body,
            added_at=now_utc(),
        )
    )
    row_id = result.inserted_primary_key[0] if result.inserted_primary_key else None
    found = get_contract(conn, contract.id, contract.version)
    assert found is not None and row_id is not None
    return found


def list_contracts(
    conn: sa.Connection, organisation_id: str, engagement_id: str
) -> list[StoredContract]:
    """Every stored contract version of an engagement of this organisation, newest first."""
    rows = conn.execute(
        sa.select(ct.contracts)
        .join(t.engagements, t.engagements.c.id == ct.contracts.c.engagement_id)
        .where(
            ct.contracts.c.engagement_id == engagement_id,
            t.engagements.c.organisation_id == organisation_id,
        )
        .order_by(ct.contracts.c.version.desc(), ct.contracts.c.id.desc())
    ).mappings()
    return [_stored(r) for r in rows]


def insert_evaluation(conn: sa.Connection, contract_row_id: int, ev: Evaluation) -> int:
    result = conn.execute(
        ct.contract_evaluations.insert().values(
            contract_id=contract_row_id,
            engagement_id=ev.engagement_id,
            period=ev.period,
            period_start=ev.start,
            period_end=ev.end,
            fee=ev.fee,
            currency=ev.currency,
            credits_before_cap=ev.credits_before_cap,
            cap=ev.cap,
            credits_owed=ev.credits_owed,
            earned_back=ev.earned_back,
            net_credit=ev.net_credit,
            evaluated_at=now_utc(),
            lake_version=ev.lake_version,
        )
    )
    evaluation_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    if ev.terms:
        conn.execute(
            ct.contract_term_results.insert(),
            # a term's evidence rows go with its finding, not into the evaluation's rows
            [
                {"evaluation_id": evaluation_id, **r.model_dump(exclude={"evidence"})}
                for r in ev.terms
            ],
        )
    return evaluation_id


def list_evaluations(
    conn: sa.Connection,
    organisation_id: str,
    engagement_id: str,
    *,
    max_lake_version: int | None = None,
) -> list[Evaluation]:
    """The latest stored evaluation of each period of an engagement, oldest period first
    (``max_lake_version``: only evaluations that read that lake version or an earlier
    one, and those made before lake versions existed)."""
    ev_t, c_t = ct.contract_evaluations, ct.contracts
    rows = (
        conn.execute(
            sa.select(ev_t, c_t.c.contract_key, c_t.c.version)
            .join(c_t, c_t.c.id == ev_t.c.contract_id)
            .join(t.engagements, t.engagements.c.id == ev_t.c.engagement_id)
            .where(
                ev_t.c.engagement_id == engagement_id,
                t.engagements.c.organisation_id == organisation_id,
            )
            .order_by(ev_t.c.period_start, ev_t.c.period, ev_t.c.id)
        )
        .mappings()
        .all()
    )
    if max_lake_version is not None:
        rows = [
            r for r in rows if r["lake_version"] is None or r["lake_version"] <= max_lake_version
        ]
    latest = {r["period"]: r for r in rows}
    out = []
    for row in latest.values():
        terms = conn.execute(
            sa.select(ct.contract_term_results)
            .where(ct.contract_term_results.c.evaluation_id == row["id"])
            .order_by(ct.contract_term_results.c.id)
        ).mappings()
        out.append(
            Evaluation(
                contract_id=row["contract_key"],
                contract_version=row["version"],
                engagement_id=row["engagement_id"],
                period=row["period"],
                start=row["period_start"],
                end=row["period_end"],
                fee=row["fee"],
                currency=row["currency"],
                credits_before_cap=row["credits_before_cap"],
                cap=row["cap"],
                credits_owed=row["credits_owed"],
                earned_back=row["earned_back"],
                net_credit=row["net_credit"],
                lake_version=row["lake_version"],
                terms=[
                    TermResult.model_validate(
                        {k: v for k, v in tr.items() if k not in ("id", "evaluation_id")}
                    )
                    for tr in terms
                ],
            )
        )
    return sorted(out, key=lambda e: (e.start, e.period))
