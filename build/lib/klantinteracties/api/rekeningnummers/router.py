from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import rekeningnummer_service


def register(api: Api) -> None:
    ResourceRoutes(api, rekeningnummer_service, "rekeningnummers", "rekeningnummers").register()
