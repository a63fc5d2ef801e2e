"""axe-core in the browser tests: one audit, the same everywhere.

axe-core 4.14.1 (Deque, MPL-2.0; ``tests/data/axe-core``: ``axe.min.js`` and its
``LICENSE``, from ``npm pack axe-core``) is added to every document of a browser context
as an init script, which the app's Content Security Policy does not govern: the pages
audited are the ones users get, under their CSP. It runs its WCAG 2.0/2.1/2.2 A and AA
rules and best practices on the page as it is when asked (after its charts are drawn);
serious and critical violations fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).parents[2] / "data" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = ("serious", "critical")
_RUN = """async (tags) => {
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
    });
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary),
    }));
}"""


def audited_context(browser: Any, base_url: str, **options: Any) -> Any:
    """A browser context whose every document carries axe-core."""
    context = browser.new_context(base_url=base_url, **options)
    context.add_init_script(path=str(AXE))
    return context


def violations(page: Any, where: str = "") -> list[str]:
    """The serious and critical violations on the page as it is now, one line each."""
    found: list[dict[str, Any]] = page.evaluate(_RUN, TAGS)
    prefix = f"{where}: " if where else ""
    return [
        f"{prefix}{v['impact']} {v['id']} ({v['help']}): {v['nodes']}"
        for v in found
        if v["impact"] in BLOCKING
    ]
