"""Routes of ``/klanten/api/v1/klanten``: HTTP only (authentication, body, ETag); the rules are
in service.py. Operation ids as in the contract (``klant_list`` ...)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from klantinteracties.core.openapi import body_doc, response_doc
from klantinteracties.core.routing import (
    Api,
    page_response,
    parse_key,
    read_json,
    read_with_retry,
    write_session,
)
from klantinteracties.core.service import Page

from .. import http
from . import filters, outputs, schemas
from .service import COLLECTION, REQUIRED, klant_service, parse

PREFIX = "/klanten/api/v1"
TAG = "klanten"


async def klant_list(request: Request) -> Response:
    ctx = http.contexts(request, PREFIX)

    async def work(session: AsyncSession) -> Page:
        await http.authorize(session, request, "klanten.lezen", False)
        query = filters.parse_list(request.query_params, ctx.bronorganisatie)
        return await klant_service.list_page(session, ctx, query)

    return page_response(request, await read_with_retry(request, work))


async def klant_read(request: Request, uuid: str) -> Response:
    ctx = http.contexts(request, PREFIX)

    async def work(session: AsyncSession) -> dict[str, Any]:
        await http.authorize(session, request, "klanten.lezen", False)
        return await klant_service.retrieve(session, ctx, parse_key(uuid))

    return http.detail_response(request, await read_with_retry(request, work))


async def klant_create(request: Request) -> Response:
    who = await http.authorize_write(request, "klanten.aanmaken")
    body = parse(await read_json(request), partial=False)
    async with write_session(request, who.principal) as session:
        item = await klant_service.create(session, http.contexts(request, PREFIX), body)
    response = http.detail_response(request, item, status=201)
    response.headers["Location"] = item["url"]
    return response


def _write(partial: bool) -> Callable[..., Awaitable[Response]]:
    async def handler(request: Request, uuid: str) -> Response:
        who = await http.authorize_write(request, "klanten.bijwerken")
        key = parse_key(uuid)
        body = parse(await read_json(request), partial=partial)
        async with write_session(request, who.principal) as session:
            ctx = http.contexts(request, PREFIX)
            item = await klant_service.update(session, ctx, key, body, partial)
        return http.detail_response(request, item)

    return handler


async def klant_delete(request: Request, uuid: str) -> Response:
    who = await http.authorize_write(request, "klanten.verwijderen")
    key = parse_key(uuid)
    async with write_session(request, who.principal) as session:
        await klant_service.destroy(session, http.contexts(request, PREFIX), key)
    return Response(status_code=204)


# The document of each operation: (kind for core/openapi.py, operationId).
OPERATIONS = {
    ("", "GET"): ("list", "klant_list"),
    ("", "POST"): ("create", "klant_create"),
    ("/{uuid}", "GET"): ("retrieve", "klant_read"),
    ("/{uuid}", "PUT"): ("update", "klant_update"),
    ("/{uuid}", "PATCH"): ("partial_update", "klant_partial_update"),
    ("/{uuid}", "DELETE"): ("destroy", "klant_delete"),
}


def _param_schema(name: str) -> dict[str, Any]:
    if name == "subjectType":
        return {"type": "string", "enum": list(schemas.SUBJECT_TYPES)}
    if name == "subject":
        return {"type": "string", "format": "uri"}
    return {"type": "string"}


def _doc(kind: str) -> dict[str, Any]:
    doc: dict[str, Any] = {"responses": response_doc(kind, outputs.Klant)}
    if kind == "list":
        doc["parameters"] = [
            {"name": name, "in": "query", "required": False, "schema": _param_schema(name)}
            for name in filters.FILTERS
        ] + [{"name": "page", "in": "query", "required": False, "schema": {"type": "integer"}}]
    if kind in ("create", "update", "partial_update"):
        patched = kind == "partial_update"
        doc["requestBody"] = body_doc(schemas.Klant, patched=patched, required=REQUIRED)
    return doc


def register(api: Api) -> None:
    api.collections.append(COLLECTION)
    handlers: dict[tuple[str, str], Callable[..., Awaitable[Response]]] = {
        ("", "GET"): klant_list,
        ("", "POST"): klant_create,
        ("/{uuid}", "GET"): klant_read,
        ("/{uuid}", "PUT"): _write(False),
        ("/{uuid}", "PATCH"): _write(True),
        ("/{uuid}", "DELETE"): klant_delete,
    }
    for (suffix, method), (kind, op) in OPERATIONS.items():
        api.add_route(
            f"/{COLLECTION}{suffix}",
            handlers[(suffix, method)],
            methods=[method],
            operation_id=op,
            tags=[TAG],
            openapi_extra=_doc(kind),
        )
