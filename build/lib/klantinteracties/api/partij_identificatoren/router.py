from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import partij_identificator_service


def register(api: Api) -> None:
    ResourceRoutes(
        api,
        partij_identificator_service,
        "partijIdentificatoren",
        "partij-identificatoren",
    ).register()
