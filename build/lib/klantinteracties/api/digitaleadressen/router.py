from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import digitaal_adres_service


def register(api: Api) -> None:
    ResourceRoutes(api, digitaal_adres_service, "digitaleadressen", "digitale adressen").register()
