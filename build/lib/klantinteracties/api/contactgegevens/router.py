from __future__ import annotations

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import organisatie_service, persoon_service

CONTACTGEGEVENS_PREFIX = "/contactgegevens/api/v1"


def register(api: Api) -> None:
    # Operation ids and tags as in the contract: singular paths, plural tags.
    ResourceRoutes(api, organisatie_service, "organisatie", "organisaties").register()
    ResourceRoutes(api, persoon_service, "persoon", "personen").register()


def contactgegevens_api() -> Api:
    """The Contactgegevens API: a second API served by the same process and database."""
    from klantinteracties.api.outputs import CONTACTGEGEVENS_OUTPUTS

    api = Api(prefix=CONTACTGEGEVENS_PREFIX, version="1.1.1", title="contactgegevens")
    api.outputs = CONTACTGEGEVENS_OUTPUTS
    register(api)
    return api
