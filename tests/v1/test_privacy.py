"""v1 requests are v2 requests as far as privacy goes: the processing log records them under the
client's application, and a partij under geheimhouding is invisible without the privilege."""

from __future__ import annotations

from sqlalchemy import select

from klantinteracties.access.v1_clients import set_client
from klantinteracties.core.auth import TokenStore
from klantinteracties.db.models import api_token, processing_log
from tests.api.partijen_helpers import make_partij
from tests.v1.helpers import make_jwt, persoon, v1_http


async def _records(database, name):
    t = processing_log
    stmt = select(t).where(t.c.name == name).order_by(t.c.id)
    async with database.session() as session:
        return [dict(r) for r in (await session.execute(stmt)).mappings().all()]


async def test_reads_and_writes_are_logged_without_the_bsn(v1, database):
    bsn = "111222333"
    r = await v1.post("/klanten", json=persoon(subjectIdentificatie={"inpBsn": bsn}))
    klant = r.json()
    assert (await v1.get(klant["url"])).status_code == 200
    for name, operation in (("klant_create", "create"), ("klant_read", "read")):
        records = await _records(database, name)
        assert records, name
        assert {r["application"] for r in records} == {"tests"}
        assert operation in {r["operation"] for r in records}
        assert {r["data_subject_type"] for r in records} == {"bsn"}
        assert bsn not in str(records)


async def test_geheimhouding_needs_the_privilege(app, database, client, v1):
    hidden = await make_partij(client, indicatieGeheimhouding=True)
    assert (await v1.get(f"/klanten/{hidden['uuid']}")).status_code == 200  # tests: privileged
    async with database.session(write=True) as session:
        await TokenStore(api_token).create(session, "plain", ["*"])  # no privileges
        await set_client(session, "plain", "plain-v1", "geheim-plain", ["klanten.lezen"])
        await session.commit()
    async with v1_http(app, make_jwt("plain-v1", "geheim-plain")) as plain:
        assert (await plain.get(f"/klanten/{hidden['uuid']}")).status_code == 404
        assert (await plain.get("/klanten")).json()["count"] == 0
