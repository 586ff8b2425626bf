from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from klantinteracties.core.repository import TableRepository
from klantinteracties.db.models import categorie, categorie_relatie

categorieen = TableRepository(categorie)


class CategorieRelatieRepository(TableRepository):
    """Rows carry ``categorie_naam`` so that representations need no second query."""

    def select_rows(self) -> Select[Any]:
        return select(categorie_relatie, categorie.c.naam.label("categorie_naam")).outerjoin(
            categorie, categorie.c.uuid == categorie_relatie.c.categorie_uuid
        )


categorie_relaties = CategorieRelatieRepository(categorie_relatie)
