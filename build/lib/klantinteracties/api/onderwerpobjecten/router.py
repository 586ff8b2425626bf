"""onderwerpobjecten resource group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klantinteracties.core.routing import Api, ResourceRoutes

from .service import onderwerpobject_service

CASCADE_PARAM: dict[str, Any] = {
    "name": "cascade",
    "in": "query",
    "required": False,
    # Text, not boolean: like the reference, only the word true (any case) switches it on and
    # every other value is accepted as "off"; a boolean schema would promise a refusal.
    "schema": {"type": "string", "default": "false"},
    "description": "Bij `true` (hoofdletters maken niet uit; elke andere waarde: uit) worden "
    "ook de gekoppelde klantcontacten verwijderd die door geen "
    "ander onderwerpobject meer genoemd worden, met de digitale adressen die hun betrokkenen "
    "zonder partij opgaven. Alles of niets.",
}
CASCADE_RESPONSE: dict[str, Any] = {
    "description": "Verwijderd met cascade; de klantcontacten die bleven staan.",
    "headers": {"API-version": {"schema": {"type": "string"}}},
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["behouden"],
                "properties": {
                    "behouden": {
                        "type": "array",
                        "items": {"type": "string", "format": "uri"},
                        "description": "URLs van klantcontacten die nog door een ander "
                        "onderwerpobject genoemd worden en daarom niet verwijderd zijn.",
                    }
                },
            }
        }
    },
}


@dataclass(frozen=True)
class OnderwerpobjectRoutes(ResourceRoutes):
    """DELETE takes ``cascade`` and may answer 200; the documentation says so."""

    def _doc(self, op: str) -> dict[str, Any]:
        doc = super()._doc(op)
        if op == "destroy":
            doc["parameters"] = [CASCADE_PARAM]
            doc["responses"]["200"] = CASCADE_RESPONSE
        return doc


def register(api: Api) -> None:
    OnderwerpobjectRoutes(
        api, onderwerpobject_service, "onderwerpobjecten", "onderwerpobjecten"
    ).register()
