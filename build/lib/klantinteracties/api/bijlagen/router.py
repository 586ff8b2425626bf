"""bijlagen resource group."""

from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import bijlage_service


def register(api: Api) -> None:
    ResourceRoutes(api, bijlage_service, "bijlagen", "bijlagen").register()
