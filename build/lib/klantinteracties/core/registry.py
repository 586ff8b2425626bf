"""The services by collection name, for relations that run both ways.

Expansions form a graph with circles (a partij expands to its betrokkenen, a betrokkene to its
partij and its digitale adressen, an address back to its betrokkene), so the services cannot
import each other. An expansion names its target by collection instead, and looks it up here
when a request first follows it. A service is registered when its group is registered on an Api
(``ResourceRoutes.register``), which happens for every group before the app serves a request.
"""

from __future__ import annotations

from collections.abc import Callable

from .service import CrudService

_services: dict[str, CrudService] = {}


def register_service(service: CrudService) -> None:
    _services[service.collection] = service


def registered_services() -> dict[str, CrudService]:
    """Every registered service by collection (for checks that walk all of them)."""
    return dict(_services)


def service_for(collection: str) -> Callable[[], CrudService]:
    """A function that returns the service of ``collection``, looked up when it is called."""

    def lookup() -> CrudService:
        try:
            return _services[collection]
        except KeyError:
            raise LookupError(f"no service is registered for {collection!r}") from None

    return lookup
