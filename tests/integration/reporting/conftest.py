"""One small demo workspace shared by the reporting integration tests (built once per process).

Session-scoped, not package-scoped: under xdist a worker may run other tests between two
of these, and a package fixture would then be torn down and the demo built again.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.demo.pipeline import run_demo
from tests.system_packages import need_weasyprint


@pytest.fixture(scope="session")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo at scale 0.02 (about 20,000 contacts), every step including reports."""
    need_weasyprint()  # the demo's last step writes the PDF reports
    ws = init_workspace(load_settings(home=tmp_path_factory.mktemp("reports") / "ws"))
    run_demo(ws, scale=0.02, seed=7)
    yield ws
    ws.close()
