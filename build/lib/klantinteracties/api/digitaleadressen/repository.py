from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence

from sqlalchemy import RowMapping, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import TableRepository, execute
from klantinteracties.db.models import digitaal_adres

c = digitaal_adres.c


class DigitaalAdresRepository(TableRepository):
    async def conflicts(
        self,
        session: AsyncSession,
        partij: uuidlib.UUID,
        soort: str,
        adres: str,
        referentie: str,
        exclude: uuidlib.UUID | None,
    ) -> Sequence[RowMapping]:
        """Other addresses of the partij and soort with the same adres or (non-empty) referentie."""
        same = c.adres == adres
        if referentie:
            same = or_(same, c.referentie == referentie)
        stmt = select(c.adres, c.referentie).where(
            c.verstrekt_door_partij_uuid == partij, c.soort_digitaal_adres == soort, same
        )
        if exclude is not None:
            stmt = stmt.where(c.uuid != exclude)
        return (await execute(session, stmt)).mappings().all()

    async def clear_standaard(
        self, session: AsyncSession, partij: uuidlib.UUID, soort: str, keep: uuidlib.UUID | None
    ) -> None:
        """Drop the standaard flag of the partij's other addresses of this soort."""
        stmt = (
            update(digitaal_adres)
            .where(
                c.verstrekt_door_partij_uuid == partij,
                c.soort_digitaal_adres == soort,
                c.is_standaard_adres.is_(True),
            )
            .values(is_standaard_adres=False)
        )
        if keep is not None:
            stmt = stmt.where(c.uuid != keep)
        await execute(session, stmt)


digitale_adressen = DigitaalAdresRepository(digitaal_adres)
