"""What a log line may say about a failed request: its route template, never the path a client
typed (it holds uuids, and a list's query its filters), and a traceback without messages (a
driver's message quotes the values it refused, which may be personal data)."""

from __future__ import annotations

import traceback

from fastapi import Request


def scrubbed_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` and its causes: frames and exception types, no messages."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_tb(current.__traceback__))
        name = f"{type(current).__module__}.{type(current).__qualname__}"
        parts.append(f"Traceback (most recent call last):\n{frames}{name} (message withheld)")
        current = current.__cause__ or current.__context__
    return "\n\nCaused by:\n".join(reversed(parts))


def route_of(request: Request) -> str:
    """The route template (``/partijen/{uuid}``), never the path a client typed."""
    route = request.scope.get("route")
    return getattr(route, "path", None) or "(no route)"
