"""The beheer web interface under /beheer/ (a Starlette app of its own, routes.py, mounted by
app.py, so that its security headers, cookies and error pages never touch the APIs): who is
logged in, and the login and logout pages (docs/beheer.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from klantinteracties.core.auth import utcnow
from klantinteracties.core.db import Database
from klantinteracties.settings import Settings

from . import sessions
from .login import Refused, log_in
from .pages import HERE, form, render
from .security import (
    LOGIN_COOKIE,
    PATH,
    SESSION_COOKIE,
    clear_cookie,
    new_token,
    same_token,
    set_cookie,
)
from .sessions import Policy, StaffSession

WRONG = "Deze combinatie van naam, wachtwoord en code is onbekend."
NO_FACTOR = (
    "Voor dit account is een tweede factor verplicht, maar die is nog niet ingesteld. Vraag een "
    "beheerder van de server om die in te stellen."
)
LOCKED = "Te veel mislukte pogingen. Probeer het over {minutes} minuten opnieuw."
CSRF_REFUSED = (
    "Dit formulier is verlopen of niet door deze site verstuurd. Laad de pagina opnieuw en "
    "probeer het nog eens."
)


def policy(settings: Settings) -> Policy:
    return Policy(
        idle=dt.timedelta(minutes=settings.beheer_session_idle_minutes),
        absolute=dt.timedelta(hours=settings.beheer_session_max_hours),
        attempts=settings.beheer_lockout_attempts,
        lockout=dt.timedelta(minutes=settings.beheer_lockout_minutes),
    )


class Beheer:
    """The routes; ``parent`` is the API app, whose database and settings they use."""

    def __init__(self, parent: Any) -> None:
        self.parent = parent

    @property
    def db(self) -> Database:
        db: Database = self.parent.state.db
        return db

    @property
    def policy(self) -> Policy:
        return policy(self.parent.state.settings)

    async def who(self, request: Request) -> StaffSession | None:
        cookie = request.cookies.get(SESSION_COOKIE)
        if not cookie:
            return None
        async with self.db.session(write=True) as session:
            return await sessions.find(session, cookie, self.policy, utcnow())

    # ---- pages ----
    async def home(self, request: Request) -> Response:
        who = await self.who(request)
        if who is None:
            return RedirectResponse(f"{PATH}/inloggen", 303)
        return render("home.html", who=who, csrf=who.csrf_token, title="Zoeken")

    async def login_form(self, request: Request) -> Response:
        if await self.who(request) is not None:
            return RedirectResponse(f"{PATH}/", 303)
        return self._login_page()

    def _login_page(self, error: str | None = None, name: str = "", status: int = 200) -> Response:
        token = new_token()
        page = render("login.html", status, csrf=token, error=error, name=name, title="Inloggen")
        set_cookie(page, LOGIN_COOKIE, token)
        return page

    async def login(self, request: Request) -> Response:
        fields = await form(request)
        if not same_token(fields.get("csrf"), request.cookies.get(LOGIN_COOKIE)):
            return self.refused()
        name = fields.get("naam", "")
        async with self.db.session(write=True) as session:
            outcome = await log_in(
                session,
                name,
                fields.get("wachtwoord", ""),
                fields.get("code", ""),
                self.policy,
                utcnow(),
                self.parent.state.settings.beheer_require_totp,
            )
        if outcome is Refused.LOCKED:
            minutes = round(self.policy.lockout.total_seconds() / 60)
            return self._login_page(LOCKED.format(minutes=minutes), name, 429)
        if outcome is Refused.WRONG:
            return self._login_page(WRONG, name, 401)
        if outcome is Refused.NO_FACTOR:
            return self._login_page(NO_FACTOR, name, 403)
        assert isinstance(outcome, str)
        response = RedirectResponse(f"{PATH}/", 303)
        clear_cookie(response, LOGIN_COOKIE)
        set_cookie(response, SESSION_COOKIE, outcome)
        return response

    async def logout(self, request: Request) -> Response:
        who = await self.who(request)
        fields = await form(request)
        response = RedirectResponse(f"{PATH}/inloggen", 303)
        if who is None:  # nothing to end; and a request from elsewhere must not touch cookies
            return response
        if not same_token(fields.get("csrf"), who.csrf_token):
            return self.refused(who)
        async with self.db.session(write=True) as session:
            await sessions.close(session, request.cookies[SESSION_COOKIE])
        clear_cookie(response, SESSION_COOKIE)
        return response

    def refused(self, who: StaffSession | None = None) -> Response:
        csrf = who.csrf_token if who else None
        return render(
            "refused.html", 403, who=who, csrf=csrf, message=CSRF_REFUSED, title="Geweigerd"
        )

    async def stylesheet(self, request: Request) -> Response:
        return FileResponse(
            HERE / "static" / "beheer.css",
            media_type="text/css",
            headers={"cache-control": "max-age=3600"},
        )
