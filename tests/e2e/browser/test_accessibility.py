"""axe-core finds no serious or critical accessibility violation in the states of the app
that no address reaches (a refused sign-in, an unknown engagement), and the keyboard
reaches the sign-in form in reading order. Every page of every role is audited by
``test_every_page``.

axe-core 4.14.1 (Deque, MPL-2.0; ``tests/data/axe-core``: ``axe.min.js`` and its
``LICENSE``, from ``npm pack axe-core``) is injected into each page by Playwright and run
with its WCAG 2.0/2.1/2.2 A and AA rules (and best practices) after the page (and its
charts) have rendered. The audit's browser context bypasses the app's CSP only so that
the test may inject the script; the pages are the ones users get.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser.conftest import sign_in

AXE = Path(__file__).parents[2] / "data" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = ("serious", "critical")


@pytest.fixture
def audit_page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary),
            }));
        }""",
        TAGS,
    )
    return [v for v in found if v["impact"] in BLOCKING]


def _report(found: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['impact']} {v['id']} ({v['help']}): {v['nodes']}" for v in found)


def test_a_refused_sign_in_has_no_serious_violations(audit_page: Any) -> None:
    audit_page.goto("/login")
    audit_page.get_by_label("Email").fill("analyst@telco.example")
    audit_page.get_by_label("Password").fill("not the right one")
    audit_page.get_by_role("button", name="Sign in").click()
    audit_page.get_by_role("alert").wait_for()
    found = violations(audit_page)
    assert not found, _report(found)


def test_the_not_found_page_has_no_serious_violations(audit_page: Any) -> None:
    sign_in(audit_page, "analyst@telco.example")
    audit_page.get_by_role("heading", name="Portfolio").wait_for()
    audit_page.goto("/engagements/telco-blr-missing")
    audit_page.get_by_role("heading", name="Not found").first.wait_for()
    found = violations(audit_page)
    assert not found, _report(found)


def test_the_keyboard_reaches_the_sign_in_form_in_reading_order(audit_page: Any) -> None:
    audit_page.goto("/login")
    order = []
    for _ in range(6):
        audit_page.keyboard.press("Tab")
        order.append(
            audit_page.evaluate(
                "() => { const e = document.activeElement;"
                " return (e.labels && e.labels[0] ? e.labels[0].innerText : e.innerText)"
                " || e.getAttribute('aria-label') || e.tagName; }"
            ).strip()
        )
    assert order[0] == "Skip to content"
    email, password, button = (order.index(n) for n in ("Email", "Password", "Sign in"))
    assert email < password < button
    # The skip link moves focus to the main content.
    audit_page.goto("/login")
    audit_page.keyboard.press("Tab")
    audit_page.keyboard.press("Enter")
    assert audit_page.evaluate("() => document.activeElement.id") == "main"
