"""The demo scenario as data: a telecom outsourcing to four vendors in four hubs.

Pay levels are monthly gross in local currency, set against the benchmarks of
``reference/living-wages.csv``:

- Manila: Asia Floor Wage 2024 per-worker living wage PHP 36,218.58; NCR minimum
  PHP 695/day (about 18,070 a month on a 6-day week). Northwind pays most agents
  about PHP 27,500: clearly legal, clearly below the living wage (planted ``underpay``).
- Bengaluru: Asia Floor Wage 2024 INR 34,170.46; Indigo pays from INR 35,200.
- Bogotá: Global Living Wage Coalition 2023 COP 2,111,077 (rural, so urban need is
  higher); Andes pays from COP 2,174,400.
- Kraków: the published living wages are below the 2026 minimum of PLN 4,806, so the
  minimum is the floor; Vistula pays from PLN 5,050.
"""

from __future__ import annotations

from datetime import date, time

from fairshore.demo.model import (
    AuditNotice,
    ChannelProfile,
    EngagementScenario,
    Incident,
    PayPolicy,
    Scenario,
    StaffingPolicy,
    WorkforcePolicy,
)
from fairshore.engagements.model import Engagement, OpeningHours, Site, Vendor, Weekday

PERIOD_START = date(2025, 11, 1)
PERIOD_END = date(2026, 10, 31)
SEGMENTS = ["seg_region", "seg_tier", "seg_accessibility"]
UNDERSTAFFED_MONTH = "2026-07"
BULK_EXPORT_LOCAL = "2026-09-14T02:10:00"
GAP_LANGUAGE = "es"
# Planted: in March 2026 some of Vistula's agents reach customer records from Ukraine
# (a remote network), outside the contract's data residency (PL only).
RESIDENCY_ENGAGEMENT, RESIDENCY_MONTH, RESIDENCY_COUNTRY = "telco-krk", "2026-03", "UA"
RESIDENCY_NETWORK = "remote-vpn"
RESIDENCY_SHARE = 10
"""One agent in this many (by a hash of the agent's ref) works from there that month."""
# Planted: one of Andes' teams is employed by another firm, which the contract forbids.
SUBCONTRACT_ENGAGEMENT, SUBCONTRACTOR = "telco-bog", "Callnova SAS"
# telco-krk's agents fall ill more each month from August: the wellbeing index falls
# three months in a row (truth.json ``wellbeing_decline``).
SICK_MONTHS = {"2026-08": 2.0, "2026-09": 5.0, "2026-10": 9.0}


def _hours(spec: dict[str, tuple[int, int]]) -> dict[Weekday, OpeningHours]:
    days: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    result: dict[Weekday, OpeningHours] = {}
    for day in days:
        if day in spec:
            opens, closes = spec[day]
            close = time(23, 59, 59) if closes == 24 else time(closes)
            result[day] = OpeningHours(open=time(opens), close=close)
    return result


def _week(weekday: tuple[int, int], sat: tuple[int, int] | None, sun: tuple[int, int] | None):  # type: ignore[no-untyped-def]
    spec = {d: weekday for d in ("mon", "tue", "wed", "thu", "fri")}
    if sat:
        spec["sat"] = sat
    if sun:
        spec["sun"] = sun
    return _hours(spec)


def _channels(voice: float, chat: float, email: float) -> tuple[ChannelProfile, ...]:
    profiles = [
        ChannelProfile("voice", voice, aht_median_s=330, patience_mean_s=360, sl_threshold_s=20),
        ChannelProfile("chat", chat, aht_median_s=420, patience_mean_s=420, sl_threshold_s=60),
    ]
    if email:
        profiles.append(ChannelProfile("email", email, aht_median_s=480, aht_sigma=0.7))
    return tuple(p for p in profiles if p.share > 0)


