"""The query behind "all klantcontacten of BSN X, newest first" uses indexes on PostgreSQL.

The list query is built by the same repository function the endpoint uses, from the same query
string, and explained after enough rows are in the tables for the planner to prefer indexes.
"""

from __future__ import annotations

import datetime as dt
import uuid

import orjson
import pytest
from sqlalchemy import insert, text
from sqlalchemy.dialects import postgresql

from klantinteracties.api.klantcontacten.filters import KLANTCONTACT_FILTERS
from klantinteracties.api.klantcontacten.service import klantcontact_service
from klantinteracties.core.context import Ctx
from klantinteracties.core.view import EVERYTHING
from klantinteracties.db.models import betrokkene, klantcontact, partij, partij_identificator

ROWS = 2000
PREFIX = "hadBetrokkene__wasPartij__partijIdentificator__"


def bsn(i: int) -> str:
    return f"{i:09d}"  # the plan does not care whether the number passes the 11-proef


async def fill(database) -> None:
    """ROWS persons with a BSN, each with one klantcontact in which they took part."""
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    partijen = [uuid.uuid4() for _ in range(ROWS)]
    contacts = [uuid.uuid4() for _ in range(ROWS)]
    async with database.session(write=True) as session:
        await session.execute(
            insert(partij),
            [{"uuid": p, "soort_partij": "persoon", "indicatie_actief": True} for p in partijen],
        )
        await session.execute(
            insert(partij_identificator),
            [
                {
                    "uuid": uuid.uuid4(),
                    "identificeerde_partij_uuid": p,
                    "code_objecttype": "natuurlijk_persoon",
                    "code_soort_object_id": "bsn",
                    "object_id": bsn(i),
                    "code_register": "brp",
                }
                for i, p in enumerate(partijen)
            ],
        )
        await session.execute(
            insert(klantcontact),
            [
                {
                    "uuid": k,
                    "kanaal": "telefoon",
                    "onderwerp": f"vraag {i}",
                    "taal": "nld",
                    "vertrouwelijk": False,
                    "verdere_actie_ondernomen": False,
                    "plaatsgevonden_op": start + dt.timedelta(minutes=i),
                    "metadata_json": {},
                }
                for i, k in enumerate(contacts)
            ],
        )
        await session.execute(
            insert(betrokkene),
            [
                {
                    "uuid": uuid.uuid4(),
                    "had_klantcontact_uuid": k,
                    "was_partij_uuid": p,
                    "rol": "klant",
                    "initiator": True,
                }
                for k, p in zip(contacts, partijen, strict=True)
            ],
        )
        await session.commit()


async def test_contacts_of_a_bsn_use_indexes(database, token):  # token: empties the database
    if database.sqlite:
        pytest.skip("query plans are only checked on PostgreSQL (SQLite has no planner stats)")
    await fill(database)
    params = {f"{PREFIX}objectId": bsn(1234), f"{PREFIX}codeSoortObjectId": "bsn"}
    query = KLANTCONTACT_FILTERS.parse_list(params, {"expand": []})
    # The statement a list request runs: the page's ids, and the JSON of those rows.
    ctx = Ctx("http://testserver.local/klantinteracties/api/v1")
    choice = klantcontact_service.page_choice(ctx, EVERYTHING, query, 100, 0)
    reader = klantcontact_service.reader
    stmt = reader.statement(postgresql.dialect(), ctx.base_url, choice, EVERYTHING)
    sql = str(stmt.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    async with database.session(write=True) as session:
        for table in ("klantcontact", "betrokkene", "partij_identificator", "partij"):
            await session.execute(text(f"ANALYZE {table}"))
        await session.commit()
        found = [orjson.loads(j) for j in (await session.execute(stmt)).scalars().all()]
        plan = "\n".join((await session.execute(text(f"EXPLAIN {sql}"))).scalars().all())
    assert [r["onderwerp"] for r in found] == ["vraag 1234"]
    for table in ("klantcontact", "betrokkene", "partij_identificator"):
        assert f"Seq Scan on {table}" not in plan, plan
    assert "Index" in plan, plan
