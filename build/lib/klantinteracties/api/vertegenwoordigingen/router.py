from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import vertegenwoordiging_service


def register(api: Api) -> None:
    ResourceRoutes(
        api,
        vertegenwoordiging_service,
        "vertegenwoordigingen",
        "vertegenwoordigingen",
    ).register()
