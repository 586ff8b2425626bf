"""Opt-in server-side counters for ``bench run``: ``GET /_bench/stats``.

Registered only when the server runs with ``KLANTINTERACTIES_BENCH_STATS=1`` (never in a normal
deployment). It reports how many SQL statements this process has sent since the counter was
installed, plus its pid, so the load driver can compute statements per request. The count is
kept in a plain integer: ``Database.count_statements`` also records every statement's text,
which would grow without bound under load and spoil the memory measurement.
"""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI, Request
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.responses import JSONResponse

ENV = "KLANTINTERACTIES_BENCH_STATS"
PATH = "/_bench/stats"


def enabled() -> bool:
    return os.environ.get(ENV, "").strip().lower() in {"1", "true", "yes"}


class StatementTally:
    def __init__(self) -> None:
        self.count = 0
        self.engines: set[int] = set()

    def attach(self, engines: list[AsyncEngine]) -> None:
        for engine in engines:
            if id(engine) not in self.engines:
                event.listen(engine.sync_engine, "before_cursor_execute", self._count)
                self.engines.add(id(engine))

    def _count(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # As in Database._count: SQLite's explicit BEGIN is not a statement of the request.
        if not statement.startswith("BEGIN"):
            self.count += 1


def install(app: FastAPI) -> None:
    tally = StatementTally()

    async def stats(request: Request) -> JSONResponse:
        db = request.app.state.db
        # Attached on first use: the database only exists once the lifespan has started.
        tally.attach([db.read_engine, db.write_engine])
        return JSONResponse({"pid": os.getpid(), "statements": tally.count})

    app.add_api_route(PATH, stats, methods=["GET"], include_in_schema=False)
