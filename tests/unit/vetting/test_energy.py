"""Metered energy: every row accounted for, per contact handled, renewable share."""

from __future__ import annotations

import pytest

from fairshore.vetting.energy import EnergyReading, parse_energy_csv, site_energy


def test_every_row_is_accepted_or_rejected_with_its_line() -> None:
    parsed = parse_energy_csv(
        "site_id,month,kwh,renewable_kwh,source\n"
        "northwind-mnl,2026-01,42000,10500,meter\n"
        "northwind-mnl,2026-13,1,,meter\n"
        "northwind-mnl,2026-02,-5,,meter\n"
        "northwind-mnl,2026-03,100,150,invoice\n"
        ",2026-03,100,,\n"
        "northwind-mnl,2026-04,40000,,guess\n"
        "northwind-mnl,2026-05,41000,,\n"
    )
    assert parsed.read == 7 == len(parsed.readings) + len(parsed.rejected)
    assert parsed.rejected == [
        "line 3: month '2026-13' is not YYYY-MM",
        "line 4: kwh '-5' must be 0 or more",
        "line 5: renewable_kwh 150 is more than kwh 100",
        "line 6: no site_id",
        "line 7: source 'guess' is not meter, invoice or estimate",
    ]
    assert [r.month for r in parsed.readings] == ["2026-01", "2026-05"]
    with pytest.raises(ValueError, match="missing column"):
        parse_energy_csv("site,month\n")


def test_energy_per_contact_counts_only_months_with_a_reading() -> None:
    readings = [
        EnergyReading("s", "2026-01", 42_000.0, 10_500.0, "meter"),
        EnergyReading("s", "2026-02", 38_000.0, 9_500.0, "invoice"),
    ]
    # March's contacts are left out: no reading for March.
    got = site_energy(readings, {"2026-01": 20_000, "2026-02": 20_000, "2026-03": 99_999})
    assert got.kwh == 80_000 and got.contacts_handled == 40_000
    assert got.kwh_per_contact == pytest.approx(2.0)
    assert got.renewable_share == pytest.approx(0.25)
    assert got.sources == ("invoice", "meter")
    partial = site_energy([*readings, EnergyReading("s", "2026-03", 1.0, None, "meter")], {})
    assert partial.renewable_share is None and partial.kwh_per_contact is None
