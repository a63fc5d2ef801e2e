"""Service terms scoped by vendor and site: registry references with line numbers."""

from __future__ import annotations

import pytest

from fairshore.contracts.parsing import check_scope_references, parse_contract
from fairshore.errors import ContractError

SCOPED = """\
id: c1
version: 1
engagement: eng-a
parties: {client: Client, vendor: Vendor}
effective: {from: 2026-01-01}
fee: {monthly: 1000, currency: USD}
service_terms:
  - id: sl-mnl
    metric: service_level
    comparator: ">="
    target: 0.8
    scope: {vendor: vend-a, site: site-1}
  - id: sl-sites
    metric: service_level
    comparator: ">="
    target: 0.8
    scope:
      site:
        - site-2
        - site-9
  - id: abandon
    metric: abandon_rate
    comparator: "<="
    target: 0.05
    scope: {vendor: [vend-b], channel: voice}
service_credits:
  cap_share: 0.1
"""


def test_vendor_and_site_scopes_parse_as_lists() -> None:
    contract = parse_contract(SCOPED)
    assert contract.service_terms[0].scope == {"vendor": ["vend-a"], "site": ["site-1"]}
    assert contract.service_terms[1].scope == {"site": ["site-2", "site-9"]}


def test_known_vendor_and_sites_pass() -> None:
    text = SCOPED.replace("site-9", "site-1").replace("vend-b", "vend-a")
    contract = parse_contract(text)
    check_scope_references(text, contract, vendor_id="vend-a", sites={"site-1", "site-2"})


def test_unknown_vendor_and_site_name_their_lines() -> None:
    contract = parse_contract(SCOPED)
    with pytest.raises(ContractError) as err:
        check_scope_references(
            SCOPED, contract, vendor_id="vend-a", sites={"site-1", "site-2"}, source="c.yaml"
        )
    lines = str(err.value).splitlines()
    assert lines == [
        "c.yaml:20: service_terms[1].scope.site: site 'site-9' is not a site of engagement "
        "'eng-a' (known: site-1, site-2)",
        "c.yaml:25: service_terms[2].scope.vendor: vendor 'vend-b' is not the vendor of "
        "engagement 'eng-a' (known: vend-a)",
    ]


def test_unknown_scope_dimension_is_refused_with_its_line() -> None:
    with pytest.raises(ContractError, match=r"c.yaml:12: service_terms\[0\].scope: cannot scope"):
        parse_contract(SCOPED.replace("{vendor: vend-a,", "{vendr: vend-a,"), source="c.yaml")
