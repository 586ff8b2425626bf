"""Reads run statements compiled once (core/fastpath.py): a detail's uuid and a list's filter
values are parameters, so the database sees the same statement text for every partij, each
answer still is that partij's own, and the log rides along as before."""

from __future__ import annotations

import uuid

import httpx

from tests.conftest import BASE

EXPAND = {"expand": "digitaleAdressen,betrokkenen,betrokkenen.hadKlantcontact"}


async def _partij(client: httpx.AsyncClient, naam: str, bsn: str) -> dict:
    body = {
        "soortPartij": "persoon",
        "indicatieActief": True,
        "indicatieGeheimhouding": False,
        "partijIdentificatie": {"contactnaam": {"voornaam": naam, "achternaam": naam}},
        "partijIdentificatoren": [
            {
                "partijIdentificator": {
                    "codeObjecttype": "natuurlijk_persoon",
                    "codeSoortObjectId": "bsn",
                    "objectId": bsn,
                    "codeRegister": "brp",
                }
            }
        ],
    }
    r = await client.post("/partijen", json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def test_every_key_runs_the_same_statement_text(client, count_statements):
    a = await _partij(client, "Anna", "111222333")
    b = await _partij(client, "Bert", "123456782")
    texts, L = [], count_statements.logged
    for p in (a, b, a):
        with count_statements() as c:
            r = await client.get(f"/partijen/{p['uuid']}", params=EXPAND)
        assert r.status_code == 200
        got = r.json()
        assert got["uuid"] == p["uuid"] and got["url"] == f"{BASE}/partijen/{p['uuid']}"
        assert got["partijIdentificatie"] == p["partijIdentificatie"]
        assert c.count == 1 + L  # the representation with its expand (+ the log on SQLite)
        texts.append(c.statements[-1])
    assert texts[0] == texts[1] == texts[2]
    assert a["uuid"] not in texts[0] and b["uuid"] not in texts[0]


async def test_an_unknown_key_is_a_404_and_logs_nothing(client, count_statements):
    await _partij(client, "Anna", "111222333")
    with count_statements() as c:
        r = await client.get(f"/partijen/{uuid.uuid4()}", params=EXPAND)
    assert r.status_code == 404
    assert c.count == 1 + count_statements.logged


async def test_each_host_gets_its_own_urls(app, token, client):
    p = await _partij(client, "Anna", "111222333")
    headers = {"Authorization": f"Token {token}"}
    for host in ("register.example.nl", "intern.example.nl:8443"):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url=f"http://{host}", headers=headers
        ) as other:
            r = await other.get(f"/klantinteracties/api/v1/partijen/{p['uuid']}")
        assert r.status_code == 200
        assert r.json()["url"] == f"http://{host}/klantinteracties/api/v1/partijen/{p['uuid']}"


def _by_bsn(bsn: str) -> dict[str, str]:
    return {"partijIdentificator__codeSoortObjectId": "bsn", "partijIdentificator__objectId": bsn}


async def test_every_filter_value_runs_the_same_statement_text(client, count_statements):
    a = await _partij(client, "Anna", "111222333")
    b = await _partij(client, "Bert", "123456782")
    texts, L = [], count_statements.logged
    for p, bsn in ((a, "111222333"), (b, "123456782"), (a, "111222333")):
        with count_statements() as c:
            r = await client.get("/partijen", params=_by_bsn(bsn))
        assert r.status_code == 200
        assert [x["uuid"] for x in r.json()["results"]] == [p["uuid"]]
        assert c.count == 1 + L  # the page, not full: no count (+ the log on SQLite)
        texts.append(c.statements[-1])
    assert texts[0] == texts[1] == texts[2]
    assert "111222333" not in texts[0] and "123456782" not in texts[0]
    r = await client.get("/partijen", params=_by_bsn("999999990"))
    assert r.status_code == 200 and r.json()["results"] == []


async def test_a_filter_of_another_structure_is_not_confused(client):
    a = await _partij(client, "Anna", "111222333")
    await _partij(client, "Bert", "123456782")
    for params, expected in (
        (_by_bsn("111222333"), [a["uuid"]]),
        ({"partijIdentificator__objectId": "111222333"}, [a["uuid"]]),
        ({**_by_bsn("111222333"), "indicatieActief": "false"}, []),
        ({**_by_bsn("111222333"), "indicatieActief": "true"}, [a["uuid"]]),
    ):
        r = await client.get("/partijen", params=params)
        assert r.status_code == 200, r.text
        assert [x["uuid"] for x in r.json()["results"]] == expected, params
