"""Exact scores shown rounded: display that keeps the breakdown adding up."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction


def display(values: Sequence[Fraction], *, places: int = 2) -> list[Decimal]:
    """Round ``values`` for display so the rounded parts still sum to the rounded total.

    Largest-remainder apportionment (Hamilton's method) of the rounded sum.
    """
    unit = Fraction(1, 10**places)
    total = Fraction(round(sum(values, Fraction(0)) / unit)) * unit
    floors = [Fraction(v // unit) * unit for v in values]
    left = round((total - sum(floors, Fraction(0))) / unit)
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    for i in order[: max(0, left)]:
        floors[i] += unit
    return [as_decimal(f, places=places) for f in floors]


def as_decimal(value: Fraction, *, places: int = 2) -> Decimal:
    """A fraction as a decimal rounded half-even to ``places`` (for display only)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def exact(value: Fraction) -> str:
    """A fraction as ``"p/q"`` text (``"3"`` when whole), for anyone re-checking the sums."""
    return str(value)
