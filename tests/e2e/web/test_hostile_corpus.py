"""A hostile-input corpus over every route: nothing a client sends is a server error.

The routes come from the app itself (a route added later is covered): each path
parameter, query parameter and form field in turn gets each hostile value, the other
values being real ones; JSON routes get hostile JSON in each field and as a whole body;
the upload routes get hostile files. The corpus: lone UTF-16 surrogates, ``NaN`` and
``Infinity``, digits of other scripts (full-width, Arabic-Indic, Devanagari), deep
nesting (10,000 levels), huge integers and huge counts (100,000 characters or items),
NUL and bidi control characters. Sent as an admin and as a vendor user.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.app import create_app
from fairshore.interactions import services as ingest
from tests.e2e.web.conftest import sign_in

TEXT = (
    "２０２６-Q1",  # full-width digits
    "٢٠٢٦-٠٣",  # Arabic-Indic digits
    "२०२६-Q३",  # Devanagari digits
    "9" * 5000,  # past Python's 4,300-digit int conversion limit
    "-" + "9" * 30,
    "1e309",
    "NaN",
    "-Infinity",
    "x" * 100_000,
    "a\x00b",
    "\u202egnp.exe",
)
JSON_VALUES = (
    '"\\ud800"',
    '"x\\udfff"',
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "9" * 4000,
    "9" * 5000,
    "[" * 10_000 + "]" * 10_000,
    '"' + "x" * 100_000 + '"',
    "[" + ",".join(['"read"'] * 100_000) + "]",
    '{"a": ' * 500 + "1" + "}" * 500,
)
KNOWN = {
    "engagement_id": "telco-mnl",
    "vendor_id": "northwind",
    "finding_id": "1",
    "batch_id": "b-nope",
    "quarter": "2026-Q3",
    "contest_id": "1",
    "case_id": "NOPE-NOPE",
    "token_id": "999999",
}
URL_MAX = 8000  # servers refuse longer request lines (uvicorn/h11: 64 KiB of headers)
SKIP = {("POST", "/logout")}  # ends the session the corpus is sent with; it reads nothing
USERS = ("admin@telco.example", "vendor@telco.example")


@pytest.fixture(scope="module")
def client(web_ws: Workspace) -> Iterator[TestClient]:
    app = create_app(web_ws.settings, workspace=web_ws)
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as c:
        yield c


def _routes(routes: list[Any], prefix: str = "") -> list[tuple[str, str, APIRoute]]:
    """(method, full path, route) of every operation, included routers too."""
    found = []
    for route in routes:
        context = getattr(route, "include_context", None)
        if context is not None:  # FastAPI keeps an included router as one node
            found += _routes(context.included_router.routes, prefix + context.prefix)
        elif isinstance(route, APIRoute):
            for method in sorted(route.methods - {"HEAD"}):
                if (method, prefix + route.path) not in SKIP:
                    found.append((method, prefix + route.path, route))
    return found


def _flat(dependant: Dependant) -> tuple[list[Any], list[Any], list[Any]]:
    """Path, query and body parameters of a route and all its dependencies."""
    paths, queries, bodies = [], [], []
    stack = [dependant]
    while stack:
        current = stack.pop()
        paths += current.path_params
        queries += current.query_params
        bodies += current.body_params
        stack.extend(current.dependencies)
    unique = lambda ps: list({p.alias: p for p in ps}.values())  # noqa: E731
    return unique(paths), unique(queries), unique(bodies)


def _fields(route: APIRoute) -> tuple[list[str], list[str], list[str], list[str]]:
    """Path, query, form and file parameter names; JSON body fields last."""
    paths, queries, bodies = _flat(route.dependant)
    forms: list[str] = []
    files: list[str] = []
    if _json_fields(route) is None:
        for param in bodies:
            annotation = str(param.field_info.annotation)
            (files if "UploadFile" in annotation else forms).append(param.alias)
    return [p.alias for p in paths], [q.alias for q in queries], forms, files


def _json_fields(route: APIRoute) -> list[str] | None:
    """The fields of a JSON body model, or None when the route reads no JSON."""
    bodies = _flat(route.dependant)[2]
    if len(bodies) != 1 or type(bodies[0].field_info).__name__ in ("Form", "File"):
        return None
    model: Any = bodies[0].field_info.annotation
    return list(getattr(model, "model_fields", {}))


def _path(path: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", quote(value[:URL_MAX], safe=""))
    return path


def _requests(method: str, template: str, route: APIRoute) -> Iterator[dict[str, Any]]:
    paths, queries, forms, files = _fields(route)
    known = {p: KNOWN.get(p, "x") for p in paths}
    for p in paths:
        for value in TEXT:
            yield {"url": _path(template, known | {p: value})}
    for q in queries:
        for value in TEXT:
            yield {"url": _path(template, known), "params": {q: value[:URL_MAX]}}
    url = _path(template, known)
    plain = dict.fromkeys(forms, "x")
    attached = [(f, ("a.csv", b"a,b\n1,2\n", "text/csv")) for f in files] or None
    for f in forms:
        for value in TEXT:
            yield {"url": url, "data": plain | {f: value}, "files": attached}
        raw = "&".join(f"{k}={'%ED%A0%80' if k == f else 'x'}" for k in plain)  # a surrogate
        content_type = "application/x-www-form-urlencoded"
        if not files:
            yield {"url": url, "content": raw, "headers": {"content-type": content_type}}
    fields = _json_fields(route) if method != "GET" else None
    if fields is not None:
        for doc in JSON_VALUES:
            bodies = [doc] + [f'{{"{name}": {doc}}}' for name in fields]
            for body in bodies:
                yield {"url": url, "content": body, "headers": {"content-type": "application/json"}}


def _send(client: TestClient, method: str, csrf: str, request: dict[str, Any]) -> httpx.Response:
    headers = {"x-csrf-token": csrf} | request.pop("headers", {})
    return client.request(method, headers=headers, follow_redirects=False, **request)


@pytest.mark.parametrize("user", USERS)
def test_no_route_answers_hostile_input_with_a_server_error(client: TestClient, user: str) -> None:
    csrf = sign_in(client, user)
    errors = []
    sent = 0
    for method, template, route in _routes(client.app.routes):  # type: ignore[attr-defined]
        for request in _requests(method, template, route):
            shown = f"{method} {request['url'][:80]} {str(request.get('params') or '')[:60]}"
            answer = _send(client, method, csrf, dict(request))
            sent += 1
            if answer.status_code >= 500:
                errors.append(f"{answer.status_code} {shown}: {answer.text[:120]}")
            if "fairshore_session" not in client.cookies:  # a route ended the session
                csrf = sign_in(client, user)
    assert sent > 1000  # the corpus reached the routes
    assert errors == []


HOSTILE_FILES = [
    ("csv", "digits.csv", "interaction_id,channel,arrived_at\n١,voice,٢٠٢٦-٠٣-٠١T10:00:00Z\n"),
    (
        "csv",
        "huge.csv",
        "interaction_id,channel,arrived_at,handle_seconds\nh1,voice,"
        "2026-03-01T10:00:00Z," + "9" * 5000 + "\n",
    ),
    ("jsonl", "nan.jsonl", '{"interaction_id": "n1", "handle_seconds": NaN}\n'),
    ("jsonl", "surrogate.jsonl", '{"interaction_id": "\\ud800", "channel": "voice"}\n'),
    ("zendesk", "deep.json", '{"tickets": ' + "[" * 10_000 + "]" * 10_000 + "}"),
    ("zendesk", "surrogate.json", '{"tickets": [{"id": 1, "subject": "\\udc00"}]}'),
    ("freshdesk", "inf.json", '[{"id": Infinity, "created_at": "2026-03-01T10:00:00Z"}]'),
]


@pytest.mark.parametrize(("fmt", "name", "text"), HOSTILE_FILES, ids=[f[1] for f in HOSTILE_FILES])
@pytest.mark.parametrize("url", ["/uploads", "/api/v1/uploads"])
def test_hostile_upload_files_are_rejected_not_crashed(
    client: TestClient, web_ws: Workspace, url: str, fmt: str, name: str, text: str
) -> None:
    csrf = sign_in(client, "vendor@telco.example")
    answer = client.post(
        url,
        data={"engagement_id": "telco-mnl", "table": "interactions", "format": fmt},
        files=[("files", (name, text.encode(), "application/octet-stream"))],
        headers={"x-csrf-token": csrf},
        follow_redirects=False,
    )
    assert answer.status_code < 500, answer.text[:300]
    assert "running" not in {b.status for b in ingest.list_batches(web_ws)}
