"""GET /internetaken: filters, statement counts and the index-only work queue."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

import orjson
import pytest
from sqlalchemy import insert, text

from klantinteracties.api.internetaken.filters import INTERNETAAK_FILTERS
from klantinteracties.api.internetaken.repository import internetaken
from klantinteracties.api.internetaken.service import internetaak_service
from klantinteracties.core.context import Ctx
from klantinteracties.core.view import EVERYTHING
from klantinteracties.db.models import actor, internetaak, internetaak_actor, klantcontact
from tests.api.actoren_helpers import make_actor, make_klantcontact, make_taak
from tests.helpers import invalid_params

URL = "/internetaken"


async def found(client, **params: Any) -> list[str]:
    r = await client.get(URL, params=params)
    assert r.status_code == 200, r.text
    return sorted(x["gevraagdeHandeling"] for x in r.json()["results"])


@pytest.fixture
async def taken(client):
    piet, jan, bot = (
        await make_actor(client, "Piet"),
        await make_actor(client, "Jan"),
        await make_actor(client, "Piet Bot", "geautomatiseerde_actor"),
    )
    kc1 = await make_klantcontact(client, nummer="11", referentienummer="101")
    kc2 = await make_klantcontact(client, nummer="22", referentienummer="202")
    made = {
        "a": await make_taak(client, kc1, [piet], gevraagdeHandeling="a", nummer="1"),
        "b": await make_taak(
            client,
            kc1,
            [jan, piet],
            gevraagdeHandeling="b",
            status="verwerkt",
            referentienummer="7",
        ),
        "c": await make_taak(client, kc2, [jan], gevraagdeHandeling="c"),
        "d": await make_taak(client, kc2, [bot], gevraagdeHandeling="d", status="verwerkt"),
    }
    return {"piet": piet, "jan": jan, "bot": bot, "kc1": kc1, "kc2": kc2, **made}


async def test_filters(client, taken):
    t = taken
    assert await found(client) == ["a", "b", "c", "d"]
    assert await found(client, nummer="1") == ["a"]
    assert await found(client, referentienummer="7") == ["b"]
    assert await found(client, status="verwerkt") == ["b", "d"]
    assert await found(client, status="te_verwerken") == ["a", "c"]
    # Assigned to the actor at any position of the assignment.
    assert await found(client, toegewezenAanActor__uuid=t["piet"]["uuid"]) == ["a", "b"]
    assert await found(client, toegewezenAanActor__url=t["jan"]["url"]) == ["b", "c"]
    assert await found(client, toegewezenAanActor__url="http://x.nl/actoren/geen-uuid") == []
    assert await found(client, actoren__naam="Piet") == ["a", "b"]  # exact, not "Piet Bot"
    assert await found(client, actoren__naam="piet") == []
    assert await found(client, klantcontact__uuid=t["kc1"]["uuid"]) == ["a", "b"]
    assert await found(client, klantcontact__nummer="22") == ["c", "d"]
    assert await found(client, klantcontact__referentienummer="101") == ["a", "b"]
    assert await found(client, aanleidinggevendKlantcontact__uuid=t["kc2"]["uuid"]) == ["c", "d"]
    assert await found(client, aanleidinggevendKlantcontact__url=t["kc1"]["url"]) == ["a", "b"]
    assert await found(client, toegewezenOp=t["c"]["toegewezenOp"]) == ["c"]
    assert await found(client, toegewezenOp="2000-01-01T00:00:00Z") == []


async def test_work_queue(client, taken):
    """Open tasks of one actor: one request."""
    t = taken
    params = {"status": "te_verwerken", "toegewezenAanActor__uuid": t["jan"]["uuid"]}
    assert await found(client, **params) == ["c"]
    params["toegewezenAanActor__uuid"] = t["piet"]["uuid"]
    assert await found(client, **params) == ["a"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "klaar"}, {"status": "invalid_choice"}),
        ({"toegewezenAanActor__uuid": "x"}, {"toegewezenAanActor__uuid": "invalid"}),
        ({"toegewezenAanActor__url": "geen url"}, {"toegewezenAanActor__url": "invalid"}),
        (
            {"aanleidinggevendKlantcontact__uuid": "x"},
            {"aanleidinggevendKlantcontact__uuid": "invalid"},
        ),
        ({"toegewezenOp": "gisteren"}, {"toegewezenOp": "invalid"}),
        ({"klantcontact__url": "http://x.nl/y"}, {"nonFieldErrors": "unknown-parameters"}),
        ({"toegewezenAanActoren__uuid": "x"}, {"nonFieldErrors": "unknown-parameters"}),
        ({"expand": "x"}, {"nonFieldErrors": "unknown-parameters"}),
    ],
)
async def test_invalid_filters(client, params, expected):
    assert invalid_params(await client.get(URL, params=params)) == expected


async def test_list_statement_count(client, count_statements):
    actors = [await make_actor(client, f"a{i}") for i in range(3)]
    kc = await make_klantcontact(client)
    filters = {"status": "te_verwerken", "toegewezenAanActor__uuid": actors[0]["uuid"]}

    async def listing() -> int:
        counts = []
        for params in ({}, filters):
            with count_statements() as c:
                r = await client.get(URL, params=params)
            assert r.status_code == 200
            counts.append(c.count)
        assert counts[0] == counts[1]
        return counts[0]

    for i in range(30):
        await make_taak(client, kc, actors[: 1 + i % 3])
        if i == 1:
            small = await listing()
    assert (await client.get(URL, params=filters)).json()["count"] == 30
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    assert await listing() == small == 1 + L  # the page with its actors (not full: no count)


# ----- the work queue is served by indexes ------------------------------------------------------
async def _bulk_insert(session: Any, n_tasks: int = 2000, n_actors: int = 200) -> uuid.UUID:
    """A work-queue shaped data set: 2 actors per task, and as in practice most tasks are done
    (1 in 10 open). With half of the tasks open, reading all 2000 rows would honestly be the
    cheapest plan at this scale, and the test would then say nothing about production."""
    rng = random.Random(4)
    now = dt.datetime.now(dt.UTC)
    actors = [uuid.uuid4() for _ in range(n_actors)]
    await session.execute(
        insert(actor),
        [
            {"uuid": a, "naam": f"actor {i}", "soort_actor": "medewerker"}
            for i, a in enumerate(actors)
        ],
    )
    contacts = [uuid.uuid4() for _ in range(50)]
    kc_row = {
        "kanaal": "telefoon",
        "onderwerp": "vraag",
        "taal": "nld",
        "vertrouwelijk": False,
        "plaatsgevonden_op": now,
        "metadata_json": {},
    }
    await session.execute(insert(klantcontact), [{**kc_row, "uuid": k} for k in contacts])
    tasks, links = [], []
    for i in range(n_tasks):
        key = uuid.uuid4()
        tasks.append(
            {
                "uuid": key,
                "gevraagde_handeling": f"taak {i}",
                "aanleidinggevend_klantcontact_uuid": contacts[i % len(contacts)],
                "status": "te_verwerken" if i % 10 == 0 else "verwerkt",
                "toegewezen_op": now - dt.timedelta(minutes=i),
            }
        )
        picked = actors[:2] if i == 0 else rng.sample(actors, 2)  # the worker has open work
        for volgorde, a in enumerate(picked):
            links.append({"internetaak_uuid": key, "actor_uuid": a, "volgorde": volgorde})
    await session.execute(insert(internetaak), tasks)
    await session.execute(insert(internetaak_actor), links)
    await session.commit()
    return actors[0]


TABLES = ("internetaak", "internetaak_actor")


def _scans(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = [node] if node.get("Relation Name") in TABLES or "Index Name" in node else []
    for child in node.get("Plans", []):
        found += _scans(child)
    return found


async def _plan(session: Any, stmt: Any) -> dict[str, Any]:
    sql = stmt.compile(dialect=session.bind.dialect, compile_kwargs={"literal_binds": True})
    result = (await session.execute(text(f"EXPLAIN (FORMAT JSON) {sql}"))).scalar_one()
    return result[0]["Plan"]  # type: ignore[no-any-return]


def _check_index_driven(name: str, plan: dict[str, Any]) -> None:
    """Every read of the two tables must be a Seq Scan-free, index-driven lookup: an index scan
    with an Index Cond (not a walk through a whole index) or a bitmap heap scan fed by one."""
    scans = _scans(plan)
    assert {s.get("Relation Name") for s in scans} & set(TABLES), f"{name}: {plan}"
    for scan in scans:
        kind = scan["Node Type"]
        assert kind != "Seq Scan", f"{name}: {kind} on {scan.get('Relation Name')}\n{plan}"
        if kind in ("Index Scan", "Index Only Scan", "Bitmap Index Scan"):
            assert "Index Cond" in scan, f"{name}: full walk of {scan['Index Name']}\n{plan}"


async def test_work_queue_uses_indexes_only(token, database):
    if database.sqlite:
        pytest.skip("EXPLAIN plans are checked on PostgreSQL, the production database")
    async with database.session(write=True) as session:
        worker = await _bulk_insert(session)
        await session.execute(text("ANALYZE actor, internetaak, internetaak_actor"))
        await session.commit()
    params = {"status": "te_verwerken", "toegewezenAanActor__uuid": str(worker)}
    query = INTERNETAAK_FILTERS.parse_list(params, {})
    async with database.session() as session:
        # The statement a list request runs: the page's ids and their JSON (with the actors).
        ctx = Ctx("http://testserver.local/klantinteracties/api/v1")
        choice = internetaak_service.page_choice(ctx, EVERYTHING, query, 100, 0)
        json_page = internetaak_service.reader.statement(
            session.bind.dialect, ctx.base_url, choice, EVERYTHING
        )
        rows = [orjson.loads(j) for j in (await session.execute(json_page)).scalars().all()]
        assert rows and all(r["status"] == "te_verwerken" for r in rows)
        plans = {
            "count": await _plan(session, internetaken.count_statement(EVERYTHING, query.clauses)),
            "page": await _plan(session, json_page),
        }
    for name, plan in plans.items():
        _check_index_driven(name, plan)
