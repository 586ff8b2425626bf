"""A real server on loopback and Debian's Chromium driven by Playwright (never a browser of
Playwright's own), with axe-core's WCAG 2.1 AA rules run on the pages."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from klantinteracties.beheer.staff import BEHEERDER, RAADPLEGER
from tests.beheer.helpers import clear_staff, make_staff
from tests.helpers import server_process

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "beheer"
LOCKOUT_ATTEMPTS = 3
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
async def beheer_server(database) -> AsyncIterator[str]:
    """The origin of a ``klantinteracties serve`` on the test database."""
    env = {"KLANTINTERACTIES_BEHEER_LOCKOUT_ATTEMPTS": str(LOCKOUT_ATTEMPTS)}
    # A generous start: the browser tests share two cores with whatever else runs.
    async with server_process(database.url, env=env, start_within=60) as (origin, _):
        yield origin


@pytest.fixture
async def accounts(database) -> None:
    """anna (beheerder) and bob (raadpleger), no sessions, no failures."""
    await clear_staff(database)
    await make_staff(database, "anna", BEHEERDER)
    await make_staff(database, "bob", RAADPLEGER)


def _axe_source() -> str:
    try:
        import axe_playwright_python
    except ImportError:
        pytest.skip("axe-playwright-python (which ships axe-core) is not installed")
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def _chromium() -> str:
    """Debian's Chromium, or a skip saying how to get it."""
    found = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    if not found:
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    return found


@pytest.fixture
async def browser(tmp_path) -> AsyncIterator[Any]:
    """A fresh Chromium profile (no cookies from another test)."""
    executable = _chromium()
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=executable,
            args=ARGS,
            headless=True,
        )
        try:
            yield context
        finally:
            await context.close()


@pytest.fixture
def axe() -> Any:
    """``await axe(page)``: fails on any WCAG 2.1 AA violation on the page as it is. axe runs
    through the DevTools protocol, so the page's CSP (no inline script) stays as served."""
    source = _axe_source()

    async def check(page: Any) -> None:
        await page.evaluate(source)
        options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
        result = await page.evaluate("options => axe.run(document, options)", options)
        found = [
            (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in result["violations"]
        ]
        assert found == [], f"{page.url}: {found}"

    return check


@pytest.fixture
def screenshot(database) -> Any:
    """``await screenshot(page, name)``: docs/beheer/<name>.png, made on one database only."""

    async def take(page: Any, name: str) -> None:
        if database.sqlite:
            DOCS.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(DOCS / f"{name}.png"), full_page=True)

    return take
