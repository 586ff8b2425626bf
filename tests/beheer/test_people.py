"""Finding a person and reading the partij page in a real Chromium, with every read of
personal data in the processing log under the staff member's name."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from klantinteracties.beheer.staff import BEHEERDER, RAADPLEGER
from klantinteracties.db.models import processing_log
from tests.beheer.browser import log_in
from tests.beheer.helpers import clear_staff, make_staff
from tests.beheer.people_data import CONTACTS, EMAIL, resident


@pytest.fixture
async def seeded(client, database):
    """Jan Jansen made through the API (after the client fixture cleared the database), and
    the staff accounts anna (beheerder) and bob (raadpleger)."""
    await clear_staff(database)
    await make_staff(database, "anna", BEHEERDER)
    await make_staff(database, "bob", RAADPLEGER)
    return await resident(client)


async def _search(page, term: str) -> None:
    await page.get_by_label("BSN, KvK-nummer, naam, adres, e-mailadres of telefoonnummer").fill(
        term
    )
    await page.get_by_role("button", name="Zoeken").click()
    await page.wait_for_load_state()


async def test_find_by_bsn_and_read_the_partij(beheer_server, seeded, browser, axe, screenshot):
    page = await browser.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    await log_in(page, beheer_server, "anna")
    await _search(page, "111 222 333")
    assert await page.get_by_role("heading", name="Gevonden: 1").is_visible()
    await axe(page)
    await screenshot(page, "zoekresultaat")
    await page.get_by_role("link", name="Jan Jansen").click()
    await page.wait_for_url(f"{beheer_server}/beheer/partijen/{seeded['partij']['uuid']}")
    assert await page.get_by_role("heading", level=1).inner_text() == "Jan Jansen"
    identificatoren = page.get_by_role("table", name="Identificatoren")
    assert "111222333" in await identificatoren.inner_text()
    adressen = await page.get_by_role("table", name="Digitale adressen").inner_text()
    assert EMAIL in adressen and "voorkeur" in adressen and "0612345678" in adressen
    assert (
        "NL91ABNA0417164300" in await page.get_by_role("table", name="Rekeningnummers").inner_text()
    )
    body = await page.locator("main").inner_text()
    assert "Vertegenwoordigt" in body and "Inwoner, vanaf 2024-01-01" in body
    assert "Dorpsstraat 7 1234 AB Ons Dorp" in body
    contacts = page.get_by_role("table", name=f"Contactgeschiedenis ({CONTACTS})")
    assert await contacts.locator("tbody tr").count() == 10
    await axe(page)
    await screenshot(page, "partij")
    await page.get_by_role("link", name="Volgende").click()
    await page.wait_for_load_state()
    assert await contacts.locator("tbody tr").count() == CONTACTS - 10
    assert await page.get_by_text("Pagina 2 van 2").is_visible()
    await axe(page)
    # the BSN was sent in a form body only, never in a URL
    assert urls and not [u for u in urls if "111222333" in u or "111%20222" in u]


async def test_one_box_finds_by_name_address_email_and_phone(beheer_server, seeded, browser):
    page = await browser.new_page()
    await log_in(page, beheer_server, "bob")
    for term in (
        "jan jansen",
        "JANSEN",
        "dorpsstraat",
        "1234 AB",
        "jansen@example",
        "06 1234 5678",
    ):
        await _search(page, term)
        assert await page.get_by_role("link", name="Jan Jansen").is_visible(), term
    for term in ("piet", "999999999", "%", "_"):
        await _search(page, term)
        assert await page.get_by_text("Niets gevonden.").is_visible(), term


async def test_empty_search_and_unknown_partij(beheer_server, seeded, browser, axe):
    page = await browser.new_page()
    await log_in(page, beheer_server, "anna")
    await page.goto(f"{beheer_server}/beheer/partijen/6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a")
    assert await page.get_by_role("alert").inner_text() == "Deze partij bestaat niet (meer)."
    await axe(page)
    response = await page.goto(f"{beheer_server}/beheer/partijen/not-a-uuid")
    assert response.status == 404


async def test_page_views_are_in_the_processing_log(database, beheer_server, seeded, browser):
    page = await browser.new_page()
    await log_in(page, beheer_server, "bob")
    await _search(page, "111222333")
    await page.get_by_role("link", name="Jan Jansen").click()
    await page.wait_for_load_state()
    async with database.session() as session:
        rows = (
            (
                await session.execute(
                    select(processing_log).where(processing_log.c.application == "beheer")
                )
            )
            .mappings()
            .all()
        )
    seen = {(r["name"], r["operation"], r["user_id"], r["data_subject_type"]) for r in rows}
    assert ("beheerZoeken", "read", "bob", "bsn") in seen
    assert ("beheerPartij", "read", "bob", "bsn") in seen
    urls = {r["resource_url"] for r in rows if r["name"] == "beheerPartij"}
    assert urls == {f"{beheer_server}/beheer/partijen/{seeded['partij']['uuid']}"}


async def test_raadpleger_gets_no_edit_link(beheer_server, seeded, browser):
    page = await browser.new_page()
    for name, links in (("bob", 0), ("anna", 2)):
        await log_in(page, beheer_server, name)
        await page.goto(f"{beheer_server}/beheer/partijen/{seeded['partij']['uuid']}")
        assert await page.get_by_role("link", name="Wijzigen").count() == links
        await page.get_by_role("button", name="Uitloggen").click()
        await page.wait_for_load_state()
