"""Onderwerpobjecten: what a klantcontact was about.

Deleting one with ``?cascade=true`` also removes the klantcontacten it links, unless another
onderwerpobject still refers to them: a client that unlinks "the contact about zaak X" wants the
contact gone too, but not a contact that is still about something else.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.outputs import klantcontacten as outputs_klantcontacten
from klantinteracties.core.context import Ctx
from klantinteracties.core.events import Change, announce, changed, wants_before
from klantinteracties.core.processing import record
from klantinteracties.core.registry import service_for
from klantinteracties.core.service import CrudService, FkSpec
from klantinteracties.core.view import view_of

from .filters import ONDERWERPOBJECT_FILTERS
from .repository import (
    delete_klantcontacten,
    klantcontacten_repo,
    onderwerpobjecten,
    still_referenced,
)
from .schemas import Onderwerpobject, Onderwerpobjectidentificator

COLLECTION = "onderwerpobjecten"
KLANTCONTACTEN = "klantcontacten"
IDENTIFICATOR = "onderwerpobjectidentificator"


def wants_cascade(options: Mapping[str, str] | None) -> bool:
    # Only the literal "true" (any case) counts, as with the reference; anything else is a plain
    # delete rather than an error, because DELETE does not validate its query string.
    return (options or {}).get("cascade", "").lower() == "true"


class OnderwerpobjectService(CrudService):
    scope = "klantcontacten"
    collection = COLLECTION
    repo = onderwerpobjecten
    representation = outputs_klantcontacten.Onderwerpobject
    input_model = Onderwerpobject
    filterset = ONDERWERPOBJECT_FILTERS
    fk_fields = {
        "klantcontact": FkSpec(klantcontacten_repo, "Klantcontact"),
        "was_klantcontact": FkSpec(klantcontacten_repo, "Klantcontact"),
    }
    group_fields = {IDENTIFICATOR: Onderwerpobjectidentificator}

    async def destroy(
        self,
        session: AsyncSession,
        ctx: Ctx,
        key: uuidlib.UUID,
        options: Mapping[str, str] | None = None,
    ) -> Any:
        if not wants_cascade(options):
            return await super().destroy(session, ctx, key, options)
        row = await self.get_row(session, key)
        linked = [r for r in (row["klantcontact_uuid"], row["was_klantcontact_uuid"]) if r]
        linked = list(dict.fromkeys(linked))  # both links may name the same klantcontact
        # Logged while the onderwerpobject and its klantcontacten are still there: by the
        # read of the representation to announce, else on its own.
        before = await self.before(session, ctx, key, "destroy")
        if before is None:
            await record(session, self.repo.table, self.repo.key_ids(view_of(session), key))
        await self.repo.delete(session, key)
        if before is not None:
            # Before its klantcontacten go: a CloudEvent's label is made of its klantcontact.
            await changed(session, self.collection, "destroy", before)
        kept = await still_referenced(session, linked) if linked else set()
        gone = [k for k in linked if k not in kept]
        if gone:
            farewells = await self.klantcontacten_before(session, ctx, gone)
            await delete_klantcontacten(session, gone)
            await announce(session, farewells)
        await session.commit()
        return {"behouden": [ctx.url("klantcontacten", k) for k in linked if k in kept]}

    async def klantcontacten_before(
        self, session: AsyncSession, ctx: Ctx, keys: list[uuidlib.UUID]
    ) -> list[Change]:
        """The ``destroy`` of each klantcontact the cascade deletes, as it was: a subscriber of
        the kanaal klantcontacten learns of it as of any other delete (Open Klant announces
        none; docs/compatibility.md)."""
        if not wants_before(session, KLANTCONTACTEN, "destroy"):
            return []
        service = service_for(KLANTCONTACTEN)()
        shown = [await service.retrieve(session, ctx, key) for key in keys]
        return [Change(KLANTCONTACTEN, "destroy", item) for item in shown]


onderwerpobject_service = OnderwerpobjectService()
