"""The Notificaties API as the worker and the CLI speak to it (httpx, no other dependency).

A notificatie is POSTed to ``{url}/notificaties`` as ``application/json``, a CloudEvent to
``{url}/cloudevents`` as ``application/cloudevents+json``; the body is the outbox's, byte for
byte. Any 2xx is delivered, anything else is worth another attempt. What we keep of a failure
is our own short words (``HTTP 503``, ``timeout``): a receiver's body may echo personal data.

Authentication is either a literal Authorization header value or the ZGW JWT that providers
such as Open Notificaties expect: HS256 over the client id, signed with the shared secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import httpx

from klantinteracties.db.models.outbox import CLOUDEVENT
from klantinteracties.ops import tracing
from klantinteracties.settings import Settings

PATHS = {CLOUDEVENT: "/cloudevents"}  # every other kind goes to /notificaties
CONTENT_TYPES = {CLOUDEVENT: "application/cloudevents+json"}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def zgw_jwt(client_id: str, secret: str, issued_at: int | None = None) -> str:
    """A ZGW JWT: header and claims as JSON, base64url without padding, HMAC-SHA256."""
    header = {"alg": "HS256", "typ": "JWT"}
    claims = {
        "iss": client_id,
        "iat": int(time.time()) if issued_at is None else issued_at,
        "client_id": client_id,
        "user_id": "",
        "user_representation": "",
    }
    signing_input = ".".join(
        _b64(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
    )
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def authorization(settings: Settings) -> str | None:
    """The Authorization header value for this moment, or None when none is configured."""
    literal = settings.notifications_authorization.get_secret_value()
    if literal:
        return literal
    secret = settings.notifications_secret.get_secret_value()
    if settings.notifications_client_id and secret:
        return f"Bearer {zgw_jwt(settings.notifications_client_id, secret)}"
    return None


def failure(exc: httpx.HTTPError) -> str:
    """Our words for an attempt that got no answer."""
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, httpx.ConnectError):
        return "connection refused" if _refused(exc) else "cannot connect"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return "connection lost"
    return f"request failed ({type(exc).__name__})"


def _refused(exc: BaseException) -> bool:
    """Whether a connection refusal is behind ``exc`` (httpx wraps it a few levels deep)."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, ConnectionRefusedError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class NotificationsClient:
    """One connection pool to the Notificaties API; use as ``async with``."""

    def __init__(self, settings: Settings, max_connections: int = 20) -> None:
        self.settings = settings
        self.base = settings.notifications_url.rstrip("/")
        self.http = httpx.AsyncClient(
            timeout=settings.notifications_timeout,
            limits=httpx.Limits(max_connections=max_connections),
            follow_redirects=False,
        )

    async def __aenter__(self) -> NotificationsClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.http.aclose()

    def _headers(self, content_type: str | None = None) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        auth = authorization(self.settings)
        if auth:
            headers["Authorization"] = auth
        return headers

    async def deliver(self, kind: str, body: str) -> str | None:
        """One attempt; None when delivered, else why not."""
        url = self.base + PATHS.get(kind, "/notificaties")
        headers = self._headers(CONTENT_TYPES.get(kind, "application/json"))
        try:
            # A client span and its traceparent when tracing is on (ops/tracing.py).
            with tracing.outgoing(f"POST {PATHS.get(kind, '/notificaties')}", headers):
                response = await self.http.post(url, content=body.encode(), headers=headers)
        except httpx.HTTPError as exc:
            return failure(exc)
        if 200 <= response.status_code < 300:
            return None
        return f"HTTP {response.status_code}"

    async def kanalen(self, naam: str) -> list[dict[str, Any]]:
        """The kanalen of this name the Notificaties API knows (an empty list: none)."""
        response = await self.http.get(
            f"{self.base}/kanaal", params={"naam": naam}, headers=self._headers()
        )
        _check(response, "GET /kanaal")
        found = response.json()
        if isinstance(found, dict):  # a paginated answer
            found = found.get("results", [])
        return [k for k in found if isinstance(k, dict) and k.get("naam") == naam]

    async def create_kanaal(self, kanaal: dict[str, Any]) -> None:
        response = await self.http.post(
            f"{self.base}/kanaal",
            content=json.dumps(kanaal).encode(),
            headers=self._headers("application/json"),
        )
        _check(response, "POST /kanaal")


class KanaalError(Exception):
    """The Notificaties API refused a kanaal request (the message says which and how)."""


def _check(response: httpx.Response, what: str) -> None:
    if not 200 <= response.status_code < 300:
        raise KanaalError(f"{what}: HTTP {response.status_code}")
