"""Request bodies hold only what JSON (RFC 8259) and a database can store.

Python's ``json`` reads more than the standard allows: ``NaN`` and ``Infinity``, and
``\\ud800`` escapes that decode to a lone UTF-16 surrogate, a ``str`` no UTF-8 codec,
SQLite or PostgreSQL will write (the probe's 500s on ``/api/v1/tokens`` and finding
responses); PostgreSQL's text also refuses NUL characters, in JSON or in a form.
``refuse_hostile_body`` runs before every route's own parameters (an app-wide
dependency) and answers 422 with the reason instead.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from fairshore.errors import InputError

FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
MAX_DEPTH = 64  # our bodies nest two or three levels; FastAPI's parser stops near 1,000


def _refuse_constant(name: str) -> Any:
    raise InputError(f"{name} is not a JSON number (RFC 8259); send a finite number or null")


def _is_json(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


def _check_text(text: str) -> None:
    if "\x00" in text:
        raise InputError("text may not hold NUL characters (\\u0000)")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(
                "the JSON holds a lone UTF-16 surrogate (a \\ud800-\\udfff escape without "
                "its pair), which is not Unicode text; send valid UTF-8"
            ) from None


def check_json(body: bytes) -> None:
    """Raise ``InputError`` for non-finite numbers, lone surrogates or deep nesting.

    A body that is not JSON at all is left to FastAPI, which answers it with its own
    "JSON decode error" (422) or "error parsing the body" (400).
    """
    try:
        value = json.loads(body, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise InputError(f"the JSON nests deeper than {MAX_DEPTH} levels")
            if isinstance(item, dict):
                for key in item:
                    _check_text(key)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


async def refuse_hostile_body(request: Request) -> None:
    """The app-wide dependency: check a JSON body or a form's text before a route reads it."""
    content_type = request.headers.get("content-type", "")
    if _is_json(content_type):
        body = await request.body()
        if body:
            check_json(body)
    elif content_type.startswith(FORMS):
        for value in (await request.form()).values():  # parsed already, for the route
            if isinstance(value, str):
                _check_text(value)
