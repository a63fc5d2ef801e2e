"""The client's own obligation (ISO 18295-2): how good was the forecast it gave the vendor?

A vendor is not to blame for a service level missed because the client forecast
far fewer contacts than arrived. Accuracy per period: WAPE (sum |actual - forecast| /
sum actual), bias (sum (actual - forecast) / sum forecast) and the share of periods
within a tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ForecastAccuracy:
    """How the forecast compared with the contacts that arrived."""

    periods: int
    actual: int
    forecast: float
    wape: float
    bias: float
    within_tolerance_share: float
    tolerance: float
    worst_period: str | None


def forecast_accuracy(
    actual: dict[str, int], forecast: dict[str, float], *, tolerance: float = 0.1
) -> ForecastAccuracy:
    """Compare forecast and actual volumes per period key (periods missing on one side count 0)."""
    keys = sorted(set(actual) | set(forecast))
    errors = {k: actual.get(k, 0) - forecast.get(k, 0.0) for k in keys}
    total_actual = sum(actual.values())
    total_forecast = sum(forecast.values())
    abs_err = sum(abs(e) for e in errors.values())
    within = [k for k in keys if abs(errors[k]) <= tolerance * max(forecast.get(k, 0.0), 1e-9)]
    worst = max(keys, key=lambda k: abs(errors[k])) if keys else None
    return ForecastAccuracy(
        periods=len(keys),
        actual=total_actual,
        forecast=total_forecast,
        wape=abs_err / total_actual if total_actual else float("nan"),
        bias=(total_actual - total_forecast) / total_forecast if total_forecast else float("nan"),
        within_tolerance_share=len(within) / len(keys) if keys else float("nan"),
        tolerance=tolerance,
        worst_period=worst,
    )
