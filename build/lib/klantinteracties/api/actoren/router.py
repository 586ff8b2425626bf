"""actoren resource group."""

from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import actor_service


def register(api: Api) -> None:
    ResourceRoutes(api, actor_service, "actoren", "actoren").register()
