"""Service terms scoped by site and vendor, evaluated on lake rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lakerows import add_engagement, contact, write_rows

from fairshore.bootstrap import Workspace
from fairshore.contracts.services import add_contract, check_contract, evaluate_sla
from fairshore.engagements import services as engagements
from fairshore.errors import ContractError

CONTRACT = """\
id: eng-a-msa
version: 1
engagement: eng-a
parties: {client: Client, vendor: Vendor A}
effective: {from: 2026-01-01}
fee: {monthly: 10000, currency: USD}
service_terms:
  - id: sl-site-1
    metric: service_level
    comparator: ">="
    target: 0.8
    scope: {site: site-1}
    min_sample: 10
    credit_share: 0.02
  - id: sl-site-2
    metric: service_level
    comparator: ">="
    target: 0.8
    scope: {site: site-2}
    min_sample: 10
    credit_share: 0.03
  - id: sl-vendor
    metric: service_level
    comparator: ">="
    target: 0.8
    scope: {vendor: vend-a, channel: voice}
    min_sample: 10
    credit_share: 0.05
service_credits:
  cap_share: 0.1
"""


def _setup(ws: Workspace) -> None:
    engagements.add_vendor(ws, id="vend-a", name="Vendor A")
    for site in ("site-1", "site-2", "site-3"):
        engagements.add_site(ws, id=site, vendor_id="vend-a", name=site, location="Manila",
                             country_iso2="PH", timezone="Asia/Manila", currency="PHP")  # fmt: skip
    add_engagement(ws, "eng-a", "vend-a", site_ids=["site-1", "site-2"])
    base = datetime(2026, 7, 1, tzinfo=UTC)
    rows = [
        # site-1 answers every call in 5 s, site-2 every call in 60 s
        contact(i, arrived=base + timedelta(hours=i), wait=5.0 if i % 2 else 60.0,
                site_id="site-1" if i % 2 else "site-2")
        for i in range(200)
    ]  # fmt: skip
    write_rows(ws, "eng-a", rows)


def test_terms_scoped_by_site_and_vendor(db_workspace: Workspace, tmp_path: Path) -> None:
    _setup(db_workspace)
    path = tmp_path / "eng-a.yaml"
    path.write_text(CONTRACT)
    add_contract(db_workspace, path)
    (ev,) = evaluate_sla(
        db_workspace, engagement_id="eng-a", period="2026-07", store=False
    ).evaluations
    terms = {t.term_id: t for t in ev.terms}
    # 100 calls per site; SL 5 = (A<=20 s + short abandons) / (A + Ab)
    assert (terms["sl-site-1"].value, terms["sl-site-1"].sample_size) == (1.0, 100)
    assert terms["sl-site-1"].status == "met"
    assert (terms["sl-site-2"].value, terms["sl-site-2"].status) == (0.0, "breached")
    assert terms["sl-vendor"].value == pytest.approx(0.5)  # the vendor: both sites
    assert terms["sl-vendor"].sample_size == 200
    assert ev.credits_owed == pytest.approx((0.03 + 0.05) * 10000)


def test_unknown_site_or_foreign_vendor_is_refused_with_its_line(
    db_workspace: Workspace, tmp_path: Path
) -> None:
    _setup(db_workspace)
    engagements.add_vendor(db_workspace, id="vend-b", name="Vendor B")
    path = tmp_path / "eng-a.yaml"
    # site-3 belongs to the vendor but not to this engagement
    path.write_text(CONTRACT.replace("{site: site-2}", "{site: site-3}")
                    .replace("{vendor: vend-a,", "{vendor: vend-b,"))  # fmt: skip
    with pytest.raises(ContractError) as err:
        add_contract(db_workspace, path)
    assert str(err.value).splitlines() == [
        "eng-a.yaml:19: service_terms[1].scope.site: site 'site-3' is not a site of "
        "engagement 'eng-a' (known: site-1, site-2)",
        "eng-a.yaml:26: service_terms[2].scope.vendor: vendor 'vend-b' is not the vendor "
        "of engagement 'eng-a' (known: vend-a)",
    ]
    with pytest.raises(ContractError, match="site-3"):
        check_contract(path, db_workspace)
    check_contract(path)  # without a workspace only the file itself is checked
