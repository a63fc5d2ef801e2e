"""The docs say what the code does."""

from __future__ import annotations

from pathlib import Path

from fairshore.interactions.schema import render_markdown

ROOT = Path(__file__).resolve().parents[3]


def test_data_model_doc_matches_the_schema() -> None:
    doc = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert doc == render_markdown(), (
        "docs/data-model.md is stale: regenerate it with "
        "python -c 'from fairshore.interactions.schema import render_markdown; "
        'print(render_markdown(), end="")\' > docs/data-model.md'
    )


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make demo" in head
    assert "make test" in head
