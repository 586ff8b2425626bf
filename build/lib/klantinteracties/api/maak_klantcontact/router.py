"""``POST /maak-klantcontact``: one route, registered by hand (it is not a collection)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic.alias_generators import to_snake
from starlette.responses import Response

from klantinteracties.core.http import JSONResponse
from klantinteracties.core.openapi import body_doc, error_responses
from klantinteracties.core.routing import Api, authorize_write, read_json, write_session

from .schemas import MaakKlantcontact
from .service import LINKED_PARTS, maak_klantcontact_service, part_services

# The parts' links to the new klantcontact are set by the service, never demanded of the client.
LINKS = {to_snake(key) for keys in LINKED_PARTS.values() for key in keys}

SCOPE = "klantcontacten"


def _doc() -> dict[str, Any]:
    part = {"type": "object", "description": "De volledige weergave, zoals bij de eigen resource."}
    result = {
        "type": "object",
        "required": ["klantcontact", "betrokkene", "onderwerpobject"],
        "properties": {
            "klantcontact": part,
            "betrokkene": {**part, "nullable": True},
            "onderwerpobject": {**part, "nullable": True},
        },
    }
    return {
        "requestBody": body_doc(
            MaakKlantcontact,
            patched=False,
            nested_required={
                part: tuple(f for f in service.required if f not in LINKS)
                for part, service in part_services().items()
            },
            nested_ignored={part: (to_snake(keys[0]),) for part, keys in LINKED_PARTS.items()},
        ),
        "responses": {
            "201": {
                "description": "Aangemaakt.",
                "headers": {"API-version": {"schema": {"type": "string"}}},
                "content": {"application/json": {"schema": result}},
            },
            **error_responses("create"),
        },
    }


def register(api: Api) -> None:
    async def handler(request: Request) -> Response:
        principal = await authorize_write(request, SCOPE)
        prepared = maak_klantcontact_service.prepare(await read_json(request))
        async with write_session(request, principal) as session:
            body = await maak_klantcontact_service.create(session, api.ctx(request), prepared)
        # Three resources were made, so there is no single Location to point at.
        return JSONResponse(body, status_code=201)

    api.collections.append("maak-klantcontact")  # the API root lists it, as the reference does
    api.add_route(
        "/maak-klantcontact",
        handler,
        methods=["POST"],
        operation_id="maakKlantcontactCreate",
        tags=["maak-klantcontact"],
        response_class=JSONResponse,
        summary="Maak een klantcontact met een betrokkene en een onderwerpobject aan.",
        description="Maakt in één keer een klantcontact aan, met optioneel één betrokkene en één "
        "onderwerpobject daarbij. Alles wordt samen opgeslagen, of niets.",
        openapi_extra=_doc(),
    )
