"""``POST /{collection}/_zoek``: a list's filters in a JSON body instead of the query string.

Our extension (docs/compatibility.md), after ZGW's ``zaken/_zoek``: clients search partijen and
klantcontacten by BSN, and a BSN in a URL lands in the access logs of every proxy and load
balancer on the way. The body's keys are the list's query parameter names (the same FilterSet),
so a search gives exactly the list's answer; only ``page`` and ``pageSize`` stay in the query
string, so that the ``next`` and ``previous`` links carry no filter values either.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from .errors import invalid
from .filters import PAGINATION_PARAMS, FilterSet, ParsedQuery, reject_unknown, reject_unknown_names
from .http import JSONResponse
from .openapi import list_params_doc, response_doc
from .routing import (
    Handler,
    ResourceRoutes,
    attach,
    authorize,
    page_response,
    read_json,
    read_with_retry,
)
from .service import Page

SUFFIX = "/_zoek"
EXTENSION = (
    "Extensie van deze server, niet in de standaard (Klantinteracties API): dezelfde zoekvraag "
    "als de lijst, met de filters als JSON-object in de body in plaats van in de URL, zodat "
    "een BSN of ander persoonsgegeven niet in de toegangslogs van proxies belandt. Het antwoord "
    "is dat van de lijst met dezelfde filters; `page` en `pageSize` staan in de query string en "
    "de links `next` en `previous` wijzen naar deze operatie (met dezelfde body te POSTen)."
)
_BODY_TEXT = (
    "De filters van de lijst, met hun namen als sleutels, en `expand` (tekst `a,b.c` of een "
    "lijst van teksten). Een JSON-boolean geldt als `true`/`false`, een getal als zijn tekst; "
    '`null` of `""` is geen filter. `{}` (of geen body): de hele lijst.'
)


def search_route(routes: ResourceRoutes) -> None:
    """Adds the search of ``routes``' collection to its API (``ResourceRoutes.search``)."""
    svc = routes.service
    routes.api.add_route(
        f"/{svc.collection}{SUFFIX}",
        _handler(routes),
        methods=["POST"],
        operation_id=routes.name + "Zoek",
        summary=f"Zoeken ({svc.collection})",
        tags=[routes.tag],
        response_class=JSONResponse,
        openapi_extra=_doc(routes),
    )


def _handler(routes: ResourceRoutes) -> Handler:
    api, svc, scope = routes.api, routes.service, routes.scope

    async def handler(request: Request) -> Response:
        # Authenticated before the body is read, as a write is: an unknown client never gets
        # to send one. The rights the filters and expand need are known only from the body.
        principal = await read_with_retry(request, lambda s: authorize(s, request, scope, False))
        query = search_query(svc.filterset, await read_json(request), request.query_params)
        principal.require_read(svc.scopes_read(query.expand, query.reads))

        async def work(session: AsyncSession) -> Page:
            attach(session, request, principal)  # a session of its own: it sees as the token
            return await svc.list_page(session, api.ctx(request), query)

        return page_response(request, await read_with_retry(request, work))

    return handler


def search_query(fs: FilterSet, data: Any, query_string: Mapping[str, str]) -> ParsedQuery:
    """The body as the list's query parameters, parsed by the list's own FilterSet; pagination
    from the query string, which holds nothing else."""
    reject_unknown(query_string, set(PAGINATION_PARAMS))
    if not isinstance(data, dict):
        raise invalid(
            "nonFieldErrors", "De body moet een JSON-object zijn, met filters als sleutels."
        )
    # Only the filters: page and pageSize in the body would be ignored by the links.
    reject_unknown_names(data, set(fs.by_name) | ({"expand"} if fs.expand else set()))
    params = {name: _text(name, value) for name, value in data.items() if name != "expand"}
    expand = _expand(data.get("expand"))
    if expand:
        params["expand"] = ",".join(expand)  # so that its length and NUL are checked as in a URL
    for name in PAGINATION_PARAMS:
        if name in query_string:
            params[name] = query_string[name]
    return fs.parse_list(params, {"expand": expand})


def _text(name: str, value: Any) -> str:
    """A body value as the text the same filter has in a query string."""
    if value is None:
        return ""  # as an empty query value: no filter
    if isinstance(value, str):
        return value
    if isinstance(value, bool):  # before int: a bool is an int in Python
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    raise invalid(name, "Geef een tekst, een getal, true of false, of null.")


def _expand(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise invalid("expand", "Geef expand als tekst (a,b.c) of als lijst van teksten.")


# ----- the served document -----------------------------------------------------------------------
def _doc(routes: ResourceRoutes) -> dict[str, Any]:
    svc = routes.service
    output, expanded = routes.api.outputs.get(svc.collection, (None, None))
    params = list_params_doc(svc.filterset)
    schema = {"application/json": {"schema": body_schema(params)}}
    return {
        "description": EXTENSION,
        "x-extension": True,
        "parameters": [p for p in params if p["name"] in PAGINATION_PARAMS],
        "requestBody": {"required": False, "content": schema},
        "responses": response_doc("search", output, expanded),
    }


def body_schema(list_params: list[dict[str, Any]]) -> dict[str, Any]:
    """The request body: one optional, nullable property per query parameter of the list."""
    properties: dict[str, Any] = {}
    for param in list_params:
        name = param["name"]
        if name in PAGINATION_PARAMS:
            continue
        if name == "expand":
            text = {"type": "string", "nullable": True, "description": "Komma-gescheiden."}
            prop: dict[str, Any] = {"oneOf": [text, copy.deepcopy(param["schema"])]}
        else:
            prop = {**copy.deepcopy(param["schema"]), "nullable": True}
        for key in ("description", "deprecated"):
            if key in param:
                prop[key] = param[key]
        properties[name] = prop
    return {
        "type": "object",
        "description": _BODY_TEXT,
        "additionalProperties": False,
        "properties": properties,
    }
