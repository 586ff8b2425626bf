"""HTTP plumbing shared by both APIs: JSON responses and the API middleware."""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

JSON_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC


def dumps(data: Any) -> bytes:
    return orjson.dumps(data, option=JSON_OPTIONS)


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


def _accepts_json(accept: str) -> bool:
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in ("*/*", "application/*", "application/json") or media.endswith("+json"):
            return True
    return False


# API answers are personal data for one client: no cache may keep them (unless a route says
# otherwise, as the docs page's files do), and no browser may sniff them into something else.
SECURITY_HEADERS = [(b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff")]


def allow_header(methods: set[str]) -> str:
    """Every method of a path, HEAD with GET, and OPTIONS, in a fixed order."""
    full = set(methods) | {"OPTIONS"} | ({"HEAD"} if "GET" in methods else set())
    order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    return ", ".join(m for m in order if m in full)


def _with_allow(scope: Scope, message: Message) -> list[tuple[bytes, bytes]]:
    """A 405 names every method of the path; the router only knows the one route it matched."""
    headers: list[tuple[bytes, bytes]] = message["headers"]
    if message["status"] != 405:
        return headers
    allow = getattr(scope["app"].state, "allow", {}).get(getattr(scope.get("route"), "path", ""))
    if allow is None:
        return headers
    return [(k, v) for k, v in headers if k.lower() != b"allow"] + [(b"allow", allow.encode())]


class ApiMiddleware:
    """For requests under an API prefix: adds ``API-version``, answers HEAD like GET without a
    body, and refuses an ``Accept`` header that rules out JSON (406)."""

    def __init__(self, app: ASGIApp, versions: dict[str, str]) -> None:
        self.app = app
        self.versions = versions

    def _version(self, path: str) -> str | None:
        for prefix, version in self.versions.items():
            if path.startswith(prefix):
                return version
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        version = self._version(scope["path"])
        if version is None:
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope["method"] = "GET"  # in place: the access log reads the matched route from it
        headers = dict(scope.get("headers") or [])
        accept = headers.get(b"accept", b"").decode("latin-1")
        if accept and not _accepts_json(accept):
            await self._not_acceptable(scope, send, version)
            return

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = _with_allow(scope, message)
                present = {k.lower() for k, _ in headers}
                message["headers"] = [
                    *headers,
                    (b"api-version", version.encode()),
                    *((k, v) for k, v in SECURITY_HEADERS if k not in present),
                ]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_wrapper)

    async def _not_acceptable(self, scope: Scope, send: Send, version: str) -> None:
        title = "Kan niet voldoen aan de opgegeven Accept header."
        host = dict(scope["headers"]).get(b"host", b"localhost").decode("latin-1")
        body = dumps(
            {
                "type": f"{scope.get('scheme', 'http')}://{host}/ref/fouten/NotAcceptable/",
                "code": "not_acceptable",
                "title": title,
                "status": 406,
                "detail": title,
                "instance": f"urn:uuid:{uuid.uuid4()}",
            }
        )
        await send(
            {
                "type": "http.response.start",
                "status": 406,
                "headers": [
                    (b"content-type", b"application/json"),  # the Accept header ruled out ours
                    (b"content-length", str(len(body)).encode()),
                    (b"api-version", version.encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
