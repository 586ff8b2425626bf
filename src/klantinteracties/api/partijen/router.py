from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import partij_service


def register(api: Api) -> None:
    ResourceRoutes(api, partij_service, "partijen", "partijen").register()
