"""Living-wage parsing and choice, against rows of the shipped living-wages.csv."""

from __future__ import annotations

from datetime import date

import pytest

from fairshore.errors import InputError
from fairshore.people import benchmarks as bm
from fairshore.people.model import RateTable

SHIPPED = bm.shipped_rows()


def test_ranges_are_read_whole_and_the_high_end_is_used() -> None:
    assert bm.parse_amount("15500-22800") == (15500.0, 22800.0)
    assert bm.parse_amount("36218.58") == (36218.58, 36218.58)
    # Kraków's WageIndicator 2019 family band 1940-3300 PLN: high end
    fig = bm.choose_living_wage(bm.rows_for(SHIPPED, "Kraków"), ref_year=2026)
    assert fig is not None
    assert fig.monthly == 3300.0
    assert any("range 1940-3300" in w and "high end" in w for w in fig.warnings)


@pytest.mark.parametrize("bad", ["", "abc", "300-100", "1-2-3"])
def test_unreadable_amounts_are_refused(bad: str) -> None:
    with pytest.raises(InputError):
        bm.parse_amount(bad)


def test_periods_become_months() -> None:
    assert bm.to_monthly(100.0, "month")[0] == 100.0
    assert bm.to_monthly(100.0, "day")[0] == pytest.approx(2175.0)
    assert bm.to_monthly(10.0, "hour")[0] == pytest.approx(1740.0)
    assert bm.to_monthly(1200.0, "year")[0] == pytest.approx(100.0)


def test_manila_minimum_per_month_matches_dole_estimate() -> None:
    # living-wages.csv note on the NCR row: DOLE puts monthly take-home for a 5-day week
    # at about P15,247; 695/day x 21.75 days must land within 1 % of it.
    fig = bm.choose_minimum_wage(bm.rows_for(SHIPPED, "Manila (Metro Manila)"), ref_year=2026)
    assert fig is not None
    assert fig.monthly == pytest.approx(695 * 21.75)
    assert abs(fig.monthly / 15247 - 1) < 0.01


def test_manila_uses_per_worker_asia_floor_wage_not_household_rows() -> None:
    b = bm.benchmark_for(SHIPPED, "Manila (Metro Manila)", ref_year=2026, currency="PHP")
    assert b.living_wage is not None
    assert b.living_wage.monthly == 36218.58
    assert b.living_wage.year == 2024
    assert "floorwage" in b.living_wage.source
    assert b.floor_kind == "living_wage"
    # IBON (household per day) and NEDA (household of five) are not compared
    assert any("2 household" in w for w in b.warnings)


def test_household_rows_are_never_chosen() -> None:
    household = [r for r in SHIPPED if bm.is_household(r)]
    assert {r.location for r in household} >= {"Manila (Metro Manila)", "Sofia", "Kuala Lumpur"}
    assert bm.choose_living_wage(household, ref_year=2026) is None


def test_stale_and_rural_benchmarks_are_labelled() -> None:
    krk = bm.benchmark_for(SHIPPED, "Krakow", ref_year=2026, currency="PLN")
    assert krk.living_wage is not None
    assert any("stale: from 2019" in w for w in krk.living_wage.warnings)
    # the 2019 living wage is below the 2026 minimum (PLN 4,806): the minimum is the floor
    assert krk.floor_kind == "minimum_wage"
    assert krk.floor_monthly == 4806.0
    bog = bm.benchmark_for(SHIPPED, "Bogotá", ref_year=2026, currency="COP")
    assert bog.living_wage is not None
    assert any("rural" in w for w in bog.living_wage.warnings)
    blr = bm.benchmark_for(SHIPPED, "Bengaluru", ref_year=2026, currency="INR")
    assert blr.living_wage is not None and blr.living_wage.year == 2024
    assert not any("stale" in w for w in blr.living_wage.warnings)


def test_month_row_preferred_and_verified_before_unverified() -> None:
    mex = bm.choose_minimum_wage(bm.rows_for(SHIPPED, "Mexico City"), ref_year=2025)
    assert mex is not None and mex.monthly == 8364.0
    bog = bm.choose_minimum_wage(bm.rows_for(SHIPPED, "Bogotá"), ref_year=2026)
    assert bog is not None and bog.monthly == 1400000.0  # 1,423,500 is unverified


def test_obsolete_rows_are_not_used() -> None:
    cairo = bm.benchmark_for(SHIPPED, "Cairo", ref_year=2026, currency="EGP")
    assert cairo.living_wage is None
    assert cairo.floor_monthly is None
    assert any("obsolete" in w for w in cairo.warnings)


