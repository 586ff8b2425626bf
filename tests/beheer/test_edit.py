"""Correcting an e-mail address in a real Chromium, through the API's own service: its
validation messages next to the field, the change visible through the API and in the
processing log, and a raadpleger refused."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import select

from klantinteracties.beheer.staff import BEHEERDER, RAADPLEGER
from klantinteracties.db.models import processing_log
from tests.beheer.browser import log_in
from tests.beheer.helpers import clear_staff, make_staff
from tests.beheer.people_data import EMAIL, resident

NEW = "jan@example.org"


@pytest.fixture
async def seeded(client, database):
    await clear_staff(database)
    await make_staff(database, "anna", BEHEERDER)
    await make_staff(database, "bob", RAADPLEGER)
    return await resident(client)


async def test_correct_an_email_address(
    beheer_server, seeded, client, database, browser, axe, screenshot
):
    page = await browser.new_page()
    await log_in(page, beheer_server, "anna")
    partij = seeded["partij"]["uuid"]
    await page.goto(f"{beheer_server}/beheer/partijen/{partij}")
    await page.get_by_role("link", name=f"Wijzigen {EMAIL}").click()
    await page.wait_for_load_state()
    field = page.get_by_label("E-mailadres")
    assert await field.input_value() == EMAIL
    await axe(page)
    await screenshot(page, "digitaal-adres")
    # the API's own validation message, next to the field
    await field.fill("not an address")
    await page.get_by_role("button", name="Opslaan").click()
    await page.wait_for_load_state()
    message = await page.locator("#adres-fout").inner_text()
    assert message and await field.get_attribute("aria-invalid") == "true"
    assert await field.input_value() == "not an address"
    await axe(page)
    await screenshot(page, "digitaal-adres-fout")
    api = await client.get(f"/digitaleadressen/{seeded['email']['uuid']}")
    assert api.json()["adres"] == EMAIL  # nothing was saved
    await field.fill(NEW)
    await page.get_by_role("button", name="Opslaan").click()
    await page.wait_for_url(re.compile(rf".*/beheer/partijen/{partij}\?opgeslagen=1$"))
    assert await page.get_by_role("status").inner_text() == "De wijziging is opgeslagen."
    assert NEW in await page.get_by_role("table", name="Digitale adressen").inner_text()
    await axe(page)
    api = await client.get(f"/digitaleadressen/{seeded['email']['uuid']}")
    assert api.json()["adres"] == NEW
    async with database.session() as session:
        updates = (
            await session.execute(
                select(processing_log.c.user_id, processing_log.c.name).where(
                    processing_log.c.operation == "update"
                )
            )
        ).all()
    assert ("anna", "beheerDigitaalAdres") in updates


async def _csrf_of(http: httpx.AsyncClient, path: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', (await http.get(path)).text)
    assert found
    return found[1]


async def test_raadpleger_cannot_write(beheer_server, seeded, client, browser, axe):
    adres = seeded["email"]["uuid"]
    page = await browser.new_page()
    await log_in(page, beheer_server, "bob")
    response = await page.goto(f"{beheer_server}/beheer/digitaleadressen/{adres}")
    assert response.status == 403
    assert "Alleen een beheerder" in await page.get_by_role("alert").inner_text()
    assert await page.get_by_label("E-mailadres").count() == 0
    await axe(page)
    # a POST with bob's own valid token is refused all the same
    cookies = {c["name"]: c["value"] for c in await browser.cookies()}
    async with httpx.AsyncClient(base_url=beheer_server, cookies=cookies) as http:
        http.cookies.jar.clear()
        http.headers["cookie"] = f"ki_beheer={cookies['ki_beheer']}"
        token = await _csrf_of(http, "/beheer/")
        posted = await http.post(
            f"/beheer/digitaleadressen/{adres}", data={"csrf": token, "adres": NEW}
        )
    assert posted.status_code == 403 and "Alleen een beheerder" in posted.text
    assert (await client.get(f"/digitaleadressen/{adres}")).json()["adres"] == EMAIL


async def test_edit_without_token_is_refused(beheer_server, seeded, client, browser):
    adres = seeded["email"]["uuid"]
    page = await browser.new_page()
    await log_in(page, beheer_server, "anna")
    await page.goto(f"{beheer_server}/beheer/digitaleadressen/{adres}")
    await page.locator("main input[name=csrf]").evaluate("input => input.remove()")
    await page.get_by_label("E-mailadres").fill(NEW)
    async with page.expect_response(lambda r: r.request.method == "POST") as posted:
        await page.get_by_role("button", name="Opslaan").click()
    assert (await posted.value).status == 403
    assert (await client.get(f"/digitaleadressen/{adres}")).json()["adres"] == EMAIL
