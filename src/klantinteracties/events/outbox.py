"""The emitter of the API's writes: their messages as outbox rows, in the write's transaction.

Installed on the app when notifications are on (``KLANTINTERACTIES_NOTIFICATIONS_URL``); the
router puts it on every write's session (core/events.py is the door). All messages of one
write go in one INSERT; the worker (events/worker.py) delivers them later, so a write never
waits for the Notificaties API and a message is never lost with a crash after the commit.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.events import Change, execute_announcing
from klantinteracties.core.repository import execute
from klantinteracties.db.models import klantcontact, outbox
from klantinteracties.db.models.outbox import CLOUDEVENT, NOTIFICATIE, PENDING

from . import messages
from .kanalen import BY_COLLECTION

# The collection whose writes may be zaak links (CloudEvents, DIGEST §8.2).
ONDERWERPOBJECTEN = "onderwerpobjecten"
KLANTCONTACTEN = "klantcontacten"
Label = tuple[str, str | None, bool]  # a klantcontact's onderwerp, nummer, vertrouwelijk


class OutboxEmitter:
    def __init__(self, source: str = "", cloudevents: bool = False) -> None:
        self.source = source
        # As the reference: CloudEvents need a source to name.
        self.cloudevents = cloudevents and bool(source)

    def wants_before(self, collection: str, actie: str) -> bool:
        if self.cloudevents and collection == ONDERWERPOBJECTEN:
            return actie != "create"  # an update compares identificatoren; a delete unlinks
        return actie == "destroy" and collection in BY_COLLECTION

    async def emit(self, session: AsyncSession, changes: Sequence[Change]) -> None:
        moment = dt.datetime.now(dt.UTC)
        rows = [self.notificatie(c, moment) for c in changes if c.collection in BY_COLLECTION]
        if self.cloudevents:
            rows += await self.cloudevent_rows(session, changes, moment)
        if rows:
            await execute_announcing(session, insert(outbox).values(rows))

    def notificatie(self, change: Change, moment: dt.datetime) -> dict[str, Any]:
        kanaal = BY_COLLECTION[change.collection]
        body = messages.notificatie(
            kanaal, change.actie, change.representation, moment, self.source
        )
        return row(NOTIFICATIE, kanaal.naam, change.collection, change.representation, body, moment)

    async def cloudevent_rows(
        self, session: AsyncSession, changes: Sequence[Change], moment: dt.datetime
    ) -> list[dict[str, Any]]:
        events = [
            event
            for change in changes
            if change.collection == ONDERWERPOBJECTEN
            for event in messages.zaak_events(change)
        ]
        if not events:
            return []
        labels = await labels_of(session, [klantcontact_of(item) for _, item in events], changes)
        out = []
        for kind, item in events:
            text = messages.label(*labels.get(klantcontact_of(item), ("", None, False)))
            body = messages.cloudevent(kind, item, text, moment, self.source)
            out.append(row(CLOUDEVENT, kind, ONDERWERPOBJECTEN, item, body, moment))
        return out


def row(
    kind: str,
    topic: str,
    collection: str,
    item: Mapping[str, Any],
    body: dict[str, Any],
    moment: dt.datetime,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "topic": topic,
        # A v1 representation has no uuid field; its url ends in the uuid all the same.
        "ordering_key": f"{collection}/{item.get('uuid') or str(item['url']).rsplit('/', 1)[-1]}",
        "body": orjson.dumps(body).decode(),
        "created_at": moment,
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": moment,
    }


def klantcontact_of(item: Mapping[str, Any]) -> str:
    return str(item["klantcontact"]["uuid"])  # a zaak link always has one


async def labels_of(
    session: AsyncSession, keys: Sequence[str], changes: Sequence[Change]
) -> dict[str, Label]:
    """What the labels are made of, per klantcontact: from a klantcontact written in the same
    request (maak-klantcontact), else read (one statement)."""
    found: dict[str, Label] = {}
    for change in changes:
        if change.collection == KLANTCONTACTEN:
            kc = change.representation
            found[str(kc["uuid"])] = (kc["onderwerp"], kc.get("nummer"), bool(kc["vertrouwelijk"]))
    missing = [uuidlib.UUID(key) for key in sorted(set(keys) - set(found))]
    if missing:
        c = klantcontact.c
        stmt = select(c.uuid, c.onderwerp, c.nummer, c.vertrouwelijk).where(c.uuid.in_(missing))
        for r in (await execute(session, stmt)).all():
            found[str(r.uuid)] = (r.onderwerp, r.nummer, bool(r.vertrouwelijk))
    return found
