from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import RowMapping

from klantinteracties.api.outputs import partijen as outputs_partijen
from klantinteracties.core.service import CrudService, FkSpec
from klantinteracties.db.models import partij

from .filters import CATEGORIE_RELATIE_FILTERS
from .repository import TableRepository, categorie_relaties, categorieen
from .schemas import Categorie, CategorieRelatie

partijen_repo = TableRepository(partij)


class CategorieService(CrudService):
    scope = "partijen"
    collection = "categorieen"
    repo = categorieen
    representation = outputs_partijen.Categorie
    input_model = Categorie


class CategorieRelatieService(CrudService):
    scope = "partijen"
    collection = "categorie-relaties"
    repo = categorie_relaties
    representation = outputs_partijen.CategorieRelatie
    input_model = CategorieRelatie
    filterset = CATEGORIE_RELATIE_FILTERS
    fk_fields = {
        "partij": FkSpec(partijen_repo, "Partij"),
        "categorie": FkSpec(categorieen, "Categorie"),
    }

    def values(self, obj: Any, current: RowMapping | None) -> dict[str, Any]:
        out = super().values(obj, current)
        if current is None and out.get("begin_datum") is None:
            out["begin_datum"] = dt.date.today()  # a relation starts the day it is made
        return out


categorie_service = CategorieService()
categorie_relatie_service = CategorieRelatieService()
