"""API schemas derived from the services' own result types, never written twice.

A service result (a pydantic model or a dataclass of a feature package) becomes its
``/api/v1`` shape through ``public``: the same field names, types and order, with the
API's two rules applied in one place. A number that could not be computed is
``null`` (NaN and infinities from the analytics become ``None``) and exact numbers
(``Fraction``, ``Decimal``) are JSON numbers. A public shape that must hide a field
names what it keeps (``include``); one that adds a figure names it (``extra``).

Examples
--------
>>> from fairshore.staffing.model import AdequacyMonth
>>> Month = public(AdequacyMonth)
>>> list(Month.model_fields)[:3]
['month', 'intervals', 'understaffed_intervals']
"""

from __future__ import annotations

import dataclasses
import math
import types
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel, BeforeValidator, ConfigDict, create_model

M = TypeVar("M", bound=BaseModel)


def _number(value: object) -> object:
    """A plain float for the API: None for NaN or infinite values."""
    if isinstance(value, Fraction | Decimal):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


Number = Annotated[float | None, BeforeValidator(_number)]
_EXACT = (float, Fraction, Decimal)


def public_type(tp: Any) -> Any:
    """``tp`` with every float-like part made an API number (nullable, never NaN)."""
    if tp in _EXACT:
        return Number
    origin, args = get_origin(tp), get_args(tp)
    if origin is None or origin is Literal or not args:
        return tp
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1 and inner[0] in _EXACT:
            return Number
        return Union[tuple(public_type(a) for a in args)]  # noqa: UP007 (built from a tuple)
    if origin is tuple:
        return tuple[tuple(a if a is Ellipsis else public_type(a) for a in args)]  # type: ignore[misc]
    if origin in (list, dict, set, frozenset):
        return origin[tuple(public_type(a) for a in args)]
    return tp


def _field_names(source: type) -> list[str]:
    if isinstance(source, type) and issubclass(source, BaseModel):
        return list(source.model_fields)
    if dataclasses.is_dataclass(source):
        return [f.name for f in dataclasses.fields(source)]
    raise TypeError(f"{source!r} is neither a pydantic model nor a dataclass")


def public(
    source: type,
    /,
    *,
    name: str | None = None,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    extra: Mapping[str, Any] | None = None,
    nested: Mapping[str, Any] | None = None,
) -> type[BaseModel]:
    """The API schema of a service result type.

    Parameters
    ----------
    source
        The service's result type (pydantic model or dataclass).
    name
        The schema's name in OpenAPI (default ``<Source>Public``).
    include, exclude
        The fields kept (default all, in the source's order) and those hidden.
    extra
        Figures the public shape adds, name -> type (filled by the caller).
    nested
        Field name -> type replacing the source's (e.g. a nested result's own schema).
    """
    hints = get_type_hints(source)
    names = [n for n in (include or _field_names(source)) if n not in exclude]
    swap = dict(nested or {})
    fields: dict[str, Any] = {
        n: (swap[n] if n in swap else public_type(hints[n]), ...) for n in names
    }
    fields |= {n: (public_type(tp), ...) for n, tp in (extra or {}).items()}
    model: type[BaseModel] = create_model(
        name or f"{source.__name__}Public",
        __config__=ConfigDict(from_attributes=True),
        __doc__=(source.__doc__ or "").strip().split("\n\n")[0] or None,
        __module__=__name__,
        **fields,
    )
    return model


def present(schema: type[M], result: object, /, **extra: Any) -> M:
    """``result`` (a service result object) in its API schema; ``extra`` fills the
    figures the schema adds, or overrides a field the public shape renders differently."""
    values = {n: getattr(result, n) for n in schema.model_fields if n not in extra}
    return schema.model_validate(values | extra, from_attributes=True)
