from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import TableRepository, execute
from klantinteracties.db.models import betrokkene, digitaal_adres, klantcontact, onderwerpobject

c = onderwerpobject.c
onderwerpobjecten = TableRepository(onderwerpobject)
klantcontacten_repo = TableRepository(klantcontact)


async def still_referenced(
    session: AsyncSession, keys: Sequence[uuidlib.UUID]
) -> set[uuidlib.UUID]:
    """Those of ``keys`` (klantcontacten) that some onderwerpobject refers to, either way."""
    stmt = select(c.klantcontact_uuid, c.was_klantcontact_uuid).where(
        or_(c.klantcontact_uuid.in_(keys), c.was_klantcontact_uuid.in_(keys))
    )
    found: set[Any] = set()
    for row in (await execute(session, stmt)).all():
        found.update(row)
    return found & set(keys)


async def delete_klantcontacten(session: AsyncSession, keys: Sequence[uuidlib.UUID]) -> None:
    """Delete klantcontacten and the digitale adressen their betrokkenen gave without a partij.

    The addresses go first: deleting the klantcontact deletes its betrokkenen (ON DELETE CASCADE),
    which would only unlink the addresses and leave them behind without owner.
    """
    givers = select(betrokkene.c.uuid).where(betrokkene.c.had_klantcontact_uuid.in_(keys))
    da = digitaal_adres.c
    await execute(
        session,
        delete(digitaal_adres).where(
            da.verstrekt_door_betrokkene_uuid.in_(givers), da.verstrekt_door_partij_uuid.is_(None)
        ),
    )
    # The rest (betrokkenen, bijlagen, onderwerpobjecten, interne taken, actor links) goes with
    # the klantcontact through the foreign keys.
    await execute(session, delete(klantcontact).where(klantcontact.c.uuid.in_(keys)))
