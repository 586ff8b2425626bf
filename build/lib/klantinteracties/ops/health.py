"""``/_health/live`` and ``/_health/ready``: for load balancers, container engines and
Kubernetes probes. No token is needed and no personal data is shown: only what each check found.

- live: the process answers (it does not touch the database: a database outage must not get
  every instance restarted);
- ready: the database answers within ``HEALTH_TIMEOUT``, its schema is the one this code needs,
  and, with notifications on, the outbox backlog is under ``HEALTH_MAX_OUTBOX_BACKLOG`` pending
  messages (a growing backlog means no worker runs or the Notificaties API is down).
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI, Request
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.responses import JSONResponse

from klantinteracties.db.schema import HEAD
from klantinteracties.events.backlog import backlog

LIVE, READY = "/_health/live", "/_health/ready"
_HEADERS = {"Cache-Control": "no-store"}


def install(app: FastAPI) -> None:
    app.add_api_route(LIVE, live, methods=["GET"], include_in_schema=False)
    app.add_api_route(READY, ready, methods=["GET"], include_in_schema=False)


async def live() -> JSONResponse:
    return JSONResponse({"status": "ok"}, headers=_HEADERS)


async def ready(request: Request) -> JSONResponse:
    settings = request.app.state.settings
    engine = request.app.state.db.read_engine
    try:
        checks = await asyncio.wait_for(_checks(engine, settings), settings.health_timeout)
    except TimeoutError:
        checks = {"database": {"ok": False, "reason": "no answer in time"}}
    except Exception as exc:  # an outage, in any form: not ready, and say which kind
        checks = {"database": {"ok": False, "reason": type(exc).__name__}}
    ok = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if ok else "unavailable", "checks": checks}
    return JSONResponse(body, status_code=200 if ok else 503, headers=_HEADERS)


async def _checks(engine: AsyncEngine, settings: Any) -> dict[str, dict[str, Any]]:
    checks: dict[str, dict[str, Any]] = {}
    async with engine.connect() as conn:
        found = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    checks["database"] = {"ok": True}
    checks["schema"] = {"ok": found == HEAD, "revision": found, "expected": HEAD}
    if settings.notifications_url:
        now = await backlog(engine)
        limit = settings.health_max_outbox_backlog
        checks["outbox"] = {
            "ok": limit <= 0 or now.pending < limit,
            "pending": now.pending,
            "failed": now.failed,
            "oldestPendingSeconds": now.oldest_pending_seconds,
        }
    return checks
