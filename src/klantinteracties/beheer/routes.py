"""The beheer app: its routes, mounted by app.py at /beheer (through ``install``)."""

from __future__ import annotations

from functools import partial
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from . import views
from .pages import FormTooLarge, render
from .security import SecurityHeaders
from .web import Beheer


async def _too_large(request: Request, exc: Exception) -> Response:
    return render("refused.html", 413, message="Dit formulier is te groot.", title="Geweigerd")


def create_beheer(parent: Any) -> ASGIApp:
    pages = Beheer(parent)
    routes = [
        Route("/", pages.home, methods=["GET"]),
        Route("/inloggen", pages.login_form, methods=["GET"]),
        Route("/inloggen", pages.login, methods=["POST"]),
        Route("/uitloggen", pages.logout, methods=["POST"]),
        Route("/static/beheer.css", pages.stylesheet, methods=["GET"]),
        Route("/zoeken", partial(views.search, pages), methods=["POST"]),
        Route("/partijen/{uuid}", partial(views.partij, pages), methods=["GET"]),
        Route(
            "/digitaleadressen/{uuid}",
            partial(views.edit_adres, pages),
            methods=["GET", "POST"],
        ),
    ]
    app = Starlette(routes=routes, exception_handlers={FormTooLarge: _too_large})
    return SecurityHeaders(app)  # outside Starlette's own error page, so that one has them too
