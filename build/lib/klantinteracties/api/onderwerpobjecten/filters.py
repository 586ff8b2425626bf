from __future__ import annotations

from klantinteracties.core.filters import Filter, FilterSet, eq
from klantinteracties.db.models import onderwerpobject

c = onderwerpobject.c

ONDERWERPOBJECT_FILTERS = FilterSet(
    filters=(
        Filter(
            "klantcontact__uuid",
            "uuid",
            eq(c.klantcontact_uuid),
            description="Onderwerpobjecten van het klantcontact met deze uuid.",
        ),
        Filter(
            "klantcontact__url",
            "url",
            eq(c.klantcontact_uuid),
            description="Onderwerpobjecten van het klantcontact met deze URL.",
        ),
        Filter(
            "wasKlantcontact__uuid",
            "uuid",
            eq(c.was_klantcontact_uuid),
            description="Onderwerpobjecten die het klantcontact met deze uuid zijn.",
        ),
        Filter(
            "wasKlantcontact__url",
            "url",
            eq(c.was_klantcontact_uuid),
            description="Onderwerpobjecten die het klantcontact met deze URL zijn.",
        ),
        Filter(
            "onderwerpobjectidentificatorCodeObjecttype",
            "string",
            eq(c.onderwerpobjectidentificator_code_objecttype),
            description="Soort object, exact gelijk (bv. `zaak`).",
        ),
        Filter(
            "onderwerpobjectidentificatorCodeRegister",
            "string",
            eq(c.onderwerpobjectidentificator_code_register),
            description="Register, exact gelijk.",
        ),
        Filter(
            "onderwerpobjectidentificatorCodeSoortObjectId",
            "string",
            eq(c.onderwerpobjectidentificator_code_soort_object_id),
            description="Soort object-id, exact gelijk (bv. `uuid`).",
        ),
        Filter(
            "onderwerpobjectidentificatorObjectId",
            "string",
            eq(c.onderwerpobjectidentificator_object_id),
            description="Object-id, exact gelijk.",
        ),
    )
)
