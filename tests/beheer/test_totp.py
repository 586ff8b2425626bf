"""The TOTP second factor: RFC 6238's own test values, the CLI that sets it up, and logging in
with it in a real Chromium (a code works once; required by configuration)."""

from __future__ import annotations

import base64
import time
from urllib.parse import parse_qs, urlparse

import pytest

from klantinteracties.beheer import totp
from klantinteracties.beheer.staff import BEHEERDER
from tests.beheer.browser import log_in
from tests.beheer.helpers import clear_staff, make_staff
from tests.beheer.test_staff_cli import create, staff_cli
from tests.helpers import server_process

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
WRONG = "Deze combinatie van naam, wachtwoord en code is onbekend."


def test_rfc_6238_sha1_values():
    # Appendix B of RFC 6238 (8 digits there; the last 6 are the 6-digit code)
    for moment, code in ((59, "94287082"), (1111111109, "07081804"), (1234567890, "89005924")):
        assert totp.code_at(RFC_SECRET, moment) == code[-6:]
        step = totp.step_of(moment)
        assert totp.hotp(base64.b32decode(RFC_SECRET), step, 8) == code


def test_window_and_replay():
    now = 1234567890
    early = totp.code_at(RFC_SECRET, now - 30)
    assert totp.accepted_step(RFC_SECRET, early, now, None) == totp.step_of(now) - 1
    assert totp.accepted_step(RFC_SECRET, totp.code_at(RFC_SECRET, now - 60), now, None) is None
    code = totp.code_at(RFC_SECRET, now)
    assert totp.accepted_step(RFC_SECRET, code[:3] + " " + code[3:], now, None)
    assert totp.accepted_step(RFC_SECRET, code, now, totp.step_of(now)) is None  # used
    assert totp.accepted_step(RFC_SECRET, "abcdef", now, None) is None


def _secret_of(output: str) -> str:
    [line] = [x for x in output.splitlines() if x.startswith("otpauth://totp/")]
    parsed = urlparse(line)
    assert parsed.path == "/Klantinteracties%20beheer:carla"
    query = parse_qs(parsed.query)
    assert query["issuer"] == ["Klantinteracties beheer"] and query["digits"] == ["6"]
    return query["secret"][0]


@pytest.fixture
async def carla(database) -> str:
    """A beheerder with a second factor, made with the CLI; returns her TOTP secret."""
    await clear_staff(database)
    code, out, err = await create(database, "carla", "beheerder", "--totp")
    assert code == 0, err
    return _secret_of(out)


async def test_cli_sets_up_a_second_factor(database, carla):
    code, out, _ = await staff_cli(database, "list")
    assert out == "carla\tbeheerder\tactive\ttotp\n"
    code, out, _ = await staff_cli(database, "totp", "carla")
    assert code == 0 and _secret_of(out) != carla  # a new secret replaces the old one
    code, _, err = await staff_cli(database, "totp", "nobody")
    assert code == 1 and "No staff account named 'nobody'." in err


async def test_login_with_a_code(beheer_server, carla, browser, axe):
    page = await browser.new_page()
    assert (await log_in(page, beheer_server, "carla")).status == 401  # no code
    assert await page.get_by_role("alert").inner_text() == WRONG
    await axe(page)
    wrong = str((int(totp.code_at(carla, time.time())) + 1) % 10**6).zfill(6)
    assert (await log_in(page, beheer_server, "carla", code=wrong)).status == 401
    code = totp.code_at(carla, time.time())
    assert (await log_in(page, beheer_server, "carla", code=code)).status == 303
    await page.get_by_role("button", name="Uitloggen").click()
    await page.wait_for_load_state()
    # the same code does not work twice (the step it belongs to is used)
    assert (await log_in(page, beheer_server, "carla", code=code)).status == 401


async def test_required_by_configuration(database, carla, browser, axe):
    await make_staff(database, "anna", BEHEERDER)  # no second factor
    env = {"KLANTINTERACTIES_BEHEER_REQUIRE_TOTP": "true"}
    async with server_process(database.url, env=env, start_within=60) as (origin, _):
        page = await browser.new_page()
        response = await log_in(page, origin, "anna")
        assert response.status == 403
        assert "tweede factor verplicht" in await page.get_by_role("alert").inner_text()
        await axe(page)
        code = totp.code_at(carla, time.time())
        assert (await log_in(page, origin, "carla", code=code)).status == 303
