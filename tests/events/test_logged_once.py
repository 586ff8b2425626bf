"""Reading the representation a message is made of is no processing of its own: with
notifications on, a write still logs each data subject once (docs/privacy.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from klantinteracties.db.models import processing_log
from tests.access.audit_helpers import BSN
from tests.api.klantcontacten_helpers import make_betrokkene, make_klantcontact, post, ref
from tests.events.conftest import taken

ZAAK = {"codeObjecttype": "zaak", "codeSoortObjectId": "uuid", "objectId": "z1"}


async def _logged(database: Any, name: str) -> int:
    stmt = select(func.count()).where(processing_log.c.name == name)
    async with database.session() as session:
        return int((await session.execute(stmt)).scalar_one())


async def test_a_write_logs_each_subject_once(client_on, database):
    bsn = {"codeObjecttype": "natuurlijk_persoon", "codeSoortObjectId": "bsn", "objectId": BSN}
    body = {"soortPartij": "persoon", "indicatieActief": True}
    partij = await post(
        client_on,
        "/partijen",
        {
            **body,
            "partijIdentificatoren": [{"partijIdentificator": {**bsn, "codeRegister": "brp"}}],
        },
    )
    kc = await make_klantcontact(client_on)
    await make_betrokkene(client_on, kc, partij)
    item = await post(
        client_on,
        "/onderwerpobjecten",
        {"klantcontact": ref(kc), "onderwerpobjectidentificator": {**ZAAK, "codeRegister": "a"}},
    )
    # an update that reads the representation before it (to compare identificatoren)
    r = await client_on.patch(
        f"/onderwerpobjecten/{item['uuid']}",
        json={"onderwerpobjectidentificator": {**ZAAK, "objectId": "z2"}},
    )
    assert r.status_code == 200, r.text
    # a delete, whose read of the representation logs it
    r = await client_on.delete(f"/onderwerpobjecten/{item['uuid']}")
    assert r.status_code == 204
    r = await client_on.delete(f"/partijen/{partij['uuid']}")
    assert r.status_code == 204
    kinds = [row["kind"] for row in await taken(database)]
    assert kinds.count("cloudevent") == 4 and kinds.count("notificatie") == 3
    assert await _logged(database, "onderwerpobjectenPartialUpdate") == 1
    assert await _logged(database, "onderwerpobjectenDestroy") == 1
    assert await _logged(database, "partijenDestroy") == 1
