"""Reading the reference's PostgreSQL database: one READ ONLY, REPEATABLE READ transaction for
the whole run, so every step sees the same snapshot (a row added while the import runs is not
half seen), and nothing can be written there by mistake."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from .steps import Row, Step


def fingerprint(url: str) -> str:
    """The source's name in checkpoints: host, port and database, never the credentials."""
    u = make_url(url)
    return f"openklant-db:{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"


def dsn(url: str) -> str:
    """asyncpg takes ``postgresql://``; a SQLAlchemy form (``postgresql+asyncpg://``) works too."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class DatabaseSource:
    def __init__(self, url: str) -> None:
        self.url = url
        self.name = fingerprint(url)
        self._conn: asyncpg.Connection | None = None
        self._tx: Any = None

    async def open(self) -> None:
        self._conn = await asyncpg.connect(dsn(self.url))
        self._tx = self._conn.transaction(isolation="repeatable_read", readonly=True)
        await self._tx.start()

    async def close(self) -> None:
        if self._conn is None:
            return
        try:
            await self._tx.rollback()
        finally:
            await self._conn.close()

    @property
    def conn(self) -> asyncpg.Connection:
        assert self._conn is not None, "open() first"
        return self._conn

    @staticmethod
    def _where(step: Step) -> str:
        extra = step.source.get("where")
        return "x.id > $1" + (f" AND {extra}" if extra else "")

    async def count(self, step: Step, after: int) -> int:
        s = step.source
        sql = f"SELECT count(*) FROM {s['table']} x {s['joins']} WHERE {self._where(step)}"
        return int(await self.conn.fetchval(sql, after))

    async def batches(self, step: Step, after: int, size: int) -> AsyncIterator[list[Row]]:
        """Keyset pages by the source's ``id``, each row with its ``_id``."""
        s = step.source
        sql = (
            f"SELECT x.id AS _id, {s['columns']} FROM {s['table']} x {s['joins']} "
            f"WHERE {self._where(step)} ORDER BY x.id LIMIT $2"
        )
        while True:
            records = await self.conn.fetch(sql, after, size)
            if not records:
                return
            yield [dict(r) for r in records]
            after = records[-1]["_id"]
