"""Every POST of the beheer interface needs its form's CSRF token: without one, or with a
wrong one, it is refused with 403 and a Dutch message, and nothing happens."""

from __future__ import annotations

import httpx

from tests.beheer.browser import log_in
from tests.beheer.helpers import PASSWORD

REFUSED = "Dit formulier is verlopen of niet door deze site verstuurd."


async def test_login_without_or_with_a_wrong_token(beheer_server, accounts):
    async with httpx.AsyncClient(base_url=beheer_server) as http:
        form = {"naam": "anna", "wachtwoord": PASSWORD}
        response = await http.post("/beheer/inloggen", data=form)
        assert response.status_code == 403 and REFUSED in response.text
        await http.get("/beheer/inloggen")  # sets the login cookie; its token is not sent back
        response = await http.post("/beheer/inloggen", data={**form, "csrf": "guessed"})
        assert response.status_code == 403 and "ki_beheer" not in response.cookies
        assert response.headers["content-security-policy"].startswith("default-src 'self'")


async def test_tampered_token_in_the_browser(beheer_server, accounts, browser, axe, screenshot):
    page = await browser.new_page()
    await log_in(page, beheer_server, "anna")
    header_form = page.get_by_role("banner").locator("input[name=csrf]")
    await header_form.evaluate("input => { input.value = 'forged'; }")
    async with page.expect_response(lambda r: r.request.method == "POST") as posted:
        await page.get_by_role("button", name="Uitloggen").click()
    assert (await posted.value).status == 403
    assert REFUSED in await page.get_by_role("alert").inner_text()
    await axe(page)
    await screenshot(page, "geweigerd")
    # the refused logout did not end the session
    await page.goto(f"{beheer_server}/beheer/")
    assert page.url == f"{beheer_server}/beheer/"


async def test_a_post_from_another_site_carries_no_session(beheer_server, accounts, browser):
    """SameSite=Strict: a form on another site that posts to /beheer/ reaches the server
    without the session cookie, so it acts for nobody (and its token check fails as well)."""
    page = await browser.new_page()
    await log_in(page, beheer_server, "anna")
    seen: list[dict[str, str]] = []
    page.on("request", lambda r: seen.append(r.headers) if r.method == "POST" else None)
    await page.goto("about:blank")
    await page.set_content(
        f'<form method="post" action="{beheer_server}/beheer/uitloggen">'
        '<input name="csrf" value="x"><button>Go</button></form>'
    )
    async with page.expect_navigation():
        await page.get_by_role("button", name="Go").click()
    assert seen and "ki_beheer=" not in seen[-1].get("cookie", "")
    await page.goto(f"{beheer_server}/beheer/")
    assert page.url == f"{beheer_server}/beheer/"  # still logged in
