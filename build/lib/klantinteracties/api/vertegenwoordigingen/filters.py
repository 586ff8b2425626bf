from __future__ import annotations

from klantinteracties.core.filters import Filter, FilterSet, eq
from klantinteracties.db.models import vertegenwoordigden

c = vertegenwoordigden.c

VERTEGENWOORDIGING_FILTERS = FilterSet(
    filters=(
        Filter(
            "vertegenwoordigendePartij__url",
            "url",
            eq(c.vertegenwoordigende_partij_uuid),
            description="URL van de vertegenwoordigende partij.",
        ),
        Filter(
            "vertegenwoordigendePartij__uuid",
            "uuid",
            eq(c.vertegenwoordigende_partij_uuid),
            description="UUID van de vertegenwoordigende partij.",
        ),
        Filter(
            "vertegenwoordigdePartij__url",
            "url",
            eq(c.vertegenwoordigde_partij_uuid),
            description="URL van de vertegenwoordigde partij.",
        ),
        Filter(
            "vertegenwoordigdePartij__uuid",
            "uuid",
            eq(c.vertegenwoordigde_partij_uuid),
            description="UUID van de vertegenwoordigde partij.",
        ),
    )
)
