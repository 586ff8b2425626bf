"""The audit API (``/verwerkingen/api/v1``): reading the processing log. HTTP only.

It reads and never writes: there is no route that changes or deletes a record. It needs the
right ``audit:read``, which ``*`` does not include: a token that may read the registers' data
may not read who else read them. ``GET /dataverwerkingen`` searches by trace or processing
activity; a data subject is searched with ``POST /dataverwerkingen/_zoek``, so that the BSN
travels in a body and never in a URL (which proxies and access logs keep).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from klantinteracties.core.auth import AUDIT_READ, Principal
from klantinteracties.core.errors import invalid, permission_denied
from klantinteracties.core.http import JSONResponse
from klantinteracties.core.openapi import body_doc, error_responses, response_doc
from klantinteracties.core.pagination import (
    check_in_range,
    count_from_page,
    envelope,
    page_request,
)
from klantinteracties.core.routing import Api, db_of, read_json, read_with_retry, tokens_of

from . import repository
from .audit_schemas import Dataverwerking, DataverwerkingenZoek
from .audit_service import check_query, guess_type, parse_search, representation
from .processing_log import SubjectKey, write

AUDIT_PREFIX = "/verwerkingen/api/v1"
COLLECTION = "dataverwerkingen"
TAG = "dataverwerkingen"
DENIED = "Dit token heeft geen recht om de verwerkingenlogging te lezen (audit:read)."


def audit_api() -> Api:
    api = Api(prefix=AUDIT_PREFIX, version="1.0.0", title="verwerkingen")
    api.collections.append(COLLECTION)
    common: dict[str, Any] = {"tags": [TAG], "response_class": JSONResponse}
    api.add_route(
        f"/{COLLECTION}",
        _list,
        methods=["GET"],
        operation_id="dataverwerkingenList",
        summary="Logregels zoeken op trace of verwerkingsactiviteit",
        description="Geef ten minste `traceId` of `processingActivityId` op (anders 400). Op "
        "een betrokkene zoek je met `POST /dataverwerkingen/_zoek`.",
        openapi_extra={"parameters": _params(), "responses": response_doc("list", Dataverwerking)},
        **common,
    )
    listed = response_doc("list", Dataverwerking)["200"]
    api.add_route(
        f"/{COLLECTION}/_zoek",
        _search,
        methods=["POST"],
        operation_id="dataverwerkingenZoek",
        summary="Logregels zoeken, ook op betrokkene",
        description="Geef ten minste `traceId`, `processingActivityId` of `dataSubjectId` op "
        "(anders 400). De volgende pagina: dezelfde body naar de `next`-URL.",
        openapi_extra={
            "parameters": [p for p in _params() if p["name"] in ("page", "pageSize")],
            "requestBody": {**body_doc(DataverwerkingenZoek, patched=False), "required": True},
            "responses": {"200": listed, **error_responses("update")},
        },
        **common,
    )
    return api


def subject_key(request: Request) -> SubjectKey:
    key: SubjectKey = request.app.state.processing_log_key
    return key


async def _authorize(session: AsyncSession, request: Request) -> Principal:
    header = request.headers.get("authorization")
    principal = await tokens_of(request).authenticate(session, header)
    request.state.application = principal.application or principal.identifier  # access log
    if AUDIT_READ not in principal.scopes:
        raise permission_denied(DENIED)
    return principal


async def _list(request: Request) -> Response:
    qp = request.query_params

    async def work(session: AsyncSession) -> dict[str, Any]:
        await _authorize(session, request)
        check_query(qp, criteria_in_query=True)
        return await _page(session, request, parse_search(qp, None, in_body=False))

    return JSONResponse(await read_with_retry(request, work))


async def _search(request: Request) -> Response:
    async with db_of(request).session() as session:  # authenticated before the body is read
        principal = await _authorize(session, request)
    check_query(request.query_params, criteria_in_query=False)
    body = await read_json(request)
    if not isinstance(body, Mapping):
        raise invalid("nonFieldErrors", "Stuur een JSON-object.")

    async def work(session: AsyncSession) -> dict[str, Any]:
        key = await subject_key(request).get(session)
        return await _page(session, request, parse_search(body, key, in_body=True))

    page = await read_with_retry(request, work)
    await _log_subject_search(request, principal, body)
    return JSONResponse(page)


async def _log_subject_search(request: Request, principal: Principal, body: Any) -> None:
    """A search of the log for a person is itself a processing of that person's data: it is
    logged like any other read, before the answer is sent (docs/audit.md)."""
    subject = body.get("dataSubjectId")
    recorders = getattr(request.app.state, "recorders", None)
    if not isinstance(subject, str) or recorders is None:
        return
    kind = body.get("dataSubjectType") or guess_type(subject)
    recorder = await recorders.for_request(request, principal)
    async with db_of(request).session(write=True) as session:
        await write(session, recorder.activity, [(subject, kind)], recorder.key)
        await session.commit()


async def _page(
    session: AsyncSession, request: Request, criteria: repository.Criteria
) -> dict[str, Any]:
    qp = request.query_params
    req = page_request(qp.get("page"), qp.get("pageSize"))
    number = req.number or 1
    rows = []
    if req.number is not None:
        rows = await repository.page(session, criteria, (number - 1) * req.size, req.size)
    total = count_from_page(req, len(rows))
    if total is None:
        total = await repository.count(session, criteria)
    number = check_in_range(req, total)
    if req.number is None:  # "last": known only now that the count is
        rows = await repository.page(session, criteria, req.offset(total), req.size)
    path_url = str(request.url.replace(query=""))
    items = [representation(r) for r in rows]
    return envelope(items, total, number, req.size, path_url, qp.multi_items())


def _params() -> list[dict[str, Any]]:
    def text(name: str, description: str, **schema: Any) -> dict[str, Any]:
        return {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": {"type": "string", **schema},
        }

    return [
        text(
            "page",
            "Paginanummer, vanaf 1 (`last`: de laatste).",
            pattern=r"^\s*[+-]?[\d_]+\s*$|^(last)?$",
        ),
        text(
            "pageSize",
            "Aantal resultaten per pagina (standaard 100, hoogstens 500).",
            pattern=r"^[^\x00]*$",
        ),
        text(
            "processingActivityId",
            "De verwerkingsactiviteit.",
            maxLength=1000,
            pattern=r"^[^\x00]*$",
        ),
        text("since", "Gestart op of na dit tijdstip (ISO 8601).", format="date-time"),
        text("traceId", "De trace: 32 hexadecimale tekens.", pattern=r"^[0-9a-fA-F]{32}$"),
        text("until", "Gestart vóór dit tijdstip (ISO 8601).", format="date-time"),
    ]
