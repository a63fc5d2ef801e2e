"""The HTTP plumbing the fake Zendesk, Zendesk Talk and Freshdesk servers share: auth,
a 429 with ``Retry-After`` on chosen requests, a request held to kill the client."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

Answer = tuple[int, Any, dict[str, str]]


class FakeApi:
    """What every fake API records and what the test wants to happen.

    Subclasses answer ``route(path, query)``; ``refused`` is the body of a 401 and
    ``throttled`` the body of a 429, in the vendor's own shape."""

    refused: ClassVar[dict[str, str]] = {"error": "Couldn't authenticate you"}
    throttled: ClassVar[dict[str, str]] = {"error": "APIRateLimitExceeded"}

    def __init__(self, *, auth: str) -> None:
        self.auth = auth
        self.requests: list[str] = []
        self.throttle: dict[int, int] = {}  # request number -> Retry-After seconds (once)
        self.stall_at: int | None = None  # request number to hold until released
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.base_url = ""

    def route(self, path: str, query: dict[str, list[str]]) -> Answer:
        raise NotImplementedError


def _handler(api: FakeApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            return

        def _send(self, answer: Answer) -> None:
            status, body, headers = answer
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json; charset=utf-8")
            self.send_header("content-length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)  # the client may have been killed: that is the test

        def do_GET(self) -> None:
            with api.lock:
                api.requests.append(self.path)
                number = len(api.requests)
            if self.headers.get("authorization") != api.auth:
                self._send((401, api.refused, {}))
                return
            if number in api.throttle:
                wait = api.throttle.pop(number)
                self._send((429, api.throttled, {"retry-after": str(wait)}))
                return
            if api.stall_at == number:
                api.stalled.set()
                api.release.wait(30)
            parts = urlsplit(self.path)
            with api.lock:
                answer = api.route(parts.path, parse_qs(parts.query))
            self._send(answer)

    return Handler


@contextmanager
def serving(api: FakeApi) -> Iterator[str]:
    """Serve ``api`` on 127.0.0.1 (a free port); yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
    api.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api.base_url
    finally:
        api.release.set()
        server.shutdown()
        server.server_close()
