from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import klantcontact_service


def register(api: Api) -> None:
    ResourceRoutes(api, klantcontact_service, "klantcontacten", "klanten contacten").register()
