from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes
from klantinteracties.core.search import search_route

from .service import partij_service


def register(api: Api) -> None:
    ResourceRoutes(api, partij_service, "partijen", "partijen", search=search_route).register()
