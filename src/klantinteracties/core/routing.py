"""Turns a CrudService into HTTP routes. Only HTTP concerns live here.

Reads run in one read session (authenticate, parse the query string, call the service). Writes
authenticate in a short read session, then read and validate the whole body with no session
open, and only then open the write transaction for the database work; so a slow client holds no
connection and no lock. Operation ids follow the contract:
``{name}List|Create|Retrieve|Update|PartialUpdate|Destroy``.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from .auth import Principal, TokenStore
from .body import read_body
from .context import Ctx, ExpandBudget
from .db import Database, is_connection_error
from .errors import ValidationFailed, not_found
from .events import set_emitter
from .http import JSONResponse
from .openapi import body_doc, detail_params_doc, list_params_doc, response_doc
from .pagination import envelope
from .processing import RecorderFactory, set_recorder
from .registry import register_service
from .service import CrudService, Page
from .validation import decode_json
from .view import set_view

T = TypeVar("T")
Handler = Callable[..., Awaitable[Response]]
ALL_OPS = ("list", "create", "retrieve", "update", "partial_update", "destroy")


@dataclass
class Api:
    """One published API: its URL prefix, version, and the collections its root lists."""

    prefix: str  # e.g. "/klantinteracties/api/v1"
    version: str
    title: str
    routes: list[tuple[str, Handler, dict[str, Any]]] = field(default_factory=list)
    # Response models per collection, for the document: (representation, with "_expand").
    # Set before the groups register; the services build responses from the same models.
    outputs: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    collections: list[str] = field(default_factory=list)
    # The document's security scheme by name; None: Token authentication (the v1 APIs name
    # their ZGW JWT scheme here).
    security: dict[str, Any] | None = None

    def add_route(self, path: str, endpoint: Handler, **kwargs: Any) -> None:
        """Routes are collected here and put on the app by ``install_api`` under ``prefix``."""
        self.routes.append((path, endpoint, kwargs))

    def ctx(self, request: Request) -> Ctx:
        settings = request.app.state.settings
        budget = ExpandBudget(settings.max_expanded_rows)
        base = str(request.base_url).rstrip("/") + self.prefix
        return Ctx(base, budget, settings.count_estimate_from)


def db_of(request: Request) -> Database:
    return request.app.state.db


def tokens_of(request: Request) -> TokenStore:
    return request.app.state.tokens


async def authorize(session: AsyncSession, request: Request, scope: str, write: bool) -> Principal:
    """Who is asking, with the right ``scope`` needs; from here on ``session`` reads what the
    principal may see (core/view.py)."""
    header = request.headers.get("authorization")
    principal = await tokens_of(request).authorize(session, header, scope, write)
    request.state.application = principal.application or principal.identifier  # access log
    recorders: RecorderFactory | None = getattr(request.app.state, "recorders", None)
    if recorders is not None:  # the processing log is on
        request.state.recorder = await recorders.for_request(request, principal)
    attach(session, request, principal, write)
    return principal


def attach(
    session: AsyncSession, request: Request, principal: Principal, write: bool = False
) -> None:
    """Every session of the request sees as the principal and logs to the request's
    recorder; a write's session announces to the app's emitter, when notifications are on
    (core/view.py, core/processing.py, core/events.py)."""
    set_view(session, principal.view)
    set_recorder(session, getattr(request.state, "recorder", None))
    if write:
        set_emitter(session, getattr(request.app.state, "emitter", None))


async def authorize_write(request: Request, scope: str) -> Principal:
    """Writes authenticate in a short read session of their own, before the body is read: an
    unknown client never gets to send a body, and no transaction waits for one."""
    async with db_of(request).session() as session:
        return await authorize(session, request, scope, True)


@asynccontextmanager
async def write_session(request: Request, principal: Principal) -> AsyncIterator[AsyncSession]:
    """The write transaction of a request, seeing what ``principal`` may see."""
    async with db_of(request).session(write=True) as session:
        attach(session, request, principal, write=True)
        yield session


async def read_json(request: Request) -> Any:
    """The whole body, read within its size and time limits, decoded; no session is open."""
    return decode_json(request.headers.get("content-type"), await read_body(request))


async def read_with_retry(request: Request, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """A read in its own session, tried once more on a fresh connection when the first one
    was lost (e.g. the database restarted); a second failure is answered 503."""
    try:
        async with db_of(request).session() as session:
            return await work(session)
    except Exception as exc:
        if not is_connection_error(exc):
            raise
    async with db_of(request).session() as session:
        return await work(session)


def page_response(request: Request, page: Page) -> Response:
    """A list's envelope; its next/previous links keep the request's own query parameters."""
    path_url = str(request.url.replace(query=""))
    qp = request.query_params.multi_items()
    return JSONResponse(envelope(page.items, page.count, page.number, page.size, path_url, qp))


def parse_key(raw: str) -> uuidlib.UUID:
    try:
        return uuidlib.UUID(raw)
    except ValueError:
        raise not_found() from None


@dataclass(frozen=True)
class ResourceRoutes:
    api: Api
    service: CrudService
    name: str  # operationId prefix, e.g. "partijen"
    tag: str
    ops: tuple[str, ...] = ALL_OPS
    # Adds ``POST /{collection}/_zoek`` (core/search.py, which builds on this module and so is
    # handed in by the group's router rather than imported here).
    search: Callable[[ResourceRoutes], None] | None = None

    @property
    def scope(self) -> str:
        """The auth group, e.g. "partijen": the service's, which expand and filters check too."""
        return self.service.scope

    def register(self) -> None:
        path = f"/{self.service.collection}"
        self.api.collections.append(self.service.collection)
        register_service(self.service)
        common: dict[str, Any] = {"tags": [self.tag], "response_class": JSONResponse}
        for op, method, suffix, make in (
            ("list", "GET", "", self._list),
            ("create", "POST", "", self._create),
            ("retrieve", "GET", "/{uuid}", self._retrieve),
            ("update", "PUT", "/{uuid}", self._update),
            ("partial_update", "PATCH", "/{uuid}", self._partial_update),
            ("destroy", "DELETE", "/{uuid}", self._destroy),
        ):
            if op not in self.ops:
                continue
            self.api.add_route(
                path + suffix,
                make(),
                methods=[method],
                operation_id=self.name + _OP_SUFFIX[op],
                summary=f"{_SUMMARY[op]} ({self.service.collection})",
                openapi_extra=self._doc(op),
                **common,
            )
            if op == "list" and self.search is not None:
                # Before "/{uuid}": its routes (OPTIONS among them) would also match "/_zoek".
                self.search(self)

    def _doc(self, op: str) -> dict[str, Any]:
        svc = self.service
        output, expanded = self.api.outputs.get(svc.collection, (None, None))
        doc: dict[str, Any] = {"responses": response_doc(op, output, expanded)}
        if op == "list":
            doc["parameters"] = list_params_doc(svc.filterset)
        elif op == "retrieve":
            doc["parameters"] = detail_params_doc(svc.filterset)
        if op in ("create", "update", "partial_update"):
            doc["requestBody"] = body_doc(
                svc.input_model,
                patched=op == "partial_update",
                required=svc.required,
                not_null=svc.not_null,
            )
        return doc

    def _list(self) -> Handler:
        api, svc, scope = self.api, self.service, self.scope

        async def handler(request: Request) -> Response:
            qp = request.query_params

            async def work(session: AsyncSession) -> Page:
                principal = await authorize(session, request, scope, False)
                query = svc.filterset.parse_list(qp, {"expand": qp.getlist("expand")})
                principal.require_read(svc.scopes_read(query.expand, query.reads))
                return await svc.list_page(session, api.ctx(request), query)

            return page_response(request, await read_with_retry(request, work))

        return handler

    def _retrieve(self) -> Handler:
        api, svc, scope = self.api, self.service, self.scope

        async def handler(request: Request, uuid: str) -> Response:
            qp = request.query_params

            async def work(session: AsyncSession) -> dict[str, Any]:
                principal = await authorize(session, request, scope, False)
                expand = svc.filterset.parse_detail(qp, {"expand": qp.getlist("expand")})
                principal.require_read(svc.scopes_read(expand))
                return await svc.retrieve(session, api.ctx(request), parse_key(uuid), expand)

            return JSONResponse(await read_with_retry(request, work))

        return handler

    def _create(self) -> Handler:
        api, svc, scope = self.api, self.service, self.scope

        async def handler(request: Request) -> Response:
            principal = await authorize_write(request, scope)
            obj = svc.parse(await read_json(request), partial=False)
            async with write_session(request, principal) as session:
                item = await svc.create(session, api.ctx(request), obj)
            return JSONResponse(item, status_code=201, headers={"Location": item["url"]})

        return handler

    def _write(self, partial: bool) -> Handler:
        api, svc, scope = self.api, self.service, self.scope

        async def handler(request: Request, uuid: str) -> Response:
            principal = await authorize_write(request, scope)
            key = parse_key(uuid)
            data = await read_json(request)
            try:
                obj = svc.parse(data, partial=partial)
            except ValidationFailed:
                # A missing resource is reported before what is wrong with the body.
                async with db_of(request).session() as session:
                    attach(session, request, principal)
                    await svc.get_row(session, key)
                raise
            async with write_session(request, principal) as session:
                item = await svc.update(session, api.ctx(request), key, obj, partial)
            return JSONResponse(item)

        return handler

    def _update(self) -> Handler:
        return self._write(partial=False)

    def _partial_update(self) -> Handler:
        return self._write(partial=True)

    def _destroy(self) -> Handler:
        api, svc, scope = self.api, self.service, self.scope

        async def handler(request: Request, uuid: str) -> Response:
            async with db_of(request).session(write=True) as session:
                await authorize(session, request, scope, True)
                key = parse_key(uuid)
                result = await svc.destroy(session, api.ctx(request), key, request.query_params)
            if result is None:
                return Response(status_code=204)
            return JSONResponse(result)

        return handler


_OP_SUFFIX = {
    "list": "List",
    "create": "Create",
    "retrieve": "Retrieve",
    "update": "Update",
    "partial_update": "PartialUpdate",
    "destroy": "Destroy",
}

_SUMMARY = {
    "list": "Lijst opvragen",
    "create": "Aanmaken",
    "retrieve": "Eén opvragen",
    "update": "Volledig bijwerken",
    "partial_update": "Gedeeltelijk bijwerken",
    "destroy": "Verwijderen",
}
