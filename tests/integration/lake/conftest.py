"""The lake on each store it supports: a folder, and an S3-compatible object store.

The object store is moto's S3 server (``moto[server]``, a dev dependency) started by
the tests on 127.0.0.1 at a free port, in its own process: delta-rs holds the GIL while
it waits for an answer, so a server thread in the test process would never answer.
Every test gets a fresh bucket; the workspace names its endpoint, region, keys and
``allow_http`` in ``FAIRSHORE_LAKE_STORAGE_OPTIONS`` (nothing is read from this
machine's AWS settings).
"""

from __future__ import annotations

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
