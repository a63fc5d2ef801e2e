"""Numbers as people read them: the one formatter of the CLI tables, the web pages (as
Jinja filters), finding titles and reports.

* money with its ISO currency code and thousands separators: ``20,700.50 INR``;
* shares as percentages (``78.4 %``) and changes of a share as percentage points
  (``+2.3 pp``): a rate going from 78 % to 80 % rose 2 points, not 2 %;
* durations in the unit that reads best: ``45 s``, ``12.5 min``, ``3.2 h``, ``4.1 days``;
* counts and plain numbers with thousands separators;
* never exponent notation (``2.07e+04``): Python's ``g`` format and ``str(float)``
  switch to it for large and small values, so nothing here uses them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

NO_DATA = "no data"
_MINUTE, _HOUR, _DAY = 60.0, 3600.0, 86400.0


def _fixed(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.lstrip("-") if text.strip("-0.,") == "" else text  # no "-0.00"


def number(value: float | None, *, decimals: int | None = None) -> str:
    """A plain number with thousands separators, in fixed notation.

    Without ``decimals``, as many as a reader needs: none from 1,000 on, up to two
    from 1, three significant digits below 1 (at most six decimals).

    Examples
    --------
    >>> number(20700.5), number(102500.0), number(3.14159), number(0.000123)
    ('20,700', '102,500', '3.14', '0.000123')
    >>> number(1e21)
    '1,000,000,000,000,000,000,000'
    """
    if value is None or math.isnan(value):
        return NO_DATA
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if decimals is not None:
        return _fixed(value, decimals)
    size = abs(value)
    if size >= 1000 or float(value).is_integer():
        return _fixed(value, 0)
    if size >= 1:
        return _fixed(value, 2).rstrip("0").rstrip(".")
    places = min(6, 2 - math.floor(math.log10(size))) if size > 0 else 0
    return _fixed(value, places).rstrip("0").rstrip(".") or "0"


def count(value: float | None) -> str:
    """A count: a whole number with thousands separators (``1,234,567``)."""
    return NO_DATA if value is None or math.isnan(value) else _fixed(round(value), 0)


def money(value: float | None, currency: str | None, *, sign: bool = False) -> str:
    """An amount with two decimals, separators and its currency code (``20,700.50 INR``);
    ``sign`` writes a change (``+1,200.00 INR``)."""
    if value is None or math.isnan(value):
        return NO_DATA
    plus = "+" if sign and value > 0 else ""
    return f"{plus}{_fixed(value, 2)} {currency or ''}".rstrip()


def percent(share: float | None, *, decimals: int = 1) -> str:
    """A share of 1 as a percentage (``0.7841`` -> ``78.4 %``)."""
    if share is None or math.isnan(share):
        return NO_DATA
    return f"{_fixed(share * 100, decimals)} %"


def points(change: float | None, *, decimals: int = 1) -> str:
    """A change of a share in percentage points, signed (``0.023`` -> ``+2.3 pp``)."""
    if change is None or math.isnan(change):
        return NO_DATA
    text = _fixed(change * 100, decimals)
    return f"{'+' if change > 0 and text.strip('0.') else ''}{text} pp"


def signed(value: float | None, *, decimals: int | None = None) -> str:
    """A change of a plain number, signed (``+1,204``, ``-3.5``)."""
    if value is None or math.isnan(value):
        return NO_DATA
    text = number(value, decimals=decimals)
    return f"+{text}" if value > 0 and text.strip("0.,") else text


def duration(seconds: float | None) -> str:
    """Seconds in the unit that reads best: ``45 s``, ``12.5 min``, ``3.2 h``, ``4.1 days``.

    Examples
    --------
    >>> duration(7480), duration(45), duration(90 * 3600)
    ('2.1 h', '45 s', '3.8 days')
    """
    if seconds is None or math.isnan(seconds):
        return NO_DATA
    size = abs(seconds)
    if size < 2 * _MINUTE:
        return f"{number(seconds, decimals=0 if size >= 10 else 1)} s"
    if size < 2 * _HOUR:
        return f"{number(seconds / _MINUTE, decimals=1)} min"
    if size < 2 * _DAY:
        return f"{number(seconds / _HOUR, decimals=1)} h"
    return f"{number(seconds / _DAY, decimals=1)} days"


def hours(value: float | None) -> str:
    """Hours as written in contracts and laws (``72 h``, ``8.5 h``)."""
    return NO_DATA if value is None or math.isnan(value) else f"{number(value)} h"


def p_value(p: float | None, *, label: bool = True) -> str:
    """A p-value as written in a result: ``p = 0.034``, ``p < 0.001`` below that
    (without ``label``: ``0.034``, ``< 0.001``, for a column headed p)."""
    if p is None or math.isnan(p):
        return NO_DATA
    text = "< 0.001" if p < 0.001 else f"= {_fixed(p, 3)}"
    return f"p {text}" if label else text.removeprefix("= ")


def is_share(metric: str, target: float | None = None) -> bool:
    """True for metrics that are shares of 1 (printed as percentages)."""
    if metric.endswith("_s") or "hours" in metric:
        return False
    return target is None or abs(target) <= 1.0


def measure(metric: str, value: float | None, *, target: float | None = None) -> str:
    """A measured value of a named metric: ``78.4 %``, ``5,000 s``, ``8.5 h``.

    Seconds stay in seconds here: a contract writes its targets in them.

    Examples
    --------
    >>> measure("service_level", 0.7841, target=0.8)
    '78.4 %'
    >>> measure("first_response_business_s", 5000.4)
    '5,000 s'
    >>> measure("credits", 102500.0, target=5000.0)
    '102,500.00'
    """
    if value is None or math.isnan(value):
        return NO_DATA
    if metric.endswith("_s"):
        return f"{_fixed(value, 0)} s"
    if "hours" in metric:
        return f"{_fixed(value, 1)} h"
    if is_share(metric, target):
        return percent(value)
    return _fixed(value, 2)


def change(before: float | None, after: float | None, *, share: bool) -> str:
    """How ``after`` differs from ``before``: percentage points for shares, else signed."""
    if before is None or after is None:
        return NO_DATA
    return points(after - before) if share else signed(after - before)


def jinja_filters(*, missing: str = NO_DATA) -> dict[str, Callable[..., str]]:
    """These formatters as Jinja filters for pages (``{{ x | money(cur) }}``), a missing
    value shown as ``missing``; ``num(d)`` and ``pct(d)`` take the decimals positionally.
    """

    def keep_missing(format_: Callable[..., str]) -> Callable[..., str]:
        def filter_(value: float | None, *args: Any, **kwargs: Any) -> str:
            return missing if value is None else format_(value, *args, **kwargs)

        return filter_

    formatters: dict[str, Callable[..., str]] = {
        "number": number,
        "count": count,
        "money": money,
        "percent": percent,
        "points": points,
        "signed": signed,
        "duration": duration,
        "hours": hours,
        "p_value": p_value,
        "measure": measure,
        "num": lambda value, decimals=1: number(value, decimals=decimals),
        "pct": lambda share, decimals=1: percent(share, decimals=decimals),
    }
    return {name: keep_missing(f) for name, f in formatters.items()}
