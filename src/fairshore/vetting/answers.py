"""Reading an answer typed by a person (CLI, spreadsheet cell) and crediting it.

``parse_value`` turns raw input into the question's type or raises ``ValueError``
with a message saying what is expected; callers add where the input came from.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from fairshore.vetting.model import AnswerValue, Question

NA_TOKENS = frozenset({"n/a", "na", "not applicable"})
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


def is_na(raw: object) -> bool:
    """Whether ``raw`` says "not applicable"."""
    return isinstance(raw, str) and raw.strip().lower() in NA_TOKENS


def is_blank(raw: object) -> bool:
    """Whether ``raw`` holds no answer at all."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_value(question: Question, raw: object) -> AnswerValue:
    """The typed answer to ``question`` read from ``raw`` (text, number, bool or date)."""
    kind = question.type
    if kind == "yes_no":
        return _yes_no(raw)
    if kind == "single_choice":
        return _choice(question, raw)
    if kind == "multiple_choice":
        return _choices(question, raw)
    if kind in ("number", "percentage"):
        return _number(question, raw)
    if kind == "date":
        return _date(raw)
    text = str(raw).strip()
    if not text:
        raise ValueError("expected some text")
    return text


def _yes_no(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"expected yes or no, got {raw!r}")


def _choice(question: Question, raw: object) -> str:
    text = str(raw).strip()
    for option in question.options:
        if text.lower() in (option.id, option.label.lower()):
            return option.id
    raise ValueError(f"{text!r} is not one of the options: {', '.join(question.option_ids)}")


def _choices(question: Question, raw: object) -> tuple[str, ...]:
    parts = [p.strip() for p in str(raw).replace(";", ",").split(",") if p.strip()]
    if not parts:
        raise ValueError(f"expected one or more of: {', '.join(question.option_ids)}")
    chosen = {_choice(question, p) for p in parts}
    return tuple(o for o in question.option_ids if o in chosen)


def number_floor(question: Question) -> Decimal:
    """The lowest number a question takes: 0, or its bands' lowest bound when below 0.

    Counts and shares are never negative; a score such as an eNPS (-100..100) is, and
    its bands say so with a negative lower bound.
    """
    lowest = min((b.min for b in question.bands if b.min is not None), default=Decimal(0))
    return min(lowest, Decimal(0))


def _number(question: Question, raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError(f"expected a number, got {raw!r}")
    if isinstance(raw, float):
        raw = repr(raw)
    text = str(raw).strip().replace(",", "").removesuffix("%").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        unit = f" in {question.unit}" if question.unit else ""
        raise ValueError(f"expected a number{unit}, got {raw!r}") from None
    if not value.is_finite():
        raise ValueError(f"expected a finite number, got {raw!r}")
    if question.type == "percentage" and not Decimal(0) <= value <= Decimal(100):
        raise ValueError(f"a percentage is between 0 and 100, got {value}")
    floor = number_floor(question)
    if value < floor:
        raise ValueError(f"expected a number of {floor} or more, got {value}")
    return value


def _date(raw: object) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {raw!r}") from None


def format_value(value: AnswerValue) -> str:
    """An answer as a person would type it back (the inverse of ``parse_value``)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(value)
    if value is None:
        return ""
    return str(value)


def credit(question: Question, value: AnswerValue, *, as_of: date) -> Fraction:
    """The share (0..1) of a question's marks an answer earns, before evidence."""
    if question.type == "yes_no":
        return question.yes_credit if value is True else 1 - question.yes_credit
    if question.type == "single_choice":
        return next((o.credit for o in question.options if o.id == value), Fraction(0))
    if question.type == "multiple_choice":
        chosen = value if isinstance(value, tuple) else ()
        return min(
            Fraction(1), sum((o.credit for o in question.options if o.id in chosen), Fraction(0))
        )
    if question.type in ("number", "percentage") and isinstance(value, Decimal):
        return _band_credit(question, value)
    if question.type == "date" and isinstance(value, date):
        # Dates score by age in days on the assessment day (newer is better).
        return _band_credit(question, Decimal((as_of - value).days))
    if question.type == "document":
        return Fraction(1)
    return Fraction(0)


def _band_credit(question: Question, value: Decimal) -> Fraction:
    for band in question.bands:
        if band.contains(value):
            return band.credit
    return Fraction(0)


def encode_value(value: AnswerValue) -> object:
    """An answer as JSON for storage (decoded by ``decode_value`` with its question)."""
    if isinstance(value, Decimal | date):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def decode_value(question: Question, stored: object) -> AnswerValue:
    """The typed answer back from storage."""
    if stored is None:
        return None
    return parse_value(question, ", ".join(stored) if isinstance(stored, list) else stored)
