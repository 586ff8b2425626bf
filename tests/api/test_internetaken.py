"""/internetaken: representation, the actor assignment and the afgehandeldOp life cycle."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from klantinteracties.db.models import internetaak_actor
from tests.api.actoren_helpers import BASE, MISSING, make_actor, make_klantcontact, make_taak, ref
from tests.helpers import invalid_params, problem

URL = "/internetaken"
KEYS = [
    "uuid",
    "url",
    "nummer",
    "referentienummer",
    "gevraagdeHandeling",
    "aanleidinggevendKlantcontact",
    "toegewezenAanActor",
    "toegewezenAanActoren",
    "toelichting",
    "status",
    "toegewezenOp",
    "afgehandeldOp",
]


def fk(obj):
    return {"uuid": obj["uuid"], "url": obj["url"]}


def parse_dt(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


async def assignment_rows(database) -> int:
    async with database.session() as session:
        return (
            await session.execute(select(func.count()).select_from(internetaak_actor))
        ).scalar_one()


async def test_create_retrieve_and_shape(client):
    # Created in the other order than assigned: the assignment order is what counts.
    jan, piet = await make_actor(client, "Jan"), await make_actor(client, "Piet")
    kc = await make_klantcontact(client)
    before = dt.datetime.now(dt.UTC)
    made = await make_taak(client, kc, [piet, jan], toelichting="snel")
    after = dt.datetime.now(dt.UTC)
    assert list(made) == KEYS
    assert made["url"] == f"{BASE}/internetaken/{made['uuid']}"
    assert made["aanleidinggevendKlantcontact"] == kc
    assert made["toegewezenAanActor"] == fk(piet)
    assert made["toegewezenAanActoren"] == [fk(piet), fk(jan)]
    assert made["nummer"] is None and made["referentienummer"] is None
    assert made["toelichting"] == "snel" and made["status"] == "te_verwerken"
    assert made["afgehandeldOp"] is None
    assert made["toegewezenOp"].endswith("Z")
    assert before <= parse_dt(made["toegewezenOp"]) <= after

    r = await client.get(made["url"])
    assert r.status_code == 200 and r.json() == made
    r = await client.get(URL)
    assert r.json()["results"] == [made]  # not expandable: no "_expand"


async def test_deprecated_single_actor(client):
    piet = await make_actor(client, "Piet")
    kc = await make_klantcontact(client)
    body = {
        "gevraagdeHandeling": "bel",
        "aanleidinggevendKlantcontact": ref(kc),
        "toegewezenAanActor": ref(piet),
        "status": "te_verwerken",
    }
    r = await client.post(URL, json=body)
    assert r.status_code == 201, r.text
    assert r.json()["toegewezenAanActor"] == fk(piet)
    assert r.json()["toegewezenAanActoren"] == [fk(piet)]


async def test_empty_assignment_is_allowed(client):
    made = await make_taak(client, await make_klantcontact(client), [])
    assert made["toegewezenAanActor"] == {"uuid": None} and made["toegewezenAanActoren"] == []


async def test_update_replaces_the_whole_assignment(client, database):
    a, b, c = [await make_actor(client, n) for n in "abc"]
    made = await make_taak(client, await make_klantcontact(client), [a, b])
    url = made["url"]

    r = await client.patch(url, json={"toelichting": "x"})  # neither field: assignment kept
    assert r.status_code == 200 and r.json()["toegewezenAanActoren"] == [fk(a), fk(b)]
    r = await client.patch(url, json={"toegewezenAanActoren": [ref(c), ref(a)]})
    assert r.json()["toegewezenAanActoren"] == [fk(c), fk(a)]
    assert r.json()["toegewezenAanActor"] == fk(c)
    r = await client.patch(url, json={"toegewezenAanActor": ref(b)})
    assert r.json()["toegewezenAanActoren"] == [fk(b)]
    r = await client.patch(url, json={"toegewezenAanActoren": None})
    assert r.json()["toegewezenAanActoren"] == []
    assert r.json()["toegewezenAanActor"] == {"uuid": None}

    put = {
        "gevraagdeHandeling": "anders",
        "aanleidinggevendKlantcontact": made["aanleidinggevendKlantcontact"],
        "toegewezenAanActoren": [ref(a)],
        "status": "te_verwerken",
    }
    r = await client.put(url, json=put)
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["toegewezenAanActoren"] == [fk(a)] and got["gevraagdeHandeling"] == "anders"
    assert got["toelichting"] == "x"  # optional and left out of the PUT: unchanged
    assert got["toegewezenOp"] == made["toegewezenOp"]
    assert await assignment_rows(database) == 1


async def test_put_needs_exactly_one_actor_field(client):
    a = await make_actor(client)
    made = await make_taak(client, await make_klantcontact(client), [a])
    put = {
        "gevraagdeHandeling": "bel",
        "aanleidinggevendKlantcontact": made["aanleidinggevendKlantcontact"],
        "status": "te_verwerken",
    }
    assert invalid_params(await client.put(made["url"], json=put)) == {"nonFieldErrors": "invalid"}
    both = {**put, "toegewezenAanActor": ref(a), "toegewezenAanActoren": [ref(a)]}
    assert invalid_params(await client.put(made["url"], json=both)) == {"nonFieldErrors": "invalid"}
    assert (await client.get(made["url"])).json() == made


async def test_toegewezen_op_is_read_only(client):
    made = await make_taak(
        client, await make_klantcontact(client), [], toegewezenOp="2000-01-01T00:00:00Z"
    )
    assert not made["toegewezenOp"].startswith("2000")
    r = await client.patch(made["url"], json={"toegewezenOp": "2000-01-01T00:00:00Z"})
    assert r.status_code == 200 and r.json()["toegewezenOp"] == made["toegewezenOp"]


async def test_delete(client, database):
    a = await make_actor(client)
    made = await make_taak(client, await make_klantcontact(client), [a])
    r = await client.delete(made["url"])
    assert r.status_code == 204 and r.content == b""
    problem(await client.get(made["url"]), 404)
    assert await assignment_rows(database) == 0
    assert (await client.get(a["url"])).status_code == 200  # the actor stays


async def test_deleting_an_actor_keeps_the_task(client):
    a, b = await make_actor(client, "a"), await make_actor(client, "b")
    made = await make_taak(client, await make_klantcontact(client), [a, b])
    await client.delete(a["url"])
    got = (await client.get(made["url"])).json()
    assert got["toegewezenAanActoren"] == [fk(b)] and got["toegewezenAanActor"] == fk(b)


async def test_deleting_the_klantcontact_deletes_its_tasks(client, database):
    kc = await make_klantcontact(client)
    made = await make_taak(client, kc, [await make_actor(client)])
    assert (await client.delete(kc["url"])).status_code == 204
    problem(await client.get(made["url"]), 404)
    assert await assignment_rows(database) == 0


async def test_klantcontact_shows_its_tasks(client):
    """The klantcontact renders its interne taken with this group's representation."""
    kc = await make_klantcontact(client)
    made = await make_taak(client, kc, [await make_actor(client)])
    r = await client.get(kc["url"], params={"expand": "leiddeTotInterneTaken"})
    assert r.status_code == 200, r.text
    assert r.json()["leiddeTotInterneTaken"] == [{"uuid": made["uuid"], "url": made["url"]}]
    assert r.json()["_expand"]["leiddeTotInterneTaken"] == [made]


