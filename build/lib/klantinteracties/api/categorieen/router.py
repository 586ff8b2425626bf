from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import categorie_relatie_service, categorie_service


def register(api: Api) -> None:
    ResourceRoutes(api, categorie_service, "categorieen", "categorieën").register()
    ResourceRoutes(
        api, categorie_relatie_service, "categorieRelaties", "categorie relaties"
    ).register()
