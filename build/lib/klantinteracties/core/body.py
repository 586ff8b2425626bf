"""Reading a request body within bounds: a size limit (413) and a deadline for the whole body
(408). Routes read the body with this before they open a database session, so a slow or huge
body costs one waiting coroutine and at most the limit in memory, never a connection or a lock."""

from __future__ import annotations

import asyncio

from starlette.requests import ClientDisconnect, Request

from .errors import ProblemError


def body_too_large(limit: int) -> ProblemError:
    msg = "De request body is te groot."
    detail = f"De request body mag hoogstens {limit} bytes zijn."
    # The rest of the body is not read, so the connection cannot carry another request.
    return ProblemError(
        413, "request_too_large", msg, detail, "RequestTooLarge", headers={"Connection": "close"}
    )


def body_timeout(seconds: float) -> ProblemError:
    msg = "De request body kwam niet op tijd binnen."
    detail = f"De hele request body moet binnen {seconds:g} seconden binnen zijn."
    return ProblemError(
        408, "request_timeout", msg, detail, "RequestTimeout", headers={"Connection": "close"}
    )


def declared_length(request: Request) -> int | None:
    raw = request.headers.get("content-length")
    if raw is None or not raw.strip().isdigit():
        return None  # chunked, or a malformed header the server has already refused
    return int(raw)


async def read_body(request: Request) -> bytes:
    """The whole body, or a 413/408 problem. ``Content-Length`` is checked before reading;
    a chunked body is counted while it streams in."""
    settings = request.app.state.settings
    limit: int = settings.max_body_size
    declared = declared_length(request)
    if declared is not None and declared > limit:
        raise body_too_large(limit)
    chunks: list[bytes] = []
    size = 0

    async def collect() -> None:
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise body_too_large(limit)
            chunks.append(chunk)

    try:
        await asyncio.wait_for(collect(), settings.body_read_timeout)
    except TimeoutError:
        raise body_timeout(settings.body_read_timeout) from None
    except ClientDisconnect:
        raise body_timeout(settings.body_read_timeout) from None
    return b"".join(chunks)
