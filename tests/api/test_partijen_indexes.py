"""The lookups clients make most must use indexes (PostgreSQL query plans)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.dialects import postgresql

from klantinteracties.api.partijen.service import partij_service
from klantinteracties.db.models import partij, partij_identificator

N = 3000


async def _seed(database) -> None:
    partijen = [
        {"uuid": uuid.uuid4(), "soort_partij": "persoon", "indicatie_actief": True}
        for _ in range(N)
    ]
    ids = [
        {
            "uuid": uuid.uuid4(),
            "identificeerde_partij_uuid": row["uuid"],
            "code_objecttype": "natuurlijk_persoon",
            "code_soort_object_id": "bsn",
            "object_id": f"{i:09d}",
            "code_register": "brp",
        }
        for i, row in enumerate(partijen)
    ]
    async with database.session(write=True) as session:
        await session.execute(insert(partij), partijen)
        await session.execute(insert(partij_identificator), ids)
        await session.commit()
    async with database.write_engine.begin() as conn:  # statistics are kept only on commit
        await conn.exec_driver_sql("ANALYZE")


async def _plan(database, params: dict[str, str]) -> str:
    query = partij_service.filterset.parse_list(params, {})
    stmt = select(func.count()).select_from(partij).where(*query.clauses)
    sql = stmt.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    async with database.read_engine.connect() as conn:
        rows = await conn.exec_driver_sql(f"EXPLAIN {sql}")
        return "\n".join(r[0] for r in rows)


@pytest.mark.parametrize(
    "params",
    [
        {"partijIdentificator__objectId": "000001234"},
        {
            "partijIdentificator__objectId": "000001234",
            "partijIdentificator__codeSoortObjectId": "bsn",
        },
        {"nummer": "42"},
        {"bezoekadresNummeraanduidingId": "0363200000000001"},
        {"correspondentieadresLand": "BE"},
    ],
)
async def test_keyed_partij_lookups_use_indexes(database, token, params):
    if database.sqlite:
        pytest.skip("query plans are checked on PostgreSQL, the production database")
    await _seed(database)
    plan = await _plan(database, params)
    assert "Seq Scan" not in plan, plan
