"""Steps the browser tests share."""

from __future__ import annotations

from typing import Any

from tests.beheer.helpers import PASSWORD


async def log_in(
    page: Any, origin: str, name: str, password: str = PASSWORD, code: str = ""
) -> Any:
    """Fills in and sends the login form; returns the response to the POST."""
    await page.goto(f"{origin}/beheer/inloggen")
    await page.get_by_label("Naam").fill(name)
    await page.get_by_label("Wachtwoord").fill(password)
    if code:
        await page.get_by_label("Code uit de authenticator-app").fill(code)
    async with page.expect_response(lambda r: r.request.method == "POST") as posted:
        await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_load_state()
    return await posted.value
