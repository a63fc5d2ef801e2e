"""Limits of a real server: request bodies and parallel sign-ins (issue 23 items 1 and 9).

Chunked bodies are capped as they stream, and a route that needs sign-in answers before
it reads a body nobody signed in to send.

The probe (issue 23) sent an unauthenticated 500 MB chunked ``POST /uploads``: the
server spooled 497 MB to disk, then answered 303 to ``/login``. Here each request goes
through a raw socket that stops sending as soon as the server answers, so the bytes sent
bound what the server could have read (plus the loopback socket buffers).
"""

from __future__ import annotations

import http.client
import select
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pytest

from fairshore.accounts import services as accounts
from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from tests.e2e.browser.conftest import serve
from tests.e2e.web.conftest import PASSWORD

MIB = 1024 * 1024
UPLOAD_CAP = 4 * MIB  # FAIRSHORE_WEB_UPLOAD_MAX_BYTES of the served app
SLACK = 8 * MIB  # what the loopback buffers hold before the sender blocks
BOUNDARY = "fairshoreboundary"
PREAMBLE = (
    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="engagement_id"\r\n\r\ntelco-mnl\r\n'
    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="table"\r\n\r\ninteractions\r\n'
    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="big.csv"\r\n'
    "Content-Type: text/csv\r\n\r\n"
).encode()


@dataclass(frozen=True)
class Served:
    port: int
    session: str
    token: str


@dataclass(frozen=True)
class Answer:
    status: int
    head: str
    sent: int  # body bytes sent before the answer came


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    home = tmp_path_factory.mktemp("bodies") / "ws"
    ws = init_workspace(load_settings(home=home))
    entities.add_vendor(ws, id="northwind", name="Northwind")
    entities.add_engagement(ws, id="telco-mnl", vendor_id="northwind", name="MNL",
                            timezone="UTC", channels=["voice"], languages=["en"])  # fmt: skip
    vendor = accounts.add_user(
        ws, email="vendor@telco.example", password=PASSWORD, role="vendor", vendor_id="northwind"
    )
    _, token = accounts.create_api_token(ws, vendor, name="bot", scopes=["upload", "read"])
    session = accounts.sign_in(ws, email="vendor@telco.example", password=PASSWORD).token
    ws.close()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FAIRSHORE_WEB_UPLOAD_MAX_BYTES", str(UPLOAD_CAP))
        for base in serve(home):
            yield Served(port=int(urlsplit(base).port or 0), session=session, token=token)


def post_chunked(port: int, path: str, headers: dict[str, str], *, body_bytes: int) -> Answer:
    """POST a chunked multipart body of ``body_bytes``, stopping when the server answers."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Transfer-Encoding: chunked",
             f"Content-Type: multipart/form-data; boundary={BOUNDARY}"]  # fmt: skip
    lines += [f"{k}: {v}" for k, v in headers.items()]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    sent = 0
    block = PREAMBLE
    try:
        while sent < body_bytes:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break  # the server answered: send no more
            sock.sendall(b"%x\r\n%s\r\n" % (len(block), block))
            sent += len(block)
            block = b"1,2\n" * 16384
        select.select([sock], [], [], 10)  # a server still reading never answers
        head = sock.recv(65536).decode("latin-1")
    except (BrokenPipeError, ConnectionResetError):
        head = sock.recv(65536).decode("latin-1")
    finally:
        sock.close()
    assert head, f"no answer after {sent:,} body bytes: the server is still reading"
    return Answer(status=int(head.split(" ", 2)[1]), head=head.lower(), sent=sent)


@pytest.mark.parametrize(
    ("path", "who", "status"),
    [
        ("/uploads", "anonymous", 303),
        ("/api/v1/uploads", "anonymous", 401),
        ("/portal/vendors/northwind/evidence", "anonymous", 303),
        ("/uploads", "forged session", 303),
        ("/api/v1/uploads", "revoked token", 401),
    ],
)
def test_an_anonymous_body_is_refused_before_it_is_read(
    served: Served, path: str, who: str, status: int
) -> None:
    headers = {
        "anonymous": {},
        "forged session": {"Cookie": "fairshore_session=" + "x" * 43},
        "revoked token": {"Authorization": "Bearer fs_" + "x" * 43},
    }[who]
    answer = post_chunked(served.port, path, headers, body_bytes=64 * MIB)
    assert answer.status == status
    assert answer.sent <= SLACK  # answered at once, not after the 64 MB
    assert "x-content-type-options: nosniff" in answer.head
    if status == 303:
        assert "location: /login" in answer.head


@pytest.mark.parametrize(
    ("path", "credential", "cap"),
    [
        ("/api/v1/uploads", "token", UPLOAD_CAP),
        ("/uploads", "session", UPLOAD_CAP),
        ("/portal/vendors/northwind/evidence", "session", UPLOAD_CAP),
        ("/login", "none", 16 * 1024),  # public: read, but only a sign-in form's worth
        ("/voice", "none", 2 * MIB),
    ],
)
def test_a_chunked_body_stops_at_its_routes_cap(
    served: Served, path: str, credential: str, cap: int
) -> None:
    headers = {
        "token": {"Authorization": f"Bearer {served.token}"},
        "session": {"Cookie": f"fairshore_session={served.session}"},
        "none": {},
    }[credential]
    answer = post_chunked(served.port, path, headers, body_bytes=64 * MIB)
    assert answer.status == 413, answer.head
    assert answer.sent <= cap + SLACK
    assert "cache-control: no-store" in answer.head and "x-frame-options: deny" in answer.head


def test_a_declared_length_over_the_cap_is_refused_unread(served: Served) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=20)
    conn.putrequest("POST", "/api/v1/uploads")
    conn.putheader("Authorization", f"Bearer {served.token}")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(UPLOAD_CAP + 1))
    conn.endheaders()  # and no body at all: the answer must not wait for it
    response = conn.getresponse()
    assert response.status == 413
    assert "larger than this address accepts (4 MB)" in response.read().decode()
    conn.close()


def _sign_in_together(port: int, barrier: threading.Barrier) -> tuple[int, str | None]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/login")
    form = conn.getresponse()
    form.read()
    cookie = form.getheader("set-cookie", "").split(";", 1)[0]
    csrf = cookie.split("=", 1)[1]
    body = urlencode({"email": "vendor@telco.example", "password": PASSWORD, "csrf_token": csrf})
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    barrier.wait()
    conn.request("POST", "/login", body=body, headers=headers)
    answer = conn.getresponse()
    answer.read()
    conn.close()
    return answer.status, answer.getheader("retry-after")


def test_parallel_sign_ins_from_one_client_are_throttled(served: Served) -> None:
    # The probe: 20 parallel sign-ins queued on argon2id, p95 5.3 s.
    barrier = threading.Barrier(20)
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: _sign_in_together(served.port, barrier), range(20)))
    statuses = sorted(status for status, _ in answers)
    assert set(statuses) == {303, 429}, statuses  # signed in, or told to come back
    assert all(int(retry or 0) >= 1 for status, retry in answers if status == 429)
    assert statuses.count(303) <= 10
