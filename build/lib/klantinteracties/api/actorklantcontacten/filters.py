from __future__ import annotations

from klantinteracties.core.filters import Filter, FilterSet, eq
from klantinteracties.db.models import actorklantcontact

c = actorklantcontact.c

ACTORKLANTCONTACT_FILTERS = FilterSet(
    filters=(
        Filter("actor__uuid", "uuid", eq(c.actor_uuid), description="UUID van de actor."),
        Filter("actor__url", "url", eq(c.actor_uuid), description="URL van de actor."),
        Filter(
            "klantcontact__uuid",
            "uuid",
            eq(c.klantcontact_uuid),
            description="UUID van het klantcontact.",
        ),
        Filter(
            "klantcontact__url",
            "url",
            eq(c.klantcontact_uuid),
            description="URL van het klantcontact.",
        ),
    )
)
