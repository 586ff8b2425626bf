"""actorklantcontacten resource group."""

from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import actorklantcontact_service


def register(api: Api) -> None:
    ResourceRoutes(
        api, actorklantcontact_service, "actorklantcontacten", "actor klantcontacten"
    ).register()
