from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping, select
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import TableRepository
from klantinteracties.db.models import categorie, categorie_relatie

categorieen = TableRepository(categorie)


class CategorieRelatieRepository(TableRepository):
    """Rows carry ``categorie_naam`` so that representations need no second query."""

    def _select(self) -> Any:
        return select(categorie_relatie, categorie.c.naam.label("categorie_naam")).outerjoin(
            categorie, categorie.c.uuid == categorie_relatie.c.categorie_uuid
        )

    async def get(self, session: AsyncSession, key: Any) -> RowMapping | None:
        stmt = self._select().where(categorie_relatie.c.uuid == key)
        return (await session.execute(stmt)).mappings().first()

    async def page(
        self, session: AsyncSession, clauses: Sequence[Any], limit: int, offset: int
    ) -> Sequence[RowMapping]:
        stmt = (
            self._select()
            .where(*clauses)
            .order_by(categorie_relatie.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return (await session.execute(stmt)).mappings().all()

    async def rows_by(
        self, session: AsyncSession, column: str, values: list[Any]
    ) -> Sequence[RowMapping]:
        if not values:
            return []
        stmt = (
            self._select()
            .where(categorie_relatie.c[column].in_(values))
            .order_by(categorie_relatie.c.id)
        )
        return (await session.execute(stmt)).mappings().all()


categorie_relaties = CategorieRelatieRepository(categorie_relatie)