# ----- the afgehandeldOp life cycle ------------------------------------------------------------
async def test_verwerkt_without_afgehandeld_op_gets_now(client):
    before = dt.datetime.now(dt.UTC)
    made = await make_taak(client, await make_klantcontact(client), [], status="verwerkt")
    assert before <= parse_dt(made["afgehandeldOp"]) <= dt.datetime.now(dt.UTC)


async def test_afgehandeld_op_is_kept_and_converted_to_utc(client):
    made = await make_taak(
        client,
        await make_klantcontact(client),
        [],
        status="verwerkt",
        afgehandeldOp="2024-01-01T10:00:00+02:00",
    )
    assert made["afgehandeldOp"] == "2024-01-01T08:00:00Z"
    # Later writes that leave the status at verwerkt keep the moment.
    r = await client.patch(made["url"], json={"toelichting": "x", "status": "verwerkt"})
    assert r.json()["afgehandeldOp"] == "2024-01-01T08:00:00Z"


async def test_afgehandeld_op_needs_status_verwerkt(client):
    kc = await make_klantcontact(client)
    body = {
        "gevraagdeHandeling": "bel",
        "aanleidinggevendKlantcontact": ref(kc),
        "toegewezenAanActoren": [],
        "status": "te_verwerken",
        "afgehandeldOp": "2024-01-01T10:00:00Z",
    }
    assert invalid_params(await client.post(URL, json=body)) == {"afgehandeldOp": "invalid"}
    made = await make_taak(client, kc, [])
    r = await client.patch(made["url"], json={"afgehandeldOp": "2024-01-01T10:00:00Z"})
    assert invalid_params(r) == {"afgehandeldOp": "invalid"}
    r = await client.patch(
        made["url"], json={"afgehandeldOp": "2024-01-01T10:00:00Z", "status": "verwerkt"}
    )
    assert r.status_code == 200 and r.json()["afgehandeldOp"] == "2024-01-01T10:00:00Z"
    # Null is always fine; on a verwerkt task "no moment" means "now".
    r = await client.patch(made["url"], json={"afgehandeldOp": None})
    assert r.status_code == 200 and r.json()["afgehandeldOp"] != "2024-01-01T10:00:00Z"
    assert r.json()["afgehandeldOp"] is not None


