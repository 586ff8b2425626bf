"""betrokkenen resource group."""

from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import betrokkene_service


def register(api: Api) -> None:
    ResourceRoutes(api, betrokkene_service, "betrokkenen", "betrokkenen").register()
