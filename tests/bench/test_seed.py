"""``bench seed`` on both backends: counts, determinism, and data the API can read."""

from __future__ import annotations

import hashlib
import stat

import pytest
from sqlalchemy import func, select

from klantinteracties.api.partij_identificatoren.rules import elfproef
from klantinteracties.bench.generate import TIERS
from klantinteracties.bench.seed import TABLES, NotEmpty, seed
from klantinteracties.db import models

XS = TIERS["XS"]


async def _counts(database) -> dict[str, int]:
    async with database.session() as session:
        return {
            t.name: (await session.execute(select(func.count()).select_from(t))).scalar_one()
            for t in TABLES
        }


async def _digest(database) -> str:
    kc, pi = models.klantcontact, models.partij_identificator
    h = hashlib.sha256()
    async with database.session() as session:
        for stmt in (
            select(kc.c.uuid, kc.c.onderwerp, kc.c.kanaal).order_by(kc.c.id),
            select(pi.c.uuid, pi.c.object_id, pi.c.identificeerde_partij_uuid).order_by(pi.c.id),
        ):
            for row in (await session.execute(stmt)).all():
                h.update(repr(tuple(map(str, row))).encode())
    return h.hexdigest()


async def test_seed_fills_every_table_with_readable_data(database, client, tmp_path):
    token_file = tmp_path / "key"
    result = await seed(database, XS, token_file=token_file)
    counts = await _counts(database)
    assert counts == result.rows
    assert counts["partij"] == XS.partijen and counts["klantcontact"] == XS.klantcontacten
    assert counts["actor"] == XS.actoren
    for name in ("partij_identificator", "digitaal_adres", "betrokkene", "onderwerpobject",
                 "actorklantcontact", "internetaak", "internetaak_actor"):  # fmt: skip
        assert counts[name] > 0, name

    pi = models.partij_identificator
    async with database.session() as session:
        bsns = (
            await session.execute(
                select(pi.c.object_id, pi.c.identificeerde_partij_uuid)
                .where(pi.c.code_soort_object_id == "bsn")
                .order_by(pi.c.id)
            )
        ).all()
    assert bsns and all(elfproef(b) for b, _ in bsns)
    assert len({b for b, _ in bsns}) == len(bsns)

    # The API finds the seeded partij by its BSN, with the key the seeder wrote.
    bsn, partij = bsns[0]
    key = token_file.read_text().strip()
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600  # the key grants every right
    r = await client.get(
        "/partijen",
        params={"partijIdentificator__objectId": bsn},
        headers={"Authorization": f"Token {key}"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["count"] == 1 and r.json()["results"][0]["uuid"] == str(partij)
    assert r.json()["results"][0]["partijIdentificatoren"][0]["partijIdentificator"] == {
        "codeObjecttype": "natuurlijk_persoon",
        "codeSoortObjectId": "bsn",
        "objectId": bsn,
        "codeRegister": "brp",
    }


async def test_seeded_relations_read_back_through_the_api(database, client):
    await seed(database, XS)
    b = models.betrokkene
    async with database.session() as session:
        partij, contacts = (
            await session.execute(
                select(b.c.was_partij_uuid, func.count())
                .where(b.c.was_partij_uuid.is_not(None))
                .group_by(b.c.was_partij_uuid)
                .order_by(func.count().desc(), b.c.was_partij_uuid)
                .limit(1)
            )
        ).one()
        klantcontact = (
            (
                await session.execute(
                    select(b.c.had_klantcontact_uuid).where(b.c.was_partij_uuid == partij)
                )
            )
            .scalars()
            .first()
        )
    r = await client.get("/klantcontacten", params={"hadBetrokkene__wasPartij__uuid": str(partij)})
    assert r.status_code == 200, r.text
    assert r.json()["count"] == contacts
    r = await client.get(
        f"/klantcontacten/{klantcontact}",
        params={"expand": "hadBetrokkenen,hadBetrokkenen.wasPartij"},
    )
    assert r.status_code == 200, r.text
    betrokkenen = r.json()["_expand"]["hadBetrokkenen"]
    assert [x["_expand"]["wasPartij"]["uuid"] for x in betrokkenen] == [str(partij)]
    r = await client.get(f"/partijen/{partij}", params={"expand": "digitaleAdressen,betrokkenen"})
    assert r.status_code == 200, r.text
    assert len(r.json()["_expand"]["betrokkenen"]) == contacts
    r = await client.get("/internetaken", params={"status": "te_verwerken"})
    assert r.status_code == 200 and r.json()["count"] > 0


async def test_seed_is_deterministic_and_refuses_a_filled_database(database, client):
    first = await seed(database, XS)
    digest = await _digest(database)
    with pytest.raises(NotEmpty):
        await seed(database, XS)
    again = await seed(database, XS, reset_first=True)
    assert again.rows == first.rows
    assert await _digest(database) == digest
    # The same on both backends (pinned: SQLite and PostgreSQL must hold identical data).
    assert digest[:16] == "1910b0db54029cec"
