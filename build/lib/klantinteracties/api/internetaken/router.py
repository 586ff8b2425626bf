"""internetaken resource group."""

from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import internetaak_service


def register(api: Api) -> None:
    ResourceRoutes(api, internetaak_service, "internetaken", "interne taken").register()
