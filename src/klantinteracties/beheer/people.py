"""Finding a person and the partij page: read through the api services (reading.py), so the
same rules, view and processing log apply as to an API client."""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from klantinteracties.api.klantcontacten.service import klantcontact_service
from klantinteracties.api.partijen.service import partij_service
from klantinteracties.api.rekeningnummers.service import rekeningnummer_service
from klantinteracties.api.vertegenwoordigingen.service import vertegenwoordiging_service
from klantinteracties.core.errors import ProblemError
from klantinteracties.core.filters import ParsedQuery
from klantinteracties.core.processing import unrecorded
from klantinteracties.core.service import CrudService, Page

from .finding import matching
from .pages import render
from .reading import ctx, staff_session
from .sessions import StaffSession

RESULTS = 25  # a search that finds more asks for a sharper term
HISTORY_PAGE = 10


def origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


async def find(parent_state: Any, request: Request, who: StaffSession, term: str) -> Page:
    url = f"{origin(request)}/beheer/zoeken"
    query = ParsedQuery(clauses=[matching(term)], page_size=str(RESULTS))
    async with staff_session(parent_state, who, "beheerZoeken", url) as session:
        return await partij_service.list_page(session, ctx(parent_state, origin(request)), query)


async def _list(svc: CrudService, session: AsyncSession, c: Any, params: dict[str, str]) -> Page:
    query = svc.filterset.parse_list(params, {k: [v] for k, v in params.items()})
    return await svc.list_page(session, c, query)


async def partij_page_data(
    parent_state: Any, request: Request, who: StaffSession, key: uuidlib.UUID, page: int
) -> dict[str, Any]:
    """Everything the partij page shows. The partij's read and its contact history are logged;
    its own relations (already logged with it) are read unrecorded."""
    c = ctx(parent_state, origin(request))
    url = f"{origin(request)}/beheer/partijen/{key}"
    async with staff_session(parent_state, who, "beheerPartij", url) as session:
        partij = await partij_service.retrieve(
            session, c, key, ["digitaleAdressen", "categorieRelaties"]
        )
        history = await _list(
            klantcontact_service,
            session,
            c,
            {
                "hadBetrokkene__wasPartij__uuid": str(key),
                "page": str(page),
                "pageSize": str(HISTORY_PAGE),
            },
        )
        with unrecorded(session):
            rekeningnummers = [
                await rekeningnummer_service.retrieve(session, c, uuidlib.UUID(r["uuid"]))
                for r in partij["rekeningnummers"]
            ]
            vertegenwoordigt = await _list(
                vertegenwoordiging_service,
                session,
                c,
                {"vertegenwoordigendePartij__uuid": str(key)},
            )
            vertegenwoordigd = await _list(
                vertegenwoordiging_service, session, c, {"vertegenwoordigdePartij__uuid": str(key)}
            )
    expanded = partij.get("_expand", {})
    return {
        "partij": partij,
        "digitale_adressen": expanded.get("digitaleAdressen", []),
        "categorieen": expanded.get("categorieRelaties", []),
        "rekeningnummers": rekeningnummers,
        "vertegenwoordigt": vertegenwoordigt.items,
        "vertegenwoordigd": vertegenwoordigd.items,
        "history": history,
    }


def problem_page(exc: ProblemError, who: StaffSession) -> Response:
    messages = {
        404: "Deze partij bestaat niet (meer).",
        503: "Het register kan dit nu niet tonen; probeer het over een ogenblik opnieuw.",
    }
    message = messages.get(exc.status, "Dit verzoek kan niet worden uitgevoerd.")
    return render(
        "refused.html",
        exc.status,
        who=who,
        csrf=who.csrf_token,
        message=message,
        title="Niet gevonden" if exc.status == 404 else "Niet beschikbaar",
    )
