"""The pages behind login: the search and the partij page (their data: people.py)."""

from __future__ import annotations

import uuid as uuidlib
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from klantinteracties.core.errors import ProblemError

from .editing import FIELDS, correct, digitaal_adres
from .finding import normalized
from .pages import form, render
from .people import RESULTS, find, partij_page_data, problem_page
from .security import PATH, same_token
from .staff import BEHEERDER

if TYPE_CHECKING:
    from .web import Beheer

EMPTY = "Vul een BSN, KvK-nummer, naam, adres, e-mailadres of telefoonnummer in."


async def search(beheer: Beheer, request: Request) -> Response:
    """A POST, so that the BSN or name searched for never stands in a URL (and so in no proxy's
    access log or browser history), as with the API's ``_zoek``."""
    who = await beheer.who(request)
    if who is None:
        return RedirectResponse(f"{PATH}/inloggen", 303)
    fields = await form(request)
    if not same_token(fields.get("csrf"), who.csrf_token):
        return beheer.refused(who)
    term = normalized(fields.get("zoek", ""))
    common: dict[str, Any] = {"who": who, "csrf": who.csrf_token, "query": term, "title": "Zoeken"}
    if not term:
        return render("home.html", 400, error=EMPTY, **common)
    try:
        found = await find(beheer.parent.state, request, who, term)
    except ProblemError as exc:
        return problem_page(exc, who)
    return render("zoeken.html", results=found.items, count=found.count, limit=RESULTS, **common)


async def partij(beheer: Beheer, request: Request) -> Response:
    who = await beheer.who(request)
    if who is None:
        return RedirectResponse(f"{PATH}/inloggen", 303)
    try:
        key = uuidlib.UUID(request.path_params["uuid"])
        page = max(int(request.query_params.get("pagina", "1")), 1)
    except ValueError:
        return problem_page(ProblemError(404, "not_found", "", "", "NotFound"), who)
    try:
        data = await partij_page_data(beheer.parent.state, request, who, key, page)
    except ProblemError as exc:
        return problem_page(exc, who)
    title = data["partij"]["partijIdentificatie"].get("volledigeNaam") or "Partij"
    saved = request.query_params.get("opgeslagen") == "1"
    return render("partij.html", who=who, csrf=who.csrf_token, title=title, saved=saved, **data)


READ_ONLY = "Alleen een beheerder kan gegevens wijzigen; uw rol is raadpleger."


def _key(request: Request) -> uuidlib.UUID | None:
    try:
        return uuidlib.UUID(request.path_params["uuid"])
    except ValueError:
        return None


async def edit_adres(beheer: Beheer, request: Request) -> Response:
    """The form (GET) and its save (POST); a raadpleger gets neither."""
    who = await beheer.who(request)
    if who is None:
        return RedirectResponse(f"{PATH}/inloggen", 303)
    fields = await form(request) if request.method == "POST" else {}
    if request.method == "POST" and not same_token(fields.get("csrf"), who.csrf_token):
        return beheer.refused(who)
    if who.role != BEHEERDER:
        return render(
            "refused.html",
            403,
            who=who,
            csrf=who.csrf_token,
            message=READ_ONLY,
            title="Geen wijzigrecht",
        )
    key = _key(request)
    if key is None:
        return problem_page(ProblemError(404, "not_found", "", "", "NotFound"), who)
    try:
        errors = await correct(beheer.parent.state, request, who, key, fields) if fields else {}
        adres = await digitaal_adres(beheer.parent.state, request, who, key)
    except ProblemError as exc:
        return problem_page(exc, who)
    if fields and not errors:
        partij = (adres.get("verstrektDoorPartij") or {}).get("uuid")
        target = f"{PATH}/partijen/{partij}?opgeslagen=1" if partij else f"{PATH}/"
        return RedirectResponse(target, 303)
    values = {name: fields.get(name, adres.get(name, "")) for name in FIELDS}
    return render(
        "digitaal_adres.html",
        400 if errors else 200,
        who=who,
        csrf=who.csrf_token,
        adres=adres,
        values=values,
        errors=errors,
        title="Digitaal adres wijzigen",
    )