async def test_back_to_te_verwerken_clears_afgehandeld_op(client):
    made = await make_taak(client, await make_klantcontact(client), [], status="verwerkt")
    r = await client.patch(made["url"], json={"status": "te_verwerken"})
    assert r.json()["afgehandeldOp"] is None
    r = await client.patch(made["url"], json={"status": "verwerkt"})
    assert r.json()["afgehandeldOp"] is not None


# ----- invalid input ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"status": "klaar"}, {"status": "invalid_choice"}),
        ({"status": None}, {"status": "null"}),
        ({"gevraagdeHandeling": ""}, {"gevraagdeHandeling": "blank"}),
        ({"gevraagdeHandeling": None}, {"gevraagdeHandeling": "null"}),
        ({"gevraagdeHandeling": "x" * 201}, {"gevraagdeHandeling": "max_length"}),
        ({"toelichting": "x" * 1001}, {"toelichting": "max_length"}),
        ({"nummer": "12a"}, {"nummer": "invalid"}),
        ({"nummer": "12345678901"}, {"nummer": "max_length"}),
        ({"referentienummer": "-1"}, {"referentienummer": "invalid"}),
        ({"afgehandeldOp": "gisteren"}, {"afgehandeldOp": "invalid"}),
        ({"aanleidinggevendKlantcontact": None}, {"aanleidinggevendKlantcontact": "null"}),
        (
            {"aanleidinggevendKlantcontact": {"uuid": MISSING}},
            {"aanleidinggevendKlantcontact.uuid": "invalid"},
        ),
        (
            {"aanleidinggevendKlantcontact": "x"},
            {"aanleidinggevendKlantcontact.nonFieldErrors": "invalid"},
        ),
        ({"toegewezenAanActoren": [{"uuid": MISSING}]}, {"toegewezenAanActoren.0.uuid": "invalid"}),
        ({"toegewezenAanActoren": "x"}, {"toegewezenAanActoren.nonFieldErrors": "not_a_list"}),
        ({"toegewezenAanActoren": ["x"]}, {"toegewezenAanActoren.0.nonFieldErrors": "invalid"}),
        (
            {"toegewezenAanActoren": [{"url": "http://x"}]},
            {"toegewezenAanActoren.0.uuid": "required"},
        ),
    ],
)
async def test_invalid_bodies(client, extra, expected):
    kc = await make_klantcontact(client)
    body = {
        "gevraagdeHandeling": "bel",
        "aanleidinggevendKlantcontact": ref(kc),
        "toegewezenAanActoren": [],
        "status": "te_verwerken",
        **extra,
    }
    assert invalid_params(await client.post(URL, json=body)) == expected
    assert (await client.get(URL)).json()["count"] == 0


