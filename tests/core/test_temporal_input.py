"""Dates and date-times in bodies are ISO 8601 text; a number is not read as a Unix timestamp.

Found by fuzzing the contract: ``"eindDatum": 0`` was stored as 1970-01-01.
"""

from __future__ import annotations

import pytest

from tests.helpers import invalid_params

KLANTCONTACT = {"kanaal": "telefoon", "onderwerp": "vraag", "taal": "nld", "vertrouwelijk": False}


@pytest.mark.parametrize("value", [0, 1700000000, 1.5, "0", "1700000000", " 12 ", True])
async def test_number_for_a_date_is_refused(client, value):
    r = await client.post("/categorie-relaties", json={"eindDatum": value})
    assert invalid_params(r) == {"eindDatum": "invalid"}


@pytest.mark.parametrize("value", [0, 1700000000.5, "1700000000"])
async def test_number_for_a_datetime_is_refused(client, value):
    r = await client.post("/klantcontacten", json={**KLANTCONTACT, "plaatsgevondenOp": value})
    assert invalid_params(r) == {"plaatsgevondenOp": "invalid"}


async def test_iso_dates_and_null_still_work(client):
    r = await client.post("/categorie-relaties", json={"eindDatum": "2030-12-31"})
    assert r.status_code == 201 and r.json()["eindDatum"] == "2030-12-31"
    r = await client.post("/categorie-relaties", json={"eindDatum": None})
    assert r.status_code == 201 and r.json()["eindDatum"] is None
    body = {**KLANTCONTACT, "plaatsgevondenOp": "2024-01-01T10:00:00+02:00"}
    r = await client.post("/klantcontacten", json=body)
    assert r.status_code == 201 and r.json()["plaatsgevondenOp"] == "2024-01-01T08:00:00Z"
