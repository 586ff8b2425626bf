from __future__ import annotations

from klantinteracties.core.filters import Filter, FilterSet, eq
from klantinteracties.db.models import bijlage

c = bijlage.c

BIJLAGE_FILTERS = FilterSet(
    filters=(
        Filter(
            "klantcontact__uuid",
            "uuid",
            eq(c.was_bijlage_van_klantcontact_uuid),
            description="Bijlagen van het klantcontact met deze uuid.",
        ),
        Filter(
            "bijlageidentificatorCodeObjecttype",
            "string",
            eq(c.bijlageidentificator_code_objecttype),
            description="Soort object, exact gelijk (bv. `DOCUMENT`).",
        ),
        Filter(
            "bijlageidentificatorCodeRegister",
            "string",
            eq(c.bijlageidentificator_code_register),
            description="Register, exact gelijk.",
        ),
        Filter(
            "bijlageidentificatorCodeSoortObjectId",
            "string",
            eq(c.bijlageidentificator_code_soort_object_id),
            description="Soort object-id, exact gelijk (bv. `uuid`).",
        ),
        Filter(
            "bijlageidentificatorObjectId",
            "string",
            eq(c.bijlageidentificator_object_id),
            description="Object-id, exact gelijk.",
        ),
    )
)
