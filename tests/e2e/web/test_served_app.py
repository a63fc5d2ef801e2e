"""The app as ``fairshore serve`` runs it: its start-up heap out of the collector's reach."""

from __future__ import annotations

import gc

from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.app import create_app


def test_serving_freezes_what_start_up_loaded_and_tests_do_not(web_ws: Workspace) -> None:
    gc.unfreeze()
    try:
        served = create_app(web_ws.settings, workspace=web_ws, freeze_at_startup=True)
        with TestClient(served, base_url="https://testserver") as client:
            # the modules, routes and templates: full collections no longer walk them
            assert gc.get_freeze_count() > 50_000
            assert client.get("/healthz").json() == {"status": "ok"}
    finally:
        gc.unfreeze()
    with TestClient(create_app(web_ws.settings, workspace=web_ws), base_url="https://testserver"):
        assert gc.get_freeze_count() == 0
