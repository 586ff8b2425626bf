from __future__ import annotations

from klantinteracties.core.repository import TableRepository
from klantinteracties.db.models import categorie, categorie_relatie

categorieen = TableRepository(categorie)
categorie_relaties = TableRepository(categorie_relatie)
