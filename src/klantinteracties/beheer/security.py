"""What every beheer response carries, and the CSRF and cookie rules of every form."""

from __future__ import annotations

import hmac
import secrets

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere: the one stylesheet is a file, and there is no script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
PATH = "/beheer"
SESSION_COOKIE = "ki_beheer"
# Before login there is no session to bind a form to: the login form's token is checked
# against a cookie of its own (double submit), which another site can neither read nor set.
LOGIN_COOKIE = "ki_beheer_login"


class SecurityHeaders:
    """Adds HEADERS to every response of the beheer app, and ``Cache-Control: no-store`` to
    every one that does not set its own (pages show personal data; only the stylesheet may be
    cached)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*headers, *HEADERS]}
            await send(message)

        # Only HTTP responses have headers; anything else (the lifespan) passes as it is.
        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(sent: str | None, expected: str | None) -> bool:
    if not sent or not expected:
        return False
    return hmac.compare_digest(sent.encode(), expected.encode())


def set_cookie(response: Response, name: str, value: str) -> None:
    """A cookie only the beheer pages get, never sent by a request another site starts, never
    readable by script, and only over HTTPS (browsers treat http://localhost as secure)."""
    response.set_cookie(name, value, path=PATH, secure=True, httponly=True, samesite="strict")


def clear_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path=PATH, secure=True, httponly=True, samesite="strict")
