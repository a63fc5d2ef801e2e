"""The lake on each store it supports: a folder, an S3-compatible object store, and an
Azure one.

The object store is moto's S3 server (``moto[server]``, a dev dependency) started by
the tests on 127.0.0.1 at a free port, in its own process: delta-rs holds the GIL while
it waits for an answer, so a server thread in the test process would never answer.
Every test gets a fresh bucket; the workspace names its endpoint, region, keys and
``allow_http`` in ``FAIRSHORE_LAKE_STORAGE_OPTIONS`` (nothing is read from this
machine's AWS settings).

The Azure store is Azurite, Microsoft's storage emulator (npm), which
``scripts/test-deps.sh`` installs into the user's cache; without it those tests are
skipped, saying so. Its account and endpoint come from the ``AZURE_STORAGE_*``
variables, as an operator would set them.
"""

from __future__ import annotations

import base64
import email.utils
import hashlib
import hmac
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from tests.integration.interactions.workspace_files import add_engagement

STORES = ["folder", "s3"]
AZURITE_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "fairshore"
AZURITE_ACCOUNT = "devstoreaccount1"  # Azurite's well-known development account and key
AZURITE_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """An S3 server on this machine (moto), for the whole test process."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # at most 30 s
            try:
                with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1):
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            pytest.fail("moto's S3 server did not start within 30 s")
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="session")
def azurite_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Azurite's blob service on this machine, for the whole test process."""
    found = sorted(AZURITE_CACHE.glob("azurite-*/node_modules/.bin/azurite-blob"))
    if not found:
        pytest.skip(f"Azurite is not installed in {AZURITE_CACHE} (make test installs it)")
    port = _free_port()
    server = subprocess.Popen(
        [
            *[str(found[-1]), "--blobHost", "127.0.0.1", "--blobPort", str(port)],
            *["--location", str(tmp_path_factory.mktemp("azurite"))],
            *["--silent", "--skipApiVersionCheck", "--disableTelemetry"],
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # at most 30 s
            try:
                urllib.request.urlopen(endpoint, timeout=1).close()
                break
            except urllib.error.HTTPError:  # it answers (400: no account named)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            pytest.fail("Azurite did not start within 30 s")
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=30)


def new_container(endpoint: str) -> str:
    """A fresh container, made through the Blob REST API (Shared Key authorisation)."""
    name = f"lake-{uuid.uuid4().hex[:12]}"
    date, version = email.utils.formatdate(usegmt=True), "2021-08-06"
    signed = (
        "PUT\n" + "\n" * 11 + f"x-ms-date:{date}\nx-ms-version:{version}\n"
        f"/{AZURITE_ACCOUNT}/{AZURITE_ACCOUNT}/{name}\nrestype:container"
    )
    key = base64.b64decode(AZURITE_KEY)
    signature = base64.b64encode(hmac.new(key, signed.encode(), hashlib.sha256).digest())
    request = urllib.request.Request(
        f"{endpoint}/{AZURITE_ACCOUNT}/{name}?restype=container",
        method="PUT",
        headers={
            "x-ms-date": date,
            "x-ms-version": version,
            "Authorization": f"SharedKey {AZURITE_ACCOUNT}:{signature.decode()}",
        },
    )
    urllib.request.urlopen(request, timeout=10).close()
    return name


def storage_options(endpoint: str) -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "fairshore-test",
        "AWS_SECRET_ACCESS_KEY": "fairshore-test-secret",
        "AWS_ALLOW_HTTP": "true",
    }


def new_bucket(endpoint: str) -> str:
    """A fresh bucket, made through the S3 API as an operator would."""
    import boto3  # moto's dependency: the reference S3 client

    name = f"lake-{uuid.uuid4().hex[:12]}"
    options = storage_options(endpoint)
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=options["AWS_REGION"],
        aws_access_key_id=options["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=options["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name)
    return name


@pytest.fixture(params=STORES)
def store_ws(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """A workspace whose lake is a folder, or a bucket of the local S3 server."""
    overrides: dict[str, object] = {"home": tmp_path / "ws"}
    if request.param == "s3":
        endpoint = request.getfixturevalue("s3_endpoint")
        overrides["lake_uri"] = f"s3://{new_bucket(endpoint)}/fairshore/lake"
        overrides["lake_storage_options"] = storage_options(endpoint)
    ws = init_workspace(load_settings(**overrides))
    add_engagement(ws)
    yield ws
    ws.close()


@pytest.fixture
def azure_ws(
    azurite_endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Workspace]:
    """A workspace whose lake is an ``abfss://`` container of Azurite, its account, key
    and endpoint from the ``AZURE_STORAGE_*`` variables (as an operator sets them)."""
    monkeypatch.setenv("AZURE_STORAGE_ACCOUNT_NAME", AZURITE_ACCOUNT)
    monkeypatch.setenv("AZURE_STORAGE_ACCOUNT_KEY", AZURITE_KEY)
    monkeypatch.setenv("AZURE_STORAGE_ENDPOINT", f"{azurite_endpoint}/{AZURITE_ACCOUNT}")
    container = new_container(azurite_endpoint)
    ws = init_workspace(
        load_settings(
            home=tmp_path / "ws",
            lake_uri=f"abfss://{container}@{AZURITE_ACCOUNT}.dfs.core.windows.net/lake",
            lake_storage_options={"allow_http": "true"},  # Azurite speaks plain HTTP
        )
    )
    add_engagement(ws)
    yield ws
    ws.close()