async def test_required_fields_and_actor_rule(client):
    r = await client.post(URL, json={})
    assert invalid_params(r) == {
        "gevraagdeHandeling": "required",
        "aanleidinggevendKlantcontact": "required",
        "status": "required",
        "nonFieldErrors": "invalid",
    }
    a = await make_actor(client)
    body = {
        "gevraagdeHandeling": "bel",
        "aanleidinggevendKlantcontact": ref(await make_klantcontact(client)),
        "status": "te_verwerken",
        "toegewezenAanActor": ref(a),
        "toegewezenAanActoren": [ref(a)],
    }
    assert invalid_params(await client.post(URL, json=body)) == {"nonFieldErrors": "invalid"}


async def test_unknown_and_repeated_actors(client, database):
    a = await make_actor(client)
    kc = await make_klantcontact(client)
    body = {
        "gevraagdeHandeling": "bel",
        "aanleidinggevendKlantcontact": ref(kc),
        "status": "verwerkt",
    }
    r = await client.post(URL, json={**body, "toegewezenAanActor": {"uuid": MISSING}})
    assert invalid_params(r) == {"toegewezenAanActor.uuid": "invalid"}
    r = await client.post(URL, json={**body, "toegewezenAanActoren": [ref(a), {"uuid": MISSING}]})
    assert invalid_params(r) == {"toegewezenAanActoren.1.uuid": "invalid"}
    r = await client.post(URL, json={**body, "toegewezenAanActoren": [ref(a), ref(a)]})
    assert invalid_params(r) == {"toegewezenAanActoren": "unique"}
    made = await make_taak(client, kc, [a])
    r = await client.patch(made["url"], json={"toegewezenAanActoren": [{"uuid": MISSING}]})
    assert invalid_params(r) == {"toegewezenAanActoren.0.uuid": "invalid"}
    assert (await client.get(made["url"])).json() == made
    assert await assignment_rows(database) == 1


async def test_nummers_are_unique(client):
    kc = await make_klantcontact(client)
    made = await make_taak(client, kc, [], nummer="0012", referentienummer="34")
    assert made["nummer"] == "0012" and made["referentienummer"] == "34"
    body = {
        "gevraagdeHandeling": "bel",
        "aanleidinggevendKlantcontact": ref(kc),
        "toegewezenAanActoren": [],
        "status": "te_verwerken",
    }
    r = await client.post(URL, json={**body, "nummer": "0012", "referentienummer": "34"})
    assert invalid_params(r) == {"nummer": "unique", "referentienummer": "unique"}
    # A task does not conflict with itself; an empty nummer is no nummer.
    r = await client.patch(made["url"], json={"nummer": "0012", "referentienummer": "34"})
    assert r.status_code == 200, r.text
    other = await make_taak(client, kc, [], nummer="", referentienummer=None)
    assert other["nummer"] is None
    r = await client.patch(other["url"], json={"referentienummer": "34"})
    assert invalid_params(r) == {"referentienummer": "unique"}


async def test_malformed_requests(client):
    problem(await client.get(f"{URL}/not-a-uuid"), 404)
    problem(await client.get(f"{URL}/{MISSING}"), 404)
    r = await client.post(URL, content=b"{", headers={"Content-Type": "application/json"})
    problem(r, 400)
    r = await client.post(URL, json=[1])
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
