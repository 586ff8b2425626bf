from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes
from klantinteracties.core.search import search_route

from .service import klantcontact_service


def register(api: Api) -> None:
    ResourceRoutes(
        api, klantcontact_service, "klantcontacten", "klanten contacten", search=search_route
    ).register()
