"""Logging in and out of /beheer/ in a real Chromium against a real server: the session
cookie's flags, the security headers, the lockout, expiry, and every page passes axe-core."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from klantinteracties.db.models import staff_session
from tests.beheer.browser import log_in
from tests.beheer.conftest import LOCKOUT_ATTEMPTS

WRONG = "Deze combinatie van naam, wachtwoord en code is onbekend."
LOCKED = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."


async def test_log_in_and_out(beheer_server, accounts, browser, axe, screenshot):
    page = await browser.new_page()
    await page.goto(f"{beheer_server}/beheer/")
    assert page.url == f"{beheer_server}/beheer/inloggen"
    await axe(page)
    await screenshot(page, "inloggen")
    response = await log_in(page, beheer_server, "anna")
    assert response.status == 303 and page.url == f"{beheer_server}/beheer/"
    await page.get_by_text("Ingelogd als").wait_for()
    assert await page.get_by_role("heading", level=1).inner_text() == (
        "Een persoon of organisatie zoeken"
    )
    await axe(page)
    await screenshot(page, "zoeken")
    [cookie] = [c for c in await browser.cookies() if c["name"] == "ki_beheer"]
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"
    assert cookie["path"] == "/beheer" and cookie["expires"] == -1  # ends with the browser
    assert len(cookie["value"]) >= 43  # 256 random bits
    await page.get_by_role("button", name="Uitloggen").click()
    await page.wait_for_url(f"{beheer_server}/beheer/inloggen")
    assert not [c for c in await browser.cookies() if c["name"] == "ki_beheer"]
    await page.goto(f"{beheer_server}/beheer/")
    assert page.url == f"{beheer_server}/beheer/inloggen"


async def test_security_headers_on_every_page(beheer_server, accounts, browser):
    page = await browser.new_page()
    seen = []
    page.on("response", lambda r: seen.append(r))
    await log_in(page, beheer_server, "anna")
    await page.goto(f"{beheer_server}/beheer/bestaat-niet")
    pages = [r for r in seen if r.url.startswith(f"{beheer_server}/beheer/")]
    assert {r.url.removeprefix(beheer_server) for r in pages} >= {
        "/beheer/inloggen",
        "/beheer/",
        "/beheer/static/beheer.css",
        "/beheer/bestaat-niet",
    }
    for response in pages:
        headers = await response.all_headers()
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "form-action 'self'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        if not response.url.endswith(".css"):
            assert headers["cache-control"] == "no-store", response.url


async def test_wrong_password_and_unknown_name_answer_alike(beheer_server, accounts, browser):
    page = await browser.new_page()
    answers = []
    for name, password in (("anna", "not the password"), ("nobody", "not the password")):
        response = await log_in(page, beheer_server, name, password)
        alert = await page.get_by_role("alert").inner_text()
        answers.append((response.status, alert))
        assert page.url == f"{beheer_server}/beheer/inloggen"
    assert answers == [(401, WRONG), (401, WRONG)]


async def test_lockout_for_real_and_guessed_names(beheer_server, accounts, browser, axe):
    page = await browser.new_page()
    for name in ("anna", "nobody"):
        statuses = []
        for _ in range(LOCKOUT_ATTEMPTS):
            statuses.append((await log_in(page, beheer_server, name, "wrong password")).status)
        assert statuses == [401] * (LOCKOUT_ATTEMPTS - 1) + [429], name
        assert await page.get_by_role("alert").inner_text() == LOCKED
        await axe(page)
        # now even the right password is refused, with the same answer
        response = await log_in(page, beheer_server, name)
        assert response.status == 429 and await page.get_by_role("alert").inner_text() == LOCKED
    # bob was never locked: another name is not affected
    assert (await log_in(page, beheer_server, "bob")).status == 303


async def test_a_good_password_resets_the_count(beheer_server, accounts, browser):
    page = await browser.new_page()
    for _ in range(LOCKOUT_ATTEMPTS - 1):
        await log_in(page, beheer_server, "anna", "wrong password")
    assert (await log_in(page, beheer_server, "anna")).status == 303
    await page.get_by_role("button", name="Uitloggen").click()
    await page.wait_for_url(f"{beheer_server}/beheer/inloggen")
    for _ in range(LOCKOUT_ATTEMPTS - 1):
        assert (await log_in(page, beheer_server, "anna", "wrong password")).status == 401


async def _age_sessions(database, **columns: dt.timedelta) -> None:
    now = dt.datetime.now(dt.UTC)
    async with database.session(write=True) as session:
        values = {column: now - ago for column, ago in columns.items()}
        await session.execute(update(staff_session).values(**values))
        await session.commit()


async def test_idle_and_absolute_expiry(database, beheer_server, accounts, browser):
    page = await browser.new_page()
    await log_in(page, beheer_server, "anna")
    await _age_sessions(database, last_seen_at=dt.timedelta(minutes=29))
    await page.goto(f"{beheer_server}/beheer/")
    assert page.url == f"{beheer_server}/beheer/"  # 29 minutes idle: still open
    await _age_sessions(database, last_seen_at=dt.timedelta(minutes=31))
    await page.goto(f"{beheer_server}/beheer/")
    assert page.url == f"{beheer_server}/beheer/inloggen"
    await log_in(page, beheer_server, "anna")
    await _age_sessions(database, created_at=dt.timedelta(hours=12, minutes=1))
    await page.goto(f"{beheer_server}/beheer/")  # used a moment ago, but too old
    assert page.url == f"{beheer_server}/beheer/inloggen"
