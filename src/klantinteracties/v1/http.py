"""HTTP pieces both v1 APIs share: who is asking (a ZGW JWT), the contexts the services get,
and the ETag of a detail response."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from klantinteracties.api import KLANTINTERACTIES_PREFIX
from klantinteracties.core.context import Ctx, ExpandBudget
from klantinteracties.core.http import JSONResponse, dumps
from klantinteracties.core.processing import RecorderFactory
from klantinteracties.core.routing import attach, db_of

from . import jwt
from .context import V1Ctx


async def authorize(
    session: AsyncSession, request: Request, scope: str, write: bool
) -> jwt.V1Principal:
    """The v1 client, which must hold ``scope``; from here on ``session`` sees and logs as its
    application (core/routing.py ``attach``), as a v2 token's requests do."""
    settings = request.app.state.settings
    header = request.headers.get("authorization")
    who = await jwt.authenticate(session, header, settings.v1_jwt_expiry, settings.v1_jwt_leeway)
    who.require(scope)
    principal = who.principal
    request.state.application = principal.application  # access log
    recorders: RecorderFactory | None = getattr(request.app.state, "recorders", None)
    if recorders is not None:
        request.state.recorder = await recorders.for_request(request, principal)
    attach(session, request, principal, write)
    return who


async def authorize_write(request: Request, scope: str) -> jwt.V1Principal:
    """In a short session of its own, before the body is read (as v2 writes do)."""
    async with db_of(request).session() as session:
        return await authorize(session, request, scope, True)


def contexts(request: Request, prefix: str) -> V1Ctx:
    settings = request.app.state.settings
    root = str(request.base_url).rstrip("/")
    budget = ExpandBudget(settings.max_expanded_rows)
    v2 = Ctx(root + KLANTINTERACTIES_PREFIX, budget, settings.count_estimate_from)
    return V1Ctx(Ctx(root + prefix, budget), v2, settings.v1_bronorganisatie)


def etag_of(item: Any) -> str:
    """Computed over the JSON representation, so equal representations have equal ETags."""
    return '"' + hashlib.sha256(dumps(item)).hexdigest()[:32] + '"'


def matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return etag in tags


def detail_response(request: Request, item: Any, status: int = 200) -> Response:
    etag = etag_of(item)
    if (
        status == 200
        and request.method in ("GET", "HEAD")
        and matches(request.headers.get("if-none-match"), etag)
    ):
        return Response(status_code=304, headers={"ETag": etag})
    return JSONResponse(item, status_code=status, headers={"ETag": etag})
