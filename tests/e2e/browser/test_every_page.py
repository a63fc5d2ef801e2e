"""Every page of the app, for every role, in a real browser: it fits a 390 px phone and
a 1366x768 laptop without sideways scroll, "Sign out" stays on screen, no console error,
and axe-core finds no serious or critical accessibility violation.

The pages come from the app's own routes (``every_page``), so a page added later is
checked without anyone listing it. Each page is opened once per role, at phone width
(WCAG 2.1 SC 1.4.10 Reflow: usable at 320 CSS px without scrolling in two dimensions;
tables and charts may scroll inside their own box, the page may not), then widened to
the laptop and audited there by axe-core (``axe.py``), under the app's Content Security
Policy: the pages are the ones users get, CSP violations included (they would be console
errors). The roles are separate tests, so xdist spreads them over its workers.

axe-core audits each page content once per run: most pages show every staff role the
same main content (hidden form tokens aside), and auditing it again for each role was a
quarter of their time. The first role to reach a content audits the whole page
(``_first_to_audit``, a claim in the run's shared folder, so whichever worker gets there
first); a role's first page is always audited whole, so each role's own header and
navigation are. Layout and console errors are checked for every role on every page.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser.axe import audited_context, violations
from tests.e2e.browser.every_page import (
    ROLES,
    demo_site,
    demo_url,
    shared_folder,
    sign_in_as,
    visit,
)

PHONE, LAPTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 768}
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('main *, header *')]
        .filter(e => e.getBoundingClientRect().right > width + 1
                && !e.closest('.scroll, table, pre, .chart'))
        .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
    return {scroll: document.documentElement.scrollWidth - width, wide};
}"""
# What a role's page shows in <main>, without the values of hidden inputs (CSRF tokens).
MAIN_CONTENT = """() => {
    const main = document.querySelector('main');
    if (!main) return document.body.outerHTML;
    const copy = main.cloneNode(true);
    copy.querySelectorAll('input[type=hidden]').forEach(i => i.setAttribute('value', ''));
    return copy.outerHTML;
}"""


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_url(tmp_path_factory)


def _first_to_audit(audited: Path, page: Any) -> bool:
    """Whether no test of this run has audited the page's main content yet (and now
    this one claims it: creating the claim's file is atomic, whichever worker asks)."""
    content = page.evaluate(MAIN_CONTENT)
    try:
        (audited / hashlib.sha256(content.encode()).hexdigest()).touch(exist_ok=False)
    except FileExistsError:
        return False
    return True


def _layout(page: Any, path: str, size: dict[str, int]) -> list[str]:
    """What does not fit at this size: sideways scroll, "Sign out" off screen."""
    page.set_viewport_size(size)
    problems = []
    measured = page.evaluate(OVERFLOW)
    if measured["scroll"] > 0:
        problems.append(f"{path} at {size['width']} px: {measured['scroll']} px too wide "
                        f"{measured['wide']}")  # fmt: skip
    sign_out = page.get_by_role("button", name="Sign out", exact=True)
    if sign_out.count():  # the public pages (sign-in, worker voice) have none
        box = sign_out.bounding_box()
        if box is None or box["x"] + box["width"] > size["width"]:
            problems.append(f"{path} at {size['width']} px: 'Sign out' is off screen")
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("role", [*ROLES, None])
def test_every_page_fits_phones_and_laptops_and_passes_axe(
    browser: Any, demo_server: str, tmp_path_factory: pytest.TempPathFactory, role: str | None
) -> None:
    context = audited_context(browser, demo_server, viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    if role is not None:
        sign_in_as(page, role)
    problems: list[str] = []
    pages = demo_site(tmp_path_factory).pages(role)
    audited = shared_folder(tmp_path_factory, "audited")
    for path in pages:
        errors.clear()
        page.set_viewport_size(PHONE)
        if (status := visit(page, path)) != 200:
            problems.append(f"{path}: HTTP {status}")
            continue
        problems += _layout(page, path, PHONE)
        problems += _layout(page, path, LAPTOP)
        if _first_to_audit(audited, page) or path == pages[0]:
            problems += violations(page, path)
        problems += [f"{path}: console error {e}" for e in errors]
    if role == "analyst":  # on a phone the navigation folds behind Menu
        page.set_viewport_size(PHONE)
        page.goto("/")
        main_nav = page.get_by_role("navigation", name="Main")
        assert not main_nav.is_visible()
        page.get_by_role("button", name="Menu").click()
        main_nav.get_by_role("link", name="Findings").click()
        page.get_by_role("heading", name="Findings").first.wait_for()
    context.close()
    assert len(pages) >= (6 if role is None else 20), pages
    assert not problems, "\n".join(problems)