def test_user_rows_take_precedence() -> None:
    user = bm.parse_rows(
        "location,country_iso2,metric,amount,currency,period,year,scope,source,verified,note\n"
        "Manila (Metro Manila),PH,living_wage_family,40000,PHP,month,2026,city,own survey,yes,\n",
        origin="user",
    )
    b = bm.benchmark_for([*SHIPPED, *user], "Manila", ref_year=2026, currency="PHP")
    assert b.living_wage is not None
    assert (b.living_wage.monthly, b.living_wage.origin) == (40000.0, "user")
    assert b.minimum_wage is not None and b.minimum_wage.origin == "shipped"


def test_other_currency_needs_a_stated_rate() -> None:
    user = bm.parse_rows(
        "location,country_iso2,metric,amount,currency,period,year,scope,source,verified,note\n"
        "Testville,XX,living_wage_single,2,USD,hour,2026,city,s,yes,\n",
        origin="user",
    )
    none = bm.benchmark_for(user, "Testville", ref_year=2026, currency="PHP")
    assert none.living_wage is None
    assert any("rate table" in w for w in none.warnings)
    rates = RateTable(as_of=date(2026, 1, 15), source="central bank", rates={"USD/PHP": 58.0})
    conv = bm.benchmark_for(user, "Testville", ref_year=2026, currency="PHP", rates=rates)
    assert conv.living_wage is not None
    assert conv.living_wage.monthly == pytest.approx(2 * 174 * 58.0)
    assert "2026-01-15" in conv.living_wage.conversion
    inverse = RateTable(as_of=date(2026, 1, 15), source="cb", rates={"PHP/USD": 1 / 58.0})
    assert inverse.rate("USD", "PHP") == pytest.approx(58.0)


def test_bad_user_csv_is_refused_with_the_line() -> None:
    with pytest.raises(InputError, match="line 2"):
        bm.parse_rows(
            "location,country_iso2,metric,amount,currency,period,year,scope,source,verified,note\n"
            "X,XX,living_wage_weekly,2,USD,hour,2026,city,s,yes,\n"
        )
    with pytest.raises(InputError, match="lacks columns"):
        bm.parse_rows("location,amount\nX,1\n")


def test_published_amount_is_shown_as_published() -> None:
    b = bm.benchmark_for(SHIPPED, "Manila (Metro Manila)", ref_year=2026, currency="PHP")
    assert b.living_wage is not None
    assert b.living_wage.amount_as_published == "36218.58 PHP per month"
    assert b.minimum_wage is not None
    assert b.minimum_wage.amount_as_published == "695 PHP per day"


def test_rate_tables_state_one_date() -> None:
    table = bm.parse_rates(
        "from,to,rate,as_of,source\nUSD,PHP,58.1,2026-07-01,BSP reference rate\n"
        "EUR,PLN,4.25,2026-07-01,BSP reference rate\n"
    )
    assert table.as_of == date(2026, 7, 1)
    assert table.rate("PLN", "EUR") == pytest.approx(1 / 4.25)
    assert table.rate("USD", "INR") is None
    with pytest.raises(InputError, match="one date"):
        bm.parse_rates("from,to,rate,as_of,source\nA,B,1,2026-01-01,s\nA,C,1,2026-02-01,s\n")
    with pytest.raises(InputError, match="needs columns"):
        bm.parse_rates("from,to,rate\nA,B,1\n")


def test_minimum_wage_is_the_figure_of_the_year_it_judges() -> None:
    # reference/living-wages.csv: Polish gross monthly minimum 4,666 from 1 Jan 2025
    # (e-prawnik.pl) and 4,806 for 2026 (tvn24.pl, stated in the same row's note).
    rows = bm.rows_for(SHIPPED, "Kraków")
    for year, amount in ((2025, 4666.0), (2026, 4806.0)):
        chosen = bm.choose_minimum_wage(rows, ref_year=year)
        assert chosen is not None and (chosen.year, chosen.monthly) == (year, amount)
        assert not any("no figure" in w for w in chosen.warnings)
        assert chosen.source
    # Guatemala: CE1 3,723.05 (2025, dconta.com.gt) and 4,002.28 (2026, soy502.com)
    gt = bm.rows_for(SHIPPED, "Guatemala City")
    assert bm.choose_minimum_wage(gt, ref_year=2025).monthly == 3723.05  # type: ignore[union-attr]
    assert bm.choose_minimum_wage(gt, ref_year=2026).monthly == 4002.28  # type: ignore[union-attr]


def test_a_missing_year_falls_back_to_the_latest_earlier_one_and_says_so() -> None:
    rows = bm.rows_for(SHIPPED, "Kraków")
    later = bm.choose_minimum_wage(rows, ref_year=2027)
    assert later is not None and (later.year, later.monthly) == (2026, 4806.0)
    assert "no figure for 2027: falling back to the latest earlier year, 2026" in later.warnings
    earlier = bm.choose_minimum_wage(rows, ref_year=2023)
    assert earlier is not None and earlier.year == 2025
    assert "no figure for 2023 or earlier: the 2025 figure is used" in earlier.warnings
