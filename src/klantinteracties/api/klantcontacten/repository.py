"""SQL of ``/klantcontacten``: the klantcontact rows and the relations hanging off them."""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import TableRepository, execute
from klantinteracties.db.models import (
    actorklantcontact,
    betrokkene,
    bijlage,
    internetaak,
    klantcontact,
    onderwerpobject,
)

k = klantcontact.c

# Reverse relations of a klantcontact: representation field -> (table, column pointing at it,
# column holding the related key). hadBetrokkenActoren goes through the link table.
RELATIONS: dict[str, tuple[Any, str, str]] = {
    "gingOverOnderwerpobjecten": (onderwerpobject, "klantcontact_uuid", "uuid"),
    "hadBetrokkenActoren": (actorklantcontact, "klantcontact_uuid", "actor_uuid"),
    "omvatteBijlagen": (bijlage, "was_bijlage_van_klantcontact_uuid", "uuid"),
    "hadBetrokkenen": (betrokkene, "had_klantcontact_uuid", "uuid"),
    "leiddeTotInterneTaken": (internetaak, "aanleidinggevend_klantcontact_uuid", "uuid"),
}


class KlantcontactRepository(TableRepository):
    async def taken(
        self, session: AsyncSession, column: str, value: str, exclude: uuidlib.UUID | None
    ) -> bool:
        """Whether another klantcontact already has this nummer/referentienummer."""
        stmt = select(k.id).where(k[column] == value)
        if exclude is not None:
            stmt = stmt.where(k.uuid != exclude)
        return (await execute(session, stmt.limit(1))).first() is not None


# Newest contact first; the index ix_klantcontact_order serves this order read backwards.
klantcontacten = KlantcontactRepository(
    klantcontact, order_by=[k.plaatsgevonden_op.desc(), k.id.desc()]
)
