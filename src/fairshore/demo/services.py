"""Use cases of the demo: generate the scenario's files, prepare a fresh workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

from fairshore.demo.generate import generate
from fairshore.demo.model import GenerationResult, ProgressCallback
from fairshore.errors import WorkspaceError

WORKSPACE_MARKERS = ("fairshore.db", "lake", "raw", "quarantine")


def generate_scenario(
    out: Path, *, scale: float, seed: int, progress: ProgressCallback | None = None
) -> GenerationResult:
    """Write the demo scenario's vendor files, manifest and truth into ``out``."""
    return generate(out, scale=scale, seed=seed, progress=progress)


def looks_like_workspace(path: Path) -> bool:
    """True when ``path`` holds a Fairshore workspace (database, or lake and raw folders)."""
    return (path / "fairshore.db").exists() or all((path / m).is_dir() for m in ("lake", "raw"))


def clear_workspace(path: Path) -> None:
    """Delete a demo workspace, refusing any folder that is not a Fairshore workspace."""
    if not path.exists():
        return
    if not path.is_dir() or (any(path.iterdir()) and not looks_like_workspace(path)):
        raise WorkspaceError(
            f"{path} is not a Fairshore workspace: not deleting it (choose another --dir)"
        )
    shutil.rmtree(path)
