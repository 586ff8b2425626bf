from __future__ import annotations

from sqlalchemy import select

from klantinteracties.core.filters import Filter, FilterSet, eq
from klantinteracties.db.models import categorie, categorie_relatie, partij

c = categorie_relatie.c

CATEGORIE_RELATIE_FILTERS = FilterSet(
    filters=(
        Filter("partij__url", "url", eq(c.partij_uuid), description="URL van de partij."),
        Filter("partij__uuid", "uuid", eq(c.partij_uuid), description="UUID van de partij."),
        Filter(
            "partij__nummer",
            "string",
            lambda v: c.partij_uuid.in_(select(partij.c.uuid).where(partij.c.nummer == v)),
            description="Nummer van de partij.",
            deprecated=True,
        ),
        Filter("categorie__url", "url", eq(c.categorie_uuid), description="URL van de categorie."),
        Filter(
            "categorie__uuid", "uuid", eq(c.categorie_uuid), description="UUID van de categorie."
        ),
        Filter(
            "categorie__naam",
            "string",
            lambda v: c.categorie_uuid.in_(select(categorie.c.uuid).where(categorie.c.naam == v)),
            description="Naam van de categorie (exact).",
        ),
        Filter("beginDatum", "date", eq(c.begin_datum), description="Begindatum (exact)."),
        Filter("eindDatum", "date", eq(c.eind_datum), description="Einddatum (exact)."),
    )
)
