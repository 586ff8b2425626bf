"""Notifications end to end (issue 11): a real server writes, a real worker delivers, a real
receiver on loopback records what arrives. Every kanaal and actie and both CloudEvents arrive
exactly as DIGEST §8.1/§8.2 describe, with their headers; a refused write sends nothing; and
a receiver that is away for a while gets everything, in order per resource, once it is back."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import json
import time
import uuid
from collections import defaultdict
from typing import Any

import httpx
import pytest

from klantinteracties.db.models.outbox import PENDING
from tests.api.klantcontacten_helpers import KC
from tests.events.conftest import SOURCE
from tests.events.delivery_helpers import cli, rows
from tests.events.e2e_helpers import all_delivered, api_client, delivering, moment
from tests.events.receiver import Received, Receiver, running_receiver, serving, wait_for
from tests.helpers import free_port, problem

GEKOPPELD = "nl.overheid.zaken.zaak-gekoppeld"
ONTKOPPELD = "nl.overheid.zaken.zaak-ontkoppeld"
ZAAK = str(uuid.uuid4())
AFVAL = "https://onderwerpen.example/afval"
# Written out here, not taken from events/kanalen.py: the test states what a subscriber gets.
KENMERKEN = {
    "partijen": ("nummer", "interneNotitie", "soortPartij"),
    "klantcontacten": ("hoofdOnderwerpType", "indicatieContactGelukt", "verdereActieOndernomen"),
    "internetaken": ("nummer", "gevraagdeHandeling", "toelichting", "status"),
}
RESOURCE = {"partijen": "partij", "klantcontacten": "klantcontact", "internetaken": "internetaak"}
ACTIE = {"POST": "create", "PUT": "update", "PATCH": "partial_update", "DELETE": "destroy"}
CLIENT_ID, SECRET = "klantinteracties-e2e", "a-shared-secret-of-some-length"


class Script:
    """Writes through a real server and what each must announce, with the time window in
    which its message was made."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self.expected: dict[str, list[tuple[dict[str, Any], dt.datetime, dt.datetime]]]
        self.expected = defaultdict(list)  # per resource URL, in order

    async def write(self, method: str, path: str, body: Any = None) -> tuple[Any, tuple]:
        before = dt.datetime.now(dt.UTC)
        r = await self.http.request(method, path, json=body)
        assert r.status_code in (200, 201, 204), r.text
        return (r.json() if r.content else None), (before, dt.datetime.now(dt.UTC))

    def notificatie(self, kanaal: str, method: str, item: dict[str, Any], window: tuple) -> None:
        body = {
            "kanaal": kanaal,
            "hoofdObject": item["url"],
            "resource": RESOURCE[kanaal],
            "resourceUrl": item["url"],
            "actie": ACTIE[method],
            "kenmerken": {k: item[k] for k in KENMERKEN[kanaal]},
            "source": SOURCE,
        }
        self.expected[item["url"]].append((body, *window))

    def cloudevent(self, kind: str, item: dict[str, Any], label: str, window: tuple) -> None:
        body = {
            "source": SOURCE,
            "specversion": "1.0",
            "type": kind,
            "subject": ZAAK,
            "dataref": None,
            "datacontenttype": "application/json",
            "data": {
                "zaak": f"urn:uuid:{ZAAK}",
                "linkTo": item["url"],
                "label": label,
                "linkObjectType": "Onderwerpobject",
            },
        }
        self.expected[item["url"]].append((body, *window))

    async def four(self, kanaal: str, bodies: tuple[dict[str, Any], ...]) -> None:
        """POST, PUT, PATCH and DELETE of one resource; each announces the representation it
        answers with (the DELETE: the last one)."""
        item, window = await self.write("POST", f"/{kanaal}", bodies[0])
        self.notificatie(kanaal, "POST", item, window)
        for method, body in (("PUT", bodies[1]), ("PATCH", bodies[2])):
            item, window = await self.write(method, f"/{kanaal}/{item['uuid']}", body)
            self.notificatie(kanaal, method, item, window)
        _, window = await self.write("DELETE", f"/{kanaal}/{item['uuid']}")
        self.notificatie(kanaal, "DELETE", item, window)


