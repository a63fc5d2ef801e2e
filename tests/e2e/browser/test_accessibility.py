"""axe-core finds no serious or critical accessibility violation in the states of the app
that no address reaches (a refused sign-in, an unknown engagement), and the keyboard
reaches the sign-in form in reading order. Every page of every role is audited by
``test_every_page``.

The audit is ``axe.py``'s, under the app's own Content Security Policy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.browser.axe import audited_context, violations
from tests.e2e.browser.conftest import sign_in


@pytest.fixture
def audit_page(browser: Any, server: str) -> Iterator[Any]:
    context = audited_context(browser, server)
    page = context.new_page()
    yield page
    context.close()


def test_a_refused_sign_in_has_no_serious_violations(audit_page: Any) -> None:
    audit_page.goto("/login")
    audit_page.get_by_label("Email").fill("analyst@telco.example")
    audit_page.get_by_label("Password").fill("not the right one")
    audit_page.get_by_role("button", name="Sign in").click()
    audit_page.get_by_role("alert").wait_for()
    found = violations(audit_page)
    assert not found, "\n".join(found)


def test_the_not_found_page_has_no_serious_violations(audit_page: Any) -> None:
    sign_in(audit_page, "analyst@telco.example")
    audit_page.get_by_role("heading", name="Portfolio").wait_for()
    audit_page.goto("/engagements/telco-blr-missing")
    audit_page.get_by_role("heading", name="Not found").first.wait_for()
    found = violations(audit_page)
    assert not found, "\n".join(found)


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