# Regimes: the telecom is established in the EU, so GDPR covers its customers' data
# wherever a vendor handles it (GDPR Art. 3(1)); each engagement names any further one.
def _northwind() -> EngagementScenario:
    vendor = Vendor(id="northwind", name="Northwind Contact Solutions", country_iso2="PH")
    site = Site(
        id="northwind-mnl",
        vendor_id="northwind",
        name="Northwind Ortigas",
        location="Manila (Metro Manila)",
        country_iso2="PH",
        timezone="Asia/Manila",
        currency="PHP",
    )
    engagement = Engagement(
        id="telco-mnl",
        vendor_id="northwind",
        name="Telco customer care (Manila)",
        timezone="Asia/Manila",
        channels=["voice", "chat", "email"],
        languages=["en"],
        segment_columns=SEGMENTS,
        site_ids=["northwind-mnl"],
        regimes=["gdpr", "pci_dss"],  # billing calls take card payments
        business_hours=_hours(
            {d: (7, 23) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
        ),
    )
    return EngagementScenario(
        vendor=vendor,
        site=site,
        engagement=engagement,
        living_wage=36218.58,
        living_wage_source="Asia Floor Wage 2024, per worker",
        minimum_wage_month=695 * 26,
        annual_volume=320_000,
        channels=_channels(0.5, 0.3, 0.2),
        language_shares={"en": 1.0},
        staffing=StaffingPolicy(beta=0.9),
        workforce=WorkforcePolicy(
            annual_attrition=0.25,
            early_leaver_share=0.3,
            agency_share=0.15,
            contractor_share=0.05,
            span_of_control=15,
            training_hours_month=8.5,
            new_hire_training_hours=60,
        ),
        pay=PayPolicy(
            currency="PHP",
            agent_median=27_500,
            agent_spread=0.05,
            senior_share=0.1,
            senior_median=38_500,
            lead_median=46_000,
            floor_at_living_wage=False,
        ),
        file_format="csv",
        agent_prefix="NW-",
        regions=("ncr", "luzon", "visayas", "mindanao"),
    )


def _indigo() -> EngagementScenario:
    vendor = Vendor(id="indigo", name="Indigo CX Services", country_iso2="IN")
    site = Site(
        id="indigo-blr",
        vendor_id="indigo",
        name="Indigo Whitefield",
        location="Bengaluru",
        country_iso2="IN",
        timezone="Asia/Kolkata",
        currency="INR",
    )
    engagement = Engagement(
        id="telco-blr",
        vendor_id="indigo",
        name="Telco customer care (Bengaluru)",
        timezone="Asia/Kolkata",
        channels=["voice", "chat", "email"],
        languages=["en", "hi"],
        segment_columns=SEGMENTS,
        site_ids=["indigo-blr"],
        regimes=["gdpr"],
        business_hours=_week((8, 22), (8, 22), (9, 18)),
    )
    return EngagementScenario(
        vendor=vendor,
        site=site,
        engagement=engagement,
        living_wage=34170.46,
        living_wage_source="Asia Floor Wage 2024, per worker",
        minimum_wage_month=15106.23,
        annual_volume=300_000,
        channels=_channels(0.5, 0.3, 0.2),
        language_shares={"en": 0.65, "hi": 0.35},
        staffing=StaffingPolicy(
            beta=1.0,
            month_beta={UNDERSTAFFED_MONTH: -0.9},
            month_aux_share={UNDERSTAFFED_MONTH: 0.01},
            month_blend_share={UNDERSTAFFED_MONTH: 0.95},
            month_email_capacity_factor={UNDERSTAFFED_MONTH: 0.9, "2026-08": 1.5},
        ),
        workforce=WorkforcePolicy(
            annual_attrition=0.22,
            early_leaver_share=0.2,
            agency_share=0.1,
            contractor_share=0.05,
            span_of_control=14,
            training_hours_month=8,
            new_hire_training_hours=80,
            hiring_freeze_months=("2026-06", UNDERSTAFFED_MONTH),
            forced_exit_month="2026-06",
            forced_exit_share=0.8,
        ),
        pay=PayPolicy(
            currency="INR",
            agent_median=38_500,
            agent_spread=0.06,
            senior_share=0.15,
            senior_median=47_000,
            lead_median=62_000,
        ),
        file_format="zendesk",
        agent_prefix="3812",
        regions=("south", "north", "west", "east"),
    )


def _andes() -> EngagementScenario:
    vendor = Vendor(id="andes", name="Andes Nearshore", country_iso2="CO")
    site = Site(
        id="andes-bog",
        vendor_id="andes",
        name="Andes Chapinero",
        location="Bogotá",
        country_iso2="CO",
        timezone="America/Bogota",
        currency="COP",
    )
    engagement = Engagement(
        id="telco-bog",
        vendor_id="andes",
        name="Telco customer care (Bogotá)",
        timezone="America/Bogota",
        channels=["voice", "chat"],
        languages=["es", "en"],
        segment_columns=SEGMENTS,
        site_ids=["andes-bog"],
        regimes=["gdpr"],
        business_hours=_week((7, 21), (8, 18), (9, 15)),
    )
    return EngagementScenario(
        vendor=vendor,
        site=site,
        engagement=engagement,
        living_wage=2_111_077,
        living_wage_source="Global Living Wage Coalition 2023 (rural)",
        minimum_wage_month=1_423_500,
        annual_volume=180_000,
        channels=_channels(0.6, 0.4, 0.0),
        language_shares={"es": 0.8, "en": 0.2},
        staffing=StaffingPolicy(beta=1.1),
        workforce=WorkforcePolicy(
            annual_attrition=0.28,
            early_leaver_share=0.2,
            agency_share=0.04,
            contractor_share=0.0,
            span_of_control=16,
            training_hours_month=7,
            new_hire_training_hours=70,
        ),
        pay=PayPolicy(
            currency="COP",
            agent_median=2_450_000,
            agent_spread=0.06,
            senior_share=0.15,
            senior_median=2_900_000,
            lead_median=3_700_000,
        ),
        file_format="parquet",
        agent_prefix="AB-",
        regions=("andina", "caribe", "pacifico", "orinoquia"),
    )


def _vistula() -> EngagementScenario:
    vendor = Vendor(id="vistula", name="Vistula Multilingual", country_iso2="PL")
    site = Site(
        id="vistula-krk",
        vendor_id="vistula",
        name="Vistula Zabłocie",
        location="Kraków",
        country_iso2="PL",
        timezone="Europe/Warsaw",
        currency="PLN",
    )
    engagement = Engagement(
        id="telco-krk",
        vendor_id="vistula",
        name="Telco multilingual care (Kraków)",
        timezone="Europe/Warsaw",
        channels=["voice", "chat", "email"],
        languages=["en", "es", "de", "pl"],
        segment_columns=SEGMENTS,
        site_ids=["vistula-krk"],
        regimes=["gdpr", "uk_gdpr"],  # serves customers in the UK too (seg_region gb)
        business_hours=_week((8, 20), (9, 17), None),
    )
    return EngagementScenario(
        vendor=vendor,
        site=site,
        engagement=engagement,
        living_wage=4806,
        living_wage_source="Polish minimum wage 2026 (living-wage figures are stale and lower)",
        minimum_wage_month=4806,
        annual_volume=200_000,
        channels=_channels(0.45, 0.3, 0.25),
        language_shares={"en": 0.25, "es": 0.25, "de": 0.25, "pl": 0.25},
        staffing=StaffingPolicy(
            beta=1.0, pooled=False, language_beta={GAP_LANGUAGE: -0.5}, email_capacity_factor=1.4
        ),
        workforce=WorkforcePolicy(
            annual_attrition=0.22,
            early_leaver_share=0.15,
            agency_share=0.05,
            contractor_share=0.1,
            span_of_control=12,
            training_hours_month=8,
            new_hire_training_hours=80,
            month_extra_sick_days=SICK_MONTHS,
        ),
        pay=PayPolicy(
            currency="PLN",
            agent_median=6_400,
            agent_spread=0.07,
            senior_share=0.2,
            senior_median=7_600,
            lead_median=9_200,
        ),
        file_format="acd",
        agent_prefix="VK",
        regions=("es", "de", "pl", "gb", "other"),
    )


def _incidents() -> tuple[Incident, ...]:
    return (
        Incident(
            incident_id="INC-BOG-2026-001",
            engagement_id="telco-bog",
            vendor_id="andes",
            kind="data_breach",
            title="Misconfigured CRM export share exposed customer records",
            occurred_at="2026-05-11T03:00:00Z",
            detected_at="2026-05-12T13:45:00Z",
            vendor_aware_at="2026-05-12T14:30:00Z",
            client_notified_at="2026-05-16T14:30:00Z",
            records_affected=1840,
            contract_window_hours=24,
        ),
        Incident(
            incident_id="INC-KRK-2026-001",
            engagement_id="telco-krk",
            vendor_id="vistula",
            kind="lost_device",
            title="Encrypted laptop stolen from a team lead's car",
            occurred_at="2026-02-02T18:00:00Z",
            detected_at="2026-02-03T07:10:00Z",
            vendor_aware_at="2026-02-03T07:30:00Z",
            client_notified_at="2026-02-03T16:30:00Z",
            records_affected=0,
            contract_window_hours=24,
        ),
    )


# The client's audit requests: each vendor let the October social audit in on the day
# asked (17 days' notice; the contracts ask 10); Northwind refused June's payroll audit
# (planted: its payroll is below the living wage).
REFUSED_AUDIT = AuditNotice(
    engagement_id="telco-mnl",
    requested_on="2026-06-01",
    audit_from=None,
    access="refused",
    decided_on="2026-06-04",
    scope="payroll and pay records of the engagement's agents",
    note="vendor: payroll records are confidential to its employees",
)


def _audit_notices() -> tuple[AuditNotice, ...]:
    october = tuple(
        AuditNotice(
            engagement_id=e,
            requested_on="2026-09-28",
            audit_from="2026-10-15",
            access="granted",
            decided_on="2026-10-15",
            scope="on-site social and data-protection audit of the contact centre",
        )
        for e in ("telco-mnl", "telco-blr", "telco-bog", "telco-krk")
    )
    return (REFUSED_AUDIT, *october)


def demo_scenario() -> Scenario:
    """The telecom and its four vendor engagements, 2025-11-01 to 2026-10-31."""
    return Scenario(
        organisation="default",
        start=PERIOD_START,
        end=PERIOD_END,
        engagements=(_northwind(), _indigo(), _andes(), _vistula()),
        incidents=_incidents(),
        audit_notices=_audit_notices(),
    )