def _b64json(part: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def check_jwt(value: str, sent_at: float) -> None:
    """A ZGW JWT, signed with the shared secret (checked here without the product's code)."""
    scheme, token = value.split(" ")
    assert scheme == "Bearer"
    head, claims, signature = token.split(".")
    mac = hmac.new(SECRET.encode(), f"{head}.{claims}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64encode(mac).rstrip(b"=").decode() == signature
    assert _b64json(head) == {"alg": "HS256", "typ": "JWT"}
    found = _b64json(claims)
    assert abs(found.pop("iat") - sent_at) < 60
    assert found == {
        "iss": CLIENT_ID,
        "client_id": CLIENT_ID,
        "user_id": "",
        "user_representation": "",
    }


def check_arrived(request: Received, expected: tuple, wall: float, auth: str | None) -> None:
    body, before, after = expected
    got = request.json()
    cloud = "type" in body
    stamp = got.pop("time" if cloud else "aanmaakdatum")
    assert before <= moment(stamp) <= after
    if cloud:
        assert str(uuid.UUID(got.pop("id"), version=4)) == request.json()["id"]
    assert got == body
    assert request.method == "POST"
    assert request.path == ("/api/v1/cloudevents" if cloud else "/api/v1/notificaties")
    assert request.headers["content-type"] == (
        "application/cloudevents+json" if cloud else "application/json"
    )
    if auth is None:
        check_jwt(request.headers["authorization"], wall)
    else:
        assert request.headers["authorization"] == auth


def by_resource(requests: list[Received]) -> dict[str, list[Received]]:
    """What arrived per resource (a notification's resourceUrl, a CloudEvent's linkTo)."""
    found: dict[str, list[Received]] = defaultdict(list)
    for r in requests:
        body = r.json()
        found[body["data"]["linkTo"] if "type" in body else body["resourceUrl"]].append(r)
    return found


AUTH = {
    "literal": {"KLANTINTERACTIES_NOTIFICATIONS_AUTHORIZATION": "Token e2e-literal"},
    "jwt": {
        "KLANTINTERACTIES_NOTIFICATIONS_CLIENT_ID": CLIENT_ID,
        "KLANTINTERACTIES_NOTIFICATIONS_SECRET": SECRET,
    },
}


async def every_write(http: httpx.AsyncClient) -> Script:
    """Every kanaal and actie, maak-klantcontact, and a zaak linked and unlinked."""
    s = Script(http)
    partij = {"soortPartij": "persoon", "indicatieActief": True}
    put = {**partij, "nummer": "0000000123", "interneNotitie": "belt vaak"}
    await s.four("partijen", (partij, put, {"soortPartij": "organisatie"}))
    put = {**KC, "indicatieContactGelukt": True, "hoofdOnderwerpType": AFVAL}
    patch = {"indicatieContactGelukt": False, "verdereActieOndernomen": True}
    await s.four("klantcontacten", (KC, put, patch))
    kc, window = await s.write("POST", "/klantcontacten", KC)
    s.notificatie("klantcontacten", "POST", kc, window)
    actor, _ = await s.write("POST", "/actoren", {"naam": "Piet", "soortActor": "medewerker"})
    taak = {
        "gevraagdeHandeling": "bel terug",
        "aanleidinggevendKlantcontact": {"uuid": kc["uuid"]},
        "toegewezenAanActoren": [{"uuid": actor["uuid"]}],
        "status": "te_verwerken",
    }
    put = {**taak, "nummer": "42", "toelichting": "voor vijven"}
    await s.four("internetaken", (taak, put, {"status": "verwerkt"}))
    zaak = {"codeObjecttype": "zaak", "codeSoortObjectId": "uuid", "objectId": ZAAK}
    maak = {
        "klantcontact": {**KC, "onderwerp": "afval", "nummer": "77"},
        "onderwerpobject": {"onderwerpobjectidentificator": {**zaak, "codeRegister": "oz"}},
    }
    linked = {"klantcontact": {"uuid": kc["uuid"]}, "onderwerpobjectidentificator": zaak}
    item, window = await s.write("POST", "/onderwerpobjecten", linked)
    s.cloudevent(GEKOPPELD, item, KC["onderwerp"], window)
    made, window = await s.write("POST", "/maak-klantcontact", maak)
    s.notificatie("klantcontacten", "POST", made["klantcontact"], window)
    s.cloudevent(GEKOPPELD, made["onderwerpobject"], "afval - (77)", window)
    _, window = await s.write("DELETE", f"/onderwerpobjecten/{made['onderwerpobject']['uuid']}")
    s.cloudevent(ONTKOPPELD, made["onderwerpobject"], "afval - (77)", window)
    return s


@pytest.mark.parametrize("auth", sorted(AUTH))
async def test_every_message_arrives_exactly_as_written(database, token, tmp_path, auth):
    with running_receiver() as rx:
        async with delivering(database, rx.url, tmp_path / "worker.log", **AUTH[auth]) as run:
            async with api_client(run, token) as http:
                script = await every_write(http)
            total = sum(len(v) for v in script.expected.values())
            await wait_for(lambda: len(rx.delivered()) >= total, within=20)
            await all_delivered(database)
    assert len(rx.messages()) == total  # once each: nothing was lost or repeated
    wall = time.time()
    arrived = by_resource(rx.messages())
    assert set(arrived) == set(script.expected)
    literal = AUTH[auth].get("KLANTINTERACTIES_NOTIFICATIONS_AUTHORIZATION")
    for url, expected in script.expected.items():
        assert len(arrived[url]) == len(expected), url
        for request, one in zip(arrived[url], expected, strict=True):  # in order per resource
            check_arrived(request, one, wall, literal)
    assert url.startswith(run.api)  # the URLs the server answered with, its own address


async def test_a_refused_write_sends_nothing(database, token, unprivileged, tmp_path):
    persoon = {"soortPartij": "persoon", "indicatieActief": True}
    with running_receiver() as rx:
        async with (
            delivering(database, rx.url, tmp_path / "worker.log") as run,
            api_client(run, token) as http,
            api_client(run, unprivileged) as portal,
        ):
            partij = (await http.post("/partijen", json=persoon)).json()
            await wait_for(lambda: len(rx.delivered()) == 1)
            url = f"/partijen/{partij['uuid']}"
            problem(await http.post("/partijen", json={"soortPartij": "x"}), 400)
            problem(await http.patch(url, json={"soortPartij": "x"}), 400)
            problem(await http.put(url, json={"indicatieActief": True}), 400)
            problem(await http.post("/maak-klantcontact", json={"klantcontact": {}}), 400)
            # written, then rolled back: its token may not see what it made (403)
            secret = {**persoon, "indicatieGeheimhouding": True}
            problem(await portal.post("/partijen", json=secret), 403)
            problem(await portal.patch(url, json={"indicatieGeheimhouding": True}), 403)
            # a write after them: once its message is in, theirs would have been too
            r = await http.patch(url, json={"interneNotitie": "na de weigeringen"})
            assert r.status_code == 200, r.text
            await wait_for(lambda: len(rx.delivered()) == 2)
            await all_delivered(database)
    assert [r.json()["actie"] for r in rx.messages()] == ["create", "partial_update"]
    assert len(await rows(database)) == 2
    r = rx.messages()[1].json()
    assert r["kenmerken"]["interneNotitie"] == "na de weigeringen"


async def _pending(db: Any, url: str) -> list[dict[str, Any]]:
    """``klantinteracties notifications list`` as an operator runs it."""
    code, out, err = await cli(db, url, "notifications", "list", "--format", "json")
    assert code == 0, err
    listed = [json.loads(line) for line in out.splitlines()]
    assert f"pending {len(listed)}, failed 0, oldest pending" in err
    return listed


async def test_a_receiver_away_for_a_while_gets_everything_once_back(database, token, tmp_path):
    rx = Receiver(free_port())  # nothing listens there yet
    patient = {"KLANTINTERACTIES_NOTIFICATIONS_MAX_ATTEMPTS": "1000"}
    async with delivering(database, rx.url, tmp_path / "worker.log", **patient) as run:
        async with api_client(run, token) as http:
            written = await _writes_on_three_partijen(http)
        # refused, and tried again: all still pending, none lost, none given up
        await wait_for_attempts(database)
        listed = await _pending(database, rx.url)
        assert len(listed) == sum(len(v) for v in written.values()) == 15
        assert {m["status"] for m in listed} == {PENDING}
        assert {m["last_error"] for m in listed if m["attempts"]} == {"connection refused"}
        with serving(rx):
            await all_delivered(database)
    arrived = by_resource(rx.delivered())
    assert {
        url: [r.json()["kenmerken"]["interneNotitie"] for r in got] for url, got in arrived.items()
    } == written


async def _writes_on_three_partijen(http: httpx.AsyncClient) -> dict[str, list[str]]:
    """Five writes on each of three partijen, interleaved; the interneNotitie each announces,
    per partij in the order written."""
    written: dict[str, list[str]] = {}
    for n in range(3):
        body = {"soortPartij": "persoon", "indicatieActief": True, "interneNotitie": f"{n}.0"}
        r = await http.post("/partijen", json=body)
        assert r.status_code == 201, r.text
        written[r.json()["url"]] = [f"{n}.0"]
    for step in range(1, 4):
        for url, notes in written.items():
            r = await http.patch(url, json={"interneNotitie": f"{notes[0][0]}.{step}"})
            assert r.status_code == 200, r.text
            notes.append(r.json()["interneNotitie"])
    for url, notes in written.items():
        assert (await http.delete(url)).status_code == 204
        notes.append(notes[-1])
    return written


async def wait_for_attempts(db: Any, within: float = 15.0) -> None:
    """Until the first message of each resource has been tried (and refused) at least twice."""
    deadline = time.monotonic() + within
    while True:
        stored = list((await rows(db)).values())
        first: dict[str, dict[str, Any]] = {}
        for r in stored:
            first.setdefault(r["ordering_key"], r)
        if first and all(r["attempts"] >= 2 for r in first.values()):
            return
        assert time.monotonic() < deadline, "the worker did not try"
        await asyncio.sleep(0.1)
